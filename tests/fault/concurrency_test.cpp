// Concurrency (issue 8): 4 threads, each with its own Searcher that reopens between searches,
// and 2 `steppe search` processes search while an Indexer commits 20 times. Commit g adds
// document g (title "g", word genmarker) and rewrites the one document "state" (title "g",
// word genstate). A search for "genmarker OR genstate" therefore sees commit G as a whole
// exactly when its hits are the documents 1..G plus state with title G: any mix of two commits
// breaks that. Every search must succeed, and each searcher's G never goes back.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "steppe/indexer/indexer.hpp"
#include "steppe/searcher/searcher.hpp"
#include "test_support.hpp"

using steppe::test::run_steppe;
using steppe::test::TempDir;

namespace {

constexpr int COMMITS = 20;
constexpr const char* QUERY = "genmarker OR genstate";

steppe::Document doc(const std::string& id, int generation, const std::string& word) {
    steppe::Document d;
    d.id = id;
    d.path = id + ".txt";
    d.title = std::to_string(generation);
    d.type = "txt";
    std::string text =
        "Generation " + std::to_string(generation) + " of the test writes " + word + " once. ";
    for (int i = 0; i < 30; ++i)
        text += "The steppe wind carries sentence " + std::to_string(i) + " along. ";
    d.text = text;
    return d;
}

/// What one search saw: the generation of the state document and of each marker document.
struct Seen {
    int state = -1;
    std::set<int> markers;
};

/// "" when @p seen is one whole commit, else what is wrong with it.
std::string check_whole(const Seen& seen) {
    std::ostringstream why;
    if (seen.state < 0) return "no state document";
    std::set<int> expected;
    for (int g = 1; g <= seen.state; ++g)
        expected.insert(g);
    if (seen.markers != expected) {
        why << "state " << seen.state << " but markers";
        for (const int m : seen.markers)
            why << ' ' << m;
        return why.str();
    }
    return {};
}

}  // namespace

TEST_CASE("concurrency: searchers see each commit whole while an indexer commits 20 times",
          "[concurrency]") {
    TempDir dir;
    const std::string index = (dir / "index").string();
    steppe::IndexerOptions options;
    options.language = "en";
    std::optional<steppe::Indexer> writer(std::in_place, index, options);
    writer->add(doc("state", 0, "genstate"));
    writer->commit();

    std::atomic<bool> done{false};
    std::mutex mutex;
    std::vector<std::string> failures;
    std::atomic<int> searches{0};
    auto fail = [&](const std::string& what) {
        const std::lock_guard lock(mutex);
        failures.push_back(what);
    };

    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            try {
                steppe::Searcher searcher(index);
                steppe::SearchOptions o;
                o.limit = 100;
                o.suggest = false;
                o.fragments = 0;
                int last = 0;
                bool final_pass = false;
                for (;;) {
                    final_pass = done.load();
                    searcher.reopen();
                    const auto r = searcher.search(QUERY, o);
                    Seen seen;
                    for (const auto& hit : r.hits) {
                        const int g = std::stoi(hit.title);
                        if (hit.id == "state")
                            seen.state = g;
                        else
                            seen.markers.insert(g);
                    }
                    ++searches;
                    if (const auto why = check_whole(seen); !why.empty())
                        fail("thread " + std::to_string(t) + ": " + why);
                    if (seen.state < last) fail("thread " + std::to_string(t) + ": went back");
                    last = seen.state;
                    if (final_pass) {
                        if (last != COMMITS) fail("thread missed the last commit");
                        break;
                    }
                }
            } catch (const std::exception& e) {
                fail("thread " + std::to_string(t) + ": " + e.what());
            }
        });
    }
    for (int p = 0; p < 2; ++p) {
        threads.emplace_back([&, p] {
            while (!done.load()) {
                const auto r = run_steppe(
                    {"search", "--json", "-n", "100", "--fragments", "0", "--index", index, QUERY});
                ++searches;
                if (r.exit_code != 0) {
                    fail("process " + std::to_string(p) + ": exit " + std::to_string(r.exit_code) +
                         ": " + r.err);
                    continue;
                }
                Seen seen;
                std::istringstream lines(r.out);
                for (std::string line; std::getline(lines, line);) {
                    const auto j = nlohmann::json::parse(line);
                    if (j.at("type") != "hit") continue;
                    const int g = std::stoi(j.at("data").at("title").get<std::string>());
                    if (j.at("data").at("id") == "state")
                        seen.state = g;
                    else
                        seen.markers.insert(g);
                }
                if (const auto why = check_whole(seen); !why.empty())
                    fail("process " + std::to_string(p) + ": " + why);
            }
        });
    }

    for (int g = 1; g <= COMMITS; ++g) {
        writer->add(doc("g" + std::to_string(g), g, "genmarker"));
        writer->add(doc("state", g, "genstate"));
        writer->commit();
        std::this_thread::sleep_for(std::chrono::milliseconds(60));
    }
    done = true;
    for (auto& t : threads)
        t.join();
    writer.reset();
    INFO("searches: " << searches.load());
    for (const auto& f : failures)
        FAIL_CHECK(f);
    CHECK(failures.empty());
    CHECK(searches.load() > 2 * COMMITS);
}
