// The query language: parsing (pure, table-driven), errors with columns, and the Xapian
// queries the parsed tree becomes.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "query_xapian.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/searcher/query.hpp"

using steppe::Analyzer;
using steppe::describe;
using steppe::parse_query;
using steppe::QueryError;

TEST_CASE("query: every operator, field and range parses to the expected tree", "[query]") {
    struct Case {
        const char* query;
        const char* tree;
    };
    const Case cases[] = {
        // Free text: any word may match (BM25 ranks), case and punctuation do not matter.
        {"court", "court"},
        {"Court appeals", "(OR court appeals)"},
        {"court ,;", "court"},
        {"a - b", "(OR a b)"},
        {"and or not near", "(OR and or not near)"},
        // Boolean operators.
        {"court AND appeals", "(AND court appeals)"},
        {"court OR appeals", "(OR court appeals)"},
        {"court NOT appeals", "(AND_NOT court appeals)"},
        {"court AND NOT appeals", "(AND_NOT court appeals)"},
        {"court AND -appeals", "(AND_NOT court appeals)"},
        {"a AND b AND c", "(AND a b c)"},
        {"a AND b OR c", "(OR (AND a b) c)"},
        {"(court OR judge) AND appeals", "(AND (OR court judge) appeals)"},
        {"((a))", "a"},
        // Required and excluded words.
        {"+court appeals", "(AND_MAYBE court appeals)"},
        {"+court +appeals", "(AND court appeals)"},
        {"court -appeals", "(AND_NOT court appeals)"},
        {"court -appeals -judge", "(AND_NOT court (OR appeals judge))"},
        {"-appeals", "(AND_NOT (ALL) appeals)"},
        {"NOT appeals", "(AND_NOT (ALL) appeals)"},
        {"court -(a b)", "(AND_NOT court (OR a b))"},
        {"-a OR b", "(AND_NOT b a)"},
        {"a OR -b", "(AND_NOT a b)"},
        {"a OR +b", "(AND_MAYBE b a)"},
        {"a b OR c", "(OR a b c)"},
        // Phrases: exact, unstemmed; a word the analyser splits becomes one too.
        {"\"Constitutional Court\" appeals", "(OR \"constitutional court\" appeals)"},
        {"\"court\"", "\"court\""},
        {"+\"human rights\" court", "(AND_MAYBE \"human rights\" court)"},
        {"e-mail", "\"e mail\""},
        {"\"\" court", "court"},
        // NEAR: window = words allowed between + number of words.
        {"court NEAR appeals", "(NEAR/12 court appeals)"},
        {"court NEAR/3 appeals", "(NEAR/5 court appeals)"},
        {"a NEAR/2 b NEAR c", "(NEAR/13 a b c)"},
        {"x a NEAR/0 b", "(OR x (NEAR/2 a b))"},
        // Wildcards, normalised like words.
        {"refor*", "refor*"},
        {"Réfor**", "refor*"},
        {"court refor*", "(OR court refor*)"},
        // Fields are filters: OR within one field, AND across fields.
        {"title:Kazakhstan", "(FILTER (ALL) title:kazakhstan)"},
        {"court title:Kazakhstan", "(FILTER court title:kazakhstan)"},
        {"court title:a title:b", "(FILTER court (OR title:a title:b))"},
        {"court title:a lang:EN", "(FILTER court (AND title:a lang:en))"},
        {"court lang:zh-Hant lang:iw", "(FILTER court (OR lang:zh lang:he))"},
        {"title:\"Two Words\"", "(FILTER (ALL) (AND title:two title:words))"},
        {"+title:a court", "(FILTER court title:a)"},
        {"court -type:md", "(AND_NOT court type:md)"},
        {"court OR title:x", "(OR court title:x)"},
        {"type:MD", "(FILTER (ALL) type:md)"},
        {"type:txt type:jsonl", "(FILTER (ALL) (OR type:txt type:jsonl))"},
        {"path:./docs/sub/", "(FILTER (ALL) path:docs/sub)"},
        {"path:/abs/dir x", "(FILTER x path:abs/dir)"},
        {"Title:x", "(FILTER (ALL) title:x)"},
        // Date ranges on the modification time (UTC, bounds inclusive).
        {"modified:2024-01-01..2025-06-30", "(FILTER (ALL) (RANGE 1704067200 1751327999))"},
        {"modified:2024..", "(FILTER (ALL) (RANGE 1704067200 ..))"},
        {"modified:..2024-02", "(FILTER (ALL) (RANGE .. 1709251199))"},
        {"modified:2024-02-29", "(FILTER (ALL) (RANGE 1709164800 1709251199))"},
        {"modified:2024 court", "(FILTER court (RANGE 1704067200 1735689599))"},
        // Nothing to search for.
        {"", "(EMPTY)"},
        {" ,;! ", "(EMPTY)"},
    };
    Analyzer analyzer;
    for (const auto& c : cases) {
        CAPTURE(c.query);
        CHECK(describe(parse_query(c.query, analyzer)) == c.tree);
    }
}

TEST_CASE("query: a bad query names the problem and its column", "[query][error]") {
    struct Case {
        const char* query;
        const char* message;
        std::size_t column;
    };
    const Case cases[] = {
        {"court \"appeals", "unbalanced quote at column 7", 7},
        {"Алматы \"суд", "unbalanced quote at column 8", 8},
        {"title:\"open", "unbalanced quote at column 7", 7},
        {"(court appeals", "unbalanced parenthesis at column 1", 1},
        {"court)", "unbalanced parenthesis at column 6", 6},
        {"a (b (c)", "unbalanced parenthesis at column 3", 3},
        {"court AND", "AND has nothing on its right at column 7", 7},
        {"a AND OR b", "AND has nothing on its right at column 3", 3},
        {"OR court", "OR has nothing on its left at column 1", 1},
        {"AND court", "AND has nothing on its left at column 1", 1},
        {"court NOT", "NOT has nothing on its right at column 7", 7},
        {"court NEAR", "NEAR has nothing on its right at column 7", 7},
        {"court NEAR/x b", "NEAR/ needs a number of words (NEAR/3) at column 12", 12},
        {"refor* NEAR court", "NEAR joins words only at column 1", 1},
        {"a NEAR (b c)", "NEAR joins words only at column 8", 8},
        {"title:", "title: needs a value at column 1", 1},
        {"x -path:", "path: needs a value at column 4", 4},
        {"path:/", "path: needs a folder or file name at column 6", 6},
        {"type:docx", "unknown type 'docx' (txt, md, html, pdf, jsonl) at column 6", 6},
        {"modified:2024-13-01",
         "bad date '2024-13-01' (use YYYY, YYYY-MM or YYYY-MM-DD) at column 10", 10},
        {"modified:2023-02-29..", "bad date '2023-02-29' (use YYYY, YYYY-MM or YYYY-MM-DD)", 10},
        {"modified:2024..20x5", "bad date '20x5' (use YYYY, YYYY-MM or YYYY-MM-DD)", 16},
        {"modified:2025..2024", "modified: range ends before it starts at column 10", 10},
        {"modified:..", "modified: needs a date before or after .. at column 10", 10},
        {"*", "a wildcard needs letters before * at column 1", 1},
        {"a ,*", "a wildcard needs letters before * at column 3", 3},
    };
    Analyzer analyzer;
    for (const auto& c : cases) {
        CAPTURE(c.query);
        try {
            (void)parse_query(c.query, analyzer);
            FAIL("no QueryError");
        } catch (const QueryError& e) {
            CHECK(std::string(e.what()).find(c.message) == 0);
            CHECK(e.column() == c.column);
        }
    }
}

TEST_CASE("query: groups nest 32 deep; deeper is an error, never a stack overflow",
          "[query][error]") {
    Analyzer analyzer;
    const auto nested = [](std::size_t depth) {
        return std::string(depth, '(') + "court" + std::string(depth, ')');
    };
    CHECK(describe(parse_query(nested(32), analyzer)) == describe(parse_query("court", analyzer)));
    for (const std::size_t depth : {33u, 5000u, 200000u}) {
        CAPTURE(depth);
        try {
            (void)parse_query(nested(depth), analyzer);
            FAIL("no QueryError");
        } catch (const QueryError& e) {
            CHECK(std::string(e.what()) == "parentheses nested more than 32 deep at column 33");
            CHECK(e.column() == 33);
        }
    }
    // The same through the plain-word parser: parentheses are not syntax there.
    CHECK_NOTHROW(plain_query(nested(5000), analyzer));
}

TEST_CASE("query: a run of Chinese is matched as a phrase of its words", "[query][cjk]") {
    Analyzer analyzer;
    const std::string text = "宪法法院审理上诉";
    const auto tokens = analyzer.tokenize(text);
    REQUIRE(tokens.size() > 1);
    const auto node = parse_query(text, analyzer);
    CHECK(node.kind == steppe::QueryNode::Kind::Phrase);
    REQUIRE(node.tokens.size() == tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i)
        CHECK(node.tokens[i].term == tokens[i].term);
}

TEST_CASE("query: nodes remember where in the query they came from", "[query]") {
    Analyzer analyzer;
    const std::string q = "alpha \"beta gamma\" title:delta";
    const auto node = parse_query(q, analyzer);
    const auto leaves = steppe::positive_leaves(node);
    REQUIRE(leaves.size() == 2);
    CHECK(q.substr(leaves[0]->source.begin, leaves[0]->source.end - leaves[0]->source.begin) ==
          "alpha");
    CHECK(q.substr(leaves[1]->tokens[0].begin, 4) == "beta");
}

TEST_CASE("query: positive leaves skip excluded branches and filters", "[query]") {
    Analyzer analyzer;
    const auto node = parse_query("a \"b c\" -d title:e f* NOT g (h NEAR i)", analyzer);
    std::vector<std::string> seen;
    for (const auto* leaf : steppe::positive_leaves(node))
        seen.push_back(describe(*leaf));
    CHECK(seen == std::vector<std::string>{"a", "\"b c\"", "f*", "(NEAR/12 h i)"});
}

TEST_CASE("query: days_to_seconds agrees with the calendar", "[query]") {
    CHECK(steppe::days_to_seconds(1970, 1, 1) == 0);
    CHECK(steppe::days_to_seconds(2000, 3, 1) == 951868800);
    CHECK(steppe::days_to_seconds(2024, 1, 1) == 1704067200);
    CHECK(steppe::days_to_seconds(1969, 12, 31) == -86400);
}

TEST_CASE("query: the tree becomes the Xapian query it describes", "[query][xapian]") {
    struct Case {
        const char* query;
        const char* xapian;
    };
    const Case cases[] = {
        {"courts", "Query((courts OR Zcourt))"},
        {"\"constitutional court\"", "Query((constitutional PHRASE 2 court))"},
        {"a NEAR/3 b", "Query((a NEAR 5 b))"},
        {"refor*", "Query(WILDCARD SYNONYM refor)"},
        {"+w -b", "Query(((w OR Zw) AND_NOT (b OR Zb)))"},
        {"w title:x", "Query(((w OR Zw) FILTER 0 * Sx))"},
        // English passages have no stem term for a stopword: its exact form carries the
        // stem's weight too.
        {"the", "Query(2 * the)"},
        {"path:docs/sub lang:kk type:md x",
         "Query(((x OR Zx) FILTER (0 * XPdocs/sub AND 0 * Lkk AND 0 * Tmd)))"},
        {"modified:2024..", "Query((<alldocuments> FILTER VALUE_GE 6 \xC2\xA0\x00\x00\x00))"},
    };
    Analyzer analyzer;
    const std::vector<std::string> languages{"en"};
    for (const auto& c : cases) {
        CAPTURE(c.query);
        const auto q =
            steppe::internal::to_xapian(parse_query(c.query, analyzer), analyzer, languages);
        if (std::string(c.query).rfind("modified", 0) == 0) {
            CHECK(q.get_description().find("VALUE_GE 6") != std::string::npos);
        } else {
            CHECK(q.get_description() == c.xapian);
        }
    }
}

TEST_CASE("query: an English stopword keeps its stem for the index's other languages",
          "[query][xapian]") {
    Analyzer analyzer;
    const std::vector<std::string> languages{"de", "en"};
    const auto q = steppe::internal::to_xapian(parse_query("the", analyzer), analyzer, languages);
    CHECK(q.get_description() == "Query((the OR (the FILTER Len) OR Zthe))");
}

TEST_CASE("query: a phrase with a stopword asks for the stopword slot in English passages",
          "[query][xapian][stopwords]") {
    Analyzer analyzer;
    steppe::internal::XapianQueryOptions options;
    options.stopword_slots = true;
    auto xapian = [&](const char* query, const std::vector<std::string>& languages) {
        return steppe::internal::to_xapian(parse_query(query, analyzer), analyzer, languages,
                                           options)
            .get_description();
    };
    CHECK(xapian("\"bank of america\"", {"en"}) ==
          "Query(((bank PHRASE 3 XW PHRASE 3 america) AND of))");
    CHECK(xapian("\"the beatles\"", {"en"}) == "Query(((XW PHRASE 2 beatles) AND the))");
    CHECK(xapian("\"to be\"", {"en"}) == "Query(((XW PHRASE 2 XW) AND to AND be))");
    CHECK(xapian("bank NEAR/2 of", {"en"}) == "Query((bank AND of))");
    CHECK(xapian("\"bank america\"", {"en"}) == "Query((bank PHRASE 2 america))");
    // Other languages' passages keep their stopwords' positions: the plain phrase there only
    // (Xapian 1.4 would let it match an English passage too, and count it twice).
    options.other_languages = true;
    CHECK(xapian("\"the beatles\"", {"de", "en"}) ==
          "Query((((the PHRASE 2 beatles) AND_NOT Len) OR ((XW PHRASE 2 beatles) AND the)))");
}

TEST_CASE("query: a value range keeps documents whose time falls inside", "[query][xapian]") {
    // Built in memory: three passages with times before, inside and after the range.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const std::int64_t times[] = {steppe::days_to_seconds(2023, 12, 31),
                                  steppe::days_to_seconds(2024, 6, 1),
                                  steppe::days_to_seconds(2025, 7, 1)};
    for (const auto t : times) {
        Xapian::Document d;
        d.add_term("x");
        d.add_value(6, Xapian::sortable_serialise(static_cast<double>(t)));
        db.add_document(d);
    }
    Analyzer analyzer;
    auto count = [&](const char* query) {
        Xapian::Enquire e(db);
        e.set_query(steppe::internal::to_xapian(parse_query(query, analyzer), analyzer, {}));
        return e.get_mset(0, 10).size();
    };
    CHECK(count("x modified:2024-01-01..2025-06-30") == 1);
    CHECK(count("x modified:2024..") == 2);
    CHECK(count("x modified:..2024") == 2);
    CHECK(count("x modified:2023-12-31") == 1);
    CHECK(count("x -modified:2024") == 2);
}

TEST_CASE("query: a wildcard with many expansions keeps the most frequent", "[query][xapian]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    // 150 words start with "w"; "wanted" is in every document, the others in one each.
    for (int i = 0; i < 150; ++i) {
        Xapian::Document d;
        d.add_term("w" + std::to_string(i));
        d.add_term("wanted");
        db.add_document(d);
    }
    Analyzer analyzer;
    Xapian::Enquire e(db);
    e.set_query(steppe::internal::to_xapian(parse_query("w*", analyzer), analyzer, {}));
    // No "too many terms" error: the expansion stops at the most frequent ones.
    const auto mset = e.get_mset(0, 200);
    CHECK(mset.size() == 150);
}
