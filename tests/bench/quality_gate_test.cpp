// The quality gate: steppe bench on the shared dev collections must not fall below the floors
// in bench/floors.json. Floors are raised as quality improves and never lowered without a
// commit message that says why.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "steppe/bench/cli.hpp"
#include "test_support.hpp"

using nlohmann::json;
using steppe::test::read_file;
using steppe::test::TempDir;

namespace {

json floors() {
    return json::parse(read_file(steppe::test::source_dir() / "bench" / "floors.json"));
}

void check_floors(const std::string& collection) {
    const auto dir = steppe::test::shared_dir() / "data" / "relevance" / collection;
    REQUIRE(std::filesystem::is_directory(dir));
    TempDir out;
    std::ostringstream o, e;
    REQUIRE(steppe::cli::run_bench({dir.string(), "--out", out.path().string(), "--quiet"}, o, e) ==
            0);
    INFO(o.str() << e.str());
    const auto report = json::parse(read_file(out / "report.json"));
    const auto floor = floors().at(collection);
    REQUIRE(floor.size() >= 2);
    for (const auto& [metric, minimum] : floor.items()) {
        CAPTURE(collection, metric);
        const double value = report.at("quality").at(metric).get<double>();
        CHECK(value >= minimum.get<double>());
    }
    CHECK(report["quality"]["queries_skipped"] == 0);
}

}  // namespace

TEST_CASE("quality gate: cranfield stays above its nDCG@10 and Recall@100 floors",
          "[bench][quality]") {
    check_floors("cranfield");
}

TEST_CASE("quality gate: scifact stays above its nDCG@10 and Recall@100 floors",
          "[bench][quality]") {
    check_floors("scifact");
}
