#include <arpa/inet.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <boost/program_options.hpp>

#include "steppe/common/error.hpp"
#include "steppe/common/paths.hpp"
#include "steppe/common/version.hpp"
#include "steppe/internal/options.hpp"
#include "steppe/searcher/cli.hpp"
#include "steppe/searcher/searcher.hpp"

namespace steppe::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* USAGE = "Usage: steppe serve --listen HOST:PORT [OPTIONS]\n";

/// True for addresses that only this machine can reach.
bool is_loopback(const std::string& host) {
    if (host == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;  // 127.0.0.0/8
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

/// The xapian-tcpsrv to run: $STEPPE_XAPIAN_TCPSRV, else the first on $PATH.
std::optional<std::string> find_tcpsrv() {
    if (const char* given = std::getenv("STEPPE_XAPIAN_TCPSRV"); given && *given)
        return std::string(given);
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        auto colon = dirs.find(':', start);
        if (colon == std::string::npos) colon = dirs.size();
        const std::string dir = dirs.substr(start, colon - start);
        const std::string candidate = (dir.empty() ? "." : dir) + "/xapian-tcpsrv";
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
        start = colon + 1;
    }
    return std::nullopt;
}

}  // namespace

int run_serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    po::options_description visible("Options");
    std::string listen;
    unsigned timeout_ms = 0;
    visible.add_options()("help,h", "print this help and exit")("version",
                                                                "print the version and exit")(
        "index", po::value<std::string>()->value_name("DIR"),
        "the index (usually one shard folder, DIR/shard-K) to serve (default: $STEPPE_INDEX, "
        "else ${XDG_DATA_HOME:-~/.local/share}/steppe/index)")(
        "listen", po::value<std::string>(&listen)->value_name("HOST:PORT"),
        "address to listen on, e.g. 127.0.0.1:8421 (loopback only, unless "
        "--allow-non-loopback)")(
        "allow-non-loopback",
        "allow listening on an address other machines can reach (the remote protocol has no "
        "authentication and no encryption)")(
        "timeout", po::value<unsigned>(&timeout_ms)->value_name("MS"),
        "idle and active connection timeout of xapian-tcpsrv, milliseconds")(
        "quiet,q", "no messages from xapian-tcpsrv on stdout");
    const po::variables_map vm = internal::parse_options(args, visible);
    if (vm.count("help")) {
        out << USAGE
            << "Serve an index (one shard of a sharded index) read-only over Xapian's remote\n"
               "protocol, by running xapian-tcpsrv (Debian package xapian-tools). List it in\n"
               "a stub file as 'remote HOST:PORT' to search it with 'steppe search'.\n\n"
            << visible << "\nExit status: 2 error (otherwise it runs until stopped).\n";
        return 0;
    }
    if (vm.count("version")) {
        out << version_line() << '\n';
        return 0;
    }
    if (listen.empty()) throw UsageError("--listen HOST:PORT is required");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
        throw UsageError("--listen takes HOST:PORT, not '" + listen + "'");
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string port_text = listen.substr(colon + 1);
    unsigned long port = 0;
    try {
        std::size_t used = 0;
        port = std::stoul(port_text, &used);
        if (used != port_text.size()) throw std::invalid_argument(port_text);
    } catch (const std::exception&) {
        port = 0;
    }
    if (port == 0 || port > 65535)
        throw UsageError("--listen: '" + port_text + "' is not a port (1-65535)");
    if (!is_loopback(host) && !vm.count("allow-non-loopback")) {
        throw UsageError("--listen " + listen +
                         ": not a loopback address; Xapian's remote protocol has no "
                         "authentication or encryption, so give --allow-non-loopback to "
                         "serve other machines");
    }

    std::optional<std::filesystem::path> given;
    if (vm.count("index")) given = vm["index"].as<std::string>();
    const auto index = std::filesystem::absolute(resolve_index_path(given));
    // Refuse what is not a steppe index now, rather than on the first remote search.
    { const Searcher check(index); }
    const auto tcpsrv = find_tcpsrv();
    if (!tcpsrv)
        throw Error("xapian-tcpsrv not found on PATH (install the Debian package xapian-tools)");

    std::vector<std::string> argv_text{*tcpsrv, "--interface", host, "--port",
                                       std::to_string(port)};
    if (vm.count("timeout")) {
        argv_text.push_back("--timeout");
        argv_text.push_back(std::to_string(timeout_ms));
    }
    if (vm.count("quiet")) argv_text.push_back("--quiet");
    argv_text.push_back(index.string());  // read-only: no --writable
    std::vector<char*> argv;
    for (auto& a : argv_text)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    out.flush();
    err.flush();
    // xapian-tcpsrv ends on SIGTERM with kill(0, SIGTERM), to take its per-connection children
    // along: that signals its whole process group. Unless it runs in the foreground of a
    // terminal (where Ctrl-C must reach it), it gets a group of its own, so that stopping it
    // does not also stop the shell script or program that started it.
    if (!(isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp())) setpgid(0, 0);
    execv(argv[0], argv.data());
    throw Error("cannot run " + *tcpsrv + ": " + std::strerror(errno));
}

}  // namespace steppe::cli
