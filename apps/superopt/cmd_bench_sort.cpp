// superopt bench-sort: superopt::small_sort and superopt::sort (superopt::kernels)
// against std::sort of libstdc++ (this build's g++) and of libc++ (clang++-16, its own
// object: libcxx_sort.cpp), on random int32 data: each small size, mixed sizes 1..8
// (AlphaDev's VarSort workload) and large arrays. The contenders take turns on copies of
// the same data (latency.hpp: interleave); every contender's output is checked first.
#include "cli.hpp"

#include "superopt/core/files.hpp"
#include "superopt/core/random.hpp"
#include "superopt/kernels.hpp"
#include "superopt/native/latency.hpp"

#include <nlohmann/json.hpp>

#include <x86intrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>

#ifdef SUPEROPT_HAVE_LIBCXX
extern "C" void superopt_bench_libcxx_sort(int32_t* first, int32_t* last);
extern "C" long superopt_bench_libcxx_version();
#endif

namespace cli {

namespace {

using SortFn = void (*)(int32_t* first, int32_t* last);

struct Contender {
    std::string name;
    SortFn fn;
};

// The arrays of one workload, back to back.
struct Workload {
    std::string name;
    bool small = false;          // sizes up to 8: small_sort against std::sort
    std::vector<size_t> offsets; // where each array starts in `data`; one more at the end
    std::vector<int32_t> data;
};

enum class Order { Random, Sorted, Reversed, Duplicates };

Workload makeWorkload(const std::string& name, size_t minSize, size_t maxSize, size_t arrays,
                      Order order, uint64_t seed) {
    superopt::Rng rng(seed);
    Workload w{name, maxSize <= 8, {0}, {}};
    for (size_t a = 0; a < arrays; ++a) {
        const size_t n = minSize + superopt::uniform(rng, uint32_t(maxSize - minSize + 1));
        const size_t start = w.data.size();
        for (size_t i = 0; i < n; ++i)
            w.data.push_back(order == Order::Duplicates ? int32_t(superopt::uniform(rng, 100))
                                                        : int32_t(uint32_t(rng())));
        if (order == Order::Sorted) std::sort(w.data.begin() + start, w.data.end());
        if (order == Order::Reversed)
            std::sort(w.data.begin() + start, w.data.end(), std::greater());
        w.offsets.push_back(w.data.size());
    }
    return w;
}

// Every workload by name, in the order of the report; small ones run `inputs` arrays
// per measurement, large ones about 1 M elements (at least one array).
std::vector<std::string> workloadNames() {
    return {"sort2",     "sort3",      "sort4",     "sort5",       "sort6",
            "sort7",     "sort8",      "mixed",     "random-1K",   "random-64K",
            "random-1M", "random-16M", "sorted-1M", "reversed-1M", "duplicates-1M"};
}

Workload workload(const std::string& name, size_t inputs, uint64_t seed) {
    if (name.size() == 5 && name.rfind("sort", 0) == 0) { // sort2..sort8
        const size_t n = std::stoul(name.substr(4));
        return makeWorkload(name, n, n, inputs, Order::Random, seed);
    }
    if (name == "mixed") return makeWorkload(name, 1, 8, inputs, Order::Random, seed);
    const auto dash = name.find('-');
    const std::string kind = name.substr(0, dash), size = name.substr(dash + 1);
    const size_t n = size == "1K"    ? 1 << 10
                     : size == "64K" ? 1 << 16
                     : size == "1M"  ? 1 << 20
                                     : 1 << 24;
    const Order order = kind == "sorted"       ? Order::Sorted
                        : kind == "reversed"   ? Order::Reversed
                        : kind == "duplicates" ? Order::Duplicates
                                               : Order::Random;
    return makeWorkload(name, n, n, std::max<size_t>(1, (1 << 20) / n), order, seed);
}

std::vector<std::string> selectedWorkloads(const std::string& list) {
    const auto all = workloadNames();
    if (list == "all") return all;
    if (list == "small") return {all.begin(), all.begin() + 8};
    if (list == "large") return {all.begin() + 8, all.end()};
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= list.size()) {
        const size_t comma = std::min(list.find(',', start), list.size());
        const std::string name = list.substr(start, comma - start);
        if (std::find(all.begin(), all.end(), name) == all.end())
            throw UsageError("--workloads: unknown workload '" + name +
                             "' (all, small, large, or a list of: sort2..sort8, mixed, random-1K, "
                             "random-64K, random-1M, random-16M, sorted-1M, reversed-1M, "
                             "duplicates-1M)");
        out.push_back(name);
        start = comma + 1;
    }
    return out;
}

std::vector<Contender> contenders(bool small) {
    std::vector<Contender> out;
    if (small)
        out.push_back({"superopt::small_sort",
                       [](int32_t* f, int32_t* l) { superopt::small_sort(f, size_t(l - f)); }});
    else
        out.push_back({"superopt::sort", [](int32_t* f, int32_t* l) { superopt::sort(f, l); }});
    out.push_back({"std::sort (libstdc++, g++ " + std::to_string(__GNUC__) + ")",
                   [](int32_t* f, int32_t* l) { std::sort(f, l); }});
#ifdef SUPEROPT_HAVE_LIBCXX
    const long v = superopt_bench_libcxx_version();
    out.push_back({"std::sort (libc++ " + std::to_string(v / 10000) + "." +
                       std::to_string(v / 100 % 100) + "." + std::to_string(v % 100) + ")",
                   superopt_bench_libcxx_sort});
#endif
    return out;
}

// One measurement: fresh copies of the arrays, then the sort on each, timed; ticks per
// array.
double measureOnce(SortFn fn, const Workload& w, std::vector<int32_t>& work) {
    std::memcpy(work.data(), w.data.data(), w.data.size() * sizeof(int32_t));
    const size_t arrays = w.offsets.size() - 1;
    const uint64_t ticks = superopt::fencedTicks([&] {
        for (size_t a = 0; a < arrays; ++a)
            fn(work.data() + w.offsets[a], work.data() + w.offsets[a + 1]);
    });
    return double(ticks) / double(arrays);
}

// Runs each contender once and compares its arrays with std::sort's: a contender that
// does not sort is a bug, not a figure.
void checkContenders(const Workload& w, const std::vector<Contender>& cs) {
    std::vector<int32_t> expected = w.data, work(w.data.size());
    for (size_t a = 0; a + 1 < w.offsets.size(); ++a)
        std::sort(expected.begin() + w.offsets[a], expected.begin() + w.offsets[a + 1]);
    for (const auto& c : cs) {
        measureOnce(c.fn, w, work);
        if (work != expected) throw std::logic_error(c.name + " does not sort workload " + w.name);
    }
}

struct Figures {
    superopt::Latency median, p5;
};

std::string formatNs(double ns) {
    char s[32];
    if (ns < 1e3)
        std::snprintf(s, sizeof s, "%.2f ns", ns);
    else if (ns < 1e6)
        std::snprintf(s, sizeof s, "%.2f us", ns / 1e3);
    else
        std::snprintf(s, sizeof s, "%.2f ms", ns / 1e6);
    return s;
}

void printWorkload(const Workload& w, const std::vector<Contender>& cs,
                   const std::vector<Figures>& f, double ticksPerNs) {
    const size_t arrays = w.offsets.size() - 1;
    std::printf("\n%s: %zu array%s per measurement, %d measurements per contender\n",
                w.name.c_str(), arrays, arrays == 1 ? "" : "s", f[0].median.measurements);
    std::printf("  %-30s %12s %26s %12s %9s\n", "contender", "median/sort", "95% interval",
                "p5/sort", "vs first");
    for (size_t k = 0; k < cs.size(); ++k) {
        const auto& m = f[k].median;
        const std::string interval =
            "[" + formatNs(m.low / ticksPerNs) + ", " + formatNs(m.high / ticksPerNs) + "]";
        std::printf("  %-30s %12s %26s %12s %8.2fx\n", cs[k].name.c_str(),
                    formatNs(m.cycles / ticksPerNs).c_str(), interval.c_str(),
                    formatNs(f[k].p5.cycles / ticksPerNs).c_str(), m.cycles / f[0].median.cycles);
    }
    std::fflush(stdout);
}

nlohmann::json toJson(const superopt::Latency& l, double ticksPerNs) {
    return {{"ns", l.cycles / ticksPerNs},
            {"interval_ns", {l.low / ticksPerNs, l.high / ticksPerNs}},
            {"coverage", l.coverage}};
}

// The time-stamp counter's rate, against steady_clock over a short wait.
double ticksPerNs() {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    const uint64_t c0 = __rdtsc();
    while (Clock::now() - t0 < std::chrono::milliseconds(50)) {
    }
    const uint64_t c1 = __rdtsc();
    return double(c1 - c0) / std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
}

} // namespace

int benchSort(const Args& args) {
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("workloads", po::value<std::string>()->default_value("all"),
         "all, small (sort2..sort8, mixed), large (random-1K .. duplicates-1M), or a "
         "comma-separated list of workloads")
        ("seconds", po::value<double>()->default_value(3.0),
         "measure each workload for this long (0: exactly --measurements rounds)")
        ("measurements", po::value<int>()->default_value(20),
         "rounds per workload with --seconds 0, and the least number of rounds otherwise")
        ("inputs", po::value<int>()->default_value(10000), "arrays per measurement of a small workload")
        ("seed", po::value<uint64_t>()->default_value(1), "seed of the random data")
        ("json", po::value<std::string>(), "also write the figures to this JSON file (plot: "
         "python3 plots/bench_sort.py FILE)");
    // clang-format on
    auto vm = parse(
        "usage: superopt bench-sort [--workloads all|small|large|LIST] [--seconds S] [--json "
        "OUT]\n\n"
        "Measures superopt::small_sort (sizes up to 8) and superopt::sort (larger arrays), the\n"
        "library superopt::kernels that programs link, against std::sort of libstdc++ (g++) and\n"
        "of libc++ (clang++-16 with libc++-16-dev, when the build found them), on random int32\n"
        "data. Workloads: sort2..sort8 (10,000 arrays of that size per measurement), mixed\n"
        "(sizes 1..8 at random, AlphaDev's VarSort workload), random-1K, -64K, -1M, -16M, and\n"
        "sorted-1M, reversed-1M, duplicates-1M (values 0..99). One measurement copies the\n"
        "arrays, then sorts each, timed by the time-stamp counter; the contenders take turns\n"
        "(A B C A B C ...) on the same data. Reports the median and 5th percentile time per\n"
        "sort with distribution-free 95% intervals, and each median's ratio to the first\n"
        "contender's. Every contender's output is checked against std::sort first. Each\n"
        "workload is printed as it finishes; Ctrl-C stops after the current one and still\n"
        "writes --json. Example:\n"
        "  superopt bench-sort --workloads small --seconds 5 --json small.json",
        opts, args);
    if (!vm) return 0;
    const auto names = selectedWorkloads((*vm)["workloads"].as<std::string>());
    superopt::LatencyOptions o;
    o.seconds = (*vm)["seconds"].as<double>();
    o.measurements = o.minMeasurements = (*vm)["measurements"].as<int>();
    const int inputs = (*vm)["inputs"].as<int>();
    if (o.measurements <= 0) throw UsageError("--measurements: must be positive");
    if (inputs <= 0) throw UsageError("--inputs: must be positive");
    if (o.seconds < 0) throw UsageError("--seconds: must not be negative");
    checkOutputs(*vm, {"json"});
    catchInterrupt(); // Ctrl-C: stop after the workload being measured, keep what is done
    const uint64_t seed = (*vm)["seed"].as<uint64_t>();
    const double rate = ticksPerNs();
#ifndef SUPEROPT_HAVE_LIBCXX
    std::printf("libc++: not built (clang++-16 and libc++-16-dev were not found at configure "
                "time; bash scripts/setup.sh installs them)\n");
#endif

    nlohmann::json results = nlohmann::json::array();
    for (const auto& name : names) {
        const Workload w = workload(name, size_t(inputs), seed);
        const auto cs = contenders(w.small);
        checkContenders(w, cs);
        std::vector<int32_t> work(w.data.size());
        auto samples = superopt::interleave(
            cs.size(), o, [&](size_t k) { return measureOnce(cs[k].fn, w, work); });
        std::vector<Figures> figures;
        nlohmann::json row = {{"workload", name},
                              {"arrays", w.offsets.size() - 1},
                              {"elements", w.data.size()},
                              {"contenders", nlohmann::json::array()}};
        for (size_t k = 0; k < cs.size(); ++k) {
            figures.push_back({superopt::quantileInterval(samples[k], 0.5, 0.95),
                               superopt::quantileInterval(samples[k], 0.05, 0.95)});
            row["contenders"].push_back({{"name", cs[k].name},
                                         {"measurements", samples[k].size()},
                                         {"median", toJson(figures.back().median, rate)},
                                         {"p5", toJson(figures.back().p5, rate)}});
        }
        printWorkload(w, cs, figures, rate);
        results.push_back(row);
        if (interruptFlag()) break;
    }
    if (vm->count("json")) {
        nlohmann::json out = {{"command", "bench-sort"}, {"clock", "rdtsc, converted to ns"},
                              {"ticks_per_ns", rate},    {"seed", seed},
                              {"inputs", inputs},        {"workloads", results}};
        superopt::writeFileAtomic((*vm)["json"].as<std::string>(), out.dump(2) + "\n");
    }
    return 0;
}

} // namespace cli
