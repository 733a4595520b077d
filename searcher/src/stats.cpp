#include "steppe/searcher/stats.hpp"

#include <iomanip>
#include <optional>
#include <sstream>

#include <xapian.h>
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "steppe/common/error.hpp"
#include "steppe/common/paths.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/common/version.hpp"
#include "steppe/internal/files.hpp"
#include "steppe/internal/options.hpp"
#include "steppe/internal/xapian_util.hpp"

namespace steppe {

namespace {

std::map<std::string, std::uint64_t> count_prefix(const Xapian::Database& db,
                                                  std::string_view prefix) {
    std::map<std::string, std::uint64_t> out;
    for (auto t = db.allterms_begin(std::string(prefix)); t != db.allterms_end(std::string(prefix));
         ++t) {
        out[(*t).substr(prefix.size())] = t.get_termfreq();
    }
    return out;
}

}  // namespace

IndexStats index_stats(const std::filesystem::path& index_dir) {
    const std::string where = index_dir.string();
    std::error_code ec;
    if (!std::filesystem::exists(index_dir, ec))
        throw IndexError(where + ": no index here (build one with 'steppe index')");
    return internal::xapian_call(where, [&] {
        Xapian::Database db(where);
        const auto info = internal::read_index_info(db, where);
        IndexStats s;
        s.path = where;
        s.passages = db.get_doccount();
        const std::string doc_prefix(schema::PREFIX_DOC_ID);
        for (auto t = db.allterms_begin(doc_prefix); t != db.allterms_end(doc_prefix); ++t)
            ++s.documents;
        // Words are the terms without a prefix: prefixes are upper-case ASCII letters.
        for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
            const std::string& term = *t;
            if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) ++s.distinct_terms;
        }
        s.languages = count_prefix(db, schema::PREFIX_LANGUAGE);
        s.types = count_prefix(db, schema::PREFIX_TYPE);
        s.size_bytes = internal::folder_bytes(index_dir);
        s.last_update = db.get_metadata(std::string(schema::META_UPDATED));
        s.schema_version = info.schema_version;
        s.analyzer = db.get_metadata(std::string(schema::META_ANALYZER));
        s.passages_settings = db.get_metadata(std::string(schema::META_PASSAGES));
        s.writer = db.get_metadata(std::string(schema::META_WRITER));
        return s;
    });
}

}  // namespace steppe

namespace steppe::cli {

namespace po = boost::program_options;

int run_stats(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
    po::options_description visible("Options");
    visible.add_options()("help,h", "print this help and exit")(
        "index", po::value<std::string>()->value_name("DIR"),
        "index folder (default: $STEPPE_INDEX, else "
        "${XDG_DATA_HOME:-~/.local/share}/steppe/index)")("json", "print one JSON object");
    const po::variables_map vm = internal::parse_options(args, visible);
    if (vm.count("help")) {
        out << "Usage: steppe stats [--index DIR] [--json]\n"
               "What the index holds: documents, passages, words, languages, size, settings.\n\n"
            << visible;
        return 0;
    }
    std::optional<std::filesystem::path> given;
    if (vm.count("index")) given = vm["index"].as<std::string>();
    const IndexStats s = index_stats(resolve_index_path(given));
    auto parse_or_null = [](const std::string& text) {
        return nlohmann::ordered_json::parse(text, nullptr, false);
    };
    if (vm.count("json")) {
        nlohmann::ordered_json j;
        j["index"] = s.path;
        j["documents"] = s.documents;
        j["passages"] = s.passages;
        j["distinct_terms"] = s.distinct_terms;
        j["languages"] = s.languages;
        j["types"] = s.types;
        j["size_bytes"] = s.size_bytes;
        j["last_update"] = s.last_update;
        j["schema_version"] = s.schema_version;
        j["analyzer"] = parse_or_null(s.analyzer);
        j["passage_settings"] = parse_or_null(s.passages_settings);
        j["writer"] = s.writer;
        // Like every JSON steppe prints: bytes that are not UTF-8 (in a path) become U+FFFD
        // instead of an exception.
        out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        return 0;
    }
    auto join = [](const std::map<std::string, std::uint64_t>& m) {
        std::string text;
        for (const auto& [k, v] : m)
            text += (text.empty() ? "" : ", ") + k + " " + std::to_string(v);
        return text.empty() ? std::string("-") : text;
    };
    std::ostringstream size;
    size << std::fixed << std::setprecision(1) << static_cast<double>(s.size_bytes) / 1e6 << " MB";
    out << "index           " << s.path << '\n'
        << "documents       " << s.documents << '\n'
        << "passages        " << s.passages << '\n'
        << "distinct words  " << s.distinct_terms << '\n'
        << "languages       " << join(s.languages) << " (passages)\n"
        << "formats         " << join(s.types) << " (passages)\n"
        << "size on disk    " << size.str() << '\n'
        << "last update     " << (s.last_update.empty() ? "-" : s.last_update) << '\n'
        << "schema version  " << s.schema_version << '\n'
        << "analyser        " << s.analyzer << '\n'
        << "passage sizes   " << s.passages_settings << '\n'
        << "written by      " << s.writer << '\n';
    return 0;
}

}  // namespace steppe::cli
