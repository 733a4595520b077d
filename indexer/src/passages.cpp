#include "steppe/indexer/passages.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "steppe/common/error.hpp"

namespace steppe {

PassageOptions PassageOptions::around(std::size_t words) {
    PassageOptions o;
    o.target_words = std::max<std::size_t>(words, 2);
    o.min_words = o.target_words / 2;
    o.max_words = o.target_words + o.target_words / 2;
    return o;
}

std::string PassageOptions::to_json() const {
    nlohmann::ordered_json j;
    j["min_words"] = min_words;
    j["target_words"] = target_words;
    j["max_words"] = max_words;
    return j.dump();
}

PassageOptions PassageOptions::from_json(std::string_view json) {
    const auto j = nlohmann::json::parse(json, nullptr, false);
    auto number = [&](const char* key) -> std::size_t {
        if (!j.is_object() || !j.contains(key) || !j[key].is_number_unsigned())
            throw Error("passage settings without a whole number '" + std::string(key) +
                        "': " + std::string(json));
        return j[key].get<std::size_t>();
    };
    PassageOptions o;
    o.min_words = number("min_words");
    o.target_words = number("target_words");
    o.max_words = number("max_words");
    if (o.target_words < 2 || o.min_words > o.target_words || o.target_words > o.max_words)
        throw Error("passage settings out of order (min <= target <= max): " + std::string(json));
    return o;
}

namespace {

/// A run of text that is never split further: a sentence, or a piece of an over-long one.
struct Unit {
    ByteRange range;
    std::size_t first_token = 0;
    std::size_t token_count = 0;
    bool ends_paragraph = false;
};

std::vector<Unit> units_of(const std::vector<Sentence>& sentences, const std::vector<Token>& tokens,
                           std::size_t max_words) {
    std::vector<Unit> units;
    std::size_t t = 0;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        const Sentence& s = sentences[i];
        // Tokens up to the end of this sentence (and any stray ones before it) belong to it;
        // the last sentence takes whatever is left.
        const bool last = i + 1 == sentences.size();
        const std::size_t first = t;
        while (t < tokens.size() && (last || tokens[t].begin < s.range.end))
            ++t;
        const std::size_t count = t - first;
        if (count <= max_words) {
            units.push_back({s.range, first, count, s.ends_paragraph});
            continue;
        }
        // Cut an over-long sentence between words into pieces of at most max_words.
        for (std::size_t k = first; k < t; k += max_words) {
            const std::size_t n = std::min(max_words, t - k);
            Unit u;
            u.first_token = k;
            u.token_count = n;
            u.range.begin = k == first ? s.range.begin : tokens[k].begin;
            u.range.end =
                k + n == t ? std::max(s.range.end, tokens[k + n - 1].end) : tokens[k + n - 1].end;
            u.ends_paragraph = k + n == t && s.ends_paragraph;
            units.push_back(u);
        }
    }
    return units;
}

}  // namespace

std::vector<Passage> split_passages(const std::vector<Sentence>& sentences,
                                    const std::vector<Token>& tokens, const PassageOptions& options,
                                    const std::vector<std::size_t>& hard_breaks) {
    const std::size_t max_words = std::max<std::size_t>(options.max_words, 1);
    std::vector<Passage> passages;
    if (sentences.empty()) {
        if (!tokens.empty())
            passages.push_back({{tokens.front().begin, tokens.back().end}, 0, tokens.size()});
        return passages;
    }
    bool open = false;
    Passage cur;
    auto next_break = hard_breaks.begin();
    for (const Unit& u : units_of(sentences, tokens, max_words)) {
        // A hard break between the open passage and this unit closes the passage.
        bool crosses = false;
        while (next_break != hard_breaks.end() && *next_break <= u.range.begin) {
            crosses = crosses || (open && *next_break > cur.range.begin);
            ++next_break;
        }
        if (open && crosses && cur.token_count > 0) {
            passages.push_back(cur);
            open = false;
        }
        if (open && cur.token_count > 0 && cur.token_count + u.token_count > max_words) {
            passages.push_back(cur);
            open = false;
        }
        if (!open) {
            cur = Passage{u.range, u.first_token, 0};
            open = true;
        }
        cur.range.end = std::max(cur.range.end, u.range.end);
        cur.token_count += u.token_count;
        if (cur.token_count >= options.target_words ||
            (u.ends_paragraph && cur.token_count >= options.min_words)) {
            passages.push_back(cur);
            open = false;
        }
    }
    if (open) {
        // A short tail reads better as the end of the passage before it (unless a hard break
        // stands between them).
        const bool broken = std::any_of(hard_breaks.begin(), hard_breaks.end(), [&](std::size_t b) {
            return !passages.empty() && b > passages.back().range.begin && b <= cur.range.begin;
        });
        if (!passages.empty() && !broken && cur.token_count < options.min_words / 2 &&
            passages.back().token_count + cur.token_count <= max_words) {
            passages.back().range.end = cur.range.end;
            passages.back().token_count += cur.token_count;
        } else {
            passages.push_back(cur);
        }
    }
    return passages;
}

}  // namespace steppe
