#pragma once
/// @file
/// `steppe index`: the command line of the indexer.

#include <ostream>
#include <string>
#include <vector>

namespace steppe::cli {

/// Runs `steppe index` with @p args (the words after "index").
/// @returns 0 when every input was indexed, 1 when some could not be (each named on @p err;
/// the rest is indexed and committed), 2 on an error that stopped the run.
/// @throws UsageError on bad arguments; other steppe::Error on fatal errors.
int run_index(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Runs `steppe compact` with @p args: compact_index() on the index, a one-line report on @p err.
/// @returns 0; @throws UsageError on bad arguments, IndexError/IndexLockedError otherwise.
int run_compact(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace steppe::cli
