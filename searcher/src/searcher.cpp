#include "steppe/searcher/searcher.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

#include "query_xapian.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/internal/shards.hpp"
#include "steppe/internal/xapian_util.hpp"
#include "steppe/searcher/highlight.hpp"
#include "steppe/searcher/query.hpp"

namespace steppe {

using internal::xapian_call;

namespace {

/// Accepts a passage only where its text holds each of the phrases and NEAR groups given
/// (internal::slot_checked()) as the highlighter finds them: in English passages the index
/// knows a stopword's place (the slot) and that the passage has the stopword, not that the
/// stopword is the one in that place. The first passage of a document is also checked against
/// the title, which the indexer writes before its text when the text does not start with it.
class SlotCheck : public Xapian::MatchDecider {
public:
    SlotCheck(std::vector<const QueryNode*> groups, Analyzer& analyzer)
        : groups_(std::move(groups)), analyzer_(analyzer) {}

    bool operator()(const Xapian::Document& doc) const override {
        analyzer_.tokenize(doc.get_data(), tokens_);
        std::vector<Token> title;
        bool title_read = false;
        for (const QueryNode* group : groups_) {
            if (!find_matches(*group, tokens_, "", analyzer_).empty()) continue;
            if (!title_read) {
                title_read = true;
                if (Xapian::sortable_unserialise(doc.get_value(schema::SLOT_PASSAGE)) == 0)
                    analyzer_.tokenize(doc.get_value(schema::SLOT_TITLE), title);
            }
            if (title.empty() || find_matches(*group, title, "", analyzer_).empty()) return false;
        }
        return true;
    }

private:
    std::vector<const QueryNode*> groups_;
    Analyzer& analyzer_;
    mutable std::vector<Token> tokens_;
};

}  // namespace

struct Searcher::Impl {
    std::filesystem::path dir;  ///< As given, to open again when the index is replaced.
    OpenOptions open_options;
    bool stub = false;  ///< Opened as a sharded index.
    std::string where;
    Xapian::Database db;
    internal::IndexInfo info;
    Analyzer analyzer;
    std::vector<Token> scratch;
    std::vector<std::string> missing_shards;
    std::vector<std::string> remote_shards;
    std::size_t shards = 1;  ///< Databases searched together (those of a stub that opened).

    Impl(const std::filesystem::path& dir_, const OpenOptions& open)
        : dir(dir_), open_options(open), where(dir_.string()) {
        std::error_code ec;
        if (!std::filesystem::exists(dir, ec))
            throw IndexError(where + ": no index here (build one with 'steppe index')");
        if (const auto stub_path = internal::stub_file(dir)) {
            stub = true;
            open_shards(*stub_path, open);
        } else {
            try {
                db = Xapian::Database(where);
            } catch (const Xapian::DatabaseOpeningError& e) {
                throw IndexError(where + ": cannot open the index: " + e.get_description());
            } catch (const Xapian::DatabaseError& e) {
                throw IndexError(where + ": cannot open the index: " + e.get_description() +
                                 std::string(internal::DAMAGED_HINT));
            } catch (const Xapian::Error& e) {
                throw IndexError(where + ": cannot open the index: " + e.get_description());
            }
            info = xapian_call(where, [&] { return internal::read_index_info(db, where); });
        }
        analyzer = Analyzer(info.analyzer);
    }

    static Xapian::Database open_shard(const internal::ShardSpec& spec) {
        using Kind = internal::ShardSpec::Kind;
        switch (spec.kind) {
            case Kind::Tcp:
                return Xapian::Remote::open(spec.host, spec.port, 10000, 5000);
            case Kind::Program:
                return Xapian::Remote::open(spec.program, spec.args);
            case Kind::Local:
                break;
        }
        return Xapian::Database(spec.path.string());
    }

    /// Opens the shards of the stub one by one (rather than letting Xapian open the stub), so
    /// that a shard that is down is named, and left out with allow_partial; checks that every
    /// shard has the same schema version and analyser. Xapian 1.4's get_metadata() on a
    /// combined database reads the first shard only, hence the check of each.
    void open_shards(const std::filesystem::path& stub, const OpenOptions& open) {
        where = stub.string();
        const auto specs = internal::read_stub(stub);
        bool first = true;
        for (const auto& spec : specs) {
            const std::string name = where + ": shard '" + spec.line + "'";
            Xapian::Database shard;
            try {
                shard = open_shard(spec);
            } catch (const Xapian::Error& e) {
                if (!open.allow_partial) {
                    // A new index still being written in parts: the way out of a part that does
                    // not open (a machine that stopped mid-build can leave one torn) is to
                    // finish the build. (The stub is read again only on this error path.)
                    const char* way_out =
                        internal::is_parts_stub(stub)
                            ? " (this is a new index still being written in parts: run 'steppe "
                              "index' on it again to finish it, which builds it again if the "
                              "machine restarted since; or search with --allow-partial to leave "
                              "the part out)"
                            : " (search with --allow-partial to leave it out)";
                    throw IndexError(name + " cannot be opened: " + e.get_description() + way_out);
                }
                missing_shards.push_back(spec.line);
                continue;
            }
            const auto shard_info =
                xapian_call(name, [&] { return internal::read_index_info(shard, name); });
            if (first) {
                info = shard_info;
                first = false;
            } else {
                if (!(shard_info.analyzer == info.analyzer))
                    throw IndexError(name +
                                     " has other analyser settings than the shards "
                                     "before it; rebuild the shards alike");
                for (const auto& lang : shard_info.languages)
                    if (std::find(info.languages.begin(), info.languages.end(), lang) ==
                        info.languages.end())
                        info.languages.push_back(lang);
            }
            if (spec.kind != internal::ShardSpec::Kind::Local) remote_shards.push_back(spec.line);
            db.add_database(shard);
        }
        shards = specs.size() - missing_shards.size();
        if (first) throw IndexError(where + ": none of the shards could be opened");
        std::sort(info.languages.begin(), info.languages.end());
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

    /// The idf of @p term. The term frequency comes from @p mset: the match already looked up
    /// every query term's (the database is asked only for a term the query does not hold).
    [[nodiscard]] double idf(const std::string& term, const Xapian::MSet& mset) const {
        const double n = std::max<double>(1.0, db.get_doccount());
        const double tf = std::max<double>(1.0, mset.get_termfreq(term));
        return std::log(1.0 + n / tf);
    }

    /// Snippet-selection weight of each positive leaf: idf of its words (summed for phrases
    /// and NEAR groups, which are rarer than any of their words).
    std::vector<double> leaf_weights(const std::vector<const QueryNode*>& leaves,
                                     const Xapian::MSet& mset) const {
        std::vector<double> weights;
        for (const QueryNode* leaf : leaves) {
            double w = 0;
            for (const auto& t : leaf->tokens)
                w += idf(t.term, mset);
            weights.push_back(leaf->tokens.empty() ? 1.0 : w);
        }
        return weights;
    }

    static std::uint32_t passage_of(const std::string& value) {
        return static_cast<std::uint32_t>(Xapian::sortable_unserialise(value));
    }
    static std::uint32_t passage_of(const Xapian::Document& doc) {
        return passage_of(doc.get_value(schema::SLOT_PASSAGE));
    }

    /// The page of a paged source (PDF) where the passage starts.
    static std::optional<std::uint32_t> page_of(const std::string& value) {
        if (value.empty()) return std::nullopt;
        return static_cast<std::uint32_t>(Xapian::sortable_unserialise(value));
    }
    static std::optional<std::uint32_t> page_of(const Xapian::Document& doc) {
        return page_of(doc.get_value(schema::SLOT_PAGE));
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

    /// Each hit's matching passages: their count, and the best `options.fragments` of them as
    /// fragments in document order. One match serves every hit: the query filtered to the
    /// hits' documents (their `XD` terms), without a collapse, all its passages ranked (their
    /// number is bounded by the documents' passage counts). A match per hit cost its setup
    /// (postlists, statistics) once per hit, most of the time of a page of hits.
    void add_fragments(std::vector<Hit>& hits, const Xapian::Query& query, const QueryNode& node,
                       const std::vector<double>& weights, const SearchOptions& options,
                       const Xapian::MatchDecider* check) {
        if (hits.empty() || options.fragments == 0) return;
        std::vector<Xapian::Query> documents;
        std::unordered_map<std::string_view, std::size_t> hit_of;
        Xapian::doccount passages = 0;
        for (std::size_t i = 0; i < hits.size(); ++i) {
            const std::string term = internal::doc_id_term(hits[i].id);
            passages += db.get_termfreq(term);
            documents.emplace_back(term);
            hit_of.emplace(hits[i].id, i);
        }
        Xapian::Enquire enquire = enquire_for(
            Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, documents.begin(), documents.end())),
            options);
        const Xapian::MSet mset = enquire.get_mset(0, std::max<Xapian::doccount>(1, passages),
                                                   db.get_doccount(), nullptr, check);
        std::vector<Xapian::docid> docids;
        for (auto it = mset.begin(); it != mset.end(); ++it)
            docids.push_back(*it);
        std::vector<Hit> ids(docids.size());
        read_values(docids, ids, false, false);
        // Each hit's passages come in rank order: its first K are its best.
        std::vector<std::size_t> matching(hits.size(), 0);
        std::vector<std::vector<std::pair<std::uint32_t, Xapian::Document>>> best(hits.size());
        std::size_t i = 0;
        for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
            const auto h = hit_of.find(ids[i].id);
            if (h == hit_of.end()) continue;
            ++matching[h->second];
            if (best[h->second].size() < options.fragments) {
                const Xapian::Document doc = it.get_document();
                best[h->second].emplace_back(passage_of(doc), doc);
            }
        }
        for (std::size_t k = 0; k < hits.size(); ++k) {
            Hit& hit = hits[k];
            hit.matching_passages = std::max<std::size_t>(1, matching[k]);
            std::sort(best[k].begin(), best[k].end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            for (const auto& [number, doc] : best[k]) {
                Fragment f;
                f.passage = number;
                f.page = page_of(doc);
                f.snippet =
                    number == hit.passage ? hit.snippet : snippet_of(doc, node, weights, options);
                hit.fragments.push_back(std::move(f));
            }
        }
    }

    /// Each positive leaf's share of the passage's score: the leaf alone, restricted to the
    /// passage, weighed with the same BM25 (Xapian sums the weights of OR, AND, AND_MAYBE and
    /// a phrase's terms, so the shares add up to the score).
    std::vector<TermScore> explain(const Hit& hit, const QueryNode& node,
                                   const std::vector<const QueryNode*>& leaves,
                                   const SearchOptions& options) {
        const Xapian::Query passage(internal::bounded_term(
            schema::PREFIX_PASSAGE_ID, hit.id + "#" + std::to_string(hit.passage)));
        const internal::XapianQueryOptions xo = query_options(options);
        const auto weak = xo.stopword_weight < 1 ? internal::weak_stopwords(node)
                                                 : std::vector<const QueryNode*>{};
        std::vector<TermScore> out;
        for (const QueryNode* leaf : leaves) {
            const Xapian::Query alone = internal::to_xapian(*leaf, analyzer, info.languages, xo);
            // A weak stopword counts for its share of the text only (no title).
            const Xapian::Query share =
                std::find(weak.begin(), weak.end(), leaf) == weak.end()
                    ? with_title(alone, *leaf, options)
                    : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, alone, xo.stopword_weight);
            Xapian::Enquire enquire =
                enquire_for(Xapian::Query(Xapian::Query::OP_FILTER, share, passage), options);
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

    static bool has_wildcard(const QueryNode& node) {
        if (node.kind == QueryNode::Kind::Wildcard) return true;
        return std::any_of(node.children.begin(), node.children.end(),
                           [](const QueryNode& c) { return has_wildcard(c); });
    }

    /// Fills each hit's id (unless @p have_ids) and, with @p details, its path, title, passage
    /// and page from the values of its passage @p docids, one slot at a time in docid order. Glass
    /// keeps each slot's values in chunks of consecutive docids; a value stream
    /// (Database::valuestream_begin) reads each chunk it passes once and decodes it forward, where
    /// Document::get_value looks the chunk up, copies it and decodes it from its start for every
    /// single value (that was most of a top-100 ranking's time after the matcher).
    void read_values(const std::vector<Xapian::docid>& docids, std::vector<Hit>& hits,
                     bool have_ids, bool details) const {
        std::vector<std::size_t> order(docids.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return docids[a] < docids[b]; });
        if (!remote_shards.empty()) {
            // Xapian 1.4's remote backend has no value streams (its fallback walks docid by
            // docid over the network): read each hit's document there.
            read_values_by_document(docids, order, hits, have_ids, details);
            return;
        }
        // Every hit gets a value, "" where its passage has none (as Document::get_value).
        auto each = [&](Xapian::valueno slot, auto&& fill) {
            Xapian::ValueIterator it = db.valuestream_begin(slot);
            const Xapian::ValueIterator end = db.valuestream_end(slot);
            const std::string none;
            for (const std::size_t i : order) {
                if (it != end) it.skip_to(docids[i]);
                if (it != end && it.get_docid() == docids[i]) {
                    fill(hits[i], *it);
                } else {
                    fill(hits[i], none);
                }
            }
        };
        if (!have_ids) each(schema::SLOT_DOC_ID, [](Hit& h, const std::string& v) { h.id = v; });
        if (!details) return;
        each(schema::SLOT_PASSAGE, [](Hit& h, const std::string& v) { h.passage = passage_of(v); });
        each(schema::SLOT_PATH, [](Hit& h, const std::string& v) { h.path = v; });
        each(schema::SLOT_TITLE, [](Hit& h, const std::string& v) { h.title = v; });
        each(schema::SLOT_PAGE, [](Hit& h, const std::string& v) { h.page = page_of(v); });
    }

    /// read_values() through each hit's document (in docid order), for remote shards.
    void read_values_by_document(const std::vector<Xapian::docid>& docids,
                                 const std::vector<std::size_t>& order, std::vector<Hit>& hits,
                                 bool have_ids, bool details) const {
        std::vector<Xapian::Document> docs;
        docs.reserve(order.size());
        for (const std::size_t i : order)
            docs.push_back(db.get_document(docids[i], Xapian::DOC_ASSUME_VALID));
        auto each = [&](auto&& fill) {
            for (std::size_t k = 0; k < order.size(); ++k)
                fill(hits[order[k]], docs[k]);
        };
        if (!have_ids)
            each(
                [](Hit& h, const Xapian::Document& d) { h.id = d.get_value(schema::SLOT_DOC_ID); });
        if (!details) return;
        each([](Hit& h, const Xapian::Document& d) { h.passage = passage_of(d); });
        each([](Hit& h, const Xapian::Document& d) { h.path = d.get_value(schema::SLOT_PATH); });
        each([](Hit& h, const Xapian::Document& d) { h.title = d.get_value(schema::SLOT_TITLE); });
        each([](Hit& h, const Xapian::Document& d) { h.page = page_of(d); });
    }

    /// SearchOptions::exact_weight, its automatic default resolved for this index.
    [[nodiscard]] double exact_weight(const SearchOptions& options) const {
        if (options.exact_weight >= 0) return options.exact_weight;
        const auto stemmed =
            std::count_if(info.languages.begin(), info.languages.end(),
                          [](const std::string& l) { return Analyzer::has_stemmer(l); });
        return stemmed > 1 ? 1.0 : 0.25;
    }

    /// SearchOptions::stopword_weight for this index: English stopwords weigh less only in an
    /// index that holds English passages (elsewhere the same letters may be a word that
    /// matters, and a language without English text gains nothing from the English list).
    [[nodiscard]] double stopword_weight(const SearchOptions& options) const {
        return english() ? options.stopword_weight : 1.0;
    }

    /// Whether the index holds English passages (whose stopwords have slots, schema 4).
    [[nodiscard]] bool english() const {
        return std::find(info.languages.begin(), info.languages.end(), "en") !=
               info.languages.end();
    }

    [[nodiscard]] internal::XapianQueryOptions query_options(const SearchOptions& options) const {
        internal::XapianQueryOptions xo;
        xo.exact_weight = exact_weight(options);
        xo.stopword_weight = stopword_weight(options);
        xo.several_databases = shards > 1;
        xo.stopword_slots = english();
        xo.other_languages = std::any_of(info.languages.begin(), info.languages.end(),
                                         [](const std::string& l) { return l != "en"; });
        return xo;
    }

    /// The check of @p node's phrases with stopwords in the passages' text (SlotCheck), or
    /// none when it has none or the index has no stopword slots. Xapian 1.4's remote backend
    /// takes no MatchDecider: over remote shards such a phrase's stopwords are matched by
    /// their place and presence only, and @p notes says so.
    std::unique_ptr<SlotCheck> slot_check(const QueryNode& node, std::vector<std::string>& notes) {
        if (!english()) return nullptr;
        auto groups = internal::slot_checked(node);
        if (groups.empty()) return nullptr;
        if (!remote_shards.empty()) {
            notes.push_back(
                "phrases with stopwords are approximate over remote shards: there a stopword "
                "in a phrase matches any stopword in its place, if the passage has it");
            return nullptr;
        }
        return std::make_unique<SlotCheck>(std::move(groups), analyzer);
    }

    /// @p query with the title field's share of the score for the words of @p node (the weak
    /// stopwords left out): every matching passage of a document whose title has a query word
    /// gains, and what matches is unchanged (internal::maybe()).
    Xapian::Query with_title(const Xapian::Query& query, const QueryNode& node,
                             const SearchOptions& options) {
        return internal::maybe(
            query,
            internal::title_boost(node, analyzer, info.languages, options.title_weight,
                                  stopword_weight(options) < 1),
            shards > 1);
    }

    /// @p query OR the expansion stems of its best SearchOptions::feedback_docs documents
    /// (their best passages), weighed SearchOptions::feedback_weight.
    Xapian::Query expanded(const Xapian::Query& query, const SearchOptions& options,
                           const Xapian::MatchDecider* check) const {
        Xapian::Enquire first = enquire_for(query, options);
        first.set_collapse_key(schema::SLOT_DOC_ID);
        const Xapian::MSet top = first.get_mset(
            0, static_cast<Xapian::doccount>(options.feedback_docs), 0, nullptr, check);
        if (top.empty()) return query;
        Xapian::RSet rset;
        for (auto it = top.begin(); it != top.end(); ++it)
            rset.add_document(*it);
        // Stems only: boolean terms (ids, paths, titles) and exact forms are no expansion.
        const Xapian::ExpandDeciderFilterPrefix stems{std::string(schema::PREFIX_STEM)};
        const Xapian::ESet eset =
            first.get_eset(static_cast<Xapian::termcount>(options.feedback_terms), rset, &stems);
        if (eset.empty()) return query;
        std::vector<Xapian::Query> terms;
        for (auto it = eset.begin(); it != eset.end(); ++it)
            terms.emplace_back(*it);
        return {Xapian::Query::OP_OR, query,
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                              Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                              options.feedback_weight)};
    }

    SearchResults search(std::string_view text, const SearchOptions& options) {
        const auto started = std::chrono::steady_clock::now();
        const QueryNode node = parse(text, options.plain);
        const Xapian::Query query =
            with_title(internal::to_xapian(node, analyzer, info.languages, query_options(options)),
                       node, options);
        SearchResults results;
        // Also on the expanded query: feedback reorders the passages that hold the query's
        // required phrases and adds none that lack them.
        const auto check = slot_check(node, results.notes);
        const Xapian::Query ranked =
            options.feedback_docs > 0 ? expanded(query, options, check.get()) : query;
        Xapian::Enquire enquire = enquire_for(ranked, options);
        if (!options.passages) enquire.set_collapse_key(schema::SLOT_DOC_ID);
        const auto limit = static_cast<Xapian::doccount>(options.limit);
        const auto offset = static_cast<Xapian::doccount>(options.offset);
        const Xapian::MSet mset = enquire.get_mset(offset, limit, 0, nullptr, check.get());

        results.total_estimate = mset.get_matches_estimated();
        // Leaves and their idf weights serve snippets and explanations only.
        const bool per_leaf = options.snippets || options.explain;
        const auto leaves = per_leaf ? positive_leaves(node) : std::vector<const QueryNode*>{};
        const auto weights = options.snippets ? leaf_weights(leaves, mset) : std::vector<double>{};
        std::uint32_t rank = static_cast<std::uint32_t>(offset);
        std::vector<Xapian::docid> docids;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Hit hit;
            hit.rank = ++rank;
            hit.score = it.get_weight();
            // The collapse key is the document id, already read by the matcher.
            if (!options.passages) hit.id = it.get_collapse_key();
            hit.matching_passages = 1 + it.get_collapse_count();
            docids.push_back(*it);
            results.hits.push_back(std::move(hit));
        }
        // Snippets and explanations need the best passage's number, hence its values.
        const bool details = options.details || options.snippets || options.explain;
        if (details || options.passages)
            read_values(docids, results.hits, !options.passages, details);
        for (std::size_t i = 0; i < results.hits.size(); ++i) {
            Hit& hit = results.hits[i];
            if (options.snippets) {
                const Xapian::Document doc = db.get_document(docids[i], Xapian::DOC_ASSUME_VALID);
                hit.snippet = snippet_of(doc, node, weights, options);
                if (options.passages) hit.fragments.push_back({hit.passage, hit.page, hit.snippet});
            }
            if (options.explain) hit.explanation = explain(hit, node, leaves, options);
        }
        if (options.snippets && !options.passages)
            add_fragments(results.hits, query, node, weights, options, check.get());
        results.missing_shards = missing_shards;
        if (shards > 1 && has_wildcard(node)) {
            // Xapian 1.4 expands a wildcard in each shard and weighs it as a synonym whose
            // frequency it estimates per shard, so its scores are not those of one index.
            results.notes.push_back(
                "wildcard scores are approximate over shards: Xapian 1.4 expands and weighs a "
                "wildcard in each shard separately");
        }
        if (options.suggest && remote_shards.empty()) {
            results.suggestion = suggest(text, node);
        } else if (options.suggest) {
            // Xapian 1.4's remote protocol has no spelling calls: a remote shard answers every
            // spelling request with nothing, so suggestions would silently miss its words.
            results.notes.push_back(
                "no did-you-mean: Xapian 1.4's remote backend serves no spelling data (remote "
                "shards: " +
                remote_shards.front() + (remote_shards.size() > 1 ? ", ..." : "") + ")");
        }
        results.elapsed_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        return results;
    }
};

Searcher::Searcher(const std::filesystem::path& index_dir, const OpenOptions& open)
    : impl_(std::make_unique<Impl>(index_dir, open)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(std::string_view query, const SearchOptions& options) {
    // A copy: opening the index again (open_again()) replaces impl_, and its `where` with it.
    const std::string where = impl_->where;
    return xapian_call(where, [&] {
        // A writer that commits twice while a search reads makes the revision it read
        // disappear: Xapian says so with DatabaseModifiedError. Reopening moves to the latest
        // commit, and searching again then sees it as a whole.
        constexpr int ATTEMPTS = 5;
        for (int attempt = 1;; ++attempt) {
            try {
                return impl_->search(query, options);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == ATTEMPTS) throw;
                refresh();
            } catch (const Xapian::DatabaseOpeningError&) {
                // The folders it had open were replaced (the merge of a new index's parts, a
                // compaction) and removed: the index in their place is opened instead.
                if (attempt == ATTEMPTS) throw;
                open_again();
            }
        }
    });
}

void Searcher::reopen() {
    const std::string where = impl_->where;  // refresh() may replace impl_
    xapian_call(where, [&] { refresh(); });
}

void Searcher::refresh() {
    // A new index written in parts becomes one database when its build ends: a Searcher
    // opened on the parts opens the merged index, and one opened on a database that a
    // compaction or merge replaced opens the one now there.
    if (internal::stub_file(impl_->dir).has_value() != impl_->stub) {
        open_again();
        return;
    }
    try {
        impl_->db.reopen();
    } catch (const Xapian::DatabaseOpeningError&) {
        open_again();
    }
}

void Searcher::open_again() {
    impl_ = std::make_unique<Impl>(impl_->dir, impl_->open_options);
}

std::size_t Searcher::passage_count() const {
    return xapian_call(impl_->where, [&] { return std::size_t{impl_->db.get_doccount()}; });
}

}  // namespace steppe
