// The complete check: a program is correct when it gives the right output on every
// weak ordering of its inputs, which decides correctness for all inputs
// (docs/architecture.md). A program that reads what its caller left (a register before
// writing it, the flags before a compare) is run on every weak ordering of the inputs
// and those values together, with each value also at every place among the lengths and
// immediates it meets, and every state of the flags: it is correct when no value the
// caller may leave changes an output. A function file must also keep the System V
// contract for callee-saved registers. Anything reported as a result has passed this
// check.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/rules.hpp"
#include "superopt/core/task.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace superopt {

struct Counterexample {
    std::vector<int32_t> input, expected, got;            // the whole buffer
    std::vector<std::pair<int, int32_t>> callerRegisters; // (register, value) the caller left
    std::optional<int32_t> callerFlags;                   // the flags it left (isa.hpp: Flags)
    // The solver's (equivalence.hpp: proveSorts): what the caller left that the outcome
    // depends on, as text ("%rsi = 0x7", "CF = 1").
    std::vector<std::string> callerState;
    bool fault = false;    // touched a word outside its length
    std::string faultText; // the solver's: what faults may be (several share `fault`)
    // "input [3, 1, 2] with %r9d = 5 left by the caller, expected [1, 2, 3], got [1, 3, 2]".
    std::string describe() const;
};

struct Verdict {
    bool correct = false;
    int64_t cases = 0;                // test cases run
    int64_t completeCases = 0;        // with caller-left values: the size of the complete set alone
    std::vector<int> callerRegisters; // registers whose caller-left values were tried
    bool callerFlags = false;         // ... and whether the caller's flags were
    std::optional<Violation> illegal; // outside what verify decides (checkVerifiable)
    std::optional<std::string> abi;   // breaks the System V contract
    std::optional<Counterexample> counterexample;
    // Decided by the solver instead (equivalence.hpp: proveSorts): its seconds, and when it
    // gave up, why ("timeout"; then neither correct nor a counterexample).
    std::optional<double> solverSeconds;
    std::string undecided;
    // One line: "correct on N cases", or what is wrong.
    std::string describe(const Program& p) const;
};

// Throws std::invalid_argument when the caller-left values make more cases than it tries
// (2^31; sort8 with one such register makes 7.1 million).
Verdict verify(const Program& p, const Task& task);

// The System V contract of a function file (one read with its prologue: `savedRegisters`
// set): a callee-saved register written must be saved and restored. What is broken, or
// nothing.
std::optional<std::string> abiError(const Program& p);

} // namespace superopt
