#include "steppe/common/paths.hpp"

#include <cstdlib>

#include "steppe/common/error.hpp"

namespace steppe {

std::filesystem::path resolve_index_path(const std::optional<std::filesystem::path>& given) {
    if (given && !given->empty()) return *given;
    if (const char* env = std::getenv("STEPPE_INDEX"); env != nullptr && *env != '\0') return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0')
        return std::filesystem::path(xdg) / "steppe" / "index";
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        return std::filesystem::path(home) / ".local" / "share" / "steppe" / "index";
    throw UsageError("no index location: pass --index DIR or set STEPPE_INDEX");
}

}  // namespace steppe
