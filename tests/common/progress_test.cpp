#include <catch2/catch.hpp>

#include <sstream>

#include "steppe/common/progress.hpp"

TEST_CASE("progress: the line shows files, MB, rate and ETA within the width", "[progress]") {
    const auto line = steppe::format_progress(12, 40, 3'000'000, 10'000'000, 2.0, 100);
    CHECK(line.find("12/40 files") != std::string::npos);
    CHECK(line.find("3.0/10.0 MB") != std::string::npos);
    CHECK(line.find("1.5 MB/s") != std::string::npos);
    CHECK(line.find("ETA 5s") != std::string::npos);
    CHECK(line.rfind("[#########", 0) == 0);
    for (int width : {20, 40, 60, 80})
        CHECK(steppe::format_progress(1, 2, 1, 2, 1, width).size() <=
              static_cast<std::size_t>(width));
}

TEST_CASE("progress: nothing is drawn when disabled", "[progress]") {
    std::ostringstream out;
    {
        steppe::Progress p(out, false, 10, 1000, 80);
        p.advance(5, 500);
        p.clear();
    }
    CHECK(out.str().empty());
    std::ostringstream shown;
    {
        steppe::Progress p(shown, true, 10, 1000, 80);
        p.advance(5, 500);
    }
    CHECK(shown.str().find("5/10 files") != std::string::npos);
    CHECK(shown.str().find("\r\x1b[K") != std::string::npos);  // cleared at the end
}
