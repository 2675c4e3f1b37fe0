// A plain interpreter: one test case at a time, one instruction at a time, the obvious
// way. It is the reference the batched emulator (machine.hpp) is tested against, and
// the yardstick `superopt throughput` measures the emulator's speed by (it is compiled
// at plain -O2, without link-time optimisation).
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"

#include <array>
#include <cstdint>
#include <span>

namespace superopt {

// What a caller leaves in the registers and the flags (isa.hpp: Flags).
struct CallerState {
    std::array<int32_t, kMaxRegisters> registers{};
    int32_t flags = kGreater;
};

// Runs `p` on one buffer in place, from the registers and flags the caller left; words
// after `length` may be touched only by a faulting case (varsort: buf[0] = n,
// buf[1..n]). Returns true when the case faulted.
bool interpret(const Program& p, std::span<int32_t> buffer, int length,
               const CallerState& caller = {});

// Items of `tests` that `p` leaves misplaced (cared-for words that differ from the
// expected ones, or every cared-for word of a faulting case): the cost's count. Each
// case starts from its preset registers and flags.
int64_t interpretMisplaced(const Program& p, const TestSet& tests);

} // namespace superopt
