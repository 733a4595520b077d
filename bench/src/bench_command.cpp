#include "steppe/bench/cli.hpp"

#include "steppe/common/error.hpp"

namespace steppe::cli {

int run_bench(const std::vector<std::string>&, std::ostream&, std::ostream&) {
    throw Error("steppe bench is not built yet");
}

}  // namespace steppe::cli
