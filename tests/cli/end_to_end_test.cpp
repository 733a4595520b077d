// End to end: the real `steppe` binary on a temporary index.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "steppe/indexer/indexer.hpp"
#include "test_support.hpp"

using steppe::test::run_steppe;
using steppe::test::TempDir;

TEST_CASE("e2e: steppe index then steppe search --json on the sample corpus", "[e2e]") {
    TempDir dir;
    const std::string index = (dir / "index").string();
    const auto indexed =
        run_steppe({"index", "--index", index, steppe::test::sample_corpus().string()});
    CAPTURE(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    CHECK(indexed.err.find("indexed 1 documents") != std::string::npos);

    const auto found =
        run_steppe({"search", "--index", index, "--json", "constitutional", "court"});
    REQUIRE(found.exit_code == 0);
    const auto first = nlohmann::json::parse(found.out.substr(0, found.out.find('\n')));
    CHECK(first["type"] == "hit");
    CHECK(first["data"]["title"] == "Kazakhstan");

    // The index can also come from the environment.
    const auto by_env = run_steppe({"search", "--json", "Strasbourg"}, "STEPPE_INDEX=" + index);
    CHECK(by_env.exit_code == 0);

    const auto none = run_steppe({"search", "--index", index, "zzzyzzx"});
    CHECK(none.exit_code == 1);

    const auto missing = run_steppe({"search", "--index", (dir / "nope").string(), "court"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
    CHECK(missing.err.find((dir / "nope").string()) != std::string::npos);
    CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);

    CHECK(run_steppe({"--version"}).out.find("ICU") != std::string::npos);
    CHECK(run_steppe({"search", "--help"}).exit_code == 0);
    CHECK(run_steppe({"search", "--nonsense"}).exit_code == 2);
    CHECK(run_steppe({"frobnicate"}).exit_code == 2);
}

TEST_CASE("e2e: a second writer is refused with exit 2 and a clear message", "[e2e][lock]") {
    TempDir dir;
    const std::string index = (dir / "index").string();
    steppe::Indexer holder(index);  // holds the write lock until the end of this test
    const auto second =
        run_steppe({"index", "--index", index, steppe::test::sample_corpus().string()});
    CHECK(second.exit_code == 2);
    CHECK(second.err.find("locked") != std::string::npos);
    CHECK(second.err.find(index) != std::string::npos);
}
