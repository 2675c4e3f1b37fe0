// What the search optimises, behind one small interface (STOKE's split: moves draw
// from a sampler, an evaluator scores, a verifier decides): a sorting task
// (sort_problem.hpp) or a user's function (target_problem.hpp). The chains, their
// moves and the parallel search around them are one code path for both.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"
#include "superopt/native/latency.hpp"
#include "superopt/search/cost.hpp"
#include "superopt/search/sampler.hpp"
#include "superopt/search/transforms.hpp"

#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace superopt {

struct SearchConfig; // search_config.hpp

// How the complete check of a program went.
enum class Checked {
    Correct, // verified: every weak ordering, or the solver proved it equal
    Wrong,   // a case it gets wrong
    Learned, // a case it gets wrong, which joined the chain's training cases (CEGIS)
    Unknown, // the solver gave up: not verified, never a result
};

// One chain's judge: the legality of proposals, their cost on the chain's training
// cases, and the complete check.
class Evaluator {
  public:
    virtual ~Evaluator() = default;
    // Whether `p`, equal to the accepted program before code index `from`, may be
    // proposed; the code from `unchangedFrom` on is the accepted code moved by `shift`.
    virtual bool legal(const Program& p, int from, int unchangedFrom = INT32_MAX,
                       int shift = 0) = 0;
    // Scores `p` (which passed legal) on the training cases, `p` equal to the accepted
    // program before code index `from` (and from `sameFrom` on, when the caller knows);
    // stops once the cost must exceed `bound`.
    virtual Evaluation evaluate(const Program& p, int from, int sameFrom, double bound) = 0;
    // The last program evaluated completely becomes the accepted program.
    virtual void accept() = 0;
    // The performance term (before alpha).
    virtual double performance(const Program& p) const = 0;
    // The complete check of a program that is right on the training cases. After
    // Learned the accepted program must be evaluated again (from code index 0). A check
    // that may take long (a solver's) gives up soon after `stop` turns true (Unknown).
    virtual Checked check(const Program& p, const std::atomic<bool>& stop) = 0;
};

class Problem {
  public:
    virtual ~Problem() = default;
    // "sort3", or "FILE:FUNCTION".
    virtual std::string name() const = 0;
    // The exported kernel's default function name: the task's, or the target's.
    virtual std::string symbol() const = 0;
    // The warm start and the length a cold start's room is measured from: the human
    // benchmark, or the target.
    virtual const Program& reference() const = 0;
    // The start program: "warm" (the reference), "cold" (empty) or a program file's,
    // checked; throws std::invalid_argument or ParseError.
    virtual Program start(const std::string& start, Profile profile) const = 0;
    virtual int defaultRegisters() const = 0;
    virtual MoveWeights defaultMoves() const = 0;
    // A chain's own instruction sampler and evaluator.
    virtual std::unique_ptr<InstructionSampler> sampler(const SearchConfig& c) const = 0;
    virtual std::unique_ptr<Evaluator> evaluator(const SearchConfig& c) const = 0;
    // The complete check outside a chain (the islands' gathered best, latency picks).
    virtual bool verified(const Program& p) const = 0;
    // Whether chains check their finds at the end of each epoch, newest first until one
    // passes, instead of at once: for a solver, one call costs as much as thousands of
    // proposals, and a chain that improves step by step needs only its last step checked.
    virtual bool deferChecks() const { return false; }
    // The measured latency of programs that passed `verified` (objective latency): as
    // sorting kernels on the task's inputs, or as functions on random arguments.
    virtual LatencyReport measureLatency(std::span<const Program> programs,
                                         const LatencyOptions& options) const = 0;
};

} // namespace superopt
