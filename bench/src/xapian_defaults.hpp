#pragma once
// The peer that steppe's index size and query speed are held against, measured in the same
// run on the same machine: Xapian 1.4 as an application gets it with its defaults. One Xapian
// document per record, TermGenerator (English, STEM_SOME, positions), QueryParser with its
// default flags, Enquire with its default weighting (BM25, k1 1, b 0.5), no compaction.

#include <cstddef>
#include <filesystem>
#include <vector>

#include "steppe/bench/collection.hpp"
#include "steppe/bench/metrics.hpp"
#include "steppe/corpus/document.hpp"

namespace steppe::bench {

struct XapianDefaultsFacts {
    double build_seconds = 0;         ///< TermGenerator + add_document + commit, one thread.
    std::size_t documents = 0;        ///< Xapian documents written (one per record).
    std::size_t bytes = 0;            ///< Bytes of text indexed (titles and texts).
    std::uintmax_t index_bytes = 0;   ///< Size of the database on disk, as built.
    Run run;                          ///< Each query at the run depth (record ids, scores).
    std::vector<std::string> failed;  ///< Queries QueryParser refused or found no term in.
    std::vector<double> top100_ms;    ///< Parse + match of the top 100, ids only.
    std::vector<double> snippets_ms;  ///< Parse + match of the top 10 + MSet::snippet each.
    std::size_t hits = 0;             ///< Hits of the timed top-100 passes, in all.
    std::size_t snippet_bytes = 0;    ///< Bytes of the timed snippets and ids, in all.
};

/// Reads the documents of @p sources (at most @p limit_docs, or @p max_mb of text; 0: all),
/// indexes them with Xapian's defaults into a fresh database in @p dir (only the build is
/// timed), runs each of @p queries at @p depth (the run, which also warms the caches) and,
/// when @p timed, times each again for the top 100 and for the top 10 with Xapian's own
/// snippets of @p snippet_bytes.
[[nodiscard]] XapianDefaultsFacts xapian_defaults(const std::vector<SourceFile>& sources,
                                                  std::size_t limit_docs, double max_mb,
                                                  const std::filesystem::path& dir,
                                                  const std::vector<Query>& queries,
                                                  std::size_t depth, bool timed,
                                                  std::size_t snippet_bytes);

}  // namespace steppe::bench
