#pragma once
// Internal to the searcher: a parsed query as a Xapian::Query.

#include <string>
#include <vector>

#include <xapian.h>

#include "steppe/common/analyzer.hpp"
#include "steppe/searcher/query.hpp"

namespace steppe::internal {

/// @p node as a Xapian query over steppe's schema. Words match their exact term and their
/// stem (`Z`) in each of @p languages; phrases, NEAR and wildcards use the unstemmed terms,
/// which carry positions; fields are weightless boolean terms. A word's exact forms weigh
/// @p exact_weight times their BM25 weight, added to the stem's (1: as much as the stem).
[[nodiscard]] Xapian::Query to_xapian(const QueryNode& node, Analyzer& analyzer,
                                      const std::vector<std::string>& languages,
                                      double exact_weight = 1.0);

/// The title field's share of @p node's score: for each word that counts for the score (the
/// positive words, not phrases or wildcards), its title field terms (`XS`: its stem in each of
/// @p languages, or the word itself where there is no stem), ORed and weighed @p weight; an
/// empty query when @p weight is 0 or there is no such word. Combined as
/// `query AND_MAYBE title_boost`, so it changes scores, never which passages match.
[[nodiscard]] Xapian::Query title_boost(const QueryNode& node, Analyzer& analyzer,
                                        const std::vector<std::string>& languages, double weight);

}  // namespace steppe::internal
