#pragma once
// Internal to the searcher: a parsed query as a Xapian::Query.

#include <string>
#include <vector>

#include <xapian.h>

#include "steppe/common/analyzer.hpp"
#include "steppe/searcher/query.hpp"

namespace steppe::internal {

/// How a parsed query becomes a Xapian query.
struct XapianQueryOptions {
    /// A word's exact forms weigh this much times their BM25 weight, added to the stem's (1:
    /// as much as the stem).
    double exact_weight = 1.0;
    /// The stopwords of a word list (weak_stopwords()) weigh this much times their BM25
    /// weight and only add to passages that match another word of the list; 1 (or more):
    /// they are words like any other.
    double stopword_weight = 1.0;
    /// The query runs over several databases (shards): adding to a score is written
    /// without AND_MAYBE (see maybe()).
    bool several_databases = false;
    /// The index writes the positions of English stopwords in English passages on the
    /// stopword slot term (schema.hpp, STOPWORD_SLOT): a phrase or NEAR group with such a
    /// stopword asks for the slot at its place (NEAR: for the other words within the window)
    /// and for the stopword anywhere in the passage. Which stopword fills a slot only the
    /// passage's text says: see slot_checked().
    bool stopword_slots = false;
    /// With stopword_slots: the index also holds passages in other languages, whose stopwords
    /// keep their positions, so the plain phrase is asked for too.
    bool other_languages = false;
};

/// @p query, with @p extra adding to the score of the passages that match @p query, without
/// changing which passages match. One database: `query AND_MAYBE extra`. Over several
/// databases Xapian 1.4.22's AND_MAYBE lost matching passages (a document missing from a top
/// 10 over 3 local shards, about 3 runs in 4 of the test `shards: 3 remote shards rank ... as
/// one index`); the same matches and scores written `query OR (extra FILTER query)` do not,
/// at about 1.5 times the query time.
[[nodiscard]] Xapian::Query maybe(const Xapian::Query& query, const Xapian::Query& extra,
                                  bool several_databases);

/// The English stopwords of @p node (see internal/stopwords.hpp) that weigh less: the words of an
/// OR of three or more single words (a plain query, `what is flutter`) that are stopwords, when at
/// least one of the words is not, outside excluded and filtering branches. Phrases, NEAR,
/// wildcards and fields are never touched, nor the words of an OR that holds any of them,
/// nor a query of stopwords only.
[[nodiscard]] std::vector<const QueryNode*> weak_stopwords(const QueryNode& node);

/// The phrases and NEAR groups of @p node that a passage must match for @p node to match
/// (under AND, FILTER, the left side of AND_NOT and AND_MAYBE; not under OR) and that hold an
/// English stopword. Where the index has stopword slots (XapianQueryOptions::stopword_slots),
/// the searcher checks each of them in the text of each matching passage, which makes them
/// exact; elsewhere (under OR, or excluded) the slot stands for any stopword.
[[nodiscard]] std::vector<const QueryNode*> slot_checked(const QueryNode& node);

/// @p node as a Xapian query over steppe's schema. Words match their exact term and their
/// stem (`Z`) in each of @p languages; phrases, NEAR and wildcards use the unstemmed terms,
/// which carry positions; fields are weightless boolean terms. Weak stopwords (see
/// XapianQueryOptions::stopword_weight) join their OR through maybe().
[[nodiscard]] Xapian::Query to_xapian(const QueryNode& node, Analyzer& analyzer,
                                      const std::vector<std::string>& languages,
                                      const XapianQueryOptions& options = {});

/// The title field's share of @p node's score: for each word that counts for the score (the
/// positive words, not phrases or wildcards, nor the weak stopwords when
/// @p skip_weak_stopwords), its title field terms (`XS`: its stem in each of @p languages, or
/// the word itself where there is no stem), ORed and weighed @p weight; an empty query when
/// @p weight is 0 or there is no such word. Combined with maybe(), so it changes scores, never
/// which passages match.
[[nodiscard]] Xapian::Query title_boost(const QueryNode& node, Analyzer& analyzer,
                                        const std::vector<std::string>& languages, double weight,
                                        bool skip_weak_stopwords = false);

}  // namespace steppe::internal
