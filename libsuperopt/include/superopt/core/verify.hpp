// The complete check: a program is correct when it is legal (the rules every
// profile shares) and gives the right output on every weak ordering of its inputs,
// which decides correctness for all inputs (docs/architecture.md). Anything reported as a
// result has passed this check.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/rules.hpp"
#include "superopt/core/task.hpp"

#include <optional>
#include <string>
#include <vector>

namespace superopt {

struct Counterexample {
    std::vector<int32_t> input, expected, got; // the whole buffer
    bool fault = false;                        // touched a word outside its length
};

struct Verdict {
    bool correct = false;
    int64_t cases = 0; // test cases run
    std::optional<Violation> illegal;
    std::optional<Counterexample> counterexample;
    // One line: "correct on N cases", or what is wrong.
    std::string describe(const Program& p) const;
};

Verdict verify(const Program& p, const Task& task);

} // namespace superopt
