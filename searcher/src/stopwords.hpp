#pragma once
// Internal to the searcher: English stopwords, which weigh less in a plain list of words.

#include <string_view>

namespace steppe::internal {

/// Whether @p term (a normalised query term: case-folded, apostrophes as ') is on Snowball's
/// English stopword list (snowballstem.org, algorithms/english/stop.txt: pronouns, forms of
/// be/have/do, would/should/could/ought, their contractions, articles, conjunctions,
/// prepositions and a few adverbs; not will, shall, can, may, might, must or us).
[[nodiscard]] bool is_english_stopword(std::string_view term);

}  // namespace steppe::internal
