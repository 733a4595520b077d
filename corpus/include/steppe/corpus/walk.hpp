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
/// the shell patterns in @p exclude (fnmatch) is left out.
[[nodiscard]] std::vector<SourceFile> find_sources(const std::vector<std::filesystem::path>& roots,
                                                   const ProblemSink& problems,
                                                   const std::vector<std::string>& exclude = {});

}  // namespace steppe
