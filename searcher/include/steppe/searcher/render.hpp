#pragma once
/// @file
/// Turning results into text: plain, ANSI colour, HTML and JSON Lines.

#include <string>

#include "steppe/searcher/searcher.hpp"

namespace steppe {

/// The snippet's text, highlights unmarked.
[[nodiscard]] std::string render_plain(const Snippet& snippet);

/// The snippet with each highlight between @p on and @p off (ANSI SGR sequences by default:
/// bold red, as grep and ripgrep show matches).
[[nodiscard]] std::string render_ansi(const Snippet& snippet, std::string_view on = "\x1b[1;31m",
                                      std::string_view off = "\x1b[0m");

/// The snippet as HTML: text escaped (& < > " '), highlights in <mark>…</mark>.
[[nodiscard]] std::string render_html(const Snippet& snippet);

/// One hit as an HTML fragment: `<article class="hit">` holding the title, the path and each
/// fragment (or the snippet) in a `<p>`, all text escaped, highlights in <mark>…</mark>.
[[nodiscard]] std::string hit_html(const Hit& hit);

/// One JSON Lines record for a hit: {"type":"hit","data":{...}} without a trailing newline.
[[nodiscard]] std::string hit_json(const Hit& hit);

/// The closing JSON Lines record: {"type":"summary","data":{"hits":N,...}}.
[[nodiscard]] std::string summary_json(const SearchResults& results);

}  // namespace steppe
