#pragma once
// Shared by the indexer and the searcher: English stopwords. The searcher weighs them less in
// a plain list of words; the indexer writes no stem term for them in English passages
// (schema.hpp), where the searcher looks them up by their exact form.

#include <algorithm>
#include <array>
#include <string_view>

namespace steppe::internal {

namespace stopwords_detail {

// Snowball's English list, typed in and sorted (std::binary_search below; a test checks a few).
constexpr std::array<std::string_view, 174> ENGLISH = {
    "a",          "about",   "above",     "after",   "again",    "against",   "all",    "am",
    "an",         "and",     "any",       "are",     "aren't",   "as",        "at",     "be",
    "because",    "been",    "before",    "being",   "below",    "between",   "both",   "but",
    "by",         "can't",   "cannot",    "could",   "couldn't", "did",       "didn't", "do",
    "does",       "doesn't", "doing",     "don't",   "down",     "during",    "each",   "few",
    "for",        "from",    "further",   "had",     "hadn't",   "has",       "hasn't", "have",
    "haven't",    "having",  "he",        "he'd",    "he'll",    "he's",      "her",    "here",
    "here's",     "hers",    "herself",   "him",     "himself",  "his",       "how",    "how's",
    "i",          "i'd",     "i'll",      "i'm",     "i've",     "if",        "in",     "into",
    "is",         "isn't",   "it",        "it's",    "its",      "itself",    "let's",  "me",
    "more",       "most",    "mustn't",   "my",      "myself",   "no",        "nor",    "not",
    "of",         "off",     "on",        "once",    "only",     "or",        "other",  "ought",
    "our",        "ours",    "ourselves", "out",     "over",     "own",       "same",   "shan't",
    "she",        "she'd",   "she'll",    "she's",   "should",   "shouldn't", "so",     "some",
    "such",       "than",    "that",      "that's",  "the",      "their",     "theirs", "them",
    "themselves", "then",    "there",     "there's", "these",    "they",      "they'd", "they'll",
    "they're",    "they've", "this",      "those",   "through",  "to",        "too",    "under",
    "until",      "up",      "very",      "was",     "wasn't",   "we",        "we'd",   "we'll",
    "we're",      "we've",   "were",      "weren't", "what",     "what's",    "when",   "when's",
    "where",      "where's", "which",     "while",   "who",      "who's",     "whom",   "why",
    "why's",      "with",    "won't",     "would",   "wouldn't", "you",       "you'd",  "you'll",
    "you're",     "you've",  "your",      "yours",   "yourself", "yourselves"};

constexpr bool sorted() {
    for (std::size_t i = 1; i < ENGLISH.size(); ++i)
        if (!(ENGLISH[i - 1] < ENGLISH[i])) return false;
    return true;
}
static_assert(sorted(), "ENGLISH must be sorted and without repeats");

}  // namespace stopwords_detail

/// Whether @p term (a normalised term: case-folded, apostrophes as ') is on Snowball's
/// English stopword list (snowballstem.org, algorithms/english/stop.txt: pronouns, forms of
/// be/have/do, would/should/could/ought, their contractions, articles, conjunctions,
/// prepositions and a few adverbs; not will, shall, can, may, might, must or us).
[[nodiscard]] inline bool is_english_stopword(std::string_view term) {
    using stopwords_detail::ENGLISH;
    return std::binary_search(ENGLISH.begin(), ENGLISH.end(), term);
}

}  // namespace steppe::internal
