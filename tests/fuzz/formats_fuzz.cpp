// Fuzz targets: the document readers (formats.hpp), one per format, chosen at compile time by
// STEPPE_FUZZ_FORMAT: 1 decode_text, 2 html_to_text, 3 markdown_to_text, 4 pdf_to_text.
// Their output must be valid UTF-8 and page offsets must lie inside the text; a CorpusError
// (an unreadable PDF) is an answer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "steppe/common/error.hpp"
#include "steppe/corpus/formats.hpp"
#include "steppe/corpus/utf8.hpp"

#ifndef STEPPE_FUZZ_FORMAT
#error "define STEPPE_FUZZ_FORMAT"
#endif

namespace {

[[maybe_unused]] void check(const steppe::Extracted& e) {
    std::size_t last = 0;
    for (const auto at : e.page_starts) {
        STEPPE_FUZZ_CHECK(at >= last && at <= e.text.size());
        last = at;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
#if STEPPE_FUZZ_FORMAT == 1
    const auto d = steppe::decode_text(bytes);
    STEPPE_FUZZ_CHECK(d.first_invalid == std::string_view::npos || d.first_invalid < size);
    STEPPE_FUZZ_CHECK(steppe::is_valid_utf8(d.text));
    (void)steppe::looks_binary(bytes);
#elif STEPPE_FUZZ_FORMAT == 2
    check(steppe::html_to_text(bytes));
#elif STEPPE_FUZZ_FORMAT == 3
    check(steppe::markdown_to_text(bytes));
#elif STEPPE_FUZZ_FORMAT == 4
    try {
        check(steppe::pdf_to_text(bytes));
    } catch (const steppe::CorpusError&) {
    }
#endif
    return 0;
}
