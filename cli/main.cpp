// The `steppe` executable: dispatches subcommands and maps errors to exit codes. Each
// subcommand's code lives with its module.

#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "steppe/bench/cli.hpp"
#include "steppe/common/error.hpp"
#include "steppe/common/version.hpp"
#include "steppe/indexer/cli.hpp"
#include "steppe/searcher/cli.hpp"
#include "steppe/searcher/stats.hpp"

namespace {

constexpr const char* USAGE =
    "Usage: steppe COMMAND [OPTIONS] [ARGS...]\n"
    "\n"
    "Commands:\n"
    "  index   PATH...          index .txt, .md and .jsonl files into an index\n"
    "  search  QUERY...         search an index (one hit per document, with snippets)\n"
    "  serve   --listen H:P     serve an index (a shard) read-only over Xapian's remote protocol\n"
    "  stats                    what the index holds: documents, passages, languages, size\n"
    "  compact                  rewrite the index smaller and faster to search\n"
    "  bench   COLLECTION_DIR   measure retrieval quality and speed on a BEIR collection\n"
    "\n"
    "Run 'steppe COMMAND --help' for a command's options.\n"
    "The index is --index DIR, else $STEPPE_INDEX, else "
    "${XDG_DATA_HOME:-~/.local/share}/steppe/index.\n"
    "Exit status: 0 success (search: at least one hit), 1 search: no hit / index: some inputs\n"
    "skipped, 2 error.\n";

int dispatch(const std::string& command, const std::vector<std::string>& args) {
    if (command == "index") return steppe::cli::run_index(args, std::cout, std::cerr);
    if (command == "search")
        return steppe::cli::run_search(args, std::cout, std::cerr, STDOUT_FILENO);
    if (command == "serve") return steppe::cli::run_serve(args, std::cout, std::cerr);
    if (command == "stats") return steppe::cli::run_stats(args, std::cout, std::cerr);
    if (command == "compact") return steppe::cli::run_compact(args, std::cout, std::cerr);
    if (command == "bench") return steppe::cli::run_bench(args, std::cout, std::cerr);
    throw steppe::UsageError("unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        (args.empty() ? std::cerr : std::cout) << USAGE;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "-V") {
        std::cout << steppe::version_line() << '\n';
        return 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    const std::string who = "steppe " + command;
    try {
        return dispatch(command, args);
    } catch (const steppe::UsageError& e) {
        std::cerr << who << ": " << e.what() << "\nTry '"
                  << (command == "index" || command == "search" || command == "bench" ||
                              command == "stats" || command == "serve" || command == "compact"
                          ? who
                          : std::string("steppe"))
                  << " --help'.\n";
    } catch (const steppe::QueryError& e) {
        std::cerr << who << ": error: " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << who << ": error: " << e.what() << '\n';
    }
    return 2;
}
