#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <future>
#include <iomanip>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include <xapian.h>
#include <boost/program_options.hpp>

#include "steppe/common/error.hpp"
#include "steppe/common/language.hpp"
#include "steppe/common/paths.hpp"
#include "steppe/common/progress.hpp"
#include "steppe/common/terminal.hpp"
#include "steppe/common/version.hpp"
#include "steppe/corpus/read.hpp"
#include "steppe/corpus/walk.hpp"
#include "steppe/indexer/cli.hpp"
#include "steppe/indexer/compact.hpp"
#include "steppe/indexer/indexer.hpp"
#include "steppe/indexer/writers.hpp"
#include "steppe/internal/options.hpp"
#include "steppe/internal/shards.hpp"
#include "steppe/internal/terminate_as_error.hpp"

namespace steppe::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* USAGE = "Usage: steppe index [OPTIONS] PATH...\n";

std::string fixed(double v, int digits) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << v;
    return os.str();
}

/// True when @p path (a normalised document path) lies under @p root (normalised too).
bool under(const std::string& path, const std::string& root) {
    if (root == ".") return !path.empty() && path[0] != '/' && path.rfind("../", 0) != 0;
    if (path == root) return true;
    const std::string prefix = root.back() == '/' ? root : root + "/";
    return path.rfind(prefix, 0) == 0;
}

/// The index folder of --index (which may name a sharded index's stub file as well as its
/// folder), else the default index.
std::filesystem::path index_folder(const po::variables_map& vm) {
    std::optional<std::filesystem::path> given;
    if (vm.count("index")) given = vm["index"].as<std::string>();
    auto dir = resolve_index_path(given);
    if (std::error_code ec;
        std::filesystem::is_regular_file(dir, ec) && dir.filename() == schema::SHARD_STUB)
        dir = dir.parent_path();
    return dir;
}

/// "compacted DIR: 78.2 MB -> 48.1 MB (1 database) in 0.45 s".
std::string describe(const CompactFacts& f, const std::filesystem::path& dir) {
    return "compacted " + dir.string() + ": " +
           fixed(static_cast<double>(f.bytes_before) / 1e6, 1) + " MB -> " +
           fixed(static_cast<double>(f.bytes_after) / 1e6, 1) + " MB (" +
           std::to_string(f.databases) + (f.databases == 1 ? " database" : " databases") + ") in " +
           fixed(f.seconds, 2) + " s";
}

}  // namespace

int run_index(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    po::options_description visible("Options");
    std::size_t passage_words = 0;
    unsigned jobs = 0;
    double max_file_mb = 512;
    double part_mb = 2;
    std::size_t batch_passages = 2'000;
    double batch_mb = 32;
    std::size_t shards = 0;
    unsigned writer_count = 0;
    visible.add_options()("help,h", "print this help and exit")(
        "version", "print the version and exit")("index",
                                                 po::value<std::string>()->value_name("DIR"),
                                                 "index folder (default: $STEPPE_INDEX, else "
                                                 "${XDG_DATA_HOME:-~/.local/share}/steppe/index)")(
        "full", "rebuild the index from scratch instead of updating it")(
        "language", po::value<std::string>()->value_name("CODE")->default_value("auto"),
        "language of the documents (ISO 639-1 code such as en, ru, kk), which picks the "
        "stemmer; 'auto' detects it per document")(
        "keep-diacritics",
        "index café and cafe as different words (default: fold diacritics); only when the "
        "index is created")(
        "passage-words", po::value<std::size_t>(&passage_words)->value_name("N"),
        "target passage length in words (default 160; passages are N/2 to 3N/2 words)")(
        "exclude", po::value<std::vector<std::string>>()->value_name("GLOB")->composing(),
        "leave out files and folders whose name or relative path matches GLOB (repeatable)")(
        "jobs,j", po::value<unsigned>(&jobs)->value_name("N")->default_value(0),
        "threads that analyse documents (0: one per core)")(
        "max-file-size", po::value<double>(&max_file_mb)->value_name("MB")->default_value(512),
        "skip (and report) files larger than this; plain text and JSON Lines excepted (they "
        "are streamed)")(
        "part-mb", po::value<double>(&part_mb)->value_name("MB")->default_value(2),
        "read plain-text files larger than this in parts of this size, so memory stays "
        "bounded whatever their size")(
        "batch-passages", po::value<std::size_t>(&batch_passages)->value_name("N"),
        "commit after this many passages (default: 2000; 1000 for each part of a new "
        "index)")("batch-mb", po::value<double>(&batch_mb)->value_name("MB")->default_value(32),
                  "commit after this many MB of text")(
        "shards", po::value<std::size_t>(&shards)->value_name("N"),
        "split the index into N shards (sub-folders shard-0..N-1 and a Xapian stub file "
        "XAPIANDB listing them), written in parallel; fixed when the index is created")(
        "writers", po::value<unsigned>(&writer_count)->value_name("N"),
        "write a new index (a missing or empty folder) in N parts at once, merged into one "
        "index at the end (default: 2 with 2 cores or more, else 1)")(
        "follow-symlinks",
        "read symbolic links that point outside the given folders, and enter linked folders")(
        "compact",
        "compact the index when done (as 'steppe compact' does): smaller and faster to search")(
        "quiet,q", "no progress line and no summary");
    const po::variables_map vm = internal::parse_options(args, visible, "path");
    if (vm.count("help")) {
        out << USAGE
            << "Index .txt, .md, .html, .pdf and .jsonl(.gz) files found under each PATH.\n"
               "Each file (or JSON Lines record) is a document, split into passages. A second\n"
               "run updates the index: new and changed files are read, deleted ones removed,\n"
               "unchanged ones (same size and modification time) skipped.\n\n"
            << visible
            << "\nExit status: 0 all indexed, 1 some inputs could not be indexed (each named on "
               "stderr; the rest is indexed and committed), 2 error.\n";
        return 0;
    }
    if (vm.count("version")) {
        out << version_line() << '\n';
        return 0;
    }
    if (!vm.count("path")) throw UsageError("no PATH to index");

    const auto index_dir = index_folder(vm);
    const internal::TerminateAsError terminate_as_error("steppe index", index_dir.string());
    if (vm.count("shards") && shards == 0) throw UsageError("--shards takes a number from 1 up");

    IndexerOptions options;
    options.overwrite = vm.count("full") > 0;
    options.language = vm["language"].as<std::string>();
    options.jobs = jobs;
    options.commit_every_passages = batch_passages;
    options.commit_every_bytes = static_cast<std::size_t>(batch_mb * 1e6);
    if (options.language != "auto" && canonical_language_code(options.language).empty())
        throw UsageError("--language: '" + options.language +
                         "' is not a language code (e.g. en, ru, kk) or 'auto'");
    options.analyzer.fold_diacritics = vm.count("keep-diacritics") == 0;
    // Without --passage-words an existing index keeps the passage length it was built with.
    if (passage_words > 0) options.passages = PassageOptions::around(passage_words);
    options.passages_of_index = passage_words == 0;
    const auto max_file_bytes = static_cast<std::uintmax_t>(max_file_mb * 1e6);
    if (!(part_mb >= 0.001)) throw UsageError("--part-mb takes a size from 0.001 up");
    const auto part_bytes = static_cast<std::size_t>(part_mb * 1e6);

    const bool quiet = vm.count("quiet") > 0;
    std::optional<Progress> progress;
    std::size_t problems = 0;
    auto report = [&](const std::string& message) {
        if (progress) progress->clear();
        // Readers mark what they could mend ("file: warning: ..."); the rest is an error.
        if (message.find(": warning: ") == std::string::npos) ++problems;
        err << "steppe index: " << message << '\n';
    };

    const auto started = std::chrono::steady_clock::now();
    const auto& paths = vm["path"].as<std::vector<std::string>>();
    const std::vector<std::filesystem::path> roots(paths.begin(), paths.end());
    const std::vector<std::string> exclude = vm.count("exclude")
                                                 ? vm["exclude"].as<std::vector<std::string>>()
                                                 : std::vector<std::string>{};
    const auto sources = find_sources(roots, report, exclude, vm.count("follow-symlinks") > 0);

    if (vm.count("writers") && writer_count == 0)
        throw UsageError("--writers takes a number from 1 up");
    Writers indexer(index_dir, options, shards,
                    vm.count("writers") ? writer_count : default_writers(jobs),
                    vm.count("batch-passages") ? 0 : PARTS_BATCH_PASSAGES);
    if (indexer.restarted()) {
        report(index_dir.string() +
               ": warning: the unfinished new index here was written before the machine "
               "restarted, without syncing its commits; it is built again from the start");
    }
    const std::size_t shard_total = indexer.shards();
    const auto known = indexer.files();
    std::uintmax_t total_bytes = 0;
    for (const auto& s : sources)
        total_bytes += s.size;
    progress.emplace(err, !quiet && is_terminal(2), sources.size(), total_bytes, terminal_width(2));

    std::size_t files_read = 0, files_unchanged = 0, files_removed = 0;
    std::set<std::string> seen;
    for (const auto& source : sources) {
        const std::string path = document_id(source.path);
        seen.insert(path);
        const FileRecord record{source.size, source.mtime_ns};
        if (const auto it = known.find(path);
            !options.overwrite && it != known.end() && it->second == record) {
            ++files_unchanged;
            progress->advance(1, source.size);
            continue;
        }
        if (source.type != "jsonl" && source.type != "txt" && source.size > max_file_bytes) {
            report(source.path.string() + ": skipped: " + fixed(source.size / 1e6, 1) +
                   " MB is more than --max-file-size " + fixed(max_file_mb, 0) + " MB");
            progress->advance(1, source.size);
            continue;
        }
        std::vector<std::string> ids;
        const std::size_t errors = read_source(
            source,
            [&](Document&& doc) {
                if (doc.part == 0) ids.push_back(doc.id);
                indexer.add(std::move(doc));
            },
            report, part_bytes);
        ++files_read;
        // A file read with errors is not recorded: the next run tries it again.
        if (errors == 0) indexer.finish_file(path, record, ids);
        progress->advance(1, source.size);
    }
    // Files indexed earlier under these paths that are gone now.
    // (No structured binding: clang 14, which builds the fuzzers, cannot capture one.)
    for (const auto& entry : known) {
        const std::string& path = entry.first;
        if (seen.count(path)) continue;
        const bool in_scope = std::any_of(roots.begin(), roots.end(), [&](const auto& root) {
            return under(path, document_id(root));
        });
        if (!in_scope) continue;
        indexer.remove_file(path);
        ++files_removed;
    }
    // A new index written in parts is merged here, compacted on the way.
    std::optional<CompactFacts> compacted = indexer.finish();
    progress->clear();
    const auto c = indexer.counts();
    if (vm.count("compact") && !compacted) compacted = compact_index(index_dir);

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!quiet) {
        const double mb = static_cast<double>(c.bytes) / 1e6;
        err << "indexed " << c.added + c.updated << " documents, " << c.passages << " passages, "
            << fixed(mb, 1) << " MB in " << fixed(seconds, seconds < 10 ? 2 : 1) << " s ("
            << fixed(seconds > 0 ? mb / seconds : 0.0, 1) << " MB/s), " << problems
            << (problems == 1 ? " error" : " errors") << " -> " << index_dir.string()
            << (shard_total > 0 ? " (" + std::to_string(shard_total) + " shards)" : "") << '\n'
            << "documents: " << c.added << " added, " << c.updated << " updated, " << c.removed
            << " removed, " << c.unchanged << " unchanged; files: " << files_read << " read, "
            << files_unchanged << " unchanged, " << files_removed << " removed\n";
        if (compacted && vm.count("compact")) err << describe(*compacted, index_dir) << '\n';
    }
    return problems == 0 ? 0 : 1;
}

int run_compact(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    po::options_description visible("Options");
    visible.add_options()("help,h", "print this help and exit")(
        "index", po::value<std::string>()->value_name("DIR"),
        "index folder or stub file (default: $STEPPE_INDEX, else "
        "${XDG_DATA_HOME:-~/.local/share}/steppe/index)")("quiet,q", "print nothing when done");
    const po::variables_map vm = internal::parse_options(args, visible);
    if (vm.count("help")) {
        out << "Usage: steppe compact [--index DIR]\n\n"
               "Rewrites the index's tables with full blocks: smaller on disk and faster to\n"
               "search, most of all after many small updates. Searches may run meanwhile;\n"
               "indexing waits (a running 'steppe index' makes this fail with exit 2). Needs\n"
               "room for one compacted copy beside the index; a crash leaves the old or the\n"
               "new index, whole.\n\n"
            << visible << "\nExit status: 0 compacted, 2 error.\n";
        return 0;
    }
    const auto index_dir = index_folder(vm);
    const internal::TerminateAsError terminate_as_error("steppe compact", index_dir.string());
    const auto facts = compact_index(index_dir);
    if (!vm.count("quiet")) err << describe(facts, index_dir) << '\n';
    return 0;
}

}  // namespace steppe::cli
