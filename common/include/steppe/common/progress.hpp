#pragma once
/// @file
/// A progress line on stderr for long runs: files and MB done of the total, MB/s and ETA.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace steppe {

/// The text of one progress line, at most @p width columns (a pure function, for tests):
/// `[#####.....]  12/40 files  3.1/10.0 MB  2.5 MB/s  ETA 3s`.
[[nodiscard]] std::string format_progress(std::uint64_t files_done, std::uint64_t files_total,
                                          std::uint64_t bytes_done, std::uint64_t bytes_total,
                                          double seconds, int width);

/// Redraws a progress line with '\r' at most ten times a second. Disabled (draws nothing) when
/// constructed with enabled = false, e.g. when stderr is not a terminal or with --quiet.
/// Not thread-safe: call from one thread.
class Progress {
public:
    Progress(std::ostream& out, bool enabled, std::uint64_t files_total, std::uint64_t bytes_total,
             int width);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    /// Adds what was done since the last call, and redraws when 100 ms have passed.
    void advance(std::uint64_t files, std::uint64_t bytes);
    /// Erases the line (before a summary or a message is printed).
    void clear();

private:
    std::ostream& out_;
    bool enabled_;
    std::uint64_t files_total_, bytes_total_, files_done_ = 0, bytes_done_ = 0;
    int width_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace steppe
