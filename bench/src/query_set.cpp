#include "steppe/bench/query_set.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

namespace steppe::bench {

namespace {

bool usable(const TermStat& t) {
    return t.term.size() >= 3 && t.passages >= 2 &&
           std::none_of(t.term.begin(), t.term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string qid(std::size_t i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "t%03zu", i + 1);
    return buf;
}

}  // namespace

std::vector<GeneratedQuery> generate_queries(
    std::vector<TermStat> terms, const std::vector<std::vector<std::string>>& phrase_sources,
    std::size_t count, std::uint64_t seed) {
    std::erase_if(terms, [](const TermStat& t) { return !usable(t); });
    std::sort(terms.begin(), terms.end(), [](const TermStat& a, const TermStat& b) {
        return a.passages != b.passages ? a.passages > b.passages : a.term < b.term;
    });
    std::vector<std::string> frequent, mid, rare;
    const std::size_t n = terms.size();
    const std::size_t top = std::max<std::size_t>(std::min<std::size_t>(10, n), n / 100);
    for (std::size_t i = 0; i < n; ++i) {
        if (i < top) frequent.push_back(terms[i].term);
        if (i >= n / 20 && i < n / 5) mid.push_back(terms[i].term);
        if (terms[i].passages <= 5) rare.push_back(terms[i].term);
    }
    // Small corpora may leave a band empty: fall back to every usable word.
    std::vector<std::string> all;
    for (const auto& t : terms)
        all.push_back(t.term);
    for (auto* band : {&frequent, &mid, &rare})
        if (band->empty()) *band = all;

    std::vector<const std::vector<std::string>*> sources;
    for (const auto& s : phrase_sources)
        if (s.size() >= 3) sources.push_back(&s);

    std::mt19937_64 rng(seed);
    auto pick = [&](std::size_t size) { return static_cast<std::size_t>(rng() % size); };
    auto draw = [&](const std::vector<std::string>& band, std::vector<std::string>& words) {
        // A word already in the query is drawn again (a few tries), to keep 2-4 distinct words.
        for (int attempt = 0; attempt < 8; ++attempt) {
            const std::string& w = band[pick(band.size())];
            if (std::find(words.begin(), words.end(), w) == words.end() || attempt == 7) {
                words.push_back(w);
                return;
            }
        }
    };

    std::vector<GeneratedQuery> out;
    if (all.empty()) return out;
    static const char* const KINDS[] = {"frequent", "mid", "rare", "mixed", "phrase"};
    for (std::size_t i = 0; i < count; ++i) {
        GeneratedQuery q;
        q.id = qid(i);
        q.kind = KINDS[i % 5];
        if (q.kind == "phrase" && sources.empty()) q.kind = "mixed";
        std::vector<std::string> words;
        if (q.kind == "phrase") {
            const auto& s = *sources[pick(sources.size())];
            const std::size_t len = 2 + pick(2);
            const std::size_t start = pick(s.size() - len + 1);
            std::string phrase = "\"";
            for (std::size_t k = 0; k < len; ++k)
                phrase += (k ? " " : "") + s[start + k];
            q.text = phrase + "\"";
            if (pick(2) == 1) {
                draw(mid, words);
                q.text += " " + words.back();
            }
        } else {
            const std::size_t len = 2 + pick(3);
            for (std::size_t k = 0; k < len; ++k) {
                const auto& band = q.kind == "frequent" ? frequent
                                   : q.kind == "mid"    ? mid
                                   : q.kind == "rare"   ? rare
                                   : k % 3 == 0         ? frequent
                                   : k % 3 == 1         ? mid
                                                        : rare;
                draw(band, words);
            }
            for (const auto& w : words)
                q.text += (q.text.empty() ? "" : " ") + w;
        }
        out.push_back(std::move(q));
    }
    return out;
}

}  // namespace steppe::bench
