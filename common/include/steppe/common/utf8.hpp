#pragma once
/// @file
/// UTF-8 validity, shared by the corpus readers (which repair what they decode) and the
/// language detector (which must only see valid UTF-8).

#include <string_view>

namespace steppe {

/// True when @p text is valid UTF-8.
[[nodiscard]] bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace steppe
