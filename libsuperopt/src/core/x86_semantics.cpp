// Each general opcode's effect on the machine state, with x86's exact flags (Intel
// SDM, volume 2) and its undefined bits.
#include "superopt/core/x86_semantics.hpp"

#include <bit>
#include <stdexcept>

namespace superopt {

namespace {

using u128 = unsigned __int128;
using i128 = __int128;

constexpr uint64_t maskOf(int size) {
    return size == 8 ? ~uint64_t{0} : (uint64_t{1} << 8 * size) - 1;
}
constexpr uint64_t signOf(int size) {
    return uint64_t{1} << (8 * size - 1);
}
constexpr int64_t signExtend(uint64_t v, int size) {
    const int shift = 64 - 8 * size;
    return static_cast<int64_t>(v << shift) >> shift;
}

// What an instruction does to the flags: their new values, the bits it writes and,
// of those, the ones it leaves undefined.
struct FlagResult {
    uint32_t values = 0, written = 0, undefined = 0;
};

// SF, ZF and PF of a result.
uint32_t signZeroParity(uint64_t r, int size) {
    uint32_t f = 0;
    if (r & signOf(size)) f |= kSF;
    if ((r & maskOf(size)) == 0) f |= kZF;
    if (std::popcount(static_cast<uint8_t>(r)) % 2 == 0) f |= kPF;
    return f;
}

struct Value {
    uint64_t v = 0;
    bool defined = true;
};

Value readOperand(const CpuState& s, const Operand& o, int size) {
    switch (o.kind) {
    case kImm:
        return {static_cast<uint64_t>(int64_t{o.value}) & maskOf(size), true};
    case kReg:
        return {s.get(o), s.isDefined(o)};
    case kAddr: {
        Value out;
        const int at = o.value + kRedZone;
        for (int b = 0; b < size; ++b) {
            out.v |= uint64_t{s.stack[at + b]} << 8 * b;
            out.defined = out.defined && s.stackDefined[at + b];
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
            s.stackDefined[at + b] = x.defined;
        }
        return;
    }
    uint64_t& reg = s.regs[o.value];
    uint64_t& def = s.defined[o.value];
    if (o.size == 4) { // a 32-bit write zeroes the upper half
        reg = x.v & maskOf(4);
        def = x.defined ? ~uint64_t{0} : ~maskOf(4);
    } else if (o.size == 8) {
        reg = x.v;
        def = x.defined ? ~uint64_t{0} : 0;
    } else {
        const int shift = o.high ? 8 : 0;
        const uint64_t field = maskOf(o.size) << shift;
        reg = (reg & ~field) | ((x.v << shift) & field);
        def = x.defined ? def | field : def & ~field;
    }
}

void writeFlags(CpuState& s, FlagResult f, bool defined) {
    s.flags = (s.flags & ~f.written) | (f.values & f.written);
    const uint32_t nowDefined = defined ? f.written & ~f.undefined : 0;
    s.definedFlags = (s.definedFlags & ~f.written) | nowDefined;
}

bool flagsDefined(const CpuState& s, uint32_t bits) {
    return (s.definedFlags & bits) == bits;
}

// add, adc, sub, sbb, cmp, neg: the result and all five flags.
std::pair<uint64_t, FlagResult> addSub(uint64_t a, uint64_t b, uint64_t carry, bool subtract,
                                       int size) {
    const uint64_t m = maskOf(size);
    FlagResult f{0, kArithmeticFlags, 0};
    uint64_t r;
    if (subtract) {
        r = (a - b - carry) & m;
        if (u128{a} < u128{b} + carry) f.values |= kCF;
        if ((a ^ b) & (a ^ r) & signOf(size)) f.values |= kOF;
    } else {
        r = (a + b + carry) & m;
        if (u128{a} + b + carry > m) f.values |= kCF;
        if ((a ^ r) & (b ^ r) & signOf(size)) f.values |= kOF;
    }
    f.values |= signZeroParity(r, size);
    return {r, f};
}

// shl, shr, sar, rol, ror by a count already masked to 5 or 6 bits (not zero).
std::pair<uint64_t, FlagResult> shift(Op op, uint64_t a, unsigned count, int size) {
    const unsigned bits = 8 * size;
    const uint64_t m = maskOf(size);
    FlagResult f{0, kArithmeticFlags, 0};
    uint64_t r = 0;
    bool cf = false;
    switch (op) {
    case Op::Shl:
        r = count >= bits ? 0 : (a << count) & m;
        cf = count <= bits && (a >> (bits - count)) & 1;
        if (count > bits) f.undefined |= kCF;
        if (count == 1) f.values |= ((r >> (bits - 1)) & 1) != cf ? kOF : 0;
        break;
    case Op::Shr:
        r = count >= bits ? 0 : a >> count;
        cf = count <= bits && (a >> (count - 1)) & 1;
        if (count > bits) f.undefined |= kCF;
        if (count == 1) f.values |= (a >> (bits - 1)) & 1 ? kOF : 0;
        break;
    case Op::Sar: {
        const int64_t sa = signExtend(a, size);
        r = static_cast<uint64_t>(sa >> (count >= bits ? bits - 1 : count)) & m;
        cf = (sa >> (count > bits ? bits - 1 : count - 1)) & 1;
        if (count > bits) f.undefined |= kCF;
        break; // OF is 0 for a one-bit sar
    }
    case Op::Rol:
    case Op::Ror: {
        const unsigned k = count % bits;
        if (op == Op::Rol)
            r = k == 0 ? a : ((a << k) | (a >> (bits - k))) & m;
        else
            r = k == 0 ? a : ((a >> k) | (a << (bits - k))) & m;
        cf = op == Op::Rol ? r & 1 : (r >> (bits - 1)) & 1;
        f.written = kCF | kOF; // SF, ZF and PF stay
        const bool msb = (r >> (bits - 1)) & 1;
        if (count == 1)
            f.values |= (op == Op::Rol ? msb != cf : msb != bool((r >> (bits - 2)) & 1)) ? kOF : 0;
        break;
    }
    default:
        break;
    }
    if (cf) f.values |= kCF;
    if (count != 1) f.undefined |= kOF;
    if (op != Op::Rol && op != Op::Ror) f.values |= signZeroParity(r, size);
    return {r, f};
}

unsigned countLeadingZeros(uint64_t v, int size) {
    return v == 0 ? 8 * size : std::countl_zero(v) - (64 - 8 * size);
}

// Whether both operands are the same register: then xor and sub give zero (and sbb
// minus the carry) whatever it held, the idiom compilers zero registers with.
bool selfCancels(const Instruction& in) {
    return in.src.kind == kReg && in.src == in.dst;
}

// The operand size of an instruction: its destination's, else its source's.
int sizeOf(const Instruction& in) {
    if (in.op == Op::Cdq) return 4;
    if (in.op == Op::Cqo) return 8;
    return in.dst.kind != kNone ? in.dst.size : in.src.size;
}

void divide(const Instruction& in, CpuState& s, int size) {
    const Operand rax = Operand::reg(0, size), rdx = Operand::reg(2, size);
    const Value d = readOperand(s, in.src, size), lo = readOperand(s, rax, size),
                hi = readOperand(s, rdx, size);
    const bool defined = d.defined && lo.defined && hi.defined;
    const u128 dividend = (u128{hi.v} << 8 * size) | lo.v;
    if (d.v == 0) {
        s.fault = true;
        return;
    }
    uint64_t q, r;
    if (in.op == Op::Div) {
        const u128 quotient = dividend / d.v;
        if (quotient > maskOf(size)) {
            s.fault = true;
            return;
        }
        q = static_cast<uint64_t>(quotient);
        r = static_cast<uint64_t>(dividend % d.v);
    } else {
        const int bits = 16 * size;
        const i128 sd = static_cast<i128>(dividend << (128 - bits)) >> (128 - bits);
        const i128 divisor = signExtend(d.v, size);
        const i128 min = -(i128{1} << (8 * size - 1)), max = (i128{1} << (8 * size - 1)) - 1;
        if (divisor == -1 && sd == static_cast<i128>(u128{1} << 127)) { // -2^127 / -1
            s.fault = true;
            return;
        }
        const i128 quotient = sd / divisor;
        if (quotient < min || quotient > max) {
            s.fault = true;
            return;
        }
        q = static_cast<uint64_t>(quotient) & maskOf(size);
        r = static_cast<uint64_t>(sd % divisor) & maskOf(size);
    }
    writeOperand(s, rax, {q, defined});
    writeOperand(s, rdx, {r, defined});
    writeFlags(s, {0, kArithmeticFlags, kArithmeticFlags}, false);
}

} // namespace

uint64_t CpuState::get(const Operand& o) const {
    return (regs[o.value] >> (o.high ? 8 : 0)) & maskOf(o.size);
}

bool CpuState::isDefined(const Operand& o) const {
    const uint64_t m = maskOf(o.size);
    return ((defined[o.value] >> (o.high ? 8 : 0)) & m) == m;
}

uint32_t flagsRead(Cond c) {
    switch (c) {
    case Cond::Always:
        return 0;
    case Cond::O:
    case Cond::NO:
        return kOF;
    case Cond::B:
    case Cond::AE:
        return kCF;
    case Cond::E:
    case Cond::NE:
        return kZF;
    case Cond::BE:
    case Cond::A:
        return kCF | kZF;
    case Cond::S:
    case Cond::NS:
        return kSF;
    case Cond::P:
    case Cond::NP:
        return kPF;
    case Cond::L:
    case Cond::GE:
        return kSF | kOF;
    case Cond::LE:
    case Cond::G:
        return kSF | kOF | kZF;
    }
    return 0;
}

bool conditionHolds(Cond c, uint32_t f) {
    const bool cf = f & kCF, zf = f & kZF, sf = f & kSF, of = f & kOF, pf = f & kPF;
    switch (c) {
    case Cond::Always:
        return true;
    case Cond::O:
        return of;
    case Cond::NO:
        return !of;
    case Cond::B:
        return cf;
    case Cond::AE:
        return !cf;
    case Cond::E:
        return zf;
    case Cond::NE:
        return !zf;
    case Cond::BE:
        return cf || zf;
    case Cond::A:
        return !cf && !zf;
    case Cond::S:
        return sf;
    case Cond::NS:
        return !sf;
    case Cond::P:
        return pf;
    case Cond::NP:
        return !pf;
    case Cond::L:
        return sf != of;
    case Cond::GE:
        return sf == of;
    case Cond::LE:
        return zf || sf != of;
    case Cond::G:
        return !zf && sf == of;
    }
    return false;
}

void execute(const Instruction& in, CpuState& s) {
    const OpcodeInfo& oi = info(in.op);
    const int size = sizeOf(in);
    const uint64_t m = maskOf(size);
    auto src = [&] { return readOperand(s, in.src, size); };
    auto dst = [&] { return readOperand(s, in.dst, size); };
    auto cf = [&] { return uint64_t{(s.flags & kCF) != 0}; };
    if (oi.family == Family::CondMove || oi.family == Family::SetCond) {
        const bool defined = flagsDefined(s, flagsRead(oi.cond));
        const bool taken = conditionHolds(oi.cond, s.flags);
        if (oi.family == Family::SetCond) {
            writeOperand(s, in.dst, {taken ? 1u : 0u, defined});
            return;
        }
        const Value a = src(), b = dst(); // the source is read, the upper half zeroed, either way
        const Value r = taken ? a : b;
        writeOperand(s, in.dst, {r.v, defined && r.defined});
        return;
    }
    switch (in.op) {
    case Op::Mov:
        writeOperand(s, in.dst, src());
        return;
    case Op::Movzx:
    case Op::Movsx: {
        const Value a = readOperand(s, in.src, in.src.size);
        const uint64_t v = in.op == Op::Movzx ? a.v : signExtend(a.v, in.src.size) & m;
        writeOperand(s, in.dst, {v, a.defined});
        return;
    }
    case Op::Add:
    case Op::Adc:
    case Op::Sub:
    case Op::Sbb:
    case Op::Cmp: {
        const Value a = dst(), b = src();
        const bool withCarry = in.op == Op::Adc || in.op == Op::Sbb;
        // `sub %eax, %eax` is zero (`sbb` minus the carry) whatever %eax held.
        const bool self = in.op != Op::Adc && in.op != Op::Add && selfCancels(in);
        const bool defined =
            ((a.defined && b.defined) || self) && (!withCarry || flagsDefined(s, kCF));
        auto [r, f] = addSub(a.v, b.v, withCarry ? cf() : 0,
                             in.op == Op::Sub || in.op == Op::Sbb || in.op == Op::Cmp, size);
        if (in.op != Op::Cmp) writeOperand(s, in.dst, {r, defined});
        writeFlags(s, f, defined);
        return;
    }
    case Op::Neg: {
        const Value a = dst();
        auto [r, f] = addSub(0, a.v, 0, true, size);
        writeOperand(s, in.dst, {r, a.defined});
        writeFlags(s, f, a.defined);
        return;
    }
    case Op::Inc:
    case Op::Dec: {
        const Value a = dst();
        auto [r, f] = addSub(a.v, 1, 0, in.op == Op::Dec, size);
        f.written &= ~kCF; // CF stays
        writeOperand(s, in.dst, {r, a.defined});
        writeFlags(s, f, a.defined);
        return;
    }
    case Op::And:
    case Op::Or:
    case Op::Xor:
    case Op::Test: {
        const Value a = dst(), b = src();
        const uint64_t r = in.op == Op::Or ? a.v | b.v : in.op == Op::Xor ? a.v ^ b.v : a.v & b.v;
        const bool defined = (a.defined && b.defined) || (in.op == Op::Xor && selfCancels(in));
        if (in.op != Op::Test) writeOperand(s, in.dst, {r, defined});
        writeFlags(s, {signZeroParity(r, size), kArithmeticFlags, 0}, defined);
        return;
    }
    case Op::Not: {
        const Value a = dst();
        writeOperand(s, in.dst, {~a.v & m, a.defined});
        return;
    }
    case Op::Shl:
    case Op::Shr:
    case Op::Sar:
    case Op::Rol:
    case Op::Ror: {
        const Value a = dst(), c = readOperand(s, in.src, 1);
        const unsigned count = c.v & (size == 8 ? 63 : 31);
        if (count == 0) { // flags stay; a 32-bit destination is still written
            writeOperand(s, in.dst, {a.v, a.defined && c.defined});
            if (!c.defined) // an undefined count of zero: whether the flags changed is not known
                writeFlags(s, {0, kArithmeticFlags, kArithmeticFlags}, false);
            return;
        }
        auto [r, f] = shift(in.op, a.v, count, size);
        const bool defined = a.defined && c.defined;
        writeOperand(s, in.dst, {r, defined});
        writeFlags(s, f, defined);
        return;
    }
    case Op::Imul:
    case Op::Imul3: {
        const Value a = in.op == Op::Imul ? dst() : readOperand(s, in.src2, size), b = src();
        const i128 full = i128{signExtend(a.v, size)} * signExtend(b.v, size);
        const uint64_t r = static_cast<uint64_t>(full) & m;
        const bool overflow = full != signExtend(r, size);
        const bool defined = a.defined && b.defined;
        writeOperand(s, in.dst, {r, defined});
        writeFlags(s, {overflow ? kCF | kOF : 0u, kArithmeticFlags, kSF | kZF | kPF}, defined);
        return;
    }
    case Op::Lea: {
        const Operand& a = in.src;
        Value base{0, true}, index{0, true};
        if (a.base >= 0) base = readOperand(s, Operand::reg(a.base, size), size);
        if (a.index >= 0) index = readOperand(s, Operand::reg(a.index, size), size);
        const uint64_t r =
            (base.v + index.v * a.scale + static_cast<uint64_t>(int64_t{a.value})) & m;
        writeOperand(s, in.dst, {r, base.defined && index.defined});
        return;
    }
    case Op::Cdq:
    case Op::Cqo: {
        const Value a = readOperand(s, Operand::reg(0, size), size);
        writeOperand(s, Operand::reg(2, size), {a.v & signOf(size) ? m : 0, a.defined});
        return;
    }
    case Op::Div:
    case Op::Idiv:
        divide(in, s, size);
        return;
    case Op::Bsf:
    case Op::Bsr: {
        const Value a = src();
        FlagResult f{a.v == 0 ? kZF : 0u, kArithmeticFlags, kCF | kOF | kSF | kPF};
        if (a.v == 0) { // the destination is undefined
            writeOperand(s, in.dst, {0, false});
            s.defined[in.dst.value] = 0;
        } else {
            const uint64_t r =
                in.op == Op::Bsf ? std::countr_zero(a.v) : 63 - std::countl_zero(a.v);
            writeOperand(s, in.dst, {r, a.defined});
        }
        writeFlags(s, f, a.defined);
        return;
    }
    case Op::Bswap: {
        const Value a = dst();
        uint64_t r = 0;
        for (int b = 0; b < size; ++b) r |= ((a.v >> 8 * b) & 0xff) << 8 * (size - 1 - b);
        writeOperand(s, in.dst, {r, a.defined});
        return;
    }
    case Op::Popcnt: {
        const Value a = src();
        writeOperand(s, in.dst, {uint64_t(std::popcount(a.v)), a.defined});
        writeFlags(s, {a.v == 0 ? kZF : 0u, kArithmeticFlags, 0}, a.defined);
        return;
    }
    case Op::Lzcnt:
    case Op::Tzcnt: {
        const Value a = src();
        const uint64_t r = in.op == Op::Lzcnt ? countLeadingZeros(a.v, size)
                           : a.v == 0         ? 8 * size
                                              : std::countr_zero(a.v);
        writeOperand(s, in.dst, {r, a.defined});
        const uint32_t f = (a.v == 0 ? kCF : 0u) | (r == 0 ? kZF : 0u);
        writeFlags(s, {f, kArithmeticFlags, kOF | kSF | kPF}, a.defined);
        return;
    }
    case Op::Andn:
    case Op::Blsi:
    case Op::Blsr:
    case Op::Blsmsk: {
        const Value a = src();
        Value b{0, true};
        if (in.op == Op::Andn) b = readOperand(s, in.src2, size);
        uint64_t r = 0;
        uint32_t carry = 0;
        switch (in.op) {
        case Op::Andn:
            r = ~b.v & a.v & m;
            break;
        case Op::Blsi:
            r = (0 - a.v) & a.v & m;
            carry = a.v != 0 ? kCF : 0;
            break;
        case Op::Blsr:
            r = (a.v - 1) & a.v & m;
            carry = a.v == 0 ? kCF : 0;
            break;
        default:
            r = ((a.v - 1) ^ a.v) & m;
            carry = a.v == 0 ? kCF : 0;
            break;
        }
        const uint32_t sz = signZeroParity(r, size) & (kSF | kZF);
        const bool defined = a.defined && b.defined;
        writeOperand(s, in.dst, {r, defined});
        writeFlags(s, {sz | carry, kArithmeticFlags, kPF}, defined);
        return;
    }
    default:
        throw std::logic_error("x86 semantics: " + std::string(oi.name) +
                               " is not an instruction that runs");
    }
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
