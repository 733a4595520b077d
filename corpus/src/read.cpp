#include "steppe/corpus/read.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <simdjson.h>

#include "steppe/common/error.hpp"
#include "steppe/corpus/formats.hpp"
#include "steppe/corpus/utf8.hpp"

namespace steppe {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t MAX_TITLE_BYTES = 200;

/// Cuts @p s to at most @p max bytes without splitting a UTF-8 sequence.
std::string cut_utf8(std::string_view s, std::size_t max) {
    if (s.size() <= max) return std::string(s);
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return std::string(s.substr(0, n));
}

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n\f\v");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n\f\v");
    return s.substr(b, e - b + 1);
}

struct GzCloser {
    void operator()(gzFile f) const noexcept { gzclose(f); }
};
using GzFile = std::unique_ptr<std::remove_pointer_t<gzFile>, GzCloser>;

/// Reads a whole file (gzip-compressed or not) into @p out. @returns "" or an error message.
std::string read_all(const fs::path& path, std::string& out) {
    GzFile f(gzopen(path.c_str(), "rb"));
    if (!f) return std::strerror(errno);
    gzbuffer(f.get(), 1 << 17);
    char buf[1 << 16];
    for (;;) {
        const int n = gzread(f.get(), buf, sizeof buf);
        if (n < 0) {
            int code = 0;
            return gzerror(f.get(), &code);
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return {};
}

/// One JSON Lines record into @p doc. @returns "" or what was wrong with it.
std::string parse_record(simdjson::ondemand::parser& parser, std::string& line, Document& doc) {
    const std::size_t len = line.size();
    line.reserve(len + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document json;
    if (auto err = parser.iterate(line.data(), len, line.capacity()).get(json))
        return std::string("malformed JSON (") + simdjson::error_message(err) + ")";
    simdjson::ondemand::object obj;
    if (json.get_object().get(obj)) return "not a JSON object";
    bool has_id = false;
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key)) return "malformed JSON key";
        simdjson::ondemand::value value;
        if (field.value().get(value)) return "malformed JSON value";
        if (key == "id" || key == "_id") {
            std::string_view s;
            simdjson::ondemand::json_type type{};
            if (value.type().get(type)) return "malformed JSON value";
            if (type == simdjson::ondemand::json_type::number) {
                s = trim(value.raw_json_token());
            } else if (value.get_string().get(s)) {
                return "\"id\" is not a string or number";
            }
            doc.id = std::string(s);
            has_id = !doc.id.empty();
        } else if (key == "title" || key == "text") {
            std::string_view s;
            simdjson::ondemand::json_type type{};
            if (value.type().get(type)) return "malformed JSON value";
            if (type == simdjson::ondemand::json_type::null) continue;
            if (value.get_string().get(s))
                return std::string(key) == "title" ? "\"title\" is not a string"
                                                   : "\"text\" is not a string";
            (key == "title" ? doc.title : doc.text) = std::string(s);
        }
    }
    if (!has_id) return "record has no \"id\"";
    return {};
}

std::size_t read_jsonl(const SourceFile& source, const DocumentSink& sink,
                       const ProblemSink& problems) {
    GzFile f(gzopen(source.path.c_str(), "rb"));
    if (!f) {
        problems(source.path.string() + ": " + std::strerror(errno));
        return 1;
    }
    gzbuffer(f.get(), 1 << 17);
    simdjson::ondemand::parser parser;
    const std::string path_id = document_id(source.path);
    std::size_t errors = 0;
    std::string pending, line;
    std::size_t line_no = 0;
    auto handle = [&](std::string_view raw) {
        ++line_no;
        if (trim(raw).empty()) return;
        line.assign(raw);
        Document doc;
        doc.path = path_id;
        doc.type = "jsonl";
        doc.mtime = source.mtime;
        if (std::string why = parse_record(parser, line, doc); !why.empty()) {
            problems(source.path.string() + ":" + std::to_string(line_no) + ": " + why +
                     "; line skipped");
            ++errors;
            return;
        }
        repair_utf8(doc.title);
        repair_utf8(doc.text);
        sink(std::move(doc));
    };
    char buf[1 << 16];
    for (;;) {
        const int n = gzread(f.get(), buf, sizeof buf);
        if (n < 0) {
            int code = 0;
            problems(source.path.string() + ":" + std::to_string(line_no + 1) + ": " +
                     gzerror(f.get(), &code) + "; the rest of the file is skipped");
            return errors + 1;
        }
        if (n == 0) break;
        pending.append(buf, static_cast<std::size_t>(n));
        std::size_t start = 0;
        for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1)
            handle(std::string_view(pending).substr(start, nl - start));
        pending.erase(0, start);
    }
    if (!pending.empty()) handle(pending);
    return errors;
}

/// Where to end a part of @p block (raw bytes) so no paragraph, line, word or UTF-8 sequence
/// is cut: after the last blank line in its second half, else the last line break there, else
/// the last space, else before a UTF-8 lead byte.
std::size_t part_end(std::string_view block) {
    const std::size_t half = block.size() / 2;
    if (const auto p = block.rfind("\n\n"); p != std::string_view::npos && p >= half) return p + 2;
    if (const auto p = block.rfind('\n'); p != std::string_view::npos && p >= half) return p + 1;
    if (const auto p = block.rfind(' '); p != std::string_view::npos && p >= half) return p + 1;
    std::size_t n = block.size();
    while (n > 0 && (static_cast<unsigned char>(block[n - 1]) & 0xC0) == 0x80)
        --n;
    // n - 1 is now a lead byte (or ASCII): cut before a lead byte whose sequence is incomplete.
    if (n > 0 && (static_cast<unsigned char>(block[n - 1]) & 0xC0) == 0xC0) --n;
    return n > 0 ? n : block.size();
}

/// read_source() for a plain-text file larger than @p part_bytes: see read.hpp.
std::size_t read_text_parts(const SourceFile& source, const DocumentSink& sink,
                            const ProblemSink& problems, std::size_t part_bytes) {
    const std::string name = source.path.string();
    std::FILE* f = std::fopen(source.path.c_str(), "rb");
    if (f == nullptr) {
        problems(name + ": " + std::strerror(errno));
        return 1;
    }
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f, &std::fclose);
    Document pending;  // held back one part, so the last one can be marked
    bool have_pending = false, warned = false, any_text = false;
    std::string carry, block;
    std::uint64_t raw_offset = 0, text_offset = 0;
    std::uint32_t part = 0;
    std::string title;
    for (bool eof = false; !eof;) {
        block = std::move(carry);
        carry.clear();
        const std::size_t want = part_bytes > block.size() ? part_bytes - block.size() : 0;
        const std::size_t old = block.size();
        block.resize(old + want);
        const std::size_t got = std::fread(block.data() + old, 1, want, f);
        block.resize(old + got);
        if (got < want) {
            if (std::ferror(f)) {
                problems(name + ": read error at byte " + std::to_string(raw_offset + old + got) +
                         ": " + std::strerror(errno));
                return 1;
            }
            eof = true;
        }
        if (block.empty()) break;
        if (!eof) {
            const std::size_t end = part_end(block);
            carry.assign(block, end, std::string::npos);
            block.resize(end);
        }
        if (part == 0) {
            if (looks_binary(block)) {
                problems(name + ": skipped: binary file");
                return 1;
            }
        }
        DecodedText decoded = decode_text(block);
        if (part == 0 && decoded.encoding.rfind("UTF-16", 0) == 0) {
            problems(name + ": skipped: a " + decoded.encoding + " file of " +
                     std::to_string(source.size / 1000000) +
                     " MB is too large to read at once; convert it to UTF-8");
            return 1;
        }
        if (decoded.first_invalid != std::string::npos && !warned) {
            problems(name + ": warning: invalid " + decoded.encoding + " at byte " +
                     std::to_string(raw_offset + decoded.first_invalid) + "; replaced by U+FFFD");
            warned = true;
        }
        raw_offset += block.size();
        if (part == 0) title = title_of(decoded.text, "txt");
        any_text = any_text || decoded.text.find_first_not_of(" \t\r\n") != std::string::npos;
        if (have_pending) {
            pending.last_part = false;
            sink(std::move(pending));
        }
        pending = Document{};
        pending.id = document_id(source.path);
        pending.path = pending.id;
        pending.type = source.type;
        pending.mtime = source.mtime;
        pending.title = title;
        pending.part = part++;
        pending.offset = text_offset;
        text_offset += decoded.text.size();
        pending.text = std::move(decoded.text);
        have_pending = true;
    }
    if (!any_text) problems(name + ": warning: no text");
    if (have_pending) {
        pending.last_part = true;
        sink(std::move(pending));
    }
    return 0;
}

}  // namespace

std::string document_id(const fs::path& path) {
    return path.lexically_normal().generic_string();
}

std::string title_of(std::string_view text, std::string_view type) {
    std::size_t start = 0;
    std::string_view first_line;
    while (start < text.size()) {
        auto nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = trim(text.substr(start, nl - start));
        start = nl + 1;
        if (line.empty()) continue;
        if (type == "md") {
            if (line.front() == '#') {
                line.remove_prefix(line.find_first_not_of('#') == std::string_view::npos
                                       ? line.size()
                                       : line.find_first_not_of('#'));
                return cut_utf8(trim(line), MAX_TITLE_BYTES);
            }
        }
        if (first_line.empty()) first_line = line;
        if (type != "md") break;
    }
    return cut_utf8(first_line, MAX_TITLE_BYTES);
}

std::size_t read_source(const SourceFile& source, const DocumentSink& sink,
                        const ProblemSink& problems, std::size_t part_bytes) {
    if (source.type == "txt" && part_bytes > 0 && source.size > part_bytes)
        return read_text_parts(source, sink, problems, part_bytes);
    return read_source(source, sink, problems);
}

std::size_t read_source(const SourceFile& source, const DocumentSink& sink,
                        const ProblemSink& problems) {
    if (source.type == "jsonl") return read_jsonl(source, sink, problems);
    const std::string name = source.path.string();
    std::string bytes;
    if (std::string err = read_all(source.path, bytes); !err.empty()) {
        problems(name + ": " + err);
        return 1;
    }
    Document doc;
    doc.id = document_id(source.path);
    doc.path = doc.id;
    doc.type = source.type;
    doc.mtime = source.mtime;
    try {
        if (source.type == "pdf") {
            Extracted e = pdf_to_text(bytes);
            doc.text = std::move(e.text);
            doc.title = e.title.empty() ? title_of(doc.text, "txt") : std::move(e.title);
            doc.page_starts = std::move(e.page_starts);
        } else {
            if (looks_binary(bytes)) {
                problems(name + ": skipped: binary file");
                return 1;
            }
            DecodedText decoded = decode_text(bytes);
            bytes.clear();
            if (decoded.first_invalid != std::string::npos) {
                problems(name + ": warning: invalid " + decoded.encoding + " at byte " +
                         std::to_string(decoded.first_invalid) + "; replaced by U+FFFD");
            }
            if (source.type == "html") {
                Extracted e = html_to_text(decoded.text);
                doc.text = std::move(e.text);
                doc.title = e.title.empty() ? title_of(doc.text, "txt")
                                            : cut_utf8(e.title, MAX_TITLE_BYTES);
            } else if (source.type == "md") {
                Extracted e = markdown_to_text(decoded.text);
                doc.title =
                    e.title.empty() ? title_of(e.text, "txt") : cut_utf8(e.title, MAX_TITLE_BYTES);
                doc.text = std::move(e.text);
            } else {
                doc.text = std::move(decoded.text);
                doc.title = title_of(doc.text, "txt");
            }
        }
    } catch (const CorpusError& e) {
        problems(name + ": " + e.what());
        return 1;
    }
    if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        problems(name + ": warning: no text");
    }
    sink(std::move(doc));
    return 0;
}

}  // namespace steppe
