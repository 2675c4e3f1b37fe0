// Each general opcode's effect on one machine state: the operands read from the state,
// what the instruction computes (x86_ops.hpp, shared with the batched emulator) and
// its effect written back.
#include "superopt/core/x86_semantics.hpp"

#include "x86_ops.hpp"

#include <stdexcept>

namespace superopt {

namespace {

Value readOperand(const CpuState& s, const Operand& o, int size) {
    switch (o.kind) {
    case kImm:
        return {static_cast<uint64_t>(int64_t{o.value}) & maskOf(size), maskOf(size)};
    case kReg:
        return {s.get(o), s.definedBits(o)};
    case kAddr: {
        Value out;
        const int at = o.value + kRedZone;
        for (int b = 0; b < size; ++b) {
            out.v |= uint64_t{s.stack[at + b]} << 8 * b;
            if (s.stackDefined[at + b]) out.defined |= uint64_t{0xff} << 8 * b;
        }
        return out;
    }
    default:
        throw std::logic_error("x86 semantics: operand kind outside general programs");
    }
}

void writeOperand(CpuState& s, const Operand& o, Value x) {
    if (o.kind == kAddr) {
        const int at = o.value + kRedZone;
        for (int b = 0; b < o.size; ++b) {
            s.stack[at + b] = static_cast<uint8_t>(x.v >> 8 * b);
            s.stackDefined[at + b] = ((x.defined >> 8 * b) & 0xff) == 0xff;
        }
        return;
    }
    const Value r =
        writtenRegister({s.regs[o.value], s.defined[o.value]}, x, o.size, o.high ? 8 : 0);
    s.regs[o.value] = r.v;
    s.defined[o.value] = r.defined;
}

void writeFlags(CpuState& s, FlagResult f) {
    s.flags = (s.flags & ~f.written) | (f.values & f.written);
    s.definedFlags = (s.definedFlags & ~f.written) | (f.defined & f.written);
}

bool flagsDefined(const CpuState& s, uint32_t bits) {
    return (s.definedFlags & bits) == bits;
}

} // namespace

int operationSize(const Instruction& in) {
    if (in.op == Op::Cdq) return 4;
    if (in.op == Op::Cqo) return 8;
    return in.dst.kind != kNone ? in.dst.size : in.src.size;
}

uint64_t CpuState::get(const Operand& o) const {
    return (regs[o.value] >> (o.high ? 8 : 0)) & maskOf(o.size);
}

uint64_t CpuState::definedBits(const Operand& o) const {
    return (defined[o.value] >> (o.high ? 8 : 0)) & maskOf(o.size);
}

bool CpuState::isDefined(const Operand& o) const {
    return definedBits(o) == maskOf(o.size);
}

uint32_t flagsRead(Cond c) {
    return conditionFlags(c);
}

bool conditionHolds(Cond c, uint32_t flags) {
    return holds(c, flags);
}

// compute()'s inputs, read from a state (all before anything is written).
struct StateInputs {
    Value d, s, s2, a, dx;
    uint32_t f, df;
    Value dst() const { return d; }
    Value src() const { return s; }
    Value src2() const { return s2; }
    Value rax() const { return a; }
    Value rdx() const { return dx; }
    uint32_t flags() const { return f; }
    uint32_t definedFlags() const { return df; }
};

// compute()'s effect, written to a state.
struct StateOutputs {
    CpuState& s;
    const Instruction& in;
    int size;
    void dst(Value x) { writeOperand(s, in.dst, x); }
    void dstUndefined() {
        writeOperand(s, in.dst, {0, 0});
        s.defined[in.dst.value] = 0;
    }
    void rax(Value x) { writeOperand(s, Operand::reg(0, size), x); }
    void rdx(Value x) { writeOperand(s, Operand::reg(2, size), x); }
    void flags(FlagResult f) { writeFlags(s, f); }
    void fault() { s.fault = true; }
};

void execute(const Instruction& in, CpuState& s) {
    const OpcodeInfo& oi = info(in.op);
    if (oi.family == Family::Jump || oi.family == Family::Label)
        throw std::logic_error("x86 semantics: " + std::string(oi.name) +
                               " is not an instruction that runs");
    const int size = operationSize(in);
    const uint64_t m = maskOf(size);
    StateInputs x{};
    x.f = s.flags;
    x.df = s.definedFlags;
    if (in.dst.kind == kReg || in.dst.kind == kAddr) x.d = readOperand(s, in.dst, size);
    if (in.op == Op::Lea) {
        const Operand& a = in.src;
        x.s = a.base >= 0 ? readOperand(s, Operand::reg(a.base, size), size) : Value{0, m};
        x.s2 = a.index >= 0 ? readOperand(s, Operand::reg(a.index, size), size) : Value{0, m};
    } else {
        if (in.src.kind != kNone) x.s = readOperand(s, in.src, sourceSize(in, size));
        if (in.src2.kind != kNone) x.s2 = readOperand(s, in.src2, size);
    }
    x.a = readOperand(s, Operand::reg(0, size), size);
    x.dx = readOperand(s, Operand::reg(2, size), size);
    StateOutputs out{s, in, size};
    compute(in, oi, size, x, out);
}

CpuState run(const Program& p, CpuState s) {
    bool undefinedPath = false; // a jump went where undefined flags sent it
    for (size_t i = 0; i < p.code.size() && !s.fault; ++i) {
        const Instruction& in = p.code[i];
        const OpcodeInfo& oi = info(in.op);
        if (oi.family == Family::Label) continue;
        if (oi.family != Family::Jump) {
            execute(in, s);
            continue;
        }
        undefinedPath = undefinedPath || !flagsDefined(s, flagsRead(oi.cond));
        if (!conditionHolds(oi.cond, s.flags)) continue;
        while (i + 1 < p.code.size() &&
               !(p.code[i + 1].op == Op::Label && p.code[i + 1].dst == in.dst))
            ++i;
    }
    if (undefinedPath) { // the other path might have been taken: nothing is known
        s.defined.fill(0);
        s.stackDefined.fill(0);
        s.definedFlags = 0;
    }
    return s;
}

} // namespace superopt
