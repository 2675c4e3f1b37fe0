// Runs an experiment's runs into an output directory, resumably and reproducibly:
//   OUT/runs/ID.json          one run: its cell, resolved options, outcome, the
//                             method's own result file (written last, atomically)
//   OUT/runs/ID.trace.jsonl   its trace
//   OUT/calibration.json      wall-clock budgets converted to iterations/rounds
// A run is done iff its file parses and holds the options planned now; done runs are
// never redone, others (missing, half-written, from another configuration) are run
// again, and stray temporary files are removed. A wall-clock budget is calibrated
// once per cell (measured rate x seconds, recorded in calibration.json and reused on
// every later invocation), so that even such runs repeat exactly given their seed.
// Runs go in parallel on `jobs` threads, or over the ranks of an MPI job (a WorkPool);
// each run uses its own `threads` option.
#pragma once

#include "superopt/experiment/experiment.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace superopt {

// Where the runner's work items (calibrations and runs, as self-contained text) are
// computed: by default `jobs` threads of this process; an MPI job hands them out to
// its ranks (apps/superopt/cluster_mpi.cpp). Outputs come back as text too.
class WorkPool {
  public:
    using Compute =
        std::function<std::string(const std::string& item, const std::atomic<bool>& stop)>;
    using Commit = std::function<void(size_t index, const std::string& output)>;
    virtual ~WorkPool() = default;
    // Computes every item, anywhere, and calls `commit` with its output here, one call
    // at a time, as outputs arrive; hands out no new item once `stop` is set.
    virtual void run(const std::vector<std::string>& items, const Compute& compute,
                     const Commit& commit, const std::atomic<bool>& stop) = 0;
};

// The output of one work item of `e` (what WorkPool::Compute does for the runner).
std::string runWorkItem(const Experiment& e, const std::string& item,
                        const std::atomic<bool>& stop);

struct RunnerOptions {
    std::string out;
    int jobs = 1;
    WorkPool* pool = nullptr; // nothing: `jobs` threads here
    // Progress, one line per event; calls are serialised.
    std::function<void(const std::string&)> log = [](const std::string&) {};
};

struct RunnerReport {
    int planned = 0, alreadyDone = 0, ran = 0, failed = 0;
    bool interrupted = false;
};

// Runs what is not done yet; stops between (and inside) runs when `stop` is set,
// keeping the finished ones and dropping the one cut short. Calibration fills in the
// budget of `e`'s runs.
RunnerReport runExperiment(Experiment& e, const RunnerOptions& options,
                           const std::atomic<bool>& stop);

// The run file of run `id` under `out`.
std::string runFile(const std::string& out, const std::string& id);
// Its contents when it holds a finished run of `r` as planned now.
std::optional<nlohmann::json> finishedRun(const std::string& out, const Run& r);

} // namespace superopt
