#include <unistd.h>

#include <iomanip>
#include <optional>
#include <sstream>

#include <boost/program_options.hpp>

#include "steppe/common/error.hpp"
#include "steppe/common/paths.hpp"
#include "steppe/common/terminal.hpp"
#include "steppe/common/version.hpp"
#include "steppe/internal/options.hpp"
#include "steppe/searcher/cli.hpp"
#include "steppe/searcher/render.hpp"
#include "steppe/searcher/searcher.hpp"

namespace steppe::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* USAGE = "Usage: steppe search [OPTIONS] QUERY...\n";
constexpr std::string_view PATH_COLOR = "\x1b[35m";  // magenta, as ripgrep shows paths
constexpr std::string_view TITLE_COLOR = "\x1b[1m";  // bold
constexpr std::string_view DIM_COLOR = "\x1b[2m";
constexpr std::string_view MATCH_COLOR = "\x1b[1;31m";
constexpr std::string_view RESET = "\x1b[0m";
constexpr std::size_t INDENT = 4;

/// Byte offsets of the spaces in @p text where a line of at most @p width code points breaks.
std::vector<std::size_t> wrap_points(const std::string& text, std::size_t width) {
    std::vector<std::size_t> breaks;
    std::size_t line_start = 0, columns = 0, last_space = std::string::npos, cols_at_space = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation
        if (text[i] == ' ') {
            last_space = i;
            cols_at_space = columns;
        }
        ++columns;
        if (columns > width && last_space != std::string::npos && last_space >= line_start) {
            breaks.push_back(last_space);
            line_start = last_space + 1;
            columns -= cols_at_space + 1;
            last_space = std::string::npos;
        }
    }
    return breaks;
}

/// The snippet, wrapped to @p width columns (0: no wrapping) with each line indented, and its
/// highlights coloured when @p color.
std::string render_snippet(const Snippet& s, bool color, std::size_t width) {
    const auto breaks =
        width > INDENT + 10 ? wrap_points(s.text, width - INDENT) : std::vector<std::size_t>{};
    std::string out(INDENT, ' ');
    std::size_t next_break = 0, span = 0;
    bool in_span = false;
    for (std::size_t i = 0; i <= s.text.size(); ++i) {
        if (color && in_span && span < s.highlights.size() && i == s.highlights[span].end) {
            out += RESET;
            in_span = false;
            ++span;
        }
        if (i == s.text.size()) break;
        if (color && !in_span && span < s.highlights.size() && i == s.highlights[span].begin) {
            out += MATCH_COLOR;
            in_span = true;
        }
        if (next_break < breaks.size() && i == breaks[next_break]) {
            ++next_break;
            if (in_span) out += RESET;
            out += '\n';
            out.append(INDENT, ' ');
            if (in_span) out += MATCH_COLOR;
            continue;
        }
        out += s.text[i];
    }
    if (in_span) out += RESET;
    return out;
}

std::string format_score(double score) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(2) << score;
    return os.str();
}

void print_human(const SearchResults& results, std::ostream& out, bool color, std::size_t width) {
    auto paint = [&](std::string_view code, const std::string& text) {
        return color ? std::string(code) + text + std::string(RESET) : text;
    };
    for (const Hit& hit : results.hits) {
        out << paint(PATH_COLOR, hit.path.empty() ? hit.id : hit.path);
        if (!hit.path.empty() && hit.id != hit.path && hit.id.find('/') == std::string::npos)
            out << ' ' << paint(DIM_COLOR, "[" + hit.id + "]");
        out << '\n';
        out << paint(TITLE_COLOR, hit.title.empty() ? "(untitled)" : hit.title) << "  "
            << paint(DIM_COLOR,
                     "passage " + std::to_string(hit.passage) +
                         (hit.page ? ", page " + std::to_string(*hit.page) : std::string()) +
                         ", score " + format_score(hit.score))
            << '\n';
        if (hit.fragments.size() > 1) {
            // Several passages of the document, in document order, each under its number.
            for (const Fragment& f : hit.fragments) {
                out << paint(DIM_COLOR, "  [" + std::to_string(f.passage) + "]" +
                                            (f.passage == hit.passage ? " best" : ""))
                    << '\n';
                out << render_snippet(f.snippet, color, width) << '\n';
            }
        } else {
            out << render_snippet(hit.snippet, color, width) << '\n';
        }
        if (hit.matching_passages > hit.fragments.size() && hit.fragments.size() > 1)
            out << paint(DIM_COLOR,
                         "    (" + std::to_string(hit.matching_passages) + " matching passages)")
                << '\n';
        if (!hit.explanation.empty()) {
            out << "    score " << format_score(hit.score) << " =";
            for (std::size_t i = 0; i < hit.explanation.size(); ++i) {
                out << (i ? " + " : " ") << format_score(hit.explanation[i].score) << " "
                    << hit.explanation[i].term;
            }
            out << '\n';
        }
        out << '\n';
    }
}

}  // namespace

int run_search(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               int out_fd) {
    po::options_description visible("Options");
    SearchOptions options;
    std::string color_text = "auto";
    visible.add_options()("help,h", "print this help and exit")(
        "version", "print the version and exit")("index",
                                                 po::value<std::string>()->value_name("DIR"),
                                                 "index folder (default: $STEPPE_INDEX, else "
                                                 "${XDG_DATA_HOME:-~/.local/share}/steppe/index)")(
        "limit,n", po::value<std::size_t>(&options.limit)->value_name("N")->default_value(10),
        "number of hits to show")(
        "offset", po::value<std::size_t>(&options.offset)->value_name("K")->default_value(0),
        "skip the first K hits (for paging)")(
        "json", "print JSON Lines: one {\"type\":\"hit\"} record per hit, then a summary")(
        "html", "print each hit as an HTML <article> (text escaped, highlights in <mark>)")(
        "ids",
        "the ranking alone: print each hit's rank, score and document id (tab-separated), with "
        "no snippet, title or path")(
        "color", po::value<std::string>(&color_text)->value_name("WHEN")->default_value("auto"),
        "colour the output: auto, always or never (NO_COLOR is honoured)")(
        "snippet-bytes",
        po::value<std::size_t>(&options.snippet_bytes)->value_name("N")->default_value(240),
        "byte budget of each snippet")(
        "fragments", po::value<std::size_t>(&options.fragments)->value_name("K")->default_value(3),
        "show up to K best matching passages of each document")(
        "passages", "one hit per matching passage instead of one per document")(
        "plain", "read the query as plain words: no operators, phrases or fields")(
        "explain", "break each hit's score down by query term")(
        "allow-partial",
        "sharded index: when a shard cannot be opened, search the others and name it (JSON "
        "summary: missing_shards) instead of failing")(
        "bm25", po::value<std::string>()->value_name("K1,B"), "BM25 parameters (default 1.0,0.7)")(
        "feedback-docs", po::value<std::size_t>(&options.feedback_docs)->value_name("N"),
        "pseudo-relevance feedback from the N best documents (default 0: off)")(
        "feedback-terms", po::value<std::size_t>(&options.feedback_terms)->value_name("N"),
        "expansion stems taken with --feedback-docs (default 20)")(
        "feedback-weight", po::value<double>(&options.feedback_weight)->value_name("W"),
        "weight of the expansion with --feedback-docs (default 0.3)")(
        "exact-weight", po::value<double>(&options.exact_weight)->value_name("W"),
        "weight of a word's exact form on top of its stem (default: 0.25 with one stemming "
        "language, 1 with several)")(
        "title-weight", po::value<double>(&options.title_weight)->value_name("W"),
        "weight of a query word found in a document's title (default 0.25; 0: off)")(
        "stopword-weight", po::value<double>(&options.stopword_weight)->value_name("W"),
        "weight of English stopwords among three or more plain query words (default 0.25; "
        "1: off)");
    const po::variables_map vm = internal::parse_options(args, visible, "query");
    if (vm.count("help")) {
        out << USAGE << "Search the index; one hit per document, ranked by its best passage.\n\n"
            << "Query: words (any may match), +word (required), -word (excluded), AND, OR, NOT,\n"
            << "(groups), \"exact phrase\", a NEAR b, a NEAR/3 b, prefix*, title:word,\n"
            << "path:folder, lang:en, type:md, modified:2024-01-01..2025-06-30.\n"
            << "Put -- before a query that starts with '-': steppe search -- -draft report\n\n"
            << visible << "\nExit status: 0 at least one hit, 1 no hit, 2 error.\n";
        return 0;
    }
    if (vm.count("version")) {
        out << version_line() << '\n';
        return 0;
    }
    if (vm.count("bm25")) {
        const std::string v = vm["bm25"].as<std::string>();
        const auto comma = v.find(',');
        try {
            if (comma == std::string::npos) throw std::invalid_argument(v);
            options.bm25_k1 = std::stod(v.substr(0, comma));
            options.bm25_b = std::stod(v.substr(comma + 1));
        } catch (const std::exception&) {
            throw UsageError("--bm25 takes K1,B (two numbers), not '" + v + "'");
        }
    }
    if (vm.count("exact-weight") && options.exact_weight < 0)
        throw UsageError("--exact-weight must not be negative");
    if (vm.count("title-weight") && options.title_weight < 0)
        throw UsageError("--title-weight must not be negative");
    if (vm.count("stopword-weight") && options.stopword_weight < 0)
        throw UsageError("--stopword-weight must not be negative");
    if (vm.count("json") && vm.count("html"))
        throw UsageError("--json and --html exclude each other");
    if (vm.count("ids") && (vm.count("json") || vm.count("html")))
        throw UsageError("--ids excludes --json and --html");
    if (vm.count("ids")) {
        options.snippets = false;
        options.details = false;
    }
    options.passages = vm.count("passages") > 0;
    options.plain = vm.count("plain") > 0;
    options.explain = vm.count("explain") > 0;
    const ColorMode color_mode = parse_color_mode(color_text);
    std::string query;
    if (vm.count("query")) {
        for (const auto& word : vm["query"].as<std::vector<std::string>>())
            query += (query.empty() ? "" : " ") + word;
    }
    if (query.find_first_not_of(" \t\r\n") == std::string::npos)
        throw QueryError("empty query: give words to search for");

    std::optional<std::filesystem::path> given;
    if (vm.count("index")) given = vm["index"].as<std::string>();
    OpenOptions open;
    open.allow_partial = vm.count("allow-partial") > 0;
    Searcher searcher(resolve_index_path(given), open);
    const SearchResults results = searcher.search(query, options);
    if (!vm.count("json")) {
        for (const auto& shard : results.missing_shards)
            err << "steppe search: warning: shard '" << shard
                << "' could not be opened; its hits are missing\n";
        for (const auto& note : results.notes)
            err << "steppe search: note: " << note << '\n';
    }

    if (vm.count("html")) {
        for (const Hit& hit : results.hits)
            out << hit_html(hit) << '\n';
        if (results.hits.empty()) err << "no hits for: " << query << '\n';
        if (!results.suggestion.empty()) err << "Did you mean: " << results.suggestion << '\n';
    } else if (vm.count("json")) {
        for (const Hit& hit : results.hits)
            out << hit_json(hit) << '\n';
        out << summary_json(results) << '\n';
    } else if (vm.count("ids")) {
        for (const Hit& hit : results.hits)
            out << hit.rank << '\t' << format_score(hit.score) << '\t' << hit.id << '\n';
        if (results.hits.empty()) err << "no hits for: " << query << '\n';
        if (!results.suggestion.empty()) err << "Did you mean: " << results.suggestion << '\n';
    } else {
        const bool color =
            color_mode == ColorMode::Always || (out_fd >= 0 && use_color(color_mode, out_fd));
        const bool tty = out_fd >= 0 && is_terminal(out_fd);
        const std::size_t width = tty ? static_cast<std::size_t>(terminal_width(out_fd)) : 0;
        print_human(results, out, color, width);
        if (results.hits.empty()) err << "no hits for: " << query << '\n';
        // Diagnostics go to stderr, so stdout stays results only.
        if (!results.suggestion.empty()) err << "Did you mean: " << results.suggestion << '\n';
    }
    out.flush();
    return results.hits.empty() ? 1 : 0;
}

}  // namespace steppe::cli
