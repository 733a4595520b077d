#include "steppe/common/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "steppe/common/error.hpp"

namespace steppe {

ColorMode parse_color_mode(std::string_view text) {
    if (text == "auto") return ColorMode::Auto;
    if (text == "always") return ColorMode::Always;
    if (text == "never") return ColorMode::Never;
    throw UsageError("--color takes auto, always or never, not '" + std::string(text) + "'");
}

bool is_terminal(int fd) noexcept {
    return ::isatty(fd) == 1;
}

bool use_color(ColorMode mode, int fd) noexcept {
    switch (mode) {
        case ColorMode::Always:
            return true;
        case ColorMode::Never:
            return false;
        case ColorMode::Auto:
            break;
    }
    if (const char* nc = std::getenv("NO_COLOR"); nc != nullptr && *nc != '\0') return false;
    if (const char* term = std::getenv("TERM"); term != nullptr && std::strcmp(term, "dumb") == 0)
        return false;
    return is_terminal(fd);
}

int terminal_width(int fd, int fallback) noexcept {
    winsize ws{};
    if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (const char* cols = std::getenv("COLUMNS"); cols != nullptr) {
        const int n = std::atoi(cols);
        if (n > 0) return n;
    }
    return fallback;
}

}  // namespace steppe
