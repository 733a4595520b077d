#include "steppe/searcher/highlight.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace steppe {

namespace {

using Kind = QueryNode::Kind;

}  // namespace

std::vector<Match> find_matches(const QueryNode& query, const std::vector<Token>& tokens,
                                std::string_view language, Analyzer& analyzer,
                                const std::vector<double>& weights) {
    const auto leaves = positive_leaves(query);
    const bool stems = Analyzer::has_stemmer(language);
    // Stems of the passage's tokens, computed on first use.
    std::vector<std::optional<std::string>> token_stems(tokens.size());
    auto stem_of = [&](std::size_t i) -> const std::string& {
        if (!token_stems[i]) token_stems[i] = analyzer.stem(tokens[i], language);
        return *token_stems[i];
    };
    std::vector<Match> out;
    for (std::size_t leaf = 0; leaf < leaves.size(); ++leaf) {
        const QueryNode& n = *leaves[leaf];
        const double weight = leaf < weights.size() ? weights[leaf] : 1.0;
        auto add = [&](std::size_t first, std::size_t last) {
            out.push_back({{tokens[first].begin, tokens[last].end}, leaf, weight});
        };
        switch (n.kind) {
            case Kind::Word: {
                const Token& w = n.tokens.at(0);
                const std::string stem = stems ? analyzer.stem(w, language) : std::string();
                for (std::size_t i = 0; i < tokens.size(); ++i) {
                    if (tokens[i].term == w.term || (stems && stem_of(i) == stem)) add(i, i);
                }
                break;
            }
            case Kind::Phrase: {
                const std::size_t len = n.tokens.size();
                for (std::size_t i = 0; len > 0 && i + len <= tokens.size();) {
                    std::size_t k = 0;
                    while (k < len && tokens[i + k].term == n.tokens[k].term)
                        ++k;
                    if (k == len) {
                        add(i, i + len - 1);
                        i += len;
                    } else {
                        ++i;
                    }
                }
                break;
            }
            case Kind::Near: {
                // Occurrences of the group's words, in order; a stretch of at most `window`
                // positions that holds every word highlights all the occurrences in it.
                std::map<std::string, std::size_t> ids;
                for (const auto& t : n.tokens)
                    ids.emplace(t.term, ids.size());
                std::vector<std::pair<std::size_t, std::size_t>> occ;  // token index, word id
                for (std::size_t i = 0; i < tokens.size(); ++i) {
                    if (const auto it = ids.find(tokens[i].term); it != ids.end())
                        occ.emplace_back(i, it->second);
                }
                std::vector<bool> marked(occ.size(), false);
                for (std::size_t l = 0; l < occ.size(); ++l) {
                    std::vector<bool> seen(ids.size(), false);
                    std::size_t count = 0;
                    for (std::size_t r = l; r < occ.size(); ++r) {
                        if (tokens[occ[r].first].position - tokens[occ[l].first].position >=
                            n.window)
                            break;
                        if (!seen[occ[r].second]) {
                            seen[occ[r].second] = true;
                            ++count;
                        }
                        if (count == ids.size()) {
                            for (std::size_t k = l; k <= r; ++k)
                                marked[k] = true;
                            break;
                        }
                    }
                }
                for (std::size_t k = 0; k < occ.size(); ++k) {
                    if (marked[k]) add(occ[k].first, occ[k].first);
                }
                break;
            }
            case Kind::Wildcard:
                for (std::size_t i = 0; i < tokens.size(); ++i) {
                    if (tokens[i].term.rfind(n.text, 0) == 0) add(i, i);
                }
                break;
            default:
                break;
        }
    }
    std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
        return a.range.begin != b.range.begin ? a.range.begin < b.range.begin
                                              : a.range.end > b.range.end;
    });
    return out;
}

}  // namespace steppe
