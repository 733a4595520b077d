#include <catch2/catch.hpp>

#include <string>

#include "steppe/common/language.hpp"

using steppe::canonical_language_code;
using steppe::detect_language;

TEST_CASE("language: sentences are detected as their language", "[language]") {
    struct Case {
        const char* text;
        const char* code;
    };
    const Case cases[] = {
        {"All human beings are born free and equal in dignity and rights. They are endowed "
         "with reason and conscience.",
         "en"},
        {"Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены "
         "разумом и совестью.",
         "ru"},
        {"Барлық адамдар тумысынан азат және қадір-қасиеті мен кұқықтары тең болып дүниеге "
         "келеді. Адамдарға ақыл-парасат пен ар-ождан берілген.",
         "kk"},
        {"Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit "
         "Vernunft und Gewissen begabt.",
         "de"},
        {"Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar. Akıl ve vicdana "
         "sahiptirler.",
         "tr"},
        {"כל בני אדם נולדו בני חורין ושווים בערכם ובזכויותיהם. כולם חוננו בתבונה ובמצפון.", "he"},
        {"人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。",
         "zh"},
        {"人人生而自由，在尊嚴和權利上一律平等。他們賦有理性和良心，並應以兄弟關係的精神相對待。",
         "zh"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(detect_language(c.text) == c.code);
    }
}

TEST_CASE("language: short text falls back on its script", "[language]") {
    CHECK(detect_language("自由") == "zh");
    CHECK(detect_language("すべての人間") == "ja");
    CHECK(detect_language("เสรีภาพ") == "th");
    CHECK(detect_language("인간") == "ko");
    CHECK(detect_language("") == "und");
    CHECK(detect_language("12345 -- 678") == "und");
    CHECK(detect_language("\xff\xfe\xfd") == "und");
}

TEST_CASE("language: codes are made canonical", "[language]") {
    CHECK(canonical_language_code("EN") == "en");
    CHECK(canonical_language_code("pt-BR") == "pt");
    CHECK(canonical_language_code("zh-Hant") == "zh");
    CHECK(canonical_language_code("zh_Hans") == "zh");
    CHECK(canonical_language_code("iw") == "he");
    CHECK(canonical_language_code("und") == "und");
    CHECK(canonical_language_code("no") == "nb");
    CHECK(canonical_language_code("nn") == "nn");
    CHECK(canonical_language_code("haw") == "haw");
    CHECK(canonical_language_code("english").empty());
    CHECK(canonical_language_code("e").empty());
    CHECK(canonical_language_code("en us").empty());
}
