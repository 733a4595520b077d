#pragma once
/// @file
/// The writers of one `steppe index` run: one Indexer, one per shard of a sharded index, or,
/// for a new index, one per part written in parallel and merged into one database at the end.

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "steppe/indexer/compact.hpp"
#include "steppe/indexer/indexer.hpp"

namespace steppe {

/// Passages a part of a new index commits at a time, unless told otherwise: small batches keep
/// Xapian's in-memory changes small, which is faster and leaner (measured on Wikipedia, 30 MB:
/// 22 s and 170 MB peak against 25 s and 405 MB at 20 000), and the merge compacts the
/// half-full blocks that frequent commits leave. 1 000 rather than 2 000 since the parts stopped
/// syncing their commits (bench/results/README.md): it saves CPU, and a commit no longer
/// waits for the disk.
inline constexpr std::size_t PARTS_BATCH_PASSAGES = 1'000;

/// Block size of the parts' tables. A commit rewrites each block it changes, and a part's
/// batch changes blocks all over its tables (a term's postings and positions go where the
/// term sorts): with 32 KiB blocks a commit reads and writes fewer of them, in fewer system
/// calls, and the B-trees have fewer levels (Wikipedia, 8 KiB and 32 KiB builds run at once:
/// 3 % less CPU; bench/results/README.md). The merge still writes the index in Xapian's
/// default 8 KiB blocks: the index searches and weighs as before.
inline constexpr int PARTS_BLOCK_SIZE = 32 * 1024;

/// Writers for the new-index-in-parts default: 2 when @p jobs (0: one per core) and the
/// machine allow two threads, else 1.
unsigned default_writers(unsigned jobs);

/// Routes documents to the Indexers of an index, each with its own writer thread, so N of them
/// write in parallel (Xapian has one writer per database, and it bounds indexing).
///
/// - A sharded index (a folder with the stub file schema::SHARD_STUB, or `shards` > 1 for a
///   new folder): one Indexer per shard, documents routed by internal::shard_of(id).
/// - A new index (the folder missing or empty) with `writers` > 1: written the same way in
///   `writers` parts, listed by a stub marked schema::PARTS_MARK, and merged into one glass
///   database by finish() (merge_shards()). Until then, and if the run is killed, the folder is
///   a sharded index that searches see commit by commit; a later run on it finishes the work
///   and merges. The parts' commits are not synced (schema::PARTS_UNSYNCED_MARK): a run that
///   finds parts written before the machine restarted removes them and starts again.
/// - An existing index of one database rebuilt (IndexerOptions::overwrite, `steppe index
///   --full`) with `writers` > 1: the new index is written the same way in parts beside it
///   (`NAME.full`), merged there, and put in the old one's place by finish() in one atomic
///   folder exchange. Until then the old index stays whole and searchable and its write lock
///   is held (a second writer gets IndexLockedError); a run killed before leaves it as it was,
///   and the next run on it removes the unfinished `NAME.full`.
/// - An existing sharded index rebuilt (`--full`): its new shards (as many as it has, or
///   `shards`) are written in `NAME.full` and put in its place by finish() the same way, with
///   every old shard locked until then.
/// - Otherwise one Indexer.
class Writers {
public:
    /// @throws IndexError when @p shards contradicts the index (or names an existing single
    ///         one), IndexLockedError, and what Indexer's constructor throws.
    /// @p parts_batch_passages: commit_every_passages of each part of a new index (0: that of
    /// @p options).
    Writers(const std::filesystem::path& dir, const IndexerOptions& options, std::size_t shards,
            unsigned writers, std::size_t parts_batch_passages = PARTS_BATCH_PASSAGES);

    void add(Document doc);
    /// Records file @p path in every shard (see Indexer::finish_file).
    void finish_file(const std::string& path, FileRecord record,
                     const std::vector<std::string>& ids);
    void remove_file(const std::string& path);
    /// Files recorded by every shard with the same record. A file that some shard lacks (a run
    /// killed between the shards' commits) is listed with a record no file has, so it is read
    /// again; its documents already written are unchanged and not rewritten.
    std::map<std::string, FileRecord> files();
    /// Commits every shard, all at once.
    void commit();
    /// Commits, closes the Indexers (releasing their locks) and, for a new index written in
    /// parts, merges them into one database.
    /// @returns the merge's figures when there was one.
    std::optional<CompactFacts> finish();
    /// Counts summed over the shards (complete after commit() or finish()).
    IndexerCounts counts() const;
    /// Shards the index keeps (0: one database, also for a new index merged by finish()).
    std::size_t shards() const { return parts_ ? 0 : count_; }
    /// Parts written for a new index (0: none).
    std::size_t parts() const { return parts_ ? count_ : 0; }
    /// True when the folder held the parts of a new index written without syncing before the
    /// machine restarted: they were removed, and the new index is written from the start.
    bool restarted() const { return restarted_; }

private:
    std::filesystem::path dir_;      ///< Where the Indexers write.
    std::filesystem::path replace_;  ///< A rebuild beside: the index that dir_ replaces.
    std::shared_ptr<void> lock_;     ///< Its write locks meanwhile (Xapian databases).
    std::vector<Indexer> indexers_;
    std::size_t count_ = 0;  ///< Shards or parts (0: one database).
    bool parts_ = false;
    bool restarted_ = false;
    std::optional<IndexerCounts> final_counts_;
};

}  // namespace steppe
