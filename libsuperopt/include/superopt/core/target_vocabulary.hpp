// The instructions rewrites of a target are made of (STOKE's whitelist): the general
// ALU, shift, multiply, lea, setcc/cmovcc and extension opcodes at the widths the
// target computes in, over the caller-saved registers (so a rewrite never owes the
// caller a saved register) and a pool of immediates (the target's own constants and
// a few common ones). Divisions, bit scans and byte swaps are left out. The search
// draws from it at random, the agent's game enumerates it.
#pragma once

#include "superopt/core/target.hpp"

#include <array>
#include <span>
#include <string>
#include <vector>

namespace superopt {

// The opcodes by operand form.
inline constexpr std::array kBinaryOps = {Op::Add, Op::Sub, Op::And, Op::Or,   Op::Xor,
                                          Op::Adc, Op::Sbb, Op::Cmp, Op::Test, Op::Mov};
inline constexpr std::array kUnaryOps = {Op::Not, Op::Neg, Op::Inc, Op::Dec};
inline constexpr std::array kShiftOps = {Op::Shl, Op::Shr, Op::Sar, Op::Rol, Op::Ror};
// One source, one destination register, 32 or 64 bits.
inline constexpr std::array kBitCountOps = {Op::Popcnt, Op::Lzcnt, Op::Tzcnt,
                                            Op::Blsi,   Op::Blsr,  Op::Blsmsk};
template <size_t N> bool isOneOf(const std::array<Op, N>& group, Op op) {
    for (Op o : group)
        if (o == op) return true;
    return false;
}
// Every opcode of a family (cmovcc, setcc, the jumps).
const std::vector<Op>& opsOf(Family f);

struct TargetVocabulary {
    std::vector<int> registers;      // register numbers, the result's (rax) first
    std::vector<int> sizes;          // operation sizes in bytes, drawn uniformly: 4, 8 (may repeat)
    std::vector<int32_t> immediates; // the pool
    std::vector<Op> opcodes;         // one entry per opcode; one per conditional family
    std::vector<std::string> extensions; // "popcnt", "lzcnt", "bmi1" allowed

    // For `t`: `registers` of the caller-saved ones (0: the result's, the arguments'
    // and two more), the extensions in `extensions` ("popcnt,bmi1"; "" none) and
    // those the target itself uses. Throws std::invalid_argument on a bad count or
    // an unknown extension.
    static TargetVocabulary of(const Target& t, int registers, const std::string& extensions);
    // The caller-saved registers a rewrite may use: rax rdi rsi rdx rcx r8..r11.
    static constexpr int kMaxRegisters = 9;
    static std::span<const int> callerSaved();
    // Whether `op` needs no extension, or one allowed.
    bool allows(Op op) const;
};

} // namespace superopt
