// Incremental indexing and crash safety: an updated index equals a clean build, and a run
// killed with SIGKILL leaves an index that opens, searches, and is completed by the next run.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include <xapian.h>

#include "steppe/common/error.hpp"
#include "steppe/corpus/read.hpp"
#include "steppe/indexer/cli.hpp"
#include "steppe/indexer/indexer.hpp"
#include "steppe/searcher/searcher.hpp"
#include "test_support.hpp"
#include "xapian_probe.hpp"

extern char** environ;

using steppe::test::TempDir;
using steppe::test::write_file;

namespace {

/// Document id -> the texts of its passages, in order: what an index holds, read directly.
using Contents = std::map<std::string, std::vector<std::string>>;

Contents contents(const std::string& index) {
    Xapian::Database db(index);
    Contents out;
    for (auto t = db.allterms_begin("XD"); t != db.allterms_end("XD"); ++t) {
        std::map<double, std::string> passages;
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
            const auto doc = db.get_document(*p);
            passages[Xapian::sortable_unserialise(doc.get_value(1))] = doc.get_data();
        }
        auto& v = out[(*t).substr(2)];
        for (auto& [n, text] : passages)
            v.push_back(text);
    }
    return out;
}

int index(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    std::vector<std::string> all{"-q"};
    all.insert(all.end(), args.begin(), args.end());
    return steppe::cli::run_index(all, out, err);
}

std::string sentences(int seed, int count) {
    static const char* words[] = {"river", "steppe", "horse",  "eagle", "yurt", "wind",
                                  "grass", "snow",   "falcon", "salt",  "lake", "stone"};
    std::string s;
    for (int i = 0; i < count; ++i) {
        s += "The";
        for (int w = 0; w < 9; ++w)
            s += std::string(" ") + words[(seed * 7 + i * 3 + w) % 12];
        s += ". ";
    }
    return s;
}

}  // namespace

TEST_CASE("incremental: add, modify, delete and rename give what a full rebuild gives",
          "[incremental]") {
    TempDir dir;
    const auto docs = dir / "docs";
    for (int i = 0; i < 20; ++i)
        write_file(docs / ("f" + std::to_string(i) + ".txt"), sentences(i, 5 + i % 7));
    write_file(docs / "r.jsonl", "{\"id\":\"a\",\"text\":\"" + sentences(1, 3) + "\"}\n" +
                                     "{\"id\":\"b\",\"text\":\"" + sentences(2, 3) + "\"}\n" +
                                     "{\"id\":\"c\",\"text\":\"" + sentences(3, 3) + "\"}\n");
    const std::string inc = (dir / "inc").string(), full = (dir / "full").string();
    REQUIRE(index({"--index", inc, docs.string()}) == 0);

    write_file(docs / "f3.txt", sentences(33, 20));  // modified
    std::filesystem::remove(docs / "f4.txt");        // deleted
    std::filesystem::create_directories(docs / "sub");
    std::filesystem::rename(docs / "f5.txt", docs / "sub" / "g5.txt");  // renamed (moved)
    write_file(docs / "new.txt", sentences(99, 4));                     // added
    write_file(docs / "r.jsonl", "{\"id\":\"a\",\"text\":\"" + sentences(1, 3) + "\"}\n" +
                                     "{\"id\":\"c\",\"text\":\"" + sentences(30, 4) + "\"}\n" +
                                     "{\"id\":\"d\",\"text\":\"" + sentences(4, 2) + "\"}\n");

    std::ostringstream out, err;
    REQUIRE(steppe::cli::run_index({"--index", inc, docs.string()}, out, err) == 0);
    // One record unchanged (a), one updated (c), one added (d), one gone (b); files: f3,
    // new, g5 and r.jsonl read, f4 and f5 removed, the other 17 skipped unread.
    CHECK(err.str().find("3 added, 2 updated") != std::string::npos);
    CHECK(err.str().find("1 unchanged") != std::string::npos);
    CHECK(err.str().find("files: 4 read, 17 unchanged, 2 removed") != std::string::npos);

    REQUIRE(index({"--index", full, "--full", docs.string()}) == 0);
    const auto a = contents(inc), b = contents(full);
    CHECK(a.size() == 23);
    CHECK(a == b);
    // Did-you-mean's word counts too: the passages removed took their words out.
    CHECK(steppe::test::spellings_of(inc) == steppe::test::spellings_of(full));

    // Nothing changed: a third run reads nothing and rewrites nothing.
    std::ostringstream out3, err3;
    REQUIRE(steppe::cli::run_index({"--index", inc, docs.string()}, out3, err3) == 0);
    CHECK(err3.str().find("files: 0 read, 21 unchanged, 0 removed") != std::string::npos);
    CHECK(contents(inc) == b);
}

TEST_CASE("incremental: files outside the given paths are left alone", "[incremental]") {
    TempDir dir;
    write_file(dir / "one/a.txt", sentences(1, 3));
    write_file(dir / "two/b.txt", sentences(2, 3));
    const std::string idx = (dir / "idx").string();
    REQUIRE(index({"--index", idx, (dir / "one").string(), (dir / "two").string()}) == 0);
    std::filesystem::remove(dir / "one/a.txt");
    REQUIRE(index({"--index", idx, (dir / "two").string()}) == 0);
    CHECK(contents(idx).size() == 2);  // one/a.txt was not in scope of the second run
    REQUIRE(index({"--index", idx, (dir / "one").string()}) == 0);
    CHECK(contents(idx).size() == 1);
}

TEST_CASE("crash: SIGKILL during indexing loses nothing committed; the next run completes it",
          "[incremental][crash]") {
    TempDir dir;
    const auto docs = dir / "docs";
    for (int i = 0; i < 1500; ++i)
        write_file(docs / ("d" + std::to_string(i / 100)) / ("f" + std::to_string(i) + ".txt"),
                   sentences(i, 12));
    const std::string idx = (dir / "idx").string(), clean = (dir / "clean").string();

    const std::string bin = STEPPE_BIN;
    std::vector<std::string> args{bin,   "index",   "-q", "--batch-passages",
                                  "100", "--index", idx,  docs.string()};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, bin.c_str(), nullptr, nullptr, argv.data(), environ) == 0);

    // Wait for a first commit, then search while it keeps writing.
    std::size_t searched = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            steppe::Searcher s(idx);
            const auto r = s.search("river horse");
            if (!r.hits.empty()) ++searched;
            if (searched >= 3) break;
        } catch (const steppe::IndexError&) {
            // not committed yet
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(searched >= 3);
    int status = 0;
    const bool still_running = waitpid(pid, &status, WNOHANG) == 0;
    ::kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    WARN("killed while running: " << still_running);

    // What the kill left opens, and searches.
    const auto partial = contents(idx);
    CHECK(partial.size() > 0);
    for (const auto& [id, passages] : partial) {
        CAPTURE(id);
        CHECK_FALSE(passages.empty());
    }
    // The next run completes the work: the index equals a clean build.
    REQUIRE(index({"--index", idx, docs.string()}) == 0);
    REQUIRE(index({"--index", clean, docs.string()}) == 0);
    const auto done = contents(idx);
    CHECK(done.size() == 1500);
    CHECK(done == contents(clean));
}

namespace {

/// Ids and scores of the hits of @p query, in rank order.
std::vector<std::pair<std::string, double>> ranking(steppe::Searcher& searcher,
                                                    const std::string& query) {
    steppe::SearchOptions options;
    options.limit = 50;
    std::vector<std::pair<std::string, double>> out;
    for (const auto& hit : searcher.search(query, options).hits)
        out.emplace_back(hit.id, hit.score);
    return out;
}

std::uintmax_t folder_bytes(const std::filesystem::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

}  // namespace

TEST_CASE(
    "compact: the index shrinks, holds the same passages, ranks the same and stays "
    "updatable",
    "[incremental][compact]") {
    TempDir dir;
    const auto docs = dir / "docs";
    for (int i = 0; i < 60; ++i)
        write_file(docs / ("f" + std::to_string(i) + ".txt"), sentences(i, 5 + i % 11));
    const std::string idx = (dir / "idx").string();
    // Small batches leave half-full blocks: what compaction is for. (One writer: a new index
    // written in parts is compacted by its merge already.)
    REQUIRE(index({"--index", idx, "--writers", "1", "--batch-passages", "5", docs.string()}) == 0);
    const auto before = contents(idx);
    const auto bytes_before = folder_bytes(idx);
    const std::vector<std::string> queries = {"river horse", "\"salt lake\"", "yurt OR grass",
                                              "falc*", "stone NEAR/8 river"};
    std::vector<std::vector<std::pair<std::string, double>>> rankings;
    steppe::Searcher open_before(idx);  // a searcher opened before, used after
    for (const auto& q : queries)
        rankings.push_back(ranking(open_before, q));

    // Leftovers of a compaction killed before its exchange are cleaned up.
    write_file(dir / "idx.compacting" / "junk", "half a copy");
    std::ostringstream out, err;
    REQUIRE(steppe::cli::run_compact({"--index", idx}, out, err) == 0);
    INFO(err.str());
    CHECK(err.str().find("compacted " + idx) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "idx.compacting"));
    CHECK(folder_bytes(idx) < bytes_before);
    CHECK(contents(idx) == before);
    steppe::Searcher fresh(idx);
    for (std::size_t i = 0; i < queries.size(); ++i) {
        CAPTURE(queries[i]);
        CHECK_FALSE(rankings[i].empty());
        CHECK(ranking(fresh, queries[i]) == rankings[i]);
        CHECK(ranking(open_before, queries[i]) == rankings[i]);
    }

    // Still an index steppe updates incrementally, and equal to a clean build after it.
    write_file(docs / "f7.txt", sentences(77, 9));
    std::filesystem::remove(docs / "f8.txt");
    std::ostringstream out2, err2;
    REQUIRE(steppe::cli::run_index({"--index", idx, "--compact", docs.string()}, out2, err2) == 0);
    CHECK(err2.str().find("files: 1 read, 58 unchanged, 1 removed") != std::string::npos);
    CHECK(err2.str().find("compacted ") != std::string::npos);
    const std::string full = (dir / "full").string();
    REQUIRE(index({"--index", full, docs.string()}) == 0);
    CHECK(contents(idx) == contents(full));
}

TEST_CASE("compact: refused while a writer holds the index; sharded indexes compact each shard",
          "[incremental][compact]") {
    TempDir dir;
    write_file(dir / "docs" / "a.txt", sentences(1, 30));
    write_file(dir / "docs" / "b.txt", sentences(2, 30));
    const std::string idx = (dir / "idx").string();
    REQUIRE(index({"--index", idx, (dir / "docs").string()}) == 0);
    {
        steppe::Indexer writer(idx);
        std::ostringstream out, err;
        CHECK_THROWS_AS(steppe::cli::run_compact({"--index", idx}, out, err),
                        steppe::IndexLockedError);
    }
    const std::string sharded = (dir / "sharded").string();
    REQUIRE(index({"--index", sharded, "--shards", "2", (dir / "docs").string()}) == 0);
    const auto before = contents(sharded);
    std::ostringstream out, err;
    REQUIRE(steppe::cli::run_compact({"--index", sharded}, out, err) == 0);
    CHECK(err.str().find("(2 databases)") != std::string::npos);
    CHECK(contents(sharded) == before);
    CHECK(before.size() == 2);
    std::ostringstream o2, e2;
    CHECK_THROWS_AS(steppe::cli::run_compact({"--index", (dir / "none").string()}, o2, e2),
                    steppe::IndexError);
}

namespace {

/// A text of @p count paragraphs of 100 words each (more than a passage's minimum, so each
/// paragraph end closes a passage), with @p marker in paragraph @p marked.
std::string paragraphs(int seed, int count, const std::string& marker = "", int marked = -1) {
    std::string text = "A long file\n\n";
    for (int p = 0; p < count; ++p) {
        text += sentences(seed + p, 8) + sentences(seed + p + 1, 2);
        if (p == marked) text += marker + ". ";
        text += "\n\n";
    }
    return text;
}

}  // namespace

TEST_CASE(
    "stream: a text file larger than --part-mb indexes in parts like the whole file, and "
    "updates without duplicates",
    "[incremental][stream]") {
    TempDir dir;
    const auto docs = dir / "docs";
    write_file(docs / "big.txt", paragraphs(1, 300, "Zanzibarmarker", 150));
    write_file(docs / "small.txt", sentences(5, 3));
    const std::string whole = (dir / "whole").string(), parts = (dir / "parts").string();
    REQUIRE(index({"--index", whole, docs.string()}) == 0);
    std::ostringstream out, err;
    REQUIRE(steppe::cli::run_index({"--index", parts, "--part-mb", "0.005", docs.string()}, out,
                                   err) == 0);
    CHECK(err.str().find("2 added") != std::string::npos);  // one document, however many parts
    const auto w = contents(whole);
    REQUIRE(w.at(docs.string() + "/big.txt").size() > 100);
    CHECK(contents(parts) == w);  // passages close at paragraph ends, and so do the parts
    {
        steppe::Searcher s(parts);
        const auto r = s.search("zanzibarmarker");
        REQUIRE(r.hits.size() == 1);
        CHECK(r.hits[0].title == "A long file");
        CHECK(r.hits[0].snippet.text.find("Zanzibarmarker") != std::string::npos);
    }

    // Changed in the middle and cut short: the update replaces every part, leaves no stale
    // passage, and equals a clean build of the new file.
    write_file(docs / "big.txt", paragraphs(7, 120, "Quokkamarker", 60));
    REQUIRE(index({"--index", parts, "--part-mb", "0.005", docs.string()}) == 0);
    const std::string fresh = (dir / "fresh").string();
    REQUIRE(index({"--index", fresh, "--part-mb", "0.005", docs.string()}) == 0);
    CHECK(contents(parts) == contents(fresh));
    steppe::Searcher s(parts);
    CHECK(s.search("zanzibarmarker").hits.empty());
    CHECK(s.search("quokkamarker").hits.size() == 1);

    // Grown at the end only (the first part unchanged): rewritten, not taken as unchanged.
    write_file(docs / "big.txt", paragraphs(7, 120, "Quokkamarker", 60) + paragraphs(90, 30));
    REQUIRE(index({"--index", parts, "--part-mb", "0.005", docs.string()}) == 0);
    const std::string fresh1 = (dir / "fresh1").string();
    REQUIRE(index({"--index", fresh1, "--part-mb", "0.005", docs.string()}) == 0);
    CHECK(contents(parts) == contents(fresh1));

    // Cut to exactly its first part: not mistaken for that unchanged part.
    std::string first_part;
    steppe::read_source(
        steppe::SourceFile{docs / "big.txt", "txt", std::filesystem::file_size(docs / "big.txt")},
        [&](steppe::Document&& d) {
            if (d.part == 0) first_part = d.text;
        },
        [](const std::string&) {}, 5000);
    REQUIRE(first_part.size() > 1000);
    REQUIRE(first_part.size() <= 5000);
    write_file(docs / "big.txt", first_part);
    REQUIRE(index({"--index", parts, "--part-mb", "0.005", docs.string()}) == 0);
    const std::string fresh2 = (dir / "fresh2").string();
    REQUIRE(index({"--index", fresh2, "--part-mb", "0.005", docs.string()}) == 0);
    CHECK(contents(parts) == contents(fresh2));
}
