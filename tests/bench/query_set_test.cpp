// Throughput query sets: drawn from term statistics, the same every time for the same input.
#include <catch2/catch.hpp>

#include <sstream>

#include "steppe/bench/query_set.hpp"

using steppe::bench::generate_queries;
using steppe::bench::TermStat;

namespace {

std::vector<TermStat> terms() {
    std::vector<TermStat> t;
    for (int i = 0; i < 500; ++i)
        t.push_back(
            {"word" + std::string(1, static_cast<char>('a' + i % 26)) +
                 std::string(1, static_cast<char>('a' + i / 26)),
             static_cast<std::uint32_t>(i % 10 == 0 ? 2 + (i / 10) % 4 : 6 + (i * 7919) % 1000)});
    t.push_back({"x1y", 500});  // digits: never drawn
    t.push_back({"ab", 900});   // too short: never drawn
    return t;
}

const std::vector<std::vector<std::string>> PASSAGES = {{"the", "quick", "brown", "fox", "jumps"},
                                                        {"over", "the", "lazy", "dog"}};

std::size_t words_in(const std::string& text) {
    std::istringstream in(text);
    std::size_t n = 0;
    for (std::string w; in >> w;)
        ++n;
    return n;
}

}  // namespace

TEST_CASE("query set: the same seed gives the same queries, another seed others", "[query_set]") {
    const auto a = generate_queries(terms(), PASSAGES, 50, 7);
    const auto b = generate_queries(terms(), PASSAGES, 50, 7);
    const auto c = generate_queries(terms(), PASSAGES, 50, 8);
    REQUIRE(a.size() == 50);
    for (std::size_t i = 0; i < a.size(); ++i)
        CHECK(a[i].text == b[i].text);
    std::size_t same = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        same += a[i].text == c[i].text;
    CHECK(same < 10);
}

TEST_CASE("query set: queries hold 2 to 4 words, phrases in quotes, kinds in turn", "[query_set]") {
    const auto qs = generate_queries(terms(), PASSAGES, 100);
    const std::vector<std::string> kinds = {"frequent", "mid", "rare", "mixed", "phrase"};
    for (std::size_t i = 0; i < qs.size(); ++i) {
        const auto& q = qs[i];
        CAPTURE(q.text);
        CHECK(q.kind == kinds[i % 5]);
        CHECK(words_in(q.text) >= 2);
        CHECK(words_in(q.text) <= 4);
        CHECK(q.text.find("x1y") == std::string::npos);
        CHECK(q.text.find("ab ") != 0);
        if (q.kind == "phrase") {
            CHECK(q.text.front() == '"');
            CHECK(std::count(q.text.begin(), q.text.end(), '"') == 2);
        } else {
            CHECK(q.text.find('"') == std::string::npos);
        }
    }
    CHECK(qs[0].id == "t001");
    CHECK(qs[99].id == "t100");
}

TEST_CASE("query set: rare words come from words found in 2 to 5 passages", "[query_set]") {
    const auto all = terms();
    for (const auto& q : generate_queries(all, PASSAGES, 30)) {
        if (q.kind != "rare") continue;
        std::istringstream in(q.text);
        for (std::string w; in >> w;) {
            const auto it = std::find_if(all.begin(), all.end(),
                                         [&](const TermStat& t) { return t.term == w; });
            REQUIRE(it != all.end());
            CHECK(it->passages <= 5);
        }
    }
}

TEST_CASE("query set: without phrase sources the phrase turn becomes a mixed query",
          "[query_set]") {
    const auto qs = generate_queries(terms(), {}, 5);
    CHECK(qs[4].kind == "mixed");
    CHECK(generate_queries({}, PASSAGES, 5).empty());
}
