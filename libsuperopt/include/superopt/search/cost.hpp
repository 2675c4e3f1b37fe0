// Cost functions: correctness (how far the outputs are from the expected ones over
// the training set) plus alpha times performance (length, a static latency model,
// or for objective latency the chains' proxy: length plus the cost of the expected
// mispredicted jumps on data, mispredictions.hpp; the search measures the correct
// programs themselves). Evaluation runs the emulator block by block and stops as soon as the
// partial cost exceeds a bound (STOKE's early termination): every correctness
// variant grows with the errors counted so far, so the bound is safe.
#pragma once

#include "superopt/core/machine.hpp"
#include "superopt/core/program.hpp"

#include <string>
#include <vector>

namespace superopt {

enum class Correctness {
    Misplaced,     // (P - PC) / P
    SqrtMisplaced, // sqrt((P - PC) / P)
    SqrtCount,     // sqrt(P - PC), the default
    Hamming,       // STOKE: bits differing from the expected outputs
};
enum class Objective { Length, LatencyModel, Latency };

Correctness parseCorrectness(const std::string& name); // throws std::invalid_argument
Objective parseObjective(const std::string& name);
std::string toString(Correctness c);
std::string toString(Objective o);

// The static latency model: the sum of the opcode table's latency figures.
double latencyModel(const Program& p);

struct CostConfig {
    Correctness correctness = Correctness::SqrtCount;
    Objective objective = Objective::Length;
    double alpha = 0.1; // weight of performance against correctness
};

struct Evaluation {
    double cost = 0;
    int64_t errors = 0;    // misplaced items (or differing bits for Hamming) counted
    bool complete = false; // all blocks ran: cost and errors are exact
    bool correct() const { return complete && errors == 0; }
};

class Cost {
  public:
    // `lengthSlot`: the buffer word holding the varsort length (-1: none; then the
    // buffer holds no more than the data).
    Cost(CostConfig config, const TestSet& tests, int lengthSlot = -1);
    const CostConfig& config() const { return config_; }

    // The performance term (before alpha): length, the sum of latency figures, or
    // length + kMispredictCost x expected mispredicted jumps on data per call.
    double performance(const Program& p) const;
    // Correctness of a given error count.
    double correctness(int64_t errors) const;
    // Runs the machine's prepared proposal for `p` and scores it; stops early once
    // the cost must exceed `bound`. Outputs the proposal left as they were in the
    // accepted program keep their counted errors instead of being counted again.
    Evaluation evaluate(Machine& m, const Program& p, double bound);
    // Call with Machine::accept: the last (complete) evaluation's counts become current.
    void accept();

  private:
    int64_t slotErrors(const Machine& m, int slot, int block) const;
    CostConfig config_;
    double items_;
    int lengthSlot_, maxLength_;
    bool counted_ = false;                    // the current program's counts are known
    std::vector<int64_t> current_, proposed_; // errors per block and slot
};

} // namespace superopt
