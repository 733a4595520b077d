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

namespace {

steppe::SourceFile source_of(const std::filesystem::path& path, const std::string& type) {
    return steppe::SourceFile{path, type, std::filesystem::file_size(path), 0, 0};
}

}  // namespace

TEST_CASE("corpus: a large text file streams in parts that add up to the whole", "[read][stream]") {
    TempDir dir;
    // Paragraphs, long lines without a break, and multi-byte characters near every cut.
    std::string text = "Title of the big file\n\n";
    for (int i = 0; i < 400; ++i) {
        text += "Paragraph " + std::to_string(i) + " on the steppe, Қазақстан and café ";
        if (i % 7 == 0) text += std::string(300, 'x') + "ж";  // a long word
        text += i % 3 == 0 ? "\n\n" : "\n";
    }
    text += "no final newline ӘӨҮ";
    write_file(dir / "big.txt", text);
    const auto source = source_of(dir / "big.txt", "txt");

    std::vector<steppe::Document> whole, parts;
    std::vector<std::string> problems;
    auto problem = [&](const std::string& m) { problems.push_back(m); };
    REQUIRE(steppe::read_source(
                source, [&](steppe::Document&& d) { whole.push_back(std::move(d)); }, problem) ==
            0);
    const std::size_t part_bytes = 1000;
    REQUIRE(steppe::read_source(
                source, [&](steppe::Document&& d) { parts.push_back(std::move(d)); }, problem,
                part_bytes) == 0);
    CHECK(problems.empty());
    REQUIRE(whole.size() == 1);
    CHECK(whole[0].last_part);
    REQUIRE(parts.size() > text.size() / part_bytes);

    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        CAPTURE(i);
        CHECK(parts[i].id == whole[0].id);
        CHECK(parts[i].title == "Title of the big file");
        CHECK(parts[i].part == i);
        CHECK(parts[i].offset == joined.size());
        CHECK(parts[i].last_part == (i + 1 == parts.size()));
        CHECK(parts[i].text.size() <= part_bytes);
        CHECK(steppe::is_valid_utf8(parts[i].text));
        // A part ends at a line break or a space unless a word fills it.
        if (i + 1 < parts.size() && parts[i].text.find(' ') != std::string::npos)
            CHECK((parts[i].text.back() == '\n' || parts[i].text.back() == ' '));
        joined += parts[i].text;
    }
    CHECK(joined == whole[0].text);

    // Files up to the part size, and other formats, are read whole.
    write_file(dir / "small.txt", "short text");
    write_file(dir / "notes.md", "# Notes\n\n" + text);
    std::size_t n = 0;
    steppe::read_source(
        source_of(dir / "small.txt", "txt"), [&](steppe::Document&&) { ++n; }, problem, 10);
    steppe::read_source(
        source_of(dir / "notes.md", "md"), [&](steppe::Document&&) { ++n; }, problem, 10);
    CHECK(n == 2);
}

TEST_CASE("corpus: a large UTF-16 file is reported, not streamed", "[read][stream]") {
    TempDir dir;
    std::string bytes = "\xFF\xFE";  // UTF-16 LE BOM
    for (int i = 0; i < 2000; ++i)
        for (const char c : std::string("word "))
            bytes += std::string{c, '\0'};
    write_file(dir / "wide.txt", bytes);
    std::vector<std::string> problems;
    std::size_t n = 0;
    CHECK(steppe::read_source(
              source_of(dir / "wide.txt", "txt"), [&](steppe::Document&&) { ++n; },
              [&](const std::string& m) { problems.push_back(m); }, 1000) == 1);
    CHECK(n == 0);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("wide.txt: skipped: a UTF-16") != std::string::npos);
}
