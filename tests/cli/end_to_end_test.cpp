// End to end: the real `steppe` binary on a temporary index.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

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

namespace {

/// @p j with every floating-point number rounded to 9 significant digits: a score's last
/// digits may move with the compiler or the CPU, its meaning does not.
nlohmann::json rounded_floats(nlohmann::json j) {
    if (j.is_number_float()) {
        std::ostringstream os;
        os.precision(9);
        os << j.get<double>();
        return std::stod(os.str());
    }
    if (j.is_structured())
        for (auto& v : j)
            v = rounded_floats(v);
    return j;
}

}  // namespace

TEST_CASE("readme: the --json example is what steppe prints on the sample corpus",
          "[e2e][readme]") {
    // README shows a command and the two lines it prints: a hit and the summary.
    const std::string command =
        "$ steppe search --index /tmp/demo-idx --json -n 1 --fragments 2 --explain "
        "'\"constitutional court\" appeals'";
    std::istringstream readme(steppe::test::read_file(steppe::test::source_dir() / "README.md"));
    std::string line, hit, summary;
    while (std::getline(readme, line) && line != command) {
    }
    REQUIRE(line == command);
    REQUIRE(std::getline(readme, hit));
    REQUIRE(std::getline(readme, summary));

    // The same search on the sample corpus, indexed from the source folder as README says
    // (document ids are the paths given to steppe index).
    TempDir dir;
    const std::string index = (dir / "index").string();
    const std::string in_source =
        "cd " + steppe::test::shell_quote(steppe::test::source_dir().string()) + " &&";
    REQUIRE(run_steppe({"index", "-q", "--index", index, "corpus/sample"}, in_source).exit_code ==
            0);
    const auto found = run_steppe({"search", "--index", index, "--json", "-n", "1", "--fragments",
                                   "2", "--explain", "\"constitutional court\" appeals"});
    REQUIRE(found.exit_code == 0);
    const auto printed = found.out.find('\n');
    REQUIRE(printed != std::string::npos);
    CHECK(rounded_floats(nlohmann::json::parse(found.out.substr(0, printed))) ==
          rounded_floats(nlohmann::json::parse(hit)));
    auto got = nlohmann::json::parse(found.out.substr(printed + 1));
    auto shown = nlohmann::json::parse(summary);
    got["data"].erase("elapsed_ms");  // wall time
    shown["data"].erase("elapsed_ms");
    CHECK(got == shown);
}
