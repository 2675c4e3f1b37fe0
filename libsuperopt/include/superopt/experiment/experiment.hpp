// An experiment configuration (experiments/NAME.json, its format in
// experiments/README.md) and its expansion into runs: every task x method x setting x
// seed, each with its method's options resolved (defaults, method, setting, --quick
// overrides, budget, seed). Checked whole when loaded, so that a bad field stops the
// experiment before anything runs. experiment_runner.hpp runs the runs,
// experiment_summary.hpp tabulates them.
#pragma once

#include "superopt/experiment/methods.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace superopt {

// A bad configuration; what() is "FILE: FIELD: problem".
struct ExperimentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// --quick multiplies every budget by this unless the configuration says otherwise.
inline constexpr double kDefaultQuickFactor = 0.02;

struct Run {
    std::string id; // TASK.METHOD.SETTING.sSEED: the run files' name
    // The task's name: a sorting task's, or a target's function (else its file's stem).
    std::string task, method, setting;
    // What the method runs on: the sorting task's name, or a target as toJson(TargetSpec).
    nlohmann::json taskSpec;
    // Targets: the same function as a compiler made it (assembly in the instruction
    // set), whose length is reported and, when latency is measured, its latency too.
    std::string compiled;
    MethodKind kind = MethodKind::Mcmc;
    uint64_t seed = 0;
    nlohmann::json options; // the method's options, seed and budget included
    // > 0: a wall-clock budget, converted to the method's budget unit by calibration
    // (experiment_runner.hpp) before the run; options then lack the unit.
    double calibrateSeconds = 0;
    std::optional<int> target; // report the time to reach this length

    // TASK.METHOD.SETTING: the runs that differ only by seed.
    std::string cell() const { return task + "." + method + "." + setting; }
};

struct Experiment {
    std::string name, path, description;
    bool quick = false;
    bool measureLatency = false; // time every run's best program (latency.hpp)
    std::vector<Run> runs;       // task-major, then method, setting, seed
};

// Reads and checks a configuration. Throws ExperimentError.
Experiment loadExperiment(const std::string& path, bool quick);

} // namespace superopt
