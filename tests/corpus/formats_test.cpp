#include <catch2/catch.hpp>

#include <vector>

#include "steppe/common/error.hpp"
#include "steppe/corpus/formats.hpp"
#include "steppe/corpus/read.hpp"
#include "steppe/corpus/walk.hpp"
#include "test_support.hpp"

namespace {

std::filesystem::path fixture(const std::string& name) {
    return steppe::test::test_data() / "formats" / name;
}

struct ReadResult {
    std::vector<steppe::Document> docs;
    std::vector<std::string> problems;
    std::size_t errors = 0;
};

ReadResult read(const std::string& name) {
    const auto files = steppe::find_sources({fixture(name)}, [](const std::string&) {});
    REQUIRE(files.size() == 1);
    ReadResult r;
    r.errors = steppe::read_source(
        files[0], [&](steppe::Document&& d) { r.docs.push_back(std::move(d)); },
        [&](const std::string& m) { r.problems.push_back(m); });
    return r;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("formats: HTML drops script and style, decodes entities, keeps the title",
          "[formats][html]") {
    const auto r = read("page.html");
    REQUIRE(r.docs.size() == 1);
    const auto& d = r.docs[0];
    CHECK(d.type == "html");
    CHECK(d.title == "Nomad & Horse");
    CHECK(has(d.text, "Horses carried café owners <and> herders"));
    CHECK(has(d.text, "Yurts are round — felt covers them."));
    CHECK_FALSE(has(d.text, "secretscript"));
    CHECK_FALSE(has(d.text, "hidden-style-word"));
    CHECK_FALSE(has(d.text, "noscriptword"));
    // Block elements end paragraphs: each list item stands apart.
    CHECK(has(d.text, "Kumis is fermented milk.\n\nEagles hunt foxes."));
}

TEST_CASE("formats: broken HTML still gives its text", "[formats][html]") {
    const auto e = steppe::html_to_text("<p>unclosed <b>bold <i>italic</p><div>after");
    CHECK(has(e.text, "unclosed bold italic"));
    CHECK(has(e.text, "after"));
}

TEST_CASE("formats: Markdown keeps text, drops markup and link targets", "[formats][md]") {
    const auto r = read("notes.md");
    REQUIRE(r.docs.size() == 1);
    const auto& d = r.docs[0];
    CHECK(d.title == "Markdown Title");
    CHECK(has(d.text, "Some emphasis and a link text here."));
    CHECK_FALSE(has(d.text, "example.com"));
    CHECK(has(d.text, "bullet one about falcons"));
    CHECK(has(d.text, "code block with fortytwo"));
    CHECK_FALSE(has(d.text, "*"));
}

TEST_CASE("formats: Latin-1 and Windows-1251 text is decoded to UTF-8", "[formats][encoding]") {
    const auto latin = read("latin1.txt");
    REQUIRE(latin.docs.size() == 1);
    CHECK(has(latin.docs[0].text, "Déjà vu in the café: naïve Zoë ordered crème brûlée."));
    CHECK(latin.problems.empty());
    const auto cyr = read("cp1251.txt");
    REQUIRE(cyr.docs.size() == 1);
    CHECK(has(cyr.docs[0].text, "Степь простирается до горизонта."));
    CHECK(cyr.docs[0].title ==
          "Степь простирается до горизонта. Кочевники пасут овец и лошадей; юрта стоит у реки.");
}

TEST_CASE("formats: UTF-16 with a BOM is decoded", "[formats][encoding]") {
    const std::string le(
        "\xFF\xFE"
        "h\0i\0 \0\x12\x04",
        10);  // "hi В" in UTF-16LE
    CHECK(steppe::decode_text(le).text == "hi \xD0\x92");
    CHECK_FALSE(steppe::looks_binary(le));
}

TEST_CASE("formats: a binary file is skipped with a reason", "[formats][binary]") {
    const auto r = read("binary.txt");
    CHECK(r.docs.empty());
    CHECK(r.errors == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(has(r.problems[0], "binary.txt: skipped: binary file"));
}

TEST_CASE("formats: a PDF gives its text page by page", "[formats][pdf]") {
    const auto r = read("report.pdf");
    REQUIRE(r.docs.size() == 1);
    const auto& d = r.docs[0];
    CHECK(d.type == "pdf");
    CHECK(d.title == "Mountain Report");
    REQUIRE(d.page_starts.size() == 2);
    CHECK(d.page_starts[0] == 0);
    const auto second = d.text.substr(d.page_starts[1]);
    CHECK(has(second, "saiga antelopes"));
    CHECK_FALSE(has(d.text.substr(0, d.page_starts[1]), "saiga"));
    CHECK(has(d.text, "Glaciers of the Tien Shan"));
    CHECK_THROWS_AS(steppe::pdf_to_text("%PDF-1.4 garbage"), steppe::CorpusError);
}

TEST_CASE("formats: a gzipped JSON Lines file with a malformed line", "[formats][jsonl]") {
    const auto r = read("records.jsonl.gz");
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[1].id == "r3");
    REQUIRE(r.problems.size() == 1);
    CHECK(has(r.problems[0], "records.jsonl.gz:2:"));
}

TEST_CASE("formats: deeply nested HTML is refused quickly, ordinary pages are not",
          "[formats][html]") {
    const auto nested = [](const std::string& tag, std::size_t depth, bool close) {
        std::string html = "<html><body>";
        for (std::size_t i = 0; i < depth; ++i)
            html += "<" + tag + ">";
        html += "deepword";
        if (close)
            for (std::size_t i = 0; i < depth; ++i)
                html += "</" + tag + ">";
        return html + "</body></html>";
    };
    // 4000 levels parse (the text walk needs no call stack for them).
    CHECK(steppe::html_to_text(nested("div", 4000, true)).text == "deepword");
    for (const auto& html :
         {nested("div", 200000, true), nested("b", 200000, false), nested("span", 4097, true)}) {
        try {
            (void)steppe::html_to_text(html);
            FAIL("no CorpusError");
        } catch (const steppe::CorpusError& e) {
            CHECK_THAT(e.what(), Catch::StartsWith("skipped: HTML elements nested more than 4096 "
                                                   "deep (at byte "));
        }
    }
    // Thousands of paragraphs and list items whose end tags are left out, void elements and
    // tags inside scripts or comments do not count as nesting.
    std::string page = "<html><body><ul>";
    for (int i = 0; i < 6000; ++i)
        page += "<li>item " + std::to_string(i) + "<br><img src=x><p>para";
    page += "</ul><script>" + std::string(5000, ' ') + "var s = '" + nested("div", 5000, false) +
            "';</script><!-- " + nested("div", 5000, false) + " -->end</body></html>";
    const auto e = steppe::html_to_text(page);
    CHECK(e.text.find("item 5999") != std::string::npos);
    CHECK(e.text.find("deepword") == std::string::npos);
    CHECK(e.text.substr(e.text.size() - 3) == "end");
}
