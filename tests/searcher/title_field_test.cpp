// The weighted title field (schema 3): a query word in a document's title lifts the document,
// without changing which passages match, and the `title:` filter still weighs nothing.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "index_fixture.hpp"
#include "steppe/indexer/indexer.hpp"
#include "steppe/searcher/searcher.hpp"
#include "test_support.hpp"

namespace {

using steppe::test::build_index;
using steppe::test::TempDir;

steppe::Document doc(const std::string& id, const std::string& title, const std::string& text) {
    return steppe::test::text_document(id, text, title);
}

// Both documents have "flutter" once in their text; the one with it in its title has the
// longer text, so BM25 on the text alone ranks it second.
std::vector<steppe::Document> wings() {
    return {doc("body", "Wind tunnel notes",
                "Wind tunnel notes. The engineers measured wing flutter at high speed."),
            doc("title", "Flutter of thin wings",
                "Flutter of thin wings. The engineers measured the response of the model at "
                "high speed in the new tunnel during the last three weeks of the spring.")};
}

}  // namespace

TEST_CASE(
    "title field: a document whose title has the query word ranks above one with the "
    "word once in its text",
    "[title]") {
    TempDir dir;
    build_index(dir, wings());
    steppe::Searcher searcher(dir.path());
    const auto r = searcher.search("flutter");
    REQUIRE(r.hits.size() == 2);
    CHECK(r.hits[0].id == "title");
    CHECK(r.hits[0].score > r.hits[1].score);

    // Off, the text alone decides (as before schema 3): the shorter passage wins.
    steppe::SearchOptions off;
    off.title_weight = 0;
    const auto plain = searcher.search("flutter", off);
    REQUIRE(plain.hits.size() == 2);
    CHECK(plain.hits[0].id == "body");
    // The document without the word in its title scores the same either way.
    CHECK(r.hits[1].score == Approx(plain.hits[0].score));
}

TEST_CASE("title field: the title: filter still weighs nothing", "[title]") {
    TempDir dir;
    build_index(dir, wings());
    steppe::Searcher searcher(dir.path());
    const auto words = searcher.search("engineers flutter");
    const auto filtered = searcher.search("engineers flutter title:flutter");
    REQUIRE(filtered.hits.size() == 1);
    CHECK(filtered.hits[0].id == "title");
    REQUIRE(words.hits.size() == 2);
    CHECK(words.hits[0].id == "title");
    CHECK(filtered.hits[0].score == Approx(words.hits[0].score));
    // A filter alone matches, and scores nothing.
    const auto only = searcher.search("title:flutter");
    REQUIRE(only.hits.size() == 1);
    CHECK(only.hits[0].score == 0);
}

TEST_CASE("title field: the title lifts passages, never makes one match", "[title]") {
    TempDir dir;
    // Small passages: "gliders" is in the title and in the first passage only.
    steppe::IndexerOptions options;
    options.passages = steppe::PassageOptions::around(8);
    build_index(dir,
                {doc("a", "Gliders",
                     "Gliders fly without engines. They ride rising air for hours.\n\n"
                     "Pilots watch the clouds closely. Thermals form under them in summer.\n\n"
                     "Landing fields are chosen before every flight starts.")},
                options);
    steppe::Searcher searcher(dir.path());
    steppe::SearchOptions o;
    o.passages = true;
    // Every passage carries the title field, but only the one with the word matches.
    const auto r = searcher.search("gliders", o);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].passage == 0);
    // Another word's passage gets the title's share of "gliders" too.
    const auto two = searcher.search("gliders clouds", o);
    REQUIRE(two.hits.size() == 2);
    steppe::SearchOptions off = o;
    off.title_weight = 0;
    const auto two_off = searcher.search("gliders clouds", off);
    REQUIRE(two_off.hits.size() == 2);
    auto clouds = [](const steppe::SearchResults& results) {
        for (const auto& h : results.hits)
            if (h.passage != 0) return h.score;
        FAIL("no hit on the clouds passage");
        return 0.0;
    };
    CHECK(clouds(two) > clouds(two_off));
}

TEST_CASE("title field: explain shares add up to the score, the title's included", "[title]") {
    TempDir dir;
    build_index(dir, wings());
    steppe::Searcher searcher(dir.path());
    steppe::SearchOptions o;
    o.explain = true;
    const auto r = searcher.search("flutter engineers", o);
    REQUIRE(r.hits.size() == 2);
    for (const auto& hit : r.hits) {
        double sum = 0;
        for (const auto& part : hit.explanation)
            sum += part.score;
        CAPTURE(hit.id);
        CHECK(sum == Approx(hit.score));
    }
}
