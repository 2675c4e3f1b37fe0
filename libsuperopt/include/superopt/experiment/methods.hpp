// The methods an experiment compares (the stochastic search, the RL agent and, for the
// record of what is optimal, the exhaustive prover) behind one interface, so that the
// runner treats every run alike: options in as JSON (the search's under
// toJson(SearchConfig)'s names, the agent's under `superopt agent`'s option names, the
// prover's under `superopt prove`'s), a result file, a trace and the common outcome out.
// A new method plugs in here and nowhere else.
#pragma once

#include "superopt/core/program.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace superopt {

enum class MethodKind { Mcmc, Agent, Prover };
// "mcmc", "agent" or "prover"; throws std::invalid_argument
MethodKind parseMethodKind(const std::string& name);
std::string toString(MethodKind k);
inline constexpr MethodKind kMethodKinds[] = {MethodKind::Mcmc, MethodKind::Agent,
                                              MethodKind::Prover};
// The option that holds the method's reproducible budget: "iterations" (proposals per
// chain) for the search, "rounds" (of self-play and training) for the agent, "nodes"
// for the prover (with one thread).
std::string budgetUnit(MethodKind k);
// Whether `name` is one of the method's options.
bool knownOption(MethodKind k, const std::string& name);

// A task is a sorting task's name or a target as toJson(TargetSpec) (the search only).
// Builds the method's configuration without running it. Throws std::invalid_argument
// naming the field when the options do not configure the method.
void checkMethod(MethodKind k, const nlohmann::json& task, const nlohmann::json& options);

// Seconds a calibration run of the search lasts at most.
inline constexpr double kCalibrationSeconds = 1.0;

// Options for the calibration run of a cell with a wall-clock budget of `seconds`, after
// which MethodResult::units / MethodResult::seconds is the method's rate. The search runs
// min(seconds, kCalibrationSeconds): its rate is steady. The agent and the prover run the
// whole budget and count their rounds or nodes: a round's cost changes several-fold as
// the agent learns and finds shorter programs, and the prover's first second is mostly
// setting up, so no early slice predicts them.
nlohmann::json calibrationOptions(MethodKind k, nlohmann::json options, double seconds);

struct MethodResult {
    nlohmann::json result;       // the method's own result file
    std::string trace;           // JSON lines, each with "seconds" and "best_length" (-1: none yet)
    std::optional<Program> best; // verified on the complete set
    int64_t explored = 0;        // programs: proposals (search) or positions evaluated (agent)
    int64_t units = 0;           // of budgetUnit() spent
    double seconds = 0, firstCorrectSeconds = -1, bestSeconds = -1;
    double setupSeconds = 0; // of `seconds`, before the first unit of work began
    // When each shorter verified length was first reached (seconds, length), in order.
    std::vector<std::pair<double, int>> improvements;
    bool interrupted = false;
    int lowerBound = 0; // the prover: no shorter program exists (0: not known)
};

// Runs the method on `task` until its budget in `options` is spent or `stop` is set.
MethodResult runMethod(MethodKind k, const nlohmann::json& task, const nlohmann::json& options,
                       const std::atomic<bool>& stop);

} // namespace superopt
