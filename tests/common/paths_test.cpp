#include <catch2/catch.hpp>

#include <cstdlib>

#include "steppe/common/error.hpp"
#include "steppe/common/paths.hpp"

TEST_CASE("paths: --index beats STEPPE_INDEX beats XDG_DATA_HOME beats HOME", "[paths]") {
    ::setenv("HOME", "/home/u", 1);
    ::unsetenv("XDG_DATA_HOME");
    ::unsetenv("STEPPE_INDEX");
    CHECK(steppe::resolve_index_path(std::nullopt) == "/home/u/.local/share/steppe/index");
    ::setenv("XDG_DATA_HOME", "/data", 1);
    CHECK(steppe::resolve_index_path(std::nullopt) == "/data/steppe/index");
    ::setenv("STEPPE_INDEX", "/idx", 1);
    CHECK(steppe::resolve_index_path(std::nullopt) == "/idx");
    CHECK(steppe::resolve_index_path(std::filesystem::path("given")) == "given");
    ::unsetenv("STEPPE_INDEX");
    ::unsetenv("XDG_DATA_HOME");
    ::unsetenv("HOME");
    CHECK_THROWS_AS(steppe::resolve_index_path(std::nullopt), steppe::UsageError);
}
