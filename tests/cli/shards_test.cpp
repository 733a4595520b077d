// Sharded indexes (issue 7): `steppe index --shards N`, `steppe serve`, and searches over
// remote shards that rank exactly as one index does.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "steppe/corpus/document.hpp"
#include "steppe/indexer/writers.hpp"
#include "steppe/searcher/searcher.hpp"
#include "test_support.hpp"
#include "xapian_probe.hpp"

extern char** environ;

using steppe::test::run_steppe;
using steppe::test::TempDir;
using steppe::test::write_file;

namespace {

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
unsigned free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(unsigned port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

/// One `steppe serve` process, stopped by its pid when this goes out of scope (also when a
/// check fails and the test unwinds).
class Server {
public:
    Server(const std::filesystem::path& shard, unsigned port) : port_(port) {
        std::vector<std::string> args{STEPPE_BIN,
                                      "serve",
                                      "--quiet",
                                      "--index",
                                      shard.string(),
                                      "--listen",
                                      "127.0.0.1:" + std::to_string(port)};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        // A process group of its own: xapian-tcpsrv signals its whole group on SIGTERM.
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
        const int rc = posix_spawn(&pid_, STEPPE_BIN, &actions, &attr, argv.data(), environ);
        posix_spawnattr_destroy(&attr);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(rc == 0);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (!accepts(port_)) {
            int status = 0;
            REQUIRE(waitpid(pid_, &status, WNOHANG) == 0);  // it must not have exited
            REQUIRE(std::chrono::steady_clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    ~Server() { stop(); }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void stop() noexcept {
        if (pid_ <= 0) return;
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    [[nodiscard]] std::string stub_line() const {
        return "remote 127.0.0.1:" + std::to_string(port_);
    }

private:
    pid_t pid_ = -1;
    unsigned port_;
};

/// Deterministic text: syllable words drawn with a skewed distribution (fixed seed), some
/// English words with their inflections, sentences and paragraphs.
struct Fixture {
    std::vector<std::string> vocabulary;
    std::mt19937 rng{20261127};

    Fixture() {
        const char* syllables[] = {"ka", "ro", "mi",  "tel", "us", "an",  "vor", "si",
                                   "pe", "lo", "dra", "en",  "qu", "ist", "ba",  "ne"};
        for (int a = 0; a < 16; ++a)
            for (int b = 0; b < 16; ++b)
                for (int c = 0; c < 6; ++c)
                    vocabulary.push_back(std::string(syllables[a]) + syllables[b] +
                                         syllables[(a + b + c) % 16] + (c < 3 ? "" : "n"));
        for (const char* w : {"river", "rivers", "court", "courts", "reform", "reforms", "reformed",
                              "steppe", "steppes", "horse", "horses", "city"})
            vocabulary.push_back(w);
        std::shuffle(vocabulary.begin(), vocabulary.end(), rng);
    }
    unsigned next(unsigned n) { return static_cast<unsigned>(rng() % n); }
    const std::string& word() {
        // Skewed: low indexes are frequent, high ones rare.
        const double u = static_cast<double>(rng()) / static_cast<double>(std::mt19937::max());
        return vocabulary[static_cast<std::size_t>(u * u * u * vocabulary.size()) %
                          vocabulary.size()];
    }
    std::string document(unsigned paragraphs) {
        std::string text = word() + " " + word() + "\n\n";  // the title line
        for (unsigned p = 0; p < paragraphs; ++p) {
            for (unsigned s = 0, sentences = 2 + next(3); s < sentences; ++s) {
                std::string sentence = word();
                sentence[0] = static_cast<char>(std::toupper(sentence[0]));
                for (unsigned w = 0, words = 5 + next(8); w < words; ++w)
                    sentence += " " + word();
                text += sentence + ". ";
            }
            text += "\n\n";
        }
        return text;
    }
    /// Writes @p count documents of @p paragraphs paragraphs each into @p folder, as
    /// `doc-<i>.txt`.
    void write_documents(const std::filesystem::path& folder, int count, unsigned paragraphs) {
        for (int d = 0; d < count; ++d)
            write_file(folder / ("doc-" + std::to_string(d) + ".txt"), document(paragraphs));
    }
};

void check_same(const steppe::SearchResults& one, const steppe::SearchResults& sharded,
                const std::string& query) {
    CAPTURE(query);
    REQUIRE(one.hits.size() == sharded.hits.size());
    if (one.hits.empty()) return;
    const double last = one.hits.back().score;
    std::map<std::string, const steppe::Hit*> by_id;
    for (const auto& h : sharded.hits)
        by_id[h.id] = &h;
    for (std::size_t i = 0; i < one.hits.size(); ++i) {
        const auto& a = one.hits[i];
        const auto& b = sharded.hits[i];
        CAPTURE(i, a.id, b.id);
        // Same score at each rank (documents with equal scores may swap).
        REQUIRE(std::abs(a.score - b.score) <= 1e-9 * std::max(1.0, a.score));
        const auto it = by_id.find(a.id);
        if (it == by_id.end()) {
            REQUIRE(std::abs(a.score - last) <= 1e-9 * std::max(1.0, last));  // a tie at the cut
            continue;
        }
        const steppe::Hit& s = *it->second;
        CHECK(std::abs(a.score - s.score) <= 1e-9 * std::max(1.0, a.score));
        CHECK(a.passage == s.passage);
        CHECK(a.title == s.title);
        CHECK(a.matching_passages == s.matching_passages);
        CHECK(a.snippet.text == s.snippet.text);
        REQUIRE(a.snippet.highlights.size() == s.snippet.highlights.size());
        for (std::size_t k = 0; k < a.snippet.highlights.size(); ++k) {
            CHECK(a.snippet.highlights[k].begin == s.snippet.highlights[k].begin);
            CHECK(a.snippet.highlights[k].end == s.snippet.highlights[k].end);
        }
        REQUIRE(a.fragments.size() == s.fragments.size());
        for (std::size_t k = 0; k < a.fragments.size(); ++k) {
            CHECK(a.fragments[k].passage == s.fragments[k].passage);
            CHECK(a.fragments[k].snippet.text == s.fragments[k].snippet.text);
            CHECK(a.fragments[k].snippet.highlights.size() ==
                  s.fragments[k].snippet.highlights.size());
        }
    }
}

}  // namespace

TEST_CASE("shards: 3 remote shards rank, highlight and cut fragments as one index",
          "[shards][e2e]") {
    TempDir dir;
    Fixture fixture;
    // About 20 000 short passages: 500 documents of ~40 paragraphs of 10-30 words.
    const auto corpus = dir / "fixture";
    fixture.write_documents(corpus, 500, 40);

    struct Case {
        std::filesystem::path source;
        std::vector<std::string> queries;
    };
    std::vector<std::string> fixture_queries;
    for (int q = 0; fixture_queries.size() < 50; ++q) {
        const std::string a = fixture.word(), b = fixture.word(), c = fixture.word();
        switch (q % 8) {
            case 0:
                fixture_queries.push_back(a);
                break;
            case 1:
                fixture_queries.push_back(a + " " + b);
                break;
            case 2:
                fixture_queries.push_back("\"" + a + " " + b + "\"");
                break;
            case 3:
                fixture_queries.push_back(a + " AND " + b + " " + c);
                break;
            case 4:
                fixture_queries.push_back(a + " NEAR/5 " + b);
                break;
            case 5:
                fixture_queries.push_back("title:" + a + " " + b);
                break;
            case 6:
                fixture_queries.push_back("+" + a + " " + b + " " + c);
                break;
            default:
                fixture_queries.push_back(a + " -" + b + " " + c);
                break;
        }
    }
    fixture_queries.back() = "reforms courts river";
    const std::vector<Case> cases = {
        {steppe::test::sample_corpus(),
         {"constitutional court", "reforms", "\"Constitutional Court\"", "court NEAR appeals",
          "Strasbourg OR Venice", "human rights -court", "title:kazakhstan court", "parliament",
          "elections AND president", "democratic reforms pace"}},
        {corpus, fixture_queries},
    };

    int corpus_no = 0;
    std::size_t hits = 0;
    for (const auto& c : cases) {
        const auto single = dir / ("single-" + std::to_string(corpus_no));
        const auto sharded = dir / ("sharded-" + std::to_string(corpus_no));
        ++corpus_no;
        const std::vector<std::string> words = {"--passage-words", "20", "-q"};
        auto args = words;
        args.insert(args.begin(), {"index", "--writers", "1", "--index", single.string()});
        args.push_back(c.source.string());
        REQUIRE(run_steppe(args).exit_code == 0);
        args = words;
        args.insert(args.begin(), {"index", "--shards", "3", "--index", sharded.string()});
        args.push_back(c.source.string());
        const auto built = run_steppe(args);
        CAPTURE(built.err);
        REQUIRE(built.exit_code == 0);
        REQUIRE(std::filesystem::is_regular_file(sharded / "XAPIANDB"));

        std::vector<std::unique_ptr<Server>> servers;
        std::string stub_text;
        for (int i = 0; i < 3; ++i) {
            servers.push_back(
                std::make_unique<Server>(sharded / ("shard-" + std::to_string(i)), free_port()));
            stub_text += servers.back()->stub_line() + "\n";
        }
        const auto stub = dir / ("remote-" + std::to_string(corpus_no) + ".stub");
        write_file(stub, stub_text);

        {  // the searchers close their connections before a server is stopped below
            steppe::Searcher one(single);
            steppe::Searcher remote(stub);
            steppe::Searcher local(sharded);  // the folder: its stub lists local shards
            REQUIRE(remote.passage_count() == one.passage_count());
            CAPTURE(one.passage_count());
            if (corpus_no == 2) CHECK(one.passage_count() >= 15'000);
            for (const auto& query : c.queries) {
                steppe::SearchOptions options;
                const auto expected = one.search(query, options);
                if (corpus_no == 2) hits += expected.hits.size();
                check_same(expected, remote.search(query, options), query);
                check_same(expected, local.search(query, options), query);
                options.offset = 5;
                options.limit = 5;
                check_same(one.search(query, options), remote.search(query, options), query);
            }
            // Did-you-mean: local shards share their spelling data; remote ones have none in
            // Xapian 1.4, and the search says so.
            const auto misspelt = one.search("constitutionl court");
            if (corpus_no == 1) CHECK(!misspelt.suggestion.empty());
            CHECK(local.search("constitutionl court").suggestion == misspelt.suggestion);
            const auto over_remote = remote.search("constitutionl court");
            CHECK(over_remote.suggestion.empty());
            REQUIRE(over_remote.notes.size() == 1);
            CHECK(over_remote.notes[0].find("spelling") != std::string::npos);
        }

        if (corpus_no == 2) {
            // A shard that is down: exit 2 naming it, or its hits left out with
            // --allow-partial.
            const std::string down = servers[1]->stub_line();
            servers[1]->stop();
            const std::string query = fixture_queries[1];
            const auto failed =
                run_steppe({"search", "--index", stub.string(), "--json", "--", query});
            CAPTURE(failed.err);
            CHECK(failed.exit_code == 2);
            CHECK(failed.err.find(down) != std::string::npos);
            CHECK(failed.out.empty());
            const auto partial = run_steppe(
                {"search", "--index", stub.string(), "--json", "--allow-partial", "--", query});
            CAPTURE(partial.err);
            REQUIRE(partial.exit_code == 0);
            const auto last_line =
                partial.out.substr(partial.out.rfind('\n', partial.out.size() - 2) + 1);
            const auto summary = nlohmann::json::parse(last_line);
            CHECK(summary["type"] == "summary");
            CHECK(summary["data"]["missing_shards"] == nlohmann::json::array({down}));
            CHECK(summary["data"]["hits"].get<int>() > 0);
        }
    }
    // The 50 fixture queries are not trivial: most of them fill a page of 10.
    CHECK(hits >= 300);
}

TEST_CASE("shards: the shard count is fixed once the index exists", "[shards][cli]") {
    TempDir dir;
    const std::string index = (dir / "index").string();
    const std::string sample = steppe::test::sample_corpus().string();
    REQUIRE(run_steppe({"index", "-q", "--shards", "3", "--index", index, sample}).exit_code == 0);
    CHECK(steppe::test::read_file(dir / "index" / "XAPIANDB").find("auto shard-2") !=
          std::string::npos);

    const auto other = run_steppe({"index", "-q", "--shards", "2", "--index", index, sample});
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("3 shards") != std::string::npos);

    // Without --shards, and with the same count, the run is incremental over the 3 shards.
    const auto again = run_steppe({"index", "--index", index, sample});
    CAPTURE(again.err);
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("files: 0 read, 1 unchanged") != std::string::npos);
    CHECK(run_steppe({"index", "-q", "--shards", "3", "--index", index, sample}).exit_code == 0);

    // The stub file itself is an index too, for every command.
    const auto stub = (dir / "index" / "XAPIANDB").string();
    const auto found = run_steppe({"search", "--index", stub, "--json", "court"});
    CHECK(found.exit_code == 0);
    CHECK(run_steppe({"stats", "--index", stub}).exit_code == 0);

    // Wildcards are weighed per shard by Xapian 1.4: the search says so.
    const auto wild = run_steppe({"search", "--index", index, "--json", "refor*"});
    REQUIRE(wild.exit_code == 0);
    const auto summary =
        nlohmann::json::parse(wild.out.substr(wild.out.rfind('\n', wild.out.size() - 2) + 1));
    REQUIRE(summary["data"]["notes"].size() == 1);
    CHECK(summary["data"]["notes"][0].get<std::string>().find("wildcard") != std::string::npos);

    // Shards must agree on the analyser: a stub mixing two indexes that do not is refused,
    // naming the shard.
    const std::string kept = (dir / "kept").string();
    REQUIRE(run_steppe({"index", "-q", "--keep-diacritics", "--index", kept, sample}).exit_code ==
            0);
    write_file(dir / "mixed.stub", "auto index/shard-0\nauto index/shard-1\nauto kept\n");
    const auto mixed = run_steppe({"search", "--index", (dir / "mixed.stub").string(), "court"});
    CHECK(mixed.exit_code == 2);
    CHECK(mixed.err.find("shard 'auto kept'") != std::string::npos);
    CHECK(mixed.err.find("analyser") != std::string::npos);

    // An unsharded index is not split afterwards.
    const std::string plain = (dir / "plain").string();
    REQUIRE(run_steppe({"index", "-q", "--index", plain, sample}).exit_code == 0);
    const auto split = run_steppe({"index", "-q", "--shards", "2", "--index", plain, sample});
    CHECK(split.exit_code == 2);
    CHECK(split.err.find("not sharded") != std::string::npos);
}

namespace {

/// `steppe stats --json` of @p index, without what differs between two builds of one corpus.
nlohmann::json stats_of(const std::string& index) {
    const auto stats = run_steppe({"stats", "--json", "--index", index});
    REQUIRE(stats.exit_code == 0);
    auto j = nlohmann::json::parse(stats.out);
    for (const char* key : {"index", "size_bytes", "last_update", "shards"})
        j.erase(key);
    return j;
}

/// What a new index's build killed before its merge leaves in @p index: the documents of
/// @p docs in 2 committed parts, listed by a stub marked as parts (written here by --shards 2,
/// the stub then marked). @returns the stub.
std::filesystem::path parts_left_by_a_kill(const std::string& index,
                                           const std::filesystem::path& docs) {
    REQUIRE(
        run_steppe({"index", "-q", "--shards", "2", "--index", index, docs.string()}).exit_code ==
        0);
    const auto stub = std::filesystem::path(index) / "XAPIANDB";
    write_file(stub,
               "# steppe: a new index written in parts, merged into one database when the "
               "build ends\n" +
                   steppe::test::read_file(stub));
    return stub;
}

/// Starts `steppe index -q --full EXTRA... --index INDEX DOCS`, waits until @p marker exists
/// (the rebuild is being written beside the index), calls @p meanwhile with the old index's
/// checks if the run is still going, and kills it. @returns whether it was.
bool rebuild_killed_midway(const std::vector<std::string>& extra, const std::string& index,
                           const std::filesystem::path& docs, const std::filesystem::path& marker,
                           const std::function<void(pid_t)>& meanwhile) {
    std::vector<std::string> args{STEPPE_BIN, "index", "-q", "--full"};
    args.insert(args.end(), extra.begin(), extra.end());
    for (const std::string& a : {std::string("--index"), index, docs.string()})
        args.push_back(a);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, STEPPE_BIN, nullptr, nullptr, argv.data(), environ) == 0);
    bool seen = false, running = true;
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!seen && running && std::chrono::steady_clock::now() < deadline) {
        seen = std::filesystem::exists(marker);
        running = waitpid(pid, &status, WNOHANG) == 0;
        if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(seen);
    WARN("the rebuild was running when it was seen beside the index: " << running);
    if (running) {
        meanwhile(pid);
        ::kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    return running;
}

/// While a rebuild runs beside @p index: the old index answers @p word with its @p hits and
/// refuses a second writer (if the rebuild is still running when that writer starts).
void old_index_whole_and_locked(pid_t rebuild, const std::string& index,
                                const std::filesystem::path& docs, const std::string& word,
                                std::size_t hits) {
    CHECK(steppe::Searcher(index).search(word).total_estimate == hits);
    const auto second = run_steppe({"index", "-q", "--index", index, docs.string()});
    int status = 0;
    if (waitpid(rebuild, &status, WNOHANG) == 0) {
        CHECK(second.exit_code == 2);
        CHECK(second.err.find("locked") != std::string::npos);
    }
}

/// 1500 small documents in 15 folders, indexed by `steppe index -q ARGS...`, and what a
/// rebuild of that index must keep.
struct IndexToRebuild {
    TempDir dir;
    std::filesystem::path docs = dir / "docs";
    std::string index = (dir / "index").string();
    std::filesystem::path rebuild = dir / "index.full";  ///< Where --full writes.
    Fixture fixture;
    nlohmann::json before;
    std::string word;
    std::size_t hits_before = 0;

    explicit IndexToRebuild(const std::vector<std::string>& args) {
        for (int d = 0; d < 1500; ++d)
            write_file(
                docs / ("d" + std::to_string(d / 100)) / ("doc-" + std::to_string(d) + ".txt"),
                fixture.document(4));
        std::vector<std::string> run{"index", "-q"};
        run.insert(run.end(), args.begin(), args.end());
        for (const std::string& a : {std::string("--index"), index, docs.string()})
            run.push_back(a);
        REQUIRE(run_steppe(run).exit_code == 0);
        before = stats_of(index);
        word = fixture.word();
        hits_before = steppe::Searcher(index).search(word).total_estimate;
    }

    /// A rebuild with @p extra killed midway leaves the index as it was, which meanwhile
    /// answered as before and refused other writers.
    void killed_rebuild_changes_nothing(const std::vector<std::string>& extra) {
        rebuild_killed_midway(extra, index, docs, rebuild / "XAPIANDB", [&](pid_t pid) {
            old_index_whole_and_locked(pid, index, docs, word, hits_before);
        });
        CHECK(stats_of(index).dump() == before.dump());
        CHECK(steppe::Searcher(index).search(word).total_estimate == hits_before);
    }

    /// The next run (not --full) updates the old index and removes the unfinished rebuild.
    void next_run_removes_the_rebuild() const {
        const auto next = run_steppe({"index", "--index", index, docs.string()});
        CAPTURE(next.err);
        CHECK(next.exit_code == 0);
        CHECK(next.err.find("files: 0 read, 1500 unchanged") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(rebuild));
    }
};

}  // namespace

TEST_CASE("parts: a new index written by 2 writers is merged into one that ranks as one writer's",
          "[shards][parts][cli]") {
    TempDir dir;
    Fixture fixture;
    const auto corpus = dir / "fixture";
    fixture.write_documents(corpus, 120, 12);
    // Languages spread over both parts: the merged index knows them all.
    write_file(corpus / "fr.txt",
               "Tous les êtres humains naissent libres et égaux en dignité et "
               "en droits. Ils sont doués de raison et de conscience.\n");
    write_file(corpus / "de.txt",
               "Alle Menschen sind frei und gleich an Würde und Rechten "
               "geboren. Sie sind mit Vernunft und Gewissen begabt.\n");
    write_file(corpus / "ru.txt",
               "Все люди рождаются свободными и равными в своем достоинстве и "
               "правах. Они наделены разумом и совестью.\n");
    const std::string one = (dir / "one").string(), two = (dir / "two").string();
    REQUIRE(run_steppe({"index", "-q", "--writers", "1", "--passage-words", "20", "--index", one,
                        corpus.string(), steppe::test::sample_corpus().string()})
                .exit_code == 0);
    const auto built = run_steppe({"index", "--writers", "2", "--passage-words", "20", "--index",
                                   two, corpus.string(), steppe::test::sample_corpus().string()});
    CAPTURE(built.err);
    REQUIRE(built.exit_code == 0);
    CHECK(built.err.find("documents: 124 added") != std::string::npos);
    // One glass database, nothing of the parts left.
    CHECK(std::filesystem::exists(dir / "two" / "iamglass"));
    CHECK_FALSE(std::filesystem::exists(dir / "two" / "XAPIANDB"));
    CHECK_FALSE(std::filesystem::exists(dir / "two" / "shard-0"));
    CHECK_FALSE(std::filesystem::exists(dir / "two.merging"));
    const auto a = stats_of(one), b = stats_of(two);
    CHECK(a.dump() == b.dump());  // documents, passages, terms, languages, settings

    steppe::Searcher single(one), merged(two);
    std::vector<std::string> queries = {"reforms courts river", "\"Constitutional Court\"",
                                        "court NEAR appeals",   "refor*",
                                        "droits OR Würde",      "title:kazakhstan court"};
    for (int q = 0; q < 20; ++q)
        queries.push_back(fixture.word() + (q % 2 ? " " + fixture.word() : ""));
    for (const auto& query : queries) {
        steppe::SearchOptions options;
        check_same(single.search(query, options), merged.search(query, options), query);
    }
    // Spelling data of both parts, merged: did-you-mean as from one writer.
    const auto misspelt = single.search("constitutionl court");
    CHECK(!misspelt.suggestion.empty());
    CHECK(merged.search("constitutionl court").suggestion == misspelt.suggestion);
    // The parts are written without spelling data; the merge builds it from their terms, to
    // the word and count that one writer records.
    const auto words = steppe::test::spellings_of(one);
    CHECK(words.count("constitutional") == 1);
    CHECK(steppe::test::spellings_of(two) == words);
    // A word is there at its collection frequency once it occurs twice (schema 4): "совестью",
    // once in ru.txt, is indexed but never suggested.
    {
        Xapian::Database db(one);
        CHECK(db.term_exists("совестью"));
        CHECK(words.count("совестью") == 0);
        for (const auto& [word, freq] : words) {
            CAPTURE(word);
            CHECK(freq >= 2);
            CHECK(freq == db.get_collection_freq(word));
        }
    }

    // Every file's record survived the merge: a second run reads nothing.
    const auto again = run_steppe(
        {"index", "--index", two, corpus.string(), steppe::test::sample_corpus().string()});
    CAPTURE(again.err);
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("files: 0 read, 124 unchanged") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "two" / "XAPIANDB"));
}

TEST_CASE("parts: a build killed before its merge is searchable, and the next run merges it",
          "[shards][parts][cli]") {
    TempDir dir;
    const auto docs = dir / "docs";
    Fixture fixture;
    fixture.write_documents(docs, 30, 6);
    // The one English document (the fixture's words are no language) goes to shard 1
    // (FNV-1a of "english-1" is odd), so only the second part knows English: the merged
    // index must, or "river" no longer finds "rivers".
    write_file(docs / "english.jsonl",
               R"({"id":"english-1","title":"Rivers","text":"The rivers of the steppe flow )"
               R"(into salt lakes, and the horses drink there."})"
               "\n");
    // The state a killed build leaves: parts committed, a stub marked as parts, no merge. (A
    // stale copy of a merge killed half-way lies beside it.)
    const std::string index = (dir / "index").string();
    const auto stub = parts_left_by_a_kill(index, docs);
    write_file(dir / "index.merging" / "postlist.glass", "half a copy");
    const auto found = run_steppe({"search", "--index", index, "--json", fixture.word()});
    CHECK(found.exit_code == 0);

    write_file(docs / "late.txt", "A late document about the steppe and its rivers.\n");
    // A file gone since: its words stay in the spelling data of the part written by --shards
    // (the parts of a new index keep none as they go), and the merge, which builds the
    // spelling data from the terms, drops them.
    std::filesystem::remove(docs / "doc-0.txt");
    const auto resumed = run_steppe({"index", "--index", index, docs.string()});
    CAPTURE(resumed.err);
    REQUIRE(resumed.exit_code == 0);
    CHECK(resumed.err.find("files: 1 read, 30 unchanged") != std::string::npos);
    CHECK(std::filesystem::exists(dir / "index" / "iamglass"));
    CHECK_FALSE(std::filesystem::exists(stub));
    CHECK_FALSE(std::filesystem::exists(dir / "index.merging"));

    const std::string clean = (dir / "clean").string();
    REQUIRE(
        run_steppe({"index", "-q", "--writers", "1", "--index", clean, docs.string()}).exit_code ==
        0);
    CHECK(stats_of(index).dump() == stats_of(clean).dump());
    CHECK(steppe::test::spellings_of(index) == steppe::test::spellings_of(clean));
    steppe::Searcher a(clean), b(index);
    for (const std::string& query :
         std::vector<std::string>{"steppe rivers", "river horse", fixture.word(), fixture.word()})
        check_same(a.search(query), b.search(query), query);
}

TEST_CASE("parts: a new index's parts are written in 32 KiB blocks, the merged index in 8 KiB",
          "[shards][parts]") {
    TempDir dir;
    // A glass table's file is a whole number of its blocks: one in 8 KiB blocks mostly is not
    // a whole number of 32 KiB ones.
    const auto tables = [](const std::filesystem::path& folder) {
        std::vector<std::uintmax_t> sizes;
        for (const auto& entry : std::filesystem::directory_iterator(folder))
            if (entry.path().extension() == ".glass" && entry.file_size() > 0)
                sizes.push_back(entry.file_size());
        return sizes;
    };
    steppe::Writers writers(dir / "index", steppe::IndexerOptions{}, 0, 2);
    REQUIRE(writers.parts() == 2);
    for (const char* id : {"a.txt", "b.txt", "c.txt", "d.txt"}) {
        steppe::Document doc;
        doc.id = doc.path = id;
        doc.type = "txt";
        doc.text = std::string("The rivers of the steppe flow into salt lakes, says ") + id + ".";
        writers.add(std::move(doc));
    }
    writers.commit();
    for (const char* part : {"shard-0", "shard-1"}) {
        const auto sizes = tables(dir / "index" / part);
        REQUIRE(sizes.size() >= 4);
        for (const auto size : sizes)
            CHECK(size % steppe::PARTS_BLOCK_SIZE == 0);
    }
    writers.finish();
    const auto merged = tables(dir / "index");
    REQUIRE(merged.size() >= 4);
    CHECK(std::all_of(merged.begin(), merged.end(), [](auto size) { return size % 8192 == 0; }));
    CHECK_FALSE(std::all_of(merged.begin(), merged.end(),
                            [](auto size) { return size % steppe::PARTS_BLOCK_SIZE == 0; }));
    CHECK(steppe::Searcher((dir / "index").string()).search("rivers").hits.size() == 4);
}

TEST_CASE(
    "parts: unsynced parts are kept within the boot that wrote them and built again after a "
    "restart",
    "[shards][parts][cli]") {
    TempDir dir;
    const auto docs = dir / "docs";
    Fixture fixture;
    fixture.write_documents(docs, 30, 6);
    std::string boot = steppe::test::read_file("/proc/sys/kernel/random/boot_id");
    while (!boot.empty() && std::isspace(static_cast<unsigned char>(boot.back())))
        boot.pop_back();
    REQUIRE(!boot.empty());
    const std::string unsynced = "# steppe: parts not synced, boot ";

    // A new index written in parts records, while it is written, that its parts' commits are
    // not synced, and since which boot.
    {
        steppe::Writers writers(dir / "live", steppe::IndexerOptions{}, 0, 2);
        REQUIRE(writers.parts() == 2);
        steppe::Document doc;
        doc.id = doc.path = "a.txt";
        doc.type = "txt";
        doc.text = "The rivers of the steppe flow into salt lakes.";
        writers.add(std::move(doc));
        writers.commit();
        const auto stub = steppe::test::read_file(dir / "live" / "XAPIANDB");
        CHECK(stub.find("\n" + unsynced + boot + "\n") != std::string::npos);
        CHECK(steppe::Searcher((dir / "live").string()).search("rivers").hits.size() == 1);
        writers.finish();
        CHECK_FALSE(std::filesystem::exists(dir / "live" / "XAPIANDB"));
    }

    const std::string clean = (dir / "clean").string();
    REQUIRE(
        run_steppe({"index", "-q", "--writers", "1", "--index", clean, docs.string()}).exit_code ==
        0);
    // Parts a killed build left (every file recorded), marked as unsynced since @p since.
    const auto left = [&](const std::string& index, const std::string& since) {
        const auto stub = parts_left_by_a_kill(index, docs);
        std::string text = steppe::test::read_file(stub);
        text.insert(text.find('\n') + 1, unsynced + since + "\n");
        write_file(stub, text);
    };

    SECTION("the same boot: a killed process lost nothing, the next run merges the parts") {
        const std::string index = (dir / "same").string();
        left(index, boot);
        const auto resumed = run_steppe({"index", "--index", index, docs.string()});
        CAPTURE(resumed.err);
        REQUIRE(resumed.exit_code == 0);
        CHECK(resumed.err.find("files: 0 read, 30 unchanged") != std::string::npos);
        CHECK(resumed.err.find("warning") == std::string::npos);
        CHECK(stats_of(index).dump() == stats_of(clean).dump());
    }
    SECTION("another boot: the parts may have lost commits, so the build starts again") {
        const std::string index = (dir / "restarted").string();
        left(index, "00000000-0000-0000-0000-000000000000");
        // What a power cut can leave of a part's table that was never synced (and of a stub
        // being written).
        write_file(std::filesystem::path(index) / "shard-1" / "postlist.glass",
                   std::string(100, '\0'));
        write_file(std::filesystem::path(index) / "XAPIANDB.tmp", "# steppe: a new in");
        // A search names the torn part and the way out.
        const auto torn = run_steppe({"search", "--index", index, "rivers"});
        CAPTURE(torn.err);
        CHECK(torn.exit_code == 2);
        CHECK(torn.err.find("shard 'auto shard-1' cannot be opened") != std::string::npos);
        CHECK(torn.err.find("run 'steppe index' on it again to finish it") != std::string::npos);
        const auto rebuilt = run_steppe({"index", "--index", index, docs.string()});
        CAPTURE(rebuilt.err);
        REQUIRE(rebuilt.exit_code == 0);
        CHECK(rebuilt.err.find(index +
                               ": warning: the unfinished new index here was written before the "
                               "machine restarted") != std::string::npos);
        CHECK(rebuilt.err.find("files: 30 read, 0 unchanged") != std::string::npos);
        CHECK(std::filesystem::exists(std::filesystem::path(index) / "iamglass"));
        CHECK_FALSE(std::filesystem::exists(std::filesystem::path(index) / "shard-1"));
        CHECK_FALSE(std::filesystem::exists(std::filesystem::path(index) / "XAPIANDB.tmp"));
        CHECK(stats_of(index).dump() == stats_of(clean).dump());
        CHECK(steppe::test::spellings_of(index) == steppe::test::spellings_of(clean));
    }
    SECTION("another boot, and a file that is not the parts': the folder is left alone") {
        const std::string index = (dir / "foreign").string();
        left(index, "00000000-0000-0000-0000-000000000000");
        write_file(std::filesystem::path(index) / "notes.txt", "mine");
        const auto refused = run_steppe({"index", "--index", index, docs.string()});
        CAPTURE(refused.err);
        CHECK(refused.exit_code == 2);
        CHECK(refused.err.find("written before the machine restarted, and other files") !=
              std::string::npos);
        CHECK(std::filesystem::exists(std::filesystem::path(index) / "shard-1"));
        CHECK(std::filesystem::exists(std::filesystem::path(index) / "notes.txt"));
    }
}

TEST_CASE("parts: --full rebuilds in parts beside the index, which stays whole until the end",
          "[shards][parts][cli]") {
    IndexToRebuild t({"--writers", "1"});
    const auto spellings_before = steppe::test::spellings_of(t.index);

    // A rebuild killed once its parts are being written beside the index.
    t.killed_rebuild_changes_nothing({"--writers", "2"});
    t.next_run_removes_the_rebuild();

    // A folder of that name holding anything else is not ours: kept, and --full says so.
    write_file(t.rebuild / "notes.txt", "mine");
    CHECK(run_steppe({"index", "-q", "--index", t.index, t.docs.string()}).exit_code == 0);
    const auto refused = run_steppe(
        {"index", "-q", "--full", "--writers", "2", "--index", t.index, t.docs.string()});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("index.full") != std::string::npos);
    CHECK(steppe::test::read_file(t.rebuild / "notes.txt") == "mine");
    CHECK(stats_of(t.index).dump() == t.before.dump());
    std::filesystem::remove_all(t.rebuild);

    // A rebuild run to its end: one merged database in the index's place, nothing else left.
    const auto full =
        run_steppe({"index", "--full", "--writers", "2", "--index", t.index, t.docs.string()});
    CAPTURE(full.err);
    REQUIRE(full.exit_code == 0);
    CHECK(full.err.find("files: 1500 read") != std::string::npos);
    CHECK(std::filesystem::exists(t.dir / "index" / "iamglass"));
    CHECK_FALSE(std::filesystem::exists(t.dir / "index" / "XAPIANDB"));
    CHECK_FALSE(std::filesystem::exists(t.rebuild));
    CHECK_FALSE(std::filesystem::exists(t.dir / "index.full.merging"));
    CHECK(stats_of(t.index).dump() == t.before.dump());
    CHECK(steppe::test::spellings_of(t.index) == spellings_before);
}

TEST_CASE("shards: --full rebuilds a sharded index beside it, which stays whole until the end",
          "[shards][cli]") {
    IndexToRebuild t({"--shards", "2"});

    // Killed while its shards are written beside the index: the old shards were never
    // emptied (in place, a kill left half an index), and no other writer got in meanwhile.
    t.killed_rebuild_changes_nothing({});
    t.next_run_removes_the_rebuild();

    // Run to its end: the new shards in the index's place, as many as before, nothing left.
    const auto full = run_steppe({"index", "--full", "--index", t.index, t.docs.string()});
    CAPTURE(full.err);
    REQUIRE(full.exit_code == 0);
    CHECK(full.err.find("files: 1500 read") != std::string::npos);
    CHECK(full.err.find("(2 shards)") != std::string::npos);
    CHECK(std::filesystem::exists(t.dir / "index" / "shard-1" / "iamglass"));
    CHECK_FALSE(std::filesystem::exists(t.rebuild));
    CHECK(stats_of(t.index).dump() == t.before.dump());
    CHECK(steppe::Searcher(t.index).search(t.word).total_estimate == t.hits_before);

    // --full may change the shard count: the documents are all written again.
    REQUIRE(
        run_steppe({"index", "-q", "--full", "--shards", "3", "--index", t.index, t.docs.string()})
            .exit_code == 0);
    CHECK(std::filesystem::exists(t.dir / "index" / "shard-2" / "iamglass"));
    CHECK(stats_of(t.index).dump() == t.before.dump());
    CHECK(steppe::Searcher(t.index).search(t.word).total_estimate == t.hits_before);
}

TEST_CASE("parts: a Searcher open on the parts sees the merged index after reopen()",
          "[shards][parts][cli]") {
    TempDir dir;
    const auto docs = dir / "docs";
    Fixture fixture;
    fixture.write_documents(docs, 20, 6);
    const std::string index = (dir / "index").string();
    parts_left_by_a_kill(index, docs);
    steppe::Searcher open(index);
    const std::string word = fixture.word();
    const auto before = open.search(word);
    CHECK(before.total_estimate > 0);
    write_file(docs / "late.txt", "A late document about zebrafish.\n");
    REQUIRE(run_steppe({"index", "-q", "--index", index, docs.string()}).exit_code == 0);
    REQUIRE(std::filesystem::exists(dir / "index" / "iamglass"));
    CHECK(open.search(word).total_estimate == before.total_estimate);
    open.reopen();
    CHECK(open.search("zebrafish").total_estimate == 1);
    // The same for a compaction, which also puts a new folder in the index's place.
    REQUIRE(run_steppe({"compact", "--index", index}).exit_code == 0);
    CHECK(open.search("zebrafish").total_estimate == 1);
    open.reopen();
    CHECK(open.search("zebrafish").total_estimate == 1);
}

TEST_CASE("parts: a folder holding other files is written by one writer, its files kept",
          "[shards][parts][cli]") {
    TempDir dir;
    write_file(dir / "index" / "notes.txt", "mine");
    const std::string index = (dir / "index").string();
    REQUIRE(run_steppe({"index", "-q", "--writers", "2", "--index", index,
                        steppe::test::sample_corpus().string()})
                .exit_code == 0);
    CHECK(steppe::test::read_file(dir / "index" / "notes.txt") == "mine");
    CHECK(std::filesystem::exists(dir / "index" / "iamglass"));
    CHECK_FALSE(std::filesystem::exists(dir / "index" / "XAPIANDB"));
    CHECK(run_steppe({"index", "--writers", "0", "--index", index, "x"}).exit_code == 2);
}

TEST_CASE("shards: steppe serve listens on loopback only unless told otherwise", "[shards][cli]") {
    TempDir dir;
    const auto refused = run_steppe({"serve", "--index", dir.path().string(), "--listen",
                                     "0.0.0.0:" + std::to_string(free_port())});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--allow-non-loopback") != std::string::npos);
    CHECK(run_steppe({"serve", "--listen", "127.0.0.1"}).exit_code == 2);
    CHECK(run_steppe({"serve", "--help"}).exit_code == 0);
    // Not an index: refused before xapian-tcpsrv starts.
    const auto not_index = run_steppe({"serve", "--index", (dir / "none").string(), "--listen",
                                       "127.0.0.1:" + std::to_string(free_port())});
    CHECK(not_index.exit_code == 2);
}

TEST_CASE(
    "parts: old parts or tables left beside the index by a killed merge or compaction go with "
    "the next run, unless they are not steppe's or a process still holds them",
    "[parts][cli]") {
    namespace fs = std::filesystem;
    TempDir dir;
    const auto sample = steppe::test::sample_corpus().string();
    const auto index = dir / "index";
    const auto donor = dir / "donor";  // a database to copy leftovers from
    REQUIRE(run_steppe({"index", "-q", "--writers", "1", "--index", donor.string(), sample})
                .exit_code == 0);
    REQUIRE(run_steppe({"index", "-q", "--index", index.string(), sample}).exit_code == 0);
    // What a merge (old stub and parts) or a compaction (old tables) holds after its exchange.
    auto leftover = [&](const fs::path& folder, bool parts) {
        if (parts) {
            fs::create_directories(folder);
            write_file(folder / "XAPIANDB", "shard-0\n");
            fs::copy(donor, folder / "shard-0", fs::copy_options::recursive);
        } else {
            fs::copy(donor, folder, fs::copy_options::recursive);
        }
    };
    const fs::path merging = dir / "index.merging", compacting = dir / "index.compacting",
                   full = dir / "index.full", full_merging = dir / "index.full.merging";
    leftover(merging, true);
    leftover(compacting, false);
    leftover(full, true);
    leftover(full_merging, true);
    write_file(full_merging / "notes.txt", "not steppe's");
    {
        // A process that still holds a leftover is at work on it: it stays.
        Xapian::WritableDatabase held((full / "shard-0").string(), Xapian::DB_OPEN);
        REQUIRE(run_steppe({"index", "-q", "--index", index.string(), sample}).exit_code == 0);
        CHECK_FALSE(fs::exists(merging));
        CHECK_FALSE(fs::exists(compacting));
        CHECK(fs::exists(full / "shard-0" / "iamglass"));
        CHECK(fs::exists(full_merging / "notes.txt"));
    }
    REQUIRE(run_steppe({"index", "-q", "--index", index.string(), sample}).exit_code == 0);
    CHECK_FALSE(fs::exists(full));
    CHECK(fs::exists(full_merging / "shard-0" / "iamglass"));  // not steppe's: left alone
    CHECK(run_steppe({"search", "--index", index.string(), "court"}).exit_code == 0);
}
