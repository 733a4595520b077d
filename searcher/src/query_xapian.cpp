#include "query_xapian.hpp"

#include <algorithm>
#include <set>

#include "steppe/common/schema.hpp"
#include "steppe/internal/stopwords.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe::internal {

namespace {

using Kind = QueryNode::Kind;

Xapian::Query join(Xapian::Query::op op, const QueryNode& node, Analyzer& analyzer,
                   const std::vector<std::string>& languages, const XapianQueryOptions& options) {
    // What is excluded or filtered on keeps all its words: stopwords weigh less only where
    // they add to a score.
    XapianQueryOptions rest = options;
    if (op == Xapian::Query::OP_AND_NOT || op == Xapian::Query::OP_FILTER) rest.stopword_weight = 1;
    std::vector<Xapian::Query> parts;
    for (const auto& c : node.children)
        parts.push_back(to_xapian(c, analyzer, languages, parts.empty() ? options : rest));
    return {op, parts.begin(), parts.end()};
}

bool is_stopword(const QueryNode& node) {
    return node.kind == Kind::Word && is_english_stopword(node.tokens.at(0).term);
}

/// Whether @p node is an OR of three or more single words, some of them stopwords and some not.
bool has_weak_stopwords(const QueryNode& node) {
    if (node.kind != Kind::Or || node.children.size() < 3) return false;
    const auto& c = node.children;
    return std::all_of(c.begin(), c.end(),
                       [](const QueryNode& n) { return n.kind == Kind::Word; }) &&
           std::any_of(c.begin(), c.end(), is_stopword) &&
           !std::all_of(c.begin(), c.end(), is_stopword);
}

void weak_stopwords_to(const QueryNode& node, std::vector<const QueryNode*>& out) {
    if (has_weak_stopwords(node)) {
        for (const auto& c : node.children)
            if (is_stopword(c)) out.push_back(&c);
        return;
    }
    if (node.kind == Kind::AndNot || node.kind == Kind::Filter) {
        if (!node.children.empty()) weak_stopwords_to(node.children[0], out);
        return;
    }
    for (const auto& c : node.children)
        weak_stopwords_to(c, out);
}

bool has_english_stopword(const QueryNode& node) {
    return std::any_of(node.tokens.begin(), node.tokens.end(),
                       [](const Token& t) { return is_english_stopword(t.term); });
}

void slot_checked_to(const QueryNode& node, std::vector<const QueryNode*>& out) {
    switch (node.kind) {
        case Kind::Phrase:
        case Kind::Near:
            if (node.tokens.size() > 1 && has_english_stopword(node)) out.push_back(&node);
            return;
        case Kind::And:
        case Kind::Filter:
            for (const auto& c : node.children)
                slot_checked_to(c, out);
            return;
        case Kind::AndNot:
        case Kind::AndMaybe:
            if (!node.children.empty()) slot_checked_to(node.children[0], out);
            return;
        case Kind::Or:
            if (node.children.size() == 1) slot_checked_to(node.children[0], out);
            return;
        default:
            return;
    }
}

/// A phrase or NEAR group as English passages of a schema 4 index can match it: each
/// stopword's place is the stopword slot (a phrase) or left open (NEAR), and the stopword
/// itself must be in the passage. The weight is the same sum of the words' weights as the
/// plain phrase's (the slot has wdf 0, hence no weight).
Xapian::Query with_slots(const QueryNode& node) {
    const bool phrase = node.kind == Kind::Phrase;
    std::vector<Xapian::Query> placed, present;
    for (const auto& t : node.tokens) {
        if (!is_english_stopword(t.term)) {
            placed.emplace_back(t.term);
        } else {
            if (phrase) placed.emplace_back(std::string(schema::STOPWORD_SLOT));
            present.emplace_back(t.term);
        }
    }
    std::vector<Xapian::Query> parts;
    if (placed.size() > 1) {
        parts.emplace_back(phrase ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR,
                           placed.begin(), placed.end(),
                           static_cast<Xapian::termcount>(phrase ? placed.size() : node.window));
    } else if (placed.size() == 1) {
        parts.push_back(placed[0]);
    }
    parts.insert(parts.end(), present.begin(), present.end());
    return {Xapian::Query::OP_AND, parts.begin(), parts.end()};
}

}  // namespace

std::vector<const QueryNode*> slot_checked(const QueryNode& node) {
    std::vector<const QueryNode*> out;
    slot_checked_to(node, out);
    return out;
}

Xapian::Query maybe(const Xapian::Query& query, const Xapian::Query& extra,
                    bool several_databases) {
    if (extra.empty() || query.empty()) return query;
    if (!several_databases) return {Xapian::Query::OP_AND_MAYBE, query, extra};
    return {Xapian::Query::OP_OR, query, Xapian::Query(Xapian::Query::OP_FILTER, extra, query)};
}

std::vector<const QueryNode*> weak_stopwords(const QueryNode& node) {
    std::vector<const QueryNode*> out;
    weak_stopwords_to(node, out);
    return out;
}

Xapian::Query to_xapian(const QueryNode& node, Analyzer& analyzer,
                        const std::vector<std::string>& languages,
                        const XapianQueryOptions& options) {
    const double exact_weight = options.exact_weight;
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
            std::set<std::string> stems;
            // English passages have no stem term for a stopword (schema.hpp): there its exact
            // form stands in for the stem, so the word weighs as much as it did with one.
            bool english_stopword = false;
            for (const auto& lang : languages) {
                if (!Analyzer::has_stemmer(lang)) continue;
                if (lang == "en" && is_english_stopword(t.term)) {
                    english_stopword = true;
                    continue;
                }
                // append(), not operator+: g++ 12 gives a false -Wrestrict on the latter.
                std::string stem(schema::PREFIX_STEM);
                stems.insert(stem.append(analyzer.stem(t, lang)));
            }
            std::vector<Xapian::Query> forms;
            if (english_stopword && languages.size() == 1) {
                forms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.term),
                                   1.0 + exact_weight);
            } else {
                forms.push_back(scaled(Xapian::Query(t.term)));
                // Other languages' passages have stems: only English ones get the stand-in.
                if (english_stopword)
                    forms.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(t.term),
                                       Xapian::Query(std::string(schema::PREFIX_LANGUAGE) + "en"));
            }
            // Typed with diacritics that the index folds: the same diacritics rank first.
            if (!t.base.empty() && t.base != t.term) {
                std::string accented(schema::PREFIX_ACCENTED);
                forms.emplace_back(scaled(Xapian::Query(accented.append(t.base))));
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
            const Xapian::Query plain(
                phrase ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR, terms.begin(),
                terms.end(), static_cast<Xapian::termcount>(phrase ? terms.size() : node.window));
            if (!options.stopword_slots || !has_english_stopword(node)) return plain;
            // English passages: their stopwords' positions are on the slot term.
            if (!options.other_languages) return with_slots(node);
            // The plain phrase for the other passages only: Xapian 1.4 lets a phrase match
            // where one of its terms has no positions (an English passage's stopword), which
            // would count the phrase twice there.
            return {Xapian::Query::OP_OR,
                    Xapian::Query(Xapian::Query::OP_AND_NOT, plain,
                                  Xapian::Query(std::string(schema::PREFIX_LANGUAGE) + "en")),
                    with_slots(node)};
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
            return join(Xapian::Query::OP_AND, node, analyzer, languages, options);
        case Kind::Or: {
            if (options.stopword_weight >= 1 || !has_weak_stopwords(node))
                return join(Xapian::Query::OP_OR, node, analyzer, languages, options);
            // Stopwords in a list of words ("what is the flutter of wings") say little about
            // what is sought: they only add, weighed less, to passages that match another word.
            std::vector<Xapian::Query> words, stopwords;
            for (const auto& c : node.children)
                (is_stopword(c) ? stopwords : words)
                    .push_back(to_xapian(c, analyzer, languages, options));
            const Xapian::Query text(Xapian::Query::OP_OR, words.begin(), words.end());
            if (options.stopword_weight <= 0) return text;
            return maybe(text,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                       Xapian::Query(Xapian::Query::OP_OR, stopwords.begin(),
                                                     stopwords.end()),
                                       options.stopword_weight),
                         options.several_databases);
        }
        case Kind::AndNot:
            return join(Xapian::Query::OP_AND_NOT, node, analyzer, languages, options);
        case Kind::AndMaybe: {
            // `+must optional`: written through maybe(), which avoids Xapian 1.4.22's
            // AND_MAYBE over several databases (it lost matching passages there).
            if (node.children.empty()) return {};
            Xapian::Query query = to_xapian(node.children[0], analyzer, languages, options);
            for (std::size_t i = 1; i < node.children.size(); ++i)
                query = maybe(query, to_xapian(node.children[i], analyzer, languages, options),
                              options.several_databases);
            return query;
        }
        case Kind::Filter:
            return join(Xapian::Query::OP_FILTER, node, analyzer, languages, options);
    }
    return {};
}

Xapian::Query title_boost(const QueryNode& node, Analyzer& analyzer,
                          const std::vector<std::string>& languages, double weight,
                          bool skip_weak_stopwords) {
    if (weight <= 0) return {};
    const auto weak = skip_weak_stopwords ? weak_stopwords(node) : std::vector<const QueryNode*>{};
    // One part per word, as in the body, where a word typed twice also counts twice.
    std::vector<Xapian::Query> words;
    for (const QueryNode* leaf : positive_leaves(node)) {
        if (leaf->kind != Kind::Word) continue;
        if (std::find(weak.begin(), weak.end(), leaf) != weak.end()) continue;
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
