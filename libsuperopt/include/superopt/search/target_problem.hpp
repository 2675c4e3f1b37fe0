// A user's function as a search problem, as STOKE poses it: test cases of argument
// values (edge values, then random ones) with the target's results; a cost that counts
// the result's wrong bits (Hamming), where the right value in another register costs
// only a misalignment penalty; and the SMT solver as the complete check, whose
// counterexample joins the chain's test cases (CEGIS), so the training set grows where
// the search was wrong. Each chain grows its own set: a seed gives the same result
// whatever the thread count.
#pragma once

#include "superopt/core/target_cases.hpp"
#include "superopt/search/problem.hpp"
#include "superopt/search/target_sampler.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace superopt {

// The warm start: `p` with its stack slots in registers where that is plainly safe, as a
// compiler's register allocation would do it (the moves change one operand at a time, so
// they could not move a slot that several instructions use). A slot whose first access,
// before any jump or label, stores a register that nothing writes afterwards is read from
// that register and the store dropped (-O0's spill of an argument); another slot goes to a
// caller-saved register `p` does not use, from `registers` first. A slot moves only when
// every access has its offset and size, no other slot overlaps it and no instruction
// touching it names a high-byte register. Equal to `p` by construction (a test has the
// solver prove it on the Hacker's Delight suite).
Program withSlotsInRegisters(Program p, std::span<const int> registers);

class TargetProblem : public Problem {
  public:
    using Case = TargetCase;

    explicit TargetProblem(const SearchConfig& c); // reads and checks the target
    std::string name() const override;
    // The target function's name ("rewrite" for a plain list of instructions).
    std::string symbol() const override { return target_.name.empty() ? "rewrite" : target_.name; }
    const Program& reference() const override { return target_.program; }
    Program start(const std::string& start, Profile profile) const override;
    int defaultRegisters() const override { return static_cast<int>(vocabulary_.registers.size()); }
    MoveWeights defaultMoves() const override;
    std::unique_ptr<InstructionSampler> sampler(const SearchConfig& c) const override;
    std::unique_ptr<Evaluator> evaluator(const SearchConfig& c) const override;
    bool verified(const Program& p) const override;
    bool deferChecks() const override { return true; }
    LatencyReport measureLatency(std::span<const Program> programs,
                                 const LatencyOptions& options) const override {
        return superopt::measureLatency(programs, target_, options);
    }

    const Target& target() const { return target_; }
    const TargetVocabulary& vocabulary() const { return vocabulary_; }
    const std::vector<Case>& cases() const { return cases_; }

  private:
    TargetSpec spec_;
    Target target_;
    TargetVocabulary vocabulary_;
    std::vector<Case> cases_;
    double solverSeconds_;
};

} // namespace superopt
