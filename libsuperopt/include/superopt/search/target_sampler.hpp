// The instructions rewrites of a target are made of (STOKE's whitelist): the general
// ALU, shift, multiply, lea, setcc/cmovcc and extension opcodes at the widths the
// target computes in, over the caller-saved registers (so a rewrite never owes the
// caller a saved register) and a pool of immediates (the target's own constants and
// a few common ones). Divisions, bit scans and byte swaps are left out; stack slots
// appear only where the start program has them.
#pragma once

#include "superopt/core/target.hpp"
#include "superopt/search/sampler.hpp"

#include <span>
#include <string>
#include <vector>

namespace superopt {

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
};

class TargetSampler : public InstructionSampler {
  public:
    explicit TargetSampler(TargetVocabulary v);
    Instruction instruction(Rng& rng) const override;
    bool changeOpcode(Instruction& in, Rng& rng) const override;
    bool changeOperand(Instruction& in, Rng& rng) const override;
    Op jump(Rng& rng) const override;
    int anyRegister(Rng& rng) const override { return reg(rng, 4).value; }

  private:
    Operand reg(Rng& rng, int size) const;
    Operand immediate(Rng& rng) const;
    Operand address(Rng& rng, int size) const;
    bool allowed(Op op) const;
    TargetVocabulary v_;
};

} // namespace superopt
