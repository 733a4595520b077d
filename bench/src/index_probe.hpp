#pragma once
// Read-only looks into a built index that the searcher's API does not offer: the settings
// recorded in its metadata and its term statistics (for throughput query sets). Private to
// bench/; the only place here that touches Xapian.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "steppe/bench/query_set.hpp"

namespace steppe::bench::internal {

/// What an index records about how it was built.
struct IndexFacts {
    std::string analyzer_json;  ///< AnalyzerSettings::to_json() as written by the indexer.
    std::string passages_json;  ///< PassageOptions::to_json() as written by the indexer.
    std::string languages;      ///< Comma-separated language codes.
    std::string writer;         ///< steppe version that last wrote the index.
    std::size_t passages = 0;
};

/// @throws IndexError when the index cannot be read.
[[nodiscard]] IndexFacts read_index_facts(const std::filesystem::path& dir);

/// Every unprefixed (exact, unstemmed body) term of the index with its passage frequency.
/// @throws IndexError when the index cannot be read.
[[nodiscard]] std::vector<TermStat> read_term_stats(const std::filesystem::path& dir);

/// The analysed words of up to @p count passages picked with @p seed (at most 64 words each).
/// @throws IndexError when the index cannot be read.
[[nodiscard]] std::vector<std::vector<std::string>> sample_passage_words(
    const std::filesystem::path& dir, std::size_t count, std::uint64_t seed);

}  // namespace steppe::bench::internal
