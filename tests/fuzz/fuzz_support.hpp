#pragma once
// Helpers shared by the fuzz targets: taking settings from the first bytes of an input, and
// failing loudly (abort) when an invariant does not hold, so libFuzzer and the replay main
// both report it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace steppe::fuzz {

/// Reads settings bytes off the front of a fuzz input.
class Input {
public:
    Input(const std::uint8_t* data, std::size_t size)
        : rest_(reinterpret_cast<const char*>(data), size) {}
    /// The next byte, or 0 when none is left.
    std::uint8_t byte() {
        if (rest_.empty()) return 0;
        const auto b = static_cast<std::uint8_t>(rest_.front());
        rest_.remove_prefix(1);
        return b;
    }
    /// Everything up to the first @p sep (consumed), or all that is left.
    std::string_view until(char sep) {
        const auto at = rest_.find(sep);
        const auto part = rest_.substr(0, at);
        rest_.remove_prefix(at == std::string_view::npos ? rest_.size() : at + 1);
        return part;
    }
    [[nodiscard]] std::string_view rest() const { return rest_; }

private:
    std::string_view rest_;
};

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
    std::abort();
}

}  // namespace steppe::fuzz

/// Aborts with the condition's text when @p cond is false (also in release builds).
#define STEPPE_FUZZ_CHECK(cond) ((cond) ? (void)0 : ::steppe::fuzz::fail(#cond, __FILE__, __LINE__))
