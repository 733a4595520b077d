#include "steppe/common/analyzer.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <utility>

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/normalizer2.h>
#include <unicode/rbbi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include "steppe/common/error.hpp"

namespace steppe {

// --- Settings ---------------------------------------------------------------------------

namespace {

// How text becomes terms, beyond the settings a user can change. The searcher refuses an
// index that names anything else: terms it would make from queries would not match.
constexpr const char* NORMALIZATION = "NFKC_Casefold";
constexpr const char* SEGMENTATION = "icu-word";
constexpr const char* HYPHENS = "split";
constexpr const char* APOSTROPHES = "join,drop-elisions";
constexpr const char* STEMMING = "snowball-by-passage-language";

}  // namespace

std::string AnalyzerSettings::to_json() const {
    nlohmann::ordered_json j;
    j["normalization"] = NORMALIZATION;
    j["fold_diacritics"] = fold_diacritics;
    j["max_term_bytes"] = max_term_bytes;
    j["segmentation"] = SEGMENTATION;
    j["hyphens"] = HYPHENS;
    j["apostrophes"] = APOSTROPHES;
    j["stemming"] = STEMMING;
    return j.dump();
}

AnalyzerSettings AnalyzerSettings::from_json(std::string_view json) {
    nlohmann::json j;
    AnalyzerSettings s;
    try {
        j = nlohmann::json::parse(json);
        s.fold_diacritics = j.at("fold_diacritics").get<bool>();
        // Checked before the conversion: a float out of size_t's range would be undefined
        // behaviour (found by fuzz_index_meta).
        const auto& max = j.at("max_term_bytes");
        if (!max.is_number_unsigned() || max.get<std::size_t>() == 0 ||
            max.get<std::size_t>() > 245) {
            throw Error("unreadable analyser settings: max_term_bytes " + max.dump() +
                        " is not a whole number from 1 to 245");
        }
        s.max_term_bytes = max.get<std::size_t>();
        for (const auto& [key, expected] :
             {std::pair{"normalization", NORMALIZATION}, std::pair{"segmentation", SEGMENTATION},
              std::pair{"hyphens", HYPHENS}, std::pair{"apostrophes", APOSTROPHES},
              std::pair{"stemming", STEMMING}}) {
            const auto value = j.at(key).get<std::string>();
            if (value != expected) {
                throw Error("unknown analyser: " + std::string(key) + " '" + value +
                            "' (this steppe knows '" + expected + "')");
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error("unreadable analyser settings: " + std::string(e.what()));
    }
    return s;
}

namespace {

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) throw Error(std::string("ICU: ") + what + ": " + u_errorName(status));
}

/// UTF-8 text decoded to UTF-16, with the UTF-8 byte offset of every UTF-16 unit (and one
/// past the end), so that ranges found by ICU map back to the caller's bytes.
struct Decoded {
    std::u16string units;
    std::vector<std::uint32_t> offsets;

    void assign(std::string_view s) {
        units.clear();
        offsets.clear();
        units.reserve(s.size());
        offsets.reserve(s.size() + 1);
        const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
        const auto n = static_cast<std::int32_t>(s.size());
        std::int32_t i = 0;
        while (i < n) {
            const std::int32_t start = i;
            UChar32 c = 0;
            U8_NEXT(p, i, n, c);
            if (c < 0) c = 0xFFFD;  // invalid UTF-8: one replacement character per bad sequence
            if (c <= 0xFFFF) {
                units.push_back(static_cast<char16_t>(c));
                offsets.push_back(static_cast<std::uint32_t>(start));
            } else {
                units.push_back(static_cast<char16_t>(U16_LEAD(c)));
                units.push_back(static_cast<char16_t>(U16_TRAIL(c)));
                offsets.push_back(static_cast<std::uint32_t>(start));
                offsets.push_back(static_cast<std::uint32_t>(start));
            }
        }
        offsets.push_back(static_cast<std::uint32_t>(n));
    }

    [[nodiscard]] icu::UnicodeString alias() const {
        return {false, reinterpret_cast<const UChar*>(units.data()),
                static_cast<std::int32_t>(units.size())};
    }
};

/// Elided articles and prepositions (French, Italian, Catalan) that a word is written
/// joined to with an apostrophe: "l'homme" is indexed and searched as "homme". Other
/// apostrophe words stay whole ("don't", "o'brien", "türkiye'nin").
bool is_elision(std::string_view prefix) {
    static constexpr std::array<std::string_view, 22> elisions = {
        "l",    "d",      "j",      "m",     "n",      "s",     "t",    "c",
        "qu",   "lorsqu", "puisqu", "jusqu", "quoiqu", "dell",  "dall", "nell",
        "sull", "all",    "un",     "quest", "quell",  "nessun"};
    return std::find(elisions.begin(), elisions.end(), prefix) != elisions.end();
}

/// Drops a leading elision ("l'", "qu'", "dell'") from @p term when letters follow it.
void drop_elision(std::string& term) {
    const auto apostrophe = term.find('\'');
    if (apostrophe == std::string::npos || apostrophe == 0 || apostrophe + 1 >= term.size()) return;
    if (is_elision(std::string_view(term).substr(0, apostrophe))) term.erase(0, apostrophe + 1);
}

bool is_apostrophe(UChar32 c) {
    return c == u'\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07;
}

/// Scripts whose combining marks are diacritics that readers expect to fold (accents, Greek
/// tonos, Cyrillic diaeresis, Arabic harakat, Hebrew niqqud). In Indic and South-East Asian
/// scripts combining marks are vowels and must stay.
bool folds_marks(UScriptCode script) {
    switch (script) {
        case USCRIPT_LATIN:
        case USCRIPT_GREEK:
        case USCRIPT_CYRILLIC:
        case USCRIPT_ARABIC:
        case USCRIPT_HEBREW:
            return true;
        default:
            return false;
    }
}

/// Cyrillic letters that are letters of their own in the languages that use them, although
/// Unicode decomposes them (й = и + breve); folding them would also break Snowball's suffixes.
bool keeps_marks(UChar32 base) {
    return base == 0x0439 /* й */ || base == 0x045E /* ў */;
}

const std::unordered_map<std::string_view, std::string_view>& snowball_names() {
    static const std::unordered_map<std::string_view, std::string_view> names = {
        {"ar", "arabic"},    {"hy", "armenian"},  {"eu", "basque"},     {"ca", "catalan"},
        {"da", "danish"},    {"nl", "dutch"},     {"en", "english"},    {"fi", "finnish"},
        {"fr", "french"},    {"de", "german"},    {"hu", "hungarian"},  {"id", "indonesian"},
        {"ga", "irish"},     {"it", "italian"},   {"lt", "lithuanian"}, {"ne", "nepali"},
        {"nb", "norwegian"}, {"nn", "norwegian"}, {"no", "norwegian"},  {"pt", "portuguese"},
        {"ro", "romanian"},  {"ru", "russian"},   {"es", "spanish"},    {"sv", "swedish"},
        {"ta", "tamil"},     {"tr", "turkish"},
    };
    return names;
}

/// The Snowball algorithm name for a language code, or "" when Xapian has none.
std::string snowball_name(std::string_view language) {
    if (language.empty()) return {};  // (the search below would find "" everywhere, forever)
    const auto dash = language.find_first_of("-_");
    const std::string_view base = language.substr(0, dash);
    const auto& names = snowball_names();
    if (const auto it = names.find(base); it != names.end()) return std::string(it->second);
    // Accept Snowball names too ("english"), as long as Xapian knows them.
    static const std::string available = Xapian::Stem::get_available_languages();
    const std::string word(language);
    std::size_t pos = 0;
    while ((pos = available.find(word, pos)) != std::string::npos) {
        const bool starts = pos == 0 || available[pos - 1] == ' ';
        const bool ends =
            pos + word.size() == available.size() || available[pos + word.size()] == ' ';
        if (starts && ends) return word;
        pos += word.size();
    }
    return {};
}

}  // namespace

namespace {

/// Word → stem, for the stems already taken in one language. Open addressing over one
/// string arena: a lookup touches one slot and one arena line, where a node-based map chases
/// three pointers; with a vocabulary of 10^5 words every one of them misses the cache.
/// Holds at most MAX_ENTRIES words and then starts over, to bound memory.
class WordMap {
public:
    static constexpr std::size_t MAX_ENTRIES = 500'000;

    /// The stem of @p word, or nullptr. Valid until the next insert().
    [[nodiscard]] const char* find(std::string_view word, std::uint64_t hash,
                                   std::size_t& stem_len) const {
        if (slots_.empty()) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot& slot = slots_[i];
            if (slot.hash == 0) return nullptr;
            if (slot.hash == hash && slot.key_len == word.size() &&
                arena_.compare(slot.offset, slot.key_len, word) == 0) {
                stem_len = slot.stem_len;
                return arena_.data() + slot.offset + slot.key_len;
            }
        }
    }

    void insert(std::string_view word, std::uint64_t hash, std::string_view stem) {
        if (word.size() > 0xFFFF || stem.size() > 0xFFFF) return;
        if ((used_ + 1) * 2 > slots_.size()) {
            if (used_ >= MAX_ENTRIES) {
                slots_.clear();
                arena_.clear();
                used_ = 0;
            }
            grow();
        }
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = hash & mask;
        while (slots_[i].hash != 0)
            i = (i + 1) & mask;
        slots_[i] = {hash, static_cast<std::uint32_t>(arena_.size()),
                     static_cast<std::uint16_t>(word.size()),
                     static_cast<std::uint16_t>(stem.size())};
        arena_.append(word).append(stem);
        ++used_;
    }

    /// A hash of @p word that is never 0 (0 marks an empty slot).
    [[nodiscard]] static std::uint64_t hash(std::string_view word) {
        return std::hash<std::string_view>{}(word) | 1;
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t offset = 0;  // of the word in arena_, its stem right after it
        std::uint16_t key_len = 0;
        std::uint16_t stem_len = 0;
    };

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 4096 : old.size() * 2, Slot{});
        const std::size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.hash == 0) continue;
            std::size_t i = slot.hash & mask;
            while (slots_[i].hash != 0)
                i = (i + 1) & mask;
            slots_[i] = slot;
        }
    }

    std::vector<Slot> slots_;
    std::string arena_;
    std::size_t used_ = 0;
};

}  // namespace

// --- Analyzer ---------------------------------------------------------------------------

struct Analyzer::Impl {
    AnalyzerSettings settings;
    const icu::Normalizer2* nfkc_cf = nullptr;
    const icu::Normalizer2* nfd = nullptr;
    const icu::Normalizer2* nfc = nullptr;
    std::unique_ptr<icu::BreakIterator> words;
    std::unique_ptr<icu::BreakIterator> sentences;
    Decoded decoded;
    icu::UnicodeString scratch, normalized, folded;

    struct StemCache {
        Xapian::Stem stemmer;
        WordMap cache;
    };
    std::unordered_map<std::string, StemCache> stemmers;  // nodes: pointers stay valid
    std::string last_language;
    StemCache* last_stemmer = nullptr;

    explicit Impl(AnalyzerSettings s) : settings(std::move(s)) {
        UErrorCode status = U_ZERO_ERROR;
        nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
        check(status, "NFKC_Casefold");
        nfd = icu::Normalizer2::getNFDInstance(status);
        check(status, "NFD");
        nfc = icu::Normalizer2::getNFCInstance(status);
        check(status, "NFC");
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        check(status, "word break iterator");

        std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
            icu::FilteredBreakIteratorBuilder::createInstance(icu::Locale::getEnglish(), status));
        check(status, "sentence break filter");
        // ICU's English exception list, plus honorifics it lacks. Words that also end
        // sentences often ("etc.", "Inc.", "Jr.") are deliberately not here.
        for (const char16_t* abbr :
             {u"Mr.",  u"Ms.",   u"Mrs.",    u"Dr.",  u"Prof.", u"St.",  u"Gen.", u"Col.", u"Lt.",
              u"Sgt.", u"Capt.", u"Rev.",    u"Hon.", u"Gov.",  u"Sen.", u"Rep.", u"vs.",  u"e.g.",
              u"i.e.", u"cf.",   u"approx.", u"Fig.", u"Eq.",   u"Ref.", u"Vol.", u"pp."}) {
            builder->suppressBreakAfter(icu::UnicodeString(abbr), status);
        }
        check(status, "sentence break suppressions");
        sentences.reset(builder->build(
            icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status), status));
        check(status, "sentence break iterator");
    }

    /// Diacritic folding of an NFKC_Casefolded string, in place.
    void fold(icu::UnicodeString& s) {
        UErrorCode status = U_ZERO_ERROR;
        nfd->normalize(s, folded, status);
        if (U_FAILURE(status)) return;
        icu::UnicodeString out;
        UScriptCode base_script = USCRIPT_COMMON;
        UChar32 base = 0;
        for (std::int32_t i = 0; i < folded.length();) {
            const UChar32 c = folded.char32At(i);
            i += U16_LENGTH(c);
            if (u_charType(c) == U_NON_SPACING_MARK) {
                if (settings.fold_diacritics && folds_marks(base_script) && !keeps_marks(base))
                    continue;
                // Even when diacritics are kept, the dot of a case-folded İ is not one.
                if (c == 0x0307 && base == u'i') continue;
            } else {
                base = c;
                UErrorCode sc = U_ZERO_ERROR;
                base_script = uscript_getScript(c, &sc);
            }
            out.append(c);
        }
        status = U_ZERO_ERROR;
        nfc->normalize(out, s, status);
    }

    /// The normalised term of UTF-16 units [b, e) of the decoded text; empty if no letter.
    /// @p base receives the case-folded form before diacritic folding when it differs.
    std::string term_of(const char16_t* units, std::int32_t len, std::string* base) {
        bool ascii = true;
        for (std::int32_t k = 0; k < len; ++k)
            ascii = ascii && units[k] < 0x80;
        std::string term;
        if (ascii) {
            if (base != nullptr) base->clear();  // else it keeps the previous word's base
            term.resize(static_cast<std::size_t>(len));
            for (std::int32_t k = 0; k < len; ++k) {
                auto c = static_cast<char>(units[k]);
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
                term[static_cast<std::size_t>(k)] = c;
            }
        } else {
            scratch.setTo(false, reinterpret_cast<const UChar*>(units), len);
            UErrorCode status = U_ZERO_ERROR;
            nfkc_cf->normalize(scratch, normalized, status);
            if (U_FAILURE(status)) return {};
            // One apostrophe for all: ’ ʼ ＇ ‘ become '.
            for (std::int32_t i = 0; i < normalized.length(); ++i) {
                if (is_apostrophe(normalized.charAt(i))) normalized.setCharAt(i, u'\'');
            }
            if (base != nullptr) {
                base->clear();
                normalized.toUTF8String(*base);
            }
            fold(normalized);
            normalized.toUTF8String(term);
            if (base != nullptr && *base == term) base->clear();
        }
        // Apostrophes only join letters: drop them at either end ("students'", "'tis").
        const auto first = term.find_first_not_of('\'');
        if (first == std::string::npos) return {};
        const auto last = term.find_last_not_of('\'');
        term = term.substr(first, last - first + 1);
        drop_elision(term);
        if (base != nullptr && !base->empty()) {
            const auto bf = base->find_first_not_of('\'');
            const auto bl = base->find_last_not_of('\'');
            *base = bf == std::string::npos ? std::string() : base->substr(bf, bl - bf + 1);
            drop_elision(*base);
            if (*base == term) base->clear();
        }
        return term;
    }

    void ascii_words(std::string_view text, std::size_t b, std::size_t e, std::uint32_t& position,
                     std::vector<Token>& tokens);
    void icu_words(std::string_view text, std::size_t b, std::size_t e, std::uint32_t& position,
                   std::vector<Token>& tokens);

    std::string fold_utf8(const std::string& s) {
        if (std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; })) return s;
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
        fold(u);
        std::string out;
        u.toUTF8String(out);
        return out;
    }
};

Analyzer::Analyzer(AnalyzerSettings settings)
    : impl_(std::make_unique<Impl>(std::move(settings))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

const AnalyzerSettings& Analyzer::settings() const noexcept {
    return impl_->settings;
}

std::vector<Token> Analyzer::tokenize(std::string_view text) {
    std::vector<Token> tokens;
    tokenize(text, tokens);
    return tokens;
}

namespace {

/// ASCII white space: ICU's word rules break on both sides of it (a combining mark after it
/// attaches to it and makes no word either), so text can be cut after it and each piece
/// segmented on its own with the same result.
bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Word_Break classes of the ASCII characters that can be part of a word (UAX #29 as ICU 72
/// implements it: '@' is ALetter, ':' is not MidLetter).
enum class AsciiClass : std::uint8_t { Other, Letter, Digit, MidNumLet, MidNum, ExtendNumLet };

constexpr std::array<AsciiClass, 128> make_ascii_classes() {
    std::array<AsciiClass, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c)
        t[static_cast<std::size_t>(c)] = AsciiClass::Letter;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[static_cast<std::size_t>(c)] = AsciiClass::Letter;
    for (int c = '0'; c <= '9'; ++c)
        t[static_cast<std::size_t>(c)] = AsciiClass::Digit;
    t['@'] = AsciiClass::Letter;
    t['.'] = AsciiClass::MidNumLet;
    t['\''] = AsciiClass::MidNumLet;  // Single_Quote: joins like MidNumLet between letters
    t[','] = AsciiClass::MidNum;
    t[';'] = AsciiClass::MidNum;
    t['_'] = AsciiClass::ExtendNumLet;
    return t;
}
constexpr std::array<AsciiClass, 128> ASCII_CLASSES = make_ascii_classes();

AsciiClass ascii_class(char c) {
    return ASCII_CLASSES[static_cast<unsigned char>(c) & 0x7F];
}

/// Chunks of ASCII text that follow a stretch of non-ASCII text are handed to ICU with it
/// until this many come in a row: one ICU pass over "Москва (1147), Россия" costs less than
/// one per piece.
constexpr int ASCII_CHUNKS_TO_LEAVE_ICU = 8;

}  // namespace

/// Words of the pure-ASCII text [b, e) of @p text, found by UAX #29's rules restricted to
/// ASCII (WB5-WB13b); the same words ICU finds, which a test checks on random and real text.
void Analyzer::Impl::ascii_words(std::string_view text, std::size_t b, std::size_t e,
                                 std::uint32_t& position, std::vector<Token>& tokens) {
    std::size_t p = b;
    while (p < e) {
        const AsciiClass first = ascii_class(text[p]);
        if (first != AsciiClass::Letter && first != AsciiClass::Digit &&
            first != AsciiClass::ExtendNumLet) {
            ++p;
            continue;
        }
        bool alnum = first != AsciiClass::ExtendNumLet;
        AsciiClass last = first;
        std::size_t q = p + 1;
        while (q < e) {
            const AsciiClass c = ascii_class(text[q]);
            if (c == AsciiClass::Letter || c == AsciiClass::Digit ||
                c == AsciiClass::ExtendNumLet) {
                // WB5, WB8-WB10, WB13a, WB13b: letters, digits and '_' all hold together.
                alnum = alnum || c != AsciiClass::ExtendNumLet;
                last = c;
                ++q;
                continue;
            }
            if ((c == AsciiClass::MidNumLet || c == AsciiClass::MidNum) && q + 1 < e) {
                const AsciiClass next = ascii_class(text[q + 1]);
                // WB6/WB7: letter (.|') letter; WB11/WB12: digit (.|'|,|;) digit.
                const bool joins = (last == AsciiClass::Letter && c == AsciiClass::MidNumLet &&
                                    next == AsciiClass::Letter) ||
                                   (last == AsciiClass::Digit && next == AsciiClass::Digit);
                if (joins) {
                    last = next;
                    q += 2;
                    continue;
                }
            }
            break;
        }
        // A lone '_' is no word; "__" is one (ICU gives it a word status).
        if (alnum || q - p >= 2) {
            std::string term(text.substr(p, q - p));
            for (char& c : term) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            }
            drop_elision(term);
            if (!term.empty() && term.size() <= settings.max_term_bytes) {
                Token& t = tokens.emplace_back();
                t.term = std::move(term);
                t.begin = p;
                t.end = q;
                t.position = position++;
            }
        }
        p = q;
    }
}

/// Words of [b, e) of @p text found by ICU's word break iterator (dictionaries for Chinese,
/// Japanese, Thai, Lao, Khmer and Burmese), with offsets in @p text.
void Analyzer::Impl::icu_words(std::string_view text, std::size_t b, std::size_t e,
                               std::uint32_t& position, std::vector<Token>& tokens) {
    decoded.assign(text.substr(b, e - b));
    const icu::UnicodeString u = decoded.alias();
    words->setText(u);
    const char16_t* units = decoded.units.data();
    std::int32_t start = words->first();
    std::string base;
    for (std::int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
        if (words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
        std::string term = term_of(units + start, end - start, &base);
        if (term.empty() || term.size() > settings.max_term_bytes) continue;
        Token& t = tokens.emplace_back();
        t.term = std::move(term);
        t.base = base;
        t.begin = b + decoded.offsets[static_cast<std::size_t>(start)];
        t.end = b + decoded.offsets[static_cast<std::size_t>(end)];
        t.position = position++;
    }
}

void Analyzer::tokenize(std::string_view text, std::vector<Token>& tokens) {
    tokens.clear();
    auto& im = *impl_;
    std::uint32_t position = 0;
    if (!im.settings.ascii_fast_path) {
        im.icu_words(text, 0, text.size(), position, tokens);
        return;
    }
    // Cut the text after runs of ASCII white space into chunks. Pure-ASCII chunks take the
    // fast path; the others (and ASCII chunks between them) go to ICU in as few runs as
    // possible. Both paths find the same words, so where the cuts fall changes nothing.
    constexpr std::size_t NONE = std::string_view::npos;
    const std::size_t n = text.size();
    std::size_t icu_start = NONE;  // start of the pending ICU run
    std::size_t ascii_start = 0;   // start of the ASCII chunks that follow it
    int ascii_chunks = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        unsigned char high = 0;
        while (j < n && !is_ascii_space(text[j])) {
            high |= static_cast<unsigned char>(text[j]);
            ++j;
        }
        while (j < n && is_ascii_space(text[j]))
            ++j;
        const bool ascii = (high & 0x80) == 0;
        if (!ascii) {
            if (icu_start == NONE) icu_start = i;
            ascii_chunks = 0;
        } else if (icu_start == NONE) {
            im.ascii_words(text, i, j, position, tokens);
        } else {
            if (ascii_chunks++ == 0) ascii_start = i;
            if (ascii_chunks >= ASCII_CHUNKS_TO_LEAVE_ICU) {
                im.icu_words(text, icu_start, ascii_start, position, tokens);
                im.ascii_words(text, ascii_start, j, position, tokens);
                icu_start = NONE;
                ascii_chunks = 0;
            }
        }
        i = j;
    }
    if (icu_start != NONE) im.icu_words(text, icu_start, n, position, tokens);
}

std::vector<Sentence> Analyzer::sentences(std::string_view text) {
    auto& im = *impl_;
    im.decoded.assign(text);
    std::u16string& units = im.decoded.units;
    const auto n = units.size();
    // Join hard-wrapped lines: a lone line break becomes a space unless the next line starts
    // a list item. Breaks that stay (blank lines, list items) are hard sentence breaks in ICU.
    std::vector<std::uint8_t> newlines_after(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (units[i] != u'\n') continue;
        std::size_t j = i + 1;
        std::size_t count = 1;
        while (j < n &&
               (units[j] == u' ' || units[j] == u'\t' || units[j] == u'\r' || units[j] == u'\n')) {
            if (units[j] == u'\n') ++count;
            ++j;
        }
        const bool list_item = j + 1 < n &&
                               (units[j] == u'-' || units[j] == u'*' || units[j] == u'\u2022') &&
                               units[j + 1] == u' ';
        if (count == 1 && !list_item) {
            for (std::size_t k = i; k < j; ++k)
                units[k] = u' ';
            if (i > 0 && units[i - 1] == u'\r') units[i - 1] = u' ';
        }
        i = j - 1;
    }
    const icu::UnicodeString u = im.decoded.alias();
    im.sentences->setText(u);
    std::vector<Sentence> out;
    std::int32_t start = im.sentences->first();
    for (std::int32_t end = im.sentences->next(); end != icu::BreakIterator::DONE;
         start = end, end = im.sentences->next()) {
        auto b = static_cast<std::size_t>(start);
        auto e = static_cast<std::size_t>(end);
        while (b < e && u_isUWhiteSpace(units[b]))
            ++b;
        std::size_t trimmed_end = e;
        while (trimmed_end > b && u_isUWhiteSpace(units[trimmed_end - 1]))
            --trimmed_end;
        if (b == trimmed_end) {
            // White space only: a blank line between paragraphs ends the previous one.
            if (!out.empty() && std::count(units.begin() + start, units.begin() + end, u'\n') >= 1)
                out.back().ends_paragraph = true;
            continue;
        }
        const auto blank = std::count(units.begin() + static_cast<std::ptrdiff_t>(trimmed_end),
                                      units.begin() + static_cast<std::ptrdiff_t>(e), u'\n') >= 2;
        Sentence s;
        s.range = {im.decoded.offsets[b], im.decoded.offsets[trimmed_end]};
        s.ends_paragraph = blank || e == n;
        out.push_back(s);
    }
    return out;
}

std::string Analyzer::normalize(std::string_view word) {
    std::vector<Token> tokens;
    tokenize(word, tokens);
    if (tokens.empty()) return {};
    std::string joined;
    for (const auto& t : tokens)
        joined += t.term;
    return joined;
}

bool Analyzer::has_stemmer(std::string_view language) {
    return !snowball_name(language).empty();
}

std::string Analyzer::stem(const Token& token, std::string_view language) {
    const std::string& word = token.base.empty() ? token.term : token.base;
    auto& im = *impl_;
    // Callers stem run after run of words in one language: remember the last one's cache.
    if (im.last_stemmer == nullptr || im.last_language != language) {
        auto it = im.stemmers.find(std::string(language));
        if (it == im.stemmers.end()) {
            const std::string name = snowball_name(language);
            Impl::StemCache entry;
            if (!name.empty()) entry.stemmer = Xapian::Stem(name);
            it = im.stemmers.emplace(std::string(language), std::move(entry)).first;
        }
        im.last_language = it->first;
        im.last_stemmer = &it->second;
    }
    auto& sc = *im.last_stemmer;
    if (sc.stemmer.is_none()) return token.term;
    const std::uint64_t hash = WordMap::hash(word);
    std::size_t stem_len = 0;
    if (const char* hit = sc.cache.find(word, hash, stem_len)) return {hit, stem_len};
    // Stem the case-folded form (Snowball's suffixes carry their diacritics), then fold.
    std::string stemmed = im.fold_utf8(sc.stemmer(word));
    sc.cache.insert(word, hash, stemmed);
    return stemmed;
}

}  // namespace steppe
