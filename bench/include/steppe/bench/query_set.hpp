#pragma once
/// @file
/// Queries for throughput runs on corpora that come without queries: drawn from the corpus's
/// own term statistics with a fixed seed, so every run on the same corpus times the same
/// queries.

#include <cstdint>
#include <string>
#include <vector>

namespace steppe::bench {

/// A word of the corpus and the number of passages it occurs in.
struct TermStat {
    std::string term;
    std::uint32_t passages = 0;
};

/// A generated query.
struct GeneratedQuery {
    std::string id;    ///< "t001".."tNNN".
    std::string kind;  ///< "frequent", "mid", "rare", "mixed" or "phrase".
    std::string text;  ///< The query as typed; phrases are in double quotes.
};

/// Default seed of the throughput query set.
inline constexpr std::uint64_t QUERY_SEED = 20261127;

/// Makes @p count queries of 2 to 4 words, the kinds taken in turn: frequent words (the 1% of
/// words found in the most passages), mid-frequency words (ranks 5% to 20%), rare words (found
/// in 2 to 5 passages), a mix of the three, and a quoted phrase of 2 or 3 consecutive words
/// cut from one of @p phrase_sources (the words of a passage) followed by 0 or 1 mid word.
/// Only words of 3 or more bytes without ASCII digits are drawn from @p terms. The result
/// depends on the inputs and @p seed only (std::mt19937_64, no std distributions).
[[nodiscard]] std::vector<GeneratedQuery> generate_queries(
    std::vector<TermStat> terms, const std::vector<std::vector<std::string>>& phrase_sources,
    std::size_t count, std::uint64_t seed = QUERY_SEED);

}  // namespace steppe::bench
