#include "steppe/corpus/walk.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <system_error>

namespace steppe {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::int64_t to_epoch_ns(fs::file_time_type t) {
    const auto sys = std::chrono::file_clock::to_sys(t);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(sys.time_since_epoch()).count();
}

bool hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.size() > 1 && name[0] == '.' && name != "..";
}

bool excluded(const fs::path& p, const fs::path& root, const std::vector<std::string>& patterns) {
    if (patterns.empty()) return false;
    const std::string name = p.filename().string();
    const std::string rel = p.lexically_relative(root).generic_string();
    for (const auto& pattern : patterns) {
        if (::fnmatch(pattern.c_str(), name.c_str(), 0) == 0 ||
            ::fnmatch(pattern.c_str(), rel.c_str(), FNM_PATHNAME) == 0)
            return true;
    }
    return false;
}

void add_file(const fs::path& p, std::vector<SourceFile>& out, const ProblemSink& problems) {
    const std::string type = source_type(p);
    if (type.empty()) return;
    std::error_code ec;
    SourceFile f;
    f.path = p;
    f.type = type;
    f.size = fs::file_size(p, ec);
    if (!ec) f.mtime_ns = to_epoch_ns(fs::last_write_time(p, ec));
    f.mtime = f.mtime_ns / 1'000'000'000;
    if (ec) {
        problems(p.string() + ": " + ec.message());
        return;
    }
    out.push_back(std::move(f));
}

/// True when @p path is @p root or below it (both canonical).
bool inside(const fs::path& path, const fs::path& root) {
    auto p = path.begin();
    for (auto r = root.begin(); r != root.end(); ++r, ++p) {
        if (p == path.end() || *p != *r) return false;
    }
    return true;
}

constexpr const char* NOT_REGULAR =
    "warning: skipped: not a regular file (a FIFO, device or socket is never read)";

}  // namespace

std::string source_type(const fs::path& path) {
    const std::string name = lower(path.filename().string());
    if (ends_with(name, ".txt") || ends_with(name, ".text")) return "txt";
    if (ends_with(name, ".md") || ends_with(name, ".markdown")) return "md";
    if (ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz")) return "jsonl";
    if (ends_with(name, ".html") || ends_with(name, ".htm") || ends_with(name, ".xhtml"))
        return "html";
    if (ends_with(name, ".pdf")) return "pdf";
    return {};
}

std::vector<SourceFile> find_sources(const std::vector<fs::path>& roots,
                                     const ProblemSink& problems,
                                     const std::vector<std::string>& exclude,
                                     bool follow_symlinks) {
    std::vector<SourceFile> out;
    for (const auto& root : roots) {
        std::error_code ec;
        const auto status = fs::status(root, ec);
        if (ec || !fs::exists(status)) {
            problems(root.string() + ": no such file or folder");
            continue;
        }
        if (fs::is_regular_file(status)) {
            if (source_type(root).empty())
                problems(root.string() +
                         ": skipped: not a format steppe reads (.txt, .md, .html, .pdf, .jsonl)");
            else
                add_file(root, out, problems);
            continue;
        }
        if (!fs::is_directory(status)) {
            problems(root.string() + ": " + NOT_REGULAR);
            continue;
        }
        const fs::path real_root = fs::canonical(root, ec);
        auto options = fs::directory_options::skip_permission_denied;
        if (follow_symlinks) options |= fs::directory_options::follow_directory_symlink;
        fs::recursive_directory_iterator it(root, options, ec);
        if (ec) {
            problems(root.string() + ": " + ec.message());
            continue;
        }
        std::set<fs::path> folders{real_root};  // Followed folders, to survive symlink loops.
        for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
            if (ec) {
                problems(it->path().string() + ": " + ec.message());
                ec.clear();
                continue;
            }
            const fs::path& p = it->path();
            if (hidden(p) || excluded(p, root, exclude)) {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            if (it->is_symlink(ec)) {
                const fs::path target = fs::canonical(p, ec);
                if (ec) {
                    // Dangling or a loop: nothing to read.
                    if (!source_type(p).empty())
                        problems(p.string() + ": warning: skipped: broken symbolic link");
                    ec.clear();
                    continue;
                }
                if (!follow_symlinks && !inside(target, real_root)) {
                    problems(p.string() +
                             ": warning: skipped: symbolic link to outside the indexed folder "
                             "(--follow-symlinks reads it)");
                    continue;
                }
                // Folders are only entered through links with follow_directory_symlink; each
                // real folder once, so a link to an ancestor ends there.
                if (fs::is_directory(target, ec) && follow_symlinks &&
                    !folders.insert(target).second) {
                    it.disable_recursion_pending();
                    continue;
                }
            }
            if (it->is_regular_file(ec)) {
                add_file(p, out, problems);
            } else if (!it->is_directory(ec) && !source_type(p).empty()) {
                problems(p.string() + ": " + NOT_REGULAR);
            }
        }
    }
    std::sort(out.begin(), out.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
    out.erase(
        std::unique(out.begin(), out.end(),
                    [](const SourceFile& a, const SourceFile& b) { return a.path == b.path; }),
        out.end());
    return out;
}

}  // namespace steppe
