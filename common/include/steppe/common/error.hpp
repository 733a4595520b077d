#pragma once
/// @file
/// The exception hierarchy of steppe. Every error that crosses a module boundary derives from
/// steppe::Error, which is a std::runtime_error (unlike Xapian::Error, which is caught and
/// translated at the boundary of each module that calls Xapian).

#include <stdexcept>
#include <string>

namespace steppe {

/// Base of every steppe exception.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// An index could not be opened, locked, read or written, is corrupt, or has a schema this
/// build does not know.
class IndexError : public Error {
public:
    using Error::Error;
};

/// Another writer holds the index's lock.
class IndexLockedError : public IndexError {
public:
    using IndexError::IndexError;
};

/// A query could not be parsed or is empty. `column` is the 1-based column of the problem in
/// the query text (counted in Unicode code points), or 0 when it has none.
class QueryError : public Error {
public:
    explicit QueryError(const std::string& what, std::size_t column = 0)
        : Error(what), column_(column) {}
    [[nodiscard]] std::size_t column() const noexcept { return column_; }

private:
    std::size_t column_;
};

/// An input document could not be read or decoded.
class CorpusError : public Error {
public:
    using Error::Error;
};

/// The command line was wrong (CLI only).
class UsageError : public Error {
public:
    using Error::Error;
};

}  // namespace steppe
