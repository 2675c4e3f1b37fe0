// superopt search: the stochastic search (MCMC) from the command line.
#include "cli.hpp"
#include "cluster.hpp"

#include "superopt/core/equivalence.hpp"
#include "superopt/core/export.hpp"
#include "superopt/core/files.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/search/problem.hpp"
#include "superopt/search/search_json.hpp"

#include <cstdio>
#include <iostream>
#include <sched.h>

namespace cli {
using namespace superopt;

namespace {

constexpr const char* kUsage =
    "usage: superopt search [--task T] [--start warm|cold|FILE.s] [options]\n"
    "       superopt search --target F.s [--function NAME] --signature SIG [options]\n\n"
    "Searches for a shorter (or faster) correct kernel by Markov-chain Monte Carlo:\n"
    "random moves (add, delete, swap, opcode, operand, instruction, rotate; for\n"
    "varsort and branching targets also branch, unbranch, retarget; for targets\n"
    "also rename and propagate, which rewrite a value's live range) accepted\n"
    "by the Metropolis rule on cost = correctness + alpha x performance. Every\n"
    "program it reports has passed the complete check (every weak ordering).\n"
    "Warm start begins at the compiled sorting network (the human benchmark); cold\n"
    "start at the empty program. Ctrl-C stops and keeps the best result.\n\n"
    "With --target, the search improves your own loop-free integer function (gcc/clang\n"
    "-S output at any -O level, or hand-written AT&T), warm start from it: correctness\n"
    "counts the result's wrong bits over test cases (edge and random arguments), and\n"
    "every program it reports was proved equal to the target by the SMT solver (Z3); a\n"
    "counterexample joins the chain's test cases. Rewrites use the caller-saved\n"
    "registers and no CPU extension unless --extensions names it.\n\n"
    "examples:\n"
    "  superopt search                                  # sort3, warm start, 10 s\n"
    "  superopt search --target bits.s --function p01 --signature 'i32(i32)' --asm p01.s\n"
    "  superopt search --task sort5 --seconds 60 --asm sort5.s --json sort5.json\n"
    "  superopt search --task sort3 --start cold --seconds 300 --profile alphadev\n"
    "  superopt search --task varsort4 --objective latency --seconds 120\n"
    "  superopt search --config run.json --seed 7       # options from a file; the command line "
    "wins\n\n"
    "exit: 0 with a verified kernel, 1 when none was found, 2 on bad input";

// Proposals per chain between the ranks' exchanges (islands.hpp): about a second.
constexpr int64_t kExchangeEvery = 1 << 20;

po::options_description options() {
    po::options_description o("options");
    o.add_options()("task", po::value<std::string>()->default_value("sort3"),
                    "sort2..sort8, varsort2..varsort5")(
        "target", po::value<std::string>(), "or your function's assembly file (instead of --task)")(
        "function", po::value<std::string>()->default_value(""),
        "with --target: the function (default: the file's one .globl)")(
        "signature", po::value<std::string>(),
        "with --target: System V integer signature, e.g. 'i32(i32)', 'u64(u64,u64,i32)'")(
        "extensions", po::value<std::string>()->default_value(""),
        "with --target: CPU extensions rewrites may use besides the target's own: popcnt, "
        "lzcnt, bmi1 (comma-separated; the result then runs only where the CPU has them)")(
        "solver-seconds", po::value<double>()->default_value(10),
        "with --target: the solver's limit per check, in seconds of solver work (Z3's "
        "resource units, about a second each on a Zen 3 core, so that the verdicts and a "
        "seed's result do not depend on the machine's load); a find it gives up on is never "
        "a result")("start", po::value<std::string>()->default_value("warm"),
                    "warm (the human benchmark), cold (empty) or a program file")(
        "profile", po::value<std::string>()->default_value("alphadev"),
        "rules: alphadev (AlphaDev's action space) or x86")(
        "objective", po::value<std::string>()->default_value("length"),
        "performance: length, latency-model (the opcode table's figures) or latency (measured: "
        "chains run on length (sorting: + the cost of expected mispredicted jumps on data), "
        "the correct programs they find are verified and timed as they come (a target's on "
        "random arguments), the fastest are timed again at the end)")(
        "cost", po::value<std::string>(),
        "correctness term: misplaced, sqrt-misplaced, sqrt-count (default), hamming (the only "
        "one for targets)")(
        "alpha", po::value<double>(),
        "weight of performance against correctness (default: 0.1; cold: 0.005; targets: 0.3)")(
        "beta", po::value<double>(),
        "inverse temperature of the Metropolis rule (default: 15; cold: 60; targets: 3)")(
        "seconds", po::value<double>()->default_value(10),
        "wall-clock budget (0: none; with --iterations, none unless given)")(
        "iterations", po::value<int64_t>()->default_value(0),
        "proposals per chain (0: none); with it, a seed repeats exactly")(
        "threads", po::value<int>()->default_value(0), "worker threads (0: every core)")(
        "chains", po::value<int>()->default_value(0), "parallel chains (0: one per thread)")(
        "seed", po::value<uint64_t>()->default_value(1),
        "base seed; chain c draws from a generator seeded by (seed, c)")(
        "max-length", po::value<int>(),
        "longest program considered (default: the start's length + 3; cold: the human benchmark's "
        "+ 6, the target's + 1)")(
        "registers", po::value<int>()->default_value(0),
        "registers programs may use (0: the task's default, N+3; targets: the result's, "
        "the arguments' and two more, at most 9)")(
        "restart-every", po::value<int64_t>(),
        "restart a chain at its start after this many proposals without a new best cost (0: "
        "never; default: 0; sorting tasks' cold start: 3000000; targets' warm start: 1000000)")(
        "moves", po::value<std::string>()->default_value(""),
        "move weights that replace the task's defaults, e.g. add=2,branch=0 (defaults: add=1,"
        "delete=1,swap=1,opcode=2,operand=3,instruction=1,rotate=1; branch, unbranch, retarget: 1 "
        "for varsort and targets with jumps, else 0; rename, propagate: 1 for targets, 0 for "
        "sort)")("train", po::value<std::string>()->default_value("sample:512"),
                 "training set of a sorting task: permutations, complete (every "
                 "weak ordering) or sample:N (N random permutations drawn by "
                 "the seed, all of them when there are fewer, each chain adding "
                 "the complete check's counterexamples, up to 1024 more)")(
        "trace-every", po::value<int64_t>()->default_value(100000),
        "proposals between trace points of a chain")("json", po::value<std::string>(),
                                                     "write the result file (JSON) here")(
        "trace", po::value<std::string>(), "write the trace (JSON lines) here")(
        "asm", po::value<std::string>(), "write the kernel (GNU as) here")(
        "symbol", po::value<std::string>(),
        "the kernel's function name (default: the task's or the target's name)")(
        "ranks", po::value<int>()->default_value(0),
        "MPI ranks the run must have (mpirun -np K; 0: any); the result file records K")(
        "exchange-every", po::value<int64_t>()->default_value(kExchangeEvery),
        "on MPI ranks: proposals per chain between exchanges of the best programs")(
        "config", po::value<std::string>(),
        "read options from a JSON file ({\"task\": \"sort4\", ...})")("quiet", po::bool_switch(),
                                                                      "no progress line");
    return o;
}

// A command-line value as JSON (the option types used above).
nlohmann::json jsonValue(const boost::any& v) {
    if (auto* x = boost::any_cast<std::string>(&v)) return *x;
    if (auto* x = boost::any_cast<double>(&v)) return *x;
    if (auto* x = boost::any_cast<int64_t>(&v)) return *x;
    if (auto* x = boost::any_cast<uint64_t>(&v)) return *x;
    return boost::any_cast<int>(v);
}

// The search options given (or defaulted) here, under the result file's names, over
// the tuned defaults of the start (warm or cold): one mapping for the command line,
// config files and experiments (searchConfigFromJson).
SearchConfig configFrom(const po::variables_map& vm) {
    const nlohmann::json names = toJson(SearchConfig{});
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [name, unused] : names.items())
        if (vm.count(name)) fields[name] = jsonValue(vm[name].value());
    // A proposal budget alone repeats exactly: no wall clock cuts it short.
    if (!vm["iterations"].defaulted() && vm["seconds"].defaulted()) fields["seconds"] = 0.0;
    const bool target = vm.count("target");
    if (target) {
        for (const char* option : {"task", "train", "profile"})
            if (!vm[option].defaulted())
                throw UsageError(std::string("--") + option + " means nothing with --target");
        if (!vm.count("signature")) throw UsageError("--target needs --signature");
        fields["task"] =
            toJson(TargetSpec{vm["target"].as<std::string>(), vm["function"].as<std::string>(),
                              vm["signature"].as<std::string>()});
        fields["extensions"] = vm["extensions"].as<std::string>();
        fields["solver-seconds"] = vm["solver-seconds"].as<double>();
        fields.erase("train");
        fields.erase("profile");
    } else {
        for (const char* option : {"function", "signature", "extensions", "solver-seconds"})
            if (!vm[option].defaulted() && vm.count(option))
                throw UsageError(std::string("--") + option + " goes with --target");
    }
    try {
        return searchConfigFromJson(fields, defaultsFor(vm["start"].as<std::string>(), target));
    } catch (const std::invalid_argument& e) {
        throw optionError(e);
    }
}

// The search's configuration on this rank: on MPI ranks, the threads default to the
// cores the rank is bound to, not every core of the machine.
SearchConfig rankConfig(const po::variables_map& vm) {
    SearchConfig c = configFrom(vm);
    const int expected = vm["ranks"].as<int>();
    if (expected < 0 || (expected > 0 && expected != ranks()))
        throw UsageError("--ranks " + std::to_string(expected) + ", but this job has " +
                         std::to_string(ranks()) + (ranks() == 1 ? " rank" : " ranks") +
                         " (start it with mpirun -np " + std::to_string(expected) + ")");
    if (vm["exchange-every"].as<int64_t>() <= 0)
        throw UsageError("--exchange-every must be positive");
    c.threads = threadsOnRank(c.threads);
    return c;
}

void showProgress(const Progress& p) {
    static double last = -1;
    if (p.seconds - last < 0.25) return;
    last = p.seconds;
    std::fprintf(stderr,
                 "\r[%6.1fs] %7.2fM proposals/s  accepted %5.2f%%  best cost %8.3f  best correct "
                 "length %s   ",
                 p.seconds, p.proposals / p.seconds / 1e6,
                 p.proposals ? 100.0 * p.acceptances / p.proposals : 0.0, p.bestCost,
                 p.bestLength < 0 ? "-" : std::to_string(p.bestLength).c_str());
}

} // namespace

int search(const Args& args) {
    auto vm = parse(kUsage, options(), args);
    if (!vm) return 0;
    Search search(rankConfig(*vm));
    const SearchConfig& config = search.config();
    const int64_t every = (*vm)["exchange-every"].as<int64_t>();
    checkOutputs(*vm, {"json", "trace", "asm"});
    agree();
    const auto islandsOfRanks = islands(config.chains, every);
    const bool progress = interactive() && !(*vm)["quiet"].as<bool>() && rank() == 0;
    catchInterrupt();
    SearchResult result = search.run(
        interruptFlag(), progress ? showProgress : std::function<void(const Progress&)>{},
        islandsOfRanks.get());
    if (progress) std::fprintf(stderr, "\n");
    if (rank() != 0) return 0; // rank 0 holds every rank's result

    nlohmann::json file = toJson(result, config);
    if (ranks() > 1) {
        file["config"]["ranks"] = ranks();
        file["config"]["exchange-every"] = every;
    }
    if (vm->count("json")) writeFileAtomic((*vm)["json"].as<std::string>(), file.dump(2) + "\n");
    if (vm->count("trace")) writeFileAtomic((*vm)["trace"].as<std::string>(), traceLines(result));
    const bool target = !config.target.empty();
    std::printf("%s: %s start (%d instructions), %s, %.1f s, %lld proposals (%.2fM/s), %d "
                "chains%s%s\n",
                search.problem().name().c_str(), config.start.c_str(), result.startLength,
                target ? ("registers " + std::to_string(config.registers) + ", extensions " +
                          (config.extensions.empty() ? "none" : config.extensions))
                             .c_str()
                       : ("profile " + toString(config.profile)).c_str(),
                result.seconds, static_cast<long long>(result.proposals),
                result.proposals / result.seconds / 1e6, config.chains,
                ranks() > 1 ? (" on each of " + std::to_string(ranks()) + " ranks").c_str() : "",
                result.interrupted ? ", interrupted" : "");
    if (result.unverified)
        std::printf(
            "%lld programs left unverified: the solver gave up on them (--solver-seconds)\n",
            static_cast<long long>(result.unverified));
    if (!result.best) {
        std::printf("no correct program found\n");
        return 1;
    }
    const Found& best = *result.best;
    if (vm->count("asm")) {
        const std::string symbol =
            vm->count("symbol") ? (*vm)["symbol"].as<std::string>() : search.problem().symbol();
        writeFileAtomic((*vm)["asm"].as<std::string>(),
                        exportKernel(best.program, symbol,
                                     "superopt search: " + search.problem().name() + ", " +
                                         std::to_string(best.length) + " instructions, seed " +
                                         std::to_string(config.seed)));
    }
    if (target)
        std::printf("best: %d instructions, proved equal to the target by Z3 %s", best.length,
                    solverVersion().c_str());
    else
        std::printf("best: %d instructions, verified on all %lld cases", best.length,
                    static_cast<long long>(completeSet(Task::parse(config.task)).count));
    if (result.latency)
        std::printf(", the fastest of %d measured at the end (%lld screened during the search)\n"
                    "latency: %.2f %s per call (5th percentile, 95%% interval %.2f..%.2f) against "
                    "%.2f for the start\n",
                    result.latency->candidates, static_cast<long long>(result.latency->screened),
                    result.latency->best.cycles, result.latency->clock.c_str(),
                    result.latency->best.low, result.latency->best.high,
                    result.latency->startCycles);
    else
        std::printf(", found after %.2f s (chain %d, proposal %lld)\n", best.seconds, best.chain,
                    static_cast<long long>(best.iteration));
    std::printf("%s", toText(best.program).c_str());
    return 0;
}

} // namespace cli
