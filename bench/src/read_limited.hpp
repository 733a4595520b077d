#pragma once
// Reading a collection's documents up to the bench's limits (--limit-docs, --max-mb), the same
// way for steppe's build and for the TermGenerator baseline, so both index the same text.

#include <cstddef>
#include <vector>

#include "steppe/corpus/document.hpp"
#include "steppe/corpus/read.hpp"

namespace steppe::bench {

/// Calls @p on_document for each document of @p sources in order until @p limit_docs
/// documents or @p max_mb megabytes (10^6 bytes) of text were passed (0: no limit); problems
/// go to @p on_problem. Returns true when a limit stopped the reading early.
inline bool read_limited(const std::vector<SourceFile>& sources, std::size_t limit_docs,
                         double max_mb, const DocumentSink& on_document,
                         const ProblemSink& on_problem) {
    struct Stop {};
    std::size_t docs = 0;
    double bytes = 0;
    try {
        for (const auto& source : sources) {
            read_source(
                source,
                [&](Document&& doc) {
                    if (limit_docs > 0 && docs >= limit_docs) throw Stop{};
                    if (max_mb > 0 && bytes >= max_mb * 1e6) throw Stop{};
                    ++docs;
                    bytes += static_cast<double>(doc.text.size());
                    on_document(std::move(doc));
                },
                on_problem);
        }
    } catch (const Stop&) {
        return true;
    }
    return false;
}

}  // namespace steppe::bench
