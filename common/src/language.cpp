#include "steppe/common/language.hpp"
#include "steppe/common/utf8.hpp"

#include <array>
#include <cstdint>
#include <cstdio>  // CLD2's header uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace steppe {

namespace {

/// CLD2 reads the whole buffer it is given; 4 KiB (600 words or so) decide a language as well
/// as a megabyte, and detection stays a small part of indexing.
constexpr std::size_t DETECT_BYTES = 4 * 1024;

/// The longest prefix of @p s no longer than @p limit bytes that ends on a character boundary.
std::string_view cut(std::string_view s, std::size_t limit) {
    if (s.size() <= limit) return s;
    std::size_t n = limit;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return s.substr(0, n);
}

/// Valid UTF-8 only: CLD2's fast entry points assume it, so invalid sequences are dropped.
std::string valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<std::int32_t>(s.size());
    for (std::int32_t i = 0; i < n;) {
        const std::int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(p, i, n, c);
        if (c >= 0)
            out.append(
                s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

/// A language implied by the script of most letters, for text CLD2 cannot judge (a few
/// words, a title): scripts that one language (or one language in practice) writes.
std::string language_of_script(std::string_view text) {
    enum Kind {
        HAN,
        KANA,
        HANGUL,
        THAI,
        LAO,
        KHMER,
        MYANMAR,
        GEORGIAN,
        ARMENIAN,
        HEBREW,
        GREEK,
        OTHER,
        KINDS
    };
    std::array<std::size_t, KINDS> counts{};
    std::size_t letters = 0;
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < n;) {
        UChar32 c = 0;
        U8_NEXT(p, i, n, c);
        if (c < 0x80 || !u_isalpha(c)) {
            if (c >= 0 && c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
                ++counts[OTHER];
                ++letters;
            }
            continue;
        }
        UErrorCode status = U_ZERO_ERROR;
        Kind kind = OTHER;
        switch (uscript_getScript(c, &status)) {
            case USCRIPT_HAN:
                kind = HAN;
                break;
            case USCRIPT_HIRAGANA:
            case USCRIPT_KATAKANA:
                kind = KANA;
                break;
            case USCRIPT_HANGUL:
                kind = HANGUL;
                break;
            case USCRIPT_THAI:
                kind = THAI;
                break;
            case USCRIPT_LAO:
                kind = LAO;
                break;
            case USCRIPT_KHMER:
                kind = KHMER;
                break;
            case USCRIPT_MYANMAR:
                kind = MYANMAR;
                break;
            case USCRIPT_GEORGIAN:
                kind = GEORGIAN;
                break;
            case USCRIPT_ARMENIAN:
                kind = ARMENIAN;
                break;
            case USCRIPT_HEBREW:
                kind = HEBREW;
                break;
            case USCRIPT_GREEK:
                kind = GREEK;
                break;
            default:
                break;
        }
        ++counts[kind];
        ++letters;
    }
    if (letters == 0) return std::string(LANGUAGE_UNDETERMINED);
    // Japanese mixes kana with kanji: any real share of kana makes Han text Japanese.
    if (counts[KANA] > 0 && (counts[KANA] + counts[HAN]) * 2 > letters &&
        counts[KANA] * 10 >= counts[HAN])
        return "ja";
    static constexpr std::array<const char*, KINDS> codes = {"zh", "ja", "ko", "th", "lo", "km",
                                                             "my", "ka", "hy", "he", "el", nullptr};
    for (std::size_t k = 0; k < OTHER; ++k) {
        if (counts[k] * 2 > letters) return codes[k];
    }
    return std::string(LANGUAGE_UNDETERMINED);
}

}  // namespace

std::string canonical_language_code(std::string_view code) {
    const auto dash = code.find_first_of("-_");
    const std::string_view primary = code.substr(0, dash);
    if (primary.size() < 2 || primary.size() > 3) return {};
    std::string out;
    for (const char c : primary) {
        const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (lower < 'a' || lower > 'z') return {};
        out += lower;
    }
    if (dash != std::string_view::npos) {
        for (const char c : code.substr(dash + 1)) {
            const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                               (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!alnum) return {};
        }
    }
    if (out == "iw") return "he";
    if (out == "in") return "id";
    if (out == "ji") return "yi";
    if (out == "jw") return "jv";
    // CLD2's NORWEGIAN ("no") is Bokmål (it reports Nynorsk as "nn"), as most written
    // Norwegian is: one code for both spellings keeps lang:nb and lang:no the same filter.
    if (out == "no") return "nb";
    if (out == "un" || out == "xx") return std::string(LANGUAGE_UNDETERMINED);
    return out;
}

std::string detect_language(std::string_view utf8_text) {
    const std::string_view head = cut(utf8_text, DETECT_BYTES);
    std::string repaired;
    std::string_view text = head;
    if (!is_valid_utf8(head)) {
        repaired = valid_utf8(head);
        text = repaired;
    }
    bool reliable = false;
    const CLD2::Language language = CLD2::DetectLanguage(text.data(), static_cast<int>(text.size()),
                                                         /*is_plain_text=*/true, &reliable);
    if (reliable && language != CLD2::UNKNOWN_LANGUAGE) {
        const std::string code = canonical_language_code(CLD2::LanguageCode(language));
        if (!code.empty()) return code;
    }
    return language_of_script(text);
}

}  // namespace steppe
