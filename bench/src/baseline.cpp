#include "baseline.hpp"

#include <chrono>
#include <exception>
#include <string>
#include <thread>

#include <xapian.h>

#include "read_limited.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/internal/files.hpp"

namespace steppe::bench {

std::vector<std::string> baseline_passages(const std::vector<SourceFile>& sources,
                                           const PassageOptions& options, std::size_t limit_docs,
                                           double max_mb) {
    std::vector<std::string> texts;
    Analyzer analyzer;
    read_limited(
        sources, limit_docs, max_mb,
        [&](Document&& doc) {
            const auto tokens = analyzer.tokenize(doc.text);
            for (const auto& p : split_passages(analyzer.sentences(doc.text), tokens, options))
                texts.push_back(doc.text.substr(p.range.begin, p.range.end - p.range.begin));
        },
        [](const std::string&) {});
    return texts;
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Writes texts [begin, end) into a fresh database in @p dir, one document per passage;
/// counts passages, bytes and commits (not the time).
BaselineFacts write_passages(const std::vector<std::string>& texts, std::size_t begin,
                             std::size_t end, std::size_t commit_every,
                             const std::filesystem::path& dir) {
    BaselineFacts facts;
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::size_t pending = 0;
    for (std::size_t i = begin; i < end; ++i) {
        const std::string& text = texts[i];
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(text);
        doc.set_data(text);
        db.add_document(doc);
        facts.bytes += text.size();
        if (commit_every > 0 && ++pending == commit_every) {
            db.commit();
            pending = 0;
        }
    }
    db.commit();
    facts.commits = db.get_revision();
    facts.passages = end - begin;
    return facts;
}

}  // namespace

BaselineFacts termgenerator_baseline(const std::vector<std::string>& texts,
                                     std::size_t commit_every, const std::filesystem::path& dir) {
    const auto started = std::chrono::steady_clock::now();
    BaselineFacts facts = write_passages(texts, 0, texts.size(), commit_every, dir);
    facts.seconds = seconds_since(started);
    facts.index_bytes = internal::folder_bytes(dir);
    return facts;
}

BaselineFacts termgenerator_two_writers(const std::vector<std::string>& texts,
                                        std::size_t commit_every,
                                        const std::filesystem::path& dir) {
    // The first half by bytes, so both threads have about the same work.
    std::size_t total = 0;
    for (const auto& text : texts)
        total += text.size();
    std::size_t half = 0;
    for (std::size_t bytes = 0; half < texts.size() && 2 * bytes < total; ++half)
        bytes += texts[half].size();
    const std::filesystem::path parts[2] = {dir / "part-0", dir / "part-1"};
    BaselineFacts halves[2];
    std::exception_ptr failed[2];
    const auto started = std::chrono::steady_clock::now();
    {
        std::thread second([&] {
            try {
                halves[1] = write_passages(texts, half, texts.size(), commit_every, parts[1]);
            } catch (...) {
                failed[1] = std::current_exception();
            }
        });
        try {
            halves[0] = write_passages(texts, 0, half, commit_every, parts[0]);
        } catch (...) {
            failed[0] = std::current_exception();
        }
        second.join();
    }
    for (const auto& f : failed)
        if (f) std::rethrow_exception(f);
    const auto merging = std::chrono::steady_clock::now();
    const auto merged = dir / "merged";
    {
        Xapian::Database all;
        for (const auto& part : parts)
            all.add_database(Xapian::Database(part.string()));
        all.compact(merged.string(), Xapian::Compactor::FULL);
    }
    BaselineFacts facts;
    facts.seconds = seconds_since(started);
    facts.merge_seconds = seconds_since(merging);
    facts.writers = 2;
    for (const auto& h : halves) {
        facts.passages += h.passages;
        facts.bytes += h.bytes;
        facts.commits += h.commits;
    }
    facts.index_bytes = internal::folder_bytes(merged);
    return facts;
}

}  // namespace steppe::bench
