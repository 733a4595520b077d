#include "steppe/indexer/indexer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "steppe/common/language.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/common/version.hpp"
#include "steppe/internal/clock.hpp"
#include "steppe/internal/stopwords.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe {

using internal::xapian_call;

namespace {

std::string trim_copy(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

/// 64-bit FNV-1a, as 16 hex digits: identifies a document's content and analysis settings.
class Fingerprint {
public:
    void add(std::string_view s) {
        for (const char c : s)
            h_ = (h_ ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        h_ = (h_ ^ 0xFFu) * 1099511628211ULL;  // field separator
    }
    [[nodiscard]] std::string hex() const {
        static const char* digits = "0123456789abcdef";
        std::string out(16, '0');
        for (int i = 0; i < 16; ++i)
            out[static_cast<std::size_t>(15 - i)] = digits[(h_ >> (4 * i)) & 0xF];
        return out;
    }

private:
    std::uint64_t h_ = 1469598103934665603ULL;
};

/// @p bytes as lower-case hex digits, two per byte.
std::string to_hex(std::string_view bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

/// The bytes of to_hex(); "" when @p hex is not hex digits.
std::string from_hex(std::string_view hex) {
    auto value = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        const int hi = value(hex[i]), lo = value(hex[i + 1]);
        if (hi < 0 || lo < 0) return {};
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

std::string file_key(const std::string& path) {
    return internal::bounded_term(schema::META_FILE_PREFIX, path);
}

/// One unit of work, in the order the caller gave it.
struct Item {
    enum class Kind { Add, Remove, FinishFile, RemoveFile };
    Kind kind = Kind::Add;
    Document doc;                  ///< Add: the document (its text is dropped once built).
    std::string key;               ///< Remove: doc id; FinishFile/RemoveFile: path.
    FileRecord record;             ///< FinishFile.
    std::vector<std::string> ids;  ///< FinishFile: documents the file holds now.
    // Built by a Builder (Add only):
    std::vector<Xapian::Document> passages;
    std::set<std::string> spellings;  ///< Words for "did you mean" (their counts come at commit).
    std::string hash, language;
    std::size_t bytes = 0;
};

/// Turns documents into Xapian documents, one per passage. Thread-compatible: one per thread.
class Builder {
public:
    explicit Builder(const IndexerOptions& options)
        : options_(options), analyzer_(options.analyzer) {}

    void build(Item& item) {
        const Document& doc = item.doc;
        // The language given, or the one detected for this document.
        const std::string language =
            options_.language != "auto"
                ? options_.language
                : detect_language(doc.text.empty() ? std::string_view(doc.title) : doc.text);
        item.language = language;
        item.bytes = doc.text.size();
        Fingerprint fp;
        for (const std::string_view part :
             {std::string_view(doc.title), std::string_view(doc.text), std::string_view(doc.type),
              std::string_view(language), std::string_view(doc.path)})
            fp.add(part);
        fp.add(options_.passages.to_json());
        // The first part of a streamed file never fingerprints like a whole document.
        if (!doc.last_part) fp.add("streamed part " + std::to_string(doc.part));
        item.hash = fp.hex();

        const bool stem = Analyzer::has_stemmer(language);
        analyzer_.tokenize(doc.text, tokens_);
        const auto sentences = analyzer_.sentences(doc.text);
        const auto passages =
            split_passages(sentences, tokens_, options_.passages, doc.page_starts);
        analyzer_.tokenize(doc.title, title_tokens_);
        // The weighted title field (schema 3): each title word's stem, on every passage, so a
        // query word in the title lifts whichever passage ranks the document.
        std::vector<std::string> title_field;
        for (const Token& t : title_tokens_)
            title_field.push_back(internal::title_field_term(analyzer_, t, language));
        // A title that is not the text's own first line (JSON records) is searchable as part
        // of the first passage, so a query word found only in the title finds the document.
        const bool title_in_body =
            doc.part == 0 && !doc.title.empty() && trim_copy(doc.text).rfind(doc.title, 0) != 0;
        const std::string id_term = internal::doc_id_term(doc.id);
        const std::string file_term = internal::bounded_term(schema::PREFIX_FILE, doc.path);
        const auto path_terms = internal::path_terms(doc.path);  // for `path:`
        spellings_ = &item.spellings;

        std::uint32_t written = 0;
        for (std::size_t p = 0; p < passages.size(); ++p) {
            const Passage& passage = passages[p];
            if (passage.token_count == 0) continue;
            Xapian::Document xdoc;
            xdoc.set_data(
                doc.text.substr(passage.range.begin, passage.range.end - passage.range.begin));
            Xapian::termpos base = 0;
            if (p == 0 && title_in_body) {
                index_words(xdoc, title_tokens_, 0, title_tokens_.size(), 0, language, stem);
                base = static_cast<Xapian::termpos>(title_tokens_.size() + 1);
            }
            index_words(xdoc, tokens_, passage.first_token, passage.token_count, base, language,
                        stem);
            for (const Token& t : title_tokens_)
                xdoc.add_boolean_term(std::string(schema::PREFIX_TITLE) + t.term);
            for (const std::string& term : title_field)
                xdoc.add_term(term);  // with wdf: BM25 weighs it
            // A later part of a streamed file learns its passage numbers from the writer.
            if (doc.part == 0)
                xdoc.add_boolean_term(internal::bounded_term(
                    schema::PREFIX_PASSAGE_ID, doc.id + "#" + std::to_string(written)));
            xdoc.add_boolean_term(id_term);
            xdoc.add_boolean_term(file_term);
            xdoc.add_boolean_term(std::string(schema::PREFIX_LANGUAGE) + language);
            xdoc.add_boolean_term(std::string(schema::PREFIX_TYPE) + doc.type);
            for (const auto& term : path_terms)
                xdoc.add_boolean_term(term);
            xdoc.add_value(schema::SLOT_DOC_ID, doc.id);
            if (doc.part == 0)
                xdoc.add_value(schema::SLOT_PASSAGE,
                               Xapian::sortable_serialise(static_cast<double>(written)));
            xdoc.add_value(schema::SLOT_PATH, doc.path);
            xdoc.add_value(schema::SLOT_TITLE, doc.title);
            xdoc.add_value(schema::SLOT_RANGE, std::to_string(doc.offset + passage.range.begin) +
                                                   ":" +
                                                   std::to_string(doc.offset + passage.range.end));
            xdoc.add_value(schema::SLOT_LANGUAGE, language);
            xdoc.add_value(schema::SLOT_MTIME,
                           Xapian::sortable_serialise(static_cast<double>(doc.mtime)));
            if (doc.part == 0 && written == 0) xdoc.add_value(schema::SLOT_HASH, item.hash);
            if (!doc.page_starts.empty()) {
                const auto page = std::upper_bound(doc.page_starts.begin(), doc.page_starts.end(),
                                                   passage.range.begin) -
                                  doc.page_starts.begin();
                xdoc.add_value(
                    schema::SLOT_PAGE,
                    Xapian::sortable_serialise(static_cast<double>(std::max<long>(page, 1))));
            }
            item.passages.push_back(std::move(xdoc));
            ++written;
        }
        // The text lives on in the passages' data; free it before the item waits to be written.
        item.doc.text.clear();
        item.doc.text.shrink_to_fit();
    }

private:
    void index_words(Xapian::Document& xdoc, const std::vector<Token>& words, std::size_t first,
                     std::size_t count, Xapian::termpos base, const std::string& language,
                     bool stem) {
        // With folding on, a word's diacritics are kept beside it (`XA`), so café ranks café
        // above cafe.
        const bool accented = options_.analyzer.fold_diacritics;
        // English stopwords in an English passage get no stem term: their exact form is what
        // the searcher looks up (their stem terms, on almost every passage, were about a tenth
        // of the terms the writer had to invert). Nor do they get positions of their own:
        // those go to the one stopword slot term (schema.hpp), so the sixty or so stopword
        // occurrences of a passage make one entry of the position table, not twenty-five.
        const bool english = language == "en";
        const std::string slot(schema::STOPWORD_SLOT);
        for (std::size_t i = first; i < first + count; ++i) {
            const Token& t = words[i];
            const Xapian::termpos position = base + (t.position - words[first].position) + 1;
            const bool stopword = english && internal::is_english_stopword(t.term);
            if (stopword) {
                xdoc.add_term(t.term);
                xdoc.add_posting(slot, position, 0);  // wdf 0: the passage length stays
            } else {
                xdoc.add_posting(t.term, position);
            }
            if (accented && !t.base.empty())
                xdoc.add_term(std::string(schema::PREFIX_ACCENTED) + t.base);
            if (!internal::is_spelling_word(t.term)) continue;  // numbers: no stem either
            if (stem && !stopword)
                xdoc.add_term(std::string(schema::PREFIX_STEM) + analyzer_.stem(t, language));
            if (options_.spelling) spellings_->insert(t.term);
        }
    }

    const IndexerOptions& options_;
    Analyzer analyzer_;
    std::set<std::string>* spellings_ = nullptr;
    std::vector<Token> tokens_, title_tokens_;
};

}  // namespace

struct Indexer::Impl {
    std::string where;
    IndexerOptions options;
    Xapian::WritableDatabase db;
    std::set<std::string> languages;
    IndexerCounts counts;  // written by the writer; read under `mutex` when threaded
    std::size_t pending_passages = 0, pending_bytes = 0;
    // Words of the passages the uncommitted batch added or removed: at commit each gets the
    // spelling frequency of its collection frequency then (schema.hpp), one add_spelling() or
    // remove_spelling() per word however many passages repeat it.
    std::unordered_set<std::string> pending_spellings;
    // Streamed files being written: document id -> number of its next passage.
    std::unordered_map<std::string, std::size_t> next_passage;
    std::unique_ptr<Builder> builder;  // jobs == 1

    // --- The pipeline (jobs > 1): caller -> input -> workers -> done -> writer ------------
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::pair<std::uint64_t, Item>> input;
    std::map<std::uint64_t, Item> done;
    std::uint64_t next_seq = 0, next_write = 0;
    std::size_t in_flight = 0, in_flight_bytes = 0;
    bool stopping = false;
    std::exception_ptr failure;
    std::vector<std::thread> workers;
    std::thread writer;

    // A built passage weighs about 25 times its text (terms, positions, values), so this
    // bounds the memory of analysed documents waiting for the writer to a few hundred MB.
    static constexpr std::size_t MAX_IN_FLIGHT_BYTES = 8u << 20;

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
        db = internal::open_writable(where, flags | (options.sync_commits ? 0 : Xapian::DB_NO_SYNC),
                                     options.block_size);
        xapian_call(where, [&] {
            if (!db.get_metadata(std::string(schema::META_SCHEMA_VERSION)).empty()) {
                const auto info = internal::read_index_info(db, where);
                if (!(info.analyzer == options.analyzer)) {
                    throw IndexError(where +
                                     ": the index was built with other analyser settings; "
                                     "rebuild it with --full to change them");
                }
                languages.insert(info.languages.begin(), info.languages.end());
                const std::string passages = db.get_metadata(std::string(schema::META_PASSAGES));
                if (options.passages_of_index && !passages.empty()) {
                    try {
                        options.passages = PassageOptions::from_json(passages);
                    } catch (const Error& e) {
                        throw IndexError(where + ": " + e.what() +
                                         "; rebuild it with 'steppe index --full'");
                    }
                }
            }
        });
        unsigned jobs = options.jobs == 0 ? std::thread::hardware_concurrency() : options.jobs;
        if (jobs <= 1) {
            builder = std::make_unique<Builder>(options);
            return;
        }
        for (unsigned i = 0; i < jobs; ++i)
            workers.emplace_back([this] { work(); });
        writer = std::thread([this] { write_loop(); });
    }

    ~Impl() { stop(); }

    void stop() noexcept {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        changed.notify_all();
        for (auto& w : workers)
            w.join();
        if (writer.joinable()) writer.join();
        workers.clear();
    }

    // --- Writing (the writer thread, or the caller when jobs == 1) --------------------------

    void write_metadata() {
        std::string langs;
        for (const auto& l : languages)
            langs += (langs.empty() ? "" : ",") + l;
        db.set_metadata(std::string(schema::META_SCHEMA_VERSION), std::to_string(schema::VERSION));
        db.set_metadata(std::string(schema::META_ANALYZER), options.analyzer.to_json());
        db.set_metadata(std::string(schema::META_PASSAGES), options.passages.to_json());
        db.set_metadata(std::string(schema::META_LANGUAGES), langs);
        db.set_metadata(std::string(schema::META_WRITER), version_line());
        db.set_metadata(std::string(schema::META_UPDATED), internal::utc_now());
    }

    void commit_now() {
        update_spellings();
        write_metadata();
        db.commit();
        pending_passages = pending_bytes = 0;
        ++counts.commits;
    }

    /// Gives each word of pending_spellings the spelling frequency of its collection
    /// frequency, which counts the uncommitted batch (Xapian's writable database adds it).
    void update_spellings() {
        if (pending_spellings.empty()) return;
        std::vector<std::string> words(pending_spellings.begin(), pending_spellings.end());
        pending_spellings.clear();
        std::sort(words.begin(), words.end());
        // What the spelling data holds now, read before any change (which would move the
        // iterator's table under it).
        std::vector<Xapian::termcount> have(words.size(), 0);
        {
            Xapian::TermIterator it = db.spellings_begin();
            const Xapian::TermIterator end = db.spellings_end();
            for (std::size_t i = 0; i < words.size() && it != end; ++i) {
                it.skip_to(words[i]);
                if (it != end && *it == words[i]) have[i] = it.get_termfreq();
            }
        }
        for (std::size_t i = 0; i < words.size(); ++i) {
            internal::set_spelling(db, words[i], have[i],
                                   internal::spelling_frequency(db.get_collection_freq(words[i])));
        }
    }

    /// The documents that came from source file @p path.
    std::set<std::string> documents_of_file(const std::string& path) {
        std::set<std::string> ids;
        const std::string term = internal::bounded_term(schema::PREFIX_FILE, path);
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
            ids.insert(db.get_document(*it).get_value(schema::SLOT_DOC_ID));
        return ids;
    }

    /// Removes every passage that carries @p id_term, and their words from the spelling data.
    void delete_passages(const std::string& id_term) {
        if (options.spelling) {
            for (auto p = db.postlist_begin(id_term); p != db.postlist_end(id_term); ++p)
                for (auto t = db.termlist_begin(*p); t != db.termlist_end(*p); ++t)
                    if (internal::is_spelling_word(*t)) pending_spellings.insert(*t);
        }
        db.delete_document(id_term);
    }

    bool delete_document(const std::string& id) {
        const std::string term = internal::doc_id_term(id);
        if (!db.term_exists(term)) return false;
        delete_passages(term);
        ++counts.removed;
        return true;
    }

    void write(Item& item) {
        switch (item.kind) {
            case Item::Kind::Add: {
                const std::string id_term = internal::doc_id_term(item.doc.id);
                std::size_t first = 0;  // number of the item's first passage in its document
                if (item.doc.part > 0) {
                    // A later part of a streamed file: its first part replaced the document.
                    first = next_passage[item.doc.id];
                } else {
                    const auto existing = db.postlist_begin(id_term);
                    if (existing != db.postlist_end(id_term)) {
                        // A streamed file's fingerprint covers its first part only: a
                        // file that changed further on must be rewritten all the same.
                        if (item.doc.last_part &&
                            db.get_document(*existing).get_value(schema::SLOT_HASH) == item.hash) {
                            ++counts.unchanged;
                            return;
                        }
                        delete_passages(id_term);
                        ++counts.updated;
                    } else {
                        ++counts.added;
                    }
                }
                for (std::size_t n = 0; n < item.passages.size(); ++n) {
                    const std::string passage_term = internal::bounded_term(
                        schema::PREFIX_PASSAGE_ID, item.doc.id + "#" + std::to_string(first + n));
                    if (item.doc.part > 0) {
                        item.passages[n].add_boolean_term(passage_term);
                        item.passages[n].add_value(
                            schema::SLOT_PASSAGE,
                            Xapian::sortable_serialise(static_cast<double>(first + n)));
                    }
                    db.replace_document(passage_term, item.passages[n]);
                }
                if (item.doc.last_part)
                    next_passage.erase(item.doc.id);
                else
                    next_passage[item.doc.id] = first + item.passages.size();
                pending_spellings.insert(item.spellings.begin(), item.spellings.end());
                languages.insert(item.language);
                counts.passages += item.passages.size();
                counts.bytes += item.bytes;
                pending_passages += item.passages.size();
                pending_bytes += item.bytes;
                break;
            }
            case Item::Kind::Remove:
                delete_document(item.key);
                break;
            case Item::Kind::FinishFile: {
                const std::string key = file_key(item.key);
                // A file seen before may have lost records since: drop those documents.
                if (!db.get_metadata(key).empty()) {
                    const std::set<std::string> now(item.ids.begin(), item.ids.end());
                    for (const auto& id : documents_of_file(item.key))
                        if (!now.count(id)) delete_document(id);
                }
                nlohmann::json j;
                j["path"] = item.key;
                j["size"] = item.record.size;
                j["mtime"] = item.record.mtime;
                std::string value;
                try {
                    value = j.dump();
                } catch (const nlohmann::json::type_error&) {
                    // A file name that is not UTF-8: JSON cannot hold its bytes, hex can.
                    j.erase("path");
                    j["path_hex"] = to_hex(item.key);
                    value = j.dump();
                }
                db.set_metadata(key, value);
                break;
            }
            case Item::Kind::RemoveFile:
                for (const auto& id : documents_of_file(item.key))
                    delete_document(id);
                db.set_metadata(file_key(item.key), "");
                break;
        }
        if ((options.commit_every_passages > 0 &&
             pending_passages >= options.commit_every_passages) ||
            (options.commit_every_bytes > 0 && pending_bytes >= options.commit_every_bytes))
            commit_now();
    }

    // --- The pipeline -------------------------------------------------------------------------

    void work() {
        std::unique_ptr<Builder> b;
        try {
            b = std::make_unique<Builder>(options);
        } catch (...) {
            fail(std::current_exception());
            return;
        }
        for (;;) {
            std::pair<std::uint64_t, Item> job;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stopping || !input.empty(); });
                if (input.empty()) return;
                job = std::move(input.front());
                input.pop_front();
            }
            try {
                if (job.second.kind == Item::Kind::Add) b->build(job.second);
            } catch (...) {
                fail(std::current_exception());
            }
            {
                std::lock_guard lock(mutex);
                done.emplace(job.first, std::move(job.second));
            }
            changed.notify_all();
        }
    }

    void write_loop() {
        for (;;) {
            Item item;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] {
                    return done.count(next_write) > 0 || (stopping && in_flight == 0);
                });
                if (done.count(next_write) == 0) return;
                auto node = done.extract(next_write);
                item = std::move(node.mapped());
            }
            const std::size_t bytes = item.bytes;
            if (!failure) {
                try {
                    xapian_call(where, [&] { write(item); });
                } catch (...) {
                    fail(std::current_exception());
                }
            }
            {
                std::lock_guard lock(mutex);
                ++next_write;
                --in_flight;
                in_flight_bytes -= std::min(in_flight_bytes, bytes);
            }
            changed.notify_all();
        }
    }

    void fail(std::exception_ptr e) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::move(e);
    }

    void rethrow_failure() {
        std::exception_ptr e;
        {
            std::lock_guard lock(mutex);
            e = failure;
        }
        if (e) std::rethrow_exception(e);
    }

    void submit(Item item) {
        if (builder) {
            if (item.kind == Item::Kind::Add) builder->build(item);
            xapian_call(where, [&] { write(item); });
            return;
        }
        rethrow_failure();
        const std::size_t bytes = item.doc.text.size();
        item.bytes = bytes;
        {
            std::unique_lock lock(mutex);
            // Bounded memory: wait while too much is on its way to the writer.
            // Enough items that a writer busy committing does not stall the caller at once
            // (Wikipedia, 30 MB in 2 parts: 64 a worker 23-26 s, 8 a worker 27-28 s).
            const std::size_t limit = 64 * workers.size();
            changed.wait(lock, [&] {
                return failure || in_flight == 0 ||
                       (in_flight < limit && in_flight_bytes + bytes <= MAX_IN_FLIGHT_BYTES);
            });
            input.emplace_back(next_seq++, std::move(item));
            ++in_flight;
            in_flight_bytes += bytes;
        }
        changed.notify_all();
    }

    /// Waits until every submitted item is written; then the caller may use `db` directly.
    void drain() {
        if (builder) return;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return in_flight == 0; });
        }
        rethrow_failure();
    }
};

Indexer::Indexer(const std::filesystem::path& index_dir, IndexerOptions options)
    : impl_(std::make_unique<Impl>(index_dir, std::move(options))) {}

Indexer::~Indexer() {
    if (!impl_) return;
    try {
        commit();
    } catch (...) {
        // A destructor must not throw; callers who care call commit() themselves.
    }
}

Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

void Indexer::add(Document doc) {
    Item item;
    item.kind = Item::Kind::Add;
    item.doc = std::move(doc);
    impl_->submit(std::move(item));
}

void Indexer::remove(std::string_view doc_id) {
    Item item;
    item.kind = Item::Kind::Remove;
    item.key = std::string(doc_id);
    impl_->submit(std::move(item));
}

void Indexer::finish_file(const std::string& path, FileRecord record,
                          std::vector<std::string> ids) {
    Item item;
    item.kind = Item::Kind::FinishFile;
    item.key = path;
    item.record = record;
    item.ids = std::move(ids);
    impl_->submit(std::move(item));
}

void Indexer::remove_file(const std::string& path) {
    Item item;
    item.kind = Item::Kind::RemoveFile;
    item.key = path;
    impl_->submit(std::move(item));
}

std::map<std::string, FileRecord> Indexer::files() {
    impl_->drain();
    return xapian_call(impl_->where, [&] {
        std::map<std::string, FileRecord> out;
        const std::string prefix(schema::META_FILE_PREFIX);
        auto& db = impl_->db;
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
            const std::string value = db.get_metadata(*it);
            const auto j = nlohmann::json::parse(value, nullptr, false);
            if (j.is_discarded()) continue;
            std::string path;
            if (j.contains("path"))
                path = j["path"].get<std::string>();
            else if (j.contains("path_hex"))
                path = from_hex(j["path_hex"].get<std::string>());
            else
                continue;
            out[path] =
                FileRecord{j.value("size", std::uint64_t{0}), j.value("mtime", std::int64_t{0})};
        }
        return out;
    });
}

void Indexer::commit() {
    impl_->drain();
    xapian_call(impl_->where, [&] { impl_->commit_now(); });
}

IndexerCounts Indexer::counts() const {
    impl_->drain();  // the writer updates the counts; read them when it is idle
    return impl_->counts;
}

}  // namespace steppe
