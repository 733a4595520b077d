#pragma once
/// @file
/// Searching a steppe index. The public API holds no Xapian type.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "steppe/common/error.hpp"
#include "steppe/searcher/snippet.hpp"

namespace steppe {

/// What to search for and how much to return.
struct SearchOptions {
    std::size_t limit = 10;           ///< Hits to return.
    std::size_t offset = 0;           ///< Hits to skip (for paging), in rank order.
    std::size_t snippet_bytes = 240;  ///< Byte budget of each snippet.
    bool snippets = true;             ///< Build snippets (off: ranking only).
    /// Fill each hit's path, title, passage and page (off, without snippets or explain: a
    /// ranked list of document ids only, with rank, score, id and matching_passages, and no
    /// value reads beyond the id).
    bool details = true;
    /// BM25 term-frequency saturation. With bm25_b, 1.0 and 0.7 ranked both Cranfield and
    /// SciFact a little above Xapian's usual 1.2 and 0.75 (bench/results/README.md).
    double bm25_k1 = 1.0;
    double bm25_b = 0.7;  ///< BM25 length normalisation.
    /// Weight of a word's exact (unstemmed) form, added to its stem's BM25 weight: a passage
    /// with the very word typed ranks above one that only shares its stem. 1 counts the word
    /// twice (steppe 0.1's ranking); 0 ranks by stems alone. Negative (the default): 0.25 in
    /// an index with one stemming language, 1 in an index of several (a query word is
    /// stemmed in each of them, and another language's stem can collide with a different
    /// word, so there the exact form keeps its full weight).
    double exact_weight = -1;
    /// Weight of the title field: each query word that counts for the score also matches the
    /// document's title words (by stem), weighed this much times their BM25 weight, on every
    /// matching passage, so a document whose title has the query words ranks higher. It never
    /// changes which passages match; 0 turns it off. 0.25 by bench/results/README.md.
    double title_weight = 0.25;
    /// Weight of English stopwords ("what", "is", "the", "of": Snowball's English list) in a
    /// list of three or more plain words (`what is the flutter of wings`, every plain query)
    /// that are not all stopwords: each weighs this much times its BM25 weight, adds only to
    /// passages that match another word, and leaves the title field out. 0 drops them; 1
    /// makes them words like any other (as before). Only in an index with English passages;
    /// phrases, NEAR, fields and excluded words keep every word. 0.25 by
    /// bench/results/README.md.
    double stopword_weight = 0.25;
    /// Pseudo-relevance feedback: when above 0, the best `feedback_docs` documents of a first
    /// ranking give `feedback_terms` expansion stems (Xapian's ESet), added to the query as
    /// an alternative weighed `feedback_weight`. Off by default: it helps Cranfield and
    /// hurts SciFact (bench/results/README.md).
    std::size_t feedback_docs = 0;
    std::size_t feedback_terms = 20;  ///< Expansion stems taken (feedback_docs > 0).
    double feedback_weight = 0.3;     ///< Weight of the expansion (feedback_docs > 0).
    /// Best passages of a document shown per hit (0: none, and matching_passages is then a
    /// lower bound; otherwise one more Xapian query per hit counts them exactly).
    std::size_t fragments = 3;
    bool passages = false;  ///< One hit per passage instead of per document.
    bool explain = false;   ///< Break each hit's score down by query term.
    bool suggest = true;    ///< Look for a spelling suggestion ("did you mean").
    /// Read the query as plain words (plain_query()): no operators, phrases or fields.
    bool plain = false;
};

/// How a Searcher opens its index.
struct OpenOptions {
    /// For a sharded index: leave out shards that cannot be opened (a `steppe serve` that is
    /// down) and name them in SearchResults::missing_shards, instead of failing.
    bool allow_partial = false;
};

/// One matching passage of a hit's document, cut to the snippet budget.
struct Fragment {
    std::uint32_t passage = 0;          ///< 0-based passage number in the document.
    std::optional<std::uint32_t> page;  ///< Page of the passage (paged sources only).
    Snippet snippet;                    ///< Best window of the passage, with highlights.
};

/// The part of a hit's score that one query term (word, phrase, NEAR group, wildcard) gives.
struct TermScore {
    std::string term;  ///< The term as written in the query, normalised ("court", "\"a b\"").
    double score = 0;  ///< Its BM25 contribution to the best passage's score.
};

/// One document found, represented by its best passage.
struct Hit {
    std::uint32_t rank = 0;             ///< 1-based rank among all hits (offset included).
    double score = 0;                   ///< BM25 score of the best passage.
    std::string id;                     ///< Document id (a file's normalised path, a record's id).
    std::string path;                   ///< Source file.
    std::string title;                  ///< Document title.
    std::uint32_t passage = 0;          ///< 0-based number of the best passage in the document.
    std::size_t matching_passages = 1;  ///< Passages of the document that match (at least).
    Snippet snippet;                    ///< Best window of the best passage, with highlights.
    /// Up to SearchOptions::fragments best matching passages of the document, in document
    /// order (the best passage always among them).
    std::vector<Fragment> fragments;
    std::vector<TermScore> explanation;  ///< Filled when SearchOptions::explain is set.
    /// Page of a paged source (PDF) where the best passage starts; absent otherwise.
    std::optional<std::uint32_t> page;  ///< Filled when SearchOptions::explain is set.
};

/// The answer to one search.
struct SearchResults {
    std::vector<Hit> hits;
    std::size_t total_estimate = 0;  ///< Estimated number of matching documents.
    double elapsed_ms = 0;           ///< Wall time of the search, snippets included.
    /// The query with misspelt words replaced by frequent close words from the index; empty
    /// when every word is known (or SearchOptions::suggest is off).
    std::string suggestion;
    /// Shards of a sharded index left out (OpenOptions::allow_partial), each named by its line
    /// in the stub file ("remote 127.0.0.1:8421"). The hits come from the other shards.
    std::vector<std::string> missing_shards;
    /// What this search could not do, said once per search (for example: no did-you-mean,
    /// because Xapian 1.4's remote backend serves no spelling data).
    std::vector<std::string> notes;
};

/// A read-only handle on an index. Thread-compatible: use one Searcher per thread (many may
/// be open on one index, also while an Indexer writes; each sees the last commit before it
/// was opened or reopen()ed).
class Searcher {
public:
    /// @throws IndexError if @p index_dir is missing, unreadable, corrupt or of another schema
    /// version.
    /// @p index_dir may be a sharded index: a folder holding a Xapian stub file `XAPIANDB`,
    /// or the stub file itself. Its shards (local databases or `remote HOST:PORT` lines) are
    /// searched as one index, with the statistics of them all, so scores equal those of one
    /// unsharded index.
    /// @throws IndexError naming the shard when a shard cannot be opened (unless
    /// @p open.allow_partial) or the shards disagree on schema version or analyser.
    explicit Searcher(const std::filesystem::path& index_dir, const OpenOptions& open = {});
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Ranks passages for @p query (see query.hpp for the syntax) with BM25 and returns one
    /// hit per document (SearchOptions::passages: one per passage). When a writer's commits
    /// overtake the revision being read, it reopens at the latest commit and searches again.
    /// @throws QueryError when @p query cannot be parsed or has no word to search for.
    /// @throws IndexError when the index cannot be read.
    [[nodiscard]] SearchResults search(std::string_view query, const SearchOptions& options = {});

    /// Moves to the index's latest commit. When the folders it read were replaced (a new
    /// index's parts merged into one database when its build ended, a compaction), it opens
    /// the index now in their place; a search() that finds them gone does the same.
    /// @throws IndexError when the index cannot be opened again.
    void reopen();

    /// Number of passages in the index.
    [[nodiscard]] std::size_t passage_count() const;

private:
    void refresh();     ///< reopen(), Xapian's errors untranslated.
    void open_again();  ///< Opens the index in the same folder afresh.
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace steppe
