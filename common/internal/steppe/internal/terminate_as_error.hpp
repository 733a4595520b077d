#pragma once
/// @file
/// Internal to steppe (not installed): a write's last line of defence, shared by the commands
/// that write an index (`steppe index`, `steppe compact`, `steppe bench`).

#include <cstdlib>
#include <exception>
#include <string>
#include <utility>

#include <unistd.h>

#include <xapian.h>

namespace steppe::internal {

/// Xapian 1.4.22's writer can throw a second exception while it recovers from a failed write
/// (a disk that fills up inside WritableDatabase::commit()), out of a function that must not
/// throw; C++ then calls std::terminate(), which would abort with a core dump. While a
/// command writes, terminate() prints steppe's error line instead and exits with status 2:
/// every commit (and a compaction's exchange of folders) is atomic, so what was committed
/// before is kept and the next run goes on from it.
class TerminateAsError {
public:
    TerminateAsError(std::string command, std::string index)
        : previous_(std::set_terminate(&TerminateAsError::handler)) {
        who() = std::move(command);
        where() = std::move(index);
    }
    ~TerminateAsError() { std::set_terminate(previous_); }
    TerminateAsError(const TerminateAsError&) = delete;
    TerminateAsError& operator=(const TerminateAsError&) = delete;

private:
    static std::string& who() {
        static std::string command;
        return command;
    }
    static std::string& where() {
        static std::string index;
        return index;
    }
    [[noreturn]] static void handler() noexcept {
        std::string what = "an unexpected failure";
        if (const std::exception_ptr e = std::current_exception()) {
            try {
                std::rethrow_exception(e);
            } catch (const Xapian::Error& x) {
                what = x.get_description();
            } catch (const std::exception& x) {
                what = x.what();
            } catch (...) {
            }
        }
        const std::string line = std::string(isatty(2) ? "\n" : "") + who() +
                                 ": error: " + where() + ": " + what +
                                 " (Xapian failed again while recovering from it; what was "
                                 "committed before is kept)\n";
        for (std::size_t done = 0; done < line.size();) {
            const ssize_t n = ::write(2, line.data() + done, line.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        std::_Exit(2);
    }
    std::terminate_handler previous_;
};

}  // namespace steppe::internal
