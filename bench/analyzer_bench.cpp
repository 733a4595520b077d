// Throughput of the text analyser on the indexing hot path, in MB of UTF-8 input per second:
// language detection, word segmentation with normalisation, sentence segmentation and
// Snowball stems, separately and together, next to Xapian's TermGenerator on the same text.
// Not a ctest: run it by hand on a quiet machine.
//
//   steppe_analyzer_bench [--mb N] [--runs N] [PATH...]
//
// PATH defaults to ../shared/data/corpus/wikipedia-en (gzipped JSON Lines); N MB of document
// text (default 40) are read into memory first, so I/O and decompression are not measured.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <xapian.h>

#include "steppe/common/analyzer.hpp"
#include "steppe/common/language.hpp"
#include "steppe/corpus/read.hpp"
#include "steppe/corpus/walk.hpp"

namespace {

/// CPU time of this thread, in seconds: on a shared 2-core machine wall time mostly measures
/// the neighbours, and everything measured here is single-threaded.
double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Best CPU time of @p runs runs of @p f, in seconds.
double best_of(int runs, const std::function<void()>& f) {
    double best = 1e300;
    for (int r = 0; r < runs; ++r) {
        const double start = cpu_seconds();
        f();
        best = std::min(best, cpu_seconds() - start);
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) try {
    double megabytes = 40;
    int runs = 3;
    std::vector<std::filesystem::path> roots;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--mb" && i + 1 < argc) {
            megabytes = std::atof(argv[++i]);
        } else if (arg == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "-h" || arg == "--help") {
            std::cout << "Usage: steppe_analyzer_bench [--mb N] [--runs N] [PATH...]\n";
            return 0;
        } else {
            roots.emplace_back(arg);
        }
    }
    if (roots.empty()) roots.emplace_back(STEPPE_DEFAULT_CORPUS);

    std::vector<std::string> texts;
    std::size_t bytes = 0;
    const auto limit = static_cast<std::size_t>(megabytes * 1e6);
    auto problem = [](const std::string& m) { std::cerr << "analyzer_bench: " << m << '\n'; };
    for (const auto& source : steppe::find_sources(roots, problem)) {
        if (bytes >= limit) break;
        steppe::read_source(
            source,
            [&](steppe::Document&& doc) {
                if (bytes >= limit) return;
                bytes += doc.text.size();
                texts.push_back(std::move(doc.text));
            },
            problem);
    }
    if (texts.empty()) {
        std::cerr << "analyzer_bench: no documents under the given paths\n";
        return 2;
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("corpus: %zu documents, %.1f MB, best of %d runs\n", texts.size(), mb, runs);

    steppe::Analyzer analyzer;
    std::vector<steppe::Token> tokens;
    std::size_t sink = 0;  // keeps the optimiser from dropping the work
    auto report = [&](const char* what, double seconds) {
        std::printf("  %-36s %8.1f MB/s  (%.2f s CPU)\n", what, mb / seconds, seconds);
    };

    report("detect_language", best_of(runs, [&] {
               for (const auto& t : texts)
                   sink += steppe::detect_language(t).size();
           }));
    report("tokenize", best_of(runs, [&] {
               for (const auto& t : texts) {
                   analyzer.tokenize(t, tokens);
                   sink += tokens.size();
               }
           }));
    report("sentences", best_of(runs, [&] {
               for (const auto& t : texts)
                   sink += analyzer.sentences(t).size();
           }));
    report("tokenize + stems (en)", best_of(runs, [&] {
               for (const auto& t : texts) {
                   analyzer.tokenize(t, tokens);
                   for (const auto& tok : tokens)
                       sink += analyzer.stem(tok, "en").size();
               }
           }));
    const double all = best_of(runs, [&] {
        for (const auto& t : texts) {
            const std::string language = steppe::detect_language(t);
            analyzer.tokenize(t, tokens);
            sink += analyzer.sentences(t).size();
            for (const auto& tok : tokens)
                sink += analyzer.stem(tok, language).size();
        }
    });
    report("all: detect+tokenize+sentences+stem", all);

    // Reference: what Xapian's own TermGenerator does with the same text (English stemmer,
    // STEM_SOME: unstemmed terms with positions plus Z-prefixed stems), into a scratch document.
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    const double xapian = best_of(runs, [&] {
        for (const auto& t : texts) {
            Xapian::Document doc;
            generator.set_document(doc);
            generator.index_text(t);
            sink += doc.termlist_count();
        }
    });
    report("Xapian TermGenerator (reference)", xapian);
    std::printf("  steppe analyser / TermGenerator time: %.2fx\n", all / xapian);
    if (sink == 42) std::printf(" \n");
    return 0;
} catch (const std::exception& e) {
    std::cerr << "analyzer_bench: error: " << e.what() << '\n';
    return 2;
}
