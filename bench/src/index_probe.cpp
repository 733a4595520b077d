#include "index_probe.hpp"

#include <random>

#include <xapian.h>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/common/schema.hpp"

namespace steppe::bench::internal {

namespace fs = std::filesystem;

namespace {

/// Runs @p f, turning Xapian's exceptions (which are no std::exception) into IndexError.
template <class F>
auto xapian_call(const fs::path& dir, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const Xapian::Error& e) {
        throw IndexError(dir.string() + ": " + e.get_description());
    }
}

}  // namespace

IndexFacts read_index_facts(const fs::path& dir) {
    return xapian_call(dir, [&] {
        const Xapian::Database db(dir.string());
        IndexFacts f;
        f.analyzer_json = db.get_metadata(std::string(schema::META_ANALYZER));
        f.passages_json = db.get_metadata(std::string(schema::META_PASSAGES));
        f.languages = db.get_metadata(std::string(schema::META_LANGUAGES));
        f.writer = db.get_metadata(std::string(schema::META_WRITER));
        f.passages = db.get_doccount();
        return f;
    });
}

std::vector<TermStat> read_term_stats(const fs::path& dir) {
    return xapian_call(dir, [&] {
        const Xapian::Database db(dir.string());
        std::vector<TermStat> stats;
        for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
            const std::string term = *it;
            // Prefixed terms (stems, titles, ids, ...) start with an ASCII capital; the exact
            // body words are case-folded and never do.
            if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
            stats.push_back({term, it.get_termfreq()});
        }
        return stats;
    });
}

std::vector<std::vector<std::string>> sample_passage_words(const fs::path& dir, std::size_t count,
                                                           std::uint64_t seed) {
    return xapian_call(dir, [&] {
        const Xapian::Database db(dir.string());
        std::vector<std::vector<std::string>> out;
        const Xapian::docid last = db.get_lastdocid();
        if (last == 0) return out;
        Analyzer analyzer(
            AnalyzerSettings::from_json(db.get_metadata(std::string(schema::META_ANALYZER))));
        std::mt19937_64 rng(seed);
        for (std::size_t i = 0; i < count; ++i) {
            const auto id = static_cast<Xapian::docid>(1 + rng() % last);
            std::string text;
            try {
                text = db.get_document(id).get_data();
            } catch (const Xapian::DocNotFoundError&) {
                continue;  // a gap left by a replaced document
            }
            std::vector<std::string> words;
            for (auto& t : analyzer.tokenize(text)) {
                words.push_back(std::move(t.term));
                if (words.size() == 64) break;
            }
            out.push_back(std::move(words));
        }
        return out;
    });
}

}  // namespace steppe::bench::internal
