#pragma once
/// @file
/// UTF-8 checks used when decoding input.

#include <cstddef>
#include <string>
#include <string_view>

namespace steppe {

/// Replaces every invalid UTF-8 sequence in @p text by U+FFFD and drops a leading byte-order
/// mark. @returns the byte offset of the first invalid sequence, or std::string::npos when the
/// text was valid.
std::size_t repair_utf8(std::string& text);

/// True when @p text is valid UTF-8.
[[nodiscard]] bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace steppe
