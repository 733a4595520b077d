// Reading queries.tsv and qrels.txt: what is accepted and how bad lines are reported.
#include <catch2/catch.hpp>

#include "steppe/bench/collection.hpp"
#include "steppe/common/error.hpp"
#include "test_support.hpp"

using steppe::test::TempDir;
using steppe::test::write_file;

namespace {

/// The message of the CorpusError that @p f throws, or "" when it throws none.
template <class F>
std::string corpus_error(F&& f) {
    try {
        f();
    } catch (const steppe::CorpusError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("collection: queries are read with their ids, blank lines and CRs dropped",
          "[collection]") {
    TempDir dir;
    write_file(dir / "queries.tsv", "1\twhat is lift ?\r\n\n  2 \t  drag  \n");
    const auto q = steppe::bench::read_queries(dir / "queries.tsv");
    REQUIRE(q.size() == 2);
    CHECK(q[0].id == "1");
    CHECK(q[0].text == "what is lift ?");
    CHECK(q[1].id == "2");
    CHECK(q[1].text == "drag");
}

TEST_CASE("collection: malformed query lines are named by file and line", "[collection]") {
    TempDir dir;
    struct Case {
        std::string text, expected;
    };
    for (const auto& c : std::vector<Case>{
             {"1\tok\n2 no tab\n", "queries.tsv:2: expected 'qid<TAB>query text'"},
             {"1\tok\n\n1\tagain\n", "queries.tsv:3: query id '1' appears twice"},
             {"\tno id\n", "queries.tsv:1: empty query id"},
             {"7\t  \n", "queries.tsv:1: query '7' has no text"},
         }) {
        CAPTURE(c.text);
        write_file(dir / "queries.tsv", c.text);
        CHECK_THAT(corpus_error([&] { (void)steppe::bench::read_queries(dir / "queries.tsv"); }),
                   Catch::Contains(c.expected));
    }
}

TEST_CASE("collection: qrels keep integer gains per query and document", "[collection]") {
    TempDir dir;
    write_file(dir / "qrels.txt", "1 0 184 3\n1 0 29 -1\n\n2\t0\tabc\t1\n");
    const auto qrels = steppe::bench::read_qrels(dir / "qrels.txt");
    REQUIRE(qrels.size() == 2);
    CHECK(qrels.at("1").at("184") == 3);
    CHECK(qrels.at("1").at("29") == -1);
    CHECK(qrels.at("2").at("abc") == 1);
}

TEST_CASE("collection: malformed qrels lines are named by file and line", "[collection]") {
    TempDir dir;
    struct Case {
        std::string text, expected;
    };
    for (const auto& c : std::vector<Case>{
             {"1 0 a 1\n1 0 b\n", "qrels.txt:2: expected 4 fields 'qid 0 docid gain', found 3"},
             {"1 0 a high\n", "qrels.txt:1: gain 'high' is not an integer"},
             {"1 0 a 1.5\n", "qrels.txt:1: gain '1.5' is not an integer"},
             {"1 0 a 1\n1 0 a 2\n", "qrels.txt:2: document 'a' is judged twice for query '1'"},
         }) {
        CAPTURE(c.text);
        write_file(dir / "qrels.txt", c.text);
        CHECK_THAT(corpus_error([&] { (void)steppe::bench::read_qrels(dir / "qrels.txt"); }),
                   Catch::Contains(c.expected));
    }
}

TEST_CASE("collection: a missing file is named", "[collection]") {
    TempDir dir;
    CHECK_THAT(corpus_error([&] { (void)steppe::bench::read_qrels(dir / "qrels.txt"); }),
               Catch::Contains("qrels.txt: cannot open"));
    CHECK_THAT(corpus_error([&] { (void)steppe::bench::read_queries(dir / "queries.tsv"); }),
               Catch::Contains("queries.tsv: cannot open"));
}

TEST_CASE("collection: the corpus file is corpus.jsonl, else corpus.jsonl.gz", "[collection]") {
    TempDir dir;
    CHECK_FALSE(steppe::bench::find_corpus_file(dir.path()));
    write_file(dir / "corpus.jsonl.gz", "");
    CHECK(steppe::bench::find_corpus_file(dir.path()) == dir / "corpus.jsonl.gz");
    write_file(dir / "corpus.jsonl", "");
    CHECK(steppe::bench::find_corpus_file(dir.path()) == dir / "corpus.jsonl");
}
