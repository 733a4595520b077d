#pragma once
/// @file
/// Where the index lives when the user does not say.

#include <filesystem>
#include <optional>

namespace steppe {

/// The index folder: @p given when set, else `$STEPPE_INDEX`, else
/// `${XDG_DATA_HOME:-$HOME/.local/share}/steppe/index`.
/// @throws UsageError when none of these can be determined (no HOME).
[[nodiscard]] std::filesystem::path resolve_index_path(
    const std::optional<std::filesystem::path>& given);

}  // namespace steppe
