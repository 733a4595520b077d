// main() for tests that read ../shared (relevance collections, corpora, UDHR texts). CI has it
// beside the clone; a fresh machine does not, and then these tests say so and exit 77, which
// ctest reports as skipped.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>

int main(int argc, char* argv[]) {
    if (!std::filesystem::is_directory(STEPPE_SHARED_DIR)) {
        std::cout << "skipped: " << STEPPE_SHARED_DIR
                  << " not found (the shared data sits beside the clone in CI only)\n";
        return 77;
    }
    return Catch::Session().run(argc, argv);
}
