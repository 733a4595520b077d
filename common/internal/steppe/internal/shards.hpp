#pragma once
/// @file
/// Internal to steppe's libraries (not installed): sharded indexes. Reading and writing the
/// Xapian stub file that lists the shards, and the routing of documents to shards. Nothing
/// here needs Xapian; opening the shards is the searcher's business.

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "steppe/common/error.hpp"
#include "steppe/common/schema.hpp"

namespace steppe::internal {

/// One line of a stub file.
struct ShardSpec {
    enum class Kind { Local, Tcp, Program };
    Kind kind = Kind::Local;
    std::string line;            ///< The line as written ("remote 127.0.0.1:8421"): its name.
    std::filesystem::path path;  ///< Local: the database, resolved against the stub's folder.
    std::string host;            ///< Tcp: host.
    unsigned port = 0;           ///< Tcp: port.
    std::string program, args;   ///< Program: command and its arguments.
};

/// Shard of document @p doc_id among @p shards: FNV-1a (64 bits) of the id, modulo. Stable
/// across runs and machines, so incremental runs find a document where they wrote it.
inline std::size_t shard_of(std::string_view doc_id, std::size_t shards) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : doc_id)
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return static_cast<std::size_t>(h % shards);
}

/// Folder name of shard @p i ("shard-0").
inline std::string shard_folder(std::size_t i) {
    return std::string(schema::SHARD_FOLDER_PREFIX) + std::to_string(i);
}

/// The stub file of index @p index: @p index itself when it is a file, `index/XAPIANDB` when
/// that exists, else nothing (a single glass index, or no index).
inline std::optional<std::filesystem::path> stub_file(const std::filesystem::path& index) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(index, ec)) return index;
    const auto stub = index / schema::SHARD_STUB;
    if (std::filesystem::is_regular_file(stub, ec)) return stub;
    return std::nullopt;
}

/// Parses the stub file @p stub (Xapian 1.4 syntax; blank lines and `#` comments skipped).
/// @throws IndexError naming the file and line for a line steppe cannot open.
inline std::vector<ShardSpec> read_stub(const std::filesystem::path& stub) {
    std::ifstream in(stub);
    if (!in) throw IndexError(stub.string() + ": cannot read the stub file");
    std::vector<ShardSpec> out;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        line.erase(0, first);
        const auto space = line.find_first_of(" \t");
        const std::string type = line.substr(0, space);
        std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        rest.erase(0, rest.find_first_not_of(" \t"));
        auto bad = [&](const std::string& why) {
            return IndexError(stub.string() + ":" + std::to_string(number) + ": '" + line +
                              "': " + why);
        };
        ShardSpec spec;
        spec.line = line;
        if (type == "auto" || type == "glass") {
            if (rest.empty()) throw bad("no database path");
            const std::filesystem::path p(rest);
            spec.path = p.is_absolute() ? p : stub.parent_path() / p;
        } else if (type == "remote") {
            if (rest.empty()) throw bad("no address");
            // Xapian 1.4 reads "HOST:PORT" as TCP (checked: ":HOST:PORT", the syntax of
            // later Xapian versions, fails in 1.4 with "Connection closed unexpectedly"), and
            // anything else as "PROGRAM ARGS". steppe accepts both TCP spellings.
            const std::string address = rest[0] == ':' ? rest.substr(1) : rest;
            const auto colon = address.rfind(':');
            const bool tcp =
                address.find_first_of(" \t") == std::string::npos && colon != std::string::npos &&
                colon > 0 && colon + 1 < address.size() &&
                address.find_first_not_of("0123456789", colon + 1) == std::string::npos;
            if (tcp) {
                spec.kind = ShardSpec::Kind::Tcp;
                spec.host = address.substr(0, colon);
                if (spec.host.size() > 2 && spec.host.front() == '[' && spec.host.back() == ']')
                    spec.host = spec.host.substr(1, spec.host.size() - 2);
                const unsigned long port =
                    address.size() - colon > 6 ? 0 : std::stoul(address.substr(colon + 1));
                if (port == 0 || port > 65535) throw bad("expected 'remote HOST:PORT'");
                spec.port = static_cast<unsigned>(port);
            } else {
                const auto sp = rest.find_first_of(" \t");
                spec.kind = ShardSpec::Kind::Program;
                spec.program = rest.substr(0, sp);
                spec.args = sp == std::string::npos ? "" : rest.substr(sp + 1);
            }
        } else {
            throw bad("steppe reads only 'auto', 'glass' and 'remote' lines");
        }
        out.push_back(std::move(spec));
    }
    if (out.empty()) throw IndexError(stub.string() + ": the stub file lists no database");
    return out;
}

/// The Linux boot id (a UUID that changes with every start of the machine), or "" where there
/// is none to read.
inline std::string boot_id() {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string id;
    std::getline(in, id);
    return in ? id : std::string();
}

/// Forces the file or folder @p path to disk (best effort: a file system that cannot sync a
/// folder is not an error here).
inline void sync_path(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

/// Writes the stub of a sharded index of @p shards local shards into @p dir, atomically and
/// durably; with @p parts, the stub of a new index being written in parts (schema::PARTS_MARK),
/// and with a non-empty @p unsynced_boot, one whose parts' commits are not forced to disk, by
/// the machine since that boot (schema::PARTS_UNSYNCED_MARK).
/// @throws IndexError when it cannot be written.
inline void write_stub(const std::filesystem::path& dir, std::size_t shards, bool parts = false,
                       const std::string& unsynced_boot = {}) {
    std::ostringstream text;
    if (parts) text << schema::PARTS_MARK << '\n';
    if (parts && !unsynced_boot.empty())
        text << schema::PARTS_UNSYNCED_MARK << unsynced_boot << '\n';
    text << "# steppe sharded index: one Xapian database a line (documents routed by\n"
            "# FNV-1a of their id mod "
         << shards << "). A line may be replaced by 'remote HOST:PORT'.\n";
    for (std::size_t i = 0; i < shards; ++i)
        text << "auto " << shard_folder(i) << '\n';
    const auto stub = dir / schema::SHARD_STUB;
    const auto tmp = dir / (std::string(schema::SHARD_STUB) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text.str();
        out.flush();
        if (!out) throw IndexError(tmp.string() + ": cannot write the stub file");
    }
    sync_path(tmp);
    std::error_code ec;
    std::filesystem::rename(tmp, stub, ec);
    if (ec) throw IndexError(stub.string() + ": cannot write the stub file: " + ec.message());
    sync_path(dir);
}

/// True when the stub file @p stub is that of a new index written in parts, to be merged.
inline bool is_parts_stub(const std::filesystem::path& stub) {
    std::ifstream in(stub);
    std::string line;
    while (std::getline(in, line))
        if (line == schema::PARTS_MARK) return true;
    return false;
}

/// The boot id that the stub file @p stub of a new index written in parts records for its
/// unsynced parts (schema::PARTS_UNSYNCED_MARK), or "" when its parts' commits are synced.
inline std::string unsynced_parts_boot(const std::filesystem::path& stub) {
    std::ifstream in(stub);
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with(schema::PARTS_UNSYNCED_MARK))
            return line.substr(schema::PARTS_UNSYNCED_MARK.size());
    return {};
}

}  // namespace steppe::internal
