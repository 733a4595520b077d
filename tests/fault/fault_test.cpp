// Fault tests (issue 8): a full disk during a commit, a read-only index, a corrupt index,
// documents that vanish or change while read, FIFOs and devices, symbolic links out of the
// tree, invalid UTF-8 in paths, many tiny files and a 50 MB line. Each ends in a clear message
// and a defined exit status (0 all done, 1 some inputs skipped, 2 error), never a crash or a
// hang, and never loses what was committed.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mount_support.hpp"
#include "steppe/corpus/read.hpp"
#include "steppe/corpus/walk.hpp"
#include "steppe/searcher/render.hpp"
#include "steppe/searcher/searcher.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using steppe::test::run_steppe;
using steppe::test::TempDir;
using steppe::test::write_file;

namespace {

/// Some text in which @p marker occurs once, about @p sentences sentences long.
std::string text_with(const std::string& marker, int sentences = 20) {
    std::string s;
    for (int i = 0; i < sentences; ++i)
        s += "The wind crosses the steppe near lake number " + std::to_string(i) + ". ";
    return s + marker + ".\n";
}

/// Bytes of the files under @p dir.
std::size_t folder_bytes(const fs::path& dir) {
    std::size_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

/// Hits of @p query in @p index, through the real binary: -1 when the search failed.
int hits(const std::string& index, const std::string& query) {
    const auto r = run_steppe({"search", "--json", "-n", "1000", "--index", index, query});
    if (r.exit_code == 1) return 0;
    if (r.exit_code != 0) return -1;
    // JSON Lines: one object per hit, then a summary; each must parse.
    int n = 0;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);)
        n += nlohmann::json::parse(line).at("type") == "hit" ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("fault: a full disk during indexing fails with exit 2 and keeps the last commit",
          "[fault][disk]") {
    TempDir dir;
    steppe::test::TmpfsMount disk(dir / "disk", 3u << 20);
    if (!disk.mounted()) {
        WARN("skipped: cannot mount a tmpfs here (" << disk.why_not() << "); run as root");
        return;
    }
    const std::string index = (dir / "disk" / "index").string();
    write_file(dir / "first" / "a.txt", text_with("aardvark"));
    REQUIRE(run_steppe({"index", "-q", "--index", index, (dir / "first").string()}).exit_code == 0);
    REQUIRE(hits(index, "aardvark") == 1);

    // Far more text than 3 MB of disk holds, committed in small batches.
    for (int i = 0; i < 400; ++i)
        write_file(dir / "second" / ("f" + std::to_string(i) + ".txt"),
                   text_with("zebra" + std::to_string(i), 200));
    const auto full = run_steppe(
        {"index", "-q", "--batch-passages", "200", "--index", index, (dir / "second").string()});
    INFO(full.err);
    CHECK(full.exit_code == 2);
    CHECK(full.err.find(index) != std::string::npos);
    // The index opens, and what was committed before is all there.
    CHECK(hits(index, "aardvark") == 1);

    // With room again, the next run completes the work.
    REQUIRE(disk.remount(false, 256u << 20));
    const auto again = run_steppe({"index", "-q", "--index", index, (dir / "second").string()});
    CHECK(again.exit_code == 0);
    INFO(again.err);
    CHECK(hits(index, "zebra0") == 1);
    CHECK(hits(index, "zebra399") == 1);
    CHECK(hits(index, "aardvark") == 1);
}

TEST_CASE("fault: steppe bench on a full disk fails with exit 2 naming its index",
          "[fault][disk][bench]") {
    TempDir dir;
    steppe::test::TmpfsMount disk(dir / "disk", 3u << 20);
    if (!disk.mounted()) {
        WARN("skipped: cannot mount a tmpfs here (" << disk.why_not() << "); run as root");
        return;
    }
    // A collection of about 5 MB of text (no queries: throughput mode), far more than 3 MB of
    // disk holds once indexed.
    std::string records;
    for (int i = 0; i < 400; ++i) {
        records += nlohmann::json{{"id", "d" + std::to_string(i)},
                                  {"title", "Record " + std::to_string(i)},
                                  {"text", text_with("zebra" + std::to_string(i), 200)}}
                       .dump() +
                   "\n";
    }
    write_file(dir / "collection" / "corpus.jsonl", records);
    const std::string index = (dir / "disk" / "index").string();
    const auto full = run_steppe({"bench", (dir / "collection").string(), "--index", index,
                                  "--no-latency", "--quiet", "--out", (dir / "out").string()});
    INFO(full.err);
    CHECK(full.exit_code == 2);
    CHECK(full.err.find(index) != std::string::npos);
    CHECK(full.err.find("terminate called") == std::string::npos);  // an error line, no abort
    CHECK_FALSE(fs::exists(dir / "out" / "report.json"));  // nothing reported of a failed build
}

TEST_CASE("fault: a full disk during compaction fails with exit 2 and leaves the index whole",
          "[fault][disk][compact]") {
    TempDir dir;
    steppe::test::TmpfsMount disk(dir / "disk", 32u << 20);
    if (!disk.mounted()) {
        WARN("skipped: cannot mount a tmpfs here (" << disk.why_not() << "); run as root");
        return;
    }
    const std::string index = (dir / "disk" / "index").string();
    for (int i = 0; i < 80; ++i)
        write_file(dir / "docs" / ("f" + std::to_string(i) + ".txt"),
                   text_with("zebra" + std::to_string(i), 120));
    // One writer committing small batches: an index far from compact.
    REQUIRE(run_steppe({"index", "-q", "--writers", "1", "--batch-passages", "20", "--index", index,
                        (dir / "docs").string()})
                .exit_code == 0);
    // Room for a quarter of the index more: the compacted copy (about half of it) won't fit.
    const auto used = folder_bytes(index);
    REQUIRE(disk.remount(false, used + used / 4));
    // Xapian 1.4.22's compactor does not free its tables when a write fails (LeakSanitizer
    // finds them in libxapian's own allocations): this one run is not checked for leaks.
    const auto full = run_steppe({"compact", "--index", index},
                                 "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1");
    INFO(full.err);
    CHECK(full.exit_code == 2);
    CHECK(full.err.find(index) != std::string::npos);
    // No half-written copy is left beside the index, and the index is as it was.
    std::vector<std::string> entries;
    for (const auto& e : fs::directory_iterator(dir / "disk"))
        entries.push_back(e.path().filename().string());
    CHECK(entries == std::vector<std::string>{"index"});
    CHECK(hits(index, "zebra0") == 1);
    CHECK(hits(index, "zebra79") == 1);
    // With room again it compacts, and searches alike.
    REQUIRE(disk.remount(false, 32u << 20));
    CHECK(run_steppe({"compact", "-q", "--index", index}).exit_code == 0);
    CHECK(folder_bytes(index) < used);
    CHECK(hits(index, "zebra0") == 1);
    CHECK(hits(index, "zebra79") == 1);
}

TEST_CASE("fault: a read-only index searches, and indexing into it exits 2", "[fault][readonly]") {
    TempDir dir;
    steppe::test::TmpfsMount disk(dir / "ro", 32u << 20);
    if (!disk.mounted()) {
        WARN("skipped: cannot mount a tmpfs here (" << disk.why_not() << "); run as root");
        return;
    }
    const std::string index = (dir / "ro" / "index").string();
    write_file(dir / "docs" / "a.txt", text_with("aardvark"));
    REQUIRE(run_steppe({"index", "-q", "--index", index, (dir / "docs").string()}).exit_code == 0);
    REQUIRE(disk.remount(true, 32u << 20));

    CHECK(hits(index, "aardvark") == 1);
    write_file(dir / "docs" / "b.txt", text_with("buffalo"));
    const auto r = run_steppe({"index", "-q", "--index", index, (dir / "docs").string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(index) != std::string::npos);
    CHECK(r.err.find("cannot write the index: Read-only file system") != std::string::npos);
    CHECK(r.err.find("locked") == std::string::npos);
    CHECK(hits(index, "aardvark") == 1);
    REQUIRE(disk.remount(false, 32u << 20));
}

TEST_CASE("fault: a truncated or corrupt index file is an error naming the index, exit 2",
          "[fault][corrupt]") {
    TempDir dir;
    for (int i = 0; i < 30; ++i)
        write_file(dir / "docs" / ("f" + std::to_string(i) + ".txt"),
                   text_with("marker" + std::to_string(i), 40));
    const std::string pristine = (dir / "pristine").string();
    REQUIRE(run_steppe({"index", "-q", "--index", pristine, (dir / "docs").string()}).exit_code ==
            0);

    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(pristine))
        if (e.is_regular_file() && e.path().filename() != "flintlock") files.push_back(e.path());
    REQUIRE(files.size() >= 3);
    for (const auto& file : files) {
        for (const std::string how : {"truncate", "empty", "garbage"}) {
            const auto name = file.filename().string();
            CAPTURE(name, how);
            const std::string index = (dir / ("idx-" + name + "-" + how)).string();
            fs::copy(pristine, index, fs::copy_options::recursive);
            const auto target = fs::path(index) / file.filename();
            const auto size = fs::file_size(target);
            if (how == "truncate") {
                fs::resize_file(target, size / 2);
            } else if (how == "empty") {
                fs::resize_file(target, 0);
            } else {
                std::fstream f(target, std::ios::in | std::ios::out | std::ios::binary);
                f.seekp(static_cast<std::streamoff>(size / 3));
                const std::string junk(std::min<std::uintmax_t>(size / 3 + 1, 9000), '\x5a');
                f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
            }
            for (const auto& query : {"marker7", "lake OR steppe", "\"wind crosses\""}) {
                const auto r = run_steppe({"search", "--index", index, query});
                CAPTURE(query, r.err);
                // Some damage is never read by a query (a free block): then it just works.
                CHECK((r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2));
                if (r.exit_code == 2) CHECK(r.err.find(index) != std::string::npos);
            }
            const auto stats = run_steppe({"stats", "--index", index});
            CHECK((stats.exit_code == 0 || stats.exit_code == 2));
            const auto re = run_steppe({"index", "-q", "--index", index, (dir / "docs").string()});
            CAPTURE(re.err);
            CHECK((re.exit_code == 0 || re.exit_code == 2));
            if (re.exit_code == 2) CHECK(re.err.find(index) != std::string::npos);
            // The way out that the messages name: --full rebuilds whatever the damage (it
            // cannot hold the damaged database's lock to rebuild beside it: it overwrites it).
            const auto full =
                run_steppe({"index", "-q", "--full", "--index", index, (dir / "docs").string()});
            CAPTURE(full.err);
            CHECK(full.exit_code == 0);
            const auto found = run_steppe({"search", "--ids", "--index", index, "marker7"});
            CHECK(found.exit_code == 0);
            CHECK(found.out.find("f7.txt") != std::string::npos);
        }
    }

    // A damaged shard of a sharded index: --full rebuilds every shard in place.
    const std::string sharded = (dir / "sharded").string();
    REQUIRE(
        run_steppe({"index", "-q", "--shards", "2", "--index", sharded, (dir / "docs").string()})
            .exit_code == 0);
    fs::resize_file(fs::path(sharded) / "shard-1" / "postlist.glass", 0);
    const auto full =
        run_steppe({"index", "-q", "--full", "--index", sharded, (dir / "docs").string()});
    CAPTURE(full.err);
    CHECK(full.exit_code == 0);
    for (int i = 0; i < 30; ++i) {
        const auto r =
            run_steppe({"search", "--ids", "--index", sharded, "marker" + std::to_string(i)});
        CHECK(r.exit_code == 0);
    }
}

TEST_CASE("fault: a damaged index says how to rebuild it", "[fault][corrupt]") {
    TempDir dir;
    write_file(dir / "docs" / "a.txt", text_with("aardvark", 40));
    const std::string index = (dir / "index").string();
    REQUIRE(run_steppe({"index", "-q", "--index", index, (dir / "docs").string()}).exit_code == 0);
    fs::resize_file(fs::path(index) / "postlist.glass",
                    fs::file_size(fs::path(index) / "postlist.glass") / 2);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"search", "--index", index, "aardvark"},
          std::vector<std::string>{"index", "-q", "--index", index, (dir / "docs").string()}}) {
        const auto r = run_steppe(args);
        CAPTURE(args[0], r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(index) != std::string::npos);
        CHECK(r.err.find("damaged: rebuild it with 'steppe index --full'") != std::string::npos);
    }
}

TEST_CASE("fault: a document that vanishes or changes after the walk is reported or re-read",
          "[fault][race]") {
    TempDir dir;
    write_file(dir / "docs" / "gone.txt", text_with("aardvark"));
    write_file(dir / "docs" / "changed.txt", text_with("buffalo"));
    std::vector<std::string> problems;
    const auto sources =
        steppe::find_sources({dir / "docs"}, [&](const std::string& p) { problems.push_back(p); });
    REQUIRE(sources.size() == 2);
    fs::remove(dir / "docs" / "gone.txt");
    write_file(dir / "docs" / "changed.txt", "Now it is about a camel.");
    std::vector<steppe::Document> docs;
    std::size_t errors = 0;
    for (const auto& s : sources)
        errors += steppe::read_source(
            s, [&](steppe::Document&& d) { docs.push_back(std::move(d)); },
            [&](const std::string& p) { problems.push_back(p); });
    CHECK(errors == 1);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("gone.txt") != std::string::npos);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].text.find("camel") != std::string::npos);

    // Through the binary: a changed file is re-read by the next run (its size or time differ).
    const std::string index = (dir / "index").string();
    REQUIRE(run_steppe({"index", "-q", "--index", index, (dir / "docs").string()}).exit_code == 0);
    write_file(dir / "docs" / "changed.txt", text_with("gazelle"));
    REQUIRE(run_steppe({"index", "-q", "--index", index, (dir / "docs").string()}).exit_code == 0);
    CHECK(hits(index, "gazelle") == 1);
    CHECK(hits(index, "camel") == 0);
}

TEST_CASE("fault: a FIFO or a device in the corpus is skipped with a message, never opened",
          "[fault][fifo]") {
    TempDir dir;
    write_file(dir / "docs" / "a.txt", text_with("aardvark"));
    REQUIRE(::mkfifo((dir / "docs" / "pipe.txt").c_str(), 0600) == 0);
    REQUIRE(::mkfifo((dir / "named.md").c_str(), 0600) == 0);
    const std::string index = (dir / "index").string();
    // `timeout` turns a hang into exit 124.
    const auto r = run_steppe({"index", "-q", "--index", index, (dir / "docs").string(),
                               (dir / "named.md").string(), "/dev/null"},
                              "timeout 60");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("pipe.txt: warning: skipped: not a regular file") != std::string::npos);
    CHECK(r.err.find("named.md: warning: skipped: not a regular file") != std::string::npos);
    CHECK(r.err.find("/dev/null: warning: skipped: not a regular file") != std::string::npos);
    CHECK(hits(index, "aardvark") == 1);

    // A link to a device inside the tree, followed on request, is not read either.
    fs::create_symlink("/dev/zero", dir / "docs" / "zero.txt");
    const auto f =
        run_steppe({"index", "-q", "--follow-symlinks", "--index", index, (dir / "docs").string()},
                   "timeout 60");
    CHECK(f.exit_code == 0);
    CHECK(f.err.find("zero.txt: warning: skipped: not a regular file") != std::string::npos);
}

TEST_CASE("security: symbolic links out of the tree are read only with --follow-symlinks",
          "[fault][symlink]") {
    TempDir dir;
    const auto docs = dir / "docs";
    write_file(docs / "inside.txt", text_with("aardvark"));
    write_file(dir / "outside" / "secret.txt", text_with("confidential"));
    write_file(dir / "outside" / "sub" / "deep.txt", text_with("hidden"));
    fs::create_symlink(docs / "inside.txt", docs / "alias.txt");
    fs::create_symlink(dir / "outside" / "secret.txt", docs / "secret.txt");
    fs::create_symlink(dir / "outside", docs / "elsewhere");
    fs::create_symlink("../docs", docs / "loop");
    fs::create_symlink(".", docs / "self");
    fs::create_symlink(dir / "nowhere.txt", docs / "dangling.txt");
    fs::create_symlink("cycle2.txt", docs / "cycle1.txt");
    fs::create_symlink("cycle1.txt", docs / "cycle2.txt");

    const std::string index = (dir / "index").string();
    const auto r = run_steppe({"index", "-q", "--index", index, docs.string()}, "timeout 60");
    CHECK(r.exit_code == 0);
    INFO(r.err);
    CHECK(r.err.find("secret.txt: warning: skipped: symbolic link to outside") !=
          std::string::npos);
    CHECK(r.err.find("dangling.txt: warning: skipped: broken symbolic link") != std::string::npos);
    CHECK(hits(index, "aardvark") == 2);  // inside.txt and alias.txt
    CHECK(hits(index, "confidential") == 0);
    CHECK(hits(index, "hidden") == 0);

    const std::string followed = (dir / "followed").string();
    const auto f = run_steppe(
        {"index", "-q", "--follow-symlinks", "--index", followed, docs.string()}, "timeout 60");
    CHECK(f.exit_code == 0);
    INFO(f.err);
    CHECK(hits(followed, "confidential") >= 1);
    CHECK(hits(followed, "hidden") == 1);
    CHECK(hits(followed, "aardvark") >= 2);
}

TEST_CASE("fault: a path with invalid UTF-8 bytes indexes and prints", "[fault][utf8]") {
    TempDir dir;
    const std::string bad = "caf\xe9 \xff\xfe name.txt";
    write_file(dir / "docs" / bad, text_with("aardvark"));
    const std::string index = (dir / "index").string();
    const auto r = run_steppe({"index", "-q", "--index", index, (dir / "docs").string()});
    CHECK(r.exit_code == 0);
    INFO(r.err);
    CHECK(hits(index, "aardvark") == 1);  // --json output parses: valid UTF-8
    for (const std::string format : {"--html", "--color=never", "--json"}) {
        CAPTURE(format);
        const auto s = run_steppe({"search", format, "--index", index, "aardvark"});
        CHECK(s.exit_code == 0);
        CHECK(s.err.empty());
    }
    // The next run finds the file unchanged.
    const auto again = run_steppe({"index", "--index", index, (dir / "docs").string()});
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("0 documents") != std::string::npos);
}

TEST_CASE("fault: stats --json on an index whose path is not UTF-8", "[fault][utf8]") {
    TempDir dir;
    write_file(dir / "docs" / "a.txt", text_with("aardvark"));
    const std::string index = (dir / "ind\xff\xfe ex").string();
    REQUIRE(run_steppe({"index", "-q", "--index", index, (dir / "docs").string()}).exit_code == 0);
    const auto stats = run_steppe({"stats", "--json", "--index", index});
    INFO(stats.err);
    REQUIRE(stats.exit_code == 0);
    const auto j = nlohmann::json::parse(stats.out);  // throws on invalid UTF-8
    CHECK(j.at("documents") == 1);
    CHECK(j.at("index").get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
}

namespace {

/// Indexes @p count files of a few words each, in folders of 1000, and checks every one is in.
void many_tiny_files(int count) {
    TempDir dir;
    const auto docs = dir / "docs";
    for (int i = 0; i < count; ++i) {
        if (i % 1000 == 0) fs::create_directories(docs / ("d" + std::to_string(i / 1000)));
        std::ofstream(docs / ("d" + std::to_string(i / 1000)) / ("f" + std::to_string(i) + ".txt"))
            << "tiny file number " << i << " about tinyword" << i << "\n";
    }
    const std::string index = (dir / "index").string();
    const auto r = run_steppe({"index", "-q", "--index", index, docs.string()});
    CHECK(r.exit_code == 0);
    const auto stats = run_steppe({"stats", "--json", "--index", index});
    REQUIRE(stats.exit_code == 0);
    CHECK(nlohmann::json::parse(stats.out).at("documents") == count);
    CHECK(hits(index, "tinyword" + std::to_string(count - 1)) == 1);
    CHECK(hits(index, "tinyword" + std::to_string(count / 2)) == 1);
}

}  // namespace

// CI indexes 20 000 files; the full 100 000 of the issue runs with `cli_test "[slow]"`
// (about five times as long).
TEST_CASE("fault: 20 000 tiny files", "[fault][many]") {
    many_tiny_files(20'000);
}

TEST_CASE("fault: 100 000 tiny files", "[.][slow][fault][many]") {
    many_tiny_files(100'000);
}

TEST_CASE("fault: a single 50 MB line, as text and as JSON Lines", "[fault][big]") {
    TempDir dir;
    std::string line;
    line.reserve(50u << 20);
    const std::string chunk = "the wind crosses the steppe, and the river runs by the yurt ";
    while (line.size() < (50u << 20))
        line += chunk;
    line += "aardvark";
    write_file(dir / "docs" / "big.txt", line);
    write_file(dir / "docs" / "big.jsonl", "{\"id\":\"big\",\"text\":\"" + line + "\"}\n");
    line.clear();
    line.shrink_to_fit();
    const std::string index = (dir / "index").string();
    const auto r = run_steppe({"index", "-q", "--index", index, (dir / "docs").string()});
    CHECK(r.exit_code == 0);
    INFO(r.err);
    CHECK(hits(index, "aardvark") == 2);
}

namespace {

/// The tag names in @p html that are not in the set steppe writes.
std::vector<std::string> foreign_tags(const std::string& html) {
    static const std::set<std::string> ours = {"article", "/article", "h3",   "/h3",
                                               "p",       "/p",       "mark", "/mark"};
    std::vector<std::string> out;
    for (auto at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
        const auto end = html.find_first_of(" >", at);
        const std::string name = html.substr(at + 1, end - at - 1);
        if (!ours.count(name)) out.push_back(name);
    }
    return out;
}

}  // namespace

TEST_CASE("security: HTML output escapes hostile titles, paths and text", "[fault][html]") {
    steppe::Hit hit;
    hit.id = "x\"><script>alert(1)</script>";
    hit.path = "a\"><img src=x onerror=alert(1)>.txt";
    hit.title = "<script>alert('t')</script> & <b>";
    hit.snippet.text = "<iframe src=\"javascript:alert(1)\"> & 'quote' <mark>";
    hit.snippet.highlights = {{0, 7}, {40, 500}};  // the second is out of range: ignored
    steppe::Fragment fragment;
    fragment.snippet = hit.snippet;
    for (const bool with_fragments : {false, true}) {
        if (with_fragments) hit.fragments = {fragment, fragment};
        const std::string html = steppe::hit_html(hit);
        CAPTURE(html);
        CHECK(foreign_tags(html).empty());
        CHECK(html.find("&lt;script&gt;") != std::string::npos);
        CHECK(html.find("&quot;&gt;&lt;img") != std::string::npos);
        CHECK(html.find("&#39;quote&#39;") != std::string::npos);
    }

    TempDir dir;
    const std::string name = "<img src=x onerror=alert(1)>.md";
    write_file(dir / "docs" / name,
               "# <script>alert(\"title\")</script> & co\n\nThe aardvark <b>bold</b> "
               "<iframe src=javascript:alert(1)> text.\n");
    const std::string index = (dir / "index").string();
    REQUIRE(run_steppe({"index", "-q", "--index", index, (dir / "docs").string()}).exit_code == 0);
    const auto r = run_steppe({"search", "--html", "--index", index, "aardvark"});
    REQUIRE(r.exit_code == 0);
    CAPTURE(r.out);
    CHECK(foreign_tags(r.out).empty());
    CHECK(r.out.find("<mark>aardvark</mark>") != std::string::npos);
}
