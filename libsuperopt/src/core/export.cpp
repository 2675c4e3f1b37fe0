// GNU-as kernel files.
#include "superopt/core/export.hpp"

namespace superopt {

std::string exportKernel(const Program& p, const std::string& symbol, const std::string& comment) {
    // Labels get the symbol as a prefix so that several kernels can share a file.
    Program q = afterPushes(p, static_cast<int>(p.calleeSaved().size()));
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

} // namespace superopt
