#pragma once
// Helpers for tests that read an index directly through Xapian (they link Xapian::Xapian).

#include <map>
#include <string>

#include <xapian.h>

namespace steppe::test {

/// The spelling data of the one database in @p index: each word and its frequency.
inline std::map<std::string, unsigned> spellings_of(const std::string& index) {
    Xapian::Database db(index);
    std::map<std::string, unsigned> words;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
        words[*it] = it.get_termfreq();
    return words;
}

}  // namespace steppe::test
