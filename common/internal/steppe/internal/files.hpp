#pragma once
/// @file
/// Internal to steppe (not installed): the size of an index on disk, the one way `steppe
/// stats`, `steppe compact` and `steppe bench` measure it.

#include <cstdint>
#include <filesystem>
#include <system_error>

namespace steppe::internal {

/// Total bytes of the regular files under @p path (0 when it does not exist); for the stub
/// file of a sharded index, those under the folder that holds it and its shards.
inline std::uintmax_t folder_bytes(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::uintmax_t total = 0;
    std::error_code ec;
    const fs::path dir = fs::is_regular_file(path, ec) ? path.parent_path() : path;
    if (!fs::is_directory(dir, ec)) return 0;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code fe;
        if (it->is_regular_file(fe)) {
            const auto size = it->file_size(fe);
            if (!fe) total += size;
        }
    }
    return total;
}

}  // namespace steppe::internal
