#include "steppe/searcher/searcher.hpp"

#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <xapian.h>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe {

using internal::xapian_call;

namespace {

/// One word of the query, with every term it may match in the index.
struct QueryWord {
    Token token;
    std::string exact;                         ///< The unstemmed term.
    std::map<std::string, std::string> stems;  ///< language -> stem.
};

}  // namespace

struct Searcher::Impl {
    std::string where;
    Xapian::Database db;
    internal::IndexInfo info;
    Analyzer analyzer;
    std::vector<Token> scratch;

    explicit Impl(const std::filesystem::path& dir) : where(dir.string()) {
        std::error_code ec;
        if (!std::filesystem::exists(dir, ec))
            throw IndexError(where + ": no index here (build one with 'steppe index')");
        try {
            db = Xapian::Database(where);
        } catch (const Xapian::Error& e) {
            throw IndexError(where + ": cannot open the index: " + e.get_description());
        }
        info = xapian_call(where, [&] { return internal::read_index_info(db, where); });
        analyzer = Analyzer(info.analyzer);
    }

    std::vector<QueryWord> parse(std::string_view query) {
        std::vector<QueryWord> words;
        std::set<std::string> seen;
        for (Token& t : analyzer.tokenize(query)) {
            if (!seen.insert(t.term).second) continue;
            QueryWord w;
            w.exact = t.term;
            for (const auto& lang : info.languages) {
                if (Analyzer::has_stemmer(lang)) w.stems[lang] = analyzer.stem(t, lang);
            }
            w.token = std::move(t);
            words.push_back(std::move(w));
        }
        if (words.empty()) {
            throw QueryError(query.find_first_not_of(" \t\r\n") == std::string_view::npos
                                 ? "empty query"
                                 : "the query has no word to search for");
        }
        return words;
    }

    static Xapian::Query query_of(const std::vector<QueryWord>& words) {
        std::vector<Xapian::Query> parts;
        for (const auto& w : words) {
            // The exact form and its stems: a passage with the very word the user typed
            // matches both and ranks above one that only shares the stem.
            std::vector<Xapian::Query> forms{Xapian::Query(w.exact)};
            // Typed with diacritics that the index folds: the same diacritics rank first.
            if (!w.token.base.empty() && w.token.base != w.exact)
                forms.emplace_back(std::string(schema::PREFIX_ACCENTED) + w.token.base);
            std::set<std::string> stems;
            for (const auto& [lang, stem] : w.stems)
                stems.insert(std::string(schema::PREFIX_STEM) + stem);
            for (const auto& s : stems)
                forms.emplace_back(s);
            parts.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
        }
        return {Xapian::Query::OP_OR, parts.begin(), parts.end()};
    }

    /// Matches of @p words in a passage's tokens, by exact term or stem in @p language.
    std::vector<Match> matches_in(const std::vector<Token>& tokens,
                                  const std::vector<QueryWord>& words,
                                  const std::vector<double>& weights, const std::string& language) {
        std::unordered_map<std::string, std::size_t> exact, stem;
        for (std::size_t i = 0; i < words.size(); ++i) {
            exact.emplace(words[i].exact, i);
            if (const auto it = words[i].stems.find(language); it != words[i].stems.end())
                stem.emplace(it->second, i);
        }
        const bool stems = !stem.empty();
        std::vector<Match> out;
        for (const Token& t : tokens) {
            std::size_t term = 0;
            if (const auto it = exact.find(t.term); it != exact.end()) {
                term = it->second;
            } else if (const auto st = stems ? stem.find(analyzer.stem(t, language)) : stem.end();
                       st != stem.end()) {
                term = st->second;
            } else {
                continue;
            }
            out.push_back({{t.begin, t.end}, term, weights[term]});
        }
        return out;
    }

    SearchResults search(std::string_view text, const SearchOptions& options) {
        const auto started = std::chrono::steady_clock::now();
        const auto words = parse(text);
        Xapian::Enquire enquire(db);
        enquire.set_query(query_of(words));
        enquire.set_weighting_scheme(
            Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5));
        enquire.set_collapse_key(schema::SLOT_DOC_ID);
        // Equal scores fall back to document id order, so pages never repeat or skip a hit.
        enquire.set_sort_by_relevance_then_value(schema::SLOT_DOC_ID, false);
        const auto limit = static_cast<Xapian::doccount>(options.limit);
        const auto offset = static_cast<Xapian::doccount>(options.offset);
        const Xapian::MSet mset = enquire.get_mset(offset, limit);

        SearchResults results;
        results.total_estimate = mset.get_matches_estimated();
        // Term weights for snippet selection: idf of the word's exact form.
        std::vector<double> weights;
        const double n = std::max<double>(1.0, db.get_doccount());
        for (const auto& w : words) {
            const double tf = std::max<double>(1.0, db.get_termfreq(w.exact));
            weights.push_back(std::log(1.0 + n / tf));
        }
        std::uint32_t rank = static_cast<std::uint32_t>(offset);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const Xapian::Document doc = it.get_document();
            Hit hit;
            hit.rank = ++rank;
            hit.score = it.get_weight();
            hit.id = doc.get_value(schema::SLOT_DOC_ID);
            hit.path = doc.get_value(schema::SLOT_PATH);
            hit.title = doc.get_value(schema::SLOT_TITLE);
            hit.passage = static_cast<std::uint32_t>(
                Xapian::sortable_unserialise(doc.get_value(schema::SLOT_PASSAGE)));
            hit.matching_passages = 1 + it.get_collapse_count();
            if (options.snippets) {
                const std::string passage = doc.get_data();
                analyzer.tokenize(passage, scratch);
                const auto matches =
                    matches_in(scratch, words, weights, doc.get_value(schema::SLOT_LANGUAGE));
                SnippetOptions so;
                so.max_bytes = options.snippet_bytes;
                hit.snippet = make_snippet(passage, scratch, matches, so);
            }
            results.hits.push_back(std::move(hit));
        }
        results.elapsed_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        return results;
    }
};

Searcher::Searcher(const std::filesystem::path& index_dir)
    : impl_(std::make_unique<Impl>(index_dir)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(std::string_view query, const SearchOptions& options) {
    return xapian_call(impl_->where, [&] { return impl_->search(query, options); });
}

void Searcher::reopen() {
    xapian_call(impl_->where, [&] { impl_->db.reopen(); });
}

std::size_t Searcher::passage_count() const {
    return xapian_call(impl_->where, [&] { return std::size_t{impl_->db.get_doccount()}; });
}

}  // namespace steppe
