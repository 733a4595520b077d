#include "steppe/searcher/query.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "steppe/common/error.hpp"
#include "steppe/common/language.hpp"

namespace steppe {

namespace {

using Kind = QueryNode::Kind;

constexpr std::array<std::string_view, 5> FIELDS = {"title", "path", "lang", "type", "modified"};
constexpr std::array<std::string_view, 5> TYPES = {"txt", "md", "html", "pdf", "jsonl"};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// One lexical item of the query.
struct Lex {
    enum class Type { Chunk, Quoted, Open, Close, And, Or, Not, Near };
    Type type = Type::Chunk;
    std::string_view text;     ///< Chunk: its bytes; Quoted: the bytes between the quotes.
    std::size_t begin = 0;     ///< First byte (the sign, when there is one).
    std::size_t end = 0;       ///< One past the last byte.
    std::size_t at = 0;        ///< Byte offset of `text` in the query.
    char sign = 0;             ///< '+', '-' or 0.
    std::string_view field;    ///< Quoted: the field written before it (`title:"..."`).
    std::size_t near_gap = 0;  ///< Near: words allowed between.
};

QueryNode make(Kind kind, std::vector<QueryNode> children = {}) {
    QueryNode n;
    n.kind = kind;
    n.children = std::move(children);
    // The children need not be in text order (a filter written first joins the query after
    // it), so the node spans from the first byte of any child to the last.
    if (!n.children.empty()) n.source = n.children.front().source;
    for (const auto& c : n.children) {
        n.source.begin = std::min(n.source.begin, c.source.begin);
        n.source.end = std::max(n.source.end, c.source.end);
    }
    return n;
}

/// Joins @p nodes with @p kind (And or Or), flattening nested nodes of the same kind and
/// dropping empty ones. One node is returned as it is.
QueryNode join(Kind kind, std::vector<QueryNode> nodes) {
    std::vector<QueryNode> kept;
    for (auto& n : nodes) {
        if (n.kind == Kind::Empty) continue;
        if (n.kind == kind) {
            for (auto& c : n.children)
                kept.push_back(std::move(c));
        } else {
            kept.push_back(std::move(n));
        }
    }
    if (kept.empty()) return {};
    if (kept.size() == 1) return std::move(kept[0]);
    return make(kind, std::move(kept));
}

QueryNode binary(Kind kind, QueryNode a, QueryNode b) {
    if (b.kind == Kind::Empty) return a;
    if (a.kind == Kind::Empty) {
        if (kind != Kind::AndNot) return b;
        a = make(Kind::MatchAll);
        a.source = {b.source.begin, b.source.begin};
    }
    return make(kind, {std::move(a), std::move(b)});
}

/// The field a filter node restricts ("" for nodes that are not filters).
std::string filter_field(const QueryNode& n) {
    if (n.kind == Kind::Field || n.kind == Kind::Range) return n.field;
    if (n.kind == Kind::And && !n.children.empty()) {
        const std::string f = filter_field(n.children[0]);
        for (const auto& c : n.children) {
            if (filter_field(c) != f) return {};
        }
        return f;
    }
    return {};
}

/// Seconds at the start of a date written YYYY, YYYY-MM or YYYY-MM-DD, and at the start of
/// the period after it; nullopt when @p s is not such a date.
std::optional<std::pair<std::int64_t, std::int64_t>> parse_date(std::string_view s) {
    auto number = [](std::string_view d, int& out) {
        if (d.empty()) return false;
        out = 0;
        for (const char c : d) {
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        return true;
    };
    int year = 0, month = 0, day = 0;
    if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
    if (!number(s.substr(0, 4), year)) return std::nullopt;
    if (s.size() == 4)
        return std::pair{days_to_seconds(year, 1, 1), days_to_seconds(year + 1, 1, 1)};
    if (s[4] != '-' || !number(s.substr(5, 2), month) || month < 1 || month > 12)
        return std::nullopt;
    const auto m = static_cast<unsigned>(month);
    const std::int64_t next_month =
        m == 12 ? days_to_seconds(year + 1, 1, 1) : days_to_seconds(year, m + 1, 1);
    if (s.size() == 7) return std::pair{days_to_seconds(year, m, 1), next_month};
    if (s[7] != '-' || !number(s.substr(8, 2), day) || day < 1) return std::nullopt;
    const std::int64_t start = days_to_seconds(year, m, static_cast<unsigned>(day));
    if (start >= next_month) return std::nullopt;  // 2024-02-30
    return std::pair{start, start + 86400};
}

class Parser {
public:
    Parser(std::string_view query, Analyzer& analyzer) : q_(query), analyzer_(analyzer) {}

    QueryNode parse() {
        lex();
        QueryNode n = sequence(false);
        if (pos_ < items_.size()) fail("unbalanced parenthesis", items_[pos_].begin);
        return n;
    }

private:
    enum class Occur { Should, Must, MustNot };

    std::string_view q_;
    Analyzer& analyzer_;
    std::vector<Lex> items_;
    std::size_t pos_ = 0;
    std::size_t depth_ = 0;  ///< Groups open at the current position.
    static constexpr std::size_t MAX_GROUP_DEPTH = 32;

    [[nodiscard]] std::size_t column(std::size_t byte) const {
        std::size_t col = 1;
        for (std::size_t i = 0; i < byte && i < q_.size(); ++i) {
            if ((static_cast<unsigned char>(q_[i]) & 0xC0) != 0x80) ++col;
        }
        return col;
    }

    [[noreturn]] void fail(const std::string& what, std::size_t byte) const {
        const std::size_t col = column(byte);
        throw QueryError(what + " at column " + std::to_string(col), col);
    }

    static std::string_view name(Lex::Type t) {
        switch (t) {
            case Lex::Type::And:
                return "AND";
            case Lex::Type::Or:
                return "OR";
            case Lex::Type::Not:
                return "NOT";
            case Lex::Type::Near:
                return "NEAR";
            default:
                return "?";
        }
    }

    void lex() {
        std::size_t i = 0;
        while (i < q_.size()) {
            if (is_space(q_[i])) {
                ++i;
                continue;
            }
            Lex l;
            l.begin = i;
            // A sign only counts when something follows it directly: "a - b" has none.
            if ((q_[i] == '+' || q_[i] == '-') && i + 1 < q_.size() && !is_space(q_[i + 1]) &&
                q_[i + 1] != ')' && q_[i + 1] != '+' && q_[i + 1] != '-') {
                l.sign = q_[i];
                ++i;
            }
            const char c = q_[i];
            if (c == '(' || c == ')') {
                l.type = c == '(' ? Lex::Type::Open : Lex::Type::Close;
                l.at = i;
                l.end = ++i;
                items_.push_back(l);
                continue;
            }
            if (c == '"') {
                i = quoted(l, i);
                items_.push_back(l);
                continue;
            }
            std::size_t e = i;
            while (e < q_.size() && !is_space(q_[e]) && q_[e] != '(' && q_[e] != ')' &&
                   q_[e] != '"')
                ++e;
            l.text = q_.substr(i, e - i);
            l.at = i;
            l.end = e;
            // `title:"two words"`: a known field right before a quote takes the quoted text.
            if (e < q_.size() && q_[e] == '"' && l.text.size() > 1 && l.text.back() == ':' &&
                std::find(FIELDS.begin(), FIELDS.end(),
                          lower_ascii(l.text.substr(0, l.text.size() - 1))) != FIELDS.end()) {
                l.field = l.text.substr(0, l.text.size() - 1);
                i = quoted(l, e);
                items_.push_back(l);
                continue;
            }
            if (l.sign == 0) {
                if (l.text == "AND") l.type = Lex::Type::And;
                if (l.text == "OR") l.type = Lex::Type::Or;
                if (l.text == "NOT") l.type = Lex::Type::Not;
                if (l.text == "NEAR") {
                    l.type = Lex::Type::Near;
                    l.near_gap = NEAR_DEFAULT_GAP;
                } else if (l.text.rfind("NEAR/", 0) == 0) {
                    l.type = Lex::Type::Near;
                    const auto digits = l.text.substr(5);
                    if (digits.empty() || digits.size() > 4 ||
                        !std::all_of(digits.begin(), digits.end(),
                                     [](char d) { return d >= '0' && d <= '9'; }))
                        fail("NEAR/ needs a number of words (NEAR/3)", i + 5);
                    l.near_gap = static_cast<std::size_t>(std::stoul(std::string(digits)));
                }
            }
            items_.push_back(l);
            i = e;
        }
    }

    /// Reads the quoted text starting at the quote @p quote into @p l; returns the byte after
    /// the closing quote.
    std::size_t quoted(Lex& l, std::size_t quote) {
        const auto close = q_.find('"', quote + 1);
        if (close == std::string_view::npos) fail("unbalanced quote", quote);
        l.type = Lex::Type::Quoted;
        l.at = quote + 1;
        l.text = q_.substr(quote + 1, close - quote - 1);
        l.end = close + 1;
        return close + 1;
    }

    [[nodiscard]] bool at_end() const { return pos_ >= items_.size(); }
    [[nodiscard]] bool next_is(Lex::Type t) const { return !at_end() && items_[pos_].type == t; }
    [[nodiscard]] bool next_is_operand() const {
        return !at_end() &&
               (items_[pos_].type == Lex::Type::Chunk || items_[pos_].type == Lex::Type::Quoted ||
                items_[pos_].type == Lex::Type::Open);
    }

    void need_operand(const Lex& op) const {
        if (!next_is_operand())
            fail(std::string(name(op.type)) + " has nothing on its right", op.begin);
    }

    /// Clauses joined by OR or by juxtaposition, up to a closing parenthesis or the end.
    QueryNode sequence(bool in_group) {
        std::vector<std::pair<QueryNode, Occur>> clauses;
        while (!at_end()) {
            const Lex& l = items_[pos_];
            if (l.type == Lex::Type::Close) {
                if (in_group) break;
                fail("unbalanced parenthesis", l.begin);
            }
            if (l.type == Lex::Type::Or) {
                if (clauses.empty()) fail("OR has nothing on its left", l.begin);
                ++pos_;
                need_operand(l);
                // An explicit OR joins its neighbours, so a field next to it is an
                // alternative (`court OR title:x`), not a filter.
                // A signed neighbour (`-a OR b`, `a OR +b`) keeps its sign: OR then reads as
                // a plain space.
                auto [right, sign] = and_chain();
                const Occur occur = occur_of(sign);
                if (clauses.back().second != Occur::Should || occur != Occur::Should) {
                    clauses.emplace_back(std::move(right), occur);
                    continue;
                }
                QueryNode left = std::move(clauses.back().first);
                clauses.pop_back();
                clauses.emplace_back(join(Kind::Or, {std::move(left), std::move(right)}),
                                     Occur::Should);
                continue;
            }
            if (l.type == Lex::Type::And || l.type == Lex::Type::Near)
                fail(std::string(name(l.type)) + " has nothing on its left", l.begin);
            if (l.type == Lex::Type::Not) {
                ++pos_;
                need_operand(l);
                clauses.emplace_back(and_chain().first, Occur::MustNot);
                continue;
            }
            auto [node, sign] = and_chain();
            clauses.emplace_back(std::move(node), occur_of(sign));
        }
        return assemble(std::move(clauses));
    }

    static Occur occur_of(char sign) {
        return sign == '+' ? Occur::Must : sign == '-' ? Occur::MustNot : Occur::Should;
    }

    /// Required words AND-ed, optional ones adding to the score, filters grouped by field (OR
    /// within one field, AND across fields), exclusions taken away.
    static QueryNode assemble(std::vector<std::pair<QueryNode, Occur>> clauses) {
        std::vector<QueryNode> must, should, must_not;
        std::map<std::string, std::vector<QueryNode>> filters;
        std::vector<std::string> filter_order;
        for (auto& [node, occur] : clauses) {
            if (node.kind == Kind::Empty) continue;
            const std::string field = filter_field(node);
            if (occur != Occur::MustNot && !field.empty()) {
                if (filters[field].empty()) filter_order.push_back(field);
                filters[field].push_back(std::move(node));
            } else if (occur == Occur::Must) {
                must.push_back(std::move(node));
            } else if (occur == Occur::MustNot) {
                must_not.push_back(std::move(node));
            } else {
                should.push_back(std::move(node));
            }
        }
        QueryNode ranked;
        if (!must.empty()) {
            ranked = join(Kind::And, std::move(must));
            if (!should.empty())
                ranked =
                    binary(Kind::AndMaybe, std::move(ranked), join(Kind::Or, std::move(should)));
        } else if (!should.empty()) {
            ranked = join(Kind::Or, std::move(should));
        }
        if (!filter_order.empty()) {
            std::vector<QueryNode> groups;
            for (const auto& f : filter_order)
                groups.push_back(join(Kind::Or, std::move(filters[f])));
            QueryNode filter = join(Kind::And, std::move(groups));
            if (ranked.kind == Kind::Empty) {
                ranked = make(Kind::MatchAll);
                ranked.source = {filter.source.begin, filter.source.begin};
            }
            ranked = binary(Kind::Filter, std::move(ranked), std::move(filter));
        }
        if (!must_not.empty())
            ranked = binary(Kind::AndNot, std::move(ranked), join(Kind::Or, std::move(must_not)));
        return ranked;
    }

    /// Operands joined by AND, NOT and AND NOT (left to right). Returns the sign of a lone
    /// operand, which the enclosing sequence turns into required or excluded.
    std::pair<QueryNode, char> and_chain() {
        auto [node, sign] = near_chain();
        bool chained = false;
        while (next_is(Lex::Type::And) || next_is(Lex::Type::Not)) {
            const Lex& op = items_[pos_];
            ++pos_;
            bool negate = op.type == Lex::Type::Not;
            if (!negate && next_is(Lex::Type::Not)) {
                ++pos_;
                negate = true;
            }
            need_operand(op);
            if (!chained && sign == '-') {
                QueryNode all = make(Kind::MatchAll);
                node = binary(Kind::AndNot, std::move(all), std::move(node));
            }
            chained = true;
            auto [rhs, rsign] = near_chain();
            if (rsign == '-') negate = !negate;
            node = negate ? binary(Kind::AndNot, std::move(node), std::move(rhs))
                          : join(Kind::And, {std::move(node), std::move(rhs)});
        }
        return {std::move(node), chained ? char{0} : sign};
    }

    /// Words joined by NEAR or NEAR/n.
    std::pair<QueryNode, char> near_chain() {
        const std::size_t first_at = at_end() ? q_.size() : items_[pos_].begin;
        auto [node, sign] = primary();
        if (!next_is(Lex::Type::Near)) return {std::move(node), sign};
        QueryNode near;
        near.kind = Kind::Near;
        std::size_t gap = 0;
        auto take = [&](QueryNode& n, std::size_t at) {
            if (n.kind != Kind::Word && n.kind != Kind::Phrase) fail("NEAR joins words only", at);
            for (auto& t : n.tokens)
                near.tokens.push_back(std::move(t));
        };
        take(node, first_at);
        while (next_is(Lex::Type::Near)) {
            const Lex& op = items_[pos_];
            ++pos_;
            gap = std::max(gap, op.near_gap);
            need_operand(op);
            const std::size_t at = items_[pos_].begin;
            auto rhs = primary().first;
            take(rhs, at);
        }
        near.window = gap + near.tokens.size();
        near.source = {first_at, items_[pos_ - 1].end};
        return {std::move(near), sign};
    }

    std::pair<QueryNode, char> primary() {
        if (at_end()) fail("the query ends too early", q_.size());
        const Lex l = items_[pos_];
        ++pos_;
        switch (l.type) {
            case Lex::Type::Open: {
                // Each group recurses; a bound keeps a hostile query from exhausting the stack.
                if (depth_ == MAX_GROUP_DEPTH) {
                    fail(
                        "parentheses nested more than " + std::to_string(MAX_GROUP_DEPTH) + " deep",
                        l.at);
                }
                ++depth_;
                QueryNode n = sequence(true);
                --depth_;
                if (!next_is(Lex::Type::Close)) fail("unbalanced parenthesis", l.at);
                ++pos_;
                if (n.kind != Kind::Empty) n.source = {l.begin, items_[pos_ - 1].end};
                return {std::move(n), l.sign};
            }
            case Lex::Type::Quoted:
                if (!l.field.empty()) return {field(lower_ascii(l.field), l.text, l.at, l), l.sign};
                return {words(l.text, l.at, true), l.sign};
            case Lex::Type::Chunk:
                return {chunk(l), l.sign};
            default:
                fail(std::string("unexpected ") + std::string(name(l.type)), l.begin);
        }
    }

    QueryNode chunk(const Lex& l) {
        const auto colon = l.text.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            const std::string f = lower_ascii(l.text.substr(0, colon));
            if (std::find(FIELDS.begin(), FIELDS.end(), f) != FIELDS.end())
                return field(f, l.text.substr(colon + 1), l.at + colon + 1, l);
        }
        if (l.text.size() > 1 && l.text.back() == '*') {
            std::string_view prefix = l.text;
            while (!prefix.empty() && prefix.back() == '*')
                prefix.remove_suffix(1);
            auto tokens = analyzer_.tokenize(prefix);
            if (tokens.empty()) fail("a wildcard needs letters before *", l.at);
            if (tokens.size() == 1 && tokens[0].end == prefix.size()) {
                QueryNode n;
                n.kind = Kind::Wildcard;
                n.text = tokens[0].term;
                n.source = {l.at + tokens[0].begin, l.end};
                return n;
            }
            return words(prefix, l.at, false);
        }
        if (l.text == "*") fail("a wildcard needs letters before *", l.at);
        return words(l.text, l.at, false);
    }

    /// The words of @p text (at byte @p at of the query): one word, or a phrase when the
    /// analyser finds several (a quoted phrase, "e-mail", a run of Chinese).
    QueryNode words(std::string_view text, std::size_t at, bool quoted) {
        QueryNode n;
        n.tokens = analyzer_.tokenize(text);
        if (n.tokens.empty()) return n;
        for (auto& t : n.tokens) {
            t.begin += at;
            t.end += at;
        }
        n.kind = (n.tokens.size() == 1 && !quoted) ? Kind::Word : Kind::Phrase;
        n.source = {n.tokens.front().begin, n.tokens.back().end};
        return n;
    }

    QueryNode field(const std::string& name, std::string_view value, std::size_t at, const Lex& l) {
        const std::size_t name_at = l.sign ? l.begin + 1 : l.begin;
        if (value.empty()) fail(name + ": needs a value", name_at);
        QueryNode n;
        n.kind = Kind::Field;
        n.field = name;
        n.source = {name_at, l.end};
        if (name == "title") {
            auto tokens = analyzer_.tokenize(value);
            if (tokens.empty()) fail("title: needs a word", at);
            std::vector<QueryNode> parts;
            for (auto& t : tokens) {
                QueryNode p = n;
                p.text = t.term;
                parts.push_back(std::move(p));
            }
            QueryNode all = join(Kind::And, std::move(parts));
            all.source = n.source;
            return all;
        }
        if (name == "path") {
            std::string_view p = value;
            while (p.rfind("./", 0) == 0)
                p.remove_prefix(2);
            while (!p.empty() && p.front() == '/')
                p.remove_prefix(1);
            while (!p.empty() && p.back() == '/')
                p.remove_suffix(1);
            if (p.empty()) fail("path: needs a folder or file name", at);
            n.text = std::string(p);
            return n;
        }
        if (name == "lang" || name == "type") {
            n.text = lower_ascii(value);
            // lang:iw, lang:zh-Hant, lang:NO name the codes the indexer stores (he, zh, nb).
            if (name == "lang") {
                if (const auto code = canonical_language_code(n.text); !code.empty()) n.text = code;
            }
            if (name == "type" && std::find(TYPES.begin(), TYPES.end(), n.text) == TYPES.end())
                fail("unknown type '" + std::string(value) + "' (txt, md, html, pdf, jsonl)", at);
            return n;
        }
        // modified:FROM..TO, FROM.., ..TO or a single period.
        n.kind = Kind::Range;
        const auto dots = value.find("..");
        auto date = [&](std::string_view d, std::size_t d_at) {
            const auto parsed = parse_date(d);
            if (!parsed)
                fail("bad date '" + std::string(d) + "' (use YYYY, YYYY-MM or YYYY-MM-DD)", d_at);
            return *parsed;
        };
        if (dots == std::string_view::npos) {
            const auto [b, e] = date(value, at);
            n.from = b;
            n.to = e - 1;
        } else {
            const auto left = value.substr(0, dots);
            const auto right = value.substr(dots + 2);
            if (left.empty() && right.empty())
                fail("modified: needs a date before or after ..", at);
            if (!left.empty()) n.from = date(left, at).first;
            if (!right.empty()) n.to = date(right, at + dots + 2).second - 1;
            if (n.from && n.to && *n.from > *n.to)
                fail("modified: range ends before it starts", at);
        }
        return n;
    }
};

void describe_to(const QueryNode& n, std::string& out) {
    auto terms = [&](const char* sep) {
        for (std::size_t i = 0; i < n.tokens.size(); ++i)
            out += (i ? sep : "") + n.tokens[i].term;
    };
    auto list = [&](const char* head) {
        out += "(";
        out += head;
        for (const auto& c : n.children) {
            out += ' ';
            describe_to(c, out);
        }
        out += ")";
    };
    switch (n.kind) {
        case Kind::Empty:
            out += "(EMPTY)";
            break;
        case Kind::MatchAll:
            out += "(ALL)";
            break;
        case Kind::Word:
            terms(" ");
            break;
        case Kind::Phrase:
            out += "\"";
            terms(" ");
            out += "\"";
            break;
        case Kind::Near:
            out += "(NEAR/" + std::to_string(n.window) + " ";
            terms(" ");
            out += ")";
            break;
        case Kind::Wildcard:
            out += n.text + "*";
            break;
        case Kind::Field:
            out += n.field + ":" + n.text;
            break;
        case Kind::Range:
            out += "(RANGE " + (n.from ? std::to_string(*n.from) : std::string("..")) + " " +
                   (n.to ? std::to_string(*n.to) : std::string("..")) + ")";
            break;
        case Kind::And:
            list("AND");
            break;
        case Kind::Or:
            list("OR");
            break;
        case Kind::AndNot:
            list("AND_NOT");
            break;
        case Kind::AndMaybe:
            list("AND_MAYBE");
            break;
        case Kind::Filter:
            list("FILTER");
            break;
    }
}

void leaves_of(const QueryNode& n, std::vector<const QueryNode*>& out) {
    switch (n.kind) {
        case Kind::Word:
        case Kind::Phrase:
        case Kind::Near:
        case Kind::Wildcard:
            out.push_back(&n);
            break;
        case Kind::AndNot:
        case Kind::Filter:
            if (!n.children.empty()) leaves_of(n.children[0], out);
            break;
        default:
            for (const auto& c : n.children)
                leaves_of(c, out);
    }
}

}  // namespace

std::int64_t days_to_seconds(int year, unsigned month, unsigned day) {
    // Howard Hinnant's days_from_civil.
    year -= month <= 2 ? 1 : 0;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = std::int64_t{era} * 146097 + std::int64_t{doe} - 719468;
    return days * 86400;
}

QueryNode parse_query(std::string_view query, Analyzer& analyzer) {
    return Parser(query, analyzer).parse();
}

QueryNode plain_query(std::string_view text, Analyzer& analyzer) {
    QueryNode root;
    root.kind = Kind::Or;
    root.source = {0, text.size()};
    for (Token& t : analyzer.tokenize(text)) {
        QueryNode word;
        word.kind = Kind::Word;
        word.source = {t.begin, t.end};
        word.tokens.push_back(std::move(t));
        root.children.push_back(std::move(word));
    }
    if (root.children.empty()) return QueryNode{};
    if (root.children.size() == 1) return std::move(root.children.front());
    return root;
}

std::string describe(const QueryNode& node) {
    std::string out;
    describe_to(node, out);
    return out;
}

std::vector<const QueryNode*> positive_leaves(const QueryNode& node) {
    std::vector<const QueryNode*> out;
    leaves_of(node, out);
    return out;
}

}  // namespace steppe
