#pragma once
/// @file
/// Reading source files into documents.

#include "steppe/corpus/document.hpp"

namespace steppe {

/// Reads @p source and passes each document it holds to @p sink: one for a text or Markdown
/// file, one per record for JSON Lines (plain or gzip-compressed). A record or file that cannot
/// be read is reported to @p problems with its file and line, and reading goes on.
/// @returns the number of problems reported.
std::size_t read_source(const SourceFile& source, const DocumentSink& sink,
                        const ProblemSink& problems);

/// As above, but a plain-text file larger than @p part_bytes is streamed: read and passed to
/// @p sink in parts of at most about @p part_bytes (cut at a paragraph break, else a line
/// break, else a space, never inside a UTF-8 sequence; see Document::part), so memory stays
/// bounded whatever the file's size. Its encoding is decided on the first part; a UTF-16 file
/// that large is reported and skipped. Other formats are read whole.
std::size_t read_source(const SourceFile& source, const DocumentSink& sink,
                        const ProblemSink& problems, std::size_t part_bytes);

/// The title of a plain-text or Markdown document: its first heading (Markdown) or first
/// non-empty line, trimmed and cut at 200 bytes on a character boundary.
[[nodiscard]] std::string title_of(std::string_view text, std::string_view type);

/// A document id for a file path: the path made lexically normal, with '/' separators.
[[nodiscard]] std::string document_id(const std::filesystem::path& path);

}  // namespace steppe
