// superopt experiment: runs an experiment configuration (experiments/README.md) and
// writes its run files and summary.
#include "cli.hpp"
#include "cluster.hpp"

#include "superopt/core/files.hpp"
#include "superopt/experiment/runner.hpp"
#include "superopt/experiment/summary.hpp"

#include <filesystem>
#include <iostream>

namespace cli {
using namespace superopt;

namespace {

constexpr const char* kUsage =
    "usage: superopt experiment experiments/NAME.json --out results/NAME [--jobs J] [--quick]\n\n"
    "Runs every run of an experiment (task x method x setting x seed), each into\n"
    "OUT/runs/ID.json (cell, options, outcome, the method's result file) and\n"
    "OUT/runs/ID.trace.jsonl, then writes OUT/summary.json and OUT/summary.md (also\n"
    "printed). Runs already finished in OUT are kept: an interrupted experiment\n"
    "resumes where it stopped. Budgets in iterations or rounds repeat exactly for a\n"
    "seed; wall-clock budgets are calibrated once into them (OUT/calibration.json).\n"
    "Ctrl-C stops cleanly: finished runs stay, the summary covers them.\n"
    "Under mpirun -np K, the runs are spread over the K ranks (--jobs at a time on\n"
    "each) and rank 0 writes every file; OUT need only be on rank 0's machine.\n"
    "plots/plot.py OUT draws the figures.\n\n"
    "examples:\n"
    "  superopt experiment experiments/ed_table2.json --out results/ed_table2 --jobs 2\n"
    "  superopt experiment experiments/beta_sweep.json --out /tmp/beta --quick\n\n"
    "exit: 0 when every run is done, 1 when interrupted\n"
    "or a run failed, 2 on bad input";

po::options_description options() {
    po::options_description o("options");
    o.add_options()("experiment", po::value<std::string>()->required(),
                    "the experiment configuration (JSON; also the first positional argument)")(
        "out", po::value<std::string>()->required(),
        "the results directory")("jobs", po::value<int>()->default_value(1), "runs in parallel")(
        "quick", po::bool_switch(),
        "shrink every budget (by the configuration's quick.factor, default 0.02)")(
        "quiet", po::bool_switch(), "no progress lines");
    return o;
}

} // namespace

int experiment(const Args& args) {
    po::positional_options_description positional;
    positional.add("experiment", 1);
    auto vm = parse(kUsage, options(), args, positional);
    if (!vm) return 0;
    const int jobs = (*vm)["jobs"].as<int>();
    if (jobs < 1) throw UsageError("--jobs must be positive");
    Experiment e;
    try {
        e = loadExperiment((*vm)["experiment"].as<std::string>(), (*vm)["quick"].as<bool>());
    } catch (const ExperimentError& err) {
        throw UsageError(err.what());
    }
    agree();
    catchInterrupt();
    // On MPI ranks, rank 0 runs the experiment and hands its work out; the others
    // compute what it sends until it is done.
    const auto pool = shareWork(jobs, [&](const std::string& item, const std::atomic<bool>& stop) {
        return runWorkItem(e, item, stop);
    });
    if (rank() != 0) return 0;
    RunnerOptions o;
    o.out = (*vm)["out"].as<std::string>();
    o.jobs = jobs;
    o.pool = pool.get();
    if (!(*vm)["quiet"].as<bool>())
        o.log = [](const std::string& line) { std::cerr << line << std::endl; };
    const RunnerReport report = runExperiment(e, o, interruptFlag());
    const auto summary = summarise(e, o.out);
    const std::string markdown = summaryMarkdown(summary);
    writeFileAtomic((std::filesystem::path(o.out) / "summary.json").string(),
                    summary.dump(2) + "\n");
    writeFileAtomic((std::filesystem::path(o.out) / "summary.md").string(), markdown);
    std::cout << markdown;
    if (report.interrupted)
        std::cerr << "interrupted: the summary covers the finished runs; run again to resume\n";
    return report.interrupted || report.failed ? 1 : 0;
}

} // namespace cli
