#pragma once
/// @file
/// The time stamps steppe writes (index metadata, bench reports): UTC, ISO 8601, seconds.

#include <ctime>
#include <string>

namespace steppe::internal {

/// Now, as "2026-11-27T23:50:00Z".
inline std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

}  // namespace steppe::internal
