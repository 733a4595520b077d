#pragma once
/// @file
/// Terminal detection and colour choice for the command line.

#include <string_view>

namespace steppe {

/// The user's --color choice.
enum class ColorMode { Auto, Always, Never };

/// Parses "auto", "always" or "never". @throws UsageError on anything else.
[[nodiscard]] ColorMode parse_color_mode(std::string_view text);

/// True when file descriptor @p fd is a terminal.
[[nodiscard]] bool is_terminal(int fd) noexcept;

/// Whether to colour output written to @p fd: Always and Never are obeyed; Auto colours only a
/// terminal, and only when NO_COLOR is unset and TERM is not "dumb".
[[nodiscard]] bool use_color(ColorMode mode, int fd) noexcept;

/// Width of the terminal on @p fd in columns, or @p fallback when it is not a terminal.
[[nodiscard]] int terminal_width(int fd, int fallback = 100) noexcept;

}  // namespace steppe
