#pragma once
/// @file
/// Writing documents into a steppe index.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/corpus/document.hpp"
#include "steppe/indexer/passages.hpp"

namespace steppe {

/// How an Indexer analyses and writes.
struct IndexerOptions {
    AnalyzerSettings analyzer;  ///< Only used when the index is created; then recorded.
    PassageOptions passages;    ///< Passage lengths for documents added from now on.
    /// On an index that records its passage lengths (every index does once written), use
    /// those instead of `passages`, so all of its documents are cut alike (`steppe index`
    /// does unless --passage-words is given; a new or overwritten index takes `passages`).
    bool passages_of_index = false;
    /// Language of the documents (ISO 639-1 code such as "en"), which picks the stemmer and is
    /// recorded per passage; "auto" detects each document's language (detect_language()).
    std::string language = "auto";
    bool overwrite = false;  ///< Start from an empty index, dropping what is there.
    /// Threads that analyse documents (0: one per core). With 1, add() analyses and writes in
    /// the calling thread; otherwise workers analyse while one writer thread writes.
    unsigned jobs = 1;
    /// Record each commit's words in the spelling data (did you mean). Off for the parts of a
    /// new index (Writers): merge_shards() then builds the spelling data once, from the terms.
    bool spelling = true;
    /// Commit automatically once this many passages are pending (0: never automatically).
    /// Xapian's in-memory batch costs more per posting as it grows: 2 000 writes faster than
    /// 20 000 (bench/results/README.md).
    std::size_t commit_every_passages = 2'000;
    /// Commit automatically once this many bytes of text are pending (0: never automatically).
    std::size_t commit_every_bytes = 32u << 20;
    /// Force each commit to disk before it returns (Xapian's default). Off (DB_NO_SYNC), a
    /// commit survives the process being killed but not the machine stopping: Writers turns it
    /// off for the parts of a new index, which it builds again after a restart of the machine.
    bool sync_commits = true;
    /// Block size in bytes of the tables of a database this creates (a power of 2 from 2048
    /// to 65536; 0: Xapian's default, 8192). An existing database keeps its own. Writers gives
    /// the parts of a new index larger blocks (PARTS_BLOCK_SIZE); the merge writes 8 KiB ones.
    int block_size = 0;
};

/// What an Indexer has done since it was opened.
struct IndexerCounts {
    std::size_t added = 0;      ///< Documents that were new.
    std::size_t updated = 0;    ///< Documents that replaced an earlier version with other text.
    std::size_t unchanged = 0;  ///< Documents given again with the same text (not rewritten).
    std::size_t removed = 0;    ///< Documents removed.
    std::size_t passages = 0;   ///< Passages written.
    std::size_t bytes = 0;      ///< Bytes of document text analysed.
    std::size_t commits = 0;    ///< Commits made.
};

/// What the index remembers of a source file, to skip it when it has not changed.
struct FileRecord {
    std::uint64_t size = 0;  ///< Bytes on disk when it was indexed.
    std::int64_t mtime = 0;  ///< Modification time then, nanoseconds since the epoch.
    friend bool operator==(const FileRecord&, const FileRecord&) = default;
};

/// The single writer of an index. Holds the index's write lock from construction to
/// destruction: a second Indexer on the same folder, in this process or another, fails with
/// IndexLockedError. Searchers may read the index meanwhile and see each commit when they
/// reopen. Calls must come from one thread; with `jobs` > 1 the Indexer runs its own worker
/// threads and write errors surface from the next call.
///
/// Crash safety: each commit is atomic. A file's record (finish_file()) is written after all
/// of its documents, in the same or a later commit, so a crash never leaves a file recorded
/// whose passages are missing; the next run redoes what was not committed.
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

    /// Adds @p doc, replacing every passage of an earlier document with the same id. A document
    /// whose id, title, text and type are those already indexed is not rewritten.
    /// @throws IndexError when the index cannot be written.
    void add(Document doc);

    /// Removes every passage of document @p doc_id.
    void remove(std::string_view doc_id);

    /// Records that source file @p path (as in Document::path) was read completely: stores
    /// @p record and removes the documents that came from @p path earlier but are not in
    /// @p ids (records gone from a JSON Lines file).
    void finish_file(const std::string& path, FileRecord record, std::vector<std::string> ids);

    /// Removes every document that came from source file @p path, and its record.
    void remove_file(const std::string& path);

    /// The source files the index holds, with their records (after what is pending is written).
    [[nodiscard]] std::map<std::string, FileRecord> files();

    /// Writes everything pending and makes it durable and visible to searchers.
    /// @throws IndexError when the commit fails (the index keeps its last committed state).
    void commit();

    /// Counts so far (complete after commit()).
    [[nodiscard]] IndexerCounts counts() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace steppe
