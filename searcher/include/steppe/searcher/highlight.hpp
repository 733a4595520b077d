#pragma once
/// @file
/// Which stretches of a passage a query matches: a pure function of the parsed query and the
/// passage's tokens, tested without an index.

#include <string_view>
#include <vector>

#include "steppe/common/analyzer.hpp"
#include "steppe/searcher/query.hpp"
#include "steppe/searcher/snippet.hpp"

namespace steppe {

/// The matches of @p query in a passage analysed as @p tokens (in @p language), sorted by
/// position. Match::term is the index of the leaf in positive_leaves(@p query) and
/// Match::weight is @p weights[term] (1.0 when @p weights is shorter).
///
/// - A word matches its exact form and every token with the same stem in @p language.
/// - A phrase matches only where its words stand in order, as one span over all of them.
/// - NEAR's words match only where all of them fall within its window.
/// - A wildcard matches the words that start with its prefix.
/// - Excluded words and fields (title:, path:, lang:, type:, modified:) match nothing.
[[nodiscard]] std::vector<Match> find_matches(const QueryNode& query,
                                              const std::vector<Token>& tokens,
                                              std::string_view language, Analyzer& analyzer,
                                              const std::vector<double>& weights = {});

}  // namespace steppe
