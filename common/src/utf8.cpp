#include "steppe/common/utf8.hpp"

#include <cstdint>

#include <unicode/utf8.h>

namespace steppe {

bool is_valid_utf8(std::string_view text) noexcept {
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int64_t>(text.size());
    std::int64_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        UChar32 c = 0;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
    }
    return true;
}

}  // namespace steppe
