#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"

using steppe::Analyzer;

namespace {

std::vector<std::string> terms(const std::string& text) {
    Analyzer a;
    std::vector<std::string> out;
    for (const auto& t : a.tokenize(text))
        out.push_back(t.term);
    return out;
}

}  // namespace

TEST_CASE("analyzer: words are case folded and punctuation makes no word", "[analyzer]") {
    CHECK(terms("The Court, (its) JUDGMENTS!") ==
          std::vector<std::string>{"the", "court", "its", "judgments"});
}

TEST_CASE("analyzer: normalisation folds case, width and diacritics", "[analyzer]") {
    struct Case {
        const char* input;
        const char* term;
    };
    const Case cases[] = {
        {"café", "cafe"},         {"Straße", "strasse"}, {"ＫＡＺＡＫＨＳＴＡＮ", "kazakhstan"},
        {"İstanbul", "istanbul"}, {"naïve", "naive"},    {"ёлка", "елка"},
        {"қазақ", "қазақ"},       {"ıslak", "ıslak"},    {"O’Brien", "o'brien"},
        {"don't", "don't"},       {"ΆΘΗΝΑ", "αθηνα"},
    };
    Analyzer a;
    for (const auto& c : cases) {
        CAPTURE(c.input);
        CHECK(a.normalize(c.input) == c.term);
    }
}

TEST_CASE("analyzer: token offsets are byte ranges of the original text", "[analyzer]") {
    const std::string text = "Ｃafé  NAÏVE\nstraße";
    Analyzer a;
    const auto tokens = a.tokenize(text);
    REQUIRE(tokens.size() == 3);
    CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Ｃafé");
    CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "NAÏVE");
    CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "straße");
    CHECK(tokens[2].position == 2);
}

TEST_CASE("analyzer: invalid UTF-8 makes no word and keeps offsets", "[analyzer]") {
    const std::string text = "ab\xff\xfe cd";
    Analyzer a;
    const auto tokens = a.tokenize(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1].term == "cd");
    CHECK(tokens[1].begin == 5);
}

TEST_CASE("analyzer: Chinese is segmented into words", "[analyzer][cjk]") {
    // 人人生而自由 (all people are born free): ICU's dictionary finds more than one word.
    const std::string text = "人人生而自由，在尊严和权利上一律平等。";
    Analyzer a;
    const auto tokens = a.tokenize(text);
    REQUIRE(tokens.size() > 4);
    for (const auto& t : tokens) {
        CHECK(t.end > t.begin);
        CHECK(text.substr(t.begin, t.end - t.begin) == t.term);
    }
}

TEST_CASE("analyzer: sentences ignore hard line breaks and honorifics", "[analyzer][sentences]") {
    const std::string text =
        "The\ndelegation was led by Ms. Elvira Azimova and Mr. Smith of the\nCourt. A second "
        "sentence.\n\nA new paragraph.";
    Analyzer a;
    const auto s = a.sentences(text);
    REQUIRE(s.size() == 3);
    CHECK(text.substr(s[0].range.begin, s[0].range.end - s[0].range.begin) ==
          "The\ndelegation was led by Ms. Elvira Azimova and Mr. Smith of the\nCourt.");
    CHECK_FALSE(s[0].ends_paragraph);
    CHECK(s[1].ends_paragraph);
    CHECK(text.substr(s[2].range.begin, s[2].range.end - s[2].range.begin) == "A new paragraph.");
}

TEST_CASE("analyzer: stems are taken before diacritics are folded", "[analyzer][stem]") {
    Analyzer a;
    CHECK(Analyzer::has_stemmer("en"));
    CHECK(Analyzer::has_stemmer("russian"));
    CHECK_FALSE(Analyzer::has_stemmer("kk"));
    const auto reforms = a.tokenize("reforms reform reformed");
    REQUIRE(reforms.size() == 3);
    CHECK(a.stem(reforms[0], "en") == a.stem(reforms[1], "en"));
    CHECK(a.stem(reforms[2], "en") == a.stem(reforms[1], "en"));
    const auto ru = a.tokenize("реформы реформа новый");
    REQUIRE(ru.size() == 3);
    CHECK(a.stem(ru[0], "ru") == a.stem(ru[1], "ru"));
    CHECK(a.stem(ru[2], "ru") == "нов");
}

TEST_CASE("analyzer: settings round-trip through JSON", "[analyzer]") {
    steppe::AnalyzerSettings s;
    s.fold_diacritics = false;
    CHECK(steppe::AnalyzerSettings::from_json(s.to_json()) == s);
    CHECK_THROWS_AS(steppe::AnalyzerSettings::from_json("{"), steppe::Error);
}
