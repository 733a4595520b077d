// Fuzz target: the analyser on any bytes with any settings (folding on or off, the ASCII fast
// path on or off, a small or large term limit): tokenize, sentences, normalize and stem in a
// few languages. Checks that every range lies inside the input, in order.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string_view>

#include "fuzz_support.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    steppe::fuzz::Input in(data, size);
    const std::uint8_t flags = in.byte();
    steppe::AnalyzerSettings settings;
    settings.fold_diacritics = (flags & 1) != 0;
    settings.ascii_fast_path = (flags & 2) != 0;
    settings.max_term_bytes = (flags & 4) != 0 ? 8 : 64;
    static constexpr std::array<std::string_view, 8> languages = {"en", "ru", "kk", "fr",
                                                                  "de", "tr", "zh", "xx"};
    const std::string_view language = languages[(flags >> 3) % languages.size()];
    const std::string_view text = in.rest();

    // Building an analyser opens ICU break iterators and transliterators: one per setting
    // combination, kept across inputs, so the fuzzer spends its time on the input.
    static std::map<int, std::unique_ptr<steppe::Analyzer>> analyzers;
    auto& cached = analyzers[flags & 7];
    if (!cached) cached = std::make_unique<steppe::Analyzer>(settings);
    steppe::Analyzer& analyzer = *cached;
    const auto tokens = analyzer.tokenize(text);
    std::size_t last_end = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        STEPPE_FUZZ_CHECK(t.begin < t.end && t.end <= text.size());
        STEPPE_FUZZ_CHECK(t.begin >= last_end);
        STEPPE_FUZZ_CHECK(!t.term.empty() && t.term.size() <= settings.max_term_bytes);
        last_end = t.end;
        if (i < 64) {
            (void)analyzer.stem(t, language);
            (void)analyzer.normalize(text.substr(t.begin, t.end - t.begin));
        }
    }
    const auto sentences = analyzer.sentences(text);
    std::size_t last = 0;
    for (const auto& s : sentences) {
        STEPPE_FUZZ_CHECK(s.range.begin <= s.range.end && s.range.end <= text.size());
        STEPPE_FUZZ_CHECK(s.range.begin >= last);
        last = s.range.end;
    }
    (void)analyzer.normalize(text.substr(0, 256));
    return 0;
}
