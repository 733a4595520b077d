#pragma once
/// @file
/// What the corpus module hands to the indexer: documents decoded to UTF-8.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace steppe {

/// One input document, decoded to UTF-8.
struct Document {
    std::string id;          ///< Stable id: a file's normalised path, or a JSONL record's "id".
    std::string path;        ///< The file it came from (its path made lexically normal).
    std::string title;       ///< Title (a file's first line or heading; a record's "title").
    std::string text;        ///< Body text, UTF-8. Byte offsets of passages refer to this.
    std::string type;        ///< Source format: "txt", "md", "html", "pdf", "jsonl".
    std::int64_t mtime = 0;  ///< Modification time of the source file, seconds since the epoch.
    /// PDF: byte offset in `text` where each page starts (page 1 first); empty otherwise.
    std::vector<std::size_t> page_starts;
    /// A plain-text file too large to hold at once is read in parts: each part is a Document
    /// with the same id, `part` 0, 1, 2, ... in order, `offset` the byte offset of its `text`
    /// in the whole file's text, and `last_part` set on the last. Everything else is part 0 of
    /// one (the defaults).
    std::uint32_t part = 0;
    bool last_part = true;
    std::uint64_t offset = 0;
};

/// A file found by the walker, before it is read.
struct SourceFile {
    std::filesystem::path path;  ///< As found: the root as given, joined with the relative path.
    std::string type;            ///< "txt", "md", "html", "pdf" or "jsonl".
    std::uintmax_t size = 0;     ///< Bytes on disk.
    std::int64_t mtime = 0;      ///< Seconds since the epoch.
    std::int64_t mtime_ns = 0;   ///< Nanoseconds since the epoch (change detection).
};

/// Receives each document read.
using DocumentSink = std::function<void(Document&&)>;
/// Receives each problem met while walking or reading: one line that names the file (and the
/// line, where there is one), e.g. "notes/a.jsonl:17: malformed JSON (...)".
using ProblemSink = std::function<void(const std::string&)>;

}  // namespace steppe
