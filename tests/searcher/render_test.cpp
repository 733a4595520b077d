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
