// Random instructions and random legal programs for a task and rule profile: the
// raw material of the search's moves, the throughput benchmark and the property
// tests.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/rules.hpp"
#include "superopt/core/task.hpp"

#include "superopt/core/random.hpp"

#include <cstdint>

namespace superopt {

class Sampler {
  public:
    // `registers`: how many registers programs may use (0 = the task's default).
    Sampler(const Task& task, Profile profile, int registers = 0);

    const Task& task() const { return task_; }
    Profile profile() const { return profile_; }
    int registers() const { return registers_; }

    // An operand of one of the kinds in `kinds` (immediates: 1..N, for the length).
    Operand operand(Rng& rng, uint8_t kinds) const;
    // A random mov/cmp/cmov with operands that fit the opcode and the profile.
    Instruction instruction(Rng& rng) const;
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
