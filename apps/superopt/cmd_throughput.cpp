// superopt throughput: how fast the emulators evaluate programs (the sorting machine on a
// task's human benchmark, the general machine on a target's warm start) with random
// one-instruction changes, in full and re-running only from the change, on each vector
// path asked for, beside a plain one-case-at-a-time interpreter on the same changes.
#include "cli.hpp"

#include "superopt/core/general_machine.hpp"
#include "superopt/core/interpreter.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/vector_isa.hpp"
#include "superopt/search/cost.hpp"
#include "superopt/search/search_config.hpp"
#include "superopt/search/target_problem.hpp"

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

// One vector path's rates: full evaluation and incremental after a change.
struct PathRates {
    superopt::VectorIsa isa;
    Rate full, incremental;
};

// A sorting task's two machines on one path: one that never accepts (so every
// evaluation runs in full) and one holding the program, each change evaluated from its
// position and not kept.
struct PathBench {
    superopt::Machine fullMachine, incMachine;
    superopt::Cost fullCost, incCost;
    PathBench(superopt::VectorIsa isa, const superopt::Task& task, const superopt::Program& program)
        : fullMachine(task.training(), 128, isa), incMachine(task.training(), 128, isa),
          fullCost({}, fullMachine.tests()), incCost({}, incMachine.tests()) {
        incMachine.propose(program, 0);
        incCost.evaluate(incMachine, program, std::numeric_limits<double>::infinity());
        incMachine.accept();
        incCost.accept();
    }
};

// The same for a target function on the general machine, with its search cost.
struct TargetBench {
    superopt::GeneralMachine fullMachine, incMachine;
    TargetBench(superopt::VectorIsa isa, const superopt::Signature& sig,
                const std::vector<superopt::CpuState>& entries,
                const std::vector<uint64_t>& expected, const superopt::Program& program)
        : fullMachine(sig, entries, expected, isa), incMachine(sig, entries, expected, isa) {
        incMachine.propose(program);
        incMachine.runAll();
        incMachine.accept();
    }
    static int64_t errors(superopt::GeneralMachine& m, const superopt::Program& p, int from) {
        m.propose(p, from);
        int64_t e = 0;
        for (int b = 0; b < m.blocks(); ++b) {
            m.run(b);
            e += m.resultErrors(b, superopt::kMisalignPenalty);
        }
        return e;
    }
};

nlohmann::json rateJson(const Rate& r, int cases) {
    return {{"programs_per_second", r.perSecond()}, {"cases_per_second", r.perSecond() * cases}};
}

// A fixed cycle of random changes, each to one instruction that is not a jump or label,
// drawn before measuring so that drawing them is not timed, and the same for every way
// of evaluating: each evaluates the same changed programs.
class Changes {
  public:
    Changes(const superopt::Program& program, int registers)
        : program_(program), changed_(program) {
        std::mt19937_64 rng(1);
        for (int c = 0; c < 1024; ++c) {
            int k = static_cast<int>(rng() % program.code.size());
            while (superopt::info(program.code[k].op).family == superopt::Family::Jump ||
                   superopt::info(program.code[k].op).family == superopt::Family::Label)
                k = (k + 1) % static_cast<int>(program.code.size());
            changes_.push_back({k, mutate(program.code[k], rng, registers)});
        }
    }
    // Makes the next change, evaluates it with `evaluate(changed, k)`, then undoes it.
    template <class Evaluate> void next(size_t& cursor, Evaluate evaluate) {
        const auto& [k, in] = changes_[cursor++ % changes_.size()];
        changed_.code[k] = in;
        evaluate(changed_, k);
        changed_.code[k] = program_.code[k];
    }

  private:
    const superopt::Program& program_;
    superopt::Program changed_;
    std::vector<std::pair<int, superopt::Instruction>> changes_;
};

// Measures in interleaved slices (A B C A B C ...), so each gets about `seconds` and
// the machine's drift hits all alike, then prints the figures (or their JSON).
int measureAndReport(Rate& interpreter, std::vector<PathRates>& paths, double seconds, bool json,
                     nlohmann::json head, const std::string& title) {
    const double total = seconds * double(1 + 2 * paths.size());
    double spent = 0;
    while (spent < total) {
        interpreter.slice(4);
        for (auto& p : paths) {
            p.full.slice(64);
            p.incremental.slice(64);
        }
        spent = interpreter.seconds;
        for (auto& p : paths) spent += p.full.seconds + p.incremental.seconds;
    }
    const int cases = head["test_cases"];
    if (json) {
        head["isa"] = toString(superopt::activeVectorIsa());
        head["interpreter"] = rateJson(interpreter, cases);
        head["paths"] = nlohmann::json::array();
        for (auto& p : paths)
            head["paths"].push_back(
                {{"isa", toString(p.isa)},
                 {"full", rateJson(p.full, cases)},
                 {"incremental", rateJson(p.incremental, cases)},
                 {"incremental_over_full", p.incremental.perSecond() / p.full.perSecond()},
                 {"full_over_interpreter", p.full.perSecond() / interpreter.perSecond()}});
        std::cout << head.dump(2) << "\n";
        return 0;
    }
    std::printf("%s, %d test cases, one core\n", title.c_str(), cases);
    auto line = [&](const Rate& r, const std::string& ratio) {
        std::printf("  %-24s %10.0f programs/s  %7.1f M test cases/s%s\n", r.name.c_str(),
                    r.perSecond(), r.perSecond() * cases / 1e6, ratio.c_str());
    };
    line(interpreter, "");
    char ratio[64];
    for (auto& p : paths) {
        std::snprintf(ratio, sizeof ratio, "  (%.1fx the interpreter)",
                      p.full.perSecond() / interpreter.perSecond());
        line(p.full, ratio);
        std::snprintf(ratio, sizeof ratio, "  (%.2fx full)",
                      p.incremental.perSecond() / p.full.perSecond());
        line(p.incremental, ratio);
    }
    return 0;
}

volatile double sink = 0; // keeps the measured work from being optimised away

int throughputTask(const po::variables_map& vm, double seconds) {
    auto task = superopt::Task::parse(vm["task"].as<std::string>());
    const auto program = superopt::humanBenchmark(task);
    const double inf = std::numeric_limits<double>::infinity();
    const superopt::TestSet training = task.training();
    Changes changes(program, task.registers());
    Rate interpreter{"plain interpreter", [&, at = size_t(0)]() mutable {
                         changes.next(at, [&](const superopt::Program& c, int) {
                             sink = sink + superopt::interpretMisplaced(c, training);
                         });
                     }};
    std::vector<std::unique_ptr<PathBench>> benches;
    std::vector<PathRates> paths;
    for (auto isa : pathsOf(vm["isa"].as<std::string>())) {
        benches.push_back(std::make_unique<PathBench>(isa, task, program));
        PathBench& p = *benches.back();
        paths.push_back(
            {isa,
             {toString(isa) + " full",
              [&p, &changes, inf, at = size_t(0)]() mutable {
                  changes.next(at, [&](const superopt::Program& c, int) {
                      p.fullMachine.propose(c, 0);
                      sink = sink + p.fullCost.evaluate(p.fullMachine, c, inf).cost;
                  });
              }},
             {toString(isa) + " incremental", [&p, &changes, inf, at = size_t(0)]() mutable {
                  changes.next(at, [&](const superopt::Program& c, int k) {
                      p.incMachine.propose(c, k, k + 1);
                      sink = sink + p.incCost.evaluate(p.incMachine, c, inf).cost;
                  });
              }}});
    }
    nlohmann::json head = {{"task", task.name()},
                           {"program_length", program.length()},
                           {"test_cases", training.count}};
    return measureAndReport(interpreter, paths, seconds, vm["json"].as<bool>(), head,
                            "task " + task.name() + ": " + std::to_string(program.length()) +
                                "-instruction human benchmark");
}

int throughputTarget(const po::variables_map& vm, double seconds) {
    superopt::SearchConfig c = superopt::defaultsFor("warm", true);
    c.target = {vm["target"].as<std::string>(), vm["function"].as<std::string>(),
                vm["signature"].as<std::string>()};
    const superopt::TargetProblem problem(c);
    const superopt::Program program = problem.start("warm", c.profile);
    const superopt::Signature& sig = problem.target().signature;
    std::vector<superopt::CpuState> entries;
    std::vector<uint64_t> expected;
    for (const auto& k : problem.cases()) {
        entries.push_back(k.entry);
        expected.push_back(k.expected);
    }
    if (!superopt::GeneralMachine::runs(program))
        throw std::invalid_argument(problem.name() +
                                    ": a stack operand spans two 8-byte words; the batched "
                                    "emulator does not run it (the search runs it one case "
                                    "at a time)");
    Changes changes(program, superopt::kGeneralRegisters);
    Rate interpreter{"plain interpreter", [&, at = size_t(0)]() mutable {
                         changes.next(at, [&](const superopt::Program& c, int) {
                             int64_t e = 0;
                             for (size_t k = 0; k < entries.size(); ++k)
                                 e += superopt::resultErrors(sig, superopt::run(c, entries[k]),
                                                             expected[k]);
                             sink = sink + static_cast<double>(e);
                         });
                     }};
    std::vector<std::unique_ptr<TargetBench>> benches;
    std::vector<PathRates> paths;
    for (auto isa : pathsOf(vm["isa"].as<std::string>())) {
        benches.push_back(std::make_unique<TargetBench>(isa, sig, entries, expected, program));
        TargetBench& p = *benches.back();
        auto evaluateFrom = [](superopt::GeneralMachine& m, bool incremental) {
            return [&m, incremental](const superopt::Program& c, int k) {
                sink = sink + static_cast<double>(TargetBench::errors(m, c, incremental ? k : 0));
            };
        };
        paths.push_back(
            {isa,
             {toString(isa) + " full", [&changes, full = evaluateFrom(p.fullMachine, false),
                                        at = size_t(0)]() mutable { changes.next(at, full); }},
             {toString(isa) + " incremental",
              [&changes, inc = evaluateFrom(p.incMachine, true), at = size_t(0)]() mutable {
                  changes.next(at, inc);
              }}});
    }
    nlohmann::json head = {{"task", problem.name()},
                           {"program_length", program.length()},
                           {"test_cases", static_cast<int>(entries.size())}};
    return measureAndReport(interpreter, paths, seconds, vm["json"].as<bool>(), head,
                            problem.name() + ": " + std::to_string(program.length()) +
                                "-instruction warm start (the target, its stack slots in "
                                "registers)");
}

} // namespace

int throughput(const Args& args) {
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("task", po::value<std::string>()->default_value("sort5"),
         "the task; its human benchmark is the program")
        ("target", po::value<std::string>(),
         "or a function's assembly file: its warm start is the program, the search's test "
         "cases the cases")
        ("function", po::value<std::string>()->default_value(""),
         "with --target: the function (default: the file's one .globl)")
        ("signature", po::value<std::string>(), "with --target: e.g. 'u32(u32)'")
        ("seconds", po::value<double>()->default_value(2.0), "time for each measurement")
        ("isa", po::value<std::string>()->default_value("auto"),
         "vector paths to measure: auto (the one in use: the best this CPU has, or "
         "SUPEROPT_ISA), all (every one this CPU runs), or a list such as avx2,baseline")
        ("json", po::bool_switch(), "print the figures as JSON");
    // clang-format on
    auto vm = parse(
        "usage: superopt throughput [--task T] [--seconds S] [--isa PATHS] [--json]\n"
        "       superopt throughput --target F.s [--function NAME] --signature SIG [...]\n\n"
        "Measures on one core how fast programs are evaluated with their cost over the test\n"
        "cases: by the emulator in full and incrementally (re-running only from the change),\n"
        "on each vector path asked for, and by a plain interpreter that runs one test case\n"
        "at a time (built at -O2). Each evaluates the same programs: a cycle of 1024 random\n"
        "one-instruction changes to one program, drawn before measuring (so drawing them is\n"
        "not timed), each made, evaluated and undone. For a sorting task the program is its\n"
        "human benchmark and the cases its permutations; for a target function (--target)\n"
        "the program is the search's warm start and the cases the search's first training\n"
        "cases, on the general emulator. All of them are measured in short interleaved\n"
        "slices, so that the machine's drift hits them alike.\n\n"
        "examples:\n"
        "  superopt throughput                           # sort5, the path in use\n"
        "  superopt throughput --isa all --json          # every path this CPU runs\n"
        "  SUPEROPT_ISA=baseline superopt throughput     # the path every x86-64 CPU runs\n"
        "  superopt throughput --target data/hacker/hacker-O0.s --function p23 --signature "
        "'u32(u32)'",
        opts, args);
    if (!vm) return 0;
    const double seconds = (*vm)["seconds"].as<double>();
    if (!(seconds > 0)) throw UsageError("--seconds must be positive");
    if (!(*vm)["task"].defaulted() && vm->count("target"))
        throw UsageError("--task and --target exclude each other");
    if (vm->count("target")) {
        if (!vm->count("signature")) throw UsageError("--target needs --signature");
        return throughputTarget(*vm, seconds);
    }
    if (vm->count("signature") || !(*vm)["function"].defaulted())
        throw UsageError("--signature and --function need --target");
    return throughputTask(*vm, seconds);
}

} // namespace cli
