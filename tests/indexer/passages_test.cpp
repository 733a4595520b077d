#include <catch2/catch.hpp>

#include <string>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/indexer/passages.hpp"
#include "test_support.hpp"

using steppe::Analyzer;

namespace {

// The splitting rules at a target of 80 words (min 40, max 120), whatever the default is.
const steppe::PassageOptions at80 = steppe::PassageOptions::around(80);

std::vector<steppe::Passage> split(Analyzer& a, const std::string& text,
                                   const steppe::PassageOptions& o = at80) {
    return steppe::split_passages(a.sentences(text), a.tokenize(text), o);
}

std::string words(std::size_t n, const std::string& word = "word") {
    std::string s;
    for (std::size_t i = 0; i < n; ++i)
        s += (i ? " " : "") + word;
    return s;
}

}  // namespace

TEST_CASE("passages: short text is one passage", "[passages]") {
    Analyzer a;
    const std::string text = "One sentence. Another one.";
    const auto p = split(a, text);
    REQUIRE(p.size() == 1);
    CHECK(p[0].range.begin == 0);
    CHECK(p[0].range.end == text.size());
    CHECK(p[0].token_count == 4);
}

TEST_CASE("passages: sentences are grouped to the target length", "[passages]") {
    Analyzer a;
    std::string text;
    for (int i = 0; i < 30; ++i)
        text += "Start " + words(9) + ". ";  // 30 sentences, 10 words
    const auto p = split(a, text);
    REQUIRE(p.size() == 4);  // 80 + 80 + 80 + 60 words
    std::size_t total = 0;
    for (const auto& passage : p) {
        CHECK(passage.token_count >= 40);
        CHECK(passage.token_count <= 120);
        CHECK(text[passage.range.end - 1] == '.');
        total += passage.token_count;
    }
    CHECK(total == 300);
}

TEST_CASE("passages: a blank line closes a passage that is long enough", "[passages]") {
    Analyzer a;
    const std::string text = words(50) + ".\n\n" + words(50) + ".";
    const auto p = split(a, text);
    REQUIRE(p.size() == 2);
    CHECK(p[0].token_count == 50);
    CHECK(p[1].token_count == 50);
}

TEST_CASE("passages: an over-long sentence is cut between words", "[passages]") {
    Analyzer a;
    const std::string text = words(300) + ".";
    const auto p = split(a, text);
    REQUIRE(p.size() == 3);
    for (const auto& passage : p)
        CHECK(passage.token_count <= 120);
    CHECK(p[0].range.begin == 0);
    CHECK(p[2].range.end == text.size());
}

TEST_CASE("passages: a short tail joins the passage before it", "[passages]") {
    Analyzer a;
    const std::string text = words(80) + ". " + words(5) + ".";
    const auto p = split(a, text);
    REQUIRE(p.size() == 1);
    CHECK(p[0].token_count == 85);
}

TEST_CASE("passages: the sample article never breaks at Ms., Mr. or a hard line break",
          "[passages][sample]") {
    const auto path = steppe::test::sample_corpus() / "kazakhstan-democratic-reforms-pace-2025.txt";
    const std::string text = steppe::test::read_file(path);
    REQUIRE(text.size() > 5000);
    Analyzer a;
    const auto tokens = a.tokenize(text);
    const auto p = steppe::split_passages(a.sentences(text), tokens, at80);
    REQUIRE(p.size() > 5);
    std::size_t covered = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const std::string passage =
            text.substr(p[i].range.begin, p[i].range.end - p[i].range.begin);
        CAPTURE(i, passage);
        covered += p[i].token_count;
        CHECK(p[i].token_count <= 120);
        const auto ends_with = [&](const std::string& s) {
            return passage.size() >= s.size() &&
                   passage.compare(passage.size() - s.size(), s.size(), s) == 0;
        };
        CHECK_FALSE(ends_with("Ms."));
        CHECK_FALSE(ends_with("Mr."));
        if (i + 1 < p.size()) {
            // A passage ends where a sentence ends: at its punctuation, or at a line that
            // ends a paragraph or list item (the sample's headline and bullet points).
            const char last = passage.back();
            const bool sentence_end = last == '.' || last == '?' || last == '!' || last == '"' ||
                                      last == ')' || last == ':';
            const bool line_end = text[p[i].range.end] == '\n';
            CHECK((sentence_end || line_end));
            // The next passage starts a sentence, never the middle of a hard-wrapped one.
            const std::string next = text.substr(p[i + 1].range.begin, 1);
            const unsigned char c = static_cast<unsigned char>(next[0]);
            CHECK((std::isupper(c) || c == '"' || c == '-' || std::isdigit(c)));
        }
    }
    CHECK(covered == tokens.size());
}

TEST_CASE("passages: a hard break (a PDF page start) always ends a passage", "[passages]") {
    Analyzer a;
    const std::string first = "Start " + words(9) + ". ";
    const std::string text = first + "Next " + words(9) + ". Last " + words(9) + ".";
    const auto p = split(a, text);
    REQUIRE(p.size() == 1);
    const auto broken =
        steppe::split_passages(a.sentences(text), a.tokenize(text), at80, {first.size()});
    REQUIRE(broken.size() == 2);
    CHECK(broken[0].token_count == 10);
    CHECK(broken[1].range.begin == first.size());
    CHECK(broken[1].token_count == 20);
}

TEST_CASE("passages: the settings read back from the index metadata as written", "[passages]") {
    const auto o = steppe::PassageOptions::around(100);
    CHECK(steppe::PassageOptions::from_json(o.to_json()) == o);
    CHECK(steppe::PassageOptions::from_json(steppe::PassageOptions{}.to_json()) ==
          steppe::PassageOptions{});
    // Damaged metadata is an error, never a length of 0 or a passage that cannot close.
    for (const char* bad : {"", "{", "[]", R"({"min_words":40,"target_words":80})",
                            R"({"min_words":40,"target_words":-1,"max_words":120})",
                            R"({"min_words":90,"target_words":80,"max_words":120})",
                            R"({"min_words":0,"target_words":1,"max_words":1})"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(steppe::PassageOptions::from_json(bad), steppe::Error);
    }
}
