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
    double programs = 0, cases = 0, seconds = 0;
};

// Calls `step` until `seconds` have passed; returns programs per second.
template <class Step>
Rate measure(double seconds, int cases, Step step) {
    auto start = Clock::now();
    int64_t n = 0;
    double elapsed = 0;
    do {
        for (int i = 0; i < 64; ++i) step();
        n += 64;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < seconds);
    return {n / elapsed, n * double(cases) / elapsed, elapsed};
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
    superopt::Machine machine(task.training());
    superopt::Cost cost({}, machine.tests());
    const int cases = machine.tests().count;
    const double inf = std::numeric_limits<double>::infinity();
    volatile double sink = 0;

    Rate full = measure(seconds, cases, [&] {
        machine.propose(program, 0);
        sink = sink + cost.evaluate(machine, program, inf).cost;
    });
    machine.propose(program, 0);
    cost.evaluate(machine, program, inf);
    machine.accept();
    cost.accept();
    std::mt19937_64 rng(1);
    auto changed = program;
    Rate incremental = measure(seconds, cases, [&] {
        int k = static_cast<int>(rng() % program.code.size());
        changed.code[k] = mutate(program.code[k], rng, task.registers());
        machine.propose(changed, k);
        sink = sink + cost.evaluate(machine, changed, inf).cost;
        changed.code[k] = program.code[k];
    });

    if ((*vm)["json"].as<bool>()) {
        nlohmann::json j = {{"task", task.name()},
                            {"program_length", program.length()},
                            {"test_cases", cases},
                            {"full", {{"programs_per_second", full.programs}, {"cases_per_second", full.cases}}},
                            {"incremental",
                             {{"programs_per_second", incremental.programs}, {"cases_per_second", incremental.cases}}},
                            {"speedup", incremental.programs / full.programs}};
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::printf("task %s: %d-instruction human benchmark, %d test cases, one core\n", task.name().c_str(),
                program.length(), cases);
    std::printf("  full evaluation:         %12.0f programs/s  %8.1f M test cases/s\n", full.programs,
                full.cases / 1e6);
    std::printf("  incremental evaluation:  %12.0f programs/s  %8.1f M test cases/s  (%.2fx full)\n",
                incremental.programs, incremental.cases / 1e6, incremental.programs / full.programs);
    return 0;
}

} // namespace cli
