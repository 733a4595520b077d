// `steppe bench` on a tiny collection, in-process and through the real binary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "steppe/bench/cli.hpp"
#include "steppe/common/error.hpp"
#include "test_support.hpp"

using nlohmann::json;
using steppe::test::read_file;
using steppe::test::TempDir;
using steppe::test::write_file;

namespace {

std::filesystem::path tiny() {
    return steppe::test::test_data() / "bench" / "tiny";
}

struct Output {
    int code = 0;
    std::string out, err;
};

Output bench(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    Output o;
    o.code = steppe::cli::run_bench(args, out, err);
    o.out = out.str();
    o.err = err.str();
    return o;
}

/// A copy of the tiny collection in @p dir, with @p file replaced by @p text ("" removes it).
void tiny_copy(const TempDir& dir, const std::string& file, const std::string& text) {
    for (const char* f : {"corpus.jsonl", "queries.tsv", "qrels.txt"})
        write_file(dir / f, read_file(tiny() / f));
    if (text.empty())
        std::filesystem::remove(dir / file);
    else
        write_file(dir / file, text);
}

}  // namespace

TEST_CASE("bench: a tiny collection is scored, timed and reported", "[bench][cli]") {
    TempDir out;
    const auto o = bench({tiny().string(), "--out", out.path().string(), "--quiet"});
    REQUIRE(o.code == 0);
    CHECK(o.err.empty());
    CHECK_THAT(o.out, Catch::Contains("nDCG@10"));
    CHECK_THAT(o.out, Catch::Contains("latency"));

    const auto report = json::parse(read_file(out / "report.json"));
    const auto& q = report["quality"];
    // q1 and q2 find their only relevant document first; q3 finds nothing; q4 is skipped.
    CHECK(q["queries_scored"] == 3);
    CHECK(q["queries_skipped"] == 1);
    CHECK(q["ndcg@10"].get<double>() == Approx(2.0 / 3).epsilon(1e-3));
    CHECK(q["mrr@10"].get<double>() == Approx(2.0 / 3).epsilon(1e-3));
    CHECK(q["recall@100"].get<double>() == Approx(2.0 / 3).epsilon(1e-3));
    CHECK(q["p@10"].get<double>() == Approx(0.2 / 3).epsilon(1e-3));
    CHECK(report["collection"]["name"] == "tiny");
    CHECK(report["index"]["documents"] == 4);
    CHECK(report["index"]["passages"].get<int>() >= 4);
    CHECK(report["index"]["size_mb"].get<double>() > 0);
    CHECK(report["memory"]["peak_rss_mb"].get<double>() > 0);
    for (const char* pass : {"ranking", "ranking_top100", "snippets_top10", "page_top10"}) {
        CAPTURE(pass);
        CHECK(report["latency"][pass]["queries"] == 4);
        CHECK(report["latency"][pass]["p50_ms"].get<double>() >= 0);
    }
    CHECK(report["latency"]["snippets_top10"]["limit"] == 10);
    CHECK(report["latency"]["snippets_top10"]["fragments"] == 0);
    // The page `steppe search` prints by default: each hit's 3 best passages too.
    CHECK(report["latency"]["page_top10"]["fragments"] == 3);
    CHECK_THAT(o.out, Catch::Contains("top 10 as steppe search shows it"));
    // The searcher's defaults (README), recorded.
    CHECK(report["settings"]["bm25"]["k1"] == 1.0);
    CHECK(report["settings"]["bm25"]["b"] == 0.7);
    CHECK(report["settings"]["depth"] == 1000);
    CHECK(report["settings"]["cores"].get<int>() >= 1);
    CHECK(report["settings"]["analyzer"].is_object());

    // run.trec: `qid Q0 docid rank score steppe`, ranks from 1.
    std::istringstream run(read_file(out / "run.trec"));
    std::string qid, q0, doc, tag;
    int rank = 0;
    double score = 0;
    REQUIRE(run >> qid >> q0 >> doc >> rank >> score >> tag);
    CHECK(qid == "q1");
    CHECK(q0 == "Q0");
    CHECK(doc == "d1");
    CHECK(rank == 1);
    CHECK(score > 0);
    CHECK(tag == "steppe");
    CHECK_THAT(read_file(out / "report.md"), Catch::Contains("| nDCG@10 | 0.6667 |"));
    CHECK_THAT(read_file(out / "per_query.tsv"), Catch::Contains("q1\t1.0000"));
}

TEST_CASE("bench: options are recorded in the report", "[bench][cli]") {
    TempDir out;
    const auto o = bench({tiny().string(), "--out", out.path().string(), "--quiet", "--bm25",
                          "0.9,0.4", "--depth", "5", "--passage-words", "20"});
    REQUIRE(o.code == 0);
    const auto report = json::parse(read_file(out / "report.json"));
    CHECK(report["settings"]["bm25"]["k1"] == 0.9);
    CHECK(report["settings"]["bm25"]["b"] == 0.4);
    CHECK(report["settings"]["depth"] == 5);
    CHECK(report["settings"]["passage_words"] == 20);
    CHECK(report["settings"]["passages"]["target_words"] == 20);
    CHECK(report["latency"]["ranking"]["limit"] == 5);

    TempDir quick;
    REQUIRE(
        bench({tiny().string(), "--out", quick.path().string(), "--quiet", "--no-latency"}).code ==
        0);
    const auto q = json::parse(read_file(quick / "report.json"));
    CHECK_FALSE(q.contains("latency"));
    CHECK(q["settings"]["latency_timed"] == false);
    CHECK(q["quality"]["ndcg@10"] == report["quality"]["ndcg@10"]);
}

TEST_CASE("bench: an index given with --index is built once, then reused", "[bench][cli]") {
    TempDir tmp;
    const auto index = (tmp / "index").string();
    REQUIRE(
        bench({tiny().string(), "--out", (tmp / "a").string(), "--index", index, "--quiet"}).code ==
        0);
    const auto first = json::parse(read_file(tmp / "a" / "report.json"));
    CHECK(first["index"]["built"] == true);
    REQUIRE(
        bench({tiny().string(), "--out", (tmp / "b").string(), "--index", index, "--quiet"}).code ==
        0);
    const auto second = json::parse(read_file(tmp / "b" / "report.json"));
    CHECK(second["index"]["built"] == false);
    CHECK(second["settings"]["index_reused"] == true);
    CHECK(second["quality"]["ndcg@10"] == first["quality"]["ndcg@10"]);

    const auto cmp = bench(
        {"--compare", (tmp / "a" / "report.json").string(), (tmp / "b" / "report.json").string()});
    CHECK(cmp.code == 0);
    CHECK_THAT(cmp.out, Catch::Contains("nDCG@10"));
    CHECK_THAT(cmp.out, Catch::Contains("+0.0000"));
    CHECK_THAT(cmp.out, Catch::Contains("index_reused: false -> true"));
}

TEST_CASE("bench: a folder without queries and qrels is timed with drawn queries",
          "[bench][cli][throughput]") {
    TempDir tmp;
    write_file(tmp / "docs" / "corpus.jsonl", read_file(tiny() / "corpus.jsonl"));
    for (const char* run : {"a", "b"}) {
        const auto o = bench(
            {(tmp / "docs").string(), "--out", (tmp / run).string(), "--quiet", "--queries", "10"});
        REQUIRE(o.code == 0);
    }
    const auto report = json::parse(read_file(tmp / "a" / "report.json"));
    CHECK(report["collection"]["mode"] == "throughput");
    CHECK_FALSE(report.contains("quality"));
    CHECK(report["collection"]["queries"] == 10);
    const auto queries = read_file(tmp / "a" / "queries.tsv");
    CHECK(std::count(queries.begin(), queries.end(), '\n') == 10);
    CHECK(queries == read_file(tmp / "b" / "queries.tsv"));
    const auto& by_kind = report["latency"]["ranking_top100"]["by_kind"];
    CHECK(by_kind.size() == 5);
    CHECK(by_kind["phrase"]["queries"] == 2);

    TempDir limited;
    REQUIRE(bench({(tmp / "docs").string(), "--out", limited.path().string(), "--quiet",
                   "--limit-docs", "2", "--queries", "5"})
                .code == 0);
    const auto small = json::parse(read_file(limited / "report.json"));
    CHECK(small["index"]["documents"] == 2);
    CHECK(small["index"]["stopped_early"] == true);
}

TEST_CASE("bench: missing files and malformed lines are named", "[bench][cli][errors]") {
    TempDir out;
    struct Case {
        std::string file, text, expected;
    };
    for (const auto& c : std::vector<Case>{
             {"qrels.txt", "", "qrels.txt: missing"},
             {"queries.tsv", "", "queries.tsv: missing"},
             {"corpus.jsonl", "", "corpus.jsonl: missing"},
             {"qrels.txt", "q1 0 d1 2\nq2 0 d2\n", "qrels.txt:2:"},
             {"queries.tsv", "q1\tgrassland\nq2 glaciers\n", "queries.tsv:2:"},
             {"corpus.jsonl", "{\"id\": \"d1\", \"text\": \"a\"}\n{oops\n", "corpus.jsonl:2:"},
         }) {
        CAPTURE(c.file, c.text);
        TempDir dir;
        tiny_copy(dir, c.file, c.text);
        std::ostringstream o, e;
        try {
            (void)steppe::cli::run_bench({dir.path().string(), "--out", out.path().string()}, o, e);
            FAIL("no error");
        } catch (const steppe::Error& err) {
            CHECK_THAT(e.str() + err.what(), Catch::Contains(c.expected));
        }
    }
    CHECK_THROWS_AS(bench({(out / "nowhere").string()}), steppe::CorpusError);
    CHECK_THROWS_AS(bench({tiny().string(), "--bm25", "1.2"}), steppe::UsageError);
    CHECK_THROWS_AS(bench({tiny().string(), "--depth", "0"}), steppe::UsageError);
    CHECK_THROWS_AS(bench({"--compare", "a.json"}), steppe::UsageError);
    CHECK_THROWS_AS(bench({}), steppe::UsageError);
}

TEST_CASE("bench: the binary exits 2 and names file:line on a malformed qrels line",
          "[bench][cli][e2e]") {
    TempDir dir, out;
    tiny_copy(dir, "qrels.txt", "q1 0 d1 2\nq2 0 d2 one\n");
    const auto r = steppe::test::run_steppe(
        {"bench", dir.path().string(), "--out", out.path().string(), "--quiet"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("qrels.txt:2: gain 'one' is not an integer"));
    CHECK(r.out.empty());

    const auto help = steppe::test::run_steppe({"bench", "--help"});
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("--compare"));
}

TEST_CASE(
    "bench: --baseline times TermGenerator on the same passages, with Xapian's default flush, "
    "committing every --baseline-batch passages, and as two writers merged; --jobs is recorded",
    "[bench][cli][baseline]") {
    TempDir tmp;
    write_file(tmp / "docs" / "corpus.jsonl", read_file(tiny() / "corpus.jsonl"));
    const auto o = bench({(tmp / "docs").string(), "--out", (tmp / "out").string(), "--quiet",
                          "--queries", "5", "--baseline", "--baseline-batch", "2", "--jobs", "1"});
    REQUIRE(o.code == 0);
    const auto report = json::parse(read_file(tmp / "out" / "report.json"));
    REQUIRE(report.contains("baseline"));
    const auto& b = report["baseline"];
    const std::size_t passages = report["index"]["passages"];
    REQUIRE(passages > 2);
    CHECK(b["passages"] == passages);  // the same passages
    CHECK(b["mb_per_s"].get<double>() > 0);
    CHECK(b["speedup"].get<double>() > 0);
    CHECK(b["commits"] == 1);  // one commit at the end: Xapian flushes by itself
    // The second run commits every 2 passages: its database's revision counts the commits.
    REQUIRE(b.contains("batched"));
    const auto& batched = b["batched"];
    CHECK(batched["commit_every"] == 2);
    CHECK(batched["passages"] == passages);
    CHECK(batched["commits"] == (passages + 1) / 2);
    CHECK(batched["mb_per_s"].get<double>() > 0);
    CHECK(batched["speedup"].get<double>() > 0);
    // Two writers, each its own database of half the passages committed every 2, then merged:
    // all passages are in the merged database (its size is measured), each half's commits
    // counted.
    REQUIRE(b.contains("two_writers"));
    const auto& two = b["two_writers"];
    CHECK(two["writers"] == 2);
    CHECK(two["passages"] == passages);
    CHECK(two["commit_every"] == 2);
    const std::size_t first = two["commits"].get<std::size_t>();
    CHECK(first >= (passages + 1) / 2);  // two halves of whole passages: at least one more
    CHECK(first <= (passages + 1) / 2 + 1);
    CHECK(two["merge_seconds"].get<double>() > 0);
    CHECK(two["merge_seconds"].get<double>() <= two["seconds"].get<double>());
    CHECK(two["size_ratio"].get<double>() > 0);
    CHECK(two["over_batched"].get<double>() ==
          Approx(two["mb_per_s"].get<double>() / batched["mb_per_s"].get<double>()).epsilon(0.02));
    CHECK(report["index"]["jobs"] == 1);
    CHECK(o.out.find("baseline: TermGenerator MB/s, 1 core") != std::string::npos);
    CHECK(o.out.find("batched baseline: MB/s, 1 core") != std::string::npos);
    CHECK(o.out.find("steppe MB/s / two-writer baseline") != std::string::npos);
    CHECK_THROWS_AS(bench({(tmp / "docs").string(), "--out", (tmp / "zero").string(), "--quiet",
                           "--baseline", "--baseline-batch", "0"}),
                    steppe::UsageError);
    // Without the option there is no baseline.
    const auto plain = bench(
        {(tmp / "docs").string(), "--out", (tmp / "plain").string(), "--quiet", "--queries", "5"});
    REQUIRE(plain.code == 0);
    CHECK_FALSE(json::parse(read_file(tmp / "plain" / "report.json")).contains("baseline"));
}

TEST_CASE(
    "bench: --xapian-defaults scores and times Xapian's default index of the same "
    "documents and reports steppe against it",
    "[bench][cli][baseline]") {
    TempDir out;
    const auto o =
        bench({tiny().string(), "--out", out.path().string(), "--quiet", "--xapian-defaults"});
    REQUIRE(o.code == 0);
    const auto report = json::parse(read_file(out / "report.json"));
    REQUIRE(report.contains("xapian_defaults"));
    const auto& x = report["xapian_defaults"];
    CHECK(x["index"]["documents"] == report["index"]["documents"]);  // one per record
    CHECK(x["index"]["size_mb"].get<double>() > 0);
    CHECK(x["queries_failed"] == 0);
    // Its run is scored against the same judgments, by record id: q1 and q2 find their
    // document first, q3 nothing.
    CHECK(x["quality"]["ndcg@10"].get<double>() == Approx(2.0 / 3).epsilon(1e-3));
    CHECK(x["quality"]["mrr@10"].get<double>() == Approx(2.0 / 3).epsilon(1e-3));
    for (const char* pass : {"ranking_top100", "snippets_top10"}) {
        CAPTURE(pass);
        CHECK(x["latency"][pass]["queries"] == 4);
    }
    // (Both sizes are rounded to kB in the report: a tiny index's ratio moves by a few %.)
    CHECK(x["steppe_vs"]["index_size"].get<double>() ==
          Approx(report["index"]["size_mb"].get<double>() / x["index"]["size_mb"].get<double>())
              .epsilon(0.03));
    CHECK(x["steppe_vs"].contains("snippets_top10_p99"));
    CHECK_THAT(o.out, Catch::Contains("Xapian defaults: nDCG@10"));
    CHECK_THAT(o.out, Catch::Contains("vs Xapian: index size"));
    CHECK_THAT(read_file(out / "report.md"),
               Catch::Contains("| Xapian defaults: nDCG@10 | 0.6667 |"));

    // Quality only: the peer is scored but not timed; without the option there is no peer.
    TempDir quick, plain;
    REQUIRE(bench({tiny().string(), "--out", quick.path().string(), "--quiet", "--no-latency",
                   "--xapian-defaults"})
                .code == 0);
    const auto q = json::parse(read_file(quick / "report.json"));
    CHECK(q["xapian_defaults"].contains("quality"));
    CHECK_FALSE(q["xapian_defaults"].contains("latency"));
    REQUIRE(
        bench({tiny().string(), "--out", plain.path().string(), "--quiet", "--no-latency"}).code ==
        0);
    CHECK_FALSE(json::parse(read_file(plain / "report.json")).contains("xapian_defaults"));
}

TEST_CASE("bench: --repeat alternates builds and baselines and reports the median run",
          "[bench][cli][baseline]") {
    TempDir tmp;
    write_file(tmp / "docs" / "corpus.jsonl", read_file(tiny() / "corpus.jsonl"));
    const auto o = bench({(tmp / "docs").string(), "--out", (tmp / "out").string(), "--quiet",
                          "--queries", "5", "--baseline", "--repeat", "3", "--no-latency"});
    REQUIRE(o.code == 0);
    const auto report = json::parse(read_file(tmp / "out" / "report.json"));
    const auto& index = report["index"];
    CHECK(index["repeat"] == 3);
    REQUIRE(index["runs"].size() == 3);
    REQUIRE(report["baseline"]["runs"].size() == 3);
    CHECK(report["baseline"]["batched"]["runs"].size() == 3);
    CHECK(report["baseline"]["two_writers"]["runs"].size() == 3);
    // The reported build is the median of the three, and the ratio the median of each build
    // against the baseline that followed it. Each run's ratio is (text / build seconds) /
    // (passage text / baseline seconds), so ratio × build seconds / baseline seconds is the
    // same for every run: the two texts' sizes. (The runs' seconds are to the microsecond;
    // their MB/s, rounded to 3 decimals, are too coarse for a corpus of a few kB.)
    std::vector<double> seconds, ratios, texts;
    for (const auto& run : index["runs"])
        seconds.push_back(run["seconds"]);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& b = report["baseline"]["runs"][i];
        REQUIRE(b["seconds"].get<double>() > 0);
        texts.push_back(b["speedup"].get<double>() * seconds[i] / b["seconds"].get<double>());
        CHECK(texts[i] == Approx(texts[0]).epsilon(0.02));
        ratios.push_back(b["speedup"]);
    }
    CHECK(texts[0] > 0.5);  // the baseline indexes the same text (its passages), a bit less
    CHECK(texts[0] < 2);
    std::sort(seconds.begin(), seconds.end());
    std::sort(ratios.begin(), ratios.end());
    CHECK(index["seconds"].get<double>() == Approx(seconds[1]).margin(0.0005));  // ms there
    CHECK(report["baseline"]["speedup"].get<double>() == Approx(ratios[1]));
    const std::string md = read_file(tmp / "out" / "report.md");
    CHECK(md.find("3 builds, MB/s each:") != std::string::npos);
    for (const char* each : {"; baseline MB/s after each:", "; batched baseline MB/s after each:",
                             "; two-writer baseline MB/s after each:"}) {
        CAPTURE(each);
        CHECK(md.find(each) != std::string::npos);
    }
    // The kept index is the last build: the queries ran on it.
    CHECK(report["index"]["passages"] == report["baseline"]["passages"]);
    // An existing index is not rebuilt, so there is nothing to repeat.
    const auto idx = tmp / "idx";
    REQUIRE(bench({(tmp / "docs").string(), "--out", (tmp / "o2").string(), "--quiet", "--index",
                   idx.string(), "--no-latency"})
                .code == 0);
    CHECK_THROWS_AS(bench({(tmp / "docs").string(), "--out", (tmp / "o3").string(), "--quiet",
                           "--index", idx.string(), "--repeat", "2"}),
                    steppe::UsageError);
    // Without --repeat a report holds one build and no runs.
    const auto one = json::parse(read_file(tmp / "o2" / "report.json"));
    CHECK(one["index"]["repeat"] == 1);
    CHECK_FALSE(one["index"].contains("runs"));
}

TEST_CASE(
    "bench: --compact reports the index before and after compaction; a sharded index's "
    "stub counts its shards",
    "[bench][cli][compact]") {
    TempDir tmp;
    REQUIRE(bench({tiny().string(), "--out", (tmp / "plain").string(), "--quiet"}).code == 0);
    REQUIRE(bench({tiny().string(), "--out", (tmp / "c").string(), "--quiet", "--compact"}).code ==
            0);
    const auto plain = json::parse(read_file(tmp / "plain" / "report.json"));
    const auto c = json::parse(read_file(tmp / "c" / "report.json"));
    CHECK(c["settings"]["compacted"] == true);
    CHECK(plain["settings"]["compacted"] == false);
    CHECK(c["index"]["compact_seconds"].get<double>() >= 0);
    CHECK(c["index"]["size_mb"].get<double>() > 0);
    CHECK(c["index"]["size_mb"].get<double>() <=
          c["index"]["size_mb_before_compact"].get<double>());
    CHECK(c["quality"] == plain["quality"]);

    const auto sharded = tmp / "sharded";
    REQUIRE(steppe::test::run_steppe({"index", "-q", "--shards", "2", "--index", sharded.string(),
                                      (tiny() / "corpus.jsonl").string()})
                .exit_code == 0);
    REQUIRE(bench({tiny().string(), "--out", (tmp / "s").string(), "--quiet", "--index",
                   (sharded / "XAPIANDB").string()})
                .code == 0);
    const auto s = json::parse(read_file(tmp / "s" / "report.json"));
    CHECK(s["index"]["size_mb"].get<double>() > 0);
}
