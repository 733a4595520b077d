#include <catch2/catch.hpp>

#include "steppe/common/analyzer.hpp"
#include "steppe/searcher/snippet.hpp"

using steppe::Analyzer;
using steppe::Match;

namespace {

/// Matches of every token whose term is in @p wanted (the index in @p wanted is the term id).
std::vector<Match> find(const std::vector<steppe::Token>& tokens,
                        const std::vector<std::string>& wanted) {
    std::vector<Match> out;
    for (const auto& t : tokens) {
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            if (t.term == wanted[i]) out.push_back({{t.begin, t.end}, i, 1.0});
        }
    }
    return out;
}

std::string span_text(const steppe::Snippet& s, std::size_t i) {
    return s.text.substr(s.highlights[i].begin, s.highlights[i].end - s.highlights[i].begin);
}

}  // namespace

TEST_CASE("snippet: a short passage is whole, its matches highlighted", "[snippet]") {
    Analyzer a;
    const std::string text = "The Court\nheard appeals.";
    const auto tokens = a.tokenize(text);
    const auto s = steppe::make_snippet(text, tokens, find(tokens, {"court", "appeals"}));
    CHECK(s.text == "The Court heard appeals.");
    CHECK_FALSE(s.truncated);
    REQUIRE(s.highlights.size() == 2);
    CHECK(span_text(s, 0) == "Court");
    CHECK(span_text(s, 1) == "appeals");
}

TEST_CASE("snippet: the window with both words beats one with a word twice", "[snippet]") {
    Analyzer a;
    std::string text;
    for (int i = 0; i < 20; ++i)
        text += "filler text goes here. ";
    text += "alpha and alpha again. ";
    for (int i = 0; i < 20; ++i)
        text += "more filler words here. ";
    text += "alpha meets beta here. ";
    for (int i = 0; i < 20; ++i)
        text += "tail filler words here. ";
    const auto tokens = a.tokenize(text);
    steppe::SnippetOptions o;
    o.max_bytes = 80;
    const auto s = steppe::make_snippet(text, tokens, find(tokens, {"alpha", "beta"}), o);
    CHECK(s.truncated);
    CHECK(s.text.size() <= 80);
    CHECK(s.text.find("alpha meets beta") != std::string::npos);
    CHECK(s.text.rfind("\xE2\x80\xA6", 0) == 0);  // starts with an ellipsis
    REQUIRE(s.highlights.size() == 2);
    CHECK(span_text(s, 0) == "alpha");
    CHECK(span_text(s, 1) == "beta");
}

TEST_CASE("snippet: cuts never split a UTF-8 sequence", "[snippet]") {
    Analyzer a;
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "ключ ";
    text += "цель ";
    for (int i = 0; i < 40; ++i)
        text += "ключ ";
    const auto tokens = a.tokenize(text);
    for (std::size_t budget = 10; budget < 60; ++budget) {
        steppe::SnippetOptions o;
        o.max_bytes = budget;
        const auto s = steppe::make_snippet(text, tokens, find(tokens, {"цель"}), o);
        CAPTURE(budget, s.text);
        CHECK(s.text.size() <= budget);
        // Every byte sequence is whole: no continuation byte right after an ASCII one.
        for (std::size_t i = 0; i + 1 < s.text.size(); ++i) {
            const auto c = static_cast<unsigned char>(s.text[i]);
            const auto d = static_cast<unsigned char>(s.text[i + 1]);
            CHECK_FALSE((c < 0x80 && (d & 0xC0) == 0x80));
        }
        for (const auto& h : s.highlights)
            CHECK(s.text.substr(h.begin, h.end - h.begin) == "цель");
    }
}

TEST_CASE("snippet: a window starts at its sentence when the matches still fit", "[snippet]") {
    Analyzer a;
    const std::string text =
        "Filler words come first here and go on for a good while before anything. The Court "
        "received many appeals from citizens last year. More filler words follow after that and "
        "go on for a good while longer than needed.";
    const auto tokens = a.tokenize(text);
    steppe::SnippetOptions o;
    o.max_bytes = 90;
    const auto s = steppe::make_snippet(text, tokens, find(tokens, {"appeals"}), o);
    CAPTURE(s.text);
    CHECK(s.text.rfind("\xE2\x80\xA6The Court received many appeals", 0) == 0);
    REQUIRE(s.highlights.size() == 1);
    CHECK(span_text(s, 0) == "appeals");

    // A match far into a long sentence: the sentence start would leave it out, so the window
    // starts a few words before the match instead.
    std::string long_sentence = "Start of a sentence";
    for (int i = 0; i < 30; ++i)
        long_sentence += " and more words";
    long_sentence += " then appeals at last.";
    const auto lt = a.tokenize(long_sentence);
    o.max_bytes = 60;
    const auto t = steppe::make_snippet(long_sentence, lt, find(lt, {"appeals"}), o);
    CAPTURE(t.text);
    REQUIRE(t.highlights.size() == 1);
    CHECK(span_text(t, 0) == "appeals");
    CHECK(t.text.find("Start") == std::string::npos);
}

TEST_CASE("snippet: one span per phrase match, within the byte budget", "[snippet]") {
    Analyzer a;
    std::string text;
    for (int i = 0; i < 30; ++i)
        text += "words before it. ";
    text += "The Constitutional Court ruled. ";
    for (int i = 0; i < 30; ++i)
        text += "words after it. ";
    const auto tokens = a.tokenize(text);
    std::vector<steppe::Match> matches;
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (tokens[i].term == "constitutional" && tokens[i + 1].term == "court")
            matches.push_back({{tokens[i].begin, tokens[i + 1].end}, 0, 1.0});
    }
    REQUIRE(matches.size() == 1);
    for (const std::size_t budget : {40u, 80u, 160u, 240u}) {
        steppe::SnippetOptions o;
        o.max_bytes = budget;
        const auto s = steppe::make_snippet(text, tokens, matches, o);
        CAPTURE(budget, s.text);
        CHECK(s.text.size() <= budget);
        CHECK(s.truncated);
        REQUIRE(s.highlights.size() == 1);
        CHECK(span_text(s, 0) == "Constitutional Court");
        CHECK(s.text.substr(s.text.size() - 3) == "\xE2\x80\xA6");
    }
}

TEST_CASE("snippet: a title's full stop does not start a sentence", "[snippet]") {
    Analyzer a;
    const std::string text =
        "Many filler words open this text and run on for quite a while first. The delegation was "
        "led by Ms. Azimova, head of the Court, and others who came along.";
    const auto tokens = a.tokenize(text);
    steppe::SnippetOptions o;
    o.max_bytes = 110;
    const auto s = steppe::make_snippet(text, tokens, find(tokens, {"court"}), o);
    CAPTURE(s.text);
    CHECK(s.text.rfind("\xE2\x80\xA6The delegation was led by Ms. Azimova", 0) == 0);
}
