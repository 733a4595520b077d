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
    /// Best passages of a document shown per hit (0: none, and matching_passages is then a
    /// lower bound; otherwise one more Xapian query per hit counts them exactly).
    std::size_t fragments = 3;
    bool passages = false;  ///< One hit per passage instead of per document.
    bool explain = false;   ///< Break each hit's score down by query term.
    bool suggest = true;    ///< Look for a spelling suggestion ("did you mean").
    /// Read the query as plain words (plain_query()): no operators, phrases or fields.
    bool plain = false;
};

/// One matching passage of a hit's document, cut to the snippet budget.
struct Fragment {
    std::uint32_t passage = 0;          ///< 0-based passage number in the document.
    std::optional<std::uint32_t> page;  ///< Page of the passage (paged sources only).
    Snippet snippet;                    ///< Best window of the passage, with highlights.
};

/// The part of a hit's score that one query term (word, phrase, NEAR group, wildcard) gives.
struct TermScore {
    std::string term;  ///< The term as written in the query, normalised ("court", "\"a b\"").
    double score = 0;  ///< Its BM25 contribution to the best passage's score.
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
    /// Up to SearchOptions::fragments best matching passages of the document, in document
    /// order (the best passage always among them).
    std::vector<Fragment> fragments;
    std::vector<TermScore> explanation;  ///< Filled when SearchOptions::explain is set.
};

/// The answer to one search.
struct SearchResults {
    std::vector<Hit> hits;
    std::size_t total_estimate = 0;  ///< Estimated number of matching documents.
    double elapsed_ms = 0;           ///< Wall time of the search, snippets included.
    /// The query with misspelt words replaced by frequent close words from the index; empty
    /// when every word is known (or SearchOptions::suggest is off).
    std::string suggestion;
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

    /// Ranks passages for @p query (see query.hpp for the syntax) with BM25 and returns one
    /// hit per document (SearchOptions::passages: one per passage). When a writer's commits
    /// overtake the revision being read, it reopens at the latest commit and searches again.
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
