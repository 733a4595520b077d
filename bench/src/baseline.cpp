#include "baseline.hpp"

#include <chrono>
#include <string>

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

BaselineFacts termgenerator_baseline(const std::vector<std::string>& texts,
                                     std::size_t commit_every, const std::filesystem::path& dir) {
    BaselineFacts facts;
    const auto started = std::chrono::steady_clock::now();
    {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator generator;
        generator.set_stemmer(Xapian::Stem("english"));
        generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        std::size_t pending = 0;
        for (const auto& text : texts) {
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
    }
    facts.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    facts.passages = texts.size();
    facts.index_bytes = internal::folder_bytes(dir);
    return facts;
}

}  // namespace steppe::bench
