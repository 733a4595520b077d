#pragma once
/// @file
/// Internal to steppe's command lines (not installed): parsing a subcommand's arguments with
/// Boost.Program_options the same way everywhere.

#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "steppe/common/error.hpp"

namespace steppe::internal {

/// Parses @p args against @p visible; when @p positional_name is given, the remaining words
/// go to a hidden option of that name (a vector of strings).
/// @throws UsageError with Boost's message on anything it refuses.
inline boost::program_options::variables_map parse_options(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& visible,
    const char* positional_name = nullptr) {
    namespace po = boost::program_options;
    po::options_description all;
    all.add(visible);
    po::positional_options_description positional;
    if (positional_name != nullptr) {
        po::options_description hidden;
        hidden.add_options()(positional_name, po::value<std::vector<std::string>>(), "");
        all.add(hidden);
        positional.add(positional_name, -1);
    }
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return vm;
}

}  // namespace steppe::internal
