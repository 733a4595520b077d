#pragma once
/// @file
/// Retrieval metrics as trec_eval defines them (ndcg_cut, map, recall, P, recip_rank), as pure
/// functions of a ranking and the judgments: no index, no I/O.
///
/// Conventions, all trec_eval's:
/// - A judged document is relevant when its gain is at least 1 (trec_eval's default
///   relevance level); gains of 0 or below count as not relevant and add nothing to nDCG.
/// - Each query's documents are scored in trec_eval's order: score descending, ties broken by
///   document id descending (byte-wise), whatever order the run lists them in. The rank
///   column of a run file is ignored, as trec_eval ignores it.
/// - Every cut-off divides by the cut-off or by the number of relevant documents, never by
///   the number retrieved: P@10 of a run that returns 3 documents, 2 relevant, is 0.2.
/// - Means are over the queries asked that have at least one relevant document. A query with
///   no relevant document is skipped and counted; a query with relevant documents that
///   retrieved nothing scores 0 everywhere (trec_eval -c).

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace steppe::bench {

/// Judgments: query id -> (document id -> gain). Integer gains, as in a TREC qrels file.
using Qrels = std::map<std::string, std::map<std::string, int>>;

/// One retrieved document of a ranking.
struct ScoredDoc {
    std::string doc_id;
    double score = 0;
};

/// A run: query id -> the documents retrieved for it (any order; see sort_as_trec_eval).
using Run = std::map<std::string, std::vector<ScoredDoc>>;

/// Sorts @p ranking as trec_eval does before scoring: score descending, then document id
/// descending (byte-wise comparison of the ids), so the result is independent of input order.
void sort_as_trec_eval(std::vector<ScoredDoc>& ranking);

/// The metrics of one query.
struct QueryMetrics {
    double ndcg_10 = 0;         ///< trec_eval ndcg_cut_10: gain / log2(rank + 1), over the ideal.
    double ap = 0;              ///< trec_eval map: average precision to the depth of the ranking.
    double recall_100 = 0;      ///< trec_eval recall_100: relevant in the top 100 / relevant.
    double rr_10 = 0;           ///< 1 / rank of the first relevant document in the top 10, else 0.
    double p_10 = 0;            ///< trec_eval P_10: relevant in the top 10 / 10.
    std::size_t relevant = 0;   ///< Relevant documents judged for the query.
    std::size_t retrieved = 0;  ///< Documents in the ranking.
    std::size_t relevant_retrieved = 0;  ///< Relevant documents in the ranking.
};

/// The metrics of one query. @p ranking must already be in trec_eval order (see
/// sort_as_trec_eval); @p judged maps document ids to gains for this query.
[[nodiscard]] QueryMetrics evaluate_query(const std::vector<ScoredDoc>& ranking,
                                          const std::map<std::string, int>& judged);

/// The metrics of a whole run.
struct Evaluation {
    QueryMetrics mean;        ///< Means over the scored queries (counts are summed, not averaged).
    std::size_t scored = 0;   ///< Queries with a relevant document.
    std::size_t skipped = 0;  ///< Queries without one (not scored).
    std::map<std::string, QueryMetrics> per_query;  ///< Metrics of each scored query.
    std::vector<std::string> skipped_ids;           ///< Ids of the skipped queries, in order.
};

/// Scores @p run against @p qrels over the queries @p query_ids (each once). Rankings are
/// sorted in trec_eval's order first. Queries of @p qrels not in @p query_ids are ignored.
[[nodiscard]] Evaluation evaluate(const Run& run, const Qrels& qrels,
                                  const std::vector<std::string>& query_ids);

/// The @p p-th percentile (0 < p <= 100) of @p values by the nearest-rank method: the
/// smallest value such that at least p% of the values are at most it. 0 when @p values is
/// empty.
[[nodiscard]] double percentile(std::vector<double> values, double p);

/// The arithmetic mean of @p values, 0 when empty.
[[nodiscard]] double mean(const std::vector<double>& values);

}  // namespace steppe::bench
