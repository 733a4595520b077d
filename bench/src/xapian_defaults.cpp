#include "xapian_defaults.hpp"

#include <chrono>
#include <string>

#include <xapian.h>

#include "read_limited.hpp"
#include "steppe/internal/files.hpp"

namespace steppe::bench {
namespace {

constexpr Xapian::valueno SLOT_ID = 0;  ///< The record's id.
constexpr Xapian::doccount TOP_100 = 100;
constexpr Xapian::doccount SNIPPET_HITS = 10;

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

/// QueryParser as an application sets it up: English stemming, the default flags. A query its
/// syntax refuses (a stray quote or bracket) is parsed again as plain words; one refused even
/// so is an empty query (counted as failed).
Xapian::Query parse(Xapian::QueryParser& parser, const std::string& text) {
    try {
        return parser.parse_query(text);
    } catch (const Xapian::QueryParserError&) {
    }
    try {
        return parser.parse_query(text, 0);
    } catch (const Xapian::QueryParserError&) {
        return {};
    }
}

}  // namespace

XapianDefaultsFacts xapian_defaults(const std::vector<SourceFile>& sources, std::size_t limit_docs,
                                    double max_mb, const std::filesystem::path& dir,
                                    const std::vector<Query>& queries, std::size_t depth,
                                    bool timed, std::size_t snippet_bytes) {
    // The same documents steppe indexes, read before the clock starts.
    std::vector<Document> docs;
    read_limited(
        sources, limit_docs, max_mb, [&](Document&& doc) { docs.push_back(std::move(doc)); },
        [](const std::string&) {});
    XapianDefaultsFacts facts;
    const auto started = std::chrono::steady_clock::now();
    {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator generator;
        generator.set_stemmer(Xapian::Stem("english"));
        generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        for (const auto& d : docs) {
            Xapian::Document doc;
            generator.set_document(doc);
            if (!d.title.empty()) {
                generator.index_text(d.title);
                generator.increase_termpos();
            }
            generator.index_text(d.text);
            doc.set_data(d.text);
            doc.add_value(SLOT_ID, d.id);
            db.add_document(doc);
            facts.bytes += d.title.size() + d.text.size();
        }
        db.commit();
    }
    facts.build_seconds = ms_since(started) / 1000.0;
    facts.documents = docs.size();
    facts.index_bytes = internal::folder_bytes(dir);
    docs.clear();
    docs.shrink_to_fit();

    Xapian::Database db(dir.string());
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_database(db);
    Xapian::Enquire enquire(db);
    const Xapian::Stem stemmer("english");
    std::vector<const Query*> runnable;
    for (const auto& q : queries) {
        const Xapian::Query query = parse(parser, q.text);
        auto& ranking = facts.run[q.id];
        if (query.empty()) {
            facts.failed.push_back(q.id);
            continue;
        }
        enquire.set_query(query);
        const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
        for (auto it = mset.begin(); it != mset.end(); ++it)
            ranking.push_back({it.get_document().get_value(SLOT_ID), it.get_weight()});
        runnable.push_back(&q);
    }
    if (!timed) return facts;
    for (const Query* q : runnable) {
        const auto t = std::chrono::steady_clock::now();
        enquire.set_query(parse(parser, q->text));
        // A ranked list of Xapian document ids, as steppe's ranking passes give document ids
        // without reading the hits.
        const Xapian::MSet mset = enquire.get_mset(0, TOP_100);
        facts.top100_ms.push_back(ms_since(t));
        facts.hits += mset.size();
    }
    for (const Query* q : runnable) {
        const auto t = std::chrono::steady_clock::now();
        enquire.set_query(parse(parser, q->text));
        const Xapian::MSet mset = enquire.get_mset(0, SNIPPET_HITS);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const Xapian::Document doc = it.get_document();
            facts.snippet_bytes += doc.get_value(SLOT_ID).size() +
                                   mset.snippet(doc.get_data(), snippet_bytes, stemmer).size();
        }
        facts.snippets_ms.push_back(ms_since(t));
    }
    return facts;
}

}  // namespace steppe::bench
