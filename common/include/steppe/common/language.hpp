#pragma once
/// @file
/// Which language a text is written in: CLD2's detector, plus a script-based guess for text
/// too short for it. The indexer detects each document's language to pick its stemmer and to
/// record it per passage (`L<code>` term, SLOT_LANGUAGE); `--language CODE` overrides.

#include <string>
#include <string_view>

namespace steppe {

/// The language code of "language not known" (ISO 639-2's code for undetermined).
inline constexpr std::string_view LANGUAGE_UNDETERMINED = "und";

/// The language of @p utf8_text as an ISO 639-1 code ("en", "ru", "kk", "zh", "he"), or an
/// ISO 639-2/3 code for a language that has no two-letter one ("haw"), or "und" when the text
/// is too short, mixed or in a language CLD2 does not know. Chinese is "zh" in either script.
/// Only the first 4 KiB are read. Invalid UTF-8 is tolerated (its bytes are skipped).
/// Thread-safe and a pure function of its input.
[[nodiscard]] std::string detect_language(std::string_view utf8_text);

/// @p code made canonical: lower case, only its primary subtag ("pt-BR" → "pt",
/// "zh-Hant" → "zh"), deprecated codes replaced ("iw" → "he", "in" → "id", "ji" → "yi"),
/// Norwegian "no" read as Bokmål "nb" (CLD2 means Bokmål by it), "und" kept. Codes typed by
/// users (`--language`, `lang:`) should go through it to compare with stored ones. @returns "" when
/// @p code is not a language code (2 or 3 ASCII letters, optionally followed by '-' or '_'
/// subtags).
[[nodiscard]] std::string canonical_language_code(std::string_view code);

}  // namespace steppe
