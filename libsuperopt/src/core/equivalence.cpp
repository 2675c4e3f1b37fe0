// The SMT encoding of general programs (Z3 bit-vectors): a symbolic machine state,
// one encoding per opcode mirroring x86_semantics.cpp, forward jumps as if-then-else
// merges of the states reaching each label.
#include "superopt/core/equivalence.hpp"

#include <z3++.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <stop_token>
#include <thread>

namespace superopt {

namespace {

// The machine as expressions: 64-bit registers, Boolean flags, the red zone's bytes, a
// sorting kernel's buffer words, and whether a fault happened on the way.
struct SymState {
    std::vector<z3::expr> regs;
    z3::expr cf, pf, zf, sf, of;
    std::vector<z3::expr> stack;
    z3::expr fault;
    std::vector<z3::expr> words;
};

class Encoder {
  public:
    // `lengthSlot`: the buffer word holding a varsort kernel's length (then touching a
    // word past it, or writing it, faults), or -1.
    explicit Encoder(z3::context& c, int lengthSlot = -1) : c_(c), lengthSlot_(lengthSlot) {}

    // A value nothing defines: a fresh variable.
    z3::expr fresh(unsigned bits) {
        return c_.bv_const(("u" + std::to_string(next_++)).c_str(), bits);
    }
    z3::expr freshBool() { return c_.bool_const(("b" + std::to_string(next_++)).c_str()); }

    // A concrete state; its undefined bits (and flags, bytes) free.
    SymState fromConcrete(const CpuState& s) {
        SymState out{{},          bit(s, kCF), bit(s, kPF),        bit(s, kZF), bit(s, kSF),
                     bit(s, kOF), {},          c_.bool_val(false), {}};
        for (int r = 0; r < kGeneralRegisters; ++r) {
            const z3::expr known = c_.bv_val(s.regs[r] & s.defined[r], 64);
            out.regs.push_back(known | (fresh(64) & c_.bv_val(~s.defined[r], 64)));
        }
        for (int b = 0; b < kRedZone; ++b)
            out.stack.push_back(s.stackDefined[b] ? c_.bv_val(s.stack[b], 8) : fresh(8));
        return out;
    }

    // Whatever the caller left: each register, flag and stack byte a variable, named
    // as callerState() names them; `words` buffer words "w0", "w1", ...
    SymState callerLeft(int words = 0) {
        SymState s{{},
                   c_.bool_const("CF"),
                   c_.bool_const("PF"),
                   c_.bool_const("ZF"),
                   c_.bool_const("SF"),
                   c_.bool_const("OF"),
                   {},
                   c_.bool_val(false),
                   {}};
        for (int r = 0; r < kGeneralRegisters; ++r)
            s.regs.push_back(c_.bv_const(("%" + std::string(registerName(r, 8))).c_str(), 64));
        for (int b = 0; b < kRedZone; ++b) s.stack.push_back(fresh(8));
        for (int k = 0; k < words; ++k)
            s.words.push_back(c_.bv_const(("w" + std::to_string(k)).c_str(), 32));
        if (words > 0) {
            buffer_ = c_.bv_const("buffer", 64);
            s.regs[kRdi] = *buffer_;
        }
        return s;
    }

    // The state at a function's entry: the arguments (a 32-bit one's upper half is the
    // caller's), everything else whatever the caller left.
    SymState entry(const Signature& sig, std::vector<z3::expr>& args) {
        SymState s = callerLeft();
        for (size_t k = 0; k < sig.args.size(); ++k) {
            const bool wide = isWide(sig.args[k]);
            args.push_back(c_.bv_const(("arg" + std::to_string(k)).c_str(), wide ? 64 : 32));
            const int r = argumentRegister(static_cast<int>(k));
            s.regs[r] = wide ? args.back() : z3::concat(fresh(32), args.back());
        }
        return s;
    }

    SymState run(const Program& p, SymState s) {
        z3::expr reach = c_.bool_val(true); // the fall-through path reaches here
        bool dead = false;                  // it does not: a jmp came before
        std::map<int, std::pair<z3::expr, SymState>> incoming;
        for (const Instruction& in : p.code) {
            const OpcodeInfo& oi = info(in.op);
            if (oi.family == Family::Label) {
                auto it = incoming.find(in.dst.value);
                if (it == incoming.end()) continue;
                // After a jmp only the jumps come here: their state, not a merge with a
                // dead one (which would make every value an if-then-else).
                s = dead ? it->second.second : merge(it->second.first, it->second.second, s);
                reach = dead ? it->second.first : reach || it->second.first;
                dead = false;
                incoming.erase(it);
                continue;
            }
            if (dead) continue; // code no path reaches
            if (oi.family == Family::Jump) {
                const z3::expr taken =
                    oi.cond == Cond::Always ? reach : reach && condition(oi.cond, s);
                auto it = incoming.find(in.dst.value);
                if (it == incoming.end())
                    incoming.emplace(in.dst.value, std::pair{taken, s});
                else
                    it->second = {taken || it->second.first, merge(taken, s, it->second.second)};
                reach = reach && !taken;
                dead = oi.cond == Cond::Always;
                continue;
            }
            const z3::expr before = s.fault;
            execute(in, s);
            s.fault = before || (reach && s.fault); // an instruction faults only where it runs
        }
        return s;
    }

    z3::expr condition(Cond c, const SymState& s) {
        switch (c) {
        case Cond::Always:
            return c_.bool_val(true);
        case Cond::O:
            return s.of;
        case Cond::NO:
            return !s.of;
        case Cond::B:
            return s.cf;
        case Cond::AE:
            return !s.cf;
        case Cond::E:
            return s.zf;
        case Cond::NE:
            return !s.zf;
        case Cond::BE:
            return s.cf || s.zf;
        case Cond::A:
            return !s.cf && !s.zf;
        case Cond::S:
            return s.sf;
        case Cond::NS:
            return !s.sf;
        case Cond::P:
            return s.pf;
        case Cond::NP:
            return !s.pf;
        case Cond::L:
            return s.sf != s.of;
        case Cond::GE:
            return s.sf == s.of;
        case Cond::LE:
            return s.zf || s.sf != s.of;
        case Cond::G:
            return !s.zf && s.sf == s.of;
        }
        return c_.bool_val(false);
    }

    z3::expr read(const SymState& s, const Operand& o, unsigned size) {
        switch (o.kind) {
        case kImm:
            return c_.bv_val(static_cast<uint64_t>(int64_t{o.value}), 64).extract(8 * size - 1, 0);
        case kReg: {
            const unsigned lo = o.high ? 8 : 0;
            return s.regs[o.value].extract(lo + 8 * size - 1, lo);
        }
        case kAddr: {
            if (!o.isStack()) {
                requireBuffer();
                return atAddress(s, address(s, o));
            }
            z3::expr v = s.stack[o.value + kRedZone];
            for (unsigned b = 1; b < size; ++b) v = z3::concat(s.stack[o.value + kRedZone + b], v);
            return v;
        }
        case kMem: // past the buffer: a fault (bufferFault), any value
            requireBuffer();
            return o.value < static_cast<int>(s.words.size()) ? s.words[o.value] : fresh(32);
        default:
            throw std::logic_error("smt: operand kind outside general programs");
        }
    }

    void write(SymState& s, const Operand& o, const z3::expr& v) {
        if (o.kind == kMem) {
            requireBuffer();
            if (o.value < static_cast<int>(s.words.size())) s.words[o.value] = v;
            return;
        }
        if (o.kind == kAddr && !o.isStack()) {
            requireBuffer();
            const z3::expr a = address(s, o);
            for (size_t k = 0; k < s.words.size(); ++k)
                s.words[k] = choose(isWord(a, k), v, s.words[k]);
            return;
        }
        if (o.kind == kAddr) {
            for (unsigned b = 0; b < o.size; ++b)
                s.stack[o.value + kRedZone + b] = v.extract(8 * b + 7, 8 * b);
            return;
        }
        z3::expr& reg = s.regs[o.value];
        if (o.size == 4) {
            reg = z3::zext(v, 32);
        } else if (o.size == 8) {
            reg = v;
        } else {
            const unsigned lo = o.high ? 8 : 0, hi = lo + 8 * o.size;
            z3::expr out = v;
            if (lo > 0) out = z3::concat(out, reg.extract(lo - 1, 0));
            reg = z3::concat(reg.extract(63, hi), out);
        }
    }

  private:
    z3::expr bit(const CpuState& s, uint32_t flag) {
        return s.definedFlags & flag ? c_.bool_val((s.flags & flag) != 0) : freshBool();
    }

    // The state `a` where `cond` holds, else `b`. Values the two paths share (the same
    // term) stay themselves: later reads of them then meet as one term.
    SymState merge(const z3::expr& cond, const SymState& a, const SymState& b) {
        auto pick = [&](const z3::expr& x, const z3::expr& y) {
            return z3::eq(x, y) ? x : z3::ite(cond, x, y);
        };
        SymState out = b;
        for (size_t r = 0; r < out.regs.size(); ++r) out.regs[r] = pick(a.regs[r], b.regs[r]);
        for (size_t i = 0; i < out.stack.size(); ++i) out.stack[i] = pick(a.stack[i], b.stack[i]);
        for (size_t i = 0; i < out.words.size(); ++i) out.words[i] = pick(a.words[i], b.words[i]);
        out.cf = pick(a.cf, b.cf);
        out.pf = pick(a.pf, b.pf);
        out.zf = pick(a.zf, b.zf);
        out.sf = pick(a.sf, b.sf);
        out.of = pick(a.of, b.of);
        out.fault = pick(a.fault, b.fault);
        return out;
    }

    z3::expr isTrue(const z3::expr& oneBit) { return oneBit == c_.bv_val(1, 1); }
    z3::expr msb(const z3::expr& v) {
        return isTrue(v.extract(v.get_sort().bv_size() - 1, v.get_sort().bv_size() - 1));
    }

    // SF, ZF, PF of a result.
    void signZeroParity(SymState& s, const z3::expr& r) {
        s.sf = msb(r);
        s.zf = r == c_.bv_val(0, r.get_sort().bv_size());
        z3::expr parity = r.extract(0, 0);
        for (unsigned b = 1; b < 8; ++b) parity = parity ^ r.extract(b, b);
        s.pf = parity == c_.bv_val(0, 1);
    }

    void undefinedFlags(SymState& s, uint32_t which) {
        if (which & kCF) s.cf = freshBool();
        if (which & kPF) s.pf = freshBool();
        if (which & kZF) s.zf = freshBool();
        if (which & kSF) s.sf = freshBool();
        if (which & kOF) s.of = freshBool();
    }

    z3::expr val(uint64_t v, unsigned size) { return c_.bv_val(v, 8 * size); }

    // The address of memory through registers: base + index * scale + displacement.
    z3::expr address(const SymState& s, const Operand& o) {
        z3::expr a = c_.bv_val(static_cast<uint64_t>(int64_t{o.value}), 64);
        if (o.base >= 0) a = a + s.regs[o.base];
        if (o.index >= 0) a = a + s.regs[o.index] * c_.bv_val(o.scale, 64);
        return a;
    }

    // Whether address `a` is the buffer's word k (simplified: constant for the constant
    // offsets from the buffer's pointer that kernels use).
    z3::expr isWord(const z3::expr& a, size_t k) {
        return (a == *buffer_ + c_.bv_val(4 * k, 64)).simplify();
    }

    // Buffer memory exists only in a sorting kernel's encoding (callerLeft with words):
    // elsewhere such an operand would fault everywhere, and a target that faults is
    // equal to anything.
    void requireBuffer() const {
        if (!buffer_) throw std::logic_error("smt: buffer memory outside a sorting kernel");
    }

    // The buffer's word at address `a`; any value where there is none (a fault).
    z3::expr atAddress(const SymState& s, const z3::expr& a) {
        z3::expr v = fresh(32);
        for (size_t k = s.words.size(); k-- > 0;) v = choose(isWord(a, k), s.words[k], v);
        return v;
    }

    // `cond ? a : b`, without an if-then-else where the condition is constant.
    z3::expr choose(const z3::expr& cond, const z3::expr& a, const z3::expr& b) {
        return cond.is_true() ? a : cond.is_false() ? b : z3::ite(cond, a, b);
    }

    // Whether the instruction touches memory other than the buffer's words or, in a
    // varsort kernel, a word past the length (which word lengthSlot_ holds: nothing may
    // write it), or writes the length.
    z3::expr bufferFault(const Instruction& in, const SymState& s) {
        z3::expr out = c_.bool_val(false);
        for (const Operand* o : {&in.src, &in.dst, &in.src2}) {
            if (o->kind != kMem && (o->kind != kAddr || o->isStack() || in.op == Op::Lea)) continue;
            requireBuffer();
            const bool written = o == &in.dst && info(in.op).writesDst;
            const z3::expr a =
                o->kind == kMem ? *buffer_ + c_.bv_val(4 * int64_t{o->value}, 64) : address(s, *o);
            z3::expr somewhere = c_.bool_val(false);
            for (size_t k = 0; k < s.words.size(); ++k) {
                const z3::expr here = isWord(a, k);
                somewhere = somewhere || here;
                if (static_cast<int>(k) == lengthSlot_ && written) out = out || here;
                if (lengthSlot_ >= 0 && static_cast<int>(k) != lengthSlot_)
                    out = out || (here && c_.bv_val(static_cast<int>(k) - lengthSlot_, 32) >
                                              s.words[lengthSlot_]);
            }
            out = out || !somewhere;
        }
        return out.simplify();
    }

    void addSub(SymState& s, const Instruction& in, unsigned size) {
        const unsigned w = 8 * size;
        const bool subtract = in.op == Op::Sub || in.op == Op::Sbb || in.op == Op::Cmp ||
                              in.op == Op::Neg || in.op == Op::Dec;
        const bool carry = in.op == Op::Adc || in.op == Op::Sbb;
        z3::expr a = in.op == Op::Neg ? val(0, size) : read(s, in.dst, size);
        z3::expr b = in.op == Op::Neg                       ? read(s, in.dst, size)
                     : in.op == Op::Inc || in.op == Op::Dec ? val(1, size)
                                                            : read(s, in.src, size);
        const z3::expr c =
            carry ? z3::ite(s.cf, c_.bv_val(1, w + 1), c_.bv_val(0, w + 1)) : c_.bv_val(0, w + 1);
        const z3::expr wideA = z3::zext(a, 1), wideB = z3::zext(b, 1);
        const z3::expr full = subtract ? wideA - wideB - c : wideA + wideB + c;
        const z3::expr r = full.extract(w - 1, 0);
        const z3::expr cf = isTrue(full.extract(w, w));
        const z3::expr of = subtract ? msb((a ^ b) & (a ^ r)) : msb((a ^ r) & (b ^ r));
        if (in.op != Op::Cmp) write(s, in.dst, r);
        if (in.op != Op::Inc && in.op != Op::Dec) s.cf = cf;
        s.of = of;
        signZeroParity(s, r);
    }

    void shift(SymState& s, const Instruction& in, unsigned size) {
        const unsigned w = 8 * size;
        const z3::expr a = read(s, in.dst, size);
        z3::expr count = read(s, in.src, 1) & c_.bv_val(size == 8 ? 63 : 31, 8);
        const z3::expr cnt = w > 8 ? z3::zext(count, w - 8) : count;
        const z3::expr bits = c_.bv_val(w, w), one = c_.bv_val(1, w), zero = c_.bv_val(0, w);
        const z3::expr isZero = count == c_.bv_val(0, 8), isOne = count == c_.bv_val(1, 8);
        z3::expr r = a, cf = s.cf, of = s.of;
        switch (in.op) {
        case Op::Shl:
            r = z3::shl(a, cnt);
            cf = z3::ite(z3::ugt(cnt, bits), freshBool(),
                         isTrue(z3::lshr(a, bits - cnt).extract(0, 0)));
            of = z3::ite(isOne, msb(r) != cf, freshBool());
            break;
        case Op::Shr:
            r = z3::lshr(a, cnt);
            cf = z3::ite(z3::ugt(cnt, bits), freshBool(),
                         isTrue(z3::lshr(a, cnt - one).extract(0, 0)));
            of = z3::ite(isOne, msb(a), freshBool());
            break;
        case Op::Sar:
            r = z3::ashr(a, cnt);
            cf = z3::ite(z3::ugt(cnt, bits), freshBool(),
                         isTrue(z3::ashr(a, cnt - one).extract(0, 0)));
            of = z3::ite(isOne, c_.bool_val(false), freshBool());
            break;
        default: { // rol, ror
            const z3::expr k = z3::urem(cnt, bits);
            const z3::expr left = in.op == Op::Rol ? k : z3::ite(k == zero, zero, bits - k);
            r = z3::shl(a, left) | z3::lshr(a, bits - left);
            r = z3::ite(k == zero, a, r);
            cf = in.op == Op::Rol ? isTrue(r.extract(0, 0)) : msb(r);
            of = z3::ite(
                isOne, in.op == Op::Rol ? msb(r) != cf : msb(r) != isTrue(r.extract(w - 2, w - 2)),
                freshBool());
            break;
        }
        }
        write(s, in.dst, r);
        s.cf = z3::ite(isZero, s.cf, cf);
        s.of = z3::ite(isZero, s.of, of);
        if (in.op == Op::Rol || in.op == Op::Ror) return;
        SymState after = s;
        signZeroParity(after, r);
        s.sf = z3::ite(isZero, s.sf, after.sf);
        s.zf = z3::ite(isZero, s.zf, after.zf);
        s.pf = z3::ite(isZero, s.pf, after.pf);
    }

    // The dividend rdx:rax is 2w bits wide, but mostly it is rax extended (cltd / xor
    // %edx, %edx before the division): then the quotient and remainder are those of
    // w-bit division, a circuit a quarter the size. The test `rdx == extension` is then
    // true by construction, so the solver drops the wide case.
    void divide(SymState& s, const Instruction& in, unsigned size) {
        const unsigned w = 8 * size;
        const Operand rax = Operand::reg(0, static_cast<int>(size)),
                      rdx = Operand::reg(2, static_cast<int>(size));
        const z3::expr d = read(s, in.src, size), lo = read(s, rax, size), hi = read(s, rdx, size);
        const z3::expr dividend = z3::concat(hi, lo);
        const z3::expr ones = val(~uint64_t{0}, size), zero = val(0, size);
        z3::expr q = lo, r = lo, overflow = c_.bool_val(false);
        if (in.op == Op::Div) {
            const z3::expr wideD = z3::zext(d, w);
            const z3::expr wideQ = z3::udiv(dividend, wideD);
            const z3::expr narrow = hi == zero;
            q = z3::ite(narrow, z3::udiv(lo, d), wideQ.extract(w - 1, 0));
            r = z3::ite(narrow, z3::urem(lo, d), z3::urem(dividend, wideD).extract(w - 1, 0));
            overflow = !narrow && z3::ugt(wideQ, z3::zext(ones, w));
        } else {
            const z3::expr wideD = z3::sext(d, w);
            const z3::expr wideQ = dividend / wideD; // bvsdiv
            const z3::expr narrow = hi == z3::ite(msb(lo), ones, zero);
            q = z3::ite(narrow, lo / d, wideQ.extract(w - 1, 0));
            r = z3::ite(narrow, z3::srem(lo, d), z3::srem(dividend, wideD).extract(w - 1, 0));
            // (-2^(2w-1) / -1 wraps to itself in 2w bits, which does not fit either.)
            const z3::expr min = c_.bv_val(uint64_t{1} << (w - 1), w);
            overflow = z3::ite(narrow, lo == min && d == ones,
                               wideQ != z3::sext(wideQ.extract(w - 1, 0), w));
        }
        s.fault = s.fault || d == zero || overflow;
        write(s, rax, q);
        write(s, rdx, r);
        undefinedFlags(s, kArithmeticFlags);
    }

    // Index of the lowest (or highest) set bit; defined only for a nonzero value.
    z3::expr bitIndex(const z3::expr& a, unsigned w, bool lowest) {
        z3::expr r = c_.bv_val(0, w);
        for (unsigned i = 0; i < w; ++i) {
            const unsigned b = lowest ? w - 1 - i : i; // the last match wins
            r = z3::ite(isTrue(a.extract(b, b)), c_.bv_val(b, w), r);
        }
        return r;
    }

  public:
    void execute(const Instruction& in, SymState& s) {
        const OpcodeInfo& oi = info(in.op);
        const unsigned size = operationSize(in), w = 8 * size;
        s.fault = bufferFault(in, s);
        if (oi.family == Family::CondMove) {
            const z3::expr a = read(s, in.src, size), b = read(s, in.dst, size);
            write(s, in.dst, z3::ite(condition(oi.cond, s), a, b));
            return;
        }
        if (oi.family == Family::SetCond) {
            write(s, in.dst, z3::ite(condition(oi.cond, s), c_.bv_val(1, 8), c_.bv_val(0, 8)));
            return;
        }
        switch (in.op) {
        case Op::Mov:
            write(s, in.dst, read(s, in.src, size));
            return;
        case Op::Movzx:
        case Op::Movsx: {
            const z3::expr a = read(s, in.src, in.src.size);
            const unsigned grow = w - 8 * in.src.size;
            write(s, in.dst, in.op == Op::Movzx ? z3::zext(a, grow) : z3::sext(a, grow));
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
            addSub(s, in, size);
            return;
        case Op::And:
        case Op::Or:
        case Op::Xor:
        case Op::Test: {
            const z3::expr a = read(s, in.dst, size), b = read(s, in.src, size);
            const z3::expr r = in.op == Op::Or ? (a | b) : in.op == Op::Xor ? (a ^ b) : (a & b);
            if (in.op != Op::Test) write(s, in.dst, r);
            s.cf = s.of = c_.bool_val(false);
            signZeroParity(s, r);
            return;
        }
        case Op::Not:
            write(s, in.dst, ~read(s, in.dst, size));
            return;
        case Op::Shl:
        case Op::Shr:
        case Op::Sar:
        case Op::Rol:
        case Op::Ror:
            shift(s, in, size);
            return;
        case Op::Imul:
        case Op::Imul3: {
            const z3::expr a = in.op == Op::Imul ? read(s, in.dst, size) : read(s, in.src2, size);
            const z3::expr b = read(s, in.src, size);
            const z3::expr full = z3::sext(a, w) * z3::sext(b, w);
            const z3::expr r = full.extract(w - 1, 0);
            write(s, in.dst, r);
            s.cf = s.of = full != z3::sext(r, w);
            undefinedFlags(s, kSF | kZF | kPF);
            return;
        }
        case Op::Lea: {
            const Operand& a = in.src;
            z3::expr r = c_.bv_val(static_cast<uint64_t>(int64_t{a.value}), 64).extract(w - 1, 0);
            if (a.base >= 0) r = r + s.regs[a.base].extract(w - 1, 0);
            if (a.index >= 0) r = r + s.regs[a.index].extract(w - 1, 0) * c_.bv_val(a.scale, w);
            write(s, in.dst, r);
            return;
        }
        case Op::Cdq:
        case Op::Cqo: {
            const z3::expr a = read(s, Operand::reg(0, static_cast<int>(size)), size);
            write(s, Operand::reg(2, static_cast<int>(size)),
                  z3::ite(msb(a), val(~uint64_t{0}, size), val(0, size)));
            return;
        }
        case Op::Div:
        case Op::Idiv:
            divide(s, in, size);
            return;
        case Op::Bsf:
        case Op::Bsr: {
            const z3::expr a = read(s, in.src, size);
            const z3::expr zero = a == val(0, size);
            write(s, in.dst, z3::ite(zero, fresh(w), bitIndex(a, w, in.op == Op::Bsf)));
            if (size == 4) s.regs[in.dst.value] = z3::ite(zero, fresh(64), s.regs[in.dst.value]);
            undefinedFlags(s, kCF | kOF | kSF | kPF);
            s.zf = zero;
            return;
        }
        case Op::Bswap: {
            const z3::expr a = read(s, in.dst, size);
            z3::expr r = a.extract(7, 0);
            for (unsigned b = 1; b < size; ++b) r = z3::concat(r, a.extract(8 * b + 7, 8 * b));
            write(s, in.dst, r);
            return;
        }
        case Op::Popcnt: {
            const z3::expr a = read(s, in.src, size);
            z3::expr r = c_.bv_val(0, w);
            for (unsigned b = 0; b < w; ++b) r = r + z3::zext(a.extract(b, b), w - 1);
            write(s, in.dst, r);
            s.zf = a == val(0, size);
            s.cf = s.of = s.sf = s.pf = c_.bool_val(false);
            return;
        }
        case Op::Lzcnt:
        case Op::Tzcnt: {
            const z3::expr a = read(s, in.src, size);
            const z3::expr zero = a == val(0, size);
            const z3::expr index = bitIndex(a, w, in.op == Op::Tzcnt);
            const z3::expr r =
                z3::ite(zero, val(w, size), in.op == Op::Tzcnt ? index : val(w - 1, size) - index);
            write(s, in.dst, r);
            undefinedFlags(s, kOF | kSF | kPF);
            s.cf = zero;
            s.zf = r == val(0, size);
            return;
        }
        case Op::Andn:
        case Op::Blsi:
        case Op::Blsr:
        case Op::Blsmsk: {
            const z3::expr a = read(s, in.src, size);
            const z3::expr zero = a == val(0, size);
            z3::expr r = a;
            if (in.op == Op::Andn) r = ~read(s, in.src2, size) & a;
            if (in.op == Op::Blsi) r = (val(0, size) - a) & a;
            if (in.op == Op::Blsr) r = (a - val(1, size)) & a;
            if (in.op == Op::Blsmsk) r = (a - val(1, size)) ^ a;
            write(s, in.dst, r);
            SymState after = s;
            signZeroParity(after, r);
            s.sf = after.sf;
            s.zf = after.zf;
            s.of = c_.bool_val(false);
            s.cf = in.op == Op::Andn ? c_.bool_val(false) : in.op == Op::Blsi ? !zero : zero;
            undefinedFlags(s, kPF);
            return;
        }
        default:
            throw std::logic_error("smt: " + std::string(oi.name) + " has no encoding");
        }
    }

  private:
    z3::context& c_;
    int lengthSlot_;
    std::optional<z3::expr> buffer_; // a sorting kernel's buffer address: %rdi at entry
    int next_ = 0;
};

// While it lives, interrupts the context's solver whenever `*stop` (may be null) is true
// or `seconds` have passed (a thread of its own polls both every 20 ms), so that a
// user's Ctrl-C ends a long query at once, and so does the time limit where Z3's own
// does not act: it covers the solver's check only, not the simplification before it.
class Interrupter {
  public:
    Interrupter(z3::context& c, const std::atomic<bool>* stop, double seconds) {
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        watcher_ = std::jthread([this, &c, stop, deadline](std::stop_token done) {
            std::unique_lock lock(mutex_);
            while (!done.stop_requested()) {
                if (!expired_ && std::chrono::steady_clock::now() > deadline) expired_ = true;
                if ((stop && *stop) || expired_) c.interrupt();
                wake_.wait_for(lock, done, std::chrono::milliseconds(20), [] { return false; });
            }
        });
    }
    bool expired() const { return expired_; }

  private:
    std::atomic<bool> expired_ = false;
    std::mutex mutex_;
    std::condition_variable_any wake_; // woken at once when the query ends (the stop request)
    std::jthread watcher_;             // last: joined before the others go
};

// The wall-clock time a query may take.
double wallSeconds(double seconds, SolverLimit limit) {
    return limit == SolverLimit::Work ? 10 * seconds + 10 : seconds;
}

// Asks whether `differs` can hold, under the limits; a model, where it can, goes to
// `onModel`.
Equivalence check(z3::context& c, const z3::expr& differs, double seconds, SolverLimit limit,
                  const std::function<void(const z3::model&)>& onModel) {
    z3::solver solver(c);
    z3::params params(c);
    const bool work = limit == SolverLimit::Work;
    params.set("timeout", static_cast<unsigned>(wallSeconds(seconds, limit) * 1000));
    if (work)
        params.set("rlimit", static_cast<unsigned>(std::min(seconds * kSolverWorkPerSecond, 4e9)));
    // Z3 would otherwise put a SIGINT handler of its own in place during check() and take
    // a user's Ctrl-C for itself (that query given up, the program's flag never set, the
    // run going on with the next query); the interrupter above serves the flag instead.
    params.set("ctrl_c", false);
    solver.set(params);
    // Simplified first: the same value reached through registers and stack slots
    // becomes the same term, and equal subterms (a division both programs make) are
    // then shared rather than bit-blasted twice.
    solver.add(differs.simplify());
    Equivalence out;
    switch (solver.check()) {
    case z3::unsat:
        out.verdict = Equivalence::Verdict::Equal;
        break;
    case z3::sat:
        out.verdict = Equivalence::Verdict::Differs;
        onModel(solver.get_model());
        break;
    case z3::unknown:
        out.reason = solver.reason_unknown();
        break;
    }
    return out;
}

// Runs `decide(context)` (which builds its query and calls check) with the time limit and
// the stop flag watched; a query given up on is Unknown with its reason.
Equivalence limited(double seconds, SolverLimit limit, const std::atomic<bool>* stop,
                    const std::function<Equivalence(z3::context&)>& decide) {
    const auto start = std::chrono::steady_clock::now();
    Equivalence out;
    z3::context c;
    // Z3's own timeout acts first where it can; the interrupter a second later.
    const Interrupter interrupter(c, stop, wallSeconds(seconds, limit) + 1);
    try {
        out = decide(c);
    } catch (const z3::exception&) {
        if ((!stop || !*stop) && !interrupter.expired()) throw;
        out = Equivalence{}; // while building or simplifying the query: Unknown
    }
    if (out.verdict == Equivalence::Verdict::Unknown && stop && *stop)
        out.reason = "interrupted";
    else if (out.verdict == Equivalence::Verdict::Unknown && interrupter.expired())
        out.reason = "timeout";
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

// The query of proveEquivalent, in context `c`.
Equivalence decide(z3::context& c, const Program& target, const Program& rewrite,
                   const Signature& signature, double seconds, SolverLimit limit) {
    Encoder e(c);
    std::vector<z3::expr> args;
    const SymState entry = e.entry(signature, args);
    const SymState t = e.run(target, entry), r = e.run(rewrite, entry);
    const Operand result = resultRegister(signature);
    const z3::expr differs =
        !t.fault && (r.fault || e.read(t, result, result.size) != e.read(r, result, result.size));
    std::vector<uint64_t> counterexample;
    Equivalence out = check(c, differs, seconds, limit, [&](const z3::model& m) {
        for (const z3::expr& a : args)
            counterexample.push_back(m.eval(a, true).get_numeral_uint64());
    });
    out.counterexample = std::move(counterexample);
    return out;
}

// The names of the uninterpreted constants in `e` (each shared subterm visited once).
void constantsIn(const z3::expr& e, std::set<std::string>& names, std::set<unsigned>& seen) {
    if (!e.is_app() || !seen.insert(e.id()).second) return;
    if (e.is_const() && !e.is_numeral()) names.insert(e.decl().name().str());
    for (unsigned i = 0; i < e.num_args(); ++i) constantsIn(e.arg(i), names, seen);
}

// The caller-left values (callerLeft's names: registers and flags) that `outcome`
// depends on, in the model, as text.
std::vector<std::string> callerState(const z3::model& m, const std::vector<z3::expr>& outcome,
                                     const SymState& entry) {
    std::set<std::string> names;
    std::set<unsigned> seen;
    for (const z3::expr& e : outcome) constantsIn(e.simplify(), names, seen);
    std::vector<std::string> out;
    for (const z3::expr& r : entry.regs)
        if (names.count(r.decl().name().str())) {
            std::ostringstream v;
            v << r.decl().name().str() << " = 0x" << std::hex
              << m.eval(r, true).get_numeral_uint64();
            out.push_back(v.str());
        }
    for (const z3::expr* f : {&entry.cf, &entry.pf, &entry.zf, &entry.sf, &entry.of})
        if (names.count(f->decl().name().str()))
            out.push_back(f->decl().name().str() + " = " +
                          (m.eval(*f, true).is_true() ? "1" : "0"));
    return out;
}

std::vector<int32_t> wordsIn(const z3::model& m, const std::vector<z3::expr>& words) {
    std::vector<int32_t> out;
    for (const z3::expr& w : words)
        out.push_back(static_cast<int32_t>(m.eval(w, true).get_numeral_uint64()));
    return out;
}

// The query of proveSorts. A kernel is correct when, for every input (a varsort length
// 1..N) and whatever the caller left, its words 1..n (sortN: all) end in order and as a
// permutation of what they held: each value v occurs as often among them as before (v
// is one more free variable, so the solver looks for a value whose count changes).
// Words past the length, and the length, stay as they were: touching them faults.
Equivalence decideSorts(z3::context& c, const Program& kernel, const Task& task, double seconds,
                        std::optional<Counterexample>& counterexample) {
    Encoder e(c, task.lengthSlot());
    const SymState entry = e.callerLeft(task.slots());
    const SymState r = e.run(kernel, entry);
    const int first = task.lengthSlot() + 1;
    const z3::expr v = c.bv_const("v", 32), zero = c.bv_val(0, 8), one = c.bv_val(1, 8);
    z3::expr valid = c.bool_val(true), unsorted = c.bool_val(false), before = zero, after = zero;
    if (task.lengthSlot() >= 0) {
        const z3::expr& n = entry.words[task.lengthSlot()];
        valid = n >= c.bv_val(1, 32) && n <= c.bv_val(task.n(), 32);
    }
    for (int k = first; k < task.slots(); ++k) {
        const z3::expr within = task.lengthSlot() < 0
                                    ? c.bool_val(true)
                                    : c.bv_val(k - first + 1, 32) <= entry.words[task.lengthSlot()];
        before = before + z3::ite(within && entry.words[k] == v, one, zero);
        after = after + z3::ite(within && r.words[k] == v, one, zero);
        if (k > first) unsorted = unsorted || (within && r.words[k - 1] > r.words[k]);
    }
    const z3::expr wrong = valid && (r.fault || unsorted || before != after);
    return check(c, wrong, seconds, SolverLimit::WallClock, [&](const z3::model& m) {
        Counterexample x;
        x.input = wordsIn(m, entry.words);
        x.got = wordsIn(m, r.words);
        x.fault = m.eval(r.fault, true).is_true();
        if (x.fault)
            x.faultText = task.lengthSlot() < 0
                              ? "faults: it touches memory other than its words, or divides by "
                                "zero or out of range"
                              : "faults: it touches memory other than its words within the "
                                "length, writes the length, or divides by zero or out of range";
        x.expected = x.input;
        const int end = task.lengthSlot() < 0 ? task.slots() : first + x.input[task.lengthSlot()];
        std::sort(x.expected.begin() + first, x.expected.begin() + end);
        std::vector<z3::expr> outcome = r.words;
        outcome.push_back(r.fault);
        x.callerState = callerState(m, outcome, entry);
        counterexample = std::move(x);
    });
}

} // namespace

std::string solverVersion() {
    unsigned major, minor, build, revision;
    Z3_get_version(&major, &minor, &build, &revision);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(build);
}

Equivalence proveEquivalent(const Program& target, const Program& rewrite,
                            const Signature& signature, double seconds, SolverLimit limit,
                            const std::atomic<bool>* stop) {
    return limited(seconds, limit, stop, [&](z3::context& c) {
        return decide(c, target, rewrite, signature, seconds, limit);
    });
}

Verdict proveSorts(const Program& kernel, const Task& task, double seconds,
                   const std::atomic<bool>* stop) {
    Verdict v;
    if ((v.abi = abiError(kernel))) return v;
    const Equivalence q = limited(seconds, SolverLimit::WallClock, stop, [&](z3::context& c) {
        return decideSorts(c, kernel, task, seconds, v.counterexample);
    });
    v.correct = q.verdict == Equivalence::Verdict::Equal;
    v.undecided = q.reason;
    v.solverSeconds = q.seconds;
    return v;
}

std::optional<std::string> encodingMismatch(const Program& p, const CpuState& in,
                                            const CpuState& expected) {
    z3::context c;
    Encoder e(c);
    const SymState s = e.run(p, e.fromConcrete(in));
    // Every place that may differ, by name; one query for all, then one per place to
    // name the first.
    std::vector<std::pair<std::string, z3::expr>> places;
    places.emplace_back("fault", s.fault != c.bool_val(expected.fault));
    if (!expected.fault) {
        for (int r = 0; r < kGeneralRegisters; ++r) {
            const z3::expr mask = c.bv_val(expected.defined[r], 64);
            places.emplace_back("register " + std::string(registerName(r, 8)),
                                (s.regs[r] & mask) !=
                                    c.bv_val(expected.regs[r] & expected.defined[r], 64));
        }
        const std::pair<uint32_t, const z3::expr*> flags[] = {
            {kCF, &s.cf}, {kPF, &s.pf}, {kZF, &s.zf}, {kSF, &s.sf}, {kOF, &s.of}};
        for (auto [bit, flag] : flags)
            if (expected.definedFlags & bit)
                places.emplace_back("flags", *flag != c.bool_val((expected.flags & bit) != 0));
        for (int b = 0; b < kRedZone; ++b)
            if (expected.stackDefined[b])
                places.emplace_back("stack byte " + std::to_string(b - kRedZone),
                                    s.stack[b] != c.bv_val(expected.stack[b], 8));
    }
    auto possible = [&](const z3::expr& condition) {
        z3::solver solver(c);
        solver.add(condition);
        return solver.check() != z3::unsat;
    };
    z3::expr_vector any(c);
    for (const auto& place : places) any.push_back(place.second);
    if (!possible(z3::mk_or(any))) return std::nullopt;
    for (const auto& [name, differs] : places)
        if (possible(differs)) return name;
    return "somewhere";
}

} // namespace superopt
