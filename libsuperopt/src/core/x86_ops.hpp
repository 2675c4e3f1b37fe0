// What one general instruction computes from the values it reads: the pure part of
// the x86 semantics, with x86's exact flags (Intel SDM, volume 2) and undefined bits
// tracked bit by bit (a result bit is defined when the input bits it depends on are:
// bitwise operations bit for bit, additions and multiplications from bit 0 up to the
// first undefined input bit, a defined zero masking an `and`; what is not worked out
// exactly counts as wholly undefined as soon as any input bit is, which is safe).
//
// Shared by the one-case reference (x86_semantics.cpp) and the batched emulator's lane
// loops (general_lanes.cpp, compiled once per vector path): both read the operands
// their own way, call compute() and write its effect, so they cannot disagree on what an
// instruction means. Internal to the library. Everything is in an anonymous namespace,
// so each translation unit, whatever its instruction-set flags, has its own copy and
// no copy compiled for AVX-512 can stand in for the reference's at link time.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/x86_flags.hpp"

#include <bit>
#include <cstdint>
#include <utility>

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
// Whether the low byte has an even number of ones (PF), without a popcount
// instruction that baseline x86-64 lacks.
constexpr bool evenParity(uint64_t v) {
    uint64_t x = v & 0xff;
    x ^= x >> 4;
    x ^= x >> 2;
    x ^= x >> 1;
    return (x & 1) == 0;
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

[[gnu::always_inline]] inline uint32_t conditionFlags(Cond c) {
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

[[gnu::always_inline]] inline bool holds(Cond c, uint32_t f) {
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

// SF, ZF and PF of a result, and which of them its defined bits decide.
[[gnu::always_inline]] inline FlagResult signZeroParity(Value r, int size) {
    const uint64_t m = maskOf(size), d = r.defined & m;
    FlagResult f{0, kSF | kZF | kPF, 0};
    if (r.v & signOf(size)) f.values |= kSF;
    if ((r.v & m) == 0) f.values |= kZF;
    if (evenParity(r.v)) f.values |= kPF;
    if (d & signOf(size)) f.defined |= kSF;
    if (d == m || (r.v & d) != 0) f.defined |= kZF; // a defined 1-bit: not zero
    if ((d & 0xff) == 0xff) f.defined |= kPF;
    return f;
}

// The flags of an arithmetic result: SF, ZF, PF from its bits, and `others` (CF, OF)
// defined only when every bit of the operation was.
[[gnu::always_inline]] inline FlagResult arithmeticFlags(Value r, int size, uint32_t others,
                                                         uint32_t values, bool allDefined) {
    FlagResult f = signZeroParity(r, size);
    f.written |= others;
    f.values |= values & others;
    if (allDefined) f.defined |= others;
    return f;
}

[[gnu::always_inline]] inline bool whole(Value x, int size) {
    return (x.defined & maskOf(size)) == maskOf(size);
}

// add, adc, sub, sbb, cmp, neg, inc, dec: the result and its flags (CF and OF in
// `carry`), from inputs whose defined bits are `defined`.
[[gnu::always_inline]] inline std::pair<Value, FlagResult>
addSub(uint64_t a, uint64_t b, uint64_t carry, bool subtract, uint64_t defined, int size) {
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
[[gnu::always_inline]] inline std::pair<Value, FlagResult> shift(Op op, Value a, unsigned count,
                                                                 int size) {
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

inline unsigned countLeadingZeros(uint64_t v, int size) {
    return v == 0 ? 8 * size : std::countl_zero(v) - (64 - 8 * size);
}

// Whether both operands are the same register: then xor and sub give zero (and sbb
// minus the carry) whatever it held, the idiom compilers zero registers with.
[[gnu::always_inline]] inline bool selfCancels(const Instruction& in) {
    return in.src.kind == kReg && in.src == in.dst;
}

// A register's value and defined bits after `x` is written to it at `size` bytes, from
// bit `shift` (8: a high-byte register): a 32-bit write zeroes the upper half (and
// defines it), 8- and 16-bit writes keep the other bits.
[[gnu::always_inline]] inline Value writtenRegister(Value old, Value x, int size, int shift) {
    if (size == 4) return {x.v & maskOf(4), (x.defined & maskOf(4)) | ~maskOf(4)};
    if (size == 8) return x;
    const uint64_t field = maskOf(size) << shift;
    return {(old.v & ~field) | ((x.v << shift) & field),
            (old.defined & ~field) | ((x.defined << shift) & field)};
}

// compute(in, oi, size, x, out) runs one instruction (not a jump or label): `x` gives
// the values it reads, each zero-extended from the width it reads it at:
//   x.dst()        the destination's old value, at the operation size
//   x.src()        at the operation size; movzx/movsx: at its own; shifts: the count
//                  byte; lea: the base register ({0, mask} without one)
//   x.src2()       three-operand imul and andn; lea: the index register ({0, mask})
//   x.rax(), x.rdx()  div, idiv, cltd, cqto
//   x.flags(), x.definedFlags()
// and `out` takes what it writes: out.dst(Value) (by the rules of the destination's
// width), out.dstUndefined() (bsf/bsr of zero: every bit of the register undefined),
// out.rax(Value), out.rdx(Value), out.flags(FlagResult), or out.fault() (#DE: nothing
// else is written). The one-case reference gathers and applies a whole state; the lane
// loops read and write their arrays directly.

// The width an instruction reads its source at (x.src()).
[[gnu::always_inline]] inline int sourceSize(const Instruction& in, int size) {
    if (in.op == Op::Movzx || in.op == Op::Movsx) return in.src.size;
    if (isShift(in.op)) return 1;
    return size;
}

template <class In, class Out>
inline void divide(const Instruction& in, const In& x, int size, Out& out) {
    const Value d = x.src(), lo = x.rax(), hi = x.rdx();
    const bool defined = whole(d, size) && whole(lo, size) && whole(hi, size);
    const u128 dividend = (u128{hi.v} << 8 * size) | lo.v;
    if (d.v == 0) {
        out.fault();
        return;
    }
    uint64_t q, r;
    if (in.op == Op::Div) {
        const u128 quotient = dividend / d.v;
        if (quotient > maskOf(size)) {
            out.fault();
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
            out.fault();
            return;
        }
        const i128 quotient = sd / divisor;
        if (quotient < min || quotient > max) {
            out.fault();
            return;
        }
        q = static_cast<uint64_t>(quotient) & maskOf(size);
        r = static_cast<uint64_t>(sd % divisor) & maskOf(size);
    }
    const uint64_t known = defined ? maskOf(size) : 0;
    out.rax({q, known});
    out.rdx({r, known});
    out.flags({0, kArithmeticFlags, 0});
}

// The opcodes whose every result bit counts as defined only when every input bit is.
template <class In, class Out>
inline void bitCount(const Instruction& in, const In& x, int size, Out& out) {
    const uint64_t m = maskOf(size);
    const Value a = x.src();
    const Value b = in.op == Op::Andn ? x.src2() : Value{0, m};
    const bool defined = whole(a, size) && whole(b, size);
    const uint64_t known = defined ? m : 0;
    auto flags = [&](uint32_t values, uint32_t definedFlags) {
        out.flags({values, kArithmeticFlags, defined ? definedFlags : 0});
    };
    const uint32_t zero = a.v == 0 ? kZF : 0u, carryIfZero = a.v == 0 ? kCF : 0u;
    switch (in.op) {
    case Op::Bsf:
    case Op::Bsr:
        if (a.v == 0) { // the destination is undefined
            out.dstUndefined();
        } else {
            const uint64_t r =
                in.op == Op::Bsf ? std::countr_zero(a.v) : 63 - std::countl_zero(a.v);
            out.dst({r, known});
        }
        flags(zero, kZF);
        return;
    case Op::Popcnt:
        out.dst({uint64_t(std::popcount(a.v)), known});
        flags(zero, kArithmeticFlags);
        return;
    case Op::Lzcnt:
    case Op::Tzcnt: {
        const uint64_t r = in.op == Op::Lzcnt ? countLeadingZeros(a.v, size)
                           : a.v == 0         ? 8 * size
                                              : std::countr_zero(a.v);
        out.dst({r, known});
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
        out.dst({r, known});
        const uint32_t sz = signZeroParity({r, m}, size).values & (kSF | kZF);
        flags(sz | carry, kCF | kOF | kSF | kZF);
        return;
    }
    }
}

template <class In, class Out>
[[gnu::always_inline]] inline void addSubtract(const Instruction& in, const In& x, int size,
                                               Out& out) {
    const uint64_t m = maskOf(size);
    const bool unary = in.op == Op::Neg || in.op == Op::Inc || in.op == Op::Dec;
    const Value a = in.op == Op::Neg ? Value{0, m} : x.dst();
    const Value b = in.op == Op::Neg ? x.dst() : unary ? Value{1, m} : x.src();
    const bool withCarry = in.op == Op::Adc || in.op == Op::Sbb;
    const uint64_t carry = withCarry ? (x.flags() & kCF) != 0 : 0;
    uint64_t defined = a.defined & b.defined;
    // `sub %eax, %eax` is zero (`sbb` minus the carry) whatever %eax held.
    if (in.op != Op::Adc && in.op != Op::Add && selfCancels(in)) defined = m;
    if (withCarry && !(x.definedFlags() & kCF)) defined = 0;
    const bool subtract = in.op == Op::Sub || in.op == Op::Sbb || in.op == Op::Cmp ||
                          in.op == Op::Neg || in.op == Op::Dec;
    auto [r, f] = addSub(a.v, b.v, carry, subtract, defined, size);
    if (in.op == Op::Inc || in.op == Op::Dec) f.written &= ~kCF; // CF stays
    if (in.op != Op::Cmp) out.dst(r);
    out.flags(f);
}

template <class In, class Out>
[[gnu::always_inline]] inline void logic(const Instruction& in, const In& x, int size, Out& out) {
    const uint64_t m = maskOf(size);
    const Value a = x.dst(), b = x.src();
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
    if (in.op != Op::Test) out.dst(r);
    FlagResult f = signZeroParity(r, size);
    f.written |= kCF | kOF;
    f.defined |= kCF | kOF;
    out.flags(f);
}

template <class In, class Out>
[[gnu::always_inline]] inline void shiftOrRotate(const Instruction& in, const In& x, int size,
                                                 Out& out) {
    const Value a = x.dst(), c = x.src();
    const uint64_t countBits = size == 8 ? 63 : 31;
    const bool countDefined = (c.defined & countBits) == countBits;
    const unsigned count = c.v & countBits;
    if (!countDefined) { // nothing is known
        out.dst({a.v, 0});
        out.flags({0, kArithmeticFlags, 0});
        return;
    }
    if (count == 0) { // flags stay; a 32-bit destination is still written
        out.dst(a);
        return;
    }
    auto [r, f] = shift(in.op, a, count, size);
    out.dst(r);
    out.flags(f);
}

template <class In, class Out>
[[gnu::always_inline]] inline void multiply(const Instruction& in, const In& x, int size,
                                            Out& out) {
    const uint64_t m = maskOf(size);
    const Value a = in.op == Op::Imul ? x.dst() : x.src2(), b = x.src();
    const i128 full = i128{signExtend(a.v, size)} * signExtend(b.v, size);
    const uint64_t r = static_cast<uint64_t>(full) & m;
    const bool overflow = full != signExtend(r, size);
    const uint64_t defined = a.defined & b.defined & m;
    out.dst({r, definedPrefix(defined, m)});
    out.flags({overflow ? kCF | kOF : 0u, kArithmeticFlags, defined == m ? kCF | kOF : 0u});
}

template <class In, class Out>
[[gnu::always_inline]] inline void loadEffectiveAddress(const Instruction& in, const In& x,
                                                        int size, Out& out) {
    const uint64_t m = maskOf(size);
    const Value base = x.src(), index = x.src2();
    const int shift = std::countr_zero(unsigned{in.src.scale});
    const uint64_t indexDefined = ((index.defined << shift) | ((uint64_t{1} << shift) - 1)) & m;
    const uint64_t r =
        (base.v + index.v * in.src.scale + static_cast<uint64_t>(int64_t{in.src.value})) & m;
    out.dst({r, definedPrefix(base.defined & indexDefined, m)});
}

// Runs one instruction (not a jump or label): see above; `oi` is info(in.op).
template <class In, class Out>
[[gnu::always_inline]] inline void compute(const Instruction& in, const OpcodeInfo& oi, int size,
                                           const In& x, Out& out) {
    const uint64_t m = maskOf(size);
    if (oi.family == Family::CondMove || oi.family == Family::SetCond) {
        const uint32_t read = conditionFlags(oi.cond);
        const bool defined = (x.definedFlags() & read) == read;
        const bool taken = holds(oi.cond, x.flags());
        if (oi.family == Family::SetCond) {
            out.dst({taken ? 1u : 0u, defined ? 0xffu : 0u});
        } else { // the source is read, the upper half zeroed, either way
            const Value r = taken ? x.src() : x.dst();
            out.dst({r.v, defined ? r.defined : 0});
        }
        return;
    }
    switch (in.op) {
    case Op::Mov:
        out.dst(x.src());
        return;
    case Op::Movzx:
    case Op::Movsx: {
        const Value a = x.src();
        const uint64_t from = maskOf(in.src.size), high = m & ~from;
        if (in.op == Op::Movzx) {
            out.dst({a.v, a.defined | high});
        } else {
            const bool sign = a.defined & signOf(in.src.size);
            out.dst({signExtend(a.v, in.src.size) & m, a.defined | (sign ? high : 0)});
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
    case Op::Dec:
        addSubtract(in, x, size, out);
        return;
    case Op::And:
    case Op::Or:
    case Op::Xor:
    case Op::Test:
        logic(in, x, size, out);
        return;
    case Op::Not: {
        const Value a = x.dst();
        out.dst({~a.v & m, a.defined});
        return;
    }
    case Op::Shl:
    case Op::Shr:
    case Op::Sar:
    case Op::Rol:
    case Op::Ror:
        shiftOrRotate(in, x, size, out);
        return;
    case Op::Imul:
    case Op::Imul3:
        multiply(in, x, size, out);
        return;
    case Op::Lea:
        loadEffectiveAddress(in, x, size, out);
        return;
    case Op::Cdq:
    case Op::Cqo: {
        const Value a = x.rax();
        const bool sign = a.defined & signOf(size);
        out.rdx({a.v & signOf(size) ? m : 0, sign ? m : 0});
        return;
    }
    case Op::Div:
    case Op::Idiv:
        divide(in, x, size, out);
        return;
    case Op::Bswap: {
        const Value a = x.dst();
        Value r;
        for (int b = 0; b < size; ++b) {
            r.v |= ((a.v >> 8 * b) & 0xff) << 8 * (size - 1 - b);
            r.defined |= ((a.defined >> 8 * b) & 0xff) << 8 * (size - 1 - b);
        }
        out.dst(r);
        return;
    }
    default: // bsf bsr popcnt lzcnt tzcnt andn blsi blsr blsmsk
        bitCount(in, x, size, out);
        return;
    }
}

} // namespace
} // namespace superopt
