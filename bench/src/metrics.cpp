#include "steppe/bench/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace steppe::bench {

namespace {

constexpr std::size_t NDCG_CUT = 10;
constexpr std::size_t RECALL_CUT = 100;
constexpr std::size_t RR_CUT = 10;
constexpr std::size_t P_CUT = 10;

int gain_of(const std::map<std::string, int>& judged, const std::string& doc_id) {
    const auto it = judged.find(doc_id);
    return it == judged.end() ? 0 : it->second;
}

/// Discounted gain at 0-based position @p i, as trec_eval 9's ndcg_cut: gain / log2(i + 2).
double discounted(int gain, std::size_t i) {
    return static_cast<double>(gain) / std::log2(static_cast<double>(i) + 2.0);
}

}  // namespace

void sort_as_trec_eval(std::vector<ScoredDoc>& ranking) {
    std::sort(ranking.begin(), ranking.end(), [](const ScoredDoc& a, const ScoredDoc& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.doc_id > b.doc_id;
    });
}

QueryMetrics evaluate_query(const std::vector<ScoredDoc>& ranking,
                            const std::map<std::string, int>& judged) {
    QueryMetrics m;
    std::vector<int> ideal;
    for (const auto& [doc, gain] : judged) {
        if (gain >= 1) {
            ++m.relevant;
            ideal.push_back(gain);
        }
    }
    m.retrieved = ranking.size();
    if (m.relevant == 0) return m;

    double dcg = 0;
    double precision_sum = 0;
    std::size_t found_10 = 0, found_100 = 0;
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        const int gain = gain_of(judged, ranking[i].doc_id);
        if (gain < 1) continue;
        ++m.relevant_retrieved;
        precision_sum += static_cast<double>(m.relevant_retrieved) / static_cast<double>(i + 1);
        if (i < NDCG_CUT) dcg += discounted(gain, i);
        if (i < P_CUT) ++found_10;
        if (i < RECALL_CUT) ++found_100;
        if (i < RR_CUT && m.rr_10 == 0) m.rr_10 = 1.0 / static_cast<double>(i + 1);
    }
    std::sort(ideal.begin(), ideal.end(), std::greater<>());
    double idcg = 0;
    for (std::size_t i = 0; i < ideal.size() && i < NDCG_CUT; ++i)
        idcg += discounted(ideal[i], i);
    const auto relevant = static_cast<double>(m.relevant);
    m.ndcg_10 = idcg > 0 ? dcg / idcg : 0;
    m.ap = precision_sum / relevant;
    m.recall_100 = static_cast<double>(found_100) / relevant;
    m.p_10 = static_cast<double>(found_10) / static_cast<double>(P_CUT);
    return m;
}

Evaluation evaluate(const Run& run, const Qrels& qrels, const std::vector<std::string>& query_ids) {
    static const std::map<std::string, int> no_judgments;
    static const std::vector<ScoredDoc> nothing;
    Evaluation e;
    for (const auto& qid : query_ids) {
        const auto judged = qrels.find(qid);
        const auto& judgments = judged == qrels.end() ? no_judgments : judged->second;
        const bool any_relevant = std::any_of(judgments.begin(), judgments.end(),
                                              [](const auto& j) { return j.second >= 1; });
        if (!any_relevant) {
            ++e.skipped;
            e.skipped_ids.push_back(qid);
            continue;
        }
        const auto found = run.find(qid);
        std::vector<ScoredDoc> ranking = found == run.end() ? nothing : found->second;
        sort_as_trec_eval(ranking);
        const QueryMetrics m = evaluate_query(ranking, judgments);
        e.per_query[qid] = m;
        ++e.scored;
        e.mean.ndcg_10 += m.ndcg_10;
        e.mean.ap += m.ap;
        e.mean.recall_100 += m.recall_100;
        e.mean.rr_10 += m.rr_10;
        e.mean.p_10 += m.p_10;
        e.mean.relevant += m.relevant;
        e.mean.retrieved += m.retrieved;
        e.mean.relevant_retrieved += m.relevant_retrieved;
    }
    if (e.scored > 0) {
        const auto n = static_cast<double>(e.scored);
        e.mean.ndcg_10 /= n;
        e.mean.ap /= n;
        e.mean.recall_100 /= n;
        e.mean.rr_10 /= n;
        e.mean.p_10 /= n;
    }
    return e;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const double rank = std::ceil(p * static_cast<double>(values.size()) / 100.0);
    const auto index = static_cast<std::size_t>(std::max(1.0, rank)) - 1;
    return values[std::min(index, values.size() - 1)];
}

double mean(const std::vector<double>& values) {
    if (values.empty()) return 0;
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace steppe::bench
