#pragma once
// Helpers for tests that build a small index through the library (they link steppe::indexer).

#include <string>
#include <vector>

#include "steppe/indexer/indexer.hpp"
#include "test_support.hpp"

namespace steppe::test {

/// A plain-text document whose id is also its path.
inline Document text_document(const std::string& id, const std::string& text,
                              const std::string& title = "") {
    Document d;
    d.id = id;
    d.path = id;
    d.title = title;
    d.text = text;
    d.type = "txt";
    return d;
}

/// An index of @p docs in @p dir, built with @p options and committed.
inline void build_index(const TempDir& dir, const std::vector<Document>& docs,
                        IndexerOptions options = {}) {
    Indexer indexer(dir.path(), options);
    for (const auto& d : docs)
        indexer.add(d);
    indexer.commit();
}

}  // namespace steppe::test
