// Fuzz target: the passage splitter over the analyser's sentences and tokens of any bytes,
// with passage lengths from the input. Checks that passages cover tokens in order, each
// within the text and the word limit.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/indexer/passages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    steppe::fuzz::Input in(data, size);
    const std::size_t words = 1 + in.byte() % 64;
    const bool explicit_options = (in.byte() & 1) != 0;
    steppe::PassageOptions options = steppe::PassageOptions::around(words);
    if (explicit_options) {
        options.min_words = in.byte() % 16;
        options.target_words = in.byte() % 32;
        options.max_words = 1 + in.byte() % 48;
    }
    const auto text = in.rest();
    static steppe::Analyzer analyzer;  // built once: ICU setup is not what is being fuzzed
    const auto tokens = analyzer.tokenize(text);
    const auto sentences = analyzer.sentences(text);
    const auto passages = steppe::split_passages(sentences, tokens, options);
    std::size_t next_token = 0;
    for (const auto& p : passages) {
        STEPPE_FUZZ_CHECK(p.range.begin <= p.range.end && p.range.end <= text.size());
        STEPPE_FUZZ_CHECK(p.first_token >= next_token);
        STEPPE_FUZZ_CHECK(p.first_token + p.token_count <= tokens.size());
        STEPPE_FUZZ_CHECK(p.token_count <= options.max_words || options.max_words == 0);
        next_token = p.first_token + p.token_count;
    }
    (void)options.to_json();
    return 0;
}
