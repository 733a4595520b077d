// Fuzz target: the highlighter and snippet selection, random text x random query. The input's
// first line is the query, the rest the passage. Checks that matches lie in the passage and
// that highlights are sorted, disjoint and inside the snippet.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/searcher/highlight.hpp"
#include "steppe/searcher/query.hpp"
#include "steppe/searcher/snippet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    steppe::fuzz::Input in(data, size);
    const std::uint8_t flags = in.byte();
    const std::size_t budget = 8 + in.byte() * 2;
    const std::string_view language = (flags & 1) != 0 ? "ru" : "en";
    const auto query_text = in.until('\n');
    const auto text = in.rest();
    static steppe::Analyzer analyzer;  // built once: ICU setup is not what is being fuzzed
    steppe::QueryNode query;
    try {
        query = (flags & 2) != 0 ? steppe::plain_query(query_text, analyzer)
                                 : steppe::parse_query(query_text, analyzer);
    } catch (const steppe::QueryError&) {
        return 0;
    }
    const auto tokens = analyzer.tokenize(text);
    std::vector<double> weights;
    for (std::size_t i = 0; i < (flags >> 4); ++i)
        weights.push_back(0.5 + static_cast<double>(i));
    const auto matches = steppe::find_matches(query, tokens, language, analyzer, weights);
    for (const auto& m : matches)
        STEPPE_FUZZ_CHECK(m.range.begin < m.range.end && m.range.end <= text.size());

    steppe::SnippetOptions options;
    options.max_bytes = budget;
    const auto snippet = steppe::make_snippet(text, tokens, matches, options);
    std::size_t last = 0;
    for (const auto& h : snippet.highlights) {
        STEPPE_FUZZ_CHECK(h.begin < h.end && h.end <= snippet.text.size());
        STEPPE_FUZZ_CHECK(h.begin >= last);
        last = h.end;
    }
    return 0;
}
