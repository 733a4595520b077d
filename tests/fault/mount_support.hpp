#pragma once
// A small tmpfs mounted for a test (root only): to fill a disk or make a folder read-only.
// When mounting is not permitted (not root, or a container without CAP_SYS_ADMIN) the tests
// that need it say so and pass without checking anything.

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace steppe::test {

class TmpfsMount {
public:
    TmpfsMount(const std::filesystem::path& where, std::size_t bytes) : where_(where) {
        std::filesystem::create_directories(where_);
        const std::string options = "size=" + std::to_string(bytes);
        if (::mount("tmpfs", where_.c_str(), "tmpfs", 0, options.c_str()) == 0)
            mounted_ = true;
        else
            why_ = std::strerror(errno);
    }
    ~TmpfsMount() {
        if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
    }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;

    [[nodiscard]] bool mounted() const { return mounted_; }
    [[nodiscard]] const std::string& why_not() const { return why_; }
    /// Remounts read-only or read-write, with a new size.
    bool remount(bool read_only, std::size_t bytes) {
        const std::string options = "size=" + std::to_string(bytes);
        return ::mount("tmpfs", where_.c_str(), "tmpfs",
                       MS_REMOUNT | (read_only ? static_cast<unsigned long>(MS_RDONLY) : 0UL),
                       options.c_str()) == 0;
    }

private:
    std::filesystem::path where_;
    bool mounted_ = false;
    std::string why_;
};

}  // namespace steppe::test
