// Expected mispredictions of data jumps: one forward pass per length, carrying the
// share of calls that reach each instruction.
#include "superopt/search/mispredictions.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace superopt {

double expectedDataMispredictions(const Program& p, int lengthSlot, int maxLength) {
    const int size = static_cast<int>(p.code.size());
    // Called for every proposal under objective latency: the buffers stay allocated.
    thread_local std::vector<int> labelAt;
    thread_local std::vector<double> mass;
    labelAt.assign(p.labelNames.size(), size);
    for (int i = 0; i < size; ++i)
        if (p.code[i].op == Op::Label) labelAt[p.code[i].dst.value] = i;
    mass.resize(size + 1);
    double misses = 0;
    const int lengths = lengthSlot >= 0 ? maxLength : 1;
    for (int n = 1; n <= lengths; ++n) {
        std::fill(mass.begin(), mass.end(), 0.0);
        mass[0] = 1.0 / lengths; // the share of calls with this length
        uint32_t lengthRegs = 0; // registers holding the length
        bool lengthFlags = false;
        Flags flags = kGreater; // when they compare the length
        const auto holdsLength = [&](const Operand& o) {
            return (o.kind == kMem && o.value == lengthSlot) ||
                   (o.kind == kReg && (lengthRegs >> o.value & 1));
        };
        for (int i = 0; i < size; ++i) {
            const Instruction& in = p.code[i];
            const OpcodeInfo& oi = info(in.op);
            const double m = mass[i];
            double t = 0; // the share of this path that jumps
            if (oi.family == Family::Compare) {
                lengthFlags = (in.src.kind == kImm || holdsLength(in.src)) && holdsLength(in.dst);
                const int other = in.src.kind == kImm ? in.src.value : n;
                flags = compareFlags(n, other);
            } else if (oi.family == Family::Jump) {
                t = in.op == Op::Jmp ? 1 : lengthFlags ? holds(oi.cond, flags) : 0.5;
                if (t == 0.5) misses += m / 2;
                mass[labelAt[in.dst.value]] += m * t;
            } else if (oi.writesDst && in.dst.kind == kReg) {
                const bool keeps =
                    holdsLength(in.src) && (oi.family == Family::Move || holdsLength(in.dst));
                lengthRegs =
                    keeps ? lengthRegs | 1u << in.dst.value : lengthRegs & ~(1u << in.dst.value);
            }
            mass[i + 1] += m * (1 - t);
        }
    }
    return misses;
}

} // namespace superopt
