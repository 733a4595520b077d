#pragma once
/// @file
/// Writing documents into a steppe index.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "steppe/common/analyzer.hpp"
#include "steppe/corpus/document.hpp"
#include "steppe/indexer/passages.hpp"

namespace steppe {

/// How an Indexer analyses and writes.
struct IndexerOptions {
    AnalyzerSettings analyzer;  ///< Only used when the index is created; then recorded.
    PassageOptions passages;    ///< Passage lengths for documents added from now on.
    /// Language of the documents (ISO 639-1 code such as "en"), which picks the stemmer and is
    /// recorded per passage; "auto" detects each document's language (detect_language()).
    std::string language = "auto";
    bool overwrite = false;  ///< Start from an empty index, dropping what is there.
    /// Commit automatically after this many passages (0: only when commit() is called).
    std::size_t commit_every_passages = 50'000;
};

/// What an Indexer has done since it was opened.
struct IndexerCounts {
    std::size_t documents = 0;  ///< Documents added or replaced.
    std::size_t passages = 0;   ///< Passages written.
    std::size_t removed = 0;    ///< Documents removed (replacements included).
    std::size_t bytes = 0;      ///< Bytes of document text analysed.
};

/// The single writer of an index. Holds the index's write lock from construction to
/// destruction: a second Indexer on the same folder, in this process or another, fails with
/// IndexLockedError. Searchers may read the index meanwhile and see each commit when they
/// reopen. Not thread-safe: call it from one thread.
class Indexer {
public:
    /// Opens (or creates) the index in @p index_dir.
    /// @throws IndexLockedError when another writer holds the lock.
    /// @throws IndexError when the folder cannot be opened or holds another schema or analyser.
    /// @throws Error when options.language is neither "auto" nor a language code.
    explicit Indexer(const std::filesystem::path& index_dir, IndexerOptions options = {});
    /// Commits what is pending (errors are swallowed: call commit() to see them).
    ~Indexer();
    Indexer(Indexer&&) noexcept;
    Indexer& operator=(Indexer&&) noexcept;

    /// Adds @p doc, replacing every passage of an earlier document with the same id.
    /// @returns the number of passages written.
    /// @throws IndexError when the index cannot be written.
    std::size_t add(const Document& doc);

    /// Removes every passage of document @p doc_id. @returns false when there was none.
    bool remove(std::string_view doc_id);

    /// Makes everything added so far durable and visible to searchers.
    /// @throws IndexError when the commit fails (the index keeps its last committed state).
    void commit();

    [[nodiscard]] const IndexerCounts& counts() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace steppe
