// Cost functions and early-terminating evaluation.
#include "superopt/search/cost.hpp"

#include "superopt/search/mispredictions.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace superopt {

namespace {
const char* const kCorrectnessNames[] = {"misplaced", "sqrt-misplaced", "sqrt-count", "hamming"};
const char* const kObjectiveNames[] = {"length", "latency-model", "latency"};
} // namespace

Correctness parseCorrectness(const std::string& name) {
    for (int i = 0; i < 4; ++i)
        if (name == kCorrectnessNames[i]) return static_cast<Correctness>(i);
    throw std::invalid_argument("unknown cost '" + name +
                                "' (known: misplaced, sqrt-misplaced, sqrt-count, hamming)");
}

Objective parseObjective(const std::string& name) {
    for (int i = 0; i < 3; ++i)
        if (name == kObjectiveNames[i]) return static_cast<Objective>(i);
    throw std::invalid_argument("unknown objective '" + name +
                                "' (known: length, latency-model, latency)");
}

std::string toString(Correctness c) {
    return kCorrectnessNames[static_cast<int>(c)];
}
std::string toString(Objective o) {
    return kObjectiveNames[static_cast<int>(o)];
}

Cost::Cost(CostConfig config, const TestSet& tests, int lengthSlot)
    : config_(config), items_(static_cast<double>(tests.items())), lengthSlot_(lengthSlot),
      maxLength_(tests.slots - 1) {}

double Cost::performance(const Program& p) const {
    // Measured latency is too slow to take per proposal: chains run on a proxy and
    // the search measures the correct programs they find.
    switch (config_.objective) {
    case Objective::Length:
        return p.length();
    case Objective::Latency:
        return p.length() +
               kMispredictCost * expectedDataMispredictions(p, lengthSlot_, maxLength_);
    case Objective::LatencyModel:
        break;
    }
    return latencyModel(p);
}

double latencyModel(const Program& p) {
    double sum = 0;
    for (const auto& in : p.code) sum += info(in.op).latency;
    return sum;
}

double Cost::correctness(int64_t errors) const {
    double e = static_cast<double>(errors);
    switch (config_.correctness) {
    case Correctness::Misplaced:
        return e / items_;
    case Correctness::SqrtMisplaced:
        return std::sqrt(e / items_);
    case Correctness::SqrtCount:
        return std::sqrt(e);
    case Correctness::Hamming:
        return e;
    }
    return e;
}

int64_t Cost::slotErrors(const Machine& m, int s, int block) const {
    return config_.correctness == Correctness::Hamming ? m.differingBits(s, block)
                                                       : m.misplaced(s, block);
}

Evaluation Cost::evaluate(Machine& m, const Program& p, double bound) {
    const int slots = m.tests().slots;
    proposed_.resize(size_t(m.blocks()) * slots);
    if (!counted_) current_.assign(proposed_.size(), 0);
    const bool faultKept = counted_ && !m.faultChanged();
    Evaluation ev;
    const double perf = config_.alpha * performance(p);
    for (int b = 0; b < m.blocks(); ++b) {
        m.run(b);
        for (int s = 0; s < slots; ++s) {
            const size_t at = size_t(b) * slots + s;
            proposed_[at] = faultKept && !m.slotChanged(s) ? current_[at] : slotErrors(m, s, b);
            ev.errors += proposed_[at];
        }
        ev.cost = correctness(ev.errors) + perf;
        if (ev.cost > bound && b + 1 < m.blocks()) return ev;
    }
    ev.complete = true;
    return ev;
}

void Cost::accept() {
    current_.swap(proposed_);
    counted_ = true;
}

} // namespace superopt
