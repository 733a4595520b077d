#include "steppe/searcher/searcher.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <xapian.h>

#include "query_xapian.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/internal/xapian_util.hpp"
#include "steppe/searcher/highlight.hpp"
#include "steppe/searcher/query.hpp"

namespace steppe {

using internal::xapian_call;

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

    QueryNode parse(std::string_view query, bool plain) {
        QueryNode node = plain ? plain_query(query, analyzer) : parse_query(query, analyzer);
        if (node.kind == QueryNode::Kind::Empty) {
            throw QueryError(query.find_first_not_of(" \t\r\n") == std::string_view::npos
                                 ? "empty query"
                                 : "the query has no word to search for");
        }
        return node;
    }

    Xapian::Enquire enquire_for(const Xapian::Query& query, const SearchOptions& options) const {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(
            Xapian::BM25Weight(options.bm25_k1, 0, 1, options.bm25_b, 0.5));
        // Equal scores fall back to document id order, so pages never repeat or skip a hit.
        enquire.set_sort_by_relevance_then_value(schema::SLOT_DOC_ID, false);
        return enquire;
    }

    [[nodiscard]] double idf(const std::string& term) const {
        const double n = std::max<double>(1.0, db.get_doccount());
        const double tf = std::max<double>(1.0, db.get_termfreq(term));
        return std::log(1.0 + n / tf);
    }

    /// Snippet-selection weight of each positive leaf: idf of its words (summed for phrases
    /// and NEAR groups, which are rarer than any of their words).
    std::vector<double> leaf_weights(const std::vector<const QueryNode*>& leaves) const {
        std::vector<double> weights;
        for (const QueryNode* leaf : leaves) {
            double w = 0;
            for (const auto& t : leaf->tokens)
                w += idf(t.term);
            weights.push_back(leaf->tokens.empty() ? 1.0 : w);
        }
        return weights;
    }

    static std::uint32_t passage_of(const Xapian::Document& doc) {
        return static_cast<std::uint32_t>(
            Xapian::sortable_unserialise(doc.get_value(schema::SLOT_PASSAGE)));
    }

    Snippet snippet_of(const Xapian::Document& doc, const QueryNode& query,
                       const std::vector<double>& weights, const SearchOptions& options) {
        const std::string passage = doc.get_data();
        analyzer.tokenize(passage, scratch);
        const auto matches =
            find_matches(query, scratch, doc.get_value(schema::SLOT_LANGUAGE), analyzer, weights);
        SnippetOptions so;
        so.max_bytes = options.snippet_bytes;
        return make_snippet(passage, scratch, matches, so);
    }

    /// The document's matching passages: their count, and the best `options.fragments` of
    /// them as fragments in document order.
    void add_fragments(Hit& hit, const Xapian::Query& query, const QueryNode& node,
                       const std::vector<double>& weights, const SearchOptions& options) {
        Xapian::Enquire enquire =
            enquire_for(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                      Xapian::Query(internal::doc_id_term(hit.id))),
                        options);
        // Only K passages are kept, but all of the document's passages are counted (checking
        // them all is cheap: the XD filter leaves only this document's).
        const auto k = static_cast<Xapian::doccount>(options.fragments);
        const Xapian::MSet mset = enquire.get_mset(0, k, db.get_doccount());
        hit.matching_passages = std::max<std::size_t>(1, mset.get_matches_estimated());
        std::vector<std::pair<std::uint32_t, Xapian::Document>> best;
        for (auto it = mset.begin(); it != mset.end() && best.size() < options.fragments; ++it) {
            const Xapian::Document doc = it.get_document();
            best.emplace_back(passage_of(doc), doc);
        }
        std::sort(best.begin(), best.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [number, doc] : best) {
            Fragment f;
            f.passage = number;
            f.snippet =
                number == hit.passage ? hit.snippet : snippet_of(doc, node, weights, options);
            hit.fragments.push_back(std::move(f));
        }
    }

    /// Each positive leaf's share of the passage's score: the leaf alone, restricted to the
    /// passage, weighed with the same BM25 (Xapian sums the weights of OR, AND, AND_MAYBE and
    /// a phrase's terms, so the shares add up to the score).
    std::vector<TermScore> explain(const Hit& hit, const std::vector<const QueryNode*>& leaves,
                                   const SearchOptions& options) {
        const Xapian::Query passage(internal::bounded_term(
            schema::PREFIX_PASSAGE_ID, hit.id + "#" + std::to_string(hit.passage)));
        std::vector<TermScore> out;
        for (const QueryNode* leaf : leaves) {
            Xapian::Enquire enquire = enquire_for(
                Xapian::Query(Xapian::Query::OP_FILTER,
                              internal::to_xapian(*leaf, analyzer, info.languages), passage),
                options);
            const Xapian::MSet mset = enquire.get_mset(0, 1);
            out.push_back({describe(*leaf), mset.empty() ? 0.0 : mset.begin().get_weight()});
        }
        return out;
    }

    /// The query with each unknown or rare word replaced by a frequent close word, or "".
    std::string suggest(std::string_view text, const QueryNode& node) const {
        std::vector<std::pair<ByteRange, std::string>> edits;
        std::vector<const QueryNode*> stack{&node};
        while (!stack.empty()) {
            const QueryNode* n = stack.back();
            stack.pop_back();
            for (const auto& c : n->children)
                stack.push_back(&c);
            if (n->kind != QueryNode::Kind::Word && n->kind != QueryNode::Kind::Phrase &&
                n->kind != QueryNode::Kind::Near)
                continue;
            for (const Token& t : n->tokens) {
                const Xapian::doccount tf = db.get_termfreq(t.term);
                if (tf >= 5) continue;
                const std::string better = db.get_spelling_suggestion(t.term, 2);
                if (better.empty() || better == t.term) continue;
                // A word that occurs is only replaced by a far more frequent one.
                if (db.get_termfreq(better) < std::max<Xapian::doccount>(1, 20 * tf)) continue;
                edits.push_back({{t.begin, t.end}, better});
            }
        }
        if (edits.empty()) return {};
        std::sort(edits.begin(), edits.end(),
                  [](const auto& a, const auto& b) { return a.first.begin > b.first.begin; });
        std::string out(text);
        for (const auto& [range, word] : edits)
            out.replace(range.begin, range.end - range.begin, word);
        return out;
    }

    SearchResults search(std::string_view text, const SearchOptions& options) {
        const auto started = std::chrono::steady_clock::now();
        const QueryNode node = parse(text, options.plain);
        const Xapian::Query query = internal::to_xapian(node, analyzer, info.languages);
        Xapian::Enquire enquire = enquire_for(query, options);
        if (!options.passages) enquire.set_collapse_key(schema::SLOT_DOC_ID);
        const auto limit = static_cast<Xapian::doccount>(options.limit);
        const auto offset = static_cast<Xapian::doccount>(options.offset);
        const Xapian::MSet mset = enquire.get_mset(offset, limit);

        SearchResults results;
        results.total_estimate = mset.get_matches_estimated();
        const auto leaves = positive_leaves(node);
        const auto weights = leaf_weights(leaves);
        std::uint32_t rank = static_cast<std::uint32_t>(offset);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const Xapian::Document doc = it.get_document();
            Hit hit;
            hit.rank = ++rank;
            hit.score = it.get_weight();
            hit.id = doc.get_value(schema::SLOT_DOC_ID);
            hit.path = doc.get_value(schema::SLOT_PATH);
            hit.title = doc.get_value(schema::SLOT_TITLE);
            hit.passage = passage_of(doc);
            hit.matching_passages = 1 + it.get_collapse_count();
            if (options.snippets) {
                hit.snippet = snippet_of(doc, node, weights, options);
                if (options.passages) {
                    hit.fragments.push_back({hit.passage, std::nullopt, hit.snippet});
                } else if (options.fragments > 0) {
                    add_fragments(hit, query, node, weights, options);
                }
            }
            if (options.explain) hit.explanation = explain(hit, leaves, options);
            results.hits.push_back(std::move(hit));
        }
        if (options.suggest) results.suggestion = suggest(text, node);
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
    return xapian_call(impl_->where, [&] {
        // A writer that commits twice while a search reads makes the revision it read
        // disappear: Xapian says so with DatabaseModifiedError. Reopening moves to the latest
        // commit, and searching again then sees it as a whole.
        constexpr int ATTEMPTS = 5;
        for (int attempt = 1;; ++attempt) {
            try {
                return impl_->search(query, options);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == ATTEMPTS) throw;
                impl_->db.reopen();
            }
        }
    });
}

void Searcher::reopen() {
    xapian_call(impl_->where, [&] { impl_->db.reopen(); });
}

std::size_t Searcher::passage_count() const {
    return xapian_call(impl_->where, [&] { return std::size_t{impl_->db.get_doccount()}; });
}

}  // namespace steppe
