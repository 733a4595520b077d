#pragma once
/// @file
/// Internal to steppe's libraries (not installed): translating Xapian's exceptions, which do
/// not derive from std::exception, into steppe's at each module boundary, and the index
/// metadata that both sides read.

#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/common/schema.hpp"

namespace steppe::internal {

/// Appended to the message of an index that Xapian finds damaged when opening it (a corrupt
/// or truncated table): the way out.
inline constexpr std::string_view DAMAGED_HINT =
    " (the index is damaged: rebuild it with 'steppe index --full')";

/// Opens the glass database in @p where for writing (Xapian @p flags such as
/// DB_CREATE_OR_OPEN), taking its write lock. Xapian reports a folder it cannot write
/// (read-only, full) as a lock failure too, so that is told apart: IndexError naming why;
/// a lock held by another writer: IndexLockedError; anything else: IndexError.
inline Xapian::WritableDatabase open_writable(const std::string& where, int flags,
                                              int block_size = 0) {
    try {
        return Xapian::WritableDatabase(where, flags | Xapian::DB_BACKEND_GLASS, block_size);
    } catch (const Xapian::DatabaseLockError&) {
        if (::access(where.c_str(), W_OK) != 0)
            throw IndexError(where + ": cannot write the index: " + std::strerror(errno));
        throw IndexLockedError(where +
                               ": the index is locked by another writer (is another "
                               "'steppe index' running?)");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw IndexError(where + ": cannot open the index for writing: " + e.get_description());
    } catch (const Xapian::DatabaseError& e) {
        throw IndexError(where + ": cannot open the index for writing: " + e.get_description() +
                         std::string(DAMAGED_HINT));
    } catch (const Xapian::Error& e) {
        throw IndexError(where + ": cannot open the index for writing: " + e.get_description());
    }
}

/// Runs @p f, rethrowing Xapian's exceptions as steppe's with @p what as context.
template <class F>
auto xapian_call(std::string_view what, F&& f) -> decltype(f()) {
    try {
        return std::forward<F>(f)();
    } catch (const Xapian::DatabaseLockError& e) {
        throw IndexLockedError(std::string(what) + ": " + e.get_msg());
    } catch (const Xapian::DatabaseError& e) {
        throw IndexError(std::string(what) + ": " + e.get_description());
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(e.get_msg());
    } catch (const Xapian::Error& e) {
        throw Error(std::string(what) + ": " + e.get_description());
    }
}

/// A term of @p prefix + @p text that fits Xapian's 245-byte term limit: texts that would not
/// fit are cut and end in '#' plus a 64-bit FNV-1a hash of the whole text, so distinct long
/// ids still make distinct terms.
inline std::string bounded_term(std::string_view prefix, std::string_view text) {
    constexpr std::size_t LIMIT = 240;
    std::string term(prefix);
    if (prefix.size() + text.size() <= LIMIT) return term.append(text);
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : text)
        h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    static const char* hex = "0123456789abcdef";
    std::string suffix = "#";
    for (int i = 60; i >= 0; i -= 4)
        suffix += hex[(h >> i) & 0xF];
    std::size_t keep = LIMIT - prefix.size() - suffix.size();
    while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80)
        --keep;
    return term.append(text.substr(0, keep)).append(suffix);
}

/// True when the indexed word @p term goes into the spelling data (schema.hpp): an unprefixed
/// term (a body word; prefixes start with an ASCII capital) that does not start with a digit.
inline bool is_spelling_word(std::string_view term) {
    return !term.empty() && !(term[0] >= '0' && term[0] <= '9') &&
           !(term[0] >= 'A' && term[0] <= 'Z');
}

/// The spelling frequency of a word that occurs @p cf times in the index (schema.hpp): @p cf,
/// or 0 (not in the spelling data) below schema::SPELLING_MIN_FREQ.
inline Xapian::termcount spelling_frequency(Xapian::termcount cf) {
    return cf >= schema::SPELLING_MIN_FREQ ? cf : 0;
}

/// Moves @p word's spelling frequency in @p db from @p have to @p want; false when they are
/// equal (nothing to do).
inline bool set_spelling(Xapian::WritableDatabase& db, const std::string& word,
                         Xapian::termcount have, Xapian::termcount want) {
    if (want > have)
        db.add_spelling(word, want - have);
    else if (want < have)
        db.remove_spelling(word, have - want);
    return want != have;
}

/// The term that every passage of document @p doc_id carries.
inline std::string doc_id_term(std::string_view doc_id) {
    return bounded_term(schema::PREFIX_DOC_ID, doc_id);
}

/// The title field term (`XS`) of title word @p t in a passage of language @p language, the
/// same for the indexer and the query: its stem in that language, else the word itself (a
/// language without a stemmer, a word starting with a digit).
inline std::string title_field_term(Analyzer& analyzer, const Token& t,
                                    const std::string& language) {
    const bool digit = !t.term.empty() && t.term[0] >= '0' && t.term[0] <= '9';
    std::string term(schema::PREFIX_TITLE_FIELD);
    return term.append(Analyzer::has_stemmer(language) && !digit ? analyzer.stem(t, language)
                                                                 : t.term);
}

/// The path prefix terms of @p path: `XP` + each leading chain of its components
/// ("a/b/c.txt" gives XPa, XPa/b, XPa/b/c.txt), a leading "./" or "/" dropped.
inline std::vector<std::string> path_terms(std::string_view path) {
    while (path.rfind("./", 0) == 0)
        path.remove_prefix(2);
    while (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < path.size()) {
        auto slash = path.find('/', at);
        if (slash == std::string_view::npos) slash = path.size();
        if (slash > at) out.push_back(bounded_term(schema::PREFIX_PATH, path.substr(0, slash)));
        at = slash + 1;
    }
    return out;
}

/// What the indexer recorded about an index.
struct IndexInfo {
    int schema_version = 0;
    AnalyzerSettings analyzer;
    std::vector<std::string> languages;  ///< Languages of the passages, for query stemming.
};

inline std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const auto item =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) out.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

/// Reads and checks an index's metadata.
/// @throws IndexError naming @p where when it is not a steppe index of this schema version.
inline IndexInfo read_index_info(const Xapian::Database& db, const std::string& where) {
    IndexInfo info;
    const std::string version = db.get_metadata(std::string(schema::META_SCHEMA_VERSION));
    if (version.empty()) {
        if (db.get_doccount() == 0 && db.get_metadata(std::string(schema::META_WRITER)).empty())
            throw IndexError(where + ": the index is empty (run 'steppe index' first)");
        throw IndexError(where + ": not a steppe index (no schema version)");
    }
    try {
        info.schema_version = std::stoi(version);
    } catch (const std::exception&) {
        throw IndexError(where + ": unreadable schema version '" + version + "'");
    }
    if (info.schema_version != schema::VERSION) {
        throw IndexError(where + ": index schema version " + version +
                         " is not the version this steppe reads (" +
                         std::to_string(schema::VERSION) +
                         "); rebuild it with 'steppe index --full'");
    }
    try {
        info.analyzer =
            AnalyzerSettings::from_json(db.get_metadata(std::string(schema::META_ANALYZER)));
    } catch (const IndexError&) {
        throw;
    } catch (const Error& e) {
        throw IndexError(where + ": " + e.what() + "; rebuild it with 'steppe index --full'");
    }
    info.languages = split_list(db.get_metadata(std::string(schema::META_LANGUAGES)));
    return info;
}

}  // namespace steppe::internal
