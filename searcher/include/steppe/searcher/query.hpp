#pragma once
/// @file
/// steppe's query language, parsed into a tree. Parsing is a pure function of the query text
/// and the analyser: every word, phrase and field value goes through steppe::Analyzer, so a
/// query in any language finds what the indexer wrote. The tree is turned into a Xapian query
/// inside the searcher; the highlighter walks the same tree.
///
/// Syntax (operators are upper case; `and`, `or`, `not`, `near` are plain words):
///   word word        either word (ranked by BM25)       +word   required word
///   -word            excluded word                       a AND b, a OR b, a NOT b, (a OR b)
///   "a phrase"       the words in this order, unstemmed  a NEAR b, a NEAR/3 b
///   pre*             words starting with "pre"           title:word  title:"two words"
///   path:docs/2024   under this path                     lang:kk     type:md
///   modified:2024-01-01..2025-06-30 (also 2024, 2024-05, open ends: 2024.. or ..2025-06)

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steppe/common/analyzer.hpp"

namespace steppe {

/// A node of a parsed query.
struct QueryNode {
    enum class Kind {
        Empty,     ///< Nothing to search for (only punctuation, an empty phrase).
        MatchAll,  ///< Every passage (the left side of a query that only excludes or filters).
        Word,      ///< One word: its exact form and its stems. `tokens` has one token.
        Phrase,    ///< Words in order, unstemmed (`tokens`, two or more).
        Near,      ///< Words within `window` positions of each other, any order (`tokens`).
        Wildcard,  ///< Words starting with `text` (normalised).
        Field,     ///< Boolean filter `field`:`text` (title, path, lang, type).
        Range,     ///< Modification time in [from, to] seconds since the epoch (UTC).
        And,       ///< All children.
        Or,        ///< Any child.
        AndNot,    ///< children[0] but not children[1].
        AndMaybe,  ///< children[0]; children[1] only adds to the score.
        Filter,    ///< children[0], restricted to children[1] without changing scores.
    };

    Kind kind = Kind::Empty;
    std::vector<Token> tokens;  ///< Word, Phrase, Near (offsets are into the query text).
    std::string text;           ///< Wildcard prefix; Field value (analysed, see field).
    std::string field;          ///< Field name: "title", "path", "lang", "type", "modified".
    std::size_t window = 0;     ///< Near: positions the words must fit in.
    std::optional<std::int64_t> from, to;  ///< Range bounds, inclusive; absent = open.
    std::vector<QueryNode> children;
    ByteRange source;  ///< Bytes of the query text this node came from.

    friend bool operator==(const QueryNode&, const QueryNode&) = default;
};

/// Largest number of words a wildcard expands to (the most frequent ones are kept).
inline constexpr unsigned WILDCARD_EXPANSION = 100;
/// Words allowed between NEAR's words when no /n is given.
inline constexpr std::size_t NEAR_DEFAULT_GAP = 10;

/// Parses @p query. The result is Kind::Empty when the query holds no word to search for.
/// @throws QueryError naming the problem and its 1-based column (in code points): an
/// unbalanced quote or parenthesis, an operator without an operand, a bad NEAR distance, an
/// empty field, an unknown type, a bad date.
[[nodiscard]] QueryNode parse_query(std::string_view query, Analyzer& analyzer);

/// @p text as plain words, no syntax: every word the analyser finds is an alternative (OR),
/// whatever it is next to: quotes, operators, `-` and `field:` are only text. For natural
/// language queries (benchmark collections, questions). Kind::Empty when there is no word.
[[nodiscard]] QueryNode plain_query(std::string_view text, Analyzer& analyzer);

/// A compact, stable rendering of @p node for tests and --explain:
/// `(OR (AND a b) (PHRASE c d) (NEAR/12 e f) g* title:h (RANGE 0 86399))`.
[[nodiscard]] std::string describe(const QueryNode& node);

/// The leaves that find text (Word, Phrase, Near, Wildcard) outside any excluded branch, in
/// query order: what the highlighter marks and what --explain breaks a score into.
[[nodiscard]] std::vector<const QueryNode*> positive_leaves(const QueryNode& node);

/// Seconds since the epoch of 00:00:00 UTC on @p year-@p month-@p day (proleptic Gregorian).
[[nodiscard]] std::int64_t days_to_seconds(int year, unsigned month, unsigned day);

}  // namespace steppe
