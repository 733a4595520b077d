#include "steppe/indexer/indexer.hpp"

#include <algorithm>
#include <set>
#include <string>

#include <xapian.h>

#include "steppe/common/language.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/common/version.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe {

using internal::xapian_call;

namespace {

bool starts_with_digit(const std::string& s) {
    return !s.empty() && s[0] >= '0' && s[0] <= '9';
}

std::string trim_copy(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

}  // namespace

struct Indexer::Impl {
    std::string where;
    IndexerOptions options;
    Xapian::WritableDatabase db;
    Analyzer analyzer;
    std::set<std::string> languages;
    IndexerCounts counts;
    std::size_t pending_passages = 0;
    std::vector<Token> tokens, title_tokens;

    Impl(const std::filesystem::path& dir, IndexerOptions opts)
        : where(dir.string()), options(std::move(opts)) {
        if (options.language != "auto") {
            const std::string code = canonical_language_code(options.language);
            if (code.empty()) {
                throw Error("'" + options.language +
                            "' is not a language code (use an ISO 639-1 code such as "
                            "'en', or 'auto')");
            }
            options.language = code;
        }
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) throw IndexError(where + ": cannot create the index folder: " + ec.message());
        const int flags =
            options.overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
        try {
            db = Xapian::WritableDatabase(where, flags | Xapian::DB_BACKEND_GLASS);
        } catch (const Xapian::DatabaseLockError&) {
            throw IndexLockedError(where +
                                   ": the index is locked by another writer (is another "
                                   "'steppe index' running?)");
        } catch (const Xapian::Error& e) {
            throw IndexError(where + ": cannot open the index for writing: " + e.get_description());
        }
        xapian_call(where, [&] {
            if (!db.get_metadata(std::string(schema::META_SCHEMA_VERSION)).empty()) {
                const auto info = internal::read_index_info(db, where);
                if (!(info.analyzer == options.analyzer)) {
                    throw IndexError(where +
                                     ": the index was built with other analyser settings; "
                                     "rebuild it with --full to change them");
                }
                languages.insert(info.languages.begin(), info.languages.end());
            }
        });
        analyzer = Analyzer(options.analyzer);
    }

    /// The language a document is analysed in: the one given, or the one detected.
    std::string language_of(const Document& doc) const {
        if (options.language != "auto") return options.language;
        return detect_language(doc.text.empty() ? doc.title : doc.text);
    }

    void write_metadata() {
        std::string langs;
        for (const auto& l : languages)
            langs += (langs.empty() ? "" : ",") + l;
        db.set_metadata(std::string(schema::META_SCHEMA_VERSION), std::to_string(schema::VERSION));
        db.set_metadata(std::string(schema::META_ANALYZER), options.analyzer.to_json());
        db.set_metadata(std::string(schema::META_PASSAGES), options.passages.to_json());
        db.set_metadata(std::string(schema::META_LANGUAGES), langs);
        db.set_metadata(std::string(schema::META_WRITER), version_line());
    }

    void index_words(Xapian::Document& xdoc, const std::vector<Token>& words, std::size_t first,
                     std::size_t count, Xapian::termpos base, const std::string& language,
                     bool stem) {
        const bool accented = options.analyzer.fold_diacritics;
        for (std::size_t i = first; i < first + count; ++i) {
            const Token& t = words[i];
            xdoc.add_posting(t.term, base + (t.position - words[first].position) + 1);
            if (!t.base.empty() && accented)
                xdoc.add_term(std::string(schema::PREFIX_ACCENTED) + t.base);
            if (stem && !starts_with_digit(t.term))
                xdoc.add_term(std::string(schema::PREFIX_STEM) + analyzer.stem(t, language));
        }
    }

    std::size_t add(const Document& doc) {
        const std::string language = language_of(doc);
        const bool stem = Analyzer::has_stemmer(language);
        analyzer.tokenize(doc.text, tokens);
        const auto sentences = analyzer.sentences(doc.text);
        const auto passages = split_passages(sentences, tokens, options.passages);
        analyzer.tokenize(doc.title, title_tokens);
        // A title that is not the text's own first line (JSON records) is searchable as part of
        // the first passage, so a query word found only in the title still finds the document.
        const bool title_in_body =
            !doc.title.empty() && trim_copy(doc.text).rfind(doc.title, 0) != 0;

        const std::string id_term = internal::doc_id_term(doc.id);
        if (db.term_exists(id_term)) {
            db.delete_document(id_term);
            ++counts.removed;
        }
        std::size_t written = 0;
        for (std::size_t p = 0; p < passages.size(); ++p) {
            const Passage& passage = passages[p];
            if (passage.token_count == 0) continue;
            Xapian::Document xdoc;
            xdoc.set_data(
                doc.text.substr(passage.range.begin, passage.range.end - passage.range.begin));
            Xapian::termpos base = 0;
            if (p == 0 && title_in_body) {
                index_words(xdoc, title_tokens, 0, title_tokens.size(), 0, language, stem);
                base = static_cast<Xapian::termpos>(title_tokens.size() + 1);
            }
            index_words(xdoc, tokens, passage.first_token, passage.token_count, base, language,
                        stem);
            for (const Token& t : title_tokens)
                xdoc.add_boolean_term(std::string(schema::PREFIX_TITLE) + t.term);
            const std::string unique = internal::bounded_term(
                schema::PREFIX_PASSAGE_ID, doc.id + "#" + std::to_string(written));
            xdoc.add_boolean_term(unique);
            xdoc.add_boolean_term(id_term);
            xdoc.add_boolean_term(std::string(schema::PREFIX_LANGUAGE) + language);
            xdoc.add_boolean_term(std::string(schema::PREFIX_TYPE) + doc.type);
            xdoc.add_value(schema::SLOT_DOC_ID, doc.id);
            xdoc.add_value(schema::SLOT_PASSAGE,
                           Xapian::sortable_serialise(static_cast<double>(written)));
            xdoc.add_value(schema::SLOT_PATH, doc.path);
            xdoc.add_value(schema::SLOT_TITLE, doc.title);
            xdoc.add_value(schema::SLOT_RANGE, std::to_string(passage.range.begin) + ":" +
                                                   std::to_string(passage.range.end));
            xdoc.add_value(schema::SLOT_LANGUAGE, language);
            xdoc.add_value(schema::SLOT_MTIME,
                           Xapian::sortable_serialise(static_cast<double>(doc.mtime)));
            db.replace_document(unique, xdoc);
            ++written;
        }
        languages.insert(language);
        ++counts.documents;
        counts.passages += written;
        counts.bytes += doc.text.size();
        pending_passages += written;
        if (options.commit_every_passages > 0 && pending_passages >= options.commit_every_passages)
            commit();
        return written;
    }

    void commit() {
        write_metadata();
        db.commit();
        pending_passages = 0;
    }
};

Indexer::Indexer(const std::filesystem::path& index_dir, IndexerOptions options)
    : impl_(std::make_unique<Impl>(index_dir, std::move(options))) {}

Indexer::~Indexer() {
    if (!impl_) return;
    try {
        impl_->commit();
    } catch (...) {
        // A destructor must not throw; callers who care call commit() themselves.
    }
}

Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

std::size_t Indexer::add(const Document& doc) {
    return xapian_call(impl_->where, [&] { return impl_->add(doc); });
}

bool Indexer::remove(std::string_view doc_id) {
    return xapian_call(impl_->where, [&] {
        const std::string term = internal::doc_id_term(doc_id);
        if (!impl_->db.term_exists(term)) return false;
        impl_->db.delete_document(term);
        ++impl_->counts.removed;
        return true;
    });
}

void Indexer::commit() {
    xapian_call(impl_->where, [&] { impl_->commit(); });
}

const IndexerCounts& Indexer::counts() const noexcept {
    return impl_->counts;
}

}  // namespace steppe
