#pragma once
/// @file
/// Turning the bytes of each supported format into UTF-8 text. Pure functions of their input:
/// no file system access, tested on in-memory fixtures.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace steppe {

/// Text taken out of a formatted document.
struct Extracted {
    std::string title;                     ///< <title>, first heading, PDF title; may be empty.
    std::string text;                      ///< UTF-8; paragraphs separated by blank lines.
    std::vector<std::size_t> page_starts;  ///< PDF: byte offset in `text` where each page starts.
};

/// Bytes decoded to UTF-8.
struct DecodedText {
    std::string text;      ///< UTF-8.
    std::string encoding;  ///< What the bytes were read as ("UTF-8", "WINDOWS-1251", ...).
    /// Byte offset (in the input) of the first sequence that could not be decoded and was
    /// replaced by U+FFFD, or std::string::npos when none was.
    std::size_t first_invalid = std::string::npos;
};

/// Decodes text in any common encoding: a BOM (UTF-8, UTF-16 LE/BE) decides; valid UTF-8 is
/// taken as it is; anything else is identified with uchardet and converted with ICU
/// (windows-1252 when uchardet cannot tell).
[[nodiscard]] DecodedText decode_text(std::string_view bytes);

/// True when @p bytes look like a binary file (NUL bytes, or mostly control bytes, in the
/// first 8 KiB) and carry no UTF-16 BOM.
[[nodiscard]] bool looks_binary(std::string_view bytes) noexcept;

/// The visible text of an HTML page (gumbo): <title> kept as the title; script, style,
/// template, noscript and head dropped; block elements end paragraphs; entities decoded.
/// @throws CorpusError for elements nested more than 4096 deep (which gumbo would take
/// minutes over), naming the byte where the nesting passes that.
[[nodiscard]] Extracted html_to_text(std::string_view html);

/// The text of a Markdown document (md4c): the first heading is the title; blocks end
/// paragraphs; markup, link targets and HTML tags are dropped; code is kept as text.
[[nodiscard]] Extracted markdown_to_text(std::string_view markdown);

/// The text of a PDF (poppler), page by page, with the offset where each page starts.
/// @throws CorpusError when the bytes are not a readable PDF (or it is encrypted).
[[nodiscard]] Extracted pdf_to_text(std::string_view bytes);

}  // namespace steppe
