// Fuzz target: the index metadata reader. The input is split at NUL bytes into the schema
// version, the analyser settings (JSON) and the language list, which are written into an
// in-memory Xapian database and read back with read_index_info. An IndexError is an answer;
// anything else thrown, or a crash, is a bug. AnalyzerSettings::from_json and split_list are
// also run on the whole input.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "steppe/common/analyzer.hpp"
#include "steppe/common/error.hpp"
#include "steppe/common/schema.hpp"
#include "steppe/internal/xapian_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string all(reinterpret_cast<const char*>(data), size);
    try {
        const auto settings = steppe::AnalyzerSettings::from_json(all);
        // What from_json accepts, to_json writes back to the same settings.
        STEPPE_FUZZ_CHECK(steppe::AnalyzerSettings::from_json(settings.to_json()) == settings);
    } catch (const steppe::Error&) {
    }
    for (const auto& item : steppe::internal::split_list(all))
        STEPPE_FUZZ_CHECK(!item.empty() && item.find(',') == std::string::npos);

    steppe::fuzz::Input in(data, size);
    const std::string version(in.until('\0'));
    const std::string analyzer(in.until('\0'));
    const std::string languages(in.rest());
    // The in-memory backend is deprecated in Xapian 1.4, but it is the one without disk I/O.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    Xapian::WritableDatabase db = Xapian::InMemory::open();
#pragma GCC diagnostic pop
    // Xapian refuses empty metadata keys only; empty values delete, as in a real index.
    db.set_metadata(std::string(steppe::schema::META_SCHEMA_VERSION), version);
    db.set_metadata(std::string(steppe::schema::META_ANALYZER), analyzer);
    db.set_metadata(std::string(steppe::schema::META_LANGUAGES), languages);
    try {
        const auto info = steppe::internal::read_index_info(db, "fuzz-index");
        STEPPE_FUZZ_CHECK(info.schema_version == steppe::schema::VERSION);
    } catch (const steppe::IndexError& e) {
        STEPPE_FUZZ_CHECK(std::string(e.what()).find("fuzz-index") != std::string::npos);
    }
    return 0;
}
