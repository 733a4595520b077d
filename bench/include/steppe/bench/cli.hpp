#pragma once
/// @file
/// `steppe bench`: reproducible retrieval-quality and speed runs on BEIR-shaped collections.

#include <ostream>
#include <string>
#include <vector>

namespace steppe::cli {

/// Runs `steppe bench` with @p args (the words after "bench").
/// @returns 0 on success. @throws UsageError on bad arguments, steppe::Error on failures.
int run_bench(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace steppe::cli
