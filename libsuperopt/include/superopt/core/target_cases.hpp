// A target's test cases, as STOKE poses them: argument values (each type's edge values,
// then random ones) with the target's result, and the count of a result's wrong bits
// (Hamming), where the right value in another register costs only a misalignment
// penalty. The search's chains and the agent's game score programs on them alike.
#pragma once

#include "superopt/core/general_machine.hpp"
#include "superopt/core/target.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace superopt {

// Argument values for `count` test cases of `sig`: each edge value of the argument
// types (0, 1, 2, 3, -1, -2, the extremes, a few bit patterns) in every argument at
// once, then random mixes of edge values and random values, a quarter of them (with two
// or more arguments) with one argument's value copied onto another: functions compare
// their arguments (p21 picks by x == a), and two random words are almost never equal.
std::vector<std::vector<uint64_t>> targetArguments(const Signature& sig, int count, uint64_t seed);

// The cost of one case: the bits of the result (its width) that are wrong or
// undefined, or the fewest of another register's plus kMisalignPenalty, or the whole
// width when the run faulted.
inline constexpr int kMisalignPenalty = 1;
int64_t resultErrors(const Signature& sig, const CpuState& out, uint64_t expected);

struct TargetCase {
    CpuState entry;
    uint64_t expected;
};
// The case of these arguments, or nothing where the target faults or leaves its result
// undefined (then any rewrite may do anything there).
std::optional<TargetCase> targetCase(const Target& t, const std::vector<uint64_t>& args);

// A training set starts with kStartCases cases (targetArguments' first, those the target
// is defined on); counterexamples add up to kMaxCases.
inline constexpr int kStartCases = 32;
inline constexpr int kMaxCases = 256;
// The first cases of `t`; throws std::invalid_argument naming `name` when the target
// faults on every one.
std::vector<TargetCase> startCases(const Target& t, uint64_t seed, const std::string& name);
// The cases on the batched emulator, holding the empty program.
GeneralMachine machineOf(const Signature& sig, const std::vector<TargetCase>& cases);

} // namespace superopt
