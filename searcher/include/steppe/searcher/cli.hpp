#pragma once
/// @file
/// `steppe search`: the command line of the searcher.

#include <ostream>
#include <string>
#include <vector>

namespace steppe::cli {

/// Runs `steppe search` with @p args (the words after "search"), writing results to @p out and
/// diagnostics to @p err. @p out_fd is the file descriptor behind @p out, used to decide on
/// colour and width (-1: not a terminal).
/// @returns 0 with at least one hit, 1 with none.
/// @throws UsageError on bad arguments, QueryError on a bad query, IndexError on a bad index.
int run_search(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
               int out_fd = -1);

/// Runs `steppe serve` with @p args: checks the index and the address, then replaces the
/// process with `xapian-tcpsrv` serving the index read-only over Xapian's remote protocol
/// (so the process id stays that of `steppe serve`). Returns only for --help and --version.
/// @throws UsageError on bad arguments or a non-loopback address without
/// --allow-non-loopback; IndexError when the index is not a steppe index; Error when
/// xapian-tcpsrv cannot be run.
int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace steppe::cli
