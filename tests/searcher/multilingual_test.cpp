// One analyser on both sides: words written differently (accents, case, width, script
// variants, inflection) find each other through an index, and exact forms rank first.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "index_fixture.hpp"
#include "steppe/common/error.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/indexer/indexer.hpp"
#include "steppe/searcher/searcher.hpp"
#include "test_support.hpp"

namespace {

using steppe::test::build_index;
using steppe::test::TempDir;

steppe::Document doc(const std::string& id, const std::string& text) {
    return steppe::test::text_document(id, text);
}

std::vector<std::string> ids(steppe::Searcher& searcher, const std::string& query) {
    std::vector<std::string> out;
    for (const auto& h : searcher.search(query).hits)
        out.push_back(h.id);
    return out;
}

std::string first_highlight(const steppe::Hit& hit) {
    REQUIRE_FALSE(hit.snippet.highlights.empty());
    const auto& h = hit.snippet.highlights.front();
    return hit.snippet.text.substr(h.begin, h.end - h.begin);
}

}  // namespace

TEST_CASE("multilingual: spelling variants find each other", "[multilingual]") {
    struct Case {
        const char* indexed;  ///< A document holding this word...
        const char* query;    ///< ...is found by this query.
    };
    const Case cases[] = {
        {"We met at the café on Abai avenue.", "cafe"},
        {"We met at the cafe on Abai avenue.", "café"},
        {"Die Straße war lang und leer.", "strasse"},
        {"Die strasse war lang und leer.", "Straße"},
        {"Kazakhstan held a referendum on reforms.", "ＫＡＺＡＫＨＳＴＡＮ"},
        {"Bir gün istanbul sokaklarında yürüdük ve konuştuk.", "İstanbul"},
        {"Парламент обсудил новая реформа образования в стране.", "реформы"},
        {"A naïve reading of the law was rejected.", "naive"},
        {"Ёлка стояла в зале всю зиму до марта.", "елка"},
        {"The ﬁnance committee met twice.", "finance"},
        {"Elle cherche la liberté de l’homme et du citoyen.", "homme"},
        {"Mr O’Brien didn't answer the letter.", "O'Brien"},
        {"Mr O'Brien didn't answer the letter.", "o’brien"},
        {"A state-of-the-art index was built last year.", "art"},
        {"A state-of-the-art index was built last year.", "state-of-the-art"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.indexed, c.query);
        TempDir dir;
        build_index(dir,
                    {doc("doc", c.indexed), doc("other", "Nothing relevant is written here.")});
        steppe::Searcher searcher(dir.path());
        const auto results = searcher.search(c.query);
        REQUIRE(results.hits.size() == 1);
        CHECK(results.hits[0].id == "doc");
        CHECK_FALSE(results.hits[0].snippet.highlights.empty());
    }
}

TEST_CASE("multilingual: a highlight covers the original spelling", "[multilingual]") {
    TempDir dir;
    build_index(dir, {doc("de", "Die Hauptstraße ist breit. Eine STRASSE in Almaty ist lang.")});
    steppe::Searcher searcher(dir.path());
    const auto results = searcher.search("straße");
    REQUIRE(results.hits.size() == 1);
    CHECK(first_highlight(results.hits[0]) == "STRASSE");

    TempDir full;
    build_index(full, {doc("fw", "Ｋａｚａｋｈｓｔａｎ　ｉｓ　ｗｉｄｅ．")});
    steppe::Searcher fw(full.path());
    const auto fw_results = fw.search("kazakhstan");
    REQUIRE(fw_results.hits.size() == 1);
    CHECK(first_highlight(fw_results.hits[0]) == "Ｋａｚａｋｈｓｔａｎ");
}

TEST_CASE("multilingual: the exact form ranks above a stemmed match", "[multilingual][stem]") {
    TempDir dir;
    // Same length, one word differs: "reforms" (exact) against "reformed" (same stem).
    build_index(dir,
                {doc("stem", "The government reformed the courts of the country this year."),
                 doc("exact", "The government reforms the courts of the country this year."),
                 doc("ru-stem", "Правительство провело реформа судов страны в этом году."),
                 doc("ru-exact", "Правительство провело реформы судов страны в этом году.")},
                {});
    steppe::Searcher searcher(dir.path());
    CHECK(ids(searcher, "reforms") == std::vector<std::string>{"exact", "stem"});
    CHECK(ids(searcher, "реформы") == std::vector<std::string>{"ru-exact", "ru-stem"});
}

TEST_CASE("multilingual: --keep-diacritics keeps café and cafe apart", "[multilingual]") {
    TempDir dir;
    steppe::IndexerOptions options;
    options.analyzer.fold_diacritics = false;
    // English: its stemmer leaves both words alone (French Snowball cuts both to "caf").
    options.language = "en";
    build_index(dir, {doc("accent", "We met at the café."), doc("plain", "We met at the cafe.")},
                options);
    steppe::Searcher searcher(dir.path());
    CHECK(ids(searcher, "café") == std::vector<std::string>{"accent"});
    CHECK(ids(searcher, "cafe") == std::vector<std::string>{"plain"});
    // Case and width still fold.
    CHECK(ids(searcher, "CAFÉ") == std::vector<std::string>{"accent"});
}

TEST_CASE("multilingual: Kazakh and Turkish letters without decomposition stay", "[multilingual]") {
    TempDir dir;
    build_index(
        dir, {doc("kk", "Қазақстан Республикасы өзін демократиялық мемлекет ретінде орнықтырады."),
              doc("plain", "Казакстан Республикасы озин демократиялык мемлекет ретинде.")});
    steppe::Searcher searcher(dir.path());
    CHECK(ids(searcher, "ҚАЗАҚСТАН") == std::vector<std::string>{"kk"});
    CHECK(ids(searcher, "казакстан") == std::vector<std::string>{"plain"});
}

TEST_CASE("multilingual: a word typed with diacritics ranks them first", "[multilingual]") {
    TempDir dir;
    // Doc ids sort "a-plain" first, so equal scores would put it first.
    build_index(dir, {doc("a-plain", "We met at the cafe on Abai avenue."),
                      doc("b-accent", "We met at the café on Abai avenue.")});
    steppe::Searcher searcher(dir.path());
    CHECK(ids(searcher, "café") == std::vector<std::string>{"b-accent", "a-plain"});
    const auto plain = ids(searcher, "cafe");
    CHECK(plain.size() == 2);
}

TEST_CASE("multilingual: each document's language is detected and recorded",
          "[multilingual][language]") {
    TempDir dir;
    build_index(dir, {doc("en",
                          "All human beings are born free and equal in dignity and rights. They "
                          "are endowed with reason and conscience."),
                      doc("ru",
                          "Все люди рождаются свободными и равными в своем достоинстве и "
                          "правах. Они наделены разумом и совестью.")});
    {
        Xapian::Database db(dir.path().string());
        CHECK(db.get_metadata(std::string(steppe::schema::META_LANGUAGES)) == "en,ru");
        CHECK(db.term_exists("Len"));
        CHECK(db.term_exists("Lru"));
    }
    // Russian stems find the Russian document: "свободный" shares the stem of "свободными".
    steppe::Searcher searcher(dir.path());
    CHECK(ids(searcher, "свободный") == std::vector<std::string>{"ru"});
    CHECK(ids(searcher, "rights") == std::vector<std::string>{"en"});

    TempDir fixed;
    steppe::IndexerOptions options;
    options.language = "kk";
    build_index(fixed,
                {doc("en", "All human beings are born free and equal in dignity and rights.")},
                options);
    Xapian::Database db(fixed.path().string());
    CHECK(db.get_metadata(std::string(steppe::schema::META_LANGUAGES)) == "kk");
    CHECK(db.term_exists("Lkk"));
    CHECK_FALSE(db.term_exists("Len"));
}

TEST_CASE("multilingual: the searcher refuses an index whose analyser it does not know",
          "[multilingual][schema]") {
    TempDir dir;
    build_index(dir, {doc("en", "Rivers and lakes.")});
    {
        Xapian::WritableDatabase db(dir.path().string(), Xapian::DB_OPEN);
        std::string settings = db.get_metadata(std::string(steppe::schema::META_ANALYZER));
        const std::string ours = "snowball-by-passage-language";
        settings.replace(settings.find(ours), ours.size(), "lancaster");
        db.set_metadata(std::string(steppe::schema::META_ANALYZER), settings);
        db.commit();
    }
    CHECK_THROWS_AS(steppe::Searcher(dir.path()), steppe::IndexError);
    {
        Xapian::WritableDatabase db(dir.path().string(), Xapian::DB_OPEN);
        db.set_metadata(std::string(steppe::schema::META_ANALYZER),
                        steppe::AnalyzerSettings{}.to_json());
        db.set_metadata(std::string(steppe::schema::META_SCHEMA_VERSION), "1");
        db.commit();
    }
    CHECK_THROWS_AS(steppe::Searcher(dir.path()), steppe::IndexError);
}

TEST_CASE("multilingual: a language that is not a code is refused before anything is written",
          "[multilingual][language]") {
    TempDir dir;
    steppe::IndexerOptions options;
    options.language = "english!";
    CHECK_THROWS_AS(steppe::Indexer(dir / "index", options), steppe::Error);
    CHECK_FALSE(std::filesystem::exists(dir / "index"));
}

TEST_CASE("multilingual: exact_weight sets how much the exact form adds to its stem",
          "[multilingual][stem]") {
    TempDir dir;
    build_index(dir, {doc("stem", "The government reformed the courts of the country this year."),
                      doc("exact", "The government reforms the courts of the country this year.")});
    steppe::Searcher searcher(dir.path());
    auto scores = [&](double weight) {
        steppe::SearchOptions o;
        o.exact_weight = weight;
        const auto r = searcher.search("reforms", o);
        REQUIRE(r.hits.size() == 2);
        return std::pair{r.hits[0], r.hits[1]};
    };
    // Stems only: both passages score the same (ties go by document id).
    const auto [a0, b0] = scores(0.0);
    CHECK(a0.score == Approx(b0.score));
    // The default (in an index of one stemming language) adds a quarter of the exact form's
    // weight: exact first.
    const auto [a, b] = scores(steppe::SearchOptions{}.exact_weight);
    const auto [a25, b25] = scores(0.25);
    CHECK(a.score == Approx(a25.score));
    CHECK(b.score == Approx(b25.score));
    CHECK(a.id == "exact");
    CHECK(a.score > b.score);
    CHECK(b.score == Approx(b0.score));
    // 1 counts the exact form as much as the stem (steppe 0.1's ranking).
    const auto [a1, b1] = scores(1.0);
    CHECK(a1.id == "exact");
    CHECK(a1.score > a.score);
    CHECK(a.score - b.score == Approx(0.25 * (a1.score - b1.score)));
}

TEST_CASE("feedback: pseudo-relevance feedback finds documents through expansion stems",
          "[feedback]") {
    TempDir dir;
    build_index(dir, {doc("a", "Apple orchards need pruning of the orchard trees every winter."),
                      doc("b", "Pruning orchard trees in winter keeps the orchard healthy."),
                      doc("c", "The river delta floods every spring."),
                      doc("d", "Mountain passes close in the snow.")});
    steppe::Searcher searcher(dir.path());
    steppe::SearchOptions off;
    CHECK(steppe::SearchOptions{}.feedback_docs == 0);  // off by default
    const auto plain = searcher.search("apple", off);
    REQUIRE(plain.hits.size() == 1);
    CHECK(plain.hits[0].id == "a");
    steppe::SearchOptions on;
    on.feedback_docs = 1;
    on.feedback_terms = 5;
    on.feedback_weight = 0.5;
    const auto expanded = searcher.search("apple", on);
    REQUIRE(expanded.hits.size() == 2);
    CHECK(expanded.hits[0].id == "a");
    CHECK(expanded.hits[1].id == "b");
}
