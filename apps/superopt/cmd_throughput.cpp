// superopt throughput: how fast the emulator evaluates programs, in full and after a
// random one-instruction change (re-running only from the change), on each vector
// path asked for, beside the plain one-case-at-a-time interpreter.
#include "cli.hpp"

#include "superopt/core/interpreter.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/vector_isa.hpp"
#include "superopt/search/cost.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>

namespace cli {

namespace {

using Clock = std::chrono::steady_clock;

// Programs evaluated by one way of evaluating, and the time it took.
struct Rate {
    std::string name;
    std::function<void()> step; // evaluates one program
    int64_t programs = 0;
    double seconds = 0;
    double perSecond() const { return programs / seconds; }
    // Runs `step` a few times and adds the count and the time taken.
    void slice(int count) {
        auto start = Clock::now();
        for (int i = 0; i < count; ++i) step();
        programs += count;
        seconds += std::chrono::duration<double>(Clock::now() - start).count();
    }
};

// A random change to one register operand of instruction k (the emulator needs no
// legality to run, so any register will do).
superopt::Instruction mutate(const superopt::Instruction& in, std::mt19937_64& rng, int registers) {
    superopt::Instruction out = in;
    superopt::Operand& o = in.src.kind == superopt::kReg ? out.src : out.dst;
    if (o.kind == superopt::kReg)
        o.value = static_cast<int>((o.value + 1 + rng() % (registers - 1)) % registers);
    return out;
}

// The paths named by --isa: "auto" (the active one), "all" (every one this CPU runs)
// or a comma-separated list.
std::vector<superopt::VectorIsa> pathsOf(const std::string& list) {
    if (list == "auto") return {superopt::activeVectorIsa()};
    if (list == "all") return superopt::supportedVectorIsas();
    std::vector<superopt::VectorIsa> out;
    std::stringstream in(list);
    for (std::string name; std::getline(in, name, ',');) {
        if (name == "auto" || name.empty())
            throw UsageError("--isa: give auto, all or a list of paths");
        try {
            out.push_back(superopt::parseVectorIsa(name));
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--isa: ") + e.what());
        }
    }
    return out;
}

// One vector path's two machines: one that never accepts (so every evaluation runs in
// full) and one holding the program, each change evaluated from its position and not
// kept.
struct PathBench {
    superopt::VectorIsa isa;
    superopt::Machine fullMachine, incMachine;
    superopt::Cost fullCost, incCost;
    PathBench(superopt::VectorIsa isa, const superopt::Task& task, const superopt::Program& program)
        : isa(isa), fullMachine(task.training(), 128, isa), incMachine(task.training(), 128, isa),
          fullCost({}, fullMachine.tests()), incCost({}, incMachine.tests()) {
        incMachine.propose(program, 0);
        incCost.evaluate(incMachine, program, std::numeric_limits<double>::infinity());
        incMachine.accept();
        incCost.accept();
    }
};

nlohmann::json rateJson(const Rate& r, int cases) {
    return {{"programs_per_second", r.perSecond()}, {"cases_per_second", r.perSecond() * cases}};
}

} // namespace

int throughput(const Args& args) {
    po::options_description opts("options");
    opts.add_options()("task", po::value<std::string>()->default_value("sort5"),
                       "the task; its human benchmark is the program")(
        "seconds", po::value<double>()->default_value(2.0), "time for each measurement")(
        "isa", po::value<std::string>()->default_value("auto"),
        "vector paths to measure: auto (the one in use: the best this CPU has, or SUPEROPT_ISA), "
        "all "
        "(every one this CPU runs), or a list such as avx2,baseline")("json", po::bool_switch(),
                                                                      "print the figures as JSON");
    auto vm =
        parse("usage: superopt throughput [--task T] [--seconds S] [--isa PATHS] [--json]\n\n"
              "Measures on one core the emulator's full evaluation of the task's human-benchmark\n"
              "program over the training set (the permutations) with its cost, and incremental\n"
              "evaluation after a random one-instruction change at a random position, on each\n"
              "vector path asked for, beside a plain interpreter that runs one test case at a\n"
              "time (built at -O2). All of them are measured in short interleaved slices, so\n"
              "that the machine's drift hits them alike.\n\n"
              "examples:\n"
              "  superopt throughput                           # sort5, the path in use\n"
              "  superopt throughput --isa all --json          # every path this CPU runs\n"
              "  SUPEROPT_ISA=baseline superopt throughput     # the path every x86-64 CPU runs",
              opts, args);
    if (!vm) return 0;
    auto task = superopt::Task::parse((*vm)["task"].as<std::string>());
    double seconds = (*vm)["seconds"].as<double>();
    if (!(seconds > 0)) throw UsageError("--seconds must be positive");
    const auto program = superopt::humanBenchmark(task);
    const double inf = std::numeric_limits<double>::infinity();
    const superopt::TestSet training = task.training();
    const int cases = training.count;
    volatile double sink = 0;
    std::mt19937_64 rng(1);
    auto changed = program;

    std::vector<std::unique_ptr<PathBench>> paths;
    for (auto isa : pathsOf((*vm)["isa"].as<std::string>()))
        paths.push_back(std::make_unique<PathBench>(isa, task, program));
    Rate interpreter{"plain interpreter",
                     [&] { sink = sink + superopt::interpretMisplaced(program, training); }};
    std::vector<Rate> full, incremental;
    for (auto& b : paths) {
        PathBench& p = *b;
        full.push_back({toString(p.isa) + " full", [&p, &program, &sink, inf] {
                            p.fullMachine.propose(program, 0);
                            sink = sink + p.fullCost.evaluate(p.fullMachine, program, inf).cost;
                        }});
        incremental.push_back(
            {toString(p.isa) + " incremental", [&p, &program, &changed, &rng, &sink, &task, inf] {
                 int k = static_cast<int>(rng() % program.code.size());
                 changed.code[k] = mutate(program.code[k], rng, task.registers());
                 p.incMachine.propose(changed, k, k + 1);
                 sink = sink + p.incCost.evaluate(p.incMachine, changed, inf).cost;
                 changed.code[k] = program.code[k];
             }});
    }
    // Interleaved in short slices (A B C A B C ...): each gets about `seconds`.
    const double total = seconds * double(1 + 2 * paths.size());
    double spent = 0;
    while (spent < total) {
        interpreter.slice(4);
        for (size_t i = 0; i < paths.size(); ++i) {
            full[i].slice(64);
            incremental[i].slice(64);
        }
        spent = interpreter.seconds;
        for (size_t i = 0; i < paths.size(); ++i) spent += full[i].seconds + incremental[i].seconds;
    }

    if ((*vm)["json"].as<bool>()) {
        nlohmann::json j = {{"task", task.name()},
                            {"program_length", program.length()},
                            {"test_cases", cases},
                            {"isa", toString(superopt::activeVectorIsa())},
                            {"interpreter", rateJson(interpreter, cases)},
                            {"paths", nlohmann::json::array()}};
        for (size_t i = 0; i < paths.size(); ++i)
            j["paths"].push_back(
                {{"isa", toString(paths[i]->isa)},
                 {"full", rateJson(full[i], cases)},
                 {"incremental", rateJson(incremental[i], cases)},
                 {"incremental_over_full", incremental[i].perSecond() / full[i].perSecond()},
                 {"full_over_interpreter", full[i].perSecond() / interpreter.perSecond()}});
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::printf("task %s: %d-instruction human benchmark, %d test cases, one core\n",
                task.name().c_str(), program.length(), cases);
    auto line = [&](const Rate& r, const std::string& ratio) {
        std::printf("  %-24s %10.0f programs/s  %7.1f M test cases/s%s\n", r.name.c_str(),
                    r.perSecond(), r.perSecond() * cases / 1e6, ratio.c_str());
    };
    line(interpreter, "");
    char ratio[64];
    for (size_t i = 0; i < paths.size(); ++i) {
        std::snprintf(ratio, sizeof ratio, "  (%.1fx the interpreter)",
                      full[i].perSecond() / interpreter.perSecond());
        line(full[i], ratio);
        std::snprintf(ratio, sizeof ratio, "  (%.2fx full)",
                      incremental[i].perSecond() / full[i].perSecond());
        line(incremental[i], ratio);
    }
    return 0;
}

} // namespace cli
