// The trec_eval metrics, checked against values worked out by hand on small runs.
#include <catch2/catch.hpp>

#include <cmath>

#include "steppe/bench/metrics.hpp"

using steppe::bench::evaluate;
using steppe::bench::evaluate_query;
using steppe::bench::Qrels;
using steppe::bench::Run;
using steppe::bench::ScoredDoc;

namespace {

/// d1..d3 relevant with gains 3, 2, 1; d4 judged not relevant.
const std::map<std::string, int> GRADED = {{"d1", 3}, {"d2", 2}, {"d3", 1}, {"d4", 0}};

/// d3 (gain 1), d9 (unjudged), d1 (gain 3), d2 (gain 2).
const std::vector<ScoredDoc> GRADED_RUN = {{"d3", 5.0}, {"d9", 4.0}, {"d1", 3.0}, {"d2", 2.0}};

}  // namespace

TEST_CASE("metrics: graded run matches the hand-computed trec_eval values", "[metrics]") {
    const auto m = evaluate_query(GRADED_RUN, GRADED);
    // DCG = 1/log2(2) + 3/log2(4) + 2/log2(5); ideal = 3/log2(2) + 2/log2(3) + 1/log2(4).
    const double dcg = 1.0 + 3.0 / 2.0 + 2.0 / std::log2(5.0);
    const double idcg = 3.0 + 2.0 / std::log2(3.0) + 1.0 / 2.0;
    CHECK(m.ndcg_10 == Approx(dcg / idcg));
    CHECK(m.ndcg_10 == Approx(0.7058908628));
    // Relevant at ranks 1, 3, 4: (1/1 + 2/3 + 3/4) / 3.
    CHECK(m.ap == Approx((1.0 + 2.0 / 3.0 + 3.0 / 4.0) / 3.0));
    CHECK(m.recall_100 == Approx(1.0));
    CHECK(m.rr_10 == Approx(1.0));
    CHECK(m.p_10 == Approx(0.3));  // P@10 divides by 10, not by the 4 retrieved.
    CHECK(m.relevant == 3);
    CHECK(m.retrieved == 4);
    CHECK(m.relevant_retrieved == 3);
}

TEST_CASE("metrics: a perfect ranking scores 1 and an empty one 0", "[metrics]") {
    const auto perfect = evaluate_query({{"d1", 3}, {"d2", 2}, {"d3", 1}}, GRADED);
    CHECK(perfect.ndcg_10 == Approx(1.0));
    CHECK(perfect.ap == Approx(1.0));
    CHECK(perfect.p_10 == Approx(0.3));
    const auto none = evaluate_query({}, GRADED);
    CHECK(none.ndcg_10 == 0);
    CHECK(none.ap == 0);
    CHECK(none.recall_100 == 0);
    CHECK(none.rr_10 == 0);
    CHECK(none.p_10 == 0);
}

TEST_CASE("metrics: ties are ordered as trec_eval does, by document id descending",
          "[metrics][ties]") {
    // trec_eval sorts by score descending, then by docid descending: "b" before "a" at a tie,
    // whatever order the run file lists them in.
    const std::map<std::string, int> judged = {{"a", 1}};
    for (auto ranking : {std::vector<ScoredDoc>{{"a", 1.0}, {"b", 1.0}},
                         std::vector<ScoredDoc>{{"b", 1.0}, {"a", 1.0}}}) {
        steppe::bench::sort_as_trec_eval(ranking);
        REQUIRE(ranking[0].doc_id == "b");
        const auto m = evaluate_query(ranking, judged);
        CHECK(m.rr_10 == Approx(0.5));
        CHECK(m.ap == Approx(0.5));
        CHECK(m.ndcg_10 == Approx(1.0 / std::log2(3.0)));
    }
    // Ids compare byte-wise, not as numbers: "9" > "10".
    std::vector<ScoredDoc> numeric = {{"10", 2.0}, {"9", 2.0}, {"100", 3.0}};
    steppe::bench::sort_as_trec_eval(numeric);
    CHECK(numeric[0].doc_id == "100");
    CHECK(numeric[1].doc_id == "9");
    CHECK(numeric[2].doc_id == "10");
}

TEST_CASE("metrics: evaluate sorts each ranking before scoring", "[metrics][ties]") {
    const Qrels qrels = {{"q", {{"a", 1}}}};
    const Run run = {{"q", {{"a", 1.0}, {"b", 1.0}, {"c", 0.5}}}};
    const auto e = evaluate(run, qrels, {"q"});
    CHECK(e.mean.rr_10 == Approx(0.5));
}

TEST_CASE("metrics: cut-offs at 10 and 100 count ranks, not documents found", "[metrics]") {
    std::vector<ScoredDoc> ranking;
    for (int i = 0; i < 150; ++i)
        ranking.push_back({"n" + std::to_string(1000 + i), 1000.0 - i});
    ranking[10].doc_id = "r1";   // rank 11
    ranking[120].doc_id = "r2";  // rank 121
    const std::map<std::string, int> judged = {{"r1", 1}, {"r2", 1}};
    const auto m = evaluate_query(ranking, judged);
    CHECK(m.rr_10 == 0);
    CHECK(m.p_10 == 0);
    CHECK(m.ndcg_10 == 0);
    CHECK(m.recall_100 == Approx(0.5));
    CHECK(m.ap == Approx((1.0 / 11 + 2.0 / 121) / 2));  // MAP runs to the depth of the run
}

TEST_CASE("metrics: queries without a relevant document are skipped and counted", "[metrics]") {
    const Qrels qrels = {
        {"q1", GRADED},
        {"q2", {{"x", 0}}},   // judged, nothing relevant: skipped
        {"q4", {{"d5", 1}}},  // relevant, retrieves nothing: scores 0
        {"q9", {{"d1", 1}}},  // not among the queries asked: ignored
    };
    const Run run = {{"q1", GRADED_RUN}, {"q2", {{"x", 1.0}}}};
    const auto e = evaluate(run, qrels, {"q1", "q2", "q3", "q4"});
    CHECK(e.scored == 2);
    CHECK(e.skipped == 2);  // q2 (no relevant judgment) and q3 (no judgment at all)
    CHECK(e.skipped_ids == std::vector<std::string>{"q2", "q3"});
    CHECK(e.per_query.count("q4") == 1);
    CHECK(e.per_query.at("q4").ndcg_10 == 0);
    CHECK(e.mean.ndcg_10 == Approx(0.7058908628 / 2));
    CHECK(e.mean.p_10 == Approx(0.3 / 2));
    CHECK(e.mean.relevant == 4);
}

TEST_CASE("metrics: percentiles use the nearest-rank method", "[metrics][latency]") {
    std::vector<double> v;
    for (int i = 20; i >= 1; --i)
        v.push_back(i);
    CHECK(steppe::bench::percentile(v, 50) == 10);
    CHECK(steppe::bench::percentile(v, 95) == 19);
    CHECK(steppe::bench::percentile(v, 99) == 20);
    CHECK(steppe::bench::percentile(v, 100) == 20);
    CHECK(steppe::bench::percentile({7.5}, 50) == 7.5);
    CHECK(steppe::bench::percentile({}, 50) == 0);
    CHECK(steppe::bench::mean(v) == Approx(10.5));
}
