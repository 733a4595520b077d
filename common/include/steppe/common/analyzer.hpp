#pragma once
/// @file
/// The text analyser shared by the indexer and the query parser: ICU word and sentence
/// segmentation, NFKC normalisation, full case folding and (optional) diacritic folding, and
/// Snowball stemming per language. A word in a document and the same word typed in a query
/// always become the same terms because both sides call this code with the settings recorded
/// in the index.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace steppe {

/// One word of analysed text.
struct Token {
    std::string term;            ///< Normalised form: NFKC, case- and diacritic-folded, UTF-8.
    std::size_t begin = 0;       ///< UTF-8 byte offset of the word's first byte in the input.
    std::size_t end = 0;         ///< UTF-8 byte offset one past the word's last byte.
    std::uint32_t position = 0;  ///< Ordinal of the word among the input's words, from 0.
    /// The case-folded form before diacritic folding, which is what a stemmer sees; empty
    /// when it equals `term`.
    std::string base;
};

/// A [begin, end) range of UTF-8 byte offsets.
struct ByteRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

/// A sentence found by the sentence segmenter.
struct Sentence {
    ByteRange range;              ///< Bytes of the sentence, surrounding white space trimmed.
    bool ends_paragraph = false;  ///< A blank line (or the end of the text) follows it.
};

/// Settings that change which terms text becomes; recorded in the index's metadata (with the
/// fixed rules: NFKC_Casefold, ICU word segmentation, hyphens split, apostrophes join with
/// elisions dropped, Snowball stems in each passage's language).
struct AnalyzerSettings {
    /// Remove combining diacritics from Latin, Greek, Cyrillic, Arabic and Hebrew letters
    /// (café → cafe, ё → е). Letters without a decomposition (Kazakh қ, Turkish ı) stay.
    bool fold_diacritics = true;
    /// Words longer than this many bytes after normalisation are dropped (Xapian's terms are
    /// limited to 245 bytes).
    std::size_t max_term_bytes = 64;

    /// Segment pure-ASCII stretches of text without ICU (UAX #29's rules for ASCII). It finds
    /// the same words as ICU, only faster, so it is not recorded in the index; turning it off
    /// is for tests and benchmarks.
    bool ascii_fast_path = true;

    /// The settings as a JSON object, for the index metadata.
    [[nodiscard]] std::string to_json() const;
    /// @throws Error if @p json is not an object written by to_json().
    [[nodiscard]] static AnalyzerSettings from_json(std::string_view json);
    /// Equal when they make the same terms (ascii_fast_path is not compared).
    friend bool operator==(const AnalyzerSettings& a, const AnalyzerSettings& b) {
        return a.fold_diacritics == b.fold_diacritics && a.max_term_bytes == b.max_term_bytes;
    }
};

/// Segments and normalises text. Thread-compatible: the ICU break iterators it holds are
/// stateful, so use one Analyzer per thread (construction costs well under a millisecond).
class Analyzer {
public:
    /// @throws Error if ICU's data cannot be loaded.
    explicit Analyzer(AnalyzerSettings settings = {});
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    [[nodiscard]] const AnalyzerSettings& settings() const noexcept;

    /// The words of @p text, in order, with their byte ranges in @p text. Invalid UTF-8 is
    /// read as U+FFFD and never makes a word. Punctuation, white space and emoji make no words.
    /// Words are UAX #29 words as ICU finds them, with dictionaries for Chinese, Japanese, Thai,
    /// Lao, Khmer and Burmese: a hyphen splits a word ("state-of-the-art" is four words), an
    /// apostrophe between letters does not ("don't"; ’ ʼ ＇ become '), and a leading elided
    /// article or preposition is dropped ("l'homme" → "homme", "dell'uomo" → "uomo").
    [[nodiscard]] std::vector<Token> tokenize(std::string_view text);
    /// As tokenize(text), reusing @p out's storage.
    void tokenize(std::string_view text, std::vector<Token>& out);

    /// The sentences of @p text. A single line break inside a paragraph is not a boundary (hard
    /// wrapped text reads as flowing text); a blank line, or a line that starts a list item, is.
    /// Abbreviations such as "Mr.", "Ms." and "Dr." do not end a sentence.
    [[nodiscard]] std::vector<Sentence> sentences(std::string_view text);

    /// The normalised form of one word (what tokenize() would make of it), or "" when
    /// @p word holds no letter or digit.
    [[nodiscard]] std::string normalize(std::string_view word);

    /// True when Xapian has a Snowball stemmer for @p language (an ISO 639-1 code such as
    /// "en" or "ru", or a Snowball name such as "english").
    [[nodiscard]] static bool has_stemmer(std::string_view language);

    /// The stem of @p token in @p language, diacritic-folded as terms are; the token's term
    /// when the language has no stemmer. Stems are cached per language.
    [[nodiscard]] std::string stem(const Token& token, std::string_view language);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace steppe
