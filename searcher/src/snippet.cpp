#include "steppe/searcher/snippet.hpp"

#include <algorithm>
#include <map>

namespace steppe {

namespace {

constexpr std::string_view ELLIPSIS = "\xE2\x80\xA6";  // U+2026

struct Window {
    std::size_t begin = 0;
    std::size_t end = 0;
    double score = -1;
    bool sentence_start = false;  ///< Begins where a sentence begins.

    /// Better: more weight of matches; on a tie, one that starts a sentence.
    [[nodiscard]] bool beats(const Window& o) const {
        return score > o.score || (score == o.score && sentence_start && !o.sentence_start);
    }
};

/// True when word @p i begins a sentence: the text's first word, or one after sentence-ending
/// punctuation (. ! ? and their CJK forms) or a blank line.
bool starts_sentence(std::string_view text, const std::vector<Token>& words, std::size_t i) {
    if (i == 0) return true;
    const std::string_view gap = text.substr(words[i - 1].end, words[i].begin - words[i - 1].end);
    for (const std::string_view end :
         {"!", "?", "\n\n", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F"}) {
        if (gap.find(end) != std::string_view::npos) return true;
    }
    if (gap.find('.') == std::string_view::npos) return false;
    // "Ms. Azimova": a title's full stop ends no sentence (as in the analyser's sentences()).
    static constexpr std::string_view TITLES[] = {"mr",  "ms",  "mrs", "dr",   "prof", "st",  "gen",
                                                  "col", "lt",  "sgt", "capt", "rev",  "hon", "gov",
                                                  "sen", "rep", "vs",  "cf",   "fig"};
    return std::find(std::begin(TITLES), std::end(TITLES), words[i - 1].term) == std::end(TITLES);
}

/// Sentence starts looked for before a match: further back, the match rarely still fits.
constexpr std::size_t SENTENCE_LOOKBACK = 40;

/// Score of the matches that lie inside [begin, end): each distinct term counts its weight,
/// each repeat a tenth of it.
double score_window(const std::vector<Match>& matches, std::size_t begin, std::size_t end) {
    std::map<std::size_t, int> seen;
    double score = 0;
    for (const Match& m : matches) {
        if (m.range.begin < begin || m.range.end > end) continue;
        score += (seen[m.term]++ == 0) ? m.weight : m.weight * 0.1;
    }
    return score;
}

/// The window that starts at word @p first and takes as many whole words as fit in @p budget.
Window window_from(std::string_view text, const std::vector<Token>& words, std::size_t first,
                   std::size_t budget) {
    Window w;
    w.begin = first == 0 ? 0 : words[first].begin;
    w.end = w.begin;
    for (std::size_t i = first; i < words.size(); ++i) {
        if (words[i].end - w.begin > budget) break;
        w.end = words[i].end;
    }
    if (w.end == w.begin && first < words.size()) {
        // One word longer than the budget: cut it on a character boundary.
        std::size_t e = std::min(text.size(), w.begin + budget);
        while (e > w.begin && e < text.size() &&
               (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80)
            --e;
        w.end = e;
    }
    return w;
}

}  // namespace

Snippet make_snippet(std::string_view text, const std::vector<Token>& words,
                     const std::vector<Match>& matches, const SnippetOptions& options) {
    Window best{0, text.size(), 0};
    if (text.size() > options.max_bytes && !words.empty()) {
        const std::size_t budget =
            options.max_bytes > 2 * ELLIPSIS.size() ? options.max_bytes - 2 * ELLIPSIS.size() : 1;
        // starts_sentence() of each word, asked once: the look-backs of neighbouring matches
        // cross the same words again and again.
        std::vector<signed char> sentence(words.size(), -1);
        auto is_start = [&](std::size_t i) {
            if (i >= words.size()) return starts_sentence(text, words, i);
            if (sentence[i] < 0) sentence[i] = starts_sentence(text, words, i) ? 1 : 0;
            return sentence[i] == 1;
        };
        // Candidate starts: the text's start, and a few words before each match so the match
        // has some context to its left.
        // Also the start of the sentence that holds the match, which reads better when the
        // match still fits.
        std::vector<std::size_t> starts{0};
        std::size_t w = 0;
        for (const Match& m : matches) {
            while (w < words.size() && words[w].end <= m.range.begin)
                ++w;
            starts.push_back(w >= 3 ? w - 3 : 0);
            for (std::size_t back = 0; back <= SENTENCE_LOOKBACK && back <= w; ++back) {
                if (w - back < words.size() && is_start(w - back)) {
                    starts.push_back(w - back);
                    break;
                }
            }
        }
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        best.score = -1;
        for (const std::size_t first : starts) {
            Window cand = window_from(text, words, first, budget);
            cand.score = score_window(matches, cand.begin, cand.end);
            cand.sentence_start = is_start(first);
            if (cand.beats(best)) best = cand;
        }
        // A window that reaches the text's end can take in the words before it instead.
        if (best.end == words.back().end && best.begin > 0) {
            std::size_t first = 0;
            while (first < words.size() && words.back().end - words[first].begin > budget)
                ++first;
            if (first < words.size() && words[first].begin < best.begin) {
                Window wider = window_from(text, words, first, budget);
                wider.score = score_window(matches, wider.begin, wider.end);
                if (wider.score > best.score || (wider.score == best.score && !best.sentence_start))
                    best = wider;
            }
        }
        if (best.end == words.back().end) best.end = text.size();
    }

    Snippet s;
    s.truncated = best.begin > 0 || best.end < text.size();
    std::size_t shift = 0;
    if (best.begin > 0) {
        s.text += ELLIPSIS;
        shift = ELLIPSIS.size();
    }
    // Line breaks and tabs read as spaces; same byte length, so offsets hold.
    std::string_view body = text.substr(best.begin, best.end - best.begin);
    // Trim leading and trailing white space of the window.
    std::size_t lead = 0;
    while (lead < body.size() &&
           (body[lead] == ' ' || body[lead] == '\n' || body[lead] == '\r' || body[lead] == '\t'))
        ++lead;
    std::size_t tail = body.size();
    while (tail > lead && (body[tail - 1] == ' ' || body[tail - 1] == '\n' ||
                           body[tail - 1] == '\r' || body[tail - 1] == '\t'))
        --tail;
    body = body.substr(lead, tail - lead);
    const std::size_t origin = best.begin + lead;
    for (const char c : body)
        s.text += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (best.end < text.size()) s.text += ELLIPSIS;

    std::vector<Match> inside;
    for (const Match& m : matches) {
        if (m.range.begin >= origin && m.range.end <= origin + body.size() &&
            m.range.begin < m.range.end)
            inside.push_back(m);
    }
    std::sort(inside.begin(), inside.end(),
              [](const Match& a, const Match& b) { return a.range.begin < b.range.begin; });
    for (const Match& m : inside) {
        Span span{m.range.begin - origin + shift, m.range.end - origin + shift};
        if (!s.highlights.empty() && span.begin < s.highlights.back().end) {
            s.highlights.back().end = std::max(s.highlights.back().end, span.end);
        } else {
            s.highlights.push_back(span);
        }
    }
    return s;
}

}  // namespace steppe
