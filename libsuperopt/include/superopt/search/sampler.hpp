// Random instructions and random legal programs: the raw material of the search's
// moves (behind InstructionSampler, so that one set of moves serves the sorting tasks
// and the general targets, target_sampler.hpp), the throughput benchmark and the
// property tests.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/rules.hpp"
#include "superopt/core/task.hpp"

#include "superopt/core/random.hpp"

#include <cstdint>

namespace superopt {

// What the moves draw from: random instructions, and random changes to one that keep
// it an instruction of the same set.
class InstructionSampler {
  public:
    virtual ~InstructionSampler() = default;
    virtual Instruction instruction(Rng& rng) const = 0;
    // Another opcode that fits `in`'s operands (a jump: another jump). False (and `in`
    // as it was) when there is none.
    virtual bool changeOpcode(Instruction& in, Rng& rng) const = 0;
    // One operand of `in` redrawn, keeping its kind. False when nothing changed.
    virtual bool changeOperand(Instruction& in, Rng& rng) const = 0;
    // The opcode of a new jump.
    virtual Op jump(Rng& rng) const = 0;
    // A register programs may use, at random.
    virtual int anyRegister(Rng& rng) const = 0;
};

// The sorting tasks' instructions: mov/cmp/cmov over the task's registers and buffer.
class Sampler : public InstructionSampler {
  public:
    // `registers`: how many registers programs may use (0 = the task's default).
    Sampler(const Task& task, Profile profile, int registers = 0);

    const Task& task() const { return task_; }
    Profile profile() const { return profile_; }
    int registers() const { return registers_; }

    // An operand of one of the kinds in `kinds` (immediates: 1..N, for the length).
    Operand operand(Rng& rng, uint8_t kinds) const;
    // A random mov/cmp/cmov with operands that fit the opcode and the profile.
    Instruction instruction(Rng& rng) const override;
    bool changeOpcode(Instruction& in, Rng& rng) const override;
    bool changeOperand(Instruction& in, Rng& rng) const override;
    Op jump(Rng& rng) const override;
    int anyRegister(Rng& rng) const override { return uniform(rng, registers_); }
    // A random legal program of `length` instructions; with `jumps`, some forward
    // conditional jumps and their labels too. Gives up early (shorter) when the
    // profile leaves no legal continuation.
    Program program(Rng& rng, int length, bool jumps) const;

  private:
    Task task_;
    Profile profile_;
    int registers_;
};

} // namespace superopt
