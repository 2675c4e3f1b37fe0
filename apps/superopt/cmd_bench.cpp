// superopt bench: measured latency (AlphaDev's protocol, latency.hpp) of kernel files
// against the human benchmark and the compiled baselines, all run natively. Every
// kernel file is verified on the complete test set first: a wrong one is an error.
#include "cli.hpp"

#include "superopt/core/files.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/native/baselines.hpp"
#include "superopt/native/latency.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace cli {

namespace {

struct Row {
    std::string name;
    int length = -1; // instructions; -1 for a compiled baseline
    superopt::KernelFn fn = nullptr;
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

void printTable(const superopt::Task& task, const superopt::LatencyOptions& o,
                const std::vector<Row>& rows, const superopt::LatencyReport& r,
                const superopt::SelfCheck& self) {
    std::printf(
        "task %s: %d random inputs per measurement, %d measurements per kernel, interleaved\n",
        task.name().c_str(), o.inputs, r.kernels[0].measurements);
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

nlohmann::json toJson(const superopt::Task& task, const superopt::LatencyOptions& o,
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
    return {{"task", task.name()},
            {"clock", r.clock},
            {"ticks_per_ns", r.ticksPerNs},
            {"inputs_per_measurement", o.inputs},
            {"quantile", o.quantile},
            {"confidence", o.confidence},
            {"kernels", kernels},
            {"self_check", {{"kernel", rows[0].name}, {"ratio", self.ratio}, {"ok", self.ok}}}};
}

} // namespace

int bench(const Args& args) {
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("task", po::value<std::string>()->required(), "sort2..sort8, varsort2..varsort5")
        ("kernel", po::value<std::vector<std::string>>()->default_value({}, ""),
         "kernel files (plain AT&T lines or exported .s), measured in this order")
        ("symbol", po::value<std::string>()->default_value(""), "read only this function of each file")
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
        "--seconds S]\n\n"
        "Measures each kernel natively (JIT-compiled, 64-byte aligned) with AlphaDev's protocol:\n"
        "one measurement runs the kernel on 10,000 random inputs timed by the time-stamp counter;\n"
        "the kernels take turns (A B A B ...) so that drift hits all alike. Reports the 5th\n"
        "percentile per call with a distribution-free 95% interval and the ratio to the first\n"
        "kernel, for the files given, then the human benchmark (the compiled network), a\n"
        "branchless C++ network sort and std::sort. The first kernel is also measured against a\n"
        "copy of itself: a ratio outside 1.00 +/- 0.01 means the machine is too noisy to trust.\n"
        "Every file is verified on the complete test set first; a wrong one exits 1. Example:\n"
        "  superopt network --n 3 --asm sort3.s && superopt bench --task sort3 sort3.s",
        opts, args, pos);
    if (!vm) return 0;
    const auto task = superopt::Task::parse((*vm)["task"].as<std::string>());
    const auto opt = options(*vm);
    std::vector<superopt::Program> programs;
    std::vector<Row> rows;
    for (const auto& file : (*vm)["kernel"].as<std::vector<std::string>>()) {
        auto p = verified(file, (*vm)["symbol"].as<std::string>(), task);
        if (!p) return 1;
        rows.push_back({file, p->length()});
        programs.push_back(std::move(*p));
    }
    programs.push_back(superopt::humanBenchmark(task));
    if (!superopt::verify(programs.back(), task).correct)
        throw std::logic_error("the human benchmark failed");
    rows.push_back({"human benchmark (network, JIT)", programs.back().length()});

    std::vector<superopt::JitKernel> jitted;
    for (size_t k = 0; k < programs.size(); ++k)
        rows[k].fn =
            jitted.emplace_back(superopt::JitKernel::compile(programs[k], task)).function();
    for (const auto& b : superopt::baselines(task)) rows.push_back({b.name, -1, b.fn});
    std::vector<superopt::KernelFn> fns;
    for (const auto& r : rows) fns.push_back(r.fn);

    const auto report = superopt::measureLatency(fns, task, opt);
    const auto self = superopt::selfCheck(programs[0], task, opt);
    printTable(task, opt, rows, report, self);
    if (vm->count("json")) {
        const auto path = (*vm)["json"].as<std::string>();
        superopt::writeFileAtomic(path, toJson(task, opt, rows, report, self).dump(2) + "\n");
    }
    return 0;
}

} // namespace cli
