#pragma once
/// @file
/// Reading a BEIR-shaped test collection: `corpus.jsonl` (or `.jsonl.gz`) with records
/// {"id", "title", "text"}, `queries.tsv` (`qid<TAB>text`) and `qrels.txt` (TREC:
/// `qid 0 docid gain`).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "steppe/bench/metrics.hpp"

namespace steppe::bench {

/// One query of a collection.
struct Query {
    std::string id;
    std::string text;
};

/// Reads `qid<TAB>text` lines. Blank lines are skipped; a trailing CR is dropped.
/// @throws CorpusError naming `file:line` for a missing file, a line without a tab, an empty
/// id or text, or an id seen before.
[[nodiscard]] std::vector<Query> read_queries(const std::filesystem::path& path);

/// Reads a TREC qrels file: four fields separated by white space, `qid iteration docid gain`,
/// the gain an integer. Blank lines are skipped.
/// @throws CorpusError naming `file:line` for a missing file, a line with another number of
/// fields, a gain that is not an integer, or a (qid, docid) pair judged twice.
[[nodiscard]] Qrels read_qrels(const std::filesystem::path& path);

/// `corpus.jsonl` or else `corpus.jsonl.gz` in @p dir, if either exists.
[[nodiscard]] std::optional<std::filesystem::path> find_corpus_file(
    const std::filesystem::path& dir);

}  // namespace steppe::bench
