// GNU-as kernel files and atomic file writes.
#include "superopt/export.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace superopt {

std::string exportKernel(const Program& p, const std::string& symbol, const std::string& comment) {
    // Labels get the symbol as a prefix so that several kernels can share a file.
    Program q = p;
    for (auto& name : q.labelNames) {
        std::string base = name;
        while (!base.empty() && base.front() == '.') base.erase(0, 1);
        name = ".L" + symbol + "_" + base;
    }
    std::string saves, restores;
    for (int r : q.calleeSaved()) {
        saves += "\tpush\t%" + std::string(kRegisterNames64[r]) + "\n";
        restores = "\tpop\t%" + std::string(kRegisterNames64[r]) + "\n" + restores;
    }
    std::string s;
    if (!comment.empty()) s += "# " + comment + "\n";
    s += "\t.text\n\t.globl\t" + symbol + "\n\t.type\t" + symbol + ", @function\n\t.p2align 6\n";
    s += symbol + ":\n" + saves;
    for (const auto& in : q.code) {
        std::string line = toString(in, q);
        s += in.op == Op::Label ? line + "\n" : "\t" + line + "\n";
    }
    s += restores + "\tret\n\t.size\t" + symbol + ", .-" + symbol + "\n";
    s += "\t.section\t.note.GNU-stack,\"\",@progbits\n";
    return s;
}

void checkWritable(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    const std::string dir = parent.empty() ? "." : parent.string();
    if (::access(dir.c_str(), W_OK) != 0)
        throw std::runtime_error(path + ": cannot write (" + dir + ": " + std::strerror(errno) +
                                 ")");
}

void writeFileAtomic(const std::string& path, const std::string& content) {
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error(path + ": cannot write (" + std::strerror(errno) + ")");
        out << content;
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
