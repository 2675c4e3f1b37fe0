// Random cases, then the solver.
#include "superopt/core/target_check.hpp"

#include "superopt/core/equivalence.hpp"

namespace superopt {

TargetChecker::TargetChecker(const Target& target, double solverSeconds)
    : target_(target), solverSeconds_(solverSeconds) {}

TargetChecker::Outcome TargetChecker::check(const Program& p, const Program* against,
                                            const std::atomic<bool>* stop) {
    const uint64_t hash = p.hash();
    if (refuted_.contains(hash)) return {Verdict::Wrong, {}};
    if (unknown_.contains(hash)) return {Verdict::Unknown, {}};
    if (p.code == target_.program.code) return {Verdict::Correct, {}};
    auto wrong = [&](std::optional<TargetCase> k) {
        refuted_.insert(hash);
        return Outcome{Verdict::Wrong, std::move(k)};
    };
    for (const auto& args : targetArguments(target_.signature, kScreenCases, hash)) {
        const auto k = targetCase(target_, args);
        if (k && resultErrors(target_.signature, run(p, k->entry), k->expected) > 0)
            return wrong(k);
    }
    // Where the target does not fault, neither does `against`, with the target's result.
    // (A counterexample where only the target faults refutes without teaching a case.)
    const Equivalence e =
        proveEquivalent(against ? *against : target_.program, p, target_.signature, solverSeconds_,
                        SolverLimit::Work, stop);
    if (e.verdict == Equivalence::Verdict::Equal) return {Verdict::Correct, {}};
    if (e.verdict == Equivalence::Verdict::Differs)
        return wrong(targetCase(target_, e.counterexample));
    if (!(stop && *stop)) unknown_.insert(hash);
    return {Verdict::Unknown, {}};
}

} // namespace superopt
