#include "steppe/indexer/compact.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28)
#include <cstring>
#include <future>
#include <map>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include <xapian.h>

#include "steppe/common/error.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/internal/files.hpp"
#include "steppe/internal/shards.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe {

namespace fs = std::filesystem;

void exchange_folders(const fs::path& built, const fs::path& dir, const char* what) {
    if (::renameat2(AT_FDCWD, built.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
        const int err = errno;
        std::error_code ec;
        fs::remove_all(built, ec);
        throw IndexError(dir.string() + ": cannot put the " + what + " index in place (" +
                         std::strerror(err) +
                         "; the filesystem must support exchanging folders atomically); the "
                         "index is unchanged");
    }
    // The exchange itself reaches the disk now, not whenever the file system gets to it.
    const fs::path parent = dir.lexically_normal().parent_path();
    internal::sync_path(parent.empty() ? fs::path(".") : parent);
}

fs::path beside_index(const fs::path& index_dir, const char* suffix) {
    fs::path folder = index_dir.lexically_normal();
    if (!folder.has_filename()) folder = folder.parent_path();
    return folder += suffix;
}

namespace {

/// Compacts the one glass database in @p dir in place (see compact_index).
void compact_database(const fs::path& dir) {
    const std::string where = dir.string();
    std::error_code ec;
    if (!fs::exists(dir / "iamglass", ec))
        throw IndexError(where + ": no index here (nothing to compact)");
    // The write lock, held until the folders are exchanged: no writer commits meanwhile.
    Xapian::WritableDatabase lock = internal::open_writable(where, Xapian::DB_OPEN);
    const fs::path target = beside_index(dir, ".compacting");
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
    exchange_folders(target, dir, "compacted");
    // `target` now holds the old tables (and the lock file the lock is held on).
    lock.close();
    fs::remove_all(target, ec);
    if (ec)
        throw IndexError(target.string() + ": compacted, but the old copy stays: " + ec.message());
}

/// The metadata a database merged from @p shards must get afterwards. Merging, Xapian 1.4.22
/// kept the first shard's value of a key (a Compactor's resolve_duplicate_metadata() made no
/// difference when tried), so here the languages are united, the latest update time taken, and
/// a file record that not every shard holds with the same value dropped (""), so that file is
/// read again.
std::map<std::string, std::string> merged_metadata(const std::vector<fs::path>& shards) {
    const std::string file_prefix(schema::META_FILE_PREFIX);
    std::map<std::string, std::pair<std::string, std::size_t>> records;  // value, shards agreeing
    std::set<std::string> languages;
    std::string updated;
    std::map<std::string, std::string> out;
    for (const auto& shard : shards) {
        Xapian::Database db(shard.string());
        for (auto it = db.metadata_keys_begin(file_prefix); it != db.metadata_keys_end(file_prefix);
             ++it) {
            const std::string value = db.get_metadata(*it);
            auto [entry, fresh] = records.try_emplace(*it, value, 0);
            if (entry->second.first == value)
                ++entry->second.second;
            else
                out[*it] = "";
        }
        for (const auto& code :
             internal::split_list(db.get_metadata(std::string(schema::META_LANGUAGES))))
            languages.insert(code);
        updated = std::max(updated, db.get_metadata(std::string(schema::META_UPDATED)));
    }
    for (const auto& [key, entry] : records)
        if (entry.second != shards.size()) out[key] = "";
    std::string codes;
    for (const auto& code : languages)
        codes += (codes.empty() ? "" : ",") + code;
    out[std::string(schema::META_LANGUAGES)] = codes;
    out[std::string(schema::META_UPDATED)] = updated;
    return out;
}

/// One part's words for the spelling data: its body words with their collection frequency in
/// the part, and what its spelling data holds now, both sorted by word.
struct PartSpelling {
    std::vector<std::pair<std::string, Xapian::termcount>> terms, spelled;
};

PartSpelling read_spelling(const Xapian::Database& db) {
    PartSpelling part;
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
        const std::string& term = *it;
        if (internal::is_spelling_word(term))
            part.terms.emplace_back(term, db.get_collection_freq(term));
    }
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
        part.spelled.emplace_back(*it, it.get_termfreq());
    return part;
}

/// Gives each part, as its terms, a share of the words whose collection frequency over all
/// @p parts earns them a place in the spelling data (internal::spelling_frequency()), each
/// word at that total frequency and in one part only: the parts' spelling data are then
/// disjoint, and the merge's sums are the totals. The shares are runs of the sorted words,
/// alike in size, so both parts write at once about half of the words each (rather than
/// each part every word it holds), and their fragments overlap little.
void share_spelled_words(std::vector<PartSpelling>& parts) {
    std::vector<std::size_t> at(parts.size(), 0);
    std::vector<std::pair<std::string, Xapian::termcount>> kept;
    for (;;) {
        // The smallest word at the parts' cursors, and its total.
        const std::string* word = nullptr;
        for (std::size_t p = 0; p < parts.size(); ++p)
            if (at[p] < parts[p].terms.size() && (!word || parts[p].terms[at[p]].first < *word))
                word = &parts[p].terms[at[p]].first;
        if (!word) break;
        Xapian::termcount total = 0;
        for (std::size_t p = 0; p < parts.size(); ++p)
            if (at[p] < parts[p].terms.size() && parts[p].terms[at[p]].first == *word)
                total += parts[p].terms[at[p]].second;
        if (internal::spelling_frequency(total) > 0) kept.emplace_back(*word, total);
        const std::string w = *word;  // the cursors move past it below
        for (std::size_t p = 0; p < parts.size(); ++p)
            if (at[p] < parts[p].terms.size() && parts[p].terms[at[p]].first == w) ++at[p];
    }
    const std::size_t share = (kept.size() + parts.size() - 1) / parts.size();
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const std::size_t from = std::min(kept.size(), p * share);
        const std::size_t to = std::min(kept.size(), from + share);
        parts[p].terms.assign(std::make_move_iterator(kept.begin() + from),
                              std::make_move_iterator(kept.begin() + to));
    }
}

/// Makes the spelling data of @p db hold @p part's terms at their frequencies and nothing
/// else. The parts of a new index are written without spelling data
/// (IndexerOptions::spelling) and get it here, once per word rather than once per word and
/// batch; a part written by an older steppe, which has some already, is corrected to the same
/// figures.
void write_spelling(Xapian::WritableDatabase& db, const PartSpelling& part) {
    // Both lists come sorted by word: one pass over each says what to add or take away.
    const auto& terms = part.terms;
    const auto& spelled = part.spelled;
    // Xapian keeps a commit's spelling changes in memory (each word under each of its
    // fragments): a commit per 200 000 words bounds that.
    constexpr std::size_t CHUNK = 200'000;
    std::size_t changed = 0;
    const auto set = [&](const std::string& word, Xapian::termcount have, Xapian::termcount want) {
        if (internal::set_spelling(db, word, have, want) && ++changed % CHUNK == 0) db.commit();
    };
    std::size_t s = 0;
    for (const auto& [word, want] : terms) {
        for (; s < spelled.size() && spelled[s].first < word; ++s)
            set(spelled[s].first, spelled[s].second, 0);
        Xapian::termcount have = 0;
        if (s < spelled.size() && spelled[s].first == word) have = spelled[s++].second;
        set(word, have, want);
    }
    for (; s < spelled.size(); ++s)
        set(spelled[s].first, spelled[s].second, 0);
    db.commit();
}

}  // namespace

CompactFacts merge_shards(const fs::path& dir) {
    const auto started = std::chrono::steady_clock::now();
    // "idx/" names the folder "idx": the merged copy goes beside it, not into it.
    fs::path index_dir = dir.lexically_normal();
    if (!index_dir.has_filename()) index_dir = index_dir.parent_path();
    const std::string where = index_dir.string();
    std::error_code ec;
    const auto stub = index_dir / schema::SHARD_STUB;
    if (!fs::is_directory(index_dir, ec) || !fs::is_regular_file(stub, ec))
        throw IndexError(where + ": not the folder of a sharded index (nothing to merge)");
    std::vector<fs::path> shards;
    for (const auto& shard : internal::read_stub(stub)) {
        if (shard.kind != internal::ShardSpec::Kind::Local) {
            throw IndexError(stub.string() + ": '" + shard.line +
                             "' is a remote shard: only local shards can be merged");
        }
        shards.push_back(shard.path);
    }
    CompactFacts facts;
    facts.bytes_before = internal::folder_bytes(index_dir);
    // The write locks, held until the folders are exchanged: no writer commits meanwhile.
    // Parts written without syncing get their spelling data the same way: the compaction
    // syncs what it writes, and a restart before the exchange has the next run start again.
    const std::string boot = internal::unsynced_parts_boot(stub);
    const int flags =
        Xapian::DB_OPEN | (!boot.empty() && boot == internal::boot_id() ? Xapian::DB_NO_SYNC : 0);
    std::vector<Xapian::WritableDatabase> locks;
    for (const auto& shard : shards)
        locks.push_back(internal::open_writable(shard.string(), flags));
    const fs::path target = beside_index(index_dir, ".merging");
    fs::remove_all(target, ec);  // a merge killed before its exchange
    if (ec) throw IndexError(target.string() + ": cannot remove a stale copy: " + ec.message());
    try {
        internal::xapian_call(where, [&] {
            // The spelling data that the merged index must have, as each part's share: each
            // body word at its collection frequency (schema.hpp), the parts read and written
            // at once (they are independent databases).
            std::vector<PartSpelling> parts(locks.size());
            std::vector<std::future<void>> spelling;
            for (std::size_t i = 0; i < locks.size(); ++i)
                spelling.push_back(
                    std::async(std::launch::async, [&, i] { parts[i] = read_spelling(locks[i]); }));
            for (auto& s : spelling)
                s.get();
            share_spelled_words(parts);
            spelling.clear();
            for (std::size_t i = 0; i < locks.size(); ++i)
                spelling.push_back(
                    std::async(std::launch::async, [&, i] { write_spelling(locks[i], parts[i]); }));
            for (auto& s : spelling)
                s.get();
            const auto metadata = merged_metadata(shards);
            Xapian::Database all;
            for (const auto& shard : shards)
                all.add_database(Xapian::Database(shard.string()));
            // In Xapian's default 8 KiB blocks, whatever the parts' (PARTS_BLOCK_SIZE).
            all.compact(target.string(), Xapian::Compactor::FULL);
            Xapian::WritableDatabase merged(target.string(), Xapian::DB_OPEN);
            for (const auto& [key, value] : metadata)
                merged.set_metadata(key, value);
            merged.commit();
        });
    } catch (const Error& e) {
        fs::remove_all(target, ec);  // a full disk: leave no half copy behind
        throw IndexError(std::string(e.what()) + " (while merging; the index is unchanged)");
    }
    exchange_folders(target, index_dir, "merged");
    // `target` now holds the stub and the shards (and the lock files the locks are held on).
    // Only those are removed: anything else found there stays, and so does the folder then.
    for (auto& lock : locks)
        lock.close();
    for (const auto& shard : shards)
        fs::remove_all(target / shard.lexically_relative(index_dir), ec);
    fs::remove(target / schema::SHARD_STUB, ec);
    fs::remove(target, ec);
    if (ec)
        throw IndexError(target.string() +
                         ": merged, but the old shards' folder stays: " + ec.message());
    facts.databases = shards.size();
    facts.bytes_after = internal::folder_bytes(index_dir);
    facts.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return facts;
}

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
