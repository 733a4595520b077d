// Fuzz target: JSON Lines through read_source, as the indexer reads them, from a file in the
// temp folder (one per process). Every record is either a document with an id and valid
// UTF-8 text, or a problem naming the file and line.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_support.hpp"
#include "steppe/corpus/read.hpp"
#include "steppe/corpus/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("steppe-fuzz-" + std::to_string(::getpid()) + ".jsonl");
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    steppe::SourceFile source;
    source.path = path;
    source.type = "jsonl";
    source.size = size;
    std::size_t reported = 0;
    const auto problems = steppe::read_source(
        source,
        [](steppe::Document&& doc) {
            STEPPE_FUZZ_CHECK(!doc.id.empty());
            STEPPE_FUZZ_CHECK(steppe::is_valid_utf8(doc.text));
        },
        [&](const std::string& problem) {
            STEPPE_FUZZ_CHECK(problem.find(path.string()) != std::string::npos);
            ++reported;
        });
    STEPPE_FUZZ_CHECK(problems == reported);
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return 0;
}
