// Each general opcode's effect on the machine state, with x86's exact flags (Intel
// SDM, volume 2) and its undefined bits, tracked bit by bit: a result bit is defined
// when the input bits it depends on are (bitwise operations bit for bit, additions and
// multiplications from bit 0 up to the first undefined input bit, a defined zero
// masking an `and`); what is not worked out exactly counts as wholly undefined as soon
// as any input bit is, which is safe.
#include "superopt/core/x86_semantics.hpp"

#include <bit>
#include <stdexcept>

namespace superopt {

namespace {

using u128 = unsigned __int128;
using i128 = __int128;

constexpr uint64_t signOf(int size) {
    return uint64_t{1} << (8 * size - 1);
}
constexpr int64_t signExtend(uint64_t v, int size) {
    const int shift = 64 - 8 * size;
    return static_cast<int64_t>(v << shift) >> shift;
}
// The bits below the lowest undefined one (of a mask of defined bits): what an
// addition or a multiplication leaves defined.
constexpr uint64_t definedPrefix(uint64_t defined, uint64_t m) {
    const uint64_t undefined = ~defined & m;
    return undefined == 0 ? m : (undefined & (0 - undefined)) - 1;
}

// A value and its defined bits.
struct Value {
    uint64_t v = 0;
    uint64_t defined = 0;
};

// What an instruction does to the flags: their new values, the bits it writes and,
// of those, the ones whose value is defined.
struct FlagResult {
    uint32_t values = 0, written = 0, defined = 0;
};

// SF, ZF and PF of a result, and which of them its defined bits decide.
FlagResult signZeroParity(Value r, int size) {
    const uint64_t m = maskOf(size), d = r.defined & m;
    FlagResult f{0, kSF | kZF | kPF, 0};
    if (r.v & signOf(size)) f.values |= kSF;
    if ((r.v & m) == 0) f.values |= kZF;
    if (std::popcount(static_cast<uint8_t>(r.v)) % 2 == 0) f.values |= kPF;
    if (d & signOf(size)) f.defined |= kSF;
    if (d == m || (r.v & d) != 0) f.defined |= kZF; // a defined 1-bit: not zero
    if ((d & 0xff) == 0xff) f.defined |= kPF;
    return f;
}

// The flags of an arithmetic result: SF, ZF, PF from its bits, and `others` (CF, OF)
// defined only when every bit of the operation was.
FlagResult arithmeticFlags(Value r, int size, uint32_t others, uint32_t values, bool allDefined) {
    FlagResult f = signZeroParity(r, size);
    f.written |= others;
    f.values |= values & others;
    if (allDefined) f.defined |= others;
    return f;
}

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
    uint64_t& reg = s.regs[o.value];
    uint64_t& def = s.defined[o.value];
    if (o.size == 4) { // a 32-bit write zeroes the upper half
        reg = x.v & maskOf(4);
        def = (x.defined & maskOf(4)) | ~maskOf(4);
    } else if (o.size == 8) {
        reg = x.v;
        def = x.defined;
    } else {
        const int shift = o.high ? 8 : 0;
        const uint64_t field = maskOf(o.size) << shift;
        reg = (reg & ~field) | ((x.v << shift) & field);
        def = (def & ~field) | ((x.defined << shift) & field);
    }
}

void writeFlags(CpuState& s, FlagResult f) {
    s.flags = (s.flags & ~f.written) | (f.values & f.written);
    s.definedFlags = (s.definedFlags & ~f.written) | (f.defined & f.written);
}

bool flagsDefined(const CpuState& s, uint32_t bits) {
    return (s.definedFlags & bits) == bits;
}

bool whole(Value x, int size) {
    return (x.defined & maskOf(size)) == maskOf(size);
}

// add, adc, sub, sbb, cmp, neg, inc, dec: the result and its flags (CF and OF in
// `carry`), from inputs whose defined bits are `defined`.
std::pair<Value, FlagResult> addSub(uint64_t a, uint64_t b, uint64_t carry, bool subtract,
                                    uint64_t defined, int size) {
    const uint64_t m = maskOf(size);
    uint32_t cfOf = 0;
    uint64_t r;
    if (subtract) {
        r = (a - b - carry) & m;
        if (u128{a} < u128{b} + carry) cfOf |= kCF;
        if ((a ^ b) & (a ^ r) & signOf(size)) cfOf |= kOF;
    } else {
        r = (a + b + carry) & m;
        if (u128{a} + b + carry > m) cfOf |= kCF;
        if ((a ^ r) & (b ^ r) & signOf(size)) cfOf |= kOF;
    }
    const Value out{r, definedPrefix(defined, m)};
    return {out, arithmeticFlags(out, size, kCF | kOF, cfOf, (defined & m) == m)};
}

// shl, shr, sar, rol, ror by a count already masked to 5 or 6 bits (not zero).
std::pair<Value, FlagResult> shift(Op op, Value a, unsigned count, int size) {
    const unsigned bits = 8 * size;
    const uint64_t m = maskOf(size), v = a.v & m, d = a.defined & m;
    Value r;
    unsigned outBit = 0; // the bit CF takes, of v (count <= bits)
    switch (op) {
    case Op::Shl:
        r.v = count >= bits ? 0 : (v << count) & m;
        r.defined = count >= bits ? m : ((d << count) | ((uint64_t{1} << count) - 1)) & m;
        outBit = bits - count;
        break;
    case Op::Shr:
        r.v = count >= bits ? 0 : v >> count;
        r.defined = count >= bits ? m : (d >> count) | (m & ~(m >> count));
        outBit = count - 1;
        break;
    case Op::Sar: {
        const unsigned k = count >= bits ? bits - 1 : count;
        r.v = static_cast<uint64_t>(signExtend(v, size) >> k) & m;
        const bool sign = d & signOf(size);
        r.defined = (static_cast<uint64_t>(signExtend(d, size) >> k) & m) & (sign ? m : m >> k);
        outBit = count > bits ? bits - 1 : count - 1;
        break;
    }
    default: { // rol, ror
        const unsigned k = count % bits, left = op == Op::Rol ? k : (bits - k) % bits;
        auto rotate = [&](uint64_t x) {
            return left == 0 ? x : ((x << left) | (x >> (bits - left))) & m;
        };
        r = {rotate(v), rotate(d)};
        break;
    }
    }
    if (op == Op::Rol || op == Op::Ror) { // CF and OF only; SF, ZF, PF stay
        const unsigned cfBit = op == Op::Rol ? 0 : bits - 1;
        const bool cf = (r.v >> cfBit) & 1, msb = (r.v >> (bits - 1)) & 1;
        const unsigned ofBit = op == Op::Rol ? cfBit : bits - 2; // OF = msb ^ this bit
        FlagResult f{cf ? kCF : 0u, kCF | kOF, 0};
        if ((r.defined >> cfBit) & 1) f.defined |= kCF;
        if (count == 1) {
            if (msb != bool((r.v >> ofBit) & 1)) f.values |= kOF;
            if ((r.defined >> (bits - 1)) & (r.defined >> ofBit) & 1) f.defined |= kOF;
        }
        return {r, f};
    }
    FlagResult f = signZeroParity(r, size);
    f.written |= kCF | kOF;
    const bool cf = count <= bits ? (op == Op::Sar ? (signExtend(v, size) >> outBit) & 1
                                                   : outBit < 64 && ((v >> outBit) & 1))
                                  : false;
    if (cf) f.values |= kCF;
    if (count <= bits && ((d >> outBit) & 1)) f.defined |= kCF;
    if (count == 1) { // OF: shl msb(r) ^ CF, shr msb(a), sar 0
        bool of = false, ofDefined = true;
        if (op == Op::Shl) {
            of = ((r.v >> (bits - 1)) & 1) != cf;
            ofDefined = ((r.defined >> (bits - 1)) & 1) && (f.defined & kCF);
        } else if (op == Op::Shr) {
            of = (v >> (bits - 1)) & 1;
            ofDefined = (d >> (bits - 1)) & 1;
        }
        if (of) f.values |= kOF;
        if (ofDefined) f.defined |= kOF;
    }
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

void divide(const Instruction& in, CpuState& s, int size) {
    const Operand rax = Operand::reg(0, size), rdx = Operand::reg(2, size);
    const Value d = readOperand(s, in.src, size), lo = readOperand(s, rax, size),
                hi = readOperand(s, rdx, size);
    const bool defined = whole(d, size) && whole(lo, size) && whole(hi, size);
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
    const uint64_t known = defined ? maskOf(size) : 0;
    writeOperand(s, rax, {q, known});
    writeOperand(s, rdx, {r, known});
    writeFlags(s, {0, kArithmeticFlags, 0});
}

// The opcodes whose every result bit counts as defined only when every input bit is.
void bitCount(const Instruction& in, CpuState& s, int size) {
    const uint64_t m = maskOf(size);
    const Value a = readOperand(s, in.src, size);
    Value b{0, m};
    if (in.op == Op::Andn) b = readOperand(s, in.src2, size);
    const bool defined = whole(a, size) && whole(b, size);
    const uint64_t known = defined ? m : 0;
    auto flags = [&](uint32_t values, uint32_t definedFlags) {
        writeFlags(s, {values, kArithmeticFlags, defined ? definedFlags : 0});
    };
    const uint32_t zero = a.v == 0 ? kZF : 0u, carryIfZero = a.v == 0 ? kCF : 0u;
    switch (in.op) {
    case Op::Bsf:
    case Op::Bsr:
        if (a.v == 0) { // the destination is undefined
            writeOperand(s, in.dst, {0, 0});
            s.defined[in.dst.value] = 0;
        } else {
            const uint64_t r =
                in.op == Op::Bsf ? std::countr_zero(a.v) : 63 - std::countl_zero(a.v);
            writeOperand(s, in.dst, {r, known});
        }
        flags(zero, kZF);
        return;
    case Op::Popcnt:
        writeOperand(s, in.dst, {uint64_t(std::popcount(a.v)), known});
        flags(zero, kArithmeticFlags);
        return;
    case Op::Lzcnt:
    case Op::Tzcnt: {
        const uint64_t r = in.op == Op::Lzcnt ? countLeadingZeros(a.v, size)
                           : a.v == 0         ? 8 * size
                                              : std::countr_zero(a.v);
        writeOperand(s, in.dst, {r, known});
        flags(carryIfZero | (r == 0 ? kZF : 0u), kCF | kZF);
        return;
    }
    default: { // andn, blsi, blsr, blsmsk
        uint64_t r = ((a.v - 1) ^ a.v) & m;
        uint32_t carry = carryIfZero;
        if (in.op == Op::Andn) {
            r = ~b.v & a.v & m;
            carry = 0;
        } else if (in.op == Op::Blsi) {
            r = (0 - a.v) & a.v & m;
            carry = a.v != 0 ? kCF : 0;
        } else if (in.op == Op::Blsr) {
            r = (a.v - 1) & a.v & m;
        }
        writeOperand(s, in.dst, {r, known});
        const uint32_t sz = signZeroParity({r, m}, size).values & (kSF | kZF);
        flags(sz | carry, kCF | kOF | kSF | kZF);
        return;
    }
    }
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
    const int size = operationSize(in);
    const uint64_t m = maskOf(size);
    auto src = [&] { return readOperand(s, in.src, size); };
    auto dst = [&] { return readOperand(s, in.dst, size); };
    if (oi.family == Family::CondMove || oi.family == Family::SetCond) {
        const bool defined = flagsDefined(s, flagsRead(oi.cond));
        const bool taken = conditionHolds(oi.cond, s.flags);
        if (oi.family == Family::SetCond) {
            writeOperand(s, in.dst, {taken ? 1u : 0u, defined ? 0xffu : 0u});
            return;
        }
        const Value a = src(), b = dst(); // the source is read, the upper half zeroed, either way
        const Value r = taken ? a : b;
        writeOperand(s, in.dst, {r.v, defined ? r.defined : 0});
        return;
    }
    switch (in.op) {
    case Op::Mov:
        writeOperand(s, in.dst, src());
        return;
    case Op::Movzx:
    case Op::Movsx: {
        const Value a = readOperand(s, in.src, in.src.size);
        const uint64_t from = maskOf(in.src.size), high = m & ~from;
        if (in.op == Op::Movzx) {
            writeOperand(s, in.dst, {a.v, a.defined | high});
        } else {
            const bool sign = a.defined & signOf(in.src.size);
            writeOperand(s, in.dst,
                         {signExtend(a.v, in.src.size) & m, a.defined | (sign ? high : 0)});
        }
        return;
    }
    case Op::Add:
    case Op::Adc:
    case Op::Sub:
    case Op::Sbb:
    case Op::Cmp:
    case Op::Neg:
    case Op::Inc:
    case Op::Dec: {
        const bool unary = in.op == Op::Neg || in.op == Op::Inc || in.op == Op::Dec;
        const Value a = in.op == Op::Neg ? Value{0, m} : dst();
        const Value b = in.op == Op::Neg ? dst() : unary ? Value{1, m} : src();
        const bool withCarry = in.op == Op::Adc || in.op == Op::Sbb;
        const uint64_t carry = withCarry ? (s.flags & kCF) != 0 : 0;
        uint64_t defined = a.defined & b.defined;
        // `sub %eax, %eax` is zero (`sbb` minus the carry) whatever %eax held.
        if (in.op != Op::Adc && in.op != Op::Add && selfCancels(in)) defined = m;
        if (withCarry && !flagsDefined(s, kCF)) defined = 0;
        const bool subtract = in.op == Op::Sub || in.op == Op::Sbb || in.op == Op::Cmp ||
                              in.op == Op::Neg || in.op == Op::Dec;
        auto [r, f] = addSub(a.v, b.v, carry, subtract, defined, size);
        if (in.op == Op::Inc || in.op == Op::Dec) f.written &= ~kCF; // CF stays
        if (in.op != Op::Cmp) writeOperand(s, in.dst, r);
        writeFlags(s, f);
        return;
    }
    case Op::And:
    case Op::Or:
    case Op::Xor:
    case Op::Test: {
        const Value a = dst(), b = src();
        const uint64_t both = a.defined & b.defined;
        Value r;
        if (in.op == Op::Or) {
            r = {a.v | b.v, both | (a.defined & a.v) | (b.defined & b.v)}; // a defined 1 decides
        } else if (in.op == Op::Xor) {
            r = {a.v ^ b.v, selfCancels(in) ? m : both};
        } else {
            r = {a.v & b.v, both | (a.defined & ~a.v) | (b.defined & ~b.v)}; // so does a 0
        }
        r.defined &= m;
        if (in.op != Op::Test) writeOperand(s, in.dst, r);
        FlagResult f = signZeroParity(r, size);
        f.written |= kCF | kOF;
        f.defined |= kCF | kOF;
        writeFlags(s, f);
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
        const uint64_t countBits = size == 8 ? 63 : 31;
        const bool countDefined = (c.defined & countBits) == countBits;
        const unsigned count = c.v & countBits;
        if (!countDefined) { // nothing is known
            writeOperand(s, in.dst, {a.v, 0});
            writeFlags(s, {0, kArithmeticFlags, 0});
            return;
        }
        if (count == 0) { // flags stay; a 32-bit destination is still written
            writeOperand(s, in.dst, a);
            return;
        }
        auto [r, f] = shift(in.op, a, count, size);
        writeOperand(s, in.dst, r);
        writeFlags(s, f);
        return;
    }
    case Op::Imul:
    case Op::Imul3: {
        const Value a = in.op == Op::Imul ? dst() : readOperand(s, in.src2, size), b = src();
        const i128 full = i128{signExtend(a.v, size)} * signExtend(b.v, size);
        const uint64_t r = static_cast<uint64_t>(full) & m;
        const bool overflow = full != signExtend(r, size);
        const uint64_t defined = a.defined & b.defined & m;
        writeOperand(s, in.dst, {r, definedPrefix(defined, m)});
        writeFlags(s, {overflow ? kCF | kOF : 0u, kArithmeticFlags, defined == m ? kCF | kOF : 0u});
        return;
    }
    case Op::Lea: {
        const Operand& a = in.src;
        Value base{0, m}, index{0, m};
        if (a.base >= 0) base = readOperand(s, Operand::reg(a.base, size), size);
        if (a.index >= 0) index = readOperand(s, Operand::reg(a.index, size), size);
        const int shift = std::countr_zero(unsigned{a.scale});
        const uint64_t indexDefined = ((index.defined << shift) | ((uint64_t{1} << shift) - 1)) & m;
        const uint64_t r =
            (base.v + index.v * a.scale + static_cast<uint64_t>(int64_t{a.value})) & m;
        writeOperand(s, in.dst, {r, definedPrefix(base.defined & indexDefined, m)});
        return;
    }
    case Op::Cdq:
    case Op::Cqo: {
        const Value a = readOperand(s, Operand::reg(0, size), size);
        const bool sign = a.defined & signOf(size);
        writeOperand(s, Operand::reg(2, size), {a.v & signOf(size) ? m : 0, sign ? m : 0});
        return;
    }
    case Op::Div:
    case Op::Idiv:
        divide(in, s, size);
        return;
    case Op::Bswap: {
        const Value a = dst();
        Value r;
        for (int b = 0; b < size; ++b) {
            r.v |= ((a.v >> 8 * b) & 0xff) << 8 * (size - 1 - b);
            r.defined |= ((a.defined >> 8 * b) & 0xff) << 8 * (size - 1 - b);
        }
        writeOperand(s, in.dst, r);
        return;
    }
    case Op::Bsf:
    case Op::Bsr:
    case Op::Popcnt:
    case Op::Lzcnt:
    case Op::Tzcnt:
    case Op::Andn:
    case Op::Blsi:
    case Op::Blsr:
    case Op::Blsmsk:
        bitCount(in, s, size);
        return;
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
