// `steppe bench`: builds an index of a collection, runs its queries, scores the run with
// trec_eval's metrics, times the queries, and writes run.trec, report.json and report.md.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iomanip>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "baseline.hpp"
#include "index_probe.hpp"
#include "read_limited.hpp"
#include "steppe/bench/cli.hpp"
#include "steppe/bench/collection.hpp"
#include "steppe/bench/metrics.hpp"
#include "steppe/bench/query_set.hpp"
#include "steppe/common/error.hpp"
#include "steppe/common/version.hpp"
#include "steppe/corpus/read.hpp"
#include "steppe/corpus/walk.hpp"
#include "steppe/indexer/compact.hpp"
#include "steppe/indexer/indexer.hpp"
#include "steppe/indexer/writers.hpp"
#include "steppe/internal/clock.hpp"
#include "steppe/internal/files.hpp"
#include "steppe/internal/options.hpp"
#include "steppe/internal/terminate_as_error.hpp"
#include "steppe/internal/xapian_util.hpp"
#include "steppe/searcher/searcher.hpp"
#include "xapian_defaults.hpp"

namespace steppe::cli {

namespace fs = std::filesystem;
namespace po = boost::program_options;
using json = nlohmann::ordered_json;
using namespace steppe::bench;

namespace {

/// Passages per commit of --baseline's batched and two-writer runs: TermGenerator's faster
/// batch, as its commits sync (at 1 000, the 3 Dec scaling runs on 10-100 MB of Wikipedia gave
/// the batched run 0.84-1.07x and the two writers 0.76-0.93x their speed at 2 000). steppe's
/// parts commit every PARTS_BATCH_PASSAGES without syncing.
constexpr std::size_t BASELINE_BATCH_PASSAGES = 2'000;

constexpr const char* USAGE =
    "Usage: steppe bench COLLECTION_DIR [OPTIONS]\n"
    "       steppe bench --compare A/report.json B/report.json\n";

constexpr std::size_t SNIPPET_HITS = 10;
constexpr std::size_t TOP_100 = 100;

/// Settings of one run, validated.
struct Config {
    fs::path collection;
    fs::path out;
    std::optional<fs::path> index;
    std::size_t depth = 1000;
    double k1 = SearchOptions{}.bm25_k1;
    double b = SearchOptions{}.bm25_b;
    double exact_weight = SearchOptions{}.exact_weight;
    double title_weight = SearchOptions{}.title_weight;
    double stopword_weight = SearchOptions{}.stopword_weight;
    std::size_t feedback_docs = SearchOptions{}.feedback_docs;
    std::size_t feedback_terms = SearchOptions{}.feedback_terms;
    double feedback_weight = SearchOptions{}.feedback_weight;
    std::size_t passage_words = 0;  ///< 0: the indexer's default.
    bool throughput = false;
    std::size_t limit_docs = 0;  ///< 0: no limit.
    double max_mb = 0;           ///< 0: no limit.
    std::size_t query_count = 200;
    std::uint64_t seed = QUERY_SEED;
    bool quiet = false;
    bool latency = true;    ///< false: skip the timed passes (quality only).
    unsigned jobs = 0;      ///< Analysis threads of steppe's build (0: one per core).
    unsigned writers = 0;   ///< Parts of steppe's build (0: default_writers()).
    bool baseline = false;  ///< Also time Xapian's TermGenerator on the same passages.
    /// Passages per commit of the baseline's second run (the first: Xapian's default flush).
    std::size_t baseline_batch = BASELINE_BATCH_PASSAGES;
    bool compact = false;          ///< Compact the built index (steppe compact) before the queries.
    bool xapian_defaults = false;  ///< Also index and query with Xapian's defaults, timed.
    std::size_t repeat = 1;        ///< Builds (and baselines) timed, alternated; medians reported.
    std::string command_line;
};

/// A temporary index folder, removed with its contents at scope exit.
class TempFolder {
public:
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "steppe-bench-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr)
            throw Error("cannot create a temporary folder under " +
                        fs::temp_directory_path().string());
        path_ = pattern;
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

/// The index of the median of @p n values (@p value(i)); of an even count, the lower middle one.
template <typename Value>
std::size_t median_index(std::size_t n, Value value) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return value(a) < value(b); });
    return order[(n - 1) / 2];
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// @p amount / @p per (MB per second, one size against another), 0 when @p per is not
/// positive: a run too short to time, or a size or rate that is missing.
double ratio(double amount, double per) {
    return per > 0 ? amount / per : 0;
}

/// @p value rounded to @p decimals, so report.json carries no float noise.
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

std::string fixed(double value, int decimals) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(decimals) << value;
    return os.str();
}

/// The score as run.trec prints it; the run is scored on these printed values, so trec_eval
/// on run.trec sees exactly the ties that steppe's own scoring saw.
std::string trec_score(double score) {
    return fixed(score, 6);
}

/// The collection's name: the last component of its absolute path ("." and "x/" work).
std::string collection_name(const fs::path& dir) {
    fs::path p = fs::absolute(dir).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    return p.filename().string();
}

std::pair<double, double> parse_bm25(const std::string& text) {
    const auto comma = text.find(',');
    try {
        if (comma == std::string::npos) throw std::invalid_argument(text);
        std::size_t used1 = 0, used2 = 0;
        const std::string a = text.substr(0, comma), b = text.substr(comma + 1);
        const double k1 = std::stod(a, &used1);
        const double bb = std::stod(b, &used2);
        if (used1 != a.size() || used2 != b.size() || k1 < 0 || bb < 0 || bb > 1)
            throw std::invalid_argument(text);
        return {k1, bb};
    } catch (const std::logic_error&) {
        throw UsageError("--bm25 wants K1,B with K1 >= 0 and 0 <= B <= 1, e.g. 1.2,0.75; got '" +
                         text + "'");
    }
}

// --- Indexing ----------------------------------------------------------------------------

struct BuildFacts {
    bool built = false;
    double seconds = 0;
    std::size_t documents = 0;
    std::size_t passages = 0;
    std::size_t bytes = 0;
    std::size_t problems = 0;
    std::size_t warnings = 0;
    bool stopped_early = false;
    std::size_t writers = 1;   ///< Parts written in parallel (1: one database directly).
    double merge_seconds = 0;  ///< Merging the parts, included in `seconds`.
};

BuildFacts build_index(const Config& cfg, const fs::path& index_dir,
                       const std::vector<SourceFile>& sources, std::set<std::string>* doc_ids,
                       std::ostream& err) {
    IndexerOptions options;
    options.overwrite = true;
    if (cfg.passage_words > 0) options.passages = PassageOptions::around(cfg.passage_words);
    BuildFacts facts;
    facts.built = true;
    const auto started = std::chrono::steady_clock::now();
    options.jobs = cfg.jobs;  // 0: every core analyses
    // As `steppe index` builds a new index: in parts written in parallel, then merged.
    Writers indexer(index_dir, options, 0, cfg.writers ? cfg.writers : default_writers(cfg.jobs));
    facts.writers = std::max<std::size_t>(1, indexer.parts());
    facts.stopped_early = read_limited(
        sources, cfg.limit_docs, cfg.max_mb,
        [&](Document&& doc) {
            if (doc_ids) doc_ids->insert(doc.id);
            indexer.add(std::move(doc));
        },
        [&](const std::string& message) {
            // Decoding repairs are warnings: the document is still indexed.
            if (message.find(": warning: ") != std::string::npos)
                ++facts.warnings;
            else
                ++facts.problems;
            err << "steppe bench: " << message << '\n';
        });
    if (const auto merged = indexer.finish()) facts.merge_seconds = merged->seconds;
    facts.seconds = seconds_since(started);
    const auto counts = indexer.counts();
    facts.documents = counts.added + counts.updated + counts.unchanged;
    facts.passages = counts.passages;
    facts.bytes = counts.bytes;
    return facts;
}

// --- Searching ---------------------------------------------------------------------------

struct LatencyPass {
    std::string name;
    std::size_t limit = 0;
    bool snippets = false;
    std::vector<double> ms;
    std::size_t fragments = 0;  ///< Best passages shown per document (SearchOptions::fragments).
};

/// One baseline's report: the median of its runs (one per build; with --repeat, each build
/// against the baseline that ran right after it, and the median of those ratios).
json baseline_json(const std::vector<bench::BaselineFacts>& runs,
                   const std::vector<BuildFacts>& builds, double text_mb, double build_seconds) {
    const auto& median =
        runs[median_index(runs.size(), [&](std::size_t i) { return runs[i].seconds; })];
    const double mb = static_cast<double>(median.bytes) / 1e6;
    const double rate = ratio(mb, median.seconds);
    json b = {{"seconds", rounded(median.seconds, 3)},
              {"mb_per_s", rounded(rate, 3)},
              {"passages", median.passages},
              {"commits", median.commits},
              {"size_ratio", rounded(ratio(static_cast<double>(median.index_bytes) / 1e6, mb), 3)},
              {"speedup", rounded(ratio(ratio(text_mb, build_seconds), rate), 3)}};
    if (median.writers > 1) {
        b["writers"] = median.writers;
        b["merge_seconds"] = rounded(median.merge_seconds, 3);
    }
    if (runs.size() > 1) {
        std::vector<double> ratios;
        json each = json::array();
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const double r = ratio(static_cast<double>(runs[i].bytes) / 1e6, runs[i].seconds);
            ratios.push_back(ratio(ratio(text_mb, builds[i].seconds), r));
            // Each run's time to the microsecond: a small corpus's runs take milliseconds.
            each.push_back({{"seconds", rounded(runs[i].seconds, 6)},
                            {"mb_per_s", rounded(r, 3)},
                            {"speedup", rounded(ratios.back(), 3)}});
        }
        b["runs"] = each;
        b["speedup"] = rounded(
            ratios[median_index(ratios.size(), [&](std::size_t i) { return ratios[i]; })], 3);
    }
    return b;
}

json latency_json(const LatencyPass& pass) {
    return json{{"limit", pass.limit},
                {"snippets", pass.snippets},
                {"fragments", pass.fragments},
                {"queries", pass.ms.size()},
                {"p50_ms", rounded(percentile(pass.ms, 50), 3)},
                {"p95_ms", rounded(percentile(pass.ms, 95), 3)},
                {"p99_ms", rounded(percentile(pass.ms, 99), 3)},
                {"mean_ms", rounded(mean(pass.ms), 3)}};
}

/// Runs every query once at the run depth (this is the run, and it warms the caches), then
/// times each pass over the same queries.
struct SearchOutcome {
    Run run;
    std::vector<std::string> failed;  ///< Queries the parser refused (no word to search for).
    std::vector<LatencyPass> passes;
    std::vector<std::string> timed;  ///< Ids of the timed queries, in the order of each pass.
};

SearchOutcome run_queries(const Config& cfg, const fs::path& index_dir,
                          const std::vector<Query>& queries, std::ostream& err) {
    Searcher searcher(index_dir);
    SearchOutcome outcome;
    SearchOptions base;
    base.bm25_k1 = cfg.k1;
    base.bm25_b = cfg.b;
    base.exact_weight = cfg.exact_weight;
    base.title_weight = cfg.title_weight;
    base.stopword_weight = cfg.stopword_weight;
    base.feedback_docs = cfg.feedback_docs;
    base.feedback_terms = cfg.feedback_terms;
    base.feedback_weight = cfg.feedback_weight;
    // Collection queries are natural language: their quotes, hyphens and capitals are text,
    // not syntax. Ranking passes do only ranking (no fragments, no spelling suggestions) and
    // read no hit details: a ranked list of document ids, as `steppe search --ids` prints.
    base.plain = true;
    base.fragments = 0;
    base.suggest = false;
    base.details = false;
    std::vector<const Query*> runnable;
    for (const auto& q : queries) {
        SearchOptions o = base;
        o.limit = cfg.depth;
        o.snippets = false;
        try {
            const auto results = searcher.search(q.text, o);
            auto& ranking = outcome.run[q.id];
            for (const auto& hit : results.hits)
                ranking.push_back({hit.id, std::stod(trec_score(hit.score))});
            runnable.push_back(&q);
            outcome.timed.push_back(q.id);
        } catch (const QueryError& e) {
            outcome.failed.push_back(q.id);
            outcome.run[q.id];  // an empty ranking: scores 0 if the query has relevant documents
            err << "steppe bench: warning: query " << q.id << ": " << e.what()
                << "; it retrieves nothing\n";
        }
    }
    if (!cfg.latency) return outcome;
    outcome.passes = {{"ranking", cfg.depth, false, {}},
                      {"ranking_top100", TOP_100, false, {}},
                      {"snippets_top10", SNIPPET_HITS, true, {}},
                      // What `steppe search` prints by default: each hit's best passages too.
                      {"page_top10", SNIPPET_HITS, true, {}, SearchOptions{}.fragments}};
    for (auto& pass : outcome.passes) {
        SearchOptions o = base;
        o.limit = pass.limit;
        o.snippets = pass.snippets;
        o.fragments = pass.fragments;
        o.details = pass.snippets;  // a page with snippets shows titles and paths too
        for (const Query* q : runnable) {
            const auto started = std::chrono::steady_clock::now();
            const auto results = searcher.search(q->text, o);
            pass.ms.push_back(seconds_since(started) * 1000.0);
            if (results.hits.size() > pass.limit) throw Error("searcher returned too many hits");
        }
    }
    return outcome;
}

// --- Writing -----------------------------------------------------------------------------

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw Error(path.string() + ": cannot write");
}

/// run.trec: each query's documents in the order trec_eval scores them (score descending,
/// ties by document id descending), ranked 1..n in that order.
std::string trec_run(const std::vector<Query>& queries, const Run& run) {
    std::ostringstream os;
    for (const auto& q : queries) {
        const auto it = run.find(q.id);
        if (it == run.end()) continue;
        auto ranking = it->second;
        sort_as_trec_eval(ranking);
        for (std::size_t i = 0; i < ranking.size(); ++i)
            os << q.id << " Q0 " << ranking[i].doc_id << ' ' << (i + 1) << ' '
               << trec_score(ranking[i].score) << " steppe\n";
    }
    return os.str();
}

std::string per_query_tsv(const std::vector<Query>& queries, const Evaluation& e) {
    std::ostringstream os;
    os << "qid\tndcg@10\tap\trecall@100\trr@10\tp@10\trelevant\tretrieved\n";
    for (const auto& q : queries) {
        const auto it = e.per_query.find(q.id);
        if (it == e.per_query.end()) continue;
        const auto& m = it->second;
        os << q.id << '\t' << fixed(m.ndcg_10, 4) << '\t' << fixed(m.ap, 4) << '\t'
           << fixed(m.recall_100, 4) << '\t' << fixed(m.rr_10, 4) << '\t' << fixed(m.p_10, 4)
           << '\t' << m.relevant << '\t' << m.retrieved << '\n';
    }
    return os.str();
}

/// One row of the report tables: a label and where its value sits in report.json.
struct Row {
    const char* label;
    const char* pointer;
    int decimals;
    bool higher_is_better;
};

const std::vector<Row>& quality_rows() {
    static const std::vector<Row> rows = {
        {"nDCG@10", "/quality/ndcg@10", 4, true},
        {"MAP", "/quality/map", 4, true},
        {"Recall@100", "/quality/recall@100", 4, true},
        {"MRR@10", "/quality/mrr@10", 4, true},
        {"P@10", "/quality/p@10", 4, true},
        {"queries scored", "/quality/queries_scored", 0, true},
        {"queries skipped (no relevant doc)", "/quality/queries_skipped", 0, false},
    };
    return rows;
}

const std::vector<Row>& index_rows() {
    static const std::vector<Row> rows = {
        {"index build s", "/index/seconds", 2, false},
        {"index MB/s", "/index/mb_per_s", 2, true},
        {"index docs/s", "/index/docs_per_s", 0, true},
        {"index passages/s", "/index/passages_per_s", 0, true},
        {"documents", "/index/documents", 0, true},
        {"passages", "/index/passages", 0, true},
        {"text MB", "/index/text_mb", 1, true},
        {"index size MB", "/index/size_mb", 1, false},
        {"index size / text", "/index/size_ratio", 2, false},
        {"compact s", "/index/compact_seconds", 2, false},
        {"index size MB before compact", "/index/size_mb_before_compact", 1, false},
        {"index MB/s with compact", "/index/mb_per_s_with_compact", 2, true},
        {"peak RSS MB, indexing", "/memory/peak_rss_mb_indexing", 0, false},
        {"peak RSS MB, whole run", "/memory/peak_rss_mb", 0, false},
        {"baseline: TermGenerator MB/s, 1 core", "/baseline/mb_per_s", 2, true},
        {"baseline: index size / text", "/baseline/size_ratio", 2, false},
        {"steppe MB/s / baseline MB/s", "/baseline/speedup", 2, true},
        {"batched baseline: MB/s, 1 core", "/baseline/batched/mb_per_s", 2, true},
        {"steppe MB/s / batched baseline", "/baseline/batched/speedup", 2, true},
        {"two-writer baseline: MB/s, 2 cores", "/baseline/two_writers/mb_per_s", 2, true},
        {"two-writer baseline: merge s", "/baseline/two_writers/merge_seconds", 2, false},
        {"two-writer baseline / batched baseline", "/baseline/two_writers/over_batched", 2, true},
        {"steppe MB/s / two-writer baseline", "/baseline/two_writers/speedup", 2, true},
    };
    return rows;
}

/// The peer measured in the same run (--xapian-defaults), and steppe against it: the issue's
/// targets are ratios to these (index size, latency of a top 10 with snippets).
const std::vector<Row>& peer_rows() {
    static const std::vector<Row> rows = {
        {"Xapian defaults: nDCG@10", "/xapian_defaults/quality/ndcg@10", 4, true},
        {"Xapian defaults: Recall@100", "/xapian_defaults/quality/recall@100", 4, true},
        {"Xapian defaults: MRR@10", "/xapian_defaults/quality/mrr@10", 4, true},
        {"Xapian defaults: index MB/s, 1 core", "/xapian_defaults/index/mb_per_s", 2, true},
        {"Xapian defaults: index size MB", "/xapian_defaults/index/size_mb", 1, false},
        {"Xapian defaults: top 100 p50 ms", "/xapian_defaults/latency/ranking_top100/p50_ms", 3,
         false},
        {"Xapian defaults: top 100 p99 ms", "/xapian_defaults/latency/ranking_top100/p99_ms", 3,
         false},
        {"Xapian defaults: top 10+snip p50 ms", "/xapian_defaults/latency/snippets_top10/p50_ms", 3,
         false},
        {"vs Xapian: index size", "/xapian_defaults/steppe_vs/index_size", 2, false},
        {"vs Xapian: top 100 p50", "/xapian_defaults/steppe_vs/ranking_top100_p50", 2, false},
        {"vs Xapian: top 10+snip p50 / top 100", "/xapian_defaults/steppe_vs/snippets_top10_p50", 2,
         false},
        {"vs Xapian: top 10+snip p99 / top 100", "/xapian_defaults/steppe_vs/snippets_top10_p99", 2,
         false},
    };
    return rows;
}

const std::vector<std::pair<std::string, std::string>>& latency_passes() {
    static const std::vector<std::pair<std::string, std::string>> passes = {
        {"ranking", "ranking at run depth"},
        {"ranking_top100", "ranking, top 100"},
        {"snippets_top10", "top 10 with snippets"},
        {"page_top10", "top 10 as steppe search shows it"},
    };
    return passes;
}

std::vector<Row> all_rows() {
    static const std::vector<std::string> stats = {"p50_ms", "p95_ms", "p99_ms", "mean_ms"};
    // Row holds const char*: keep the generated strings alive for the process.
    static const std::vector<std::pair<std::string, std::string>> latency = [] {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& [key, label] : latency_passes())
            for (const auto& s : stats)
                out.emplace_back("latency " + key + " " + s.substr(0, s.size() - 3) + " ms",
                                 "/latency/" + key + "/" + s);
        return out;
    }();
    std::vector<Row> rows = quality_rows();
    rows.insert(rows.end(), index_rows().begin(), index_rows().end());
    rows.insert(rows.end(), peer_rows().begin(), peer_rows().end());
    for (const auto& [label, pointer] : latency)
        rows.push_back({label.c_str(), pointer.c_str(), 3, false});
    return rows;
}

std::optional<double> value_at(const json& report, const char* pointer) {
    const json::json_pointer p(pointer);
    if (!report.contains(p)) return std::nullopt;
    const auto& v = report.at(p);
    if (!v.is_number()) return std::nullopt;
    return v.get<double>();
}

std::string format_value(const json& report, const Row& row) {
    const auto v = value_at(report, row.pointer);
    return v ? fixed(*v, row.decimals) : std::string("-");
}

std::string pad(const std::string& s, std::size_t width, bool right = false) {
    if (s.size() >= width) return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

std::string title_line(const json& r) {
    const auto& c = r["collection"];
    std::ostringstream os;
    os << "steppe bench: " << c["name"].get<std::string>() << " (" << c["mode"].get<std::string>()
       << ", ";
    if (r["index"]["documents"].is_number())
        os << r["index"]["documents"] << " documents, ";
    else
        os << "existing index, ";
    os << c["queries"] << " queries)";
    return os.str();
}

/// With --repeat: each build's MB/s (and each build's ratio to its baseline), "" otherwise.
std::string runs_line(const json& r) {
    if (!r.contains("index") || !r["index"].contains("runs")) return {};
    std::ostringstream os;
    os << r["index"]["runs"].size() << " builds, MB/s each:";
    for (const auto& run : r["index"]["runs"])
        os << ' ' << fixed(run["mb_per_s"].get<double>(), 2);
    // Each baseline's runs (one after each build) and each build's ratio to it.
    const auto list = [&](const json& baseline, const char* name) {
        if (!baseline.contains("runs")) return;
        os << "; " << name << " MB/s after each:";
        for (const auto& run : baseline["runs"])
            os << ' ' << fixed(run["mb_per_s"].get<double>(), 2);
        os << "; ratio each:";
        for (const auto& run : baseline["runs"])
            os << ' ' << fixed(run["speedup"].get<double>(), 2);
    };
    if (r.contains("baseline") && r["baseline"].contains("runs")) {
        const json& b = r["baseline"];
        list(b, "baseline");
        if (b.contains("batched")) list(b["batched"], "batched baseline");
        if (b.contains("two_writers")) list(b["two_writers"], "two-writer baseline");
    }
    os << " (the median run is shown)";
    return os.str();
}

std::string text_table(const json& r) {
    std::ostringstream os;
    os << title_line(r) << '\n';
    auto section = [&](const std::vector<Row>& rows) {
        for (const auto& row : rows) {
            const auto v = value_at(r, row.pointer);
            if (!v) continue;
            os << "  " << pad(row.label, 36) << pad(fixed(*v, row.decimals), 12, true) << '\n';
        }
    };
    if (r.contains("quality")) section(quality_rows());
    section(index_rows());
    if (const auto runs = runs_line(r); !runs.empty()) os << "  " << runs << '\n';
    if (r.contains("latency"))
        os << "  " << pad("latency, warm (ms)", 36) << pad("p50", 9, true) << pad("p95", 9, true)
           << pad("p99", 9, true) << pad("mean", 9, true) << '\n';
    for (const auto& [key, label] : latency_passes()) {
        if (!r.contains("latency") || !r["latency"].contains(key)) continue;
        const auto& l = r["latency"][key];
        os << "  " << pad(label + " (" + std::to_string(l["limit"].get<std::size_t>()) + ")", 36);
        for (const char* s : {"p50_ms", "p95_ms", "p99_ms", "mean_ms"})
            os << pad(fixed(l[s].get<double>(), 2), 9, true);
        os << '\n';
    }
    if (r.contains("latency") && r["latency"].contains("ranking_top100") &&
        r["latency"]["ranking_top100"].contains("by_kind")) {
        os << "  top 100 p50 ms by query kind:";
        for (const auto& [kind, l] : r["latency"]["ranking_top100"]["by_kind"].items())
            os << ' ' << kind << ' ' << fixed(l["p50_ms"].get<double>(), 2);
        os << '\n';
    }
    if (r.contains("xapian_defaults")) section(peer_rows());
    const auto& s = r["settings"];
    os << "  settings: BM25 k1=" << s["bm25"]["k1"] << " b=" << s["bm25"]["b"] << ", passages "
       << s["passages"].dump() << ", depth " << s["depth"] << ", " << s["cores"]
       << " cores, steppe " << s["steppe_version"].get<std::string>() << ", Xapian "
       << s["xapian_version"].get<std::string>() << '\n';
    return os.str();
}

std::string markdown_report(const json& r) {
    std::ostringstream os;
    const auto& c = r["collection"];
    const auto& s = r["settings"];
    os << "# steppe bench: " << c["name"].get<std::string>() << "\n\n"
       << "- collection: `" << c["path"].get<std::string>() << "` (" << c["mode"].get<std::string>()
       << ")\n"
       << "- date: " << s["date_utc"].get<std::string>() << "; machine: " << s["cores"]
       << " cores; steppe " << s["steppe_version"].get<std::string>() << ", Xapian "
       << s["xapian_version"].get<std::string>() << ", ICU " << s["icu_version"].get<std::string>()
       << "\n"
       << "- command: `" << s["command"].get<std::string>() << "`\n\n";
    auto table = [&](const char* heading, const std::vector<Row>& rows) {
        os << "## " << heading << "\n\n| metric | value |\n|---|---:|\n";
        for (const auto& row : rows)
            if (value_at(r, row.pointer))
                os << "| " << row.label << " | " << format_value(r, row) << " |\n";
        os << '\n';
    };
    if (r.contains("quality")) {
        table("Quality (document level, trec_eval definitions)", quality_rows());
        os << "Means over the queries with at least one relevant document; ties ordered as "
              "trec_eval does (score descending, then document id descending).\n\n";
    }
    table("Indexing", index_rows());
    if (const auto runs = runs_line(r); !runs.empty()) os << runs << ".\n\n";
    if (r.contains("latency"))
        os << "## Query latency, warm (ms)\n\n| pass | hits | p50 | p95 | p99 | mean |\n"
              "|---|---:|---:|---:|---:|---:|\n";
    for (const auto& [key, label] : latency_passes()) {
        if (!r.contains("latency") || !r["latency"].contains(key)) continue;
        const auto& l = r["latency"][key];
        os << "| " << label << " | " << l["limit"] << " | " << fixed(l["p50_ms"].get<double>(), 2)
           << " | " << fixed(l["p95_ms"].get<double>(), 2) << " | "
           << fixed(l["p99_ms"].get<double>(), 2) << " | " << fixed(l["mean_ms"].get<double>(), 2)
           << " |\n";
    }
    if (r.contains("latency") && r["latency"].contains("ranking_top100") &&
        r["latency"]["ranking_top100"].contains("by_kind")) {
        os << "\nRanking top 100 by kind of drawn query:\n\n| kind | queries | p50 | p95 | p99 | "
              "mean |\n|---|---:|---:|---:|---:|---:|\n";
        for (const auto& [kind, l] : r["latency"]["ranking_top100"]["by_kind"].items())
            os << "| " << kind << " | " << l["queries"] << " | "
               << fixed(l["p50_ms"].get<double>(), 2) << " | "
               << fixed(l["p95_ms"].get<double>(), 2) << " | "
               << fixed(l["p99_ms"].get<double>(), 2) << " | "
               << fixed(l["mean_ms"].get<double>(), 2) << " |\n";
    }
    if (r.contains("latency"))
        os << "\nEvery query ran once at the run depth to warm the caches before the timed "
              "passes.\n";
    if (r.contains("xapian_defaults")) {
        os << '\n';
        table("Xapian defaults: the same documents and queries, same run", peer_rows());
        os << "Xapian defaults: " << r["xapian_defaults"]["engine"].get<std::string>() << ".\n";
    }
    os << "\n## Settings\n\n```json\n" << s.dump(2) << "\n```\n";
    return os.str();
}

// --- The two commands ----------------------------------------------------------------------

std::vector<Query> to_queries(const std::vector<GeneratedQuery>& generated) {
    std::vector<Query> out;
    for (const auto& g : generated)
        out.push_back({g.id, g.text});
    return out;
}

std::string queries_tsv(const std::vector<Query>& queries) {
    std::string out;
    for (const auto& q : queries)
        out += q.id + '\t' + q.text + '\n';
    return out;
}

json parse_json_or(const std::string& text, const json& fallback) {
    try {
        return json::parse(text);
    } catch (const json::exception&) {
        return fallback;
    }
}

/// The builds of a run (--repeat N of them) and, with --baseline, each one's baselines.
struct BuildRuns {
    std::vector<BuildFacts> builds;
    // Each build's baselines: Xapian's default flush, then commits every --baseline-batch,
    // then two writers committing so and a merge (Xapian's own use of two cores).
    std::vector<bench::BaselineFacts> baselines, batched, two_writers;
    double rss_indexing = 0;  ///< Peak RSS after the first build, before any baseline.
};

BuildRuns run_builds(const Config& cfg, const fs::path& index_dir,
                     const std::vector<SourceFile>& sources, bool throughput,
                     std::set<std::string>& doc_ids,
                     const std::function<void(const std::string&)>& say, std::ostream& err) {
    // --repeat N: N builds, each followed by its baseline, so a build and the baseline it is
    // compared with run minutes apart at most (on a shared machine one run's time moves by
    // 10-20 %). The median run is reported; the last build is the index kept and queried.
    BuildRuns r;
    std::vector<std::string> baseline_texts;  // read once, after the first build's peak
    for (std::size_t run = 0; run < cfg.repeat; ++run) {
        const bool last = run + 1 == cfg.repeat;
        std::optional<TempFolder> scratch;
        if (!last) scratch.emplace();
        const fs::path dir = last ? index_dir : scratch->path();
        say("indexing " + std::to_string(sources.size()) + " file(s) from " +
            cfg.collection.string() + " into " + dir.string() +
            (cfg.repeat > 1
                 ? " (build " + std::to_string(run + 1) + " of " + std::to_string(cfg.repeat) + ")"
                 : ""));
        r.builds.push_back(
            build_index(cfg, dir, sources, throughput || !last ? nullptr : &doc_ids, err));
        if (!throughput && r.builds.back().problems > 0) {
            throw CorpusError(std::to_string(r.builds.back().problems) +
                              " corpus record(s) could not be read (named above); the run "
                              "would not be comparable");
        }
        // The peak of a build, before a baseline (which holds all passages in memory) runs.
        if (run == 0) r.rss_indexing = peak_rss_mb();
        if (cfg.baseline) {
            if (baseline_texts.empty()) {
                PassageOptions passage_options;
                if (cfg.passage_words > 0)
                    passage_options = PassageOptions::around(cfg.passage_words);
                baseline_texts =
                    bench::baseline_passages(sources, passage_options, cfg.limit_docs, cfg.max_mb);
            }
            const auto time_baseline = [&](std::size_t commit_every, unsigned writers) {
                TempFolder folder;
                // Xapian's errors (a full disk) become steppe's, which name the folder.
                return steppe::internal::xapian_call(folder.path().string(), [&] {
                    return writers == 1 ? bench::termgenerator_baseline(baseline_texts,
                                                                        commit_every, folder.path())
                                        : bench::termgenerator_two_writers(
                                              baseline_texts, commit_every, folder.path());
                });
            };
            say("timing Xapian's TermGenerator on the same passages, one thread (Xapian's "
                "default flush)");
            r.baselines.push_back(time_baseline(0, 1));
            say("timing it again, committing every " + std::to_string(cfg.baseline_batch) +
                " passages");
            r.batched.push_back(time_baseline(cfg.baseline_batch, 1));
            say("timing two TermGenerators at once, each on half the passages and committing "
                "every " +
                std::to_string(cfg.baseline_batch) + ", then merging their databases");
            r.two_writers.push_back(time_baseline(cfg.baseline_batch, 2));
        }
    }
    return r;
}

/// report.json's "baseline": the builds against TermGenerator's three runs.
json baseline_report(const Config& cfg, const BuildRuns& runs, double text_mb,
                     double build_seconds) {
    json baseline = baseline_json(runs.baselines, runs.builds, text_mb, build_seconds);
    baseline["engine"] =
        "Xapian " + xapian_version() +
        " TermGenerator, 1 thread, english STEM_SOME, positions, one document per passage, "
        "passage text as data, one commit (Xapian's default flush every 10000 documents)";
    baseline["batched"] = baseline_json(runs.batched, runs.builds, text_mb, build_seconds);
    baseline["batched"]["commit_every"] = cfg.baseline_batch;
    auto two = baseline_json(runs.two_writers, runs.builds, text_mb, build_seconds);
    two["commit_every"] = cfg.baseline_batch;
    // Xapian's own gain from a second core on this job (MEASURED.md: about 2× with
    // whole articles as documents).
    two["over_batched"] = rounded(
        ratio(two["mb_per_s"].get<double>(), baseline["batched"]["mb_per_s"].get<double>()), 3);
    two["engine"] =
        "two threads, each a TermGenerator as above writing half the passages "
        "(by bytes) into its own database and committing every " +
        std::to_string(cfg.baseline_batch) +
        " passages, then Database::compact (FULL) merging both";
    baseline["two_writers"] = two;
    return baseline;
}

/// A run's mean quality as report.json gives it, for steppe and for Xapian's defaults alike.
json quality_json(const QueryMetrics& m) {
    return {{"ndcg@10", rounded(m.ndcg_10, 4)},
            {"map", rounded(m.ap, 4)},
            {"recall@100", rounded(m.recall_100, 4)},
            {"mrr@10", rounded(m.rr_10, 4)},
            {"p@10", rounded(m.p_10, 4)}};
}

/// report.json's "latency": each timed pass, and for drawn queries each kind of query apart.
json latency_report(const SearchOutcome& outcome, const std::vector<GeneratedQuery>& generated,
                    bool throughput) {
    // Frequent words make long posting lists and rare ones short: time each kind apart.
    std::map<std::string, std::string> kind_of;
    for (const auto& g : generated)
        kind_of[g.id] = g.kind;
    json latency;
    for (const auto& pass : outcome.passes) {
        latency[pass.name] = latency_json(pass);
        if (!throughput) continue;
        std::map<std::string, LatencyPass> kinds;
        for (std::size_t i = 0; i < pass.ms.size(); ++i) {
            auto& k = kinds[kind_of[outcome.timed[i]]];
            k.limit = pass.limit;
            k.snippets = pass.snippets;
            k.ms.push_back(pass.ms[i]);
        }
        for (const auto& [kind, k] : kinds) {
            json j = latency_json(k);
            j.erase("limit");
            j.erase("snippets");
            j.erase("fragments");
            latency[pass.name]["by_kind"][kind] = j;
        }
    }
    return latency;
}

/// report.json's "xapian_defaults": the same documents indexed and queried with Xapian's
/// defaults, and steppe against them.
json xapian_defaults_report(const std::vector<SourceFile>& sources, const Config& cfg,
                            const std::vector<Query>& queries, const Qrels& qrels,
                            const std::vector<std::string>& ids, bool throughput, double size_mb,
                            const json& latency) {
    TempFolder folder;
    const auto x = steppe::internal::xapian_call(folder.path().string(), [&] {
        return bench::xapian_defaults(sources, cfg.limit_docs, cfg.max_mb, folder.path(), queries,
                                      cfg.depth, cfg.latency, SearchOptions{}.snippet_bytes);
    });
    const double mb = static_cast<double>(x.bytes) / 1e6;
    const double x_size_mb = static_cast<double>(x.index_bytes) / 1e6;
    json peer = {
        {"engine",
         "Xapian " + xapian_version() +
             " as an application gets it: one document per record, TermGenerator "
             "(english, STEM_SOME, positions; title, then text), text as data, one commit, "
             "not compacted; QueryParser (english, STEM_SOME, default flags), Enquire's "
             "default BM25 (k1 1, b 0.5); snippets from MSet::snippet"},
        {"index",
         {{"seconds", rounded(x.build_seconds, 3)},
          {"mb_per_s", rounded(ratio(mb, x.build_seconds), 3)},
          {"documents", x.documents},
          {"text_mb", rounded(mb, 3)},
          {"size_mb", rounded(x_size_mb, 3)},
          {"size_ratio", rounded(ratio(x_size_mb, mb), 3)}}},
        {"queries_failed", x.failed.size()}};
    if (!throughput) {
        peer["quality"] = quality_json(evaluate(x.run, qrels, ids).mean);
    }
    json steppe_vs = {{"index_size", rounded(ratio(size_mb, x_size_mb), 3)}};
    if (!x.top100_ms.empty()) {
        LatencyPass top100{"ranking_top100", TOP_100, false, x.top100_ms};
        LatencyPass snippets{"snippets_top10", SNIPPET_HITS, true, x.snippets_ms};
        peer["latency"] = {{"ranking_top100", latency_json(top100)},
                           {"snippets_top10", latency_json(snippets)}};
        const auto against = [&](const char* ours, const char* stat, const char* theirs) {
            const double t = peer["latency"][theirs][stat].get<double>();
            return rounded(ratio(latency[ours][stat].get<double>(), t), 3);
        };
        steppe_vs["ranking_top100_p50"] = against("ranking_top100", "p50_ms", "ranking_top100");
        steppe_vs["snippets_top10_p50"] = against("snippets_top10", "p50_ms", "ranking_top100");
        steppe_vs["snippets_top10_p99"] = against("snippets_top10", "p99_ms", "ranking_top100");
    }
    peer["steppe_vs"] = steppe_vs;
    return peer;
}

/// report.json's "settings": every option of the run and what the index records.
json settings_json(const Config& cfg, const bench::internal::IndexFacts& facts, bool reuse,
                   bool compacted, bool throughput) {
    return {{"depth", cfg.depth},
            {"latency_timed", cfg.latency},
            {"bm25", {{"k1", cfg.k1}, {"b", cfg.b}}},
            {"exact_weight", cfg.exact_weight < 0
                                 ? json("auto: 0.25 with one stemming language, 1 with several")
                                 : json(cfg.exact_weight)},
            {"title_weight", cfg.title_weight},
            {"stopword_weight", cfg.stopword_weight},
            {"feedback",
             {{"docs", cfg.feedback_docs},
              {"terms", cfg.feedback_terms},
              {"weight", cfg.feedback_weight}}},
            {"query_syntax", "plain"},
            {"passage_words", cfg.passage_words > 0 ? json(cfg.passage_words) : json("default")},
            {"passages", parse_json_or(facts.passages_json, facts.passages_json)},
            {"analyzer", parse_json_or(facts.analyzer_json, facts.analyzer_json)},
            {"languages", facts.languages},
            {"index_reused", reuse},
            {"compacted", compacted},
            {"limit_docs", cfg.limit_docs},
            {"max_mb", cfg.max_mb},
            {"query_seed", throughput ? json(cfg.seed) : json(nullptr)},
            {"steppe_version", version()},
            {"xapian_version", xapian_version()},
            {"icu_version", icu_version()},
            {"cores", std::thread::hardware_concurrency()},
            {"date_utc", steppe::internal::utc_now()},
            {"command", cfg.command_line}};
}

int run_collection(const Config& cfg, std::ostream& out, std::ostream& err) {
    auto say = [&](const std::string& line) {
        if (!cfg.quiet) err << "steppe bench: " << line << '\n';
    };
    std::error_code ec;
    if (!fs::is_directory(cfg.collection, ec))
        throw CorpusError(cfg.collection.string() + ": no such folder");
    const fs::path queries_path = cfg.collection / "queries.tsv";
    const fs::path qrels_path = cfg.collection / "qrels.txt";
    const bool has_queries = fs::exists(queries_path, ec);
    const bool has_qrels = fs::exists(qrels_path, ec);
    const bool throughput = cfg.throughput || (!has_queries && !has_qrels);
    if (!throughput && !has_queries)
        throw CorpusError(queries_path.string() + ": missing (" + qrels_path.filename().string() +
                          " is there; pass --throughput to time indexing only)");
    if (!throughput && !has_qrels)
        throw CorpusError(qrels_path.string() + ": missing (" + queries_path.filename().string() +
                          " is there; pass --throughput to time indexing only)");

    // Read the small files first, so a malformed line stops the run before a long build.
    std::vector<Query> queries;
    Qrels qrels;
    if (!throughput) {
        queries = read_queries(queries_path);
        qrels = read_qrels(qrels_path);
        if (queries.empty()) throw CorpusError(queries_path.string() + ": no queries");
    }

    std::vector<SourceFile> sources;
    if (!throughput) {
        const auto corpus = find_corpus_file(cfg.collection);
        if (!corpus)
            throw CorpusError((cfg.collection / "corpus.jsonl").string() +
                              ": missing (nor corpus.jsonl.gz)");
        sources = find_sources({*corpus}, [&](const std::string& m) { throw CorpusError(m); });
    } else {
        const auto found = find_sources(
            {cfg.collection}, [&](const std::string& m) { err << "steppe bench: " << m << '\n'; });
        for (const auto& s : found)
            if (s.type == "jsonl") sources.push_back(s);
    }

    std::optional<TempFolder> temp;
    fs::path index_dir;
    BuildFacts build;
    std::set<std::string> doc_ids;
    const bool reuse = cfg.index && fs::exists(*cfg.index, ec) && !fs::is_empty(*cfg.index, ec);
    if (cfg.index) {
        index_dir = *cfg.index;
    } else {
        temp.emplace();
        index_dir = temp->path();
    }
    // From here on the bench writes (its index, the baselines', Xapian's defaults'): a second
    // exception from Xapian's recovery after a failed write ends it with an error line and
    // exit 2, as `steppe index` does, not an abort.
    const steppe::internal::TerminateAsError terminate_as_error("steppe bench", index_dir.string());
    if (reuse && cfg.repeat > 1)
        throw UsageError("--repeat times builds: " + index_dir.string() +
                         " holds an index, which is used as it is (give an empty or missing "
                         "--index)");
    if (reuse) {
        say("using the index in " + index_dir.string() + " as it is (not rebuilt)");
    } else {
        if (throughput && sources.empty())
            throw CorpusError(cfg.collection.string() + ": no .jsonl or .jsonl.gz files");
    }
    BuildRuns runs;
    if (!reuse) runs = run_builds(cfg, index_dir, sources, throughput, doc_ids, say, err);
    const std::vector<BuildFacts>& builds = runs.builds;
    const double rss_indexing = reuse ? peak_rss_mb() : runs.rss_indexing;
    if (!builds.empty())
        build =
            builds[median_index(builds.size(), [&](std::size_t i) { return builds[i].seconds; })];
    std::optional<CompactFacts> compacted;
    if (cfg.compact && build.built) {
        say("compacting the index");
        compacted = compact_index(index_dir);
    }
    const auto facts = bench::internal::read_index_facts(index_dir);
    const auto index_bytes = steppe::internal::folder_bytes(index_dir);

    if (!throughput && build.built) {
        std::size_t missing = 0;
        for (const auto& [qid, judged] : qrels)
            for (const auto& [doc, gain] : judged)
                if (gain >= 1 && !doc_ids.count(doc)) ++missing;
        if (missing > 0)
            err << "steppe bench: warning: " << missing
                << " relevant judgment(s) name documents that are not in the corpus\n";
        std::set<std::string> asked;
        for (const auto& q : queries)
            asked.insert(q.id);
        std::size_t unasked = 0;
        for (const auto& [qid, judged] : qrels)
            if (!asked.count(qid)) ++unasked;
        if (unasked > 0)
            err << "steppe bench: warning: " << unasked << " query id(s) of " << qrels_path.string()
                << " are not in " << queries_path.string() << " (ignored)\n";
    }

    std::vector<GeneratedQuery> generated;
    if (throughput) {
        say("drawing " + std::to_string(cfg.query_count) + " queries from the index's terms");
        generated =
            generate_queries(bench::internal::read_term_stats(index_dir),
                             bench::internal::sample_passage_words(index_dir, 400, cfg.seed),
                             cfg.query_count, cfg.seed);
        queries = to_queries(generated);
    }

    say("running " + std::to_string(queries.size()) + " queries (depth " +
        std::to_string(cfg.depth) + ")" + (cfg.latency ? ", then timing them" : ""));
    const SearchOutcome outcome = run_queries(cfg, index_dir, queries, err);

    json report;
    report["format"] = "steppe-bench/1";
    report["collection"] = {{"name", collection_name(cfg.collection)},
                            {"path", cfg.collection.string()},
                            {"mode", throughput ? "throughput" : "relevance"},
                            {"queries", queries.size()}};
    if (throughput) {
        std::map<std::string, std::size_t> kinds;
        for (const auto& g : generated)
            ++kinds[g.kind];
        report["collection"]["query_kinds"] = kinds;
    }
    std::vector<std::string> ids;
    for (const auto& q : queries)
        ids.push_back(q.id);
    Evaluation evaluation;
    if (!throughput) {
        evaluation = evaluate(outcome.run, qrels, ids);
        const auto& m = evaluation.mean;
        json quality = quality_json(m);
        quality["queries_scored"] = evaluation.scored;
        quality["queries_skipped"] = evaluation.skipped;
        quality["queries_failed"] = outcome.failed.size();
        quality["relevant"] = m.relevant;
        quality["relevant_retrieved"] = m.relevant_retrieved;
        report["quality"] = quality;
    }
    const double text_mb = static_cast<double>(build.bytes) / 1e6;
    const double size_mb = static_cast<double>(index_bytes) / 1e6;
    json index = {{"built", build.built},
                  {"path", cfg.index ? index_dir.string() : "(temporary, removed after the run)"}};
    if (build.built) {
        index["seconds"] = rounded(build.seconds, 3);
        index["mb_per_s"] = rounded(ratio(text_mb, build.seconds), 3);
        index["docs_per_s"] =
            rounded(ratio(static_cast<double>(build.documents), build.seconds), 1);
        index["documents"] = build.documents;
        index["passages_per_s"] =
            rounded(ratio(static_cast<double>(facts.passages), build.seconds), 1);
        index["jobs"] = cfg.jobs == 0 ? std::thread::hardware_concurrency() : cfg.jobs;
        index["writers"] = build.writers;
        if (build.writers > 1) index["merge_seconds"] = rounded(build.merge_seconds, 3);
        index["repeat"] = builds.size();
        if (builds.size() > 1) {
            json runs = json::array();
            for (const auto& b : builds) {
                json r = {{"seconds", rounded(b.seconds, 6)},
                          {"mb_per_s", rounded(ratio(text_mb, b.seconds), 3)}};
                if (b.writers > 1) r["merge_seconds"] = rounded(b.merge_seconds, 3);
                runs.push_back(r);
            }
            index["runs"] = runs;
        }
        index["text_mb"] = rounded(text_mb, 3);
        index["stopped_early"] = build.stopped_early;
        index["corpus_problems"] = build.problems;
        index["corpus_warnings"] = build.warnings;
    } else {
        index["documents"] = nullptr;
    }
    index["passages"] = facts.passages;
    index["size_mb"] = rounded(size_mb, 3);
    if (build.built && text_mb > 0) index["size_ratio"] = rounded(size_mb / text_mb, 3);
    if (compacted) {
        // size_mb and size_ratio above are after compaction; seconds and mb_per_s are the
        // build alone.
        const double before = static_cast<double>(compacted->bytes_before) / 1e6;
        index["compact_seconds"] = rounded(compacted->seconds, 3);
        index["size_mb_before_compact"] = rounded(before, 3);
        index["mb_per_s_with_compact"] =
            rounded(ratio(text_mb, build.seconds + compacted->seconds), 3);
    }
    report["index"] = index;
    if (!runs.baselines.empty())
        report["baseline"] = baseline_report(cfg, runs, text_mb, build.seconds);
    report["memory"] = {{"peak_rss_mb_indexing", rounded(rss_indexing, 1)},
                        {"peak_rss_mb", rounded(peak_rss_mb(), 1)}};
    const json latency = latency_report(outcome, generated, throughput);
    if (!outcome.passes.empty()) report["latency"] = latency;
    if (cfg.xapian_defaults) {
        say("indexing the same documents with Xapian's defaults, then running the queries");
        report["xapian_defaults"] =
            xapian_defaults_report(sources, cfg, queries, qrels, ids, throughput, size_mb, latency);
    }
    report["settings"] = settings_json(cfg, facts, reuse, cfg.compact && build.built, throughput);

    fs::create_directories(cfg.out);
    write_file(cfg.out / "run.trec", trec_run(queries, outcome.run));
    if (!throughput) write_file(cfg.out / "per_query.tsv", per_query_tsv(queries, evaluation));
    if (throughput) write_file(cfg.out / "queries.tsv", queries_tsv(queries));
    write_file(cfg.out / "report.json", report.dump(2) + "\n");
    write_file(cfg.out / "report.md", markdown_report(report));
    out << text_table(report);
    say("wrote " + (cfg.out / "report.json").string() + ", report.md and run.trec");
    return 0;
}

json read_report(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CorpusError(path.string() + ": cannot open (missing or unreadable)");
    try {
        json j = json::parse(in);
        if (!j.is_object() || !j.contains("settings"))
            throw CorpusError(path.string() + ": not a report.json written by steppe bench");
        return j;
    } catch (const json::parse_error& e) {
        throw CorpusError(path.string() + ": malformed JSON (" + e.what() + ")");
    }
}

/// Flattens @p j into "a.b.c" -> value text.
void flatten(const json& j, const std::string& prefix, std::map<std::string, std::string>& out) {
    if (j.is_object()) {
        for (const auto& [k, v] : j.items())
            flatten(v, prefix.empty() ? k : prefix + "." + k, out);
    } else {
        out[prefix] = j.dump();
    }
}

int run_compare(const fs::path& a_path, const fs::path& b_path, std::ostream& out) {
    const json a = read_report(a_path), b = read_report(b_path);
    out << "A: " << a_path.string() << " (" << a["collection"]["name"].get<std::string>() << ", "
        << a["settings"]["date_utc"].get<std::string>() << ")\n"
        << "B: " << b_path.string() << " (" << b["collection"]["name"].get<std::string>() << ", "
        << b["settings"]["date_utc"].get<std::string>() << ")\n";
    if (a["collection"]["name"] != b["collection"]["name"])
        out << "warning: the reports are of different collections\n";
    out << pad("metric", 36) << pad("A", 12, true) << pad("B", 12, true) << pad("B - A", 12, true)
        << pad("change", 10, true) << '\n';
    for (const auto& row : all_rows()) {
        const auto va = value_at(a, row.pointer), vb = value_at(b, row.pointer);
        if (!va && !vb) continue;
        std::string delta = "-", change = "-";
        if (va && vb) {
            const double d = *vb - *va;
            delta = (d >= 0 ? "+" : "") + fixed(d, row.decimals);
            if (*va != 0) change = (d >= 0 ? "+" : "") + fixed(100.0 * d / std::abs(*va), 1) + "%";
        }
        out << pad(row.label, 36) << pad(va ? fixed(*va, row.decimals) : "-", 12, true)
            << pad(vb ? fixed(*vb, row.decimals) : "-", 12, true) << pad(delta, 12, true)
            << pad(change, 10, true) << '\n';
    }
    std::map<std::string, std::string> sa, sb;
    flatten(a["settings"], "", sa);
    flatten(b["settings"], "", sb);
    bool header = false;
    std::set<std::string> keys;
    for (const auto& [k, v] : sa)
        keys.insert(k);
    for (const auto& [k, v] : sb)
        keys.insert(k);
    for (const auto& k : keys) {
        if (k == "date_utc" || k == "command") continue;
        const std::string va = sa.count(k) ? sa[k] : "-", vb = sb.count(k) ? sb[k] : "-";
        if (va == vb) continue;
        if (!header) out << "settings that differ:\n";
        header = true;
        out << "  " << k << ": " << va << " -> " << vb << '\n';
    }
    return 0;
}

}  // namespace

int run_bench(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    po::options_description visible("Options");
    Config cfg;
    std::string bm25;
    visible.add_options()("help,h", "print this help and exit")(
        "out", po::value<std::string>()->value_name("DIR"),
        "write run.trec, report.json and report.md here (default: ./bench-out/<collection>)")(
        "index", po::value<std::string>()->value_name("DIR"),
        "use this index: an existing one is used as it is, an empty or missing folder is "
        "built and kept (default: a fresh temporary index)")(
        "depth", po::value<std::size_t>(&cfg.depth)->value_name("N")->default_value(1000),
        "documents retrieved per query")("bm25", po::value<std::string>(&bm25)->value_name("K1,B"),
                                         "BM25 parameters (default 1.0,0.7)")(
        "feedback-docs", po::value<std::size_t>(&cfg.feedback_docs)->value_name("N"),
        "pseudo-relevance feedback from the N best documents (default 0: off)")(
        "feedback-terms", po::value<std::size_t>(&cfg.feedback_terms)->value_name("N"),
        "expansion stems taken with --feedback-docs (default 20)")(
        "feedback-weight", po::value<double>(&cfg.feedback_weight)->value_name("W"),
        "weight of the expansion with --feedback-docs (default 0.3)")(
        "exact-weight", po::value<double>(&cfg.exact_weight)->value_name("W"),
        "weight of a word's exact form on top of its stem (default: 0.25 with one stemming "
        "language, 1 with several)")(
        "title-weight", po::value<double>(&cfg.title_weight)->value_name("W"),
        "weight of a query word found in a document's title (default 0.25; 0: off)")(
        "stopword-weight", po::value<double>(&cfg.stopword_weight)->value_name("W"),
        "weight of English stopwords among three or more plain query words (default 0.25; "
        "1: off)")("passage-words", po::value<std::size_t>(&cfg.passage_words)->value_name("N"),
                   "target passage length in words when building (default: the indexer's, 160)")(
        "throughput",
        "index every .jsonl(.gz) file of the folder and time queries drawn from its terms "
        "(the default when the folder has no queries.tsv and qrels.txt)")(
        "limit-docs", po::value<std::size_t>(&cfg.limit_docs)->value_name("N"),
        "index only the first N documents")("max-mb",
                                            po::value<double>(&cfg.max_mb)->value_name("N"),
                                            "stop indexing after N MB of text")(
        "queries", po::value<std::size_t>(&cfg.query_count)->value_name("N")->default_value(200),
        "throughput mode: number of queries to draw")(
        "seed", po::value<std::uint64_t>(&cfg.seed)->value_name("N")->default_value(QUERY_SEED),
        "throughput mode: seed of the query draw")(
        "compare", "compare two report.json files: steppe bench --compare A B")(
        "no-latency", "skip the timed query passes (quality only, as the CI gate runs)")(
        "jobs,j", po::value<unsigned>(&cfg.jobs)->value_name("N"),
        "analysis threads when building (default 0: one per core)")(
        "writers", po::value<unsigned>(&cfg.writers)->value_name("N"),
        "build in N parts written in parallel and merged, as 'steppe index' builds a new index "
        "(default: 2 with 2 cores or more; 1 writes one database directly)")(
        "baseline",
        "also time Xapian's TermGenerator indexing the same passages on one core, for "
        "comparison: once with one commit at the end (Xapian's default flush), once committing "
        "every --baseline-batch passages; and on two cores as Xapian would use them: two "
        "writers, each half the passages, then a merge")(
        "baseline-batch",
        po::value<std::size_t>(&cfg.baseline_batch)
            ->value_name("N")
            ->default_value(BASELINE_BATCH_PASSAGES),
        "passages per commit of --baseline's second and two-writer runs (TermGenerator's "
        "faster batch, as Xapian syncs each commit)")(
        "compact", "compact the built index (as 'steppe compact') before timing the queries")(
        "xapian-defaults",
        "also index the same documents with Xapian's defaults (TermGenerator, one document per "
        "record), run and time the same queries there (QueryParser, BM25 defaults) and report "
        "steppe's size and latency against them")(
        "repeat", po::value<std::size_t>(&cfg.repeat)->value_name("N")->default_value(1),
        "build the index N times, each build followed by its --baseline, and report the "
        "median run (the ratio: the median of each build against its own baseline); the last "
        "build is kept and queried")("quiet,q", "no progress lines on stderr");
    const po::variables_map vm = steppe::internal::parse_options(args, visible, "arg");
    if (vm.count("help")) {
        out << USAGE
            << "\nBuilds an index of a BEIR-shaped collection (corpus.jsonl[.gz], queries.tsv,\n"
               "qrels.txt), runs every query at document level, scores the run with trec_eval's\n"
               "definitions (nDCG@10, MAP, Recall@100, MRR@10, P@10), times the queries warm,\n"
               "and writes run.trec, per_query.tsv, report.json and report.md.\n\n"
            << visible << "\nExit status: 0 done, 2 error (bad input names file:line).\n";
        return 0;
    }
    const auto positional_args =
        vm.count("arg") ? vm["arg"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (vm.count("compare")) {
        if (positional_args.size() != 2) throw UsageError("--compare wants two report.json files");
        return run_compare(positional_args[0], positional_args[1], out);
    }
    if (positional_args.size() != 1)
        throw UsageError(positional_args.empty() ? "no COLLECTION_DIR given"
                                                 : "one COLLECTION_DIR only");
    if (cfg.depth == 0) throw UsageError("--depth must be at least 1");
    if (cfg.repeat == 0) throw UsageError("--repeat must be at least 1");
    if (cfg.baseline_batch == 0) throw UsageError("--baseline-batch must be at least 1");
    if (cfg.max_mb < 0) throw UsageError("--max-mb must not be negative");
    if (vm.count("passage-words") && cfg.passage_words < 2)
        throw UsageError("--passage-words must be at least 2");
    if (!bm25.empty()) std::tie(cfg.k1, cfg.b) = parse_bm25(bm25);
    if (vm.count("exact-weight") && cfg.exact_weight < 0)
        throw UsageError("--exact-weight must not be negative");
    if (vm.count("title-weight") && cfg.title_weight < 0)
        throw UsageError("--title-weight must not be negative");
    if (vm.count("stopword-weight") && cfg.stopword_weight < 0)
        throw UsageError("--stopword-weight must not be negative");
    cfg.collection = positional_args[0];
    cfg.throughput = vm.count("throughput") > 0;
    cfg.quiet = vm.count("quiet") > 0;
    cfg.latency = vm.count("no-latency") == 0;
    cfg.baseline = vm.count("baseline") > 0;
    cfg.compact = vm.count("compact") > 0;
    cfg.xapian_defaults = vm.count("xapian-defaults") > 0;
    if (vm.count("index")) cfg.index = vm["index"].as<std::string>();
    cfg.out = vm.count("out") ? fs::path(vm["out"].as<std::string>())
                              : fs::path("bench-out") / collection_name(cfg.collection);
    cfg.command_line = "steppe bench";
    for (const auto& a : args)
        cfg.command_line += " " + a;
    return run_collection(cfg, out, err);
}

}  // namespace steppe::cli
