// The sorting tasks behind the search's Problem interface.
#include "superopt/search/sort_problem.hpp"

#include "superopt/core/machine.hpp"
#include "superopt/core/random.hpp"
#include "superopt/core/recent_set.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/search/search_config.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace superopt {

namespace {

// Scores proposals on the training cases. With a sampled training set (`sample`, the
// cases' input buffers), a find that fails the complete check teaches its
// counterexample, as a target's chain does (CEGIS), up to kMaxLearned cases; beyond,
// and without a sample, a refuted find is remembered so that a chain sitting on it does
// not run the complete check again.
class SortEvaluator : public Evaluator {
  public:
    static constexpr int kMaxLearned = 1024;

    SortEvaluator(const Task& task, const TestSet& train, std::vector<std::vector<int32_t>> sample,
                  const SearchConfig& c)
        : task_(task), config_(c.cost), cases_(std::move(sample)), legality_(task, c.profile) {
        score(train);
    }

    bool legal(const Program& p, int from, int unchangedFrom, int shift) override {
        return legality_.legal(p, from, unchangedFrom, shift);
    }
    Evaluation evaluate(const Program& p, int from, int sameFrom, double bound) override {
        machine_->propose(p, from, sameFrom);
        return cost_->evaluate(*machine_, p, bound);
    }
    void accept() override {
        machine_->accept();
        cost_->accept();
        legality_.accept();
    }
    double performance(const Program& p) const override { return cost_->performance(p); }
    Checked check(const Program& p, const std::atomic<bool>&) override {
        const uint64_t hash = p.hash();
        if (refuted_.contains(hash)) return Checked::Wrong;
        const Verdict v = verify(p, task_);
        if (v.correct) return Checked::Correct;
        if (!cases_.empty() && learned_ < kMaxLearned && v.counterexample &&
            v.counterexample->callerRegisters.empty() && !v.counterexample->callerFlags) {
            cases_.push_back(v.counterexample->input);
            ++learned_;
            score(task_.testSet(cases_)); // no current program: the chain evaluates it again
            return Checked::Learned;
        }
        refuted_.insert(hash);
        return Checked::Wrong;
    }

  private:
    // The machine and cost over `cases`, from now on.
    void score(const TestSet& cases) {
        machine_ = std::make_unique<Machine>(cases);
        cost_ = std::make_unique<Cost>(config_, machine_->tests(), task_.lengthSlot());
    }

    const Task& task_;
    CostConfig config_;
    std::vector<std::vector<int32_t>> cases_; // with a sample: the training cases' inputs
    int learned_ = 0;
    RecentSet refuted_{4096};
    std::unique_ptr<Machine> machine_;
    std::unique_ptr<Cost> cost_;
    LegalityCheck legality_;
};

// `count` of the task's permutations, drawn without replacement (Fisher-Yates on
// our own draws, so that a seed gives the same sample with every standard library).
std::vector<std::vector<int32_t>> sample(const Task& task, int count, uint64_t seed) {
    auto all = task.buffers(false);
    const int n = static_cast<int>(all.size());
    count = std::min(count, n);
    Rng rng(splitmix(seed ^ 0x7a1e5a3bULL));
    for (int i = 0; i < count; ++i) std::swap(all[i], all[i + uniform(rng, n - i)]);
    all.resize(count);
    return all;
}

} // namespace

SortProblem::SortProblem(const SearchConfig& c)
    : task_(Task::parse(c.task)), reference_(humanBenchmark(task_)),
      sample_(c.train.kind == Training::Kind::Sample ? sample(task_, c.train.sample, c.seed)
                                                     : std::vector<std::vector<int32_t>>{}),
      train_(c.train.kind == Training::Kind::Complete ? task_.complete()
             : sample_.empty()                        ? task_.training()
                                                      : task_.testSet(sample_)) {}

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
    return std::make_unique<SortEvaluator>(task_, train_, sample_, c);
}

bool SortProblem::verified(const Program& p) const {
    return verify(p, task_).correct;
}

} // namespace superopt
