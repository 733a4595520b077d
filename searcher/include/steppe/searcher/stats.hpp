#pragma once
/// @file
/// What an index holds: `steppe stats`.

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace steppe {

/// Figures about one index.
struct IndexStats {
    std::string path;                                ///< The index folder.
    std::uint64_t documents = 0;                     ///< Distinct documents.
    std::uint64_t passages = 0;                      ///< Passages (Xapian documents).
    std::uint64_t distinct_terms = 0;                ///< Distinct words (unprefixed terms).
    std::map<std::string, std::uint64_t> languages;  ///< Passages per language code.
    std::map<std::string, std::uint64_t> types;      ///< Passages per source format.
    std::uint64_t size_bytes = 0;                    ///< Bytes on disk.
    std::string last_update;                         ///< UTC time of the last commit, ISO 8601.
    int schema_version = 0;
    std::string analyzer;           ///< Analyser settings (JSON).
    std::string passages_settings;  ///< Passage lengths (JSON).
    std::string writer;             ///< Version line of the last writer.
};

/// Reads the figures of the index in @p index_dir.
/// @throws IndexError when it is missing, unreadable or of another schema version.
[[nodiscard]] IndexStats index_stats(const std::filesystem::path& index_dir);

}  // namespace steppe

namespace steppe::cli {

/// Runs `steppe stats [--index DIR] [--json]`. @returns 0.
/// @throws UsageError on bad arguments, IndexError on a bad index.
int run_stats(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace steppe::cli
