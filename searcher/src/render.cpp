#include "steppe/searcher/render.hpp"

#include <nlohmann/json.hpp>

namespace steppe {

namespace {

using Json = nlohmann::ordered_json;

/// Writes text[from, to) through @p put, and each highlight through @p on / @p off.
template <class Put, class On, class Off>
void walk(const Snippet& s, Put put, On on, Off off) {
    std::size_t at = 0;
    for (const Span& span : s.highlights) {
        if (span.begin < at || span.end > s.text.size() || span.begin >= span.end) continue;
        put(std::string_view(s.text).substr(at, span.begin - at));
        on();
        put(std::string_view(s.text).substr(span.begin, span.end - span.begin));
        off();
        at = span.end;
    }
    put(std::string_view(s.text).substr(at));
}

std::string dump(const Json& j) {
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json snippet_json(const Snippet& s) {
    Json spans = Json::array();
    for (const Span& span : s.highlights)
        spans.push_back(Json::array({span.begin, span.end}));
    Json j;
    j["text"] = s.text;
    j["highlights"] = std::move(spans);
    return j;
}

}  // namespace

std::string render_plain(const Snippet& snippet) {
    return snippet.text;
}

std::string render_ansi(const Snippet& snippet, std::string_view on, std::string_view off) {
    std::string out;
    walk(
        snippet, [&](std::string_view t) { out += t; }, [&] { out += on; }, [&] { out += off; });
    return out;
}

namespace {

void escape_html(std::string_view t, std::string& out) {
    for (const char c : t) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
}

}  // namespace

std::string render_html(const Snippet& snippet) {
    std::string out;
    walk(
        snippet, [&](std::string_view t) { escape_html(t, out); }, [&] { out += "<mark>"; },
        [&] { out += "</mark>"; });
    return out;
}

std::string hit_html(const Hit& hit) {
    std::string out = "<article class=\"hit\" data-rank=\"" + std::to_string(hit.rank) + "\">\n";
    out += "  <h3>";
    escape_html(hit.title.empty() ? hit.id : hit.title, out);
    out += "</h3>\n  <p class=\"path\">";
    escape_html(hit.path.empty() ? hit.id : hit.path, out);
    out += "</p>\n";
    if (hit.fragments.empty()) {
        out += "  <p data-passage=\"" + std::to_string(hit.passage) + "\">" +
               render_html(hit.snippet) + "</p>\n";
    }
    for (const Fragment& f : hit.fragments) {
        out += "  <p data-passage=\"" + std::to_string(f.passage) + "\">" + render_html(f.snippet) +
               "</p>\n";
    }
    return out + "</article>";
}

std::string hit_json(const Hit& hit) {
    Json data;
    data["rank"] = hit.rank;
    data["score"] = hit.score;
    data["id"] = hit.id;
    data["path"] = hit.path;
    data["title"] = hit.title;
    data["passage"] = hit.passage;
    data["page"] = hit.page ? Json(*hit.page) : Json(nullptr);
    data["snippet"] = snippet_json(hit.snippet);
    data["matching_passages"] = hit.matching_passages;
    Json fragments = Json::array();
    for (const Fragment& f : hit.fragments) {
        Json j = {{"passage", f.passage}, {"page", nullptr}};
        if (f.page) j["page"] = *f.page;
        const Json s = snippet_json(f.snippet);
        j["text"] = s["text"];
        j["highlights"] = s["highlights"];
        fragments.push_back(std::move(j));
    }
    data["fragments"] = std::move(fragments);
    if (!hit.explanation.empty()) {
        Json terms = Json::array();
        for (const TermScore& t : hit.explanation)
            terms.push_back({{"term", t.term}, {"score", t.score}});
        data["explain"] = std::move(terms);
    }
    Json j;
    j["type"] = "hit";
    j["data"] = std::move(data);
    return dump(j);
}

std::string summary_json(const SearchResults& results) {
    Json data;
    data["hits"] = results.hits.size();
    data["total_estimate"] = results.total_estimate;
    data["elapsed_ms"] = results.elapsed_ms;
    if (!results.suggestion.empty()) data["suggestion"] = results.suggestion;
    if (!results.missing_shards.empty()) data["missing_shards"] = results.missing_shards;
    if (!results.notes.empty()) data["notes"] = results.notes;
    Json j;
    j["type"] = "summary";
    j["data"] = std::move(data);
    return dump(j);
}

}  // namespace steppe
