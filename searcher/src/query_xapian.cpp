#include "query_xapian.hpp"

#include <set>

#include "steppe/common/schema.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe::internal {

namespace {

using Kind = QueryNode::Kind;

Xapian::Query join(Xapian::Query::op op, const QueryNode& node, Analyzer& analyzer,
                   const std::vector<std::string>& languages, double exact_weight) {
    std::vector<Xapian::Query> parts;
    for (const auto& c : node.children)
        parts.push_back(to_xapian(c, analyzer, languages, exact_weight));
    return {op, parts.begin(), parts.end()};
}

}  // namespace

Xapian::Query to_xapian(const QueryNode& node, Analyzer& analyzer,
                        const std::vector<std::string>& languages, double exact_weight) {
    switch (node.kind) {
        case Kind::Empty:
            return {};
        case Kind::MatchAll:
            return Xapian::Query::MatchAll;
        case Kind::Word: {
            // The exact form and its stems: a passage with the very word the user typed
            // matches both and ranks above one that only shares the stem.
            // The exact forms are weighed by `exact_weight` on top of the stem (which every
            // passage with the exact form also has), so the word counts about once, not twice;
            // an exact form still matches alone where the passage has no stem (digits,
            // languages without a stemmer).
            const Token& t = node.tokens.at(0);
            auto scaled = [exact_weight](Xapian::Query q) {
                return exact_weight == 1.0
                           ? q
                           : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, exact_weight);
            };
            std::vector<Xapian::Query> forms{scaled(Xapian::Query(t.term))};
            // Typed with diacritics that the index folds: the same diacritics rank first.
            if (!t.base.empty() && t.base != t.term) {
                std::string accented(schema::PREFIX_ACCENTED);
                forms.emplace_back(scaled(Xapian::Query(accented.append(t.base))));
            }
            std::set<std::string> stems;
            for (const auto& lang : languages) {
                if (!Analyzer::has_stemmer(lang)) continue;
                // append(), not operator+: g++ 12 gives a false -Wrestrict on the latter.
                std::string stem(schema::PREFIX_STEM);
                stems.insert(stem.append(analyzer.stem(t, lang)));
            }
            for (const auto& s : stems)
                forms.emplace_back(s);
            return {Xapian::Query::OP_OR, forms.begin(), forms.end()};
        }
        case Kind::Phrase:
        case Kind::Near: {
            std::vector<Xapian::Query> terms;
            for (const auto& t : node.tokens)
                terms.emplace_back(t.term);
            if (terms.size() == 1) return terms[0];
            const bool phrase = node.kind == Kind::Phrase;
            return {phrase ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR, terms.begin(),
                    terms.end(),
                    static_cast<Xapian::termcount>(phrase ? terms.size() : node.window)};
        }
        case Kind::Wildcard:
            return {Xapian::Query::OP_WILDCARD, node.text, WILDCARD_EXPANSION,
                    Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT};
        case Kind::Field: {
            std::string term;
            if (node.field == "title") term = std::string(schema::PREFIX_TITLE) + node.text;
            if (node.field == "path") term = bounded_term(schema::PREFIX_PATH, node.text);
            if (node.field == "lang") term = std::string(schema::PREFIX_LANGUAGE) + node.text;
            if (node.field == "type") term = std::string(schema::PREFIX_TYPE) + node.text;
            // Filters never change a score, wherever they stand (`a OR title:b` included).
            return {Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), 0.0};
        }
        case Kind::Range: {
            auto ser = [](std::int64_t s) {
                return Xapian::sortable_serialise(static_cast<double>(s));
            };
            if (node.from && node.to)
                return {Xapian::Query::OP_VALUE_RANGE, schema::SLOT_MTIME, ser(*node.from),
                        ser(*node.to)};
            if (node.from) return {Xapian::Query::OP_VALUE_GE, schema::SLOT_MTIME, ser(*node.from)};
            return {Xapian::Query::OP_VALUE_LE, schema::SLOT_MTIME, ser(node.to.value_or(0))};
        }
        case Kind::And:
            return join(Xapian::Query::OP_AND, node, analyzer, languages, exact_weight);
        case Kind::Or:
            return join(Xapian::Query::OP_OR, node, analyzer, languages, exact_weight);
        case Kind::AndNot:
            return join(Xapian::Query::OP_AND_NOT, node, analyzer, languages, exact_weight);
        case Kind::AndMaybe:
            return join(Xapian::Query::OP_AND_MAYBE, node, analyzer, languages, exact_weight);
        case Kind::Filter:
            return join(Xapian::Query::OP_FILTER, node, analyzer, languages, exact_weight);
    }
    return {};
}

Xapian::Query title_boost(const QueryNode& node, Analyzer& analyzer,
                          const std::vector<std::string>& languages, double weight) {
    if (weight <= 0) return {};
    // One part per word, as in the body, where a word typed twice also counts twice.
    std::vector<Xapian::Query> words;
    for (const QueryNode* leaf : positive_leaves(node)) {
        if (leaf->kind != Kind::Word) continue;
        // As the indexer writes them, in each language of the index.
        std::set<std::string> terms;
        for (const auto& lang : languages)
            terms.insert(title_field_term(analyzer, leaf->tokens.at(0), lang));
        if (!terms.empty()) words.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    if (words.empty()) return {};
    return {Xapian::Query::OP_SCALE_WEIGHT,
            Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()), weight};
}

}  // namespace steppe::internal
