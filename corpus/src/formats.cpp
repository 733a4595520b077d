#include "steppe/corpus/formats.hpp"

#include <gumbo.h>
#include <md4c.h>
#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <vector>

#include "steppe/common/error.hpp"
#include "steppe/corpus/utf8.hpp"

namespace steppe {

namespace {

/// ICU conversion of @p bytes from @p encoding; false when ICU does not know the encoding.
bool convert(std::string_view bytes, const char* encoding, DecodedText& out) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(encoding, &status);
    if (U_FAILURE(status)) return false;
    std::unique_ptr<UConverter, void (*)(UConverter*)> guard(conv, ucnv_close);
    // Input to UTF-16, then to UTF-8; invalid input becomes U+FFFD (ICU's default callback
    // substitutes), which we detect to report the first offset.
    std::u16string u16(bytes.size() * 2 + 16, u'\0');
    const auto len =
        ucnv_toUChars(conv, reinterpret_cast<UChar*>(u16.data()), static_cast<int32_t>(u16.size()),
                      bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return false;
    u16.resize(static_cast<std::size_t>(len));
    std::string utf8(u16.size() * 3 + 4, '\0');
    status = U_ZERO_ERROR;
    UConverter* to8 = ucnv_open("UTF-8", &status);
    std::unique_ptr<UConverter, void (*)(UConverter*)> guard8(to8, ucnv_close);
    const auto n8 = ucnv_fromUChars(to8, utf8.data(), static_cast<int32_t>(utf8.size()),
                                    reinterpret_cast<const UChar*>(u16.data()),
                                    static_cast<int32_t>(u16.size()), &status);
    if (U_FAILURE(status)) return false;
    utf8.resize(static_cast<std::size_t>(n8));
    out.text = std::move(utf8);
    out.encoding = ucnv_getName(conv, &status);
    if (const auto bad = out.text.find("\xEF\xBF\xBD");
        bad != std::string::npos &&
        std::string_view(bytes).find("\xEF\xBF\xBD") == std::string_view::npos) {
        // An approximation (the offset in the decoded text), kept inside the input: UTF-16
        // text can decode to more bytes than it had.
        out.first_invalid = std::min(bad, bytes.size() - 1);
    }
    return true;
}

}  // namespace

bool looks_binary(std::string_view bytes) noexcept {
    if (bytes.size() >= 2 &&
        ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
        return false;
    const auto head = bytes.substr(0, 8192);
    std::size_t control = 0;
    for (const char ch : head) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\x1b') ++control;
    }
    return !head.empty() && control * 10 > head.size();
}

DecodedText decode_text(std::string_view bytes) {
    DecodedText out;
    if (bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE' &&
        convert(bytes.substr(2), "UTF-16LE", out))
        return out;
    if (bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF' &&
        convert(bytes.substr(2), "UTF-16BE", out))
        return out;
    if (is_valid_utf8(bytes)) {
        out.text = std::string(bytes);
        repair_utf8(out.text);  // drops a UTF-8 BOM
        out.encoding = "UTF-8";
        return out;
    }
    std::string charset;
    if (uchardet_t detector = uchardet_new()) {
        if (uchardet_handle_data(detector, bytes.data(), bytes.size()) == 0) {
            uchardet_data_end(detector);
            charset = uchardet_get_charset(detector);
        }
        uchardet_delete(detector);
    }
    if (charset.empty() || charset == "ASCII" || charset == "UTF-8" ||
        !convert(bytes, charset.c_str(), out)) {
        // Mostly UTF-8 with a few bad bytes, or undetectable: which is likelier?
        out.text = std::string(bytes);
        const auto bad = repair_utf8(out.text);
        const auto replaced = static_cast<std::size_t>(
            std::count(out.text.begin(), out.text.end(), '\xEF'));  // rough count of U+FFFD
        if (replaced * 50 < bytes.size() || !convert(bytes, "windows-1252", out)) {
            out.encoding = "UTF-8";
            out.first_invalid = bad;
        }
    }
    return out;
}

// --- HTML ---------------------------------------------------------------------------------

namespace {

bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_HR:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_BODY:
            return true;
        default:
            return false;
    }
}

bool is_hidden(GumboTag tag) {
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_HEAD ||
           tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_IFRAME ||
           tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_OBJECT;
}

void paragraph_break(std::string& out) {
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n'))
        out.pop_back();
    if (!out.empty()) out += "\n\n";
}

/// Appends text with white space runs collapsed to one space.
void append_text(std::string& out, std::string_view text) {
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
        if (space) {
            if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
        } else {
            out += c;
        }
    }
}

const GumboVector* children_of(const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
        return &node->v.element.children;
    return nullptr;
}

/// The text of a <title>: its text children (the parser gives a title no elements).
std::string title_text(const GumboNode* node) {
    std::string t;
    const GumboVector* children = children_of(node);
    for (unsigned i = 0; i < children->length; ++i) {
        const auto* c = static_cast<const GumboNode*>(children->data[i]);
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
            c->type == GUMBO_NODE_WHITESPACE)
            append_text(t, c->v.text.text);
    }
    while (!t.empty() && t.back() == ' ')
        t.pop_back();
    if (!t.empty() && t.front() == ' ') t.erase(0, 1);
    return t;
}

/// Appends the visible text under @p root to @p out and sets @p title from the first <title>.
/// Iterative, with an explicit stack: a page of 200 000 nested elements must not exhaust the
/// call stack.
void walk_html(const GumboNode* root, std::string& out, std::string& title) {
    struct Frame {
        const GumboNode* node;
        unsigned next;  ///< Next child to visit.
        bool block;     ///< Ends a paragraph when left.
        bool cell;      ///< <td>/<th>: a space when left.
    };
    std::vector<Frame> stack;
    // Visits @p node: text is appended now; an element with children to visit is pushed.
    auto enter = [&](const GumboNode* node) {
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
            node->type == GUMBO_NODE_WHITESPACE) {
            append_text(out, node->v.text.text);
            return;
        }
        const GumboVector* children = children_of(node);
        if (children == nullptr) return;  // comments
        if (node->type != GUMBO_NODE_ELEMENT) {
            stack.push_back({node, 0, false, false});
            return;
        }
        const GumboTag tag = node->v.element.tag;
        if (tag == GUMBO_TAG_TITLE) {
            if (title.empty()) title = title_text(node);
            return;
        }
        if (tag == GUMBO_TAG_HEAD) {
            // Only the title of the head is text.
            for (unsigned i = 0; i < children->length; ++i) {
                const auto* c = static_cast<const GumboNode*>(children->data[i]);
                if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_TITLE &&
                    title.empty())
                    title = title_text(c);
            }
            return;
        }
        if (is_hidden(tag)) return;
        if (tag == GUMBO_TAG_BR) {
            out += '\n';
            return;
        }
        const bool block = is_block(tag);
        if (block) paragraph_break(out);
        stack.push_back({node, 0, block, tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH});
    };
    enter(root);
    while (!stack.empty()) {
        Frame& f = stack.back();
        const GumboVector* children = children_of(f.node);
        if (f.next < children->length) {
            const auto* child = static_cast<const GumboNode*>(children->data[f.next++]);
            enter(child);  // may push: `f` is not used after this
            continue;
        }
        const bool block = f.block, cell = f.cell;
        stack.pop_back();
        if (block) paragraph_break(out);
        if (cell) append_text(out, " ");
    }
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n'))
        s.pop_back();
    const auto b = s.find_first_not_of(" \n");
    return b == std::string::npos ? std::string() : s.substr(b);
}

/// Elements no page needs nested deeper: gumbo's tree building costs time quadratic in the
/// nesting (200 000 nested <div>s took five minutes), so deeper input is refused unparsed.
constexpr std::size_t MAX_HTML_DEPTH = 4096;

bool name_is(std::string_view name, std::initializer_list<std::string_view> names) {
    for (const auto n : names) {
        if (name.size() == n.size() && std::equal(name.begin(), name.end(), n.begin(),
                                                  [](char a, char b) { return (a | 0x20) == b; }))
            return true;
    }
    return false;
}

/// Byte offset of the tag where @p html's element nesting passes MAX_HTML_DEPTH, or npos.
/// A conservative count: void elements and those whose end tag may be left out (p, li, td,
/// ...) do not nest; comments, scripts and styles are skipped.
std::size_t too_deep_at(std::string_view html) {
    std::size_t depth = 0;
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] != '<' || i + 1 >= html.size()) continue;
        if (html.compare(i, 4, "<!--") == 0) {
            const auto end = html.find("-->", i + 4);
            if (end == std::string_view::npos) break;
            i = end + 2;
            continue;
        }
        const bool closing = html[i + 1] == '/';
        std::size_t n = i + (closing ? 2 : 1);
        const std::size_t name_begin = n;
        while (n < html.size() && std::isalnum(static_cast<unsigned char>(html[n])))
            ++n;
        if (n == name_begin) continue;
        const std::string_view name = html.substr(name_begin, n - name_begin);
        const auto gt = html.find('>', n);
        if (gt == std::string_view::npos) break;
        if (closing) {
            if (depth > 0) --depth;
        } else if (name_is(name, {"script", "style"})) {
            const auto end = html.find(name_is(name, {"script"}) ? "</script" : "</style", gt);
            if (end == std::string_view::npos) break;
            i = end;
            continue;
        } else if (html[gt - 1] != '/' &&
                   !name_is(name,
                            {"area",   "base",     "br",    "col",   "embed",  "hr",       "img",
                             "input",  "link",     "meta",  "param", "source", "track",    "wbr",
                             "p",      "li",       "dt",    "dd",    "tr",     "td",       "th",
                             "option", "optgroup", "thead", "tbody", "tfoot",  "colgroup", "rb",
                             "rt",     "rp",       "rtc"}) &&
                   ++depth > MAX_HTML_DEPTH) {
            return i;
        }
        i = gt;
    }
    return std::string_view::npos;
}

}  // namespace

Extracted html_to_text(std::string_view html) {
    Extracted out;
    if (const auto at = too_deep_at(html); at != std::string_view::npos) {
        throw CorpusError("skipped: HTML elements nested more than " +
                          std::to_string(MAX_HTML_DEPTH) + " deep (at byte " + std::to_string(at) +
                          ")");
    }
    GumboOutput* parsed = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    if (parsed == nullptr) return out;
    walk_html(parsed->document, out.text, out.title);
    gumbo_destroy_output(&kGumboDefaultOptions, parsed);
    out.text = trimmed(std::move(out.text));
    return out;
}

// --- Markdown -----------------------------------------------------------------------------

namespace {

struct MdState {
    Extracted* out;
    int heading = 0;  ///< Level of the heading being read, 0 outside headings.
    std::string heading_text;
    int skip = 0;            ///< Inside an image's alt text or raw HTML: not body text.
    std::string_view input;  ///< The whole document: md4c's text lies inside it.
};

int md_enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
    auto* s = static_cast<MdState*>(user);
    if (type == MD_BLOCK_H) {
        s->heading = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        s->heading_text.clear();
    }
    if (type != MD_BLOCK_DOC && type != MD_BLOCK_UL && type != MD_BLOCK_OL &&
        type != MD_BLOCK_QUOTE)
        paragraph_break(s->out->text);
    return 0;
}

int md_leave_block(MD_BLOCKTYPE type, void*, void* user) {
    auto* s = static_cast<MdState*>(user);
    if (type == MD_BLOCK_H) {
        if (s->out->title.empty()) s->out->title = trimmed(s->heading_text);
        s->heading = 0;
    }
    if (type == MD_BLOCK_TD || type == MD_BLOCK_TH) {
        append_text(s->out->text, " ");
        return 0;
    }
    if (type != MD_BLOCK_TR && type != MD_BLOCK_THEAD && type != MD_BLOCK_TBODY)
        paragraph_break(s->out->text);
    return 0;
}

int md_enter_span(MD_SPANTYPE, void*, void*) {
    return 0;
}
int md_leave_span(MD_SPANTYPE, void*, void*) {
    return 0;
}

/// True when @p piece lies within @p whole. md4c 0.4.8 (Debian 12) can report text runs that
/// reach far past the document on malformed tables (found by fuzz_markdown): never copied.
bool inside(std::string_view piece, std::string_view whole) {
    const auto begin = reinterpret_cast<std::uintptr_t>(whole.data());
    const auto at = reinterpret_cast<std::uintptr_t>(piece.data());
    return at >= begin && at - begin <= whole.size() && piece.size() <= whole.size() - (at - begin);
}

int md_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
    auto* s = static_cast<MdState*>(user);
    const std::string_view t(text, size);
    if (type == MD_TEXT_HTML) return 0;  // inline tags are markup
    std::string piece;
    switch (type) {
        case MD_TEXT_NULLCHAR:
            piece = "\xEF\xBF\xBD";
            break;
        case MD_TEXT_BR:
            piece = "\n";
            break;
        case MD_TEXT_SOFTBR:
            piece = " ";
            break;
        case MD_TEXT_CODE:
            if (!inside(t, s->input)) return 0;
            piece = std::string(t);
            if (piece == "\n") piece = "\n";
            break;
        default:
            if (!inside(t, s->input)) return 0;
            piece = std::string(t);
    }
    if (type == MD_TEXT_CODE || type == MD_TEXT_BR) {
        s->out->text += piece;
    } else {
        append_text(s->out->text, piece);
    }
    if (s->heading > 0) append_text(s->heading_text, piece);
    return 0;
}

}  // namespace

Extracted markdown_to_text(std::string_view markdown) {
    Extracted out;
    MdState state{&out, 0, {}, 0, markdown};
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTMLBLOCKS;
    parser.enter_block = md_enter_block;
    parser.leave_block = md_leave_block;
    parser.enter_span = md_enter_span;
    parser.leave_span = md_leave_span;
    parser.text = md_text;
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &state);
    out.text = trimmed(std::move(out.text));
    return out;
}

// --- PDF ----------------------------------------------------------------------------------

Extracted pdf_to_text(std::string_view bytes) {
    // Poppler prints its complaints about broken files to stderr; our caller reports the one
    // error that matters, naming the file.
    static const bool quiet = [] {
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
        return true;
    }();
    (void)quiet;
    poppler::byte_array data(bytes.begin(), bytes.end());
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_data(&data));
    if (!doc) throw CorpusError("not a readable PDF");
    if (doc->is_locked()) throw CorpusError("the PDF is encrypted");
    Extracted out;
    const auto title = doc->get_title().to_utf8();
    out.title = trimmed(std::string(title.begin(), title.end()));
    const int pages = doc->pages();
    for (int i = 0; i < pages; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        paragraph_break(out.text);
        out.page_starts.push_back(out.text.size());
        if (!page) continue;
        const auto text = page->text().to_utf8();
        std::string t(text.begin(), text.end());
        repair_utf8(t);
        // Keep PDF line breaks (they become spaces in sentences) but drop form feeds.
        std::replace(t.begin(), t.end(), '\f', '\n');
        out.text += t;
    }
    return out;
}

}  // namespace steppe
