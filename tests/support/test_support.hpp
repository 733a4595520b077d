#pragma once
// Helpers for steppe's tests: temporary folders, fixture paths and running the real binary.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace steppe::test {

/// A fresh folder under the system's temp dir, removed with everything in it at scope exit.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("steppe-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
        return path_ / name;
    }

private:
    std::filesystem::path path_;
};

/// Writes @p text to @p path, creating folders.
inline void write_file(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

inline std::filesystem::path test_data() {
    return STEPPE_TEST_DATA;
}
inline std::filesystem::path source_dir() {
    return STEPPE_SOURCE_DIR;
}
inline std::filesystem::path shared_dir() {
    return STEPPE_SHARED_DIR;
}
inline std::filesystem::path sample_corpus() {
    return source_dir() / "corpus" / "sample";
}

/// What a child process did.
struct RunResult {
    int exit_code = -1;
    std::string out;  ///< Its standard output.
    std::string err;  ///< Its standard error.
};

inline std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (const char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

/// Runs the real `steppe` binary with @p args (each quoted for the shell).
inline RunResult run_steppe(const std::vector<std::string>& args, const std::string& env = "") {
    TempDir tmp;
    std::string cmd = env.empty() ? "" : env + " ";
    cmd += shell_quote(STEPPE_BIN);
    for (const auto& a : args)
        cmd += " " + shell_quote(a);
    cmd += " >" + shell_quote((tmp / "out").string()) + " 2>" +
           shell_quote((tmp / "err").string()) + " </dev/null";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(tmp / "out");
    r.err = read_file(tmp / "err");
    return r;
}

}  // namespace steppe::test
