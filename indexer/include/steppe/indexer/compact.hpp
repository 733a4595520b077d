#pragma once
/// @file
/// Compacting an index: rewriting its Xapian tables with full blocks, which makes it smaller
/// and its searches faster (batched commits leave blocks half full).

#include <cstdint>
#include <filesystem>

namespace steppe {

/// What compact_index() did.
struct CompactFacts {
    std::uintmax_t bytes_before = 0;  ///< Size of the index's files before.
    std::uintmax_t bytes_after = 0;   ///< And after.
    std::size_t databases = 0;        ///< Databases rewritten (the shards of a sharded index).
    double seconds = 0;
};

/// Compacts the index in @p index_dir, each local shard of a sharded one in turn. Takes the
/// index's write lock for the time it runs (a running `steppe index` makes it throw
/// IndexLockedError, and a writer started meanwhile gets that error too). Each database is
/// copied compacted into a sibling folder (`NAME.compacting`, so the parent folder needs room
/// for one more copy), then the two folders are exchanged in one atomic rename: searches
/// running meanwhile go on with the old tables, a crash at any point leaves the old or the new
/// index whole, and what was committed is in both. Leftovers of a compaction killed earlier are
/// removed first. Document ids are kept.
/// @throws IndexError (no index, not writable, disk full, a filesystem that cannot exchange
///         folders atomically: then nothing is changed), IndexLockedError.
CompactFacts compact_index(const std::filesystem::path& index_dir);

/// Merges the local shards of the sharded index in @p index_dir into one glass database in
/// its place (compacted, as compact_index() writes it): how `steppe index` ends a new index it
/// wrote in parts. Holds the write lock of every shard while it runs; the merged copy is
/// written beside the index (`NAME.merging`) and the two folders exchanged in one atomic
/// rename, so a search or a crash sees the shards or the merged database, never a mix. Then
/// the old stub and shard folders are removed. Metadata the shards share is kept once, their
/// languages united; a file record that not every shard holds is dropped (the next run reads
/// that file again). Document ids are renumbered; passages are found by their terms.
/// @throws IndexError (not a sharded index, a remote shard, disk full, no atomic exchange:
///         then nothing is changed), IndexLockedError.
CompactFacts merge_shards(const std::filesystem::path& index_dir);

/// The folder beside @p index_dir named NAME@p suffix ("idx/" names the folder "idx"): where a
/// compaction (".compacting") or a merge (".merging") writes its copy before the exchange and
/// leaves the old index until its clean-up, and where a rebuild in parts (".full") is written.
std::filesystem::path beside_index(const std::filesystem::path& index_dir, const char* suffix);

/// Puts the index in @p built in the place of @p index_dir by exchanging the two folders in one
/// atomic rename (renameat2 RENAME_EXCHANGE; a search or a crash sees one or the other whole):
/// how a compaction, a merge and a rebuild in parts put their index in place. @p what names
/// the new index in the error ("compacted").
/// @throws IndexError (after removing @p built) when the filesystem cannot; nothing is changed.
void exchange_folders(const std::filesystem::path& built, const std::filesystem::path& index_dir,
                      const char* what);

}  // namespace steppe
