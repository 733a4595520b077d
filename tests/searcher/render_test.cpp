#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "steppe/searcher/render.hpp"

TEST_CASE("render: ANSI and HTML mark the highlights, HTML escapes the text", "[render]") {
    steppe::Snippet s;
    s.text = "a <b> & \"c\" d";
    s.highlights = {{0, 1}, {12, 13}};
    CHECK(steppe::render_plain(s) == s.text);
    CHECK(steppe::render_ansi(s, "[", "]") == "[a] <b> & \"c\" [d]");
    CHECK(steppe::render_html(s) == "<mark>a</mark> &lt;b&gt; &amp; &quot;c&quot; <mark>d</mark>");
}

TEST_CASE("render: a hit is one JSON line with the documented fields", "[render][json]") {
    steppe::Hit hit;
    hit.rank = 1;
    hit.score = 12.5;
    hit.id = "docs/a.txt";
    hit.path = "docs/a.txt";
    hit.title = "Tab\there \"quoted\"";
    hit.passage = 4;
    hit.snippet.text = "x \xE2\x80\xA6 court";
    hit.snippet.highlights = {{6, 11}};
    const std::string line = steppe::hit_json(hit);
    CHECK(line.find('\n') == std::string::npos);
    const auto j = nlohmann::json::parse(line);
    CHECK(j["type"] == "hit");
    const auto& d = j["data"];
    CHECK(d["rank"] == 1);
    CHECK(d["score"] == 12.5);
    CHECK(d["id"] == "docs/a.txt");
    CHECK(d["path"] == "docs/a.txt");
    CHECK(d["title"] == "Tab\there \"quoted\"");
    CHECK(d["passage"] == 4);
    CHECK(d["snippet"]["text"] == "x \xE2\x80\xA6 court");
    CHECK(d["snippet"]["highlights"] == nlohmann::json::parse("[[6,11]]"));

    steppe::SearchResults r;
    r.hits.push_back(hit);
    r.total_estimate = 7;
    const auto summary = nlohmann::json::parse(steppe::summary_json(r));
    CHECK(summary["type"] == "summary");
    CHECK(summary["data"]["hits"] == 1);
    CHECK(summary["data"]["total_estimate"] == 7);
    CHECK(summary["data"].contains("elapsed_ms"));
}

TEST_CASE("render: invalid UTF-8 in a title does not break the JSON line", "[render][json]") {
    steppe::Hit hit;
    hit.title = "bad \xFF byte";
    CHECK_NOTHROW(nlohmann::json::parse(steppe::hit_json(hit)));
}

TEST_CASE("render: fragments and explanations join the JSON hit; HTML escapes them",
          "[render][json]") {
    steppe::Hit hit;
    hit.rank = 2;
    hit.id = "a<b>.txt";
    hit.title = "R&D";
    hit.passage = 4;
    hit.snippet.text = "the court";
    hit.snippet.highlights = {{4, 9}};
    hit.fragments.push_back({1, std::nullopt, {"first <x>", {{0, 5}}, false}});
    hit.fragments.push_back({4, std::nullopt, hit.snippet});
    hit.explanation = {{"court", 1.5}};
    const auto j = nlohmann::json::parse(steppe::hit_json(hit));
    const auto& d = j["data"];
    REQUIRE(d["fragments"].size() == 2);
    CHECK(d["fragments"][0] ==
          nlohmann::json::parse(R"({"passage":1,"page":null,"text":"first <x>",)"
                                R"("highlights":[[0,5]]})"));
    CHECK(d["fragments"][1]["text"] == d["snippet"]["text"]);
    CHECK(d["explain"][0]["term"] == "court");
    CHECK(d["explain"][0]["score"] == 1.5);

    const std::string html = steppe::hit_html(hit);
    CHECK(html.find("<h3>R&amp;D</h3>") != std::string::npos);
    CHECK(html.find("<p class=\"path\">a&lt;b&gt;.txt</p>") != std::string::npos);
    CHECK(html.find("<mark>first</mark> &lt;x&gt;") != std::string::npos);
    CHECK(html.find("the <mark>court</mark>") != std::string::npos);

    steppe::SearchResults results;
    CHECK_FALSE(
        nlohmann::json::parse(steppe::summary_json(results))["data"].contains("suggestion"));
    results.suggestion = "constitutional";
    CHECK(nlohmann::json::parse(steppe::summary_json(results))["data"]["suggestion"] ==
          "constitutional");
}
