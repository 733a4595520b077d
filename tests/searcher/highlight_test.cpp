// The highlighter: which stretches of a passage a parsed query marks (pure, no index).
#include <catch2/catch.hpp>

#include "steppe/common/analyzer.hpp"
#include "steppe/searcher/highlight.hpp"
#include "steppe/searcher/query.hpp"

using steppe::Analyzer;

namespace {

/// The highlighted stretches of @p text for @p query, in order, as text.
std::vector<std::string> marks(const std::string& query, const std::string& text,
                               const std::string& language = "en") {
    Analyzer analyzer;
    const auto node = steppe::parse_query(query, analyzer);
    const auto tokens = analyzer.tokenize(text);
    std::vector<std::string> out;
    for (const auto& m : steppe::find_matches(node, tokens, language, analyzer))
        out.push_back(text.substr(m.range.begin, m.range.end - m.range.begin));
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("highlight: table of queries and what they mark", "[highlight]") {
    struct Case {
        const char* query;
        const char* text;
        V expected;
    };
    const Case cases[] = {
        // Stemmed forms of a word.
        {"reforms",
         "Reform came; reforming, reforms and reformers.",
         {"Reform", "reforming", "reforms", "reformers"}},
        {"running", "He runs, ran and was running.", {"runs", "running"}},
        // A phrase: one span where the words stand in order, nothing where they are apart.
        {"\"constitutional court\"", "The Constitutional Court ruled.", {"Constitutional Court"}},
        {"\"constitutional court\"", "A court of constitutional law.", {}},
        {"\"constitutional court\" appeals",
         "The court heard appeals under constitutional law; the Constitutional  Court agreed.",
         {"appeals", "Constitutional  Court"}},
        {"\"constitutional courts\"", "The Constitutional Court ruled.", {}},  // unstemmed
        // NEAR: only where all its words fall within the window.
        {"court NEAR/2 appeals", "The court heard many appeals.", {"court", "appeals"}},
        {"court NEAR/1 appeals",
         "The court heard many appeals. appeals court",
         {"appeals", "appeals", "court"}},
        {"court NEAR/0 appeals", "The court heard many appeals.", {}},
        // Wildcards: words that start with the prefix.
        {"refor*",
         "Reform and reformers, not pre-reform or referendum.",
         {"Reform", "reformers", "reform"}},
        // Excluded words and fields mark nothing.
        {"court -appeals", "The court heard appeals.", {"court"}},
        {"court NOT appeals", "The court heard appeals.", {"court"}},
        {"court title:appeals", "The court heard appeals.", {"court"}},
        {"path:appeals type:md lang:en court", "appeals court", {"court"}},
        {"title:court", "The court heard appeals.", {}},
        // Boolean structure keeps every positive word.
        {"(court OR judge) AND appeals",
         "A judge; a court; appeals.",
         {"judge", "court", "appeals"}},
        // Diacritics and case fold as in the index.
        {"CAFÉ", "Un café, un Cafe.", {"café", "Cafe"}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.query, c.text);
        CHECK(marks(c.query, c.text) == c.expected);
    }
}

TEST_CASE("regression: an ASCII word after an accented one keeps its own stem", "[highlight]") {
    // Analyzer::tokenize left the accented word's base form on the next ASCII token, so "un"
    // stemmed as "café" and was highlighted for the query CAFÉ.
    Analyzer analyzer;
    const auto tokens = analyzer.tokenize("café un");
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1].base.empty());
    CHECK(analyzer.stem(tokens[1], "en") == "un");
}

TEST_CASE("highlight: Chinese spans come from the analyser's offsets", "[highlight][cjk]") {
    Analyzer analyzer;
    const std::string text = "我们研究宪法法院的判决。宪法很重要。";
    const auto tokens = analyzer.tokenize(text);
    REQUIRE(tokens.size() > 3);
    // Query the first two words of the text as a run of Chinese: a phrase, one span.
    const std::string query = text.substr(tokens[2].begin, tokens[3].end - tokens[2].begin);
    const auto m = marks(query, text, "zh");
    REQUIRE(m.size() == 1);
    CHECK(m[0] == query);
    // Every span starts and ends on a UTF-8 boundary.
    for (const auto& s : marks(tokens[2].term, text, "zh")) {
        CHECK((static_cast<unsigned char>(s.front()) & 0xC0) != 0x80);
        CHECK(s == text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin));
    }
}

TEST_CASE("highlight: matches carry their leaf and weight", "[highlight]") {
    Analyzer analyzer;
    const auto node = steppe::parse_query("alpha \"beta gamma\"", analyzer);
    const auto tokens = analyzer.tokenize("beta gamma alpha");
    const auto m = steppe::find_matches(node, tokens, "en", analyzer, {2.0, 5.0});
    REQUIRE(m.size() == 2);
    CHECK(m[0].term == 1);
    CHECK(m[0].weight == 5.0);
    CHECK(m[0].range == steppe::ByteRange{0, 10});
    CHECK(m[1].term == 0);
    CHECK(m[1].weight == 2.0);
}
