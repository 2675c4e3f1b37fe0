// Random general instructions for rewrites of a target.
#include "superopt/search/target_sampler.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <stdexcept>

namespace superopt {

namespace {

constexpr std::array kBinary = {Op::Add, Op::Sub, Op::And, Op::Or,   Op::Xor,
                                Op::Adc, Op::Sbb, Op::Cmp, Op::Test, Op::Mov};
constexpr std::array kUnary = {Op::Not, Op::Neg, Op::Inc, Op::Dec};
constexpr std::array kShifts = {Op::Shl, Op::Shr, Op::Sar, Op::Rol, Op::Ror};
// One source, one destination register, 32 or 64 bits.
constexpr std::array kBitCounts = {Op::Popcnt, Op::Lzcnt, Op::Tzcnt,
                                   Op::Blsi,   Op::Blsr,  Op::Blsmsk};
// In the order the arguments take them, after the result's.
constexpr std::array<int, TargetVocabulary::kMaxRegisters> kCallerSaved = {0, kRdi, 3, 2, 1,
                                                                           4, 5,    6, 7};

template <size_t N> bool in(const std::array<Op, N>& group, Op op) {
    return std::find(group.begin(), group.end(), op) != group.end();
}

// Every opcode of a family (cmovcc, setcc, the jumps).
std::vector<Op> family(Family f) {
    std::vector<Op> ops;
    for (const OpcodeInfo& oi : opcodeTable())
        if (oi.family == f) ops.push_back(oi.op);
    return ops;
}
const std::vector<Op>& condMoves() {
    static const std::vector<Op> ops = family(Family::CondMove);
    return ops;
}
const std::vector<Op>& setConds() {
    static const std::vector<Op> ops = family(Family::SetCond);
    return ops;
}
const std::vector<Op>& jumps() {
    static const std::vector<Op> ops = family(Family::Jump);
    return ops;
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

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream ss(text);
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) items.push_back(item);
    return items;
}

} // namespace

std::span<const int> TargetVocabulary::callerSaved() {
    return kCallerSaved;
}

TargetVocabulary TargetVocabulary::of(const Target& t, int registers,
                                      const std::string& extensions) {
    TargetVocabulary v;
    const int args = static_cast<int>(t.signature.args.size());
    const int count = registers > 0 ? registers : std::min(kMaxRegisters, args + 3);
    if (count > kMaxRegisters)
        throw std::invalid_argument("registers: a rewrite may use at most " +
                                    std::to_string(kMaxRegisters) +
                                    " registers (the caller-saved ones)");
    // The result's register, the arguments', then the other caller-saved ones.
    std::vector<int> order = {0};
    for (int k = 0; k < args; ++k) order.push_back(argumentRegister(k));
    for (int r : kCallerSaved)
        if (std::find(order.begin(), order.end(), r) == order.end()) order.push_back(r);
    v.registers.assign(order.begin(), order.begin() + count);

    for (const std::string& e : split(extensions)) {
        if (e != "popcnt" && e != "lzcnt" && e != "bmi1")
            throw std::invalid_argument("unknown extension '" + e +
                                        "' (known: popcnt, lzcnt, bmi1)");
        v.extensions.push_back(e);
    }
    v.immediates = {0, 1, -1, 2};
    bool wide = isWide(t.signature.result);
    for (const Instruction& in : t.program.code) {
        if (auto e = std::string(extensionOf(in.op)); !e.empty()) v.extensions.push_back(e);
        for (const Operand* o : {&in.src, &in.src2})
            if (o->kind == kImm || (o->kind == kAddr && !o->isStack()))
                v.immediates.push_back(o->value);
        if (info(in.op).family != Family::Jump && info(in.op).family != Family::Label)
            wide = wide || operationSize(in) == 8;
    }
    auto unique = [](auto& items) {
        std::sort(items.begin(), items.end());
        items.erase(std::unique(items.begin(), items.end()), items.end());
    };
    unique(v.extensions);
    unique(v.immediates);
    // A 32-bit function may still gain from 64-bit operations (a 32x32-bit product
    // whole in one register): one instruction in four is 64-bit there.
    v.sizes = wide ? std::vector<int>{4, 8} : std::vector<int>{4, 4, 4, 8};

    v.opcodes.assign(kBinary.begin(), kBinary.end());
    v.opcodes.insert(v.opcodes.end(), kUnary.begin(), kUnary.end());
    v.opcodes.insert(v.opcodes.end(), kShifts.begin(), kShifts.end());
    for (Op op : {Op::Imul, Op::Imul3, Op::Lea, Op::Movzx, Op::Movsx, Op::Cmove, Op::Sete,
                  Op::Popcnt, Op::Lzcnt, Op::Tzcnt, Op::Andn, Op::Blsi, Op::Blsr, Op::Blsmsk}) {
        const std::string e(extensionOf(op));
        if (e.empty() || std::binary_search(v.extensions.begin(), v.extensions.end(), e))
            v.opcodes.push_back(op);
    }
    return v;
}

TargetSampler::TargetSampler(TargetVocabulary v) : v_(std::move(v)) {}

bool TargetSampler::allowed(Op op) const {
    const std::string e(extensionOf(op));
    return e.empty() ||
           std::find(v_.extensions.begin(), v_.extensions.end(), e) != v_.extensions.end();
}

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
    if (in(kBinary, op)) {
        i.src = chance(rng, 1.0 / 3) ? immediate(rng) : reg(rng, size);
        i.dst = reg(rng, size);
    } else if (in(kUnary, op)) {
        i.dst = reg(rng, size);
    } else if (in(kShifts, op)) {
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
    auto ok = [&](Op op) { return allowed(op); };
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
    if (in(kBinary, i.op)) return another(i.op, kBinary, rng, fitsOperands);
    if (in(kUnary, i.op)) return another(i.op, kUnary, rng, ok);
    if (in(kShifts, i.op)) return another(i.op, kShifts, rng, ok);
    if (in(kBitCounts, i.op) && operationSize(i) >= 4) return another(i.op, kBitCounts, rng, ok);
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
