// English stopwords among three or more plain query words weigh less
// (SearchOptions::stopword_weight): they only add to passages that match another word.

#include <xapian.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "index_fixture.hpp"
#include "steppe/indexer/indexer.hpp"
#include "steppe/internal/stopwords.hpp"
#include "steppe/searcher/searcher.hpp"
#include "test_support.hpp"

namespace {

using steppe::test::build_index;
using steppe::test::TempDir;
using steppe::test::text_document;

// "chatter" has stopwords only; the others have one content word each.
std::vector<steppe::Document> docs() {
    return {text_document("flutter", "Wing flutter grew at high speed in the tunnel."),
            text_document("known", "What the flutter was, nobody knew."),
            text_document("chatter", "What is it that they were doing there, and why was it so?"),
            text_document("gliders", "Gliders soar on warm air.")};
}

void build(const TempDir& dir, const std::string& language) {
    steppe::IndexerOptions options;
    options.language = language;
    build_index(dir, docs(), options);
}

std::vector<std::string> ids(steppe::Searcher& searcher, const std::string& query,
                             steppe::SearchOptions options = {}) {
    std::vector<std::string> out;
    for (const auto& h : searcher.search(query, options).hits)
        out.push_back(h.id);
    std::sort(out.begin(), out.end());
    return out;
}

double score_of(steppe::Searcher& searcher, const std::string& query, const std::string& id,
                double stopword_weight) {
    steppe::SearchOptions o;
    o.stopword_weight = stopword_weight;
    for (const auto& h : searcher.search(query, o).hits)
        if (h.id == id) return h.score;
    FAIL("no hit " << id << " for " << query);
    return 0;
}

}  // namespace

TEST_CASE("stopwords: a passage with only the stopwords of a longer query does not match",
          "[stopwords]") {
    TempDir dir;
    build(dir, "en");
    steppe::Searcher searcher(dir.path());
    using V = std::vector<std::string>;
    CHECK(ids(searcher, "what is flutter") == V{"flutter", "known"});
    steppe::SearchOptions plain;
    plain.plain = true;
    CHECK(ids(searcher, "What is flutter?", plain) == V{"flutter", "known"});
    // Weight 1: stopwords are words like any other, as before.
    steppe::SearchOptions off;
    off.stopword_weight = 1;
    CHECK(ids(searcher, "what is flutter", off) == V{"chatter", "flutter", "known"});
    // A query of stopwords only, or of two words, keeps them.
    CHECK(ids(searcher, "what is it") == V{"chatter", "known"});
    CHECK(ids(searcher, "what flutter") == V{"chatter", "flutter", "known"});
    // Excluded words are never weakened: "known" has "what", so it is excluded.
    CHECK(ids(searcher, "flutter -(what is gliders)") == V{"flutter"});
}

TEST_CASE("stopwords: each adds stopword_weight times its BM25 weight, and --explain adds up",
          "[stopwords]") {
    TempDir dir;
    build(dir, "en");
    steppe::Searcher searcher(dir.path());
    // "flutter" has "the" once: its score is linear in the stopword weight.
    const double none = score_of(searcher, "what is the flutter", "flutter", 0);
    const double quarter = score_of(searcher, "what is the flutter", "flutter", 0.25);
    const double full = score_of(searcher, "what is the flutter", "flutter", 1);
    CHECK(none == Approx(score_of(searcher, "flutter", "flutter", 0.25)));
    CHECK(full > quarter);
    CHECK(quarter > none);
    CHECK(quarter - none == Approx(0.25 * (full - none)));

    steppe::SearchOptions o;
    o.explain = true;
    for (const auto& hit : searcher.search("what is the flutter", o).hits) {
        double sum = 0;
        for (const auto& t : hit.explanation)
            sum += t.score;
        CHECK(sum == Approx(hit.score));
    }
}

TEST_CASE("stopwords: an index without English passages keeps every word", "[stopwords]") {
    TempDir dir;
    build(dir, "de");
    steppe::Searcher searcher(dir.path());
    CHECK(ids(searcher, "what is flutter") ==
          std::vector<std::string>{"chatter", "flutter", "known"});
}

TEST_CASE("stopwords: English passages store no stem of a stopword, yet rank by it",
          "[stopwords]") {
    TempDir en;
    build(en, "en");
    {
        Xapian::Database db(en.path().string());
        CHECK(db.term_exists("the"));
        CHECK_FALSE(db.term_exists("Zthe"));
        CHECK_FALSE(db.term_exists("Zwhat"));
        CHECK(db.term_exists("Zflutter"));
    }
    TempDir de;
    build(de, "de");
    {
        Xapian::Database db(de.path().string());
        CHECK(db.term_exists("Zthe"));
    }
    // Found by its exact form, and weighted as a word with its stem would be: "what the"
    // (two words, both kept) ranks "known" (both words) above "chatter" (one).
    steppe::Searcher searcher(en.path());
    const auto hits = searcher.search("what the").hits;
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].id == "known");
    CHECK(ids(searcher, "the") == std::vector<std::string>{"flutter", "known"});
}

TEST_CASE("stopwords: Snowball's English list", "[stopwords]") {
    using steppe::internal::is_english_stopword;
    for (const char* w : {"a", "the", "what", "is", "of", "be", "don't", "yourselves", "very"})
        CHECK(is_english_stopword(w));
    // Left out by Snowball for their homonyms (a will, a can, May, must, US).
    for (const char* w : {"will", "can", "may", "must", "us", "flutter", "", "don"})
        CHECK_FALSE(is_english_stopword(w));
}

TEST_CASE("stopwords: phrases with stopwords match exactly, their positions on the slot term",
          "[stopwords][phrase]") {
    const std::vector<steppe::Document> documents = {
        text_document("of", "The Bank of America opened a branch."),
        text_document("in", "A bank in America opened. The history of banking is long."),
        text_document("gap", "The bank that America trusted."),
        text_document("hamlet", "To be, or not to be, that is the question."),
        text_document("listed", "Be not afraid, or to others be kind, to all."),
    };
    TempDir en;
    steppe::IndexerOptions options;
    options.language = "en";
    build_index(en, documents, options);
    {
        // The stopwords' positions are on the slot term, with no weight of their own.
        Xapian::Database db(en.path().string());
        CHECK(db.positionlist_begin(1, "of") == db.positionlist_end(1, "of"));
        CHECK(std::distance(db.positionlist_begin(1, "XW"), db.positionlist_end(1, "XW")) == 3);
        CHECK(std::distance(db.positionlist_begin(1, "bank"), db.positionlist_end(1, "bank")) == 1);
        CHECK(db.get_collection_freq("XW") == 0);
        // Seven words and the stems of the four that are not stopwords: the slot adds none.
        CHECK(db.get_doclength(1) == 11);
    }
    steppe::Searcher searcher(en.path());
    auto sorted = [&](const std::string& query) {
        auto out = ids(searcher, query);
        std::sort(out.begin(), out.end());
        return out;
    };
    using V = std::vector<std::string>;
    // "in" has a stopword between bank and America, and "of" elsewhere: the text says no.
    CHECK(sorted("\"bank of america\"") == V{"of"});
    CHECK(sorted("\"bank in america\"") == V{"in"});
    CHECK(sorted("\"bank that america\"") == V{"gap"});
    CHECK(sorted("\"the bank\"") == V{"gap", "of"});
    CHECK(sorted("\"to be or not to be\"") == V{"hamlet"});
    CHECK(sorted("\"of banking\"") == V{"in"});
    CHECK(sorted("\"bank of america\" AND branch") == V{"of"});
    CHECK(sorted("\"bank of america\" -branch").empty());
    CHECK(sorted("bank NEAR/3 america") == V{"gap", "in", "of"});
    // Under OR the slot stands for any stopword, the typed one being in the passage.
    CHECK(sorted("\"bank of america\" OR question") == V{"hamlet", "in", "of"});
    const auto hit = searcher.search("\"bank of america\"").hits;
    REQUIRE(hit.size() == 1);
    CHECK(hit[0].snippet.text.find("Bank of America") != std::string::npos);

    // A German index keeps its stopwords' positions: the plain phrase.
    TempDir de;
    options.language = "de";
    build_index(de, documents, options);
    {
        Xapian::Database db(de.path().string());
        CHECK(db.positionlist_begin(1, "of") != db.positionlist_end(1, "of"));
        CHECK_FALSE(db.term_exists("XW"));
    }
    steppe::Searcher german(de.path());
    CHECK(ids(german, "\"bank of america\"") == V{"of"});
    CHECK(ids(german, "\"to be or not to be\"") == V{"hamlet"});

    // Both kinds of passage in one index: the phrase finds each.
    options.language = "en";
    build_index(de, {text_document("en-of", "Shares of the Bank of America rose.")}, options);
    steppe::Searcher both(de.path());
    auto mixed = ids(both, "\"bank of america\"");
    std::sort(mixed.begin(), mixed.end());
    CHECK(mixed == V{"en-of", "of"});
}
