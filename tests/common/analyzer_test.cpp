#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"

using steppe::Analyzer;

namespace {

std::vector<std::string> terms(const std::string& text) {
    Analyzer a;
    std::vector<std::string> out;
    for (const auto& t : a.tokenize(text))
        out.push_back(t.term);
    return out;
}

}  // namespace

TEST_CASE("analyzer: words are case folded and punctuation makes no word", "[analyzer]") {
    CHECK(terms("The Court, (its) JUDGMENTS!") ==
          std::vector<std::string>{"the", "court", "its", "judgments"});
}

TEST_CASE("analyzer: normalisation folds case, width and diacritics", "[analyzer]") {
    struct Case {
        const char* input;
        const char* term;
    };
    const Case cases[] = {
        {"café", "cafe"},         {"Straße", "strasse"}, {"ＫＡＺＡＫＨＳＴＡＮ", "kazakhstan"},
        {"İstanbul", "istanbul"}, {"naïve", "naive"},    {"ёлка", "елка"},
        {"қазақ", "қазақ"},       {"ıslak", "ıslak"},    {"O’Brien", "o'brien"},
        {"don't", "don't"},       {"ΆΘΗΝΑ", "αθηνα"},
    };
    Analyzer a;
    for (const auto& c : cases) {
        CAPTURE(c.input);
        CHECK(a.normalize(c.input) == c.term);
    }
}

TEST_CASE("analyzer: token offsets are byte ranges of the original text", "[analyzer]") {
    const std::string text = "Ｃafé  NAÏVE\nstraße";
    Analyzer a;
    const auto tokens = a.tokenize(text);
    REQUIRE(tokens.size() == 3);
    CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Ｃafé");
    CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "NAÏVE");
    CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "straße");
    CHECK(tokens[2].position == 2);
}

TEST_CASE("analyzer: invalid UTF-8 makes no word and keeps offsets", "[analyzer]") {
    const std::string text = "ab\xff\xfe cd";
    Analyzer a;
    const auto tokens = a.tokenize(text);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1].term == "cd");
    CHECK(tokens[1].begin == 5);
}

TEST_CASE("analyzer: Chinese is segmented into words", "[analyzer][cjk]") {
    // 人人生而自由 (all people are born free): ICU's dictionary finds more than one word.
    const std::string text = "人人生而自由，在尊严和权利上一律平等。";
    Analyzer a;
    const auto tokens = a.tokenize(text);
    REQUIRE(tokens.size() > 4);
    for (const auto& t : tokens) {
        CHECK(t.end > t.begin);
        CHECK(text.substr(t.begin, t.end - t.begin) == t.term);
    }
}

TEST_CASE("analyzer: sentences ignore hard line breaks and honorifics", "[analyzer][sentences]") {
    const std::string text =
        "The\ndelegation was led by Ms. Elvira Azimova and Mr. Smith of the\nCourt. A second "
        "sentence.\n\nA new paragraph.";
    Analyzer a;
    const auto s = a.sentences(text);
    REQUIRE(s.size() == 3);
    CHECK(text.substr(s[0].range.begin, s[0].range.end - s[0].range.begin) ==
          "The\ndelegation was led by Ms. Elvira Azimova and Mr. Smith of the\nCourt.");
    CHECK_FALSE(s[0].ends_paragraph);
    CHECK(s[1].ends_paragraph);
    CHECK(text.substr(s[2].range.begin, s[2].range.end - s[2].range.begin) == "A new paragraph.");
}

TEST_CASE("analyzer: stems are taken before diacritics are folded", "[analyzer][stem]") {
    Analyzer a;
    CHECK(Analyzer::has_stemmer("en"));
    CHECK(Analyzer::has_stemmer("russian"));
    CHECK_FALSE(Analyzer::has_stemmer("kk"));
    CHECK_FALSE(Analyzer::has_stemmer(""));  // no language: no stemmer (it once looped)
    const auto reforms = a.tokenize("reforms reform reformed");
    REQUIRE(reforms.size() == 3);
    CHECK(a.stem(reforms[0], "en") == a.stem(reforms[1], "en"));
    CHECK(a.stem(reforms[2], "en") == a.stem(reforms[1], "en"));
    const auto ru = a.tokenize("реформы реформа новый");
    REQUIRE(ru.size() == 3);
    CHECK(a.stem(ru[0], "ru") == a.stem(ru[1], "ru"));
    CHECK(a.stem(ru[2], "ru") == "нов");
}

TEST_CASE("analyzer: settings round-trip through JSON", "[analyzer]") {
    steppe::AnalyzerSettings s;
    s.fold_diacritics = false;
    CHECK(steppe::AnalyzerSettings::from_json(s.to_json()) == s);
    CHECK_THROWS_AS(steppe::AnalyzerSettings::from_json("{"), steppe::Error);
}

TEST_CASE("analyzer: hyphens split words, apostrophes join them", "[analyzer][segmentation]") {
    struct Case {
        const char* input;
        std::vector<std::string> terms;
    };
    const Case cases[] = {
        // Hyphenated words are indexed as their parts, with consecutive positions.
        {"state-of-the-art", {"state", "of", "the", "art"}},
        {"e-mail COVID-19", {"e", "mail", "covid", "19"}},
        {"well\u2010known", {"well", "known"}},  // U+2010 HYPHEN
        {"non\u2011stop", {"non", "stop"}},      // U+2011 NON-BREAKING HYPHEN
        {"co\u00ADoperate", {"cooperate"}},      // a soft hyphen is invisible
        // Apostrophes inside a word keep it whole, whichever apostrophe is typed.
        {"don't", {"don't"}},
        {"don’t", {"don't"}},
        {"O'Brien", {"o'brien"}},
        {"O’Brien", {"o'brien"}},
        {"Oʼbrien", {"o'brien"}},  // U+02BC MODIFIER LETTER APOSTROPHE
        {"students' rights", {"students", "rights"}},
        {"Türkiye'nin", {"turkiye'nin"}},
        // Elided articles and prepositions are dropped.
        {"l’homme d'État", {"homme", "etat"}},
        {"qu'il jusqu’à", {"il", "a"}},
        {"dell'uomo", {"uomo"}},
    };
    Analyzer a;
    for (const auto& c : cases) {
        CAPTURE(c.input);
        std::vector<std::string> got;
        for (const auto& t : a.tokenize(c.input))
            got.push_back(t.term);
        CHECK(got == c.terms);
    }
}

TEST_CASE("analyzer: offsets survive width, ligatures, combining marks, Thai and emoji",
          "[analyzer][offsets]") {
    struct Case {
        std::string text;
        std::vector<std::string> originals;  ///< Each token's bytes in the text.
        std::vector<std::string> terms;
    };
    const Case cases[] = {
        {"ＡＢＣ　ｄｅｆ", {"ＡＢＣ", "ｄｅｆ"}, {"abc", "def"}},
        {"the ﬁnal ﬂight", {"the", "ﬁnal", "ﬂight"}, {"the", "final", "flight"}},
        {"cafe\u0301 Ame\u0301lie", {"cafe\u0301", "Ame\u0301lie"}, {"cafe", "amelie"}},
        {"I ❤️ café 👍🏽 now", {"I", "café", "now"}, {"i", "cafe", "now"}},
        {"ภาษาไทย ง่าย", {"ภาษา", "ไทย", "ง่าย"}, {"ภาษา", "ไทย", "ง่าย"}},
        {"Ⅻ ｶﾀｶﾅ", {"Ⅻ", "ｶﾀｶﾅ"}, {"xii", "カタカナ"}},
    };
    Analyzer a;
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto tokens = a.tokenize(c.text);
        std::vector<std::string> originals, terms;
        for (const auto& t : tokens) {
            originals.push_back(c.text.substr(t.begin, t.end - t.begin));
            terms.push_back(t.term);
        }
        CHECK(originals == c.originals);
        CHECK(terms == c.terms);
    }
}

TEST_CASE("analyzer: dictionary scripts are segmented into words", "[analyzer][cjk]") {
    // Each text has no spaces between its words; ICU's dictionaries find them.
    const char* texts[] = {
        "ทุกคนมีสิทธิในการมีชีวิต",                       // Thai
        "ມະນຸດທຸກຄົນເກີດມາມີສິດເສລີ",                     // Lao
        "មនុស្សទាំងអស់កើតមកមានសេរីភាព",                 // Khmer
        "လူတိုင်းသည်မွေးဖွားလာစဉ်ကပင်",                     // Burmese
        "すべての人間は、生まれながらにして自由",  // Japanese
        "人人生而自由，在尊严和权利上一律平等。",  // Chinese
    };
    Analyzer a;
    for (const std::string text : texts) {
        CAPTURE(text);
        const auto tokens = a.tokenize(text);
        CHECK(tokens.size() >= 3);
        std::size_t previous_end = 0;
        for (const auto& t : tokens) {
            CHECK(t.begin >= previous_end);
            CHECK(t.end > t.begin);
            previous_end = t.end;
        }
    }
}

TEST_CASE("analyzer: output is a pure function of input and settings", "[analyzer]") {
    const std::string a_text = "Ｃafé reforms, реформы и Straße: 人人生而自由";
    const std::string b_text = "café naïve ёлка ıslak";
    Analyzer one;
    Analyzer two;
    const auto first = one.tokenize(a_text);
    (void)one.tokenize(b_text);  // state left by other input must not leak
    (void)one.stem(one.tokenize("café")[0], "fr");
    const auto again = one.tokenize(a_text);
    const auto fresh = two.tokenize(a_text);
    REQUIRE(first.size() == again.size());
    REQUIRE(first.size() == fresh.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        CAPTURE(i);
        CHECK(first[i].term == again[i].term);
        CHECK(first[i].base == again[i].base);
        CHECK(first[i].term == fresh[i].term);
        CHECK(first[i].base == fresh[i].base);
        CHECK(first[i].begin == fresh[i].begin);
        CHECK(first[i].end == fresh[i].end);
        CHECK(one.stem(first[i], "en") == two.stem(fresh[i], "en"));
    }
}

TEST_CASE("regression: an ASCII word after an accented one keeps no stale base",
          "[analyzer][stem]") {
    Analyzer a;
    const auto tokens = a.tokenize("café reforms");
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].base == "café");
    CHECK(tokens[1].base.empty());
    CHECK(a.stem(tokens[1], "en") == "reform");
}

TEST_CASE("analyzer: keep-diacritics keeps accents but folds case, width and İ", "[analyzer]") {
    steppe::AnalyzerSettings s;
    s.fold_diacritics = false;
    Analyzer a(s);
    CHECK(a.normalize("CAFÉ") == "café");
    CHECK(a.normalize("ｃａｆé") == "café");
    CHECK(a.normalize("İstanbul") == "istanbul");
    CHECK(a.normalize("Ёлка") == "ёлка");
}

TEST_CASE("analyzer: settings name their rules and refuse unknown ones", "[analyzer]") {
    const std::string json = steppe::AnalyzerSettings{}.to_json();
    CHECK(json.find("\"stemming\"") != std::string::npos);
    CHECK(json.find("\"hyphens\"") != std::string::npos);
    std::string other = json;
    other.replace(other.find("snowball-by-passage-language"),
                  std::string("snowball-by-passage-language").size(), "porter");
    CHECK_THROWS_AS(steppe::AnalyzerSettings::from_json(other), steppe::Error);
}

namespace {

/// Tokens of @p text as "term@begin-end#position", with or without the ASCII fast path.
std::vector<std::string> described(Analyzer& a, const std::string& text) {
    std::vector<std::string> out;
    for (const auto& t : a.tokenize(text)) {
        out.push_back(t.term + "@" + std::to_string(t.begin) + "-" + std::to_string(t.end) + "#" +
                      std::to_string(t.position) + "/" + t.base);
    }
    return out;
}

}  // namespace

TEST_CASE("analyzer: the ASCII fast path finds exactly ICU's words", "[analyzer][fast]") {
    steppe::AnalyzerSettings icu_only;
    icu_only.ascii_fast_path = false;
    Analyzer fast;
    Analyzer icu(icu_only);
    // Pieces that exercise UAX #29's joining rules, white space and the cuts between ASCII
    // and non-ASCII chunks (combining marks, soft hyphen, no-break space after a space).
    const std::vector<std::string> pieces = {
        "a",      "Z",      "q",     "7",     "0",    ".",      ",",      ";",
        ":",      "'",      "_",     "@",     "-",    " ",      " ",      "\t",
        "\n",     "\r\n",   "!",     "?",     "\"",   "(",      ")",      "/",
        "#",      "é",      "ё",     "人",    "ภา",   "\u0301", "\u00AD", "’",
        "\u00A0", "\u200D", "\x01",  "\x7f",  "\f",   "\v",     "\u3000", "\U0001F44D",
        "l'",     "qu'",    "dell'", "don't", "3.14", "1,000",  "e.g.",   "x@y.z"};
    std::mt19937 rng(77);
    std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(0, 24);
    for (int i = 0; i < 30'000; ++i) {
        std::string text;
        for (int k = length(rng); k > 0; --k)
            text += pieces[piece(rng)];
        CAPTURE(text);
        REQUIRE(described(fast, text) == described(icu, text));
    }
    // Any ASCII character at all.
    std::uniform_int_distribution<int> ascii(1, 127);
    for (int i = 0; i < 20'000; ++i) {
        std::string text;
        for (int k = length(rng); k > 0; --k)
            text += static_cast<char>(ascii(rng));
        CAPTURE(text);
        REQUIRE(described(fast, text) == described(icu, text));
    }
    // Text that is ASCII for long stretches, so the fast path leaves a pending ICU run.
    std::string mixed;
    for (int k = 0; k < 40; ++k)
        mixed += k % 13 == 0 ? "Алматы, café (1997) " : "the U.S. e-mail x_y 3,5 o'clock ";
    CHECK(described(fast, mixed) == described(icu, mixed));
}
