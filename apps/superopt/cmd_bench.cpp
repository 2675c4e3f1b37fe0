// superopt bench: measured latency (AlphaDev's protocol, latency.hpp) of kernel files
// against the human benchmark and the compiled baselines, or of rewrites of a target
// function against the target and the same function compiled by a C compiler, all run
// natively. Every file is verified first (on the complete test set, or by the solver):
// a wrong one is an error.
#include "cli.hpp"

#include "superopt/core/equivalence.hpp"
#include "superopt/core/files.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/native/baselines.hpp"
#include "superopt/native/latency.hpp"
#include "superopt/native/shared_library.hpp"
#include "superopt/search/search_json.hpp"
#include "superopt/search/target_problem.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace cli {

namespace {

struct Row {
    std::string name;
    int length = -1; // instructions; -1 for a compiled baseline
};

// Reads a kernel file and verifies it; when it is wrong, says why on stderr and
// returns nothing.
std::optional<superopt::Program> verified(const std::string& file, const std::string& symbol,
                                          const superopt::Task& task) {
    auto program = superopt::readProgramFile(file, symbol);
    auto verdict = superopt::verify(program, task);
    if (verdict.correct) return program;
    std::cerr << file << ": " << task.name() << ", " << program.length() << " instructions, "
              << verdict.describe(program) << "\n";
    return std::nullopt;
}

superopt::LatencyOptions options(const po::variables_map& vm) {
    superopt::LatencyOptions o;
    o.inputs = vm["inputs"].as<int>();
    o.measurements = vm["measurements"].as<int>();
    o.seconds = vm["seconds"].as<double>();
    o.seed = vm["seed"].as<uint64_t>();
    if (o.inputs <= 0 || o.measurements <= 0)
        throw UsageError("--inputs and --measurements must be positive");
    if (o.seconds < 0) throw UsageError("--seconds must not be negative");
    return o;
}

std::string interval(const superopt::Latency& l) {
    char s[64];
    std::snprintf(s, sizeof s, "[%.2f, %.2f]", l.low, l.high);
    return s;
}

void printTable(const std::string& what, const superopt::LatencyOptions& o,
                const std::vector<Row>& rows, const superopt::LatencyReport& r,
                const superopt::SelfCheck& self) {
    std::printf("%s: %d random inputs per measurement, %d measurements per kernel, interleaved\n",
                what.c_str(), o.inputs, r.kernels[0].measurements);
    std::printf("clock: %s, %.3f ticks/ns\n\n", r.clock.c_str(), r.ticksPerNs);
    std::printf("%-32s %6s %14s %18s %7s\n", "kernel", "length", "p5 ticks/call", "95% interval",
                "ratio");
    for (size_t k = 0; k < rows.size(); ++k) {
        const auto& l = r.kernels[k];
        std::string len = rows[k].length < 0 ? "-" : std::to_string(rows[k].length);
        std::printf("%-32s %6s %14.2f %18s %7.3f\n", rows[k].name.c_str(), len.c_str(), l.cycles,
                    interval(l).c_str(), l.cycles / r.kernels[0].cycles);
    }
    std::printf("\nself-check: %s against a second copy of itself: ratio %.3f (%s)\n",
                rows[0].name.c_str(), self.ratio,
                self.ok ? "ok, within 1.00 +/- 0.01" : "OUTSIDE 1.00 +/- 0.01: figures unreliable");
}

nlohmann::json toJson(const nlohmann::json& task, const superopt::LatencyOptions& o,
                      const std::vector<Row>& rows, const superopt::LatencyReport& r,
                      const superopt::SelfCheck& self) {
    nlohmann::json kernels = nlohmann::json::array();
    for (size_t k = 0; k < rows.size(); ++k) {
        const auto& l = r.kernels[k];
        kernels.push_back(
            {{"name", rows[k].name},
             {"length", rows[k].length < 0 ? nlohmann::json() : nlohmann::json(rows[k].length)},
             {"ticks_per_call", l.cycles},
             {"interval", {l.low, l.high}},
             {"coverage", l.coverage},
             {"measurements", l.measurements},
             {"ratio", l.cycles / r.kernels[0].cycles}});
    }
    return {{"task", task},
            {"clock", r.clock},
            {"ticks_per_ns", r.ticksPerNs},
            {"inputs_per_measurement", o.inputs},
            {"quantile", o.quantile},
            {"confidence", o.confidence},
            {"kernels", kernels},
            {"self_check", {{"kernel", rows[0].name}, {"ratio", self.ratio}, {"ok", self.ok}}}};
}

// Prints the table, and writes the JSON file when --json asks for it.
void report(const po::variables_map& vm, const std::string& what, const nlohmann::json& task,
            const superopt::LatencyOptions& o, const std::vector<Row>& rows,
            const superopt::LatencyReport& r, const superopt::SelfCheck& self) {
    printTable(what, o, rows, r, self);
    if (vm.count("json"))
        superopt::writeFileAtomic(vm["json"].as<std::string>(),
                                  toJson(task, o, rows, r, self).dump(2) + "\n");
}

// Whether a line of `text` is exactly the label `name:`.
bool definesLabel(const std::string& text, const std::string& name) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto start = line.find_first_not_of(" \t");
        if (start != std::string::npos && line.compare(start, std::string::npos, name + ":") == 0)
            return true;
    }
    return false;
}

// The function a rewrite file holds: --symbol, else the file's one .globl, else the
// target's name when the file defines it (the compiler's file of many functions), else
// none (plain lines).
std::string symbolIn(const po::variables_map& vm, const std::string& text,
                     const superopt::Target& target) {
    if (!vm["symbol"].as<std::string>().empty()) return vm["symbol"].as<std::string>();
    if (const auto sole = superopt::soleGlobal(text); !sole.empty()) return std::string(sole);
    return !target.name.empty() && definesLabel(text, target.name) ? target.name : "";
}

// A rewrite of the target read from `file`, proved equal by the solver; when it is not,
// says why on stderr and returns nothing.
std::optional<superopt::Program> provedRewrite(const po::variables_map& vm, const std::string& file,
                                               const superopt::Target& target) {
    const auto text = superopt::readAssemblyFile(file);
    auto p =
        superopt::parseProgram(text, file, symbolIn(vm, text, target), superopt::Dialect::Function);
    if (auto why = superopt::signatureMismatch(p, target.signature))
        throw UsageError(file + ": " + *why);
    const auto e =
        superopt::proveEquivalent(target.program, p, target.signature, vm["timeout"].as<double>());
    if (e.verdict == superopt::Equivalence::Verdict::Equal) return p;
    std::cerr << file << ": "
              << (e.verdict == superopt::Equivalence::Verdict::Differs
                      ? "differs from the target: " +
                            superopt::formatCall(target.name, target.signature, e.counterexample)
                      : "not proved equal to the target in time (" + e.reason + ")")
              << "\n";
    return std::nullopt;
}

// Whether a compiled function gives the target's results on `cases` edge and random
// arguments (nothing proves what native code computes); says where it does not.
bool agreesWithTarget(superopt::TargetFn fn, const std::string& name,
                      const superopt::Target& target, int cases) {
    const auto& sig = target.signature;
    const uint64_t mask = superopt::maskOf(superopt::isWide(sig.result) ? 8 : 4);
    for (const auto& args : superopt::targetArguments(sig, cases, 1)) {
        const auto want =
            superopt::resultOf(sig, superopt::run(target.program, superopt::entryState(sig, args)));
        if (!want) continue; // the target faults or leaves it undefined: anything goes
        uint64_t a[6] = {};
        std::copy(args.begin(), args.end(), a);
        const uint64_t got = fn(a[0], a[1], a[2], a[3], a[4], a[5]) & mask;
        if (got != *want) {
            std::cerr << name << ": " << superopt::formatCall(target.name, sig, args) << " gives "
                      << superopt::formatValue(sig.result, got) << ", the target "
                      << superopt::formatValue(sig.result, *want) << "\n";
            return false;
        }
    }
    return true;
}

int benchTarget(const po::variables_map& vm, const superopt::LatencyOptions& opt) {
    const auto target =
        superopt::readTarget(vm["target"].as<std::string>(), vm["function"].as<std::string>(),
                             vm["signature"].as<std::string>());
    if (!(vm["timeout"].as<double>() > 0)) throw UsageError("--timeout must be positive");
    std::vector<superopt::Program> programs;
    std::vector<Row> rows;
    for (const auto& file : vm["kernel"].as<std::vector<std::string>>()) {
        auto p = provedRewrite(vm, file, target);
        if (!p) return 1;
        rows.push_back({file, p->length()});
        programs.push_back(std::move(*p));
    }
    programs.push_back(target.program);
    rows.push_back(
        {"the target (" + vm["target"].as<std::string>() + ", JIT)", target.program.length()});
    std::vector<superopt::JitTarget> jitted;
    std::vector<superopt::TargetFn> fns;
    for (const auto& p : programs)
        fns.push_back(jitted.emplace_back(superopt::JitTarget::compile(p)).function());
    std::vector<superopt::SharedLibrary> libraries;
    for (const auto& file : vm["compiled"].as<std::vector<std::string>>()) {
        const std::string symbol =
            vm["symbol"].as<std::string>().empty() ? target.name : vm["symbol"].as<std::string>();
        const auto fn = libraries.emplace_back(file).function(symbol);
        const std::string name = file + ":" + symbol;
        if (!agreesWithTarget(fn, name, target, 100000)) return 1;
        rows.push_back({name + " (compiled)", -1});
        fns.push_back(fn);
    }
    const auto r = superopt::measureLatency(std::span<const superopt::TargetFn>(fns), target, opt);
    const auto self = superopt::selfCheck(programs[0], target, opt);
    const superopt::TargetSpec spec{vm["target"].as<std::string>(),
                                    vm["function"].as<std::string>(),
                                    vm["signature"].as<std::string>()};
    report(vm, "function " + target.name + " " + target.signature.text(), superopt::toJson(spec),
           opt, rows, r, self);
    return 0;
}

// The sorting kernels in `files` against the human benchmark and the compiled baselines.
int benchTask(const po::variables_map& vm, const superopt::LatencyOptions& opt) {
    const auto task = superopt::Task::parse(vm["task"].as<std::string>());
    std::vector<superopt::Program> programs;
    std::vector<Row> rows;
    for (const auto& file : vm["kernel"].as<std::vector<std::string>>()) {
        auto p = verified(file, vm["symbol"].as<std::string>(), task);
        if (!p) return 1;
        rows.push_back({file, p->length()});
        programs.push_back(std::move(*p));
    }
    programs.push_back(superopt::humanBenchmark(task));
    if (!superopt::verify(programs.back(), task).correct)
        throw std::logic_error("the human benchmark failed");
    rows.push_back({"human benchmark (network, JIT)", programs.back().length()});

    std::vector<superopt::JitKernel> jitted;
    std::vector<superopt::KernelFn> fns;
    for (const auto& p : programs)
        fns.push_back(jitted.emplace_back(superopt::JitKernel::compile(p, task)).function());
    for (const auto& b : superopt::baselines(task)) {
        rows.push_back({b.name, -1});
        fns.push_back(b.fn);
    }
    const auto r = superopt::measureLatency(fns, task, opt);
    const auto self = superopt::selfCheck(programs[0], task, opt);
    report(vm, "task " + task.name(), task.name(), opt, rows, r, self);
    return 0;
}

} // namespace

int bench(const Args& args) {
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("task", po::value<std::string>(), "sort2..sort8, varsort2..varsort5")
        ("target", po::value<std::string>(),
         "or a function's assembly file (gcc/clang -S output): measure rewrites of it")
        ("function", po::value<std::string>()->default_value(""),
         "with --target: the function (default: the file's one .globl)")
        ("signature", po::value<std::string>(),
         "with --target: System V integer signature, e.g. 'i32(i32)'")
        ("compiled", po::value<std::vector<std::string>>()->default_value({}, ""),
         "with --target: a shared object (gcc -O3 -shared -fPIC) whose function of the "
         "target's name is measured too")
        ("timeout", po::value<double>()->default_value(30),
         "with --target: solver time limit (s) per rewrite")
        ("kernel", po::value<std::vector<std::string>>()->default_value({}, ""),
         "kernel or rewrite files (plain AT&T lines or .s), measured in this order")
        ("symbol", po::value<std::string>()->default_value(""),
         "read only this function of each file (with --target, default: the file's one "
         ".globl, else the target's name)")
        ("json", po::value<std::string>(), "also write the figures to this JSON file")
        ("measurements", po::value<int>()->default_value(1000), "measurements per kernel")
        ("seconds", po::value<double>()->default_value(0.0),
         "measure for this long instead (at least 100 measurements per kernel)")
        ("inputs", po::value<int>()->default_value(10000), "random inputs (calls) per measurement")
        ("seed", po::value<uint64_t>()->default_value(1), "seed of the random inputs");
    // clang-format on
    po::positional_options_description pos;
    pos.add("kernel", -1);
    auto vm = parse(
        "usage: superopt bench --task T [A.s B.s ...] [--json OUT] [--measurements M | "
        "--seconds S]\n"
        "       superopt bench --target F.s [--function NAME] --signature SIG [A.s ...] "
        "[--compiled LIB.so ...]\n\n"
        "Measures each kernel natively (JIT-compiled, 64-byte aligned) with AlphaDev's protocol:\n"
        "one measurement runs the kernel on 10,000 random inputs timed by the time-stamp counter;\n"
        "the kernels take turns (A B A B ...) so that drift hits all alike. Reports the 5th\n"
        "percentile per call with a distribution-free 95% interval and the ratio to the first\n"
        "kernel, for the files given, then the human benchmark (the compiled network), a\n"
        "branchless C++ network sort and std::sort. The first kernel is also measured against a\n"
        "copy of itself: a ratio outside 1.00 +/- 0.01 means the machine is too noisy to trust.\n"
        "Every file is verified on the complete test set first; a wrong one exits 1.\n\n"
        "With --target, the files are rewrites of a target function, each proved equal to it\n"
        "by the solver first (a rewrite that differs or is not proved in time exits 1); they\n"
        "are measured with the target itself (JIT) and, with --compiled, the function of the\n"
        "same name in a shared object, e.g. the C source at gcc -O3. Nothing proves what\n"
        "compiled code computes: it is run on 100,000 edge and random arguments against the\n"
        "target first. Every call gets random arguments (all 64 bits random).\n\n"
        "examples:\n"
        "  superopt network --n 3 --asm sort3.s && superopt bench --task sort3 sort3.s\n"
        "  gcc -O3 -shared -fPIC -o bits.so bits.c\n"
        "  superopt bench --target bits.s --function p01 --signature 'i32(i32)' p01_opt.s "
        "--compiled bits.so",
        opts, args, pos);
    if (!vm) return 0;
    const auto opt = options(*vm);
    if (vm->count("task") && vm->count("target"))
        throw UsageError("--task and --target exclude each other");
    if (vm->count("target")) {
        if (!vm->count("signature")) throw UsageError("--target needs --signature");
        return benchTarget(*vm, opt);
    }
    if (!vm->count("task")) throw UsageError("give --task (sorting kernels) or --target");
    for (const char* option : {"signature", "compiled", "function"})
        if (vm->count(option) && !(*vm)[option].defaulted())
            throw UsageError(std::string("--") + option + " needs --target");
    return benchTask(*vm, opt);
}

} // namespace cli
