#pragma once
/// @file
/// UTF-8 checks used when decoding input.

#include <cstddef>
#include <string>
#include <string_view>

#include "steppe/common/utf8.hpp"  // is_valid_utf8

namespace steppe {

/// Replaces every invalid UTF-8 sequence in @p text by U+FFFD and drops a leading byte-order
/// mark. @returns the byte offset of the first invalid sequence, or std::string::npos when the
/// text was valid.
std::size_t repair_utf8(std::string& text);

}  // namespace steppe
