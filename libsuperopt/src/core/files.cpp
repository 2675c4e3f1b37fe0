// Files written whole or not at all.
#include "superopt/core/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace superopt {

void checkWritable(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    const std::string dir = parent.empty() ? "." : parent.string();
    if (::access(dir.c_str(), W_OK) != 0)
        throw std::runtime_error(path + ": cannot write (" + dir + ": " + std::strerror(errno) +
                                 ")");
}

void writeFileAtomic(const std::string& path, const std::string& content) {
    writeFileAtomic(path, [&](std::ostream& out) { out << content; });
}

void writeFileAtomic(const std::string& path, const std::function<void(std::ostream&)>& write) {
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
        write(out);
        out.flush();
        if (!out) {
            std::remove(tmp.c_str());
            throw std::runtime_error(path + ": write failed");
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        std::remove(tmp.c_str());
        throw std::runtime_error(path + ": cannot rename into place (" + std::strerror(err) + ")");
    }
}

} // namespace superopt
