// The sorting tasks behind the search's Problem interface.
#include "superopt/search/sort_problem.hpp"

#include "superopt/core/machine.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/search/search_config.hpp"

#include <stdexcept>

namespace superopt {

namespace {

class SortEvaluator : public Evaluator {
  public:
    SortEvaluator(const Task& task, const TestSet& train, const SearchConfig& c)
        : task_(task), machine_(train), cost_(c.cost, machine_.tests(), task.lengthSlot()),
          legality_(task, c.profile) {}

    bool legal(const Program& p, int from, int unchangedFrom, int shift) override {
        return legality_.legal(p, from, unchangedFrom, shift);
    }
    Evaluation evaluate(const Program& p, int from, int sameFrom, double bound) override {
        machine_.propose(p, from, sameFrom);
        return cost_.evaluate(machine_, p, bound);
    }
    void accept() override {
        machine_.accept();
        cost_.accept();
        legality_.accept();
    }
    double performance(const Program& p) const override { return cost_.performance(p); }
    Checked check(const Program& p, const std::atomic<bool>&) override {
        return verify(p, task_).correct ? Checked::Correct : Checked::Wrong;
    }

  private:
    const Task& task_;
    Machine machine_;
    Cost cost_;
    LegalityCheck legality_;
};

} // namespace

SortProblem::SortProblem(const SearchConfig& c)
    : task_(Task::parse(c.task)), reference_(humanBenchmark(task_)),
      train_(c.trainComplete ? task_.complete() : task_.training()) {}

Program SortProblem::start(const std::string& start, Profile profile) const {
    const Program p = start == "warm"   ? reference_
                      : start == "cold" ? Program{}
                                        : readProgramFile(start);
    if (auto v = checkLegal(p, task_, profile))
        throw std::invalid_argument("start program: instruction " + std::to_string(v->index + 1) +
                                    ": " + v->message + " (profile " + toString(profile) + ")");
    return p;
}

std::unique_ptr<InstructionSampler> SortProblem::sampler(const SearchConfig& c) const {
    return std::make_unique<Sampler>(task_, c.profile, c.registers);
}

std::unique_ptr<Evaluator> SortProblem::evaluator(const SearchConfig& c) const {
    return std::make_unique<SortEvaluator>(task_, train_, c);
}

bool SortProblem::verified(const Program& p) const {
    return verify(p, task_).correct;
}

} // namespace superopt
