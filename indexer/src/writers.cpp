#include "steppe/indexer/writers.hpp"

#include <algorithm>
#include <exception>
#include <future>
#include <optional>
#include <system_error>
#include <thread>

#include <xapian.h>

#include "steppe/common/error.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/internal/shards.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe {

namespace fs = std::filesystem;

namespace {

/// Shards of the index in @p dir (0: not sharded), checked against --shards @p asked (0: not
/// given); @p parts is set when the stub is that of a new index written in parts.
/// @throws IndexError when @p asked would change the routing of an existing index.
std::size_t shard_count(const fs::path& dir, std::size_t asked, bool& parts) {
    const auto stub = dir / schema::SHARD_STUB;
    std::error_code ec;
    if (fs::is_regular_file(stub, ec)) {
        const auto specs = internal::read_stub(stub);
        for (std::size_t i = 0; i < specs.size(); ++i) {
            if (specs[i].kind != internal::ShardSpec::Kind::Local ||
                specs[i].path != dir / internal::shard_folder(i)) {
                throw IndexError(stub.string() + ": line '" + specs[i].line +
                                 "' is not the shard 'auto " + internal::shard_folder(i) +
                                 "' that steppe index writes; index into the folder of the " +
                                 "local shards (" + dir.string() + " as written by " +
                                 "'steppe index --shards N')");
            }
        }
        parts = internal::is_parts_stub(stub);
        if (asked != 0 && asked != specs.size() && !parts) {
            throw IndexError(dir.string() + ": the index has " + std::to_string(specs.size()) +
                             " shards; --shards " + std::to_string(asked) +
                             " would move documents to other shards. Give --shards " +
                             std::to_string(specs.size()) +
                             " (or leave it out), or index into a new folder");
        }
        return specs.size();
    }
    if (asked <= 1) return 0;
    if (fs::exists(dir / "iamglass", ec)) {
        throw IndexError(dir.string() + ": holds an index that is not sharded; --shards " +
                         std::to_string(asked) +
                         " needs a new folder (or remove this one and index again)");
    }
    return asked;
}

/// True when @p dir does not exist or is an empty folder: a new index may be written in parts
/// there (the merge exchanges the folder, which must hold nothing else).
bool new_folder(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return !ec;
    return fs::is_directory(dir, ec) && fs::is_empty(dir, ec) && !ec;
}

/// True when @p name is one of the files a glass database keeps in its folder.
bool is_glass_file(const std::string& name) {
    return name == "iamglass" || name == "flintlock" || name.ends_with(".glass");
}

/// True when @p dir holds one glass database and nothing else: a rebuild may then be
/// written beside it and put in its place (the exchange moves the whole folder).
bool plain_database(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / "iamglass", ec)) return false;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file(ec) || !is_glass_file(name)) return false;
    }
    return !ec;
}

/// The write lock of the database in @p dir, held while a rebuild is written beside it; none
/// when the database is too damaged to open: the rebuild then overwrites it in place, as
/// there is no whole index to keep searchable meanwhile (and --full is the way out of damage).
/// @throws IndexLockedError when another writer holds it, IndexError when it cannot be written.
std::optional<Xapian::WritableDatabase> lock_for_rebuild(const fs::path& dir) {
    try {
        return Xapian::WritableDatabase(dir.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    } catch (const Xapian::DatabaseLockError&) {
        return internal::open_writable(dir.string(), Xapian::DB_OPEN);  // throws, saying why
    } catch (const Xapian::DatabaseError&) {
        return std::nullopt;  // corrupt, truncated, or not readable as a glass database
    }
}

fs::path rebuild_folder(const fs::path& dir) {
    return beside_index(dir, ".full");
}

/// True when a writer holds the lock of the glass database in @p dir: a process is still at
/// work on it (a merge or compaction that has exchanged its folders and is removing the old).
bool locked(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / "iamglass", ec)) return false;
    try {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
        return false;
    } catch (const Xapian::DatabaseLockError&) {
        return true;
    } catch (const Xapian::Error&) {
        return false;  // damaged: a leftover all the same
    }
}

/// Removes what a rebuild, merge or compaction killed earlier left in @p folder (parts, their
/// stub, a merged or an old database), and the folder too unless @p keep_folder. @returns
/// false, removing nothing, when @p folder holds anything else (it is then not ours to remove)
/// or a database a writer holds (its process is still removing it).
/// @throws IndexError when it cannot be removed.
bool remove_unfinished_rebuild(const fs::path& folder, bool keep_folder = false) {
    std::error_code ec;
    if (!fs::exists(folder, ec)) return true;
    if (locked(folder)) return false;
    std::vector<fs::path> shards, files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        const bool ours = entry.is_directory(ec)
                              ? name.starts_with("shard-") && !locked(entry.path())
                              : name == schema::SHARD_STUB || is_glass_file(name) ||
                                    name == std::string(schema::SHARD_STUB) + ".tmp";
        if (!ours) return false;
        (entry.is_directory(ec) ? shards : files).push_back(entry.path());
    }
    if (keep_folder) {
        // The stub goes last: a run stopped half-way leaves it to say what the folder was.
        for (const auto& path : shards)
            if (!ec) fs::remove_all(path, ec);
        for (const auto& path : files)
            if (!ec) fs::remove(path, ec);
    } else {
        fs::remove_all(folder, ec);
    }
    if (ec)
        throw IndexError(folder.string() +
                         ": cannot remove an unfinished rebuild: " + ec.message());
    return true;
}

}  // namespace

unsigned default_writers(unsigned jobs) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return (jobs == 0 ? cores : jobs) >= 2 && cores >= 2 ? 2 : 1;
}

Writers::Writers(const fs::path& dir, const IndexerOptions& options, std::size_t shards,
                 unsigned writers, std::size_t parts_batch_passages)
    : dir_(dir) {
    std::error_code ec;
    bool old_parts = false;
    const std::size_t old_shards =
        options.overwrite && fs::is_regular_file(dir / schema::SHARD_STUB, ec)
            ? shard_count(dir, 0, old_parts)
            : 0;
    auto held = std::make_shared<std::vector<Xapian::WritableDatabase>>();
    if (old_shards > 1 && !old_parts) {
        for (std::size_t i = 0; i < old_shards; ++i) {
            auto lock = lock_for_rebuild(dir / internal::shard_folder(i));
            if (!lock) break;
            held->push_back(std::move(*lock));
        }
    } else if (options.overwrite && shards == 0 && writers > 1 && plain_database(dir)) {
        if (auto lock = lock_for_rebuild(dir)) held->push_back(std::move(*lock));
    }
    const bool sharded_rebuild = old_shards > 1 && !old_parts && held->size() == old_shards;
    const bool plain_rebuild = old_shards == 0 && held->size() == 1;
    if (sharded_rebuild || plain_rebuild) {
        // --full: the new index is written beside the old one (in parts, merged at the end, or
        // shard by shard: as many shards as it has unless --shards says otherwise), which stays
        // whole, searchable and locked (its writer would lose its commits to the exchange)
        // until finish() puts the new folder in its place.
        lock_ = held;
        replace_ = dir;
        dir_ = rebuild_folder(dir);
        if (!remove_unfinished_rebuild(dir_)) {
            throw IndexError(dir_.string() +
                             ": holds files that are not an unfinished rebuild of the index "
                             "beside it; move them away (steppe index --full writes its rebuild "
                             "there)" +
                             (plain_rebuild ? ", or rebuild in place with --writers 1" : ""));
        }
        if (sharded_rebuild && shards == 0) shards = old_shards;
    } else {
        held->clear();  // no rebuild beside (or a damaged database: rebuilt in place below)
    }
    const auto stub = dir_ / schema::SHARD_STUB;
    bool stub_exists = fs::is_regular_file(stub, ec);
    // The boot since which the parts of a new index are written without syncing their
    // commits (empty: they sync them).
    std::string unsynced_boot;
    if (stub_exists && internal::is_parts_stub(stub)) {
        unsynced_boot = internal::unsynced_parts_boot(stub);
        if (!unsynced_boot.empty() && unsynced_boot != internal::boot_id()) {
            // The machine stopped while they were written: their last commits may never have
            // reached the disk, so nothing of them is trusted and the build starts again.
            if (!remove_unfinished_rebuild(dir_, true)) {
                throw IndexError(dir_.string() +
                                 ": holds an unfinished new index, written before the machine "
                                 "restarted, and other files; move those away, or remove the "
                                 "folder and index again");
            }
            restarted_ = true;
            stub_exists = false;
            unsynced_boot.clear();
        }
    }
    count_ = shard_count(dir_, shards, parts_);
    if (count_ == 0 && shards == 0 && writers > 1 && new_folder(dir_)) {
        count_ = writers;
        parts_ = true;
        // A commit that waits for the disk stalls its writer (the bottleneck) for nothing a
        // killed process could lose: the parts sync only where a restart would be noticed.
        unsynced_boot = internal::boot_id();
    }
    if (count_ == 0) {
        indexers_.emplace_back(dir_, options);
        // The lock is ours now: no rebuild is running, and one killed earlier is gone for good;
        // so are the old parts or tables a merge, a rebuild's merge or a compaction killed
        // between its exchange and its clean-up left beside the index. A folder that is not
        // ours, or that a process still holds, stays.
        for (const fs::path& left :
             {rebuild_folder(dir_), beside_index(dir_, ".merging"),
              beside_index(rebuild_folder(dir_), ".merging"), beside_index(dir_, ".compacting")})
            remove_unfinished_rebuild(left);
        return;
    }
    IndexerOptions per_shard = options;
    const unsigned total =
        options.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.jobs;
    // Each shard keeps the pipelined mode (analysers plus a writer thread) unless one thread
    // in all was asked for: the writers, not the analysers, are the bottleneck.
    per_shard.jobs =
        total <= 1 ? 1u : std::max(2u, static_cast<unsigned>((total + count_ - 1) / count_));
    if (parts_ && parts_batch_passages > 0) per_shard.commit_every_passages = parts_batch_passages;
    if (parts_ && !unsynced_boot.empty()) per_shard.sync_commits = false;
    if (parts_) per_shard.block_size = PARTS_BLOCK_SIZE;
    // Adding a batch's words to the spelling data costs a part about a quarter of its time
    // (the same words again in every batch); the merge builds it once from the terms instead.
    if (parts_) per_shard.spelling = false;
    for (std::size_t i = 0; i < count_; ++i)
        indexers_.emplace_back(dir_ / internal::shard_folder(i), per_shard);
    // The stub comes last: a folder that lists its shards has them all.
    if (!stub_exists) internal::write_stub(dir_, count_, parts_, unsynced_boot);
    // The shards' locks are ours: a rebuild of this sharded index killed earlier is gone for
    // good (a folder that is not ours, or that a process still holds, stays).
    if (!parts_ && replace_.empty()) remove_unfinished_rebuild(rebuild_folder(dir_));
}

void Writers::add(Document doc) {
    auto& indexer = indexers_.size() == 1 ? indexers_[0]
                                          : indexers_[internal::shard_of(doc.id, indexers_.size())];
    indexer.add(std::move(doc));
}

void Writers::finish_file(const std::string& path, FileRecord record,
                          const std::vector<std::string>& ids) {
    // Every shard records every file: a shard drops the file's documents that it holds and
    // that are not in ids (those of other shards it never held).
    for (auto& indexer : indexers_)
        indexer.finish_file(path, record, ids);
}

void Writers::remove_file(const std::string& path) {
    for (auto& indexer : indexers_)
        indexer.remove_file(path);
}

std::map<std::string, FileRecord> Writers::files() {
    std::map<std::string, FileRecord> out = indexers_[0].files();
    for (std::size_t i = 1; i < indexers_.size(); ++i) {
        const auto other = indexers_[i].files();
        for (auto& [path, record] : out) {
            const auto o = other.find(path);
            // Unknown to this shard: still listed (for removal when the file is gone) but
            // with a record no file has, so it is read again if present.
            if (o == other.end() || !(o->second == record))
                record = FileRecord{~std::uint64_t{0}, -1};
        }
        for (const auto& [path, record] : other)
            if (!out.count(path)) out[path] = FileRecord{~std::uint64_t{0}, -1};
    }
    return out;
}

void Writers::commit() {
    // A commit merges the batch into the shard's tables, the longest single step of a
    // writer: shards committing in turn would leave cores idle.
    if (indexers_.size() == 1) {
        indexers_[0].commit();
        return;
    }
    std::vector<std::future<void>> commits;
    for (auto& indexer : indexers_)
        commits.push_back(std::async(std::launch::async, [&indexer] { indexer.commit(); }));
    std::exception_ptr first;
    for (auto& c : commits) {
        try {
            c.get();
        } catch (...) {
            if (!first) first = std::current_exception();
        }
    }
    if (first) std::rethrow_exception(first);
}

std::optional<CompactFacts> Writers::finish() {
    commit();
    final_counts_ = counts();
    indexers_.clear();  // closed: their locks released, nothing more written
    std::optional<CompactFacts> facts;
    if (parts_) facts = merge_shards(dir_);
    if (!replace_.empty()) {
        exchange_folders(dir_, replace_, "rebuilt");
        // dir_ holds the old index now (and the lock file its lock is held on).
        lock_.reset();
        std::error_code ec;
        fs::remove_all(dir_, ec);
        if (ec)
            throw IndexError(dir_.string() +
                             ": rebuilt, but the old index stays here: " + ec.message());
        dir_ = replace_;
        replace_.clear();
    }
    return facts;
}

IndexerCounts Writers::counts() const {
    if (final_counts_) return *final_counts_;
    IndexerCounts sum;
    for (const auto& indexer : indexers_) {
        const auto c = indexer.counts();
        sum.added += c.added;
        sum.updated += c.updated;
        sum.unchanged += c.unchanged;
        sum.removed += c.removed;
        sum.passages += c.passages;
        sum.bytes += c.bytes;
        sum.commits += c.commits;
    }
    return sum;
}

}  // namespace steppe
