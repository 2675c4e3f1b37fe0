// The sorting tasks as a search problem: the rules' legality check, the batched
// emulator and cost over the training set (the permutations, every weak ordering, or
// a sample of the permutations that each chain grows by the complete check's
// counterexamples; built once, each chain's emulator holds a copy), and the complete
// check on every weak ordering.
#pragma once

#include "superopt/search/problem.hpp"

namespace superopt {

class SortProblem : public Problem {
  public:
    explicit SortProblem(const SearchConfig& c); // throws std::invalid_argument
    std::string name() const override { return task_.name(); }
    std::string symbol() const override { return task_.name(); }
    const Program& reference() const override { return reference_; }
    Program start(const std::string& start, Profile profile) const override;
    int defaultRegisters() const override { return task_.registers(); }
    MoveWeights defaultMoves() const override { return defaultMoveWeights(task_); }
    std::unique_ptr<InstructionSampler> sampler(const SearchConfig& c) const override;
    std::unique_ptr<Evaluator> evaluator(const SearchConfig& c) const override;
    bool verified(const Program& p) const override;
    LatencyReport measureLatency(std::span<const Program> programs,
                                 const LatencyOptions& options) const override {
        return superopt::measureLatency(programs, task_, options);
    }
    // The number of training cases the chains start from.
    int trainingCases() const { return train_.count; }

  private:
    Task task_;
    Program reference_;
    std::vector<std::vector<int32_t>> sample_; // a sampled training set's input buffers
    TestSet train_;
};

} // namespace superopt
