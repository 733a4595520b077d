#pragma once
/// @file
/// Finding the files to index under the paths a user names.

#include <filesystem>
#include <vector>

#include "steppe/corpus/document.hpp"

namespace steppe {

/// The format of @p path judged by its name ("txt", "md", "html", "pdf", "jsonl"), or "" when
/// steppe does not read it. ".jsonl.gz" is "jsonl".
[[nodiscard]] std::string source_type(const std::filesystem::path& path);

/// Every readable file under @p roots (files named directly are taken whatever their
/// extension's case), recursively, hidden files and folders skipped, sorted by path so runs are
/// reproducible. Problems (a missing path, an unreadable folder) go to @p problems and the
/// walk goes on. A file or folder whose name, or whose path below its root, matches one of
/// the shell patterns in @p exclude (fnmatch) is left out. FIFOs, devices and sockets are
/// skipped with a warning, never opened. A symbolic link below a root is read only when it
/// points inside that root, unless @p follow_symlinks (which also enters linked folders, each
/// real folder once, so link loops end); broken links are skipped with a warning.
[[nodiscard]] std::vector<SourceFile> find_sources(const std::vector<std::filesystem::path>& roots,
                                                   const ProblemSink& problems,
                                                   const std::vector<std::string>& exclude = {},
                                                   bool follow_symlinks = false);

}  // namespace steppe
