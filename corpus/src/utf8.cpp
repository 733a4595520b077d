#include "steppe/corpus/utf8.hpp"

#include <cstdint>

#include <unicode/utf8.h>

namespace steppe {

std::size_t repair_utf8(std::string& text) {
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    if (is_valid_utf8(text)) return std::string::npos;
    std::string out;
    out.reserve(text.size() + 16);
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int64_t>(text.size());
    std::size_t first_bad = std::string::npos;
    std::int64_t i = 0;
    while (i < n) {
        const std::int64_t start = i;
        UChar32 c = 0;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            if (first_bad == std::string::npos) first_bad = static_cast<std::size_t>(start);
            out += "\xEF\xBF\xBD";
        } else {
            out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
        }
    }
    text = std::move(out);
    return first_bad;
}

}  // namespace steppe
