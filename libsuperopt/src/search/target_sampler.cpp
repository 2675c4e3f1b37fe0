// Random general instructions for rewrites of a target.
#include "superopt/search/target_sampler.hpp"

#include <algorithm>

namespace superopt {

namespace {

const std::vector<Op>& condMoves() {
    return opsOf(Family::CondMove);
}
const std::vector<Op>& setConds() {
    return opsOf(Family::SetCond);
}
const std::vector<Op>& jumps() {
    return opsOf(Family::Jump);
}

template <class Ops> auto pick(Rng& rng, const Ops& ops) {
    return ops[uniform(rng, static_cast<int>(ops.size()))];
}

// Another member of `group` than `op` that `allowed` lets through, if any.
template <class Ops, class Allowed>
bool another(Op& op, const Ops& group, Rng& rng, const Allowed& allowed) {
    std::vector<Op> options;
    for (Op o : group)
        if (o != op && allowed(o)) options.push_back(o);
    if (options.empty()) return false;
    op = pick(rng, options);
    return true;
}

// Whether an immediate fits an operation of `size` bytes.
bool fits(int64_t v, int size) {
    return size >= 4 || (v >= -(int64_t{1} << (8 * size - 1)) && v < (int64_t{1} << 8 * size));
}

} // namespace

TargetSampler::TargetSampler(TargetVocabulary v) : v_(std::move(v)) {}

Operand TargetSampler::reg(Rng& rng, int size) const {
    return Operand::reg(v_.registers[uniform(rng, static_cast<int>(v_.registers.size()))], size);
}

// Mostly the pool; sometimes a power of two or one below it (masks).
Operand TargetSampler::immediate(Rng& rng) const {
    if (uniform(rng, 8) == 0) {
        const uint32_t power = uint32_t{1} << uniform(rng, 32);
        return Operand::imm(static_cast<int32_t>(chance(rng, 0.5) ? power : power - 1));
    }
    return Operand::imm(v_.immediates[uniform(rng, static_cast<int>(v_.immediates.size()))]);
}

// base + index * scale + displacement, over 64-bit registers, for lea.
Operand TargetSampler::address(Rng& rng, int size) const {
    const int base = reg(rng, 8).value;
    const int index = chance(rng, 0.5) ? reg(rng, 8).value : -1;
    const int scale = index < 0 ? 1 : 1 << uniform(rng, 4);
    const int32_t disp = chance(rng, 0.5) ? 0 : immediate(rng).value;
    return Operand{kAddr, disp, size, false, base, index, scale};
}

Instruction TargetSampler::instruction(Rng& rng) const {
    Op op = pick(rng, v_.opcodes);
    if (info(op).family == Family::CondMove) op = pick(rng, condMoves());
    if (info(op).family == Family::SetCond) op = pick(rng, setConds());
    const int size = pick(rng, v_.sizes);
    Instruction i{op};
    if (isOneOf(kBinaryOps, op)) {
        i.src = chance(rng, 1.0 / 3) ? immediate(rng) : reg(rng, size);
        i.dst = reg(rng, size);
    } else if (isOneOf(kUnaryOps, op)) {
        i.dst = reg(rng, size);
    } else if (isOneOf(kShiftOps, op)) {
        i.src =
            chance(rng, 0.25) ? Operand::reg(1, 1) : Operand::imm(1 + uniform(rng, 8 * size - 1));
        i.dst = reg(rng, size);
    } else if (op == Op::Imul3) {
        i.src = immediate(rng);
        i.src2 = reg(rng, size);
        i.dst = reg(rng, size);
    } else if (op == Op::Andn) {
        i.src = reg(rng, size);
        i.src2 = reg(rng, size);
        i.dst = reg(rng, size);
    } else if (op == Op::Lea) {
        i.src = address(rng, size);
        i.dst = reg(rng, size);
    } else if (op == Op::Movzx || op == Op::Movsx) {
        const bool movslq = op == Op::Movsx && size == 8 && chance(rng, 0.5);
        i.src = reg(rng, movslq ? 4 : 1);
        i.dst = reg(rng, size);
    } else if (info(op).family == Family::SetCond) {
        i.dst = reg(rng, 1);
    } else { // imul, cmovcc, the bit counts: register to register
        i.src = reg(rng, size);
        i.dst = reg(rng, size);
    }
    return i;
}

bool TargetSampler::changeOpcode(Instruction& i, Rng& rng) const {
    auto ok = [&](Op op) { return v_.allows(op); };
    switch (info(i.op).family) {
    case Family::Jump:
        return another(i.op, jumps(), rng, ok);
    case Family::CondMove:
        return another(i.op, condMoves(), rng, ok);
    case Family::SetCond:
        return another(i.op, setConds(), rng, ok);
    default:
        break;
    }
    auto fitsOperands = [&](Op op) {
        const OpcodeInfo& oi = info(op);
        return (i.src.kind & oi.generalSrc) && (i.dst.kind & oi.generalDst);
    };
    if (isOneOf(kBinaryOps, i.op)) return another(i.op, kBinaryOps, rng, fitsOperands);
    if (isOneOf(kUnaryOps, i.op)) return another(i.op, kUnaryOps, rng, ok);
    if (isOneOf(kShiftOps, i.op)) return another(i.op, kShiftOps, rng, ok);
    if (isOneOf(kBitCountOps, i.op) && operationSize(i) >= 4)
        return another(i.op, kBitCountOps, rng, ok);
    if ((i.op == Op::Movzx || i.op == Op::Movsx) && i.src.size < 4) {
        i.op = i.op == Op::Movzx ? Op::Movsx : Op::Movzx;
        return true;
    }
    return false;
}

bool TargetSampler::changeOperand(Instruction& i, Rng& rng) const {
    // A high-byte register (%ah) forbids the REX registers beside it: leave those be.
    const bool high = i.src.high || i.dst.high || i.src2.high;
    std::vector<Operand*> options;
    for (Operand* o : {&i.src, &i.src2, &i.dst}) {
        const bool count = isShift(i.op) && o == &i.src;
        if ((o->kind == kReg && !high && !count) || o->kind == kImm || o->kind == kAddr)
            options.push_back(o);
    }
    if (options.empty()) return false;
    Operand& o = *options[uniform(rng, static_cast<int>(options.size()))];
    const int size = operationSize(i);
    Operand fresh = o;
    if (o.kind == kReg || o.isStack()) // a stack slot becomes a register (every opcode takes one)
        fresh = reg(rng, o.size);
    else if (o.kind == kAddr)
        fresh = address(rng, o.size);
    else if (isShift(i.op))
        fresh = Operand::imm(uniform(rng, 8 * size));
    else if (fresh = immediate(rng); !fits(fresh.value, size))
        return false;
    if (fresh == o) return false;
    o = fresh;
    return true;
}

Op TargetSampler::jump(Rng& rng) const {
    return pick(rng, jumps());
}

} // namespace superopt
