// Fuzz target: the query parser (parse_query, then describe, positive_leaves and the Xapian
// translation) and plain_query on any bytes. A QueryError is an answer; anything else thrown
// or any crash is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "query_xapian.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/searcher/query.hpp"

namespace {

void check_ranges(const steppe::QueryNode& node, std::size_t size) {
    STEPPE_FUZZ_CHECK(node.source.begin <= node.source.end && node.source.end <= size);
    for (const auto& t : node.tokens)
        STEPPE_FUZZ_CHECK(t.begin < t.end && t.end <= size);
    for (const auto& c : node.children)
        check_ranges(c, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    steppe::fuzz::Input in(data, size);
    const std::uint8_t flags = in.byte();
    steppe::AnalyzerSettings settings;
    settings.fold_diacritics = (flags & 1) != 0;
    // One analyser per setting, kept across inputs (ICU setup is not what is being fuzzed).
    static steppe::Analyzer folding([] {
        steppe::AnalyzerSettings s;
        s.fold_diacritics = true;
        return s;
    }());
    static steppe::Analyzer keeping([] {
        steppe::AnalyzerSettings s;
        s.fold_diacritics = false;
        return s;
    }());
    steppe::Analyzer& analyzer = settings.fold_diacritics ? folding : keeping;
    const auto text = in.rest();
    const std::vector<std::string> languages = {"en", "ru"};
    try {
        const auto node = steppe::parse_query(text, analyzer);
        check_ranges(node, text.size());
        (void)steppe::describe(node);
        (void)steppe::positive_leaves(node);
        (void)steppe::internal::to_xapian(node, analyzer, languages).get_description();
    } catch (const steppe::QueryError&) {
    }
    const auto plain = steppe::plain_query(text, analyzer);
    check_ranges(plain, text.size());
    (void)steppe::internal::to_xapian(plain, analyzer, languages);
    return 0;
}
