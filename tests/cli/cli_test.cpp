// The command line, run in-process: exit codes, JSON output, errors.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/indexer/cli.hpp"
#include "steppe/indexer/passages.hpp"
#include "steppe/searcher/cli.hpp"
#include "steppe/searcher/stats.hpp"
#include "test_support.hpp"

using nlohmann::json;
using steppe::test::TempDir;

namespace {

struct Output {
    int code = 0;
    std::string out, err;
};

Output search(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    Output o;
    o.code = steppe::cli::run_search(args, out, err);
    o.out = out.str();
    o.err = err.str();
    return o;
}

/// The sample corpus indexed once for all tests of this file.
const std::string& sample_index() {
    static TempDir dir;
    static const std::string path = [] {
        std::ostringstream out, err;
        const std::string index = (dir / "index").string();
        const int code = steppe::cli::run_index(
            {"--index", index, "--quiet", steppe::test::sample_corpus().string()}, out, err);
        if (code != 0) throw std::runtime_error("indexing the sample failed: " + err.str());
        return index;
    }();
    return path;
}

std::vector<json> lines(const std::string& text) {
    std::vector<json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(json::parse(line));
    return out;
}

std::string span_text(const json& snippet, const json& span) {
    const std::string text = snippet["text"];
    return text.substr(span[0].get<std::size_t>(),
                       span[1].get<std::size_t>() - span[0].get<std::size_t>());
}

}  // namespace

TEST_CASE("cli: 'constitutional court' ranks the Court's appeals passage first", "[cli][sample]") {
    const auto o = search({"--index", sample_index(), "--json", "constitutional court"});
    REQUIRE(o.code == 0);
    const auto records = lines(o.out);
    REQUIRE(records.size() == 2);
    const auto& hit = records[0]["data"];
    CHECK(records[0]["type"] == "hit");
    CHECK(hit["rank"] == 1);
    const std::string text = hit["snippet"]["text"];
    CHECK(text.find("appeals") != std::string::npos);
    CHECK(text.find("judgments") != std::string::npos);
    std::set<std::string> highlighted;
    for (const auto& span : hit["snippet"]["highlights"])
        highlighted.insert(span_text(hit["snippet"], span));
    CHECK(highlighted.count("Constitutional") == 1);
    CHECK(highlighted.count("Court") == 1);
    CHECK(records[1]["type"] == "summary");
    CHECK(records[1]["data"]["hits"] == 1);
}

TEST_CASE("cli: every highlight is a form of a query word", "[cli][sample][highlight]") {
    steppe::Analyzer analyzer;
    for (const std::string query :
         {"reforms", "constitutional court", "human rights", "elections women", "strengthening"}) {
        CAPTURE(query);
        std::set<std::string> stems;
        for (const auto& t : analyzer.tokenize(query))
            stems.insert(analyzer.stem(t, "en"));
        const auto o = search({"--index", sample_index(), "--json", "-n", "5", query});
        REQUIRE(o.code == 0);
        std::size_t spans = 0;
        for (const auto& record : lines(o.out)) {
            if (record["type"] != "hit") continue;
            const auto& snippet = record["data"]["snippet"];
            for (const auto& span : snippet["highlights"]) {
                const std::string text = span_text(snippet, span);
                const auto tokens = analyzer.tokenize(text);
                REQUIRE(tokens.size() == 1);
                CAPTURE(text);
                CHECK(stems.count(analyzer.stem(tokens[0], "en")) == 1);
                ++spans;
            }
        }
        CHECK(spans > 0);
    }
}

TEST_CASE("cli: 'reforms' highlights reform and reforms, nothing else",
          "[cli][sample][highlight]") {
    const auto o =
        search({"--index", sample_index(), "--json", "--snippet-bytes", "4000", "reforms"});
    REQUIRE(o.code == 0);
    std::set<std::string> seen;
    for (const auto& record : lines(o.out)) {
        if (record["type"] != "hit") continue;
        for (const auto& span : record["data"]["snippet"]["highlights"])
            seen.insert(span_text(record["data"]["snippet"], span));
    }
    REQUIRE_FALSE(seen.empty());
    for (const auto& s : seen) {
        CAPTURE(s);
        CHECK((s == "reforms" || s == "reform" || s == "Reforms" || s == "Reform"));
    }
}

TEST_CASE("cli: exit codes say hit, no hit or error", "[cli][exit]") {
    CHECK(search({"--index", sample_index(), "Kazakhstan"}).code == 0);
    const auto none = search({"--index", sample_index(), "xylophonic"});
    CHECK(none.code == 1);
    CHECK(none.out.empty());
    const auto json_none = search({"--index", sample_index(), "--json", "xylophonic"});
    CHECK(json_none.code == 1);
    REQUIRE(lines(json_none.out).size() == 1);
    CHECK(lines(json_none.out)[0]["data"]["hits"] == 0);

    TempDir empty;
    CHECK_THROWS_AS(search({"--index", (empty / "nothing").string(), "x"}), steppe::IndexError);
    CHECK_THROWS_AS(search({"--index", sample_index()}), steppe::QueryError);
    CHECK_THROWS_AS(search({"--index", sample_index(), " ,;! "}), steppe::QueryError);
    CHECK_THROWS_AS(search({"--bogus"}), steppe::UsageError);
    CHECK_THROWS_AS(search({"--color", "sometimes", "x"}), steppe::UsageError);
    CHECK(search({"--help"}).code == 0);
    CHECK(search({"--version"}).out.find("Xapian") != std::string::npos);
}

TEST_CASE("cli: human output names the path and title, colour only when asked", "[cli]") {
    const auto plain = search({"--index", sample_index(), "constitutional"});
    REQUIRE(plain.code == 0);
    CHECK(plain.out.find("kazakhstan-democratic-reforms-pace-2025.txt") != std::string::npos);
    CHECK(plain.out.find("\x1b[") == std::string::npos);
    const auto colour = search({"--index", sample_index(), "--color", "always", "constitutional"});
    CHECK(colour.out.find("\x1b[1;31mConstitutional\x1b[0m") != std::string::npos);
}

TEST_CASE("cli: indexing reports inputs it cannot read and exits 1", "[cli][index]") {
    TempDir dir;
    steppe::test::write_file(dir / "docs/good.txt", "A good document about rivers.");
    steppe::test::write_file(dir / "docs/bad.jsonl",
                             "{\"id\":\"1\",\"text\":\"fine lake\"}\nnot json\n");
    std::ostringstream out, err;
    const int code = steppe::cli::run_index(
        {"--index", (dir / "index").string(), (dir / "docs").string()}, out, err);
    CHECK(code == 1);
    CHECK(err.str().find("bad.jsonl:2:") != std::string::npos);
    // The rest was indexed and committed.
    CHECK(search({"--index", (dir / "index").string(), "rivers"}).code == 0);
    CHECK(search({"--index", (dir / "index").string(), "lake"}).code == 0);
}

TEST_CASE("cli: re-indexing a changed file replaces its passages", "[cli][index]") {
    TempDir dir;
    const auto index = (dir / "index").string();
    steppe::test::write_file(dir / "docs/a.txt", "The first version speaks of mountains.");
    std::ostringstream out, err;
    REQUIRE(steppe::cli::run_index({"--index", index, "-q", (dir / "docs").string()}, out, err) ==
            0);
    steppe::test::write_file(dir / "docs/a.txt", "The second version speaks of oceans.");
    REQUIRE(steppe::cli::run_index({"--index", index, "-q", (dir / "docs").string()}, out, err) ==
            0);
    CHECK(search({"--index", index, "mountains"}).code == 1);
    const auto o = search({"--index", index, "--json", "oceans"});
    REQUIRE(o.code == 0);
    CHECK(lines(o.out)[0]["data"]["matching_passages"] == 1);
}

TEST_CASE("cli: every format indexes and searches", "[cli][formats]") {
    TempDir dir;
    const auto index = (dir / "index").string();
    std::ostringstream out, err;
    const int code = steppe::cli::run_index(
        {"--index", index, (steppe::test::test_data() / "formats").string()}, out, err);
    CAPTURE(err.str());
    CHECK(code == 1);  // the binary file and the malformed JSON line could not be indexed
    CHECK(err.str().find("binary.txt: skipped: binary file") != std::string::npos);
    CHECK(err.str().find("records.jsonl.gz:2:") != std::string::npos);
    struct Case {
        const char* query;
        const char* id_part;
    };
    for (const Case c : {Case{"saiga antelopes", "report.pdf"}, Case{"yurts felt", "page.html"},
                         Case{"falcons bullet", "notes.md"}, Case{"creme brulee", "latin1.txt"},
                         Case{"кочевники", "cp1251.txt"}, Case{"hares", "r3"}}) {
        CAPTURE(c.query);
        const auto o = search({"--index", index, "--json", "-n", "1", c.query});
        REQUIRE(o.code == 0);
        const std::string id = lines(o.out)[0]["data"]["id"];
        CHECK(id.find(c.id_part) != std::string::npos);
    }
    // A PDF hit says its page, in the hit and in each fragment; other formats have none.
    const auto saiga = lines(search({"--index", index, "--json", "saiga"}).out)[0]["data"];
    CHECK(saiga["page"] == 2);
    CHECK(saiga["fragments"][0]["page"] == 2);
    const auto glaciers = lines(search({"--index", index, "--json", "glaciers"}).out)[0]["data"];
    CHECK(glaciers["page"] == 1);
    const auto yurts = lines(search({"--index", index, "--json", "yurts"}).out)[0]["data"];
    CHECK(yurts["page"].is_null());
    CHECK(search({"--index", index, "secretscript"}).code == 1);
    CHECK(search({"--index", index, "noscriptword"}).code == 1);
}

TEST_CASE("cli: stats reports documents, passages, languages and settings", "[cli][stats]") {
    std::ostringstream out, err;
    REQUIRE(steppe::cli::run_stats({"--index", sample_index(), "--json"}, out, err) == 0);
    const auto j = json::parse(out.str());
    CHECK(j["documents"] == 1);
    CHECK(j["passages"].get<int>() > 5);
    CHECK(j["distinct_terms"].get<int>() > 300);
    CHECK(j["languages"]["en"] == j["passages"]);
    CHECK(j["types"]["txt"] == j["passages"]);
    CHECK(j["size_bytes"].get<long>() > 0);
    CHECK(j["schema_version"].get<int>() >= 1);
    CHECK(j["analyzer"].is_object());
    CHECK(j["last_update"].get<std::string>().size() == 20);
    TempDir empty;
    std::ostringstream o2, e2;
    CHECK_THROWS_AS(steppe::cli::run_stats({"--index", (empty / "none").string()}, o2, e2),
                    steppe::IndexError);
}

TEST_CASE("cli: --language takes a language code or auto", "[cli][index][language]") {
    TempDir dir;
    steppe::test::write_file(dir / "docs/a.txt", "A short note about rivers.");
    std::ostringstream out, err;
    const auto index = (dir / "index").string();
    CHECK_THROWS_AS(
        steppe::cli::run_index(
            {"--index", index, "--language", "english!", (dir / "docs").string()}, out, err),
        steppe::UsageError);
    CHECK(steppe::cli::run_index(
              {"--index", index, "-q", "--language", "EN", (dir / "docs").string()}, out, err) ==
          0);
    CHECK(steppe::cli::run_index(
              {"--index", index, "-q", "--language", "auto", (dir / "docs").string()}, out, err) ==
          0);
}

TEST_CASE("cli: --keep-diacritics indexes café and cafe as different words",
          "[cli][index][diacritics]") {
    TempDir dir;
    steppe::test::write_file(dir / "docs/accent.txt", "We met at the café.");
    steppe::test::write_file(dir / "docs/plain.txt", "We met at the cafe.");
    std::ostringstream out, err;
    const auto folded = (dir / "folded").string();
    const auto kept = (dir / "kept").string();
    REQUIRE(steppe::cli::run_index({"--index", folded, "-q", (dir / "docs").string()}, out, err) ==
            0);
    REQUIRE(steppe::cli::run_index({"--index", kept, "-q", "--keep-diacritics", "--language", "en",
                                    (dir / "docs").string()},
                                   out, err) == 0);
    CHECK(lines(search({"--index", folded, "--json", "café"}).out).size() == 3);  // 2 + summary
    const auto o = search({"--index", kept, "--json", "café"});
    const auto hits = lines(o.out);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0]["data"]["path"].get<std::string>().find("accent.txt") != std::string::npos);
    // The setting is the index's: changing it needs a rebuild.
    CHECK_THROWS_AS(
        steppe::cli::run_index({"--index", kept, "-q", (dir / "docs").string()}, out, err),
        steppe::IndexError);
}

TEST_CASE("cli: an index keeps the passage length it was built with unless told otherwise",
          "[cli][index]") {
    TempDir dir;
    const auto index = (dir / "index").string();
    // 40 sentences of 6 words: 240 words, many passages at 20 words, few at the default.
    auto text = [](const std::string& word) {
        std::string t;
        for (int i = 0; i < 40; ++i)
            t += "The " + word + " crossed the wide steppe.\n";
        return t;
    };
    auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"--index", index, "-q"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back((dir / "docs").string());
        std::ostringstream out, err;
        REQUIRE(steppe::cli::run_index(args, out, err) == 0);
        std::ostringstream so, se;
        REQUIRE(steppe::cli::run_stats({"--index", index, "--json"}, so, se) == 0);
        return json::parse(so.str());
    };
    steppe::test::write_file(dir / "docs/a.txt", text("herd"));
    const auto first = run({"--passage-words", "20"});
    const int a = first["passages"];
    CHECK(a >= 8);
    CHECK(first["passage_settings"]["target_words"] == 20);
    // A later run without --passage-words cuts new files as the index was cut.
    steppe::test::write_file(dir / "docs/b.txt", text("rider"));
    const auto second = run({});
    CHECK(second["passages"] == 2 * a);
    CHECK(second["passage_settings"]["target_words"] == 20);
    // --passage-words on a later run applies to the files it writes, and is recorded.
    steppe::test::write_file(dir / "docs/c.txt", text("eagle"));
    const auto third = run({"--passage-words", "240"});
    CHECK(third["passages"] == 2 * a + 1);
    CHECK(third["passage_settings"]["target_words"] == 240);
    // --full rebuilds with the default length.
    const auto rebuilt = run({"--full"});
    CHECK(rebuilt["passage_settings"]["target_words"] == steppe::PassageOptions{}.target_words);
    CHECK(rebuilt["passages"].get<int>() < 2 * a);
}
