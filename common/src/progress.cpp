#include "steppe/common/progress.hpp"

#include <algorithm>
#include <cstdio>

namespace steppe {

std::string format_progress(std::uint64_t files_done, std::uint64_t files_total,
                            std::uint64_t bytes_done, std::uint64_t bytes_total, double seconds,
                            int width) {
    const double fraction =
        bytes_total > 0
            ? std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(bytes_total))
        : files_total > 0
            ? std::min(1.0, static_cast<double>(files_done) / static_cast<double>(files_total))
            : 0.0;
    const double mb_done = static_cast<double>(bytes_done) / 1e6;
    const double mb_total = static_cast<double>(bytes_total) / 1e6;
    const double rate = seconds > 0 ? mb_done / seconds : 0.0;
    char eta[32] = "ETA -";
    if (rate > 0 && fraction > 0 && fraction < 1) {
        const auto left = static_cast<long>((mb_total - mb_done) / rate + 0.5);
        if (left >= 3600)
            std::snprintf(eta, sizeof eta, "ETA %ldh%02ldm", left / 3600, (left % 3600) / 60);
        else if (left >= 60)
            std::snprintf(eta, sizeof eta, "ETA %ldm%02lds", left / 60, left % 60);
        else
            std::snprintf(eta, sizeof eta, "ETA %lds", left);
    }
    char figures[160];
    std::snprintf(figures, sizeof figures, "%llu/%llu files  %.1f/%.1f MB  %.1f MB/s  %s",
                  static_cast<unsigned long long>(files_done),
                  static_cast<unsigned long long>(files_total), mb_done, mb_total, rate, eta);
    std::string text(figures);
    const int bar = std::min(30, width - static_cast<int>(text.size()) - 4);
    if (bar >= 5) {
        const int filled = static_cast<int>(fraction * bar + 0.5);
        std::string line = "[";
        line.append(static_cast<std::size_t>(filled), '#');
        line.append(static_cast<std::size_t>(bar - filled), '.');
        line += "]  ";
        text = line + text;
    }
    if (width > 0 && static_cast<int>(text.size()) > width)
        text.resize(static_cast<std::size_t>(width));
    return text;
}

Progress::Progress(std::ostream& out, bool enabled, std::uint64_t files_total,
                   std::uint64_t bytes_total, int width)
    : out_(out),
      enabled_(enabled),
      files_total_(files_total),
      bytes_total_(bytes_total),
      width_(std::max(20, width - 1)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
    clear();
}

void Progress::advance(std::uint64_t files, std::uint64_t bytes) {
    files_done_ += files;
    bytes_done_ += bytes;
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    out_ << '\r'
         << format_progress(files_done_, files_total_, bytes_done_, bytes_total_, seconds, width_)
         << "\x1b[K" << std::flush;
    drawn_ = true;
}

void Progress::clear() {
    if (!drawn_) return;
    out_ << "\r\x1b[K" << std::flush;
    drawn_ = false;
}

}  // namespace steppe
