#include <chrono>
#include <cstdio>
#include <iomanip>
#include <optional>
#include <sstream>

#include <boost/program_options.hpp>

#include "steppe/common/error.hpp"
#include "steppe/common/language.hpp"
#include "steppe/common/paths.hpp"
#include "steppe/common/version.hpp"
#include "steppe/corpus/read.hpp"
#include "steppe/corpus/walk.hpp"
#include "steppe/indexer/cli.hpp"
#include "steppe/indexer/indexer.hpp"

namespace steppe::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* USAGE = "Usage: steppe index [OPTIONS] PATH...\n";

std::string format_seconds(double s) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(s < 10 ? 2 : 1) << s;
    return os.str();
}

}  // namespace

int run_index(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    po::options_description visible("Options");
    std::size_t passage_words = 0;
    visible.add_options()("help,h", "print this help and exit")("version",
                                                                "print the version and exit")(
        "index", po::value<std::string>()->value_name("DIR"),
        "index folder (default: $STEPPE_INDEX, else "
        "${XDG_DATA_HOME:-~/.local/share}/steppe/index)")("full", "rebuild the index from scratch")(
        "language", po::value<std::string>()->value_name("CODE")->default_value("auto"),
        "language of the documents (ISO 639-1 code such as en, ru, kk), which picks the "
        "stemmer; 'auto' detects it per document")(
        "keep-diacritics",
        "index café and cafe as different words (default: fold diacritics); only when the "
        "index is created")(
        "passage-words", po::value<std::size_t>(&passage_words)->value_name("N"),
        "target passage length in words (default 80; passages are N/2 to 3N/2 words)")(
        "quiet,q", "print no summary line");
    po::options_description hidden;
    hidden.add_options()("path", po::value<std::vector<std::string>>(), "");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("path", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    if (vm.count("help")) {
        out << USAGE
            << "Index .txt, .md and .jsonl(.gz) files found under each PATH (recursively).\n"
               "Each file (or JSON Lines record) is a document, split into passages.\n\n"
            << visible
            << "\nExit status: 0 all indexed, 1 some inputs could not be indexed (named on "
               "stderr; the rest is committed), 2 error.\n";
        return 0;
    }
    if (vm.count("version")) {
        out << version_line() << '\n';
        return 0;
    }
    if (!vm.count("path")) throw UsageError("no PATH to index");

    std::optional<std::filesystem::path> given;
    if (vm.count("index")) given = vm["index"].as<std::string>();
    const auto index_dir = resolve_index_path(given);

    IndexerOptions options;
    options.overwrite = vm.count("full") > 0;
    options.language = vm["language"].as<std::string>();
    if (options.language != "auto" && canonical_language_code(options.language).empty())
        throw UsageError("--language: '" + options.language +
                         "' is not a language code (e.g. en, ru, kk) or 'auto'");
    options.analyzer.fold_diacritics = vm.count("keep-diacritics") == 0;
    if (passage_words > 0) options.passages = PassageOptions::around(passage_words);

    const bool quiet = vm.count("quiet") > 0;
    std::size_t problems = 0;
    auto report = [&](const std::string& message) {
        ++problems;
        err << "steppe index: " << message << '\n';
    };
    std::size_t warnings = 0;
    auto warn = [&](const std::string& message) {
        ++warnings;
        err << "steppe index: warning: " << message << '\n';
    };

    const auto started = std::chrono::steady_clock::now();
    std::vector<std::filesystem::path> roots(vm["path"].as<std::vector<std::string>>().begin(),
                                             vm["path"].as<std::vector<std::string>>().end());
    const auto sources = find_sources(roots, report);

    Indexer indexer(index_dir, options);
    for (const auto& source : sources) {
        read_source(
            source, [&](Document&& doc) { indexer.add(doc); },
            [&](const std::string& m) {
                // Decoding repairs are warnings: the document is still indexed.
                if (m.find("invalid UTF-8") != std::string::npos)
                    warn(m);
                else
                    report(m);
            });
    }
    indexer.commit();

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!quiet) {
        const auto& c = indexer.counts();
        const double mb = static_cast<double>(c.bytes) / 1e6;
        std::ostringstream line;
        line << "indexed " << c.documents << " documents, " << c.passages << " passages, "
             << std::fixed << std::setprecision(1) << mb << " MB in " << format_seconds(seconds)
             << " s (" << std::setprecision(1) << (seconds > 0 ? mb / seconds : 0.0) << " MB/s), "
             << problems << (problems == 1 ? " error" : " errors") << " -> " << index_dir.string()
             << '\n';
        err << line.str();
    }
    return problems == 0 ? 0 : 1;
}

}  // namespace steppe::cli
