#include <catch2/catch.hpp>

#include <vector>

#include "steppe/corpus/read.hpp"
#include "steppe/corpus/utf8.hpp"
#include "steppe/corpus/walk.hpp"
#include "test_support.hpp"

using steppe::test::TempDir;
using steppe::test::write_file;

TEST_CASE("corpus: walking finds txt, md and jsonl, skips hidden and others", "[walk]") {
    TempDir dir;
    write_file(dir / "a.txt", "alpha");
    write_file(dir / "sub/b.md", "# Bee\n\nbody");
    write_file(dir / "sub/c.jsonl", "{\"id\":\"1\",\"text\":\"x\"}\n");
    write_file(dir / "sub/d.pdfx", "no");
    write_file(dir / ".hidden/e.txt", "hidden");
    write_file(dir / ".f.txt", "hidden");
    std::vector<std::string> problems;
    const auto files =
        steppe::find_sources({dir.path()}, [&](const std::string& m) { problems.push_back(m); });
    REQUIRE(files.size() == 3);
    CHECK(files[0].path.filename() == "a.txt");
    CHECK(files[1].type == "md");
    CHECK(files[2].type == "jsonl");
    CHECK(problems.empty());
    const auto none = steppe::find_sources({dir / "missing"},
                                           [&](const std::string& m) { problems.push_back(m); });
    CHECK(none.empty());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("missing") != std::string::npos);
}

TEST_CASE("corpus: titles come from the first line or heading", "[read]") {
    CHECK(steppe::title_of("\n  First line \nsecond", "txt") == "First line");
    CHECK(steppe::title_of("intro\n## The Heading\n", "md") == "The Heading");
    CHECK(steppe::title_of("no heading here\n", "md") == "no heading here");
}

TEST_CASE("corpus: a malformed JSON line is reported with its line and skipped", "[read][jsonl]") {
    TempDir dir;
    write_file(dir / "c.jsonl",
               "{\"id\":\"d1\",\"title\":\"One\",\"text\":\"first\"}\n"
               "{\"id\":\"d2\",\"text\": broken}\n"
               "\n"
               "{\"id\":3,\"text\":\"third\"}\n"
               "{\"title\":\"no id\"}\n");
    const auto files = steppe::find_sources({dir.path()}, [](const std::string&) {});
    REQUIRE(files.size() == 1);
    std::vector<steppe::Document> docs;
    std::vector<std::string> problems;
    const auto errors = steppe::read_source(
        files[0], [&](steppe::Document&& d) { docs.push_back(std::move(d)); },
        [&](const std::string& m) { problems.push_back(m); });
    CHECK(errors == 2);
    REQUIRE(docs.size() == 2);
    CHECK(docs[0].id == "d1");
    CHECK(docs[0].title == "One");
    CHECK(docs[1].id == "3");
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].find("c.jsonl:2:") != std::string::npos);
    CHECK(problems[1].find("c.jsonl:5:") != std::string::npos);
}

TEST_CASE("corpus: invalid UTF-8 is replaced and its first offset reported", "[utf8]") {
    std::string s = "ok\xC3(fine";
    CHECK(steppe::repair_utf8(s) == 2);
    CHECK(s == "ok\xEF\xBF\xBD(fine");
    std::string bom = "\xEF\xBB\xBFhi";
    CHECK(steppe::repair_utf8(bom) == std::string::npos);
    CHECK(bom == "hi");
}
