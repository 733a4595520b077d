#pragma once
/// @file
/// Snippets as data: a piece of text plus the byte ranges of its highlights. Selection is a
/// pure function of the text and the matches, tested without an index.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "steppe/common/analyzer.hpp"

namespace steppe {

/// A highlighted range of Snippet::text, in UTF-8 bytes: [begin, end).
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
    friend bool operator==(const Span&, const Span&) = default;
};

/// A piece of a passage with its highlights.
struct Snippet {
    std::string text;              ///< UTF-8; line breaks shown as spaces; "…" marks a cut.
    std::vector<Span> highlights;  ///< Sorted, non-overlapping byte ranges into `text`.
    bool truncated = false;        ///< True when `text` is a cut of the passage.
};

/// A stretch of text that matches a query term.
struct Match {
    ByteRange range;       ///< Bytes in the full passage text.
    std::size_t term = 0;  ///< Which query term it matches (an index into the query's terms).
    double weight = 1.0;   ///< How much the term counts (its idf, say): rarer terms count more.
};

/// Options for snippet selection.
struct SnippetOptions {
    std::size_t max_bytes = 240;  ///< Budget for the snippet's text, ellipses included.
};

/// The best window of @p text within the byte budget: the one whose matches cover the most
/// weight of distinct query terms (a repeat counts a tenth of a new term), cut at word
/// boundaries (@p words: the analyser's tokens of @p text) and never inside a UTF-8 sequence.
/// Cuts are marked with "…". Highlights are the matches inside the window.
[[nodiscard]] Snippet make_snippet(std::string_view text, const std::vector<Token>& words,
                                   const std::vector<Match>& matches,
                                   const SnippetOptions& options = {});

}  // namespace steppe
