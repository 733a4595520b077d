#pragma once
/// @file
/// Version strings of steppe and of the libraries it runs on.

#include <string>

namespace steppe {

/// steppe's own version, e.g. "0.1.0".
[[nodiscard]] std::string version();
/// "steppe 0.1.0 (Xapian 1.4.22, ICU 72.1)": the line that `--version` prints.
[[nodiscard]] std::string version_line();
/// The Xapian library version this process runs on.
[[nodiscard]] std::string xapian_version();
/// The ICU library version this process runs on.
[[nodiscard]] std::string icu_version();

}  // namespace steppe
