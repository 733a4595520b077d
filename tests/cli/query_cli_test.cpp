// The query language end to end on small indexes: operators, fields and ranges find the right
// documents; phrases highlight as one span; fragments, --passages, paging, --explain,
// did-you-mean, and every error path.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "steppe/common/error.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/indexer/cli.hpp"
#include "steppe/searcher/cli.hpp"
#include "steppe/searcher/query.hpp"
#include "test_support.hpp"

using nlohmann::json;
using steppe::test::TempDir;
using steppe::test::write_file;

namespace {

struct Output {
    int code = 0;
    std::string out, err;
};

Output search(std::vector<std::string> args) {
    std::ostringstream out, err;
    Output o;
    o.code = steppe::cli::run_search(args, out, err);
    o.out = out.str();
    o.err = err.str();
    return o;
}

void build_index(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    if (steppe::cli::run_index(args, out, err) != 0)
        throw std::runtime_error("indexing failed: " + err.str());
}

std::vector<json> hits_of(const std::string& text) {
    std::vector<json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const auto j = json::parse(line);
        if (j["type"] == "hit") out.push_back(j["data"]);
    }
    return out;
}

json summary_of(const std::string& text) {
    std::istringstream in(text);
    json last;
    for (std::string line; std::getline(in, line);)
        last = json::parse(line);
    return last["data"];
}

std::string span_text(const json& snippet, const json& span) {
    const std::string text = snippet["text"];
    return text.substr(span[0].get<std::size_t>(),
                       span[1].get<std::size_t>() - span[0].get<std::size_t>());
}

void set_mtime(const std::filesystem::path& p, int y, unsigned m, unsigned d) {
    const std::chrono::sys_seconds t{std::chrono::seconds{steppe::days_to_seconds(y, m, d)}};
    std::filesystem::last_write_time(p, std::chrono::file_clock::from_sys(t));
}

/// A small corpus in two languages and three formats, with known modification times.
struct Fixture {
    TempDir dir;
    std::string index = (dir / "index").string();
    std::string docs = (dir / "docs").string();

    Fixture() {
        write_file(dir / "docs/geo/rivers.txt",
                   "Rivers of the steppe\n\nThe Ural river flows into the Caspian Sea. Fishermen "
                   "follow the river north.\n");
        write_file(dir / "docs/geo/lakes.md",
                   "# Lakes\n\nBalkhash is a lake with fresh water and salt water. The lake lies "
                   "in the east.\n");
        write_file(dir / "docs/law/court.txt",
                   "Court rulings\n\nThe constitutional court heard appeals from citizens. Appeals "
                   "about water rights reached the court.\n");
        write_file(dir / "docs/law/notes.jsonl",
                   "{\"id\":\"note-1\",\"title\":\"Water law\",\"text\":\"A note on water rights "
                   "and the court of appeals.\"}\n"
                   "{\"id\":\"note-2\",\"title\":\"Fishing permits\",\"text\":\"Permits for "
                   "fishermen on the Caspian Sea.\"}\n");
        write_file(dir / "kk/ozen.txt", "Өзен\n\nЖайық өзені Каспий теңізіне құяды.\n");
        set_mtime(dir / "docs/geo/rivers.txt", 2020, 5, 1);
        set_mtime(dir / "docs/geo/lakes.md", 2024, 3, 1);
        set_mtime(dir / "docs/law/court.txt", 2025, 6, 1);
        set_mtime(dir / "docs/law/notes.jsonl", 2025, 6, 1);
        set_mtime(dir / "kk/ozen.txt", 2025, 8, 1);
        build_index({"--index", index, "-q", docs});
        build_index({"--index", index, "-q", "--language", "kk", (dir / "kk").string()});
    }

    /// The names of the documents @p query finds (file name, or record id), sorted.
    std::set<std::string> found(const std::string& query) const {
        // "--" ends the options, so a query may start with "-".
        const auto o = search({"--index", index, "--json", "-n", "100", "--", query});
        std::set<std::string> names;
        for (const auto& h : hits_of(o.out)) {
            const std::string id = h["id"];
            names.insert(id.substr(id.find_last_of('/') + 1));
        }
        return names;
    }
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

using Names = std::set<std::string>;

}  // namespace

TEST_CASE("search: each operator, field and range finds its documents", "[search][query]") {
    const auto& f = fixture();
    const std::string geo = "path:" + (f.dir / "docs/geo").string();
    const std::string law = "path:" + (f.dir / "docs/law").string();
    struct Case {
        std::string query;
        Names expected;
    };
    const Case cases[] = {
        {"river", {"rivers.txt"}},
        {"water", {"lakes.md", "court.txt", "note-1"}},
        {"lake fishermen", {"lakes.md", "rivers.txt", "note-2"}},
        {"water AND court", {"court.txt", "note-1"}},
        {"water court", {"lakes.md", "court.txt", "note-1"}},
        {"water OR river", {"lakes.md", "court.txt", "note-1", "rivers.txt"}},
        {"water NOT court", {"lakes.md"}},
        {"water AND NOT court", {"lakes.md"}},
        {"water -court", {"lakes.md"}},
        {"+water court", {"lakes.md", "court.txt", "note-1"}},
        {"+water +citizens", {"court.txt"}},
        {"(river OR lake) AND water", {"lakes.md"}},
        {"\"water rights\"", {"court.txt", "note-1"}},
        {"\"rights water\"", {}},
        {"\"constitutional court\"", {"court.txt"}},
        {"\"courts constitutional\"", {}},
        {"fishermen NEAR/1 caspian", {"rivers.txt"}},
        {"fishermen NEAR/2 caspian", {"rivers.txt", "note-2"}},
        {"fishermen NEAR caspian", {"rivers.txt", "note-2"}},
        {"fish*", {"rivers.txt", "note-2"}},
        {"appeal*", {"court.txt", "note-1"}},
        {"title:lakes", {"lakes.md"}},
        {"water title:\"water law\"", {"note-1"}},
        {"court -title:\"water law\"", {"court.txt"}},
        {geo, {"rivers.txt", "lakes.md"}},
        {"water " + law, {"court.txt", "note-1"}},
        {"water -" + law, {"lakes.md"}},
        {"type:md", {"lakes.md"}},
        {"type:jsonl water", {"note-1"}},
        {"type:txt type:md water", {"lakes.md", "court.txt"}},
        {"lang:kk", {"ozen.txt"}},
        {"өзені", {"ozen.txt"}},
        {"caspian lang:en", {"rivers.txt", "note-2"}},
        {"modified:2020", {"rivers.txt"}},
        {"water modified:2024-01-01..2025-06-30", {"lakes.md", "court.txt", "note-1"}},
        {"water modified:..2024-12-31", {"lakes.md"}},
        {"modified:2025-07..", {"ozen.txt"}},
        {"-water", {"rivers.txt", "note-2", "ozen.txt"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.query);
        CHECK(f.found(c.query) == c.expected);
    }
}

TEST_CASE("search: fields filter without changing scores", "[search][query]") {
    const auto& f = fixture();
    const auto all = hits_of(search({"--index", f.index, "--json", "water"}).out);
    const auto md = hits_of(search({"--index", f.index, "--json", "water type:md"}).out);
    REQUIRE(md.size() == 1);
    for (const auto& h : all) {
        if (h["id"] == md[0]["id"]) CHECK(h["score"].get<double>() == md[0]["score"].get<double>());
    }
}

TEST_CASE("search: paging concatenates to one long list, ties in id order", "[search][page]") {
    TempDir dir;
    // 300 small documents; many share a score, so the tie-break decides their order.
    for (int i = 0; i < 300; ++i) {
        std::string text = "Note " + std::to_string(i) + "\n\n";
        for (int k = 0; k <= i % 4; ++k)
            text += "needle ";
        text += "in a haystack of plain words.\n";
        write_file(dir / ("docs/d" + std::to_string(1000 + i) + ".txt"), text);
    }
    const std::string idx = (dir / "index").string();
    build_index({"--index", idx, "-q", (dir / "docs").string()});
    const auto all = hits_of(search({"--index", idx, "--json", "-n", "50", "needle"}).out);
    REQUIRE(all.size() == 50);
    std::vector<json> paged;
    for (int page = 0; page < 5; ++page) {
        const auto hits = hits_of(search({"--index", idx, "--json", "-n", "10", "--offset",
                                          std::to_string(page * 10), "needle"})
                                      .out);
        REQUIRE(hits.size() == 10);
        paged.insert(paged.end(), hits.begin(), hits.end());
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < all.size(); ++i) {
        CAPTURE(i);
        CHECK(paged[i]["id"] == all[i]["id"]);
        CHECK(paged[i]["rank"] == i + 1);
        ids.insert(paged[i]["id"].get<std::string>());
        if (i > 0 && all[i]["score"] == all[i - 1]["score"])
            CHECK(all[i - 1]["id"].get<std::string>() < all[i]["id"].get<std::string>());
    }
    CHECK(ids.size() == 50);
}

TEST_CASE("search: --ids prints the same ranking as --json, ids only", "[search][ids]") {
    TempDir dir;
    for (int i = 0; i < 30; ++i) {
        std::string text = "Note " + std::to_string(i) + "\n\n";
        for (int k = 0; k <= i % 5; ++k)
            text += "needle ";
        text += "in a haystack of plain words.\n";
        write_file(dir / ("docs/d" + std::to_string(100 + i) + ".txt"), text);
    }
    const std::string idx = (dir / "index").string();
    build_index({"--index", idx, "-q", (dir / "docs").string()});
    for (const bool passages : {false, true}) {
        CAPTURE(passages);
        std::vector<std::string> json_args{"--index", idx, "--json", "-n", "20", "needle"};
        std::vector<std::string> ids_args{"--index", idx, "--ids", "-n", "20", "needle"};
        if (passages) {
            json_args.push_back("--passages");
            ids_args.push_back("--passages");
        }
        const auto all = hits_of(search(json_args).out);
        const auto o = search(ids_args);
        REQUIRE(o.code == 0);
        std::istringstream lines(o.out);
        std::string line;
        std::size_t i = 0;
        while (std::getline(lines, line)) {
            REQUIRE(i < all.size());
            const auto tab1 = line.find('\t'), tab2 = line.rfind('\t');
            REQUIRE(tab1 != tab2);
            CHECK(line.substr(0, tab1) == std::to_string(i + 1));
            CHECK(std::abs(std::stod(line.substr(tab1 + 1, tab2 - tab1 - 1)) -
                           all[i]["score"].get<double>()) < 0.006);
            CHECK(line.substr(tab2 + 1) == all[i]["id"].get<std::string>());
            ++i;
        }
        CHECK(i == all.size());
    }
    CHECK_THROWS_AS(search({"--index", idx, "--ids", "--json", "needle"}), steppe::UsageError);
}

// --- The sample corpus ------------------------------------------------------------------

namespace {

const std::string& sample_index() {
    static TempDir dir;
    static const std::string path = [] {
        const std::string idx = (dir / "index").string();
        build_index({"--index", idx, "--quiet", steppe::test::sample_corpus().string()});
        return idx;
    }();
    return path;
}

}  // namespace

TEST_CASE("search: a phrase and a word find the Court's appeals, the phrase one span",
          "[search][sample][highlight]") {
    const auto o =
        search({"--index", sample_index(), "--json", "\"Constitutional Court\" appeals"});
    REQUIRE(o.code == 0);
    const auto hits = hits_of(o.out);
    REQUIRE(hits.size() == 1);
    const auto& snippet = hits[0]["snippet"];
    CHECK(snippet["text"].get<std::string>().find("9,900 appeals") != std::string::npos);
    std::multiset<std::string> marked;
    for (const auto& span : snippet["highlights"])
        marked.insert(span_text(snippet, span));
    CHECK(marked.count("Constitutional Court") == 1);
    CHECK(marked.count("appeals") == 1);
    // "the Court received" is not the phrase: not marked on its own.
    CHECK(marked.count("Court") == 0);
    CHECK(marked.count("court") == 0);
}

TEST_CASE("search: --passages lists every passage about women as its own hit",
          "[search][sample][passages]") {
    const auto doc = hits_of(search({"--index", sample_index(), "--json", "women"}).out);
    REQUIRE(doc.size() == 1);
    const std::size_t matching = doc[0]["matching_passages"];
    CHECK(matching >= 2);
    const auto o = search({"--index", sample_index(), "--json", "-n", "50", "--passages", "women"});
    REQUIRE(o.code == 0);
    const auto hits = hits_of(o.out);
    CHECK(hits.size() == matching);
    std::set<int> passages;
    for (const auto& h : hits) {
        passages.insert(h["passage"].get<int>());
        CHECK(h["id"] == doc[0]["id"]);
        REQUIRE(h["fragments"].size() == 1);
        CHECK(h["fragments"][0]["passage"] == h["passage"]);
        bool women = false;
        for (const auto& span : h["snippet"]["highlights"])
            women = women || span_text(h["snippet"], span) == "women" ||
                    span_text(h["snippet"], span) == "Women";
        CHECK(women);
    }
    CHECK(passages.size() == hits.size());
}

TEST_CASE("search: each hit's fragments and matching passages are its own document's",
          "[search][fragments]") {
    // Documents of short passages with "zebra" in 1, 2, 4 and 6 of them: a page of hits gets
    // all its fragments from one match over the hits' documents, which must not mix them up.
    TempDir dir;
    for (const int with : {1, 2, 4, 6}) {
        std::string text;
        for (int s = 0; s < 8; ++s)
            text += "Sentence " + std::to_string(s) + " of this note tells of rivers" +
                    (s < with ? " and a zebra" : "") + " crossing the wide valley floor today.\n\n";
        steppe::test::write_file(dir / "docs" / ("z" + std::to_string(with) + ".txt"), text);
    }
    const std::string index = (dir / "index").string();
    build_index({"-q", "--passage-words", "12", "--index", index, (dir / "docs").string()});
    // The truth, passage by passage in rank order: every matching passage as its own hit.
    const auto each = search({"--index", index, "--json", "--passages", "-n", "100", "zebra"});
    REQUIRE(each.code == 0);
    std::map<std::string, std::vector<int>> ranked;
    for (const auto& h : hits_of(each.out))
        ranked[h["id"].get<std::string>()].push_back(h["passage"].get<int>());
    REQUIRE(ranked.size() == 4);

    const auto page = search({"--index", index, "--json", "zebra"});
    REQUIRE(page.code == 0);
    const auto hits = hits_of(page.out);
    REQUIRE(hits.size() == 4);
    std::set<std::size_t> counts;
    for (const auto& h : hits) {
        const auto& mine = ranked.at(h["id"].get<std::string>());
        CAPTURE(h.dump());
        CHECK(h["matching_passages"].get<std::size_t>() == mine.size());
        counts.insert(mine.size());
        // Its best three passages (or all it has), in document order.
        std::vector<int> best(mine.begin(), mine.begin() + std::min<std::size_t>(3, mine.size()));
        std::sort(best.begin(), best.end());
        std::vector<int> shown;
        for (const auto& f : h["fragments"])
            shown.push_back(f["passage"].get<int>());
        CHECK(shown == best);
    }
    CHECK(counts == std::set<std::size_t>{1, 2, 4, 6});
}

TEST_CASE("search: a hit carries its best fragments in document order", "[search][sample]") {
    const auto hits =
        hits_of(search({"--index", sample_index(), "--json", "constitutional court"}).out);
    REQUIRE(hits.size() == 1);
    const auto& h = hits[0];
    const auto& fragments = h["fragments"];
    REQUIRE(fragments.size() == 3);
    CHECK(h["matching_passages"].get<std::size_t>() >= 3);
    bool best = false;
    for (std::size_t i = 0; i < fragments.size(); ++i) {
        CHECK(fragments[i]["page"].is_null());
        CHECK_FALSE(fragments[i]["highlights"].empty());
        if (i > 0) CHECK(fragments[i - 1]["passage"] < fragments[i]["passage"]);
        if (fragments[i]["passage"] == h["passage"]) {
            best = true;
            CHECK(fragments[i]["text"] == h["snippet"]["text"]);
        }
    }
    CHECK(best);
    // The contract's fields are all still there.
    for (const char* key : {"rank", "score", "id", "path", "title", "passage", "snippet"})
        CHECK(h.contains(key));
    const auto one = hits_of(
        search({"--index", sample_index(), "--json", "--fragments", "1", "constitutional court"})
            .out);
    REQUIRE(one[0]["fragments"].size() == 1);
    CHECK(one[0]["fragments"][0]["passage"] == one[0]["passage"]);
}

TEST_CASE("search: --explain breaks the score down by query term", "[search][sample][explain]") {
    const auto o = search({"--index", sample_index(), "--json", "--explain", "--passages", "-n",
                           "5", "\"constitutional court\" appeals -women"});
    const auto hits = hits_of(o.out);
    REQUIRE_FALSE(hits.empty());
    for (const auto& h : hits) {
        const auto& parts = h["explain"];
        REQUIRE(parts.size() == 2);
        CHECK(parts[0]["term"] == "\"constitutional court\"");
        CHECK(parts[1]["term"] == "appeals");
        double sum = 0;
        for (const auto& p : parts)
            sum += p["score"].get<double>();
        CHECK(sum == Approx(h["score"].get<double>()).epsilon(1e-6));
    }
    const auto human = search({"--index", sample_index(), "--explain", "court appeals"});
    CHECK(human.out.find(" court + ") != std::string::npos);
}

TEST_CASE("search: did you mean", "[search][sample][spelling]") {
    const auto o = search({"--index", sample_index(), "--json", "constitutoinal"});
    CHECK(o.code == 1);
    CHECK(summary_of(o.out)["suggestion"] == "constitutional");
    const auto two = search({"--index", sample_index(), "--json", "Constitutoinal cuort"});
    CHECK(summary_of(two.out)["suggestion"] == "constitutional court");
    const auto human = search({"--index", sample_index(), "constitutoinal court"});
    CHECK(human.code == 0);
    CHECK(human.err.find("Did you mean: constitutional court\n") != std::string::npos);
    CHECK(human.out.find("Did you mean") == std::string::npos);
    // Known words get no suggestion.
    const auto fine = search({"--index", sample_index(), "--json", "constitutional"});
    CHECK_FALSE(summary_of(fine.out).contains("suggestion"));
}

TEST_CASE("search: every error path says what went wrong", "[search][error]") {
    TempDir dir;
    // A bad query: QueryError with the column.
    try {
        (void)search({"--index", sample_index(), "court case \"appeals"});
        FAIL("no QueryError");
    } catch (const steppe::QueryError& e) {
        CHECK(std::string(e.what()) == "unbalanced quote at column 12");
    }
    CHECK_THROWS_AS(search({"--index", sample_index(), "court AND"}), steppe::QueryError);
    CHECK_THROWS_AS(search({"--index", sample_index(), "type:exe"}), steppe::QueryError);
    // Empty queries, with or without punctuation.
    CHECK_THROWS_WITH(search({"--index", sample_index(), ""}), Catch::Contains("empty query"));
    CHECK_THROWS_WITH(search({"--index", sample_index(), "\"\" ,;"}),
                      Catch::Contains("no word to search for"));
    // A missing index.
    CHECK_THROWS_WITH(search({"--index", (dir / "none").string(), "x"}),
                      Catch::Contains("no index here"));
    // An index of another schema version.
    const std::string old = (dir / "old").string();
    write_file(dir / "docs/a.txt", "Some words.");
    build_index({"--index", old, "-q", (dir / "docs").string()});
    {
        Xapian::WritableDatabase db(old);
        db.set_metadata(std::string(steppe::schema::META_SCHEMA_VERSION), "1");
        db.commit();
    }
    CHECK_THROWS_AS(search({"--index", old, "words"}), steppe::IndexError);
    CHECK_THROWS_WITH(search({"--index", old, "words"}), Catch::Contains("schema version 1"));
}

TEST_CASE("e2e: a bad query exits 2 with the column", "[e2e][error]") {
    const auto r =
        steppe::test::run_steppe({"search", "--index", sample_index(), "court case \"appeals"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "steppe search: error: unbalanced quote at column 12\n");
    CHECK(r.out.empty());
    // An empty query, or punctuation only: a clear message, exit 2.
    for (const std::string q : {"", " ,;! "}) {
        const auto e = steppe::test::run_steppe({"search", "--index", sample_index(), q});
        CHECK(e.exit_code == 2);
        CHECK(e.err.rfind("steppe search: error: ", 0) == 0);
    }
    const auto missing = steppe::test::run_steppe({"search", "--index", "/nonexistent/x", "a"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("no index here") != std::string::npos);
}

TEST_CASE("search: --html prints escaped articles with marked fragments", "[search][html]") {
    const auto o =
        search({"--index", sample_index(), "--html", "-n", "1", "\"Constitutional Court\""});
    REQUIRE(o.code == 0);
    CHECK(o.out.rfind("<article class=\"hit\" data-rank=\"1\">", 0) == 0);
    CHECK(o.out.find("<mark>Constitutional Court</mark>") != std::string::npos);
    CHECK(o.out.find("\x1b[") == std::string::npos);
    CHECK_THROWS_AS(search({"--index", sample_index(), "--html", "--json", "court"}),
                    steppe::UsageError);
}

TEST_CASE("search: a rare word next to a frequent close one gets a suggestion",
          "[search][spelling]") {
    TempDir dir;
    for (int i = 0; i < 30; ++i)
        write_file(dir / ("docs/r" + std::to_string(i) + ".txt"),
                   "Note\n\nThe river runs past village " + std::to_string(i) + ".");
    write_file(dir / "docs/typo.txt", "Typo\n\nThe rivre runs past the mill.");
    const std::string idx = (dir / "index").string();
    build_index({"--index", idx, "-q", (dir / "docs").string()});
    const auto rare = search({"--index", idx, "--json", "rivre mill"});
    CHECK(rare.code == 0);  // the rare word still finds its document
    CHECK(summary_of(rare.out)["suggestion"] == "river mill");
    // A word that is common enough is left alone.
    const auto common = search({"--index", idx, "--json", "river"});
    CHECK_FALSE(summary_of(common.out).contains("suggestion"));
}

TEST_CASE("search: a Chinese query matches and highlights whole words", "[search][cjk]") {
    TempDir dir;
    write_file(dir / "docs/zh.txt",
               "宪法\n\n宪法法院审理了公民的上诉。法院发布了判决。我们研究宪法法院的判决。\n");
    const std::string idx = (dir / "index").string();
    build_index({"--index", idx, "-q", "--language", "zh", (dir / "docs").string()});
    const auto o = search({"--index", idx, "--json", "宪法法院"});
    REQUIRE(o.code == 0);
    const auto hits = hits_of(o.out);
    REQUIRE(hits.size() == 1);
    const auto& snippet = hits[0]["snippet"];
    std::vector<std::string> marked;
    for (const auto& span : snippet["highlights"])
        marked.push_back(span_text(snippet, span));
    CHECK(marked == std::vector<std::string>{"宪法法院", "宪法法院"});
    CHECK(search({"--index", idx, "--json", "\"法院宪法\""}).code == 1);
}

TEST_CASE("search: --plain reads operators, quotes and fields as words", "[cli][query][plain]") {
    TempDir dir;
    const auto index = (dir / "index").string();
    steppe::test::write_file(dir / "docs/a.txt",
                             "Heat transfer in a NOT so simple boundary layer.");
    steppe::test::write_file(dir / "docs/b.txt", "Transfer of heat.");
    std::ostringstream out, err;
    REQUIRE(steppe::cli::run_index({"--index", index, "-q", (dir / "docs").string()}, out, err) ==
            0);
    // With syntax, the quotes make a phrase and NOT excludes: one hit. As plain words: both.
    std::ostringstream o1, e1, o2, e2;
    CHECK(steppe::cli::run_search({"--index", index, "--json", "\"heat transfer\" NOT simple"}, o1,
                                  e1) == 1);
    REQUIRE(steppe::cli::run_search(
                {"--index", index, "--json", "--plain", "\"heat transfer\" NOT simple"}, o2, e2) ==
            0);
    const std::string plain = o2.str();
    CHECK(std::count(plain.begin(), plain.end(), '\n') == 3);  // two hits and the summary
    std::ostringstream o3, e3;
    CHECK(steppe::cli::run_search({"--index", index, "--plain", "--", "-heat"}, o3, e3) == 0);
}
