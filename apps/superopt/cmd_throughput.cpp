// superopt throughput: how fast the emulator evaluates programs, in full and after
// a random one-instruction change (re-running only from the change).
#include "cli.hpp"

#include "superopt/cost.hpp"
#include "superopt/networks.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <random>

namespace cli {

namespace {

using Clock = std::chrono::steady_clock;

struct Rate {
    int64_t programs = 0;
    double seconds = 0;
    double perSecond() const { return programs / seconds; }
};

// Runs `step` 64 times and adds the count and the time taken to `rate`.
template <class Step>
void slice(Rate& rate, Step& step) {
    auto start = Clock::now();
    for (int i = 0; i < 64; ++i) step();
    rate.programs += 64;
    rate.seconds += std::chrono::duration<double>(Clock::now() - start).count();
}

// A random change to one register operand of instruction k (the emulator needs no
// legality to run, so any register will do).
superopt::Instruction mutate(const superopt::Instruction& in, std::mt19937_64& rng, int registers) {
    superopt::Instruction out = in;
    superopt::Operand& o = in.src.kind == superopt::kReg ? out.src : out.dst;
    if (o.kind == superopt::kReg) o.value = static_cast<int>((o.value + 1 + rng() % (registers - 1)) % registers);
    return out;
}

} // namespace

int throughput(const Args& args) {
    po::options_description opts("options");
    opts.add_options()
        ("task", po::value<std::string>()->default_value("sort5"), "the task; its human benchmark is the program")
        ("seconds", po::value<double>()->default_value(2.0), "time for each measurement")
        ("json", po::bool_switch(), "print the figures as JSON");
    auto vm = parse("usage: superopt throughput [--task T] [--seconds S] [--json]\n\n"
                    "Measures on one core the emulator's full evaluation of the task's human-benchmark\n"
                    "program over the training set (the permutations) with its cost, and incremental\n"
                    "evaluation after a random one-instruction change at a random position.",
                    opts, args);
    if (!vm) return 0;
    auto task = superopt::Task::parse((*vm)["task"].as<std::string>());
    double seconds = (*vm)["seconds"].as<double>();
    if (!(seconds > 0)) throw UsageError("--seconds must be positive");
    const auto program = superopt::humanBenchmark(task);
    const double inf = std::numeric_limits<double>::infinity();
    volatile double sink = 0;
    // Full: a machine that never accepts, so nothing is cached. Incremental: one
    // holding the program, each change evaluated from its position and not kept.
    superopt::Machine fullMachine(task.training()), incMachine(task.training());
    superopt::Cost fullCost({}, fullMachine.tests()), incCost({}, incMachine.tests());
    const int cases = fullMachine.tests().count;
    incMachine.propose(program, 0);
    incCost.evaluate(incMachine, program, inf);
    incMachine.accept();
    incCost.accept();
    std::mt19937_64 rng(1);
    auto changed = program;
    auto fullStep = [&] {
        fullMachine.propose(program, 0);
        sink = sink + fullCost.evaluate(fullMachine, program, inf).cost;
    };
    auto incrementalStep = [&] {
        int k = static_cast<int>(rng() % program.code.size());
        changed.code[k] = mutate(program.code[k], rng, task.registers());
        incMachine.propose(changed, k);
        sink = sink + incCost.evaluate(incMachine, changed, inf).cost;
        changed.code[k] = program.code[k];
    };
    // Interleaved in short slices (A B A B ...), so drift of the machine hits both alike.
    Rate full, incremental;
    while (full.seconds + incremental.seconds < 2 * seconds) {
        slice(full, fullStep);
        slice(incremental, incrementalStep);
    }

    if ((*vm)["json"].as<bool>()) {
        nlohmann::json j = {{"task", task.name()},
                            {"program_length", program.length()},
                            {"test_cases", cases},
                            {"full",
                             {{"programs_per_second", full.perSecond()}, {"cases_per_second", full.perSecond() * cases}}},
                            {"incremental",
                             {{"programs_per_second", incremental.perSecond()},
                              {"cases_per_second", incremental.perSecond() * cases}}},
                            {"speedup", incremental.perSecond() / full.perSecond()}};
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::printf("task %s: %d-instruction human benchmark, %d test cases, one core\n", task.name().c_str(),
                program.length(), cases);
    std::printf("  full evaluation:         %12.0f programs/s  %8.1f M test cases/s\n", full.perSecond(),
                full.perSecond() * cases / 1e6);
    std::printf("  incremental evaluation:  %12.0f programs/s  %8.1f M test cases/s  (%.2fx full)\n",
                incremental.perSecond(), incremental.perSecond() * cases / 1e6,
                incremental.perSecond() / full.perSecond());
    return 0;
}

} // namespace cli
