// Acceptance tests of the analyser over the Universal Declaration of Human Rights in many
// languages (../shared/data/multilingual, one paragraph per line).
//
// Design: every language file is one document (its id is the file name), indexed together
// into one index with language detection on, as `steppe index` does by default. A word
// sampled from a file, searched alone, must find that file's document among the first 10 hits,
// and every highlight of that hit must cover exactly a word of the original file whose term
// is the query's term (or shares its stem in the document's language). Documents by line would
// not work: a frequent word ("the", "и", "的") is in dozens of lines of its own file, and any of
// them is as good a passage as the one it was sampled from.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/language.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/indexer/indexer.hpp"
#include "steppe/searcher/searcher.hpp"
#include "test_support.hpp"

namespace {

using steppe::test::TempDir;

struct Language {
    const char* file;      ///< File name without ".txt".
    const char* detected;  ///< The code detect_language() must find.
};

// The languages the acceptance criteria list, plus the other dictionary-segmented scripts
// (Lao, Khmer, Burmese) and a few more stemmed and unstemmed ones.
constexpr Language LANGUAGES[] = {
    {"en", "en"}, {"ru", "ru"}, {"kk", "kk"}, {"zh-Hans", "zh"}, {"zh-Hant", "zh"},
    {"ja", "ja"}, {"th", "th"}, {"ar", "ar"}, {"he", "he"},      {"de", "de"},
    {"fr", "fr"}, {"tr", "tr"}, {"el", "el"}, {"hi", "hi"},      {"ko", "ko"},
    {"vi", "vi"}, {"lo", "lo"}, {"km", "km"}, {"my", "my"},      {"es", "es"},
    {"uk", "uk"}, {"hy", "hy"}, {"ka", "ka"}, {"fa", "fa"},      {"nb", "nb"},
};

constexpr std::size_t SAMPLES = 200;
constexpr std::uint32_t SEED = 20261127;
constexpr std::string_view ELLIPSIS = "\xE2\x80\xA6";

std::filesystem::path udhr(const std::string& file) {
    return steppe::test::shared_dir() / "data" / "multilingual" / (file + ".txt");
}

bool all_digits(const std::string& term) {
    return std::all_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// One index over every listed language, built once for all tests of this file.
struct UdhrIndex {
    TempDir dir;
    std::map<std::string, std::string> texts;  ///< file -> text

    UdhrIndex() {
        steppe::IndexerOptions options;  // language "auto": detected per document
        steppe::Indexer indexer(dir.path(), options);
        // Every file of the collection, so that a word shared by many languages ("a", "de",
        // "1") has many documents to rank; the listed languages are the ones sampled.
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(udhr("en").parent_path())) {
            if (entry.path().extension() == ".txt") files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            steppe::Document doc;
            doc.id = file.stem().string();
            doc.path = file.string();
            doc.text = steppe::test::read_file(file);
            // The title is the first line, as `steppe index` takes it: a title that is not in
            // the text would be indexed into the first passage, matching without a highlight.
            doc.title = doc.text.substr(0, doc.text.find('\n'));
            doc.type = "txt";
            texts[doc.id] = doc.text;
            indexer.add(doc);
        }
        indexer.commit();
    }

    static UdhrIndex& get() {
        static UdhrIndex index;
        return index;
    }
};

/// Where @p snippet's text starts in @p text, or npos.
std::size_t locate_snippet(const std::string& text, const steppe::Snippet& snippet,
                           std::size_t& prefix) {
    std::string_view core = snippet.text;
    prefix = 0;
    if (core.substr(0, ELLIPSIS.size()) == ELLIPSIS) {
        core.remove_prefix(ELLIPSIS.size());
        prefix = ELLIPSIS.size();
    }
    if (core.size() >= ELLIPSIS.size() && core.substr(core.size() - ELLIPSIS.size()) == ELLIPSIS)
        core.remove_suffix(ELLIPSIS.size());
    std::string flat = text;
    std::replace_if(
        flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return flat.find(core);
}

}  // namespace

TEST_CASE("udhr: each language's document is detected as that language", "[udhr][language]") {
    auto& index = UdhrIndex::get();
    Xapian::Database db(index.dir.path().string());
    for (const auto& l : LANGUAGES) {
        CAPTURE(l.file);
        CHECK(steppe::detect_language(index.texts[l.file]) == l.detected);
        // Every passage of the document carries the detected code.
        const std::string id_term = std::string(steppe::schema::PREFIX_DOC_ID) + l.file;
        const std::string lang_term = std::string(steppe::schema::PREFIX_LANGUAGE) + l.detected;
        std::size_t passages = 0, tagged = 0;
        for (auto it = db.postlist_begin(id_term); it != db.postlist_end(id_term); ++it) {
            ++passages;
            const auto doc = db.get_document(*it);
            auto t = doc.termlist_begin();
            t.skip_to(lang_term);
            if (t != doc.termlist_end() && *t == lang_term) ++tagged;
            CHECK(doc.get_value(steppe::schema::SLOT_LANGUAGE) == l.detected);
        }
        CHECK(passages > 0);
        CHECK(tagged == passages);
    }
}

TEST_CASE("udhr: sampled words find their own document and highlight original words",
          "[udhr][search]") {
    auto& index = UdhrIndex::get();
    steppe::Searcher searcher(index.dir.path());
    steppe::Analyzer analyzer;
    std::mt19937 rng(SEED);
    std::ostringstream report;
    report << "udhr: hit rate of " << SAMPLES << " sampled words per language (top 10):\n";
    std::size_t total_misses = 0;

    for (const auto& l : LANGUAGES) {
        const std::string& text = index.texts[l.file];
        const auto tokens = analyzer.tokenize(text);
        std::vector<steppe::Token> words;
        for (const auto& t : tokens) {
            if (!all_digits(t.term)) words.push_back(t);
        }
        REQUIRE(words.size() > SAMPLES);
        std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
        std::size_t hits = 0, bad_highlights = 0;
        std::vector<std::string> missed, bad;
        for (std::size_t s = 0; s < SAMPLES; ++s) {
            const steppe::Token& w = words[pick(rng)];
            const std::string query = text.substr(w.begin, w.end - w.begin);
            steppe::SearchOptions options;
            options.limit = 10;
            const auto results = searcher.search(query, options);
            const auto hit = std::find_if(results.hits.begin(), results.hits.end(),
                                          [&](const steppe::Hit& h) { return h.id == l.file; });
            if (hit == results.hits.end()) {
                missed.push_back(query);
                continue;
            }
            ++hits;
            // Every highlight covers exactly one word of the original text (or adjacent ones,
            // merged), each matching the query word exactly or by stem.
            const auto query_tokens = analyzer.tokenize(query);
            std::size_t prefix = 0;
            const std::size_t at = locate_snippet(text, hit->snippet, prefix);
            bool ok = at != std::string::npos && !hit->snippet.highlights.empty();
            for (const auto& h : hit->snippet.highlights) {
                if (!ok) break;
                const std::size_t b = at + h.begin - prefix;
                const std::size_t e = at + h.end - prefix;
                auto first = std::find_if(tokens.begin(), tokens.end(),
                                          [&](const steppe::Token& t) { return t.begin == b; });
                if (first == tokens.end()) {
                    ok = false;
                    break;
                }
                for (auto t = first; t != tokens.end() && t->begin < e; ++t) {
                    const bool matches = std::any_of(
                        query_tokens.begin(), query_tokens.end(), [&](const steppe::Token& q) {
                            return q.term == t->term ||
                                   analyzer.stem(q, l.detected) == analyzer.stem(*t, l.detected);
                        });
                    if (!matches || t->end > e) ok = false;
                    if (t->end == e) break;
                }
            }
            if (!ok) {
                ++bad_highlights;
                bad.push_back("'" + query + "' in '" + hit->snippet.text + "'");
            }
        }
        total_misses += SAMPLES - hits;
        report << "  " << std::left << std::setw(8) << l.file << std::right << std::setw(4) << hits
               << "/" << SAMPLES << " = " << std::fixed << std::setprecision(1)
               << 100.0 * static_cast<double>(hits) / SAMPLES << "%";
        if (!missed.empty()) {
            report << "  missed:";
            for (std::size_t m = 0; m < std::min<std::size_t>(missed.size(), 5); ++m)
                report << " '" << missed[m] << "'";
        }
        report << '\n';
        for (const auto& b : bad)
            report << "    bad highlight: " << b << '\n';
        CAPTURE(l.file);
        CHECK(hits == SAMPLES);
        CHECK(bad_highlights == 0);
    }
    std::cout << report.str() << std::flush;
    CHECK(total_misses == 0);
}

TEST_CASE("udhr: a two-character Chinese word finds its passage and highlights only it",
          "[udhr][cjk]") {
    auto& index = UdhrIndex::get();
    steppe::Searcher searcher(index.dir.path());
    for (const char* file : {"zh-Hans", "zh-Hant"}) {
        CAPTURE(file);
        const std::string& text = index.texts[file];
        // 权利 / 權利 (rights) and 自由 (freedom): words of two characters (6 bytes) in the text.
        for (const std::string word :
             {std::string(std::string(file) == "zh-Hans" ? "权利" : "權利"), std::string("自由")}) {
            CAPTURE(word);
            REQUIRE(text.find(word) != std::string::npos);
            const auto results = searcher.search(word);
            const auto hit = std::find_if(results.hits.begin(), results.hits.end(),
                                          [&](const steppe::Hit& h) { return h.id == file; });
            REQUIRE(hit != results.hits.end());
            REQUIRE_FALSE(hit->snippet.highlights.empty());
            for (const auto& h : hit->snippet.highlights)
                CHECK(hit->snippet.text.substr(h.begin, h.end - h.begin) == word);
        }
    }
}

TEST_CASE("udhr: a Thai word finds its passage", "[udhr][thai]") {
    auto& index = UdhrIndex::get();
    steppe::Searcher searcher(index.dir.path());
    const std::string& text = index.texts["th"];
    const std::string word = "เสรีภาพ";  // freedom
    REQUIRE(text.find(word) != std::string::npos);
    const auto results = searcher.search(word);
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits.front().id == "th");
    REQUIRE_FALSE(results.hits.front().snippet.highlights.empty());
    for (const auto& h : results.hits.front().snippet.highlights)
        CHECK(results.hits.front().snippet.text.substr(h.begin, h.end - h.begin) == word);
}

TEST_CASE("udhr: the ASCII fast path finds ICU's words in every language", "[udhr][fast]") {
    auto& index = UdhrIndex::get();
    steppe::AnalyzerSettings icu_only;
    icu_only.ascii_fast_path = false;
    steppe::Analyzer fast;
    steppe::Analyzer icu(icu_only);
    for (const auto& [file, text] : index.texts) {
        CAPTURE(file);
        const auto a = fast.tokenize(text);
        const auto b = icu.tokenize(text);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].term == b[i].term);
            CHECK(a[i].base == b[i].base);
            CHECK(a[i].begin == b[i].begin);
            CHECK(a[i].end == b[i].end);
            CHECK(a[i].position == b[i].position);
        }
    }
}
