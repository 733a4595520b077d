#pragma once
// The reference that steppe's indexing speed is held against: Xapian's own TermGenerator on
// one core, indexing the same text cut into the same passages; and Xapian's own way to use
// two cores for it (two writers, then a merge), the limit issue 9 names.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "steppe/corpus/document.hpp"
#include "steppe/indexer/passages.hpp"

namespace steppe::bench {

struct BaselineFacts {
    double seconds = 0;              ///< TermGenerator + add_document + commits (+ the merge).
    double merge_seconds = 0;        ///< Two writers: compacting their databases into one.
    unsigned writers = 1;            ///< Threads writing, each its own database.
    std::size_t passages = 0;        ///< Xapian documents written (one per passage).
    std::size_t bytes = 0;           ///< Bytes of passage text indexed.
    std::uintmax_t index_bytes = 0;  ///< Size of the database on disk.
    unsigned long commits = 0;       ///< Commits made (the databases' revisions at the end).
};

/// Reads the documents of @p sources (at most @p limit_docs, or @p max_mb of text; 0: all)
/// and splits them into passages with steppe's splitter and @p passages: the texts the
/// baseline indexes, prepared before its clock starts.
[[nodiscard]] std::vector<std::string> baseline_passages(const std::vector<SourceFile>& sources,
                                                         const PassageOptions& passages,
                                                         std::size_t limit_docs, double max_mb);

/// Times Xapian's TermGenerator (English Snowball, STEM_SOME, positions: Xapian's defaults)
/// writing one document per passage of @p texts, with the text as data, into a fresh
/// database in @p dir. @p commit_every 0 commits once at the end (Xapian then flushes every
/// 10 000 documents, its default); N > 0 commits every N passages, as steppe's writers do.
[[nodiscard]] BaselineFacts termgenerator_baseline(const std::vector<std::string>& texts,
                                                   std::size_t commit_every,
                                                   const std::filesystem::path& dir);

/// Times Xapian's own way to use two cores for the same job, as MEASURED.md ran it: two
/// threads, each a TermGenerator (as above) writing one half of @p texts (split by bytes, in
/// order) into its own database under @p dir and committing every @p commit_every passages
/// (0: once at the end), then Database::compact merging both into one (Compactor::FULL, as
/// steppe's merge of its parts). `seconds` covers both steps, `merge_seconds` the merge;
/// `index_bytes` is the merged database.
[[nodiscard]] BaselineFacts termgenerator_two_writers(const std::vector<std::string>& texts,
                                                      std::size_t commit_every,
                                                      const std::filesystem::path& dir);

}  // namespace steppe::bench
