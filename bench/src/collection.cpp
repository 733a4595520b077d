#include "steppe/bench/collection.hpp"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "steppe/common/error.hpp"

namespace steppe::bench {

namespace fs = std::filesystem;

namespace {

std::ifstream open_or_throw(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CorpusError(path.string() + ": cannot open (missing or unreadable)");
    return in;
}

std::string where(const fs::path& path, std::size_t line_no) {
    return path.string() + ":" + std::to_string(line_no) + ": ";
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

}  // namespace

std::vector<Query> read_queries(const fs::path& path) {
    std::ifstream in = open_or_throw(path);
    std::vector<Query> queries;
    std::set<std::string> seen;
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (blank(line)) continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos)
            throw CorpusError(where(path, line_no) + "expected 'qid<TAB>query text', found no tab");
        Query q{std::string(trim(std::string_view(line).substr(0, tab))),
                std::string(trim(std::string_view(line).substr(tab + 1)))};
        if (q.id.empty()) throw CorpusError(where(path, line_no) + "empty query id");
        if (q.text.empty())
            throw CorpusError(where(path, line_no) + "query '" + q.id + "' has no text");
        if (!seen.insert(q.id).second)
            throw CorpusError(where(path, line_no) + "query id '" + q.id + "' appears twice");
        queries.push_back(std::move(q));
    }
    return queries;
}

Qrels read_qrels(const fs::path& path) {
    std::ifstream in = open_or_throw(path);
    Qrels qrels;
    std::string line;
    for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
        if (blank(line)) continue;
        std::istringstream fields(line);
        std::vector<std::string> f;
        for (std::string w; fields >> w;)
            f.push_back(w);
        if (f.size() != 4) {
            throw CorpusError(where(path, line_no) +
                              "expected 4 fields 'qid 0 docid gain', found " +
                              std::to_string(f.size()));
        }
        int gain = 0;
        const auto& g = f[3];
        const auto [end, ec] = std::from_chars(g.data(), g.data() + g.size(), gain);
        if (ec != std::errc() || end != g.data() + g.size())
            throw CorpusError(where(path, line_no) + "gain '" + g + "' is not an integer");
        if (!qrels[f[0]].emplace(f[2], gain).second) {
            throw CorpusError(where(path, line_no) + "document '" + f[2] +
                              "' is judged twice for query '" + f[0] + "'");
        }
    }
    return qrels;
}

std::optional<fs::path> find_corpus_file(const fs::path& dir) {
    for (const char* name : {"corpus.jsonl", "corpus.jsonl.gz"}) {
        std::error_code ec;
        if (fs::is_regular_file(dir / name, ec)) return dir / name;
    }
    return std::nullopt;
}

}  // namespace steppe::bench
