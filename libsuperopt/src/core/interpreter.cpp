// The plain one-case-at-a-time interpreter: the program is decoded once (families,
// conditions, jump targets), then run case by case with a switch per instruction.
#include "superopt/core/interpreter.hpp"

#include <vector>

namespace superopt {

namespace {

struct Decoded {
    Family family;
    Cond cond;
    Operand src, dst;
    size_t target; // jumps: the position of their label
};

std::vector<Decoded> decode(const Program& p) {
    std::vector<Decoded> code;
    for (const Instruction& in : p.code) {
        const OpcodeInfo& oi = info(in.op);
        code.push_back({oi.family, oi.cond, in.src, in.dst, 0});
    }
    for (size_t i = 0; i < code.size(); ++i)
        if (code[i].family == Family::Jump)
            for (size_t j = i + 1; j < code.size(); ++j)
                if (code[j].family == Family::Label && code[j].dst == code[i].dst) {
                    code[i].target = j;
                    break;
                }
    return code;
}

bool run(const std::vector<Decoded>& code, int32_t* buffer, int length, CallerState state) {
    int32_t* reg = state.registers.data();
    int32_t& flags = state.flags;
    bool fault = false;
    auto word = [&](const Operand& o) -> int32_t& {
        if (o.value > length) fault = true;
        return buffer[o.value];
    };
    auto value = [&](const Operand& o) -> int32_t {
        if (o.kind == kReg) return reg[o.value];
        if (o.kind == kImm) return o.value;
        return word(o);
    };
    auto set = [&](const Operand& o, int32_t v) { (o.kind == kReg ? reg[o.value] : word(o)) = v; };
    for (size_t i = 0; i < code.size(); ++i) {
        const Decoded& in = code[i];
        switch (in.family) {
        case Family::Move:
            set(in.dst, value(in.src));
            break;
        case Family::CondMove: {
            const int32_t v = value(in.src); // a cmov always reads its source
            if (holds(in.cond, flags)) set(in.dst, v);
            break;
        }
        case Family::Compare: {
            const int32_t a = value(in.dst), b = value(in.src);
            flags = compareFlags(a, b);
            break;
        }
        case Family::Jump:
            if (holds(in.cond, flags)) i = in.target;
            break;
        case Family::Label:
            break;
        case Family::Arith:
        case Family::SetCond:
            break; // not in a sorting kernel (the callers run legal kernels only)
        }
    }
    return fault;
}

} // namespace

bool interpret(const Program& p, std::span<int32_t> buffer, int length, const CallerState& caller) {
    return run(decode(p), buffer.data(), length, caller);
}

int64_t interpretMisplaced(const Program& p, const TestSet& tests) {
    const std::vector<Decoded> code = decode(p);
    std::vector<int32_t> buffer(tests.slots);
    int64_t misplaced = 0;
    for (int l = 0; l < tests.count; ++l) {
        for (int s = 0; s < tests.slots; ++s) buffer[s] = tests.in(s, l);
        CallerState caller;
        for (size_t k = 0; k < tests.presetRegisters.size(); ++k)
            caller.registers[tests.presetRegisters[k]] = tests.presetValues[k * tests.lanes + l];
        if (!tests.presetFlags.empty()) caller.flags = tests.presetFlags[l];
        const bool fault = run(code, buffer.data(), tests.length[l], caller);
        for (int s = 0; s < tests.slots; ++s)
            misplaced +=
                tests.care[size_t(s) * tests.lanes + l] && (fault || buffer[s] != tests.out(s, l));
    }
    return misplaced;
}

} // namespace superopt
