#include "steppe/common/version.hpp"

#include <unicode/uversion.h>
#include <xapian.h>

namespace steppe {

std::string version() {
    return STEPPE_VERSION;
}

std::string xapian_version() {
    return Xapian::version_string();
}

std::string icu_version() {
    UVersionInfo info;
    u_getVersion(info);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(info, text);
    return text;
}

std::string version_line() {
    return "steppe " + version() + " (Xapian " + xapian_version() + ", ICU " + icu_version() + ")";
}

}  // namespace steppe
