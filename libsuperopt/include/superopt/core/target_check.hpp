// The complete check of a rewrite of a target, one for the search's chains and the
// agent's games: random cases first (they refute most wrong finds for far less than a
// solver call), then the SMT solver; a refuted rewrite comes with a case it gets wrong
// when the target is defined there, for the caller's training set (CEGIS). Programs
// checked before are answered from memory (bounded: one forgotten is only checked again).
#pragma once

#include "superopt/core/recent_set.hpp"
#include "superopt/core/target_cases.hpp"

#include <atomic>
#include <optional>

namespace superopt {

class TargetChecker {
  public:
    enum class Verdict { Correct, Wrong, Unknown };
    struct Outcome {
        Verdict verdict = Verdict::Wrong;
        std::optional<TargetCase> counterexample; // Wrong: a case it gets wrong, if known
    };

    // The solver gives up after `solverSeconds` of work (SolverLimit::Work).
    TargetChecker(const Target& target, double solverSeconds);

    // Checks `p` (right on the caller's cases). The solver proves it equal to `against`,
    // a program proved equal to the target before (a near relative of `p` shares most of
    // the solver's terms; equality is transitive), or to the target when null; it gives
    // up soon after `*stop` turns true (Unknown, and not remembered).
    Outcome check(const Program& p, const Program* against = nullptr,
                  const std::atomic<bool>* stop = nullptr);

  private:
    static constexpr int kScreenCases = 256;
    const Target& target_;
    double solverSeconds_;
    RecentSet refuted_{4096}, unknown_{4096};
};

} // namespace superopt
