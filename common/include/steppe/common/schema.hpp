#pragma once
/// @file
/// The on-disk index schema: every term prefix, value slot and metadata key that the indexer
/// writes and the searcher reads. This is the only place they are spelled out; ARCHITECTURE.md
/// documents the same table for people.

#include <string_view>

#include <cstdint>

namespace steppe::schema {

/// Bumped whenever the meaning of anything below changes. The searcher refuses other versions.
/// 2: path terms `XP` and spelling data; the language of a passage is detected per document
/// (`L<code>` and SLOT_LANGUAGE may be "und"), stems are taken in that language, and the
/// analyser records its hyphen, apostrophe and stemming rules; `XA` terms keep the diacritics
/// that folding removed.
/// 3: the weighted title field `XS` (title words with their wdf, which BM25 weighs).
/// 4: in English passages an English stopword's term has no positions; its positions are on
/// the stopword slot term STOPWORD_SLOT instead (a fifth of the position table's size). The
/// spelling data leaves out words that occur once (SPELLING_MIN_FREQ); the fingerprint is on
/// a document's first passage only.
inline constexpr int VERSION = 4;

// --- Term prefixes (Xapian conventions where one exists) ---------------------------------
/// Unique id of one passage: `Q<doc-id>#<passage-no>`; passages are written with
/// replace_document() on it, so re-indexing a passage is idempotent.
inline constexpr std::string_view PREFIX_PASSAGE_ID = "Q";
/// Every passage of a document carries `XD<doc-id>`: delete_document() on it drops a document.
inline constexpr std::string_view PREFIX_DOC_ID = "XD";
/// Every passage of a document from source file F carries `XF<F>` (F as in SLOT_PATH): drops
/// a deleted file's documents, or the records gone from a JSON Lines file.
inline constexpr std::string_view PREFIX_FILE = "XF";
/// Stemmed body term (no positions): `Z<stem>`; English passages have none for an English
/// stopword (internal/stopwords.hpp). Unstemmed body terms have no prefix and carry positions.
inline constexpr std::string_view PREFIX_STEM = "Z";
/// Stopword slot (schema 4): in an English passage, each English stopword (Snowball's list,
/// internal/stopwords.hpp) is written as its term with its wdf but no positions, plus a
/// position on this one term, with wdf 0 (so passage lengths are unchanged). A phrase with a
/// stopword in it asks for the slot at the stopword's place and for the stopword's term
/// anywhere in the passage; the searcher checks the passage's text for the exact words where
/// the phrase must match. Other languages' passages keep their stopwords' positions.
inline constexpr std::string_view STOPWORD_SLOT = "XW";
/// A body word's case-folded form with its diacritics, when diacritic folding changed it
/// (`XAcafé` beside the term `cafe`; no positions). A query word typed with diacritics also
/// asks for it, so `café` ranks passages with café above those with cafe, and Vietnamese `ở`
/// is not lost among the o's of other languages.
inline constexpr std::string_view PREFIX_ACCENTED = "XA";
/// Title word (unstemmed, no positions, boolean): `S<term>`, the `title:` filter.
inline constexpr std::string_view PREFIX_TITLE = "S";
/// Title field (schema 3): `XS<stem>` for each title word, with its wdf (no positions), on
/// every passage of the document. The stem is taken in the document's language; a word with
/// no stem (a language without a stemmer, a word starting with a digit) is written as it is.
/// A query word also asks for it, weighed SearchOptions::title_weight, so every passage of a
/// document whose title has the word gets a boost (unlike `S`, which BM25 ignores).
inline constexpr std::string_view PREFIX_TITLE_FIELD = "XS";
/// Language of the passage: `L<code>` (ISO 639-1 where one exists, "und" when unknown; see
/// canonical_language_code()). Searchable as `lang:CODE`.
inline constexpr std::string_view PREFIX_LANGUAGE = "L";
/// Source format of the document: `T<type>` (txt, md, html, pdf, jsonl).
inline constexpr std::string_view PREFIX_TYPE = "T";
/// Path prefix (schema 2): `XP` + each leading chain of the source path's components, a
/// leading "./" or "/" dropped: "docs/a/b.txt" gives XPdocs, XPdocs/a, XPdocs/a/b.txt. The
/// query `path:docs/a` filters on XPdocs/a.
inline constexpr std::string_view PREFIX_PATH = "XP";

// Spelling data (schema 2): every unstemmed body word that does not start with a digit is
// in Xapian's spelling dictionary (WritableDatabase::add_spelling) with its number of
// occurrences (its collection frequency), for "did you mean", once it occurs
// SPELLING_MIN_FREQ times (schema 4; a word seen once is more often a typo than a
// correction, and such words were half the dictionary). Each commit sets the frequency of the
// words its passages added or removed. The parts of a new index get it when they are merged,
// from the terms (merge_shards()).
inline constexpr std::uint32_t SPELLING_MIN_FREQ = 2;

// --- Value slots ------------------------------------------------------------------------
/// Document id (the collapse key: one hit per document).
inline constexpr unsigned SLOT_DOC_ID = 0;
/// Passage number within its document, 0-based, sortable_serialise()d.
inline constexpr unsigned SLOT_PASSAGE = 1;
/// Path of the source file as the indexer opened it.
inline constexpr unsigned SLOT_PATH = 2;
/// Title of the document.
inline constexpr unsigned SLOT_TITLE = 3;
/// "begin:end" UTF-8 byte offsets of the passage in the decoded document text.
inline constexpr unsigned SLOT_RANGE = 4;
/// Language code used to analyse the passage (as in the `L` term).
inline constexpr unsigned SLOT_LANGUAGE = 5;
/// Modification time of the source, seconds since the epoch, sortable_serialise()d.
inline constexpr unsigned SLOT_MTIME = 6;

/// Page of a PDF where the passage starts, 1-based, sortable_serialise()d; absent otherwise.
inline constexpr unsigned SLOT_PAGE = 7;

/// Fingerprint of the document's content and analysis settings (16 hex digits), on the
/// document's first passage (schema 4; every passage before): a document given again with the
/// same fingerprint is not rewritten.
inline constexpr unsigned SLOT_HASH = 8;

// Document data: the passage text itself (UTF-8), so snippets never need the source file.

// --- Metadata keys -----------------------------------------------------------------------
/// Schema version, decimal.
inline constexpr std::string_view META_SCHEMA_VERSION = "steppe.schema_version";
/// Analyser settings, JSON (see AnalyzerSettings::to_json()).
inline constexpr std::string_view META_ANALYZER = "steppe.analyzer";
/// Languages present in the index, comma separated (drives query-time stemming).
inline constexpr std::string_view META_LANGUAGES = "steppe.languages";
/// Passage splitter settings, JSON.
inline constexpr std::string_view META_PASSAGES = "steppe.passages";
/// UTC time of the last commit, ISO 8601 ("2026-11-27T20:39:00Z").
inline constexpr std::string_view META_UPDATED = "steppe.updated";
/// `steppe.file:<path>` (cut and hashed when long) -> {"path","size","mtime"} of each source
/// file indexed, written after all of its documents: incremental runs skip unchanged files.
inline constexpr std::string_view META_FILE_PREFIX = "steppe.file:";
/// Version of steppe that last wrote the index.
inline constexpr std::string_view META_WRITER = "steppe.writer";

// --- Sharded indexes ---------------------------------------------------------------------
/// A sharded index is a folder holding this Xapian stub database file plus one glass database
/// per shard. The stub lists the shards one a line, in Xapian 1.4's stub syntax: `auto PATH`
/// (PATH relative to the stub's folder) or `remote HOST:PORT` (a shard served by
/// `steppe serve`). Xapian opens the folder as the union of the shards, since a folder with a
/// file `XAPIANDB` is a stub database to Xapian 1.4 too.
inline constexpr std::string_view SHARD_STUB = "XAPIANDB";
/// Shard i of a sharded index is the glass database in the sub-folder `shard-<i>`. Document
/// `id` lives in shard fnv1a64(id) mod N (internal::shard_of()), with all its passages, its
/// own copy of the metadata above (the searcher checks that the shards agree) and the file
/// records of every source file (each shard records every file it saw).
inline constexpr std::string_view SHARD_FOLDER_PREFIX = "shard-";
/// A comment line in the stub of a new index that `steppe index` writes in parts (shards
/// written in parallel) and merges into one glass database when the build ends. A build
/// killed before its merge leaves a sharded index with this line; the next run merges it.
inline constexpr std::string_view PARTS_MARK =
    "# steppe: a new index written in parts, merged into one database when the build ends";
/// The comment line that follows PARTS_MARK when the parts' commits are not forced to disk
/// (Xapian's DB_NO_SYNC, which saves a writer its waits on the disk), then the Linux boot id
/// of the machine that writes them. Such commits survive a killed process (the page cache
/// keeps them) but not a restart of the machine: a run that finds another boot id here builds
/// the new index again from the start. The merged index is written to disk in full (Xapian's
/// compaction syncs every table) before it takes the parts' place.
inline constexpr std::string_view PARTS_UNSYNCED_MARK = "# steppe: parts not synced, boot ";

}  // namespace steppe::schema
