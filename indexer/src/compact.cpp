#include "steppe/indexer/compact.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28)
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

#include <xapian.h>

#include "steppe/common/error.hpp"
#include "steppe/internal/files.hpp"
#include "steppe/internal/shards.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe {

namespace fs = std::filesystem;

namespace {

/// Compacts the one glass database in @p dir in place (see compact_index).
void compact_database(const fs::path& dir) {
    const std::string where = dir.string();
    std::error_code ec;
    if (!fs::exists(dir / "iamglass", ec))
        throw IndexError(where + ": no index here (nothing to compact)");
    // The write lock, held until the folders are exchanged: no writer commits meanwhile.
    Xapian::WritableDatabase lock = internal::open_writable(where, Xapian::DB_OPEN);
    fs::path target = dir;
    target += ".compacting";
    fs::remove_all(target, ec);  // a compaction killed before its exchange
    if (ec) throw IndexError(target.string() + ": cannot remove a stale copy: " + ec.message());
    try {
        internal::xapian_call(where, [&] {
            Xapian::Database db(where);
            db.compact(target.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
        });
    } catch (const Error& e) {
        fs::remove_all(target, ec);  // a full disk: leave no half copy behind
        throw IndexError(std::string(e.what()) + " (while compacting; the index is unchanged)");
    }
    if (::renameat2(AT_FDCWD, target.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
        const int err = errno;
        fs::remove_all(target, ec);
        throw IndexError(where + ": cannot put the compacted index in place (" +
                         std::strerror(err) +
                         "; the filesystem must support exchanging folders atomically); the "
                         "index is unchanged");
    }
    // `target` now holds the old tables (and the lock file the lock is held on).
    lock.close();
    fs::remove_all(target, ec);
    if (ec)
        throw IndexError(target.string() + ": compacted, but the old copy stays: " + ec.message());
}

}  // namespace

CompactFacts compact_index(const fs::path& index_dir) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<fs::path> databases;
    if (const auto stub = internal::stub_file(index_dir)) {
        for (const auto& shard : internal::read_stub(*stub)) {
            if (shard.kind != internal::ShardSpec::Kind::Local) {
                throw IndexError(stub->string() + ": '" + shard.line +
                                 "' is a remote shard: compact it on its own machine");
            }
            databases.push_back(shard.path);
        }
    } else {
        databases.push_back(index_dir);
    }
    CompactFacts facts;
    facts.bytes_before = internal::folder_bytes(index_dir);
    for (const auto& db : databases)
        compact_database(db);
    facts.databases = databases.size();
    facts.bytes_after = internal::folder_bytes(index_dir);
    facts.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return facts;
}

}  // namespace steppe
