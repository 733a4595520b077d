#pragma once
// The reference that steppe's indexing speed is held against: Xapian's own TermGenerator on
// one core, indexing the same text cut into the same passages.

#include <cstddef>
#include <filesystem>
#include <vector>

#include "steppe/corpus/document.hpp"
#include "steppe/indexer/passages.hpp"

namespace steppe::bench {

struct BaselineFacts {
    double seconds = 0;              ///< TermGenerator + add_document + commit, one thread.
    std::size_t passages = 0;        ///< Xapian documents written (one per passage).
    std::size_t bytes = 0;           ///< Bytes of passage text indexed.
    std::uintmax_t index_bytes = 0;  ///< Size of the database on disk.
};

/// Reads the documents of @p sources (at most @p limit_docs, or @p max_mb of text; 0: all),
/// splits them into passages with steppe's splitter and @p passages (not timed), then times
/// Xapian's TermGenerator (English Snowball, STEM_SOME, positions: Xapian's defaults) writing
/// one document per passage into a fresh database in @p dir, committed at the end.
[[nodiscard]] BaselineFacts termgenerator_baseline(const std::vector<SourceFile>& sources,
                                                   const PassageOptions& passages,
                                                   std::size_t limit_docs, double max_mb,
                                                   const std::filesystem::path& dir);

}  // namespace steppe::bench
