#pragma once
/// @file
/// Searching a steppe index. The public API holds no Xapian type.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steppe/common/error.hpp"
#include "steppe/searcher/snippet.hpp"

namespace steppe {

/// What to search for and how much to return.
struct SearchOptions {
    std::size_t limit = 10;           ///< Hits to return.
    std::size_t offset = 0;           ///< Hits to skip (for paging), in rank order.
    std::size_t snippet_bytes = 240;  ///< Byte budget of each snippet.
    bool snippets = true;             ///< Build snippets (off: ranking only).
    double bm25_k1 = 1.2;             ///< BM25 term-frequency saturation.
    double bm25_b = 0.75;             ///< BM25 length normalisation.
};

/// One document found, represented by its best passage.
struct Hit {
    std::uint32_t rank = 0;             ///< 1-based rank among all hits (offset included).
    double score = 0;                   ///< BM25 score of the best passage.
    std::string id;                     ///< Document id (a file's normalised path, a record's id).
    std::string path;                   ///< Source file.
    std::string title;                  ///< Document title.
    std::uint32_t passage = 0;          ///< 0-based number of the best passage in the document.
    std::size_t matching_passages = 1;  ///< Passages of the document that match (at least).
    Snippet snippet;                    ///< Best window of the best passage, with highlights.
};

/// The answer to one search.
struct SearchResults {
    std::vector<Hit> hits;
    std::size_t total_estimate = 0;  ///< Estimated number of matching documents.
    double elapsed_ms = 0;           ///< Wall time of the search, snippets included.
};

/// A read-only handle on an index. Thread-compatible: use one Searcher per thread (many may
/// be open on one index, also while an Indexer writes; each sees the last commit before it
/// was opened or reopen()ed).
class Searcher {
public:
    /// @throws IndexError if @p index_dir is missing, unreadable, corrupt or of another schema
    /// version.
    explicit Searcher(const std::filesystem::path& index_dir);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Ranks passages for @p query with BM25 and returns one hit per document.
    /// @throws QueryError when @p query cannot be parsed or has no word to search for.
    /// @throws IndexError when the index cannot be read.
    [[nodiscard]] SearchResults search(std::string_view query, const SearchOptions& options = {});

    /// Moves to the index's latest commit.
    void reopen();

    /// Number of passages in the index.
    [[nodiscard]] std::size_t passage_count() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace steppe
