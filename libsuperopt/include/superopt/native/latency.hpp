// Measured latency, AlphaDev's protocol (README, Measured latency): one measurement times a kernel
// on `inputs` random buffers of the task with a fenced rdtsc/rdtscp; many
// measurements per kernel, the kernels interleaved (A B C A B C ...) so that drift
// hits all alike; the report is the 5th percentile per call with a distribution-free
// (binomial order-statistic) confidence interval. Clock: the time-stamp counter
// (reference cycles at a constant rate), since hardware cycle counters are often
// unavailable in virtual machines.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/target.hpp"
#include "superopt/core/task.hpp"
#include "superopt/native/jit.hpp"

#include <x86intrin.h>

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace superopt {

// Time-stamp counter ticks that `body` takes, fenced (lfence; rdtsc ... rdtscp; lfence) so
// that no instruction before or after it is counted: the clock of every measurement.
template <class Body> uint64_t fencedTicks(Body&& body) {
    _mm_lfence();
    const uint64_t start = __rdtsc();
    _mm_lfence();
    body();
    unsigned aux;
    const uint64_t end = __rdtscp(&aux);
    _mm_lfence();
    return end - start;
}

struct LatencyOptions {
    int inputs = 10000;        // calls per measurement, each on its own random buffer
    int measurements = 1000;   // per kernel, when `seconds` is 0
    double seconds = 0;        // > 0: measure until this much time has passed instead ...
    int minMeasurements = 100; // ... but at least this many per kernel
    double quantile = 0.05;
    double confidence = 0.95;
    uint64_t seed = 1; // the random inputs
};

struct Latency {
    double cycles = 0;        // the quantile, clock ticks per call
    double low = 0, high = 0; // its confidence interval
    double coverage = 0;      // the interval's actual coverage (>= the confidence asked
                              // for, unless too few measurements were taken)
    int measurements = 0;
};

struct LatencyReport {
    std::string clock;            // what the figures count
    double ticksPerNs = 0;        // the clock's rate, measured against steady_clock
    std::vector<Latency> kernels; // in the order given
};

// The protocol's rounds for any measurement: measure(0), measure(1), ...,
// measure(count - 1), round after round, for options.measurements rounds (or for
// options.seconds, at least options.minMeasurements rounds); each one's samples.
std::vector<std::vector<double>> interleave(size_t count, const LatencyOptions& options,
                                            const std::function<double(size_t)>& measure);

// Measures the kernels interleaved, on the same random inputs.
LatencyReport measureLatency(std::span<const KernelFn> kernels, const Task& task,
                             const LatencyOptions& options = {});
// The same for programs: each is compiled (JitKernel::compile; throws
// std::invalid_argument for an illegal one) and measured. For a search's archive.
LatencyReport measureLatency(std::span<const Program> programs, const Task& task,
                             const LatencyOptions& options = {});

// The same for functions of a target: each call gets its own random arguments (every bit
// random, also the upper halves of 32-bit arguments, which the callee must ignore),
// drawn again where the target (emulated) faults, so that no division by zero runs.
LatencyReport measureLatency(std::span<const TargetFn> functions, const Target& target,
                             const LatencyOptions& options = {});
// Programs equal to the target, each compiled (JitTarget::compile) and measured.
LatencyReport measureLatency(std::span<const Program> programs, const Target& target,
                             const LatencyOptions& options = {});

// The quantile q of `samples` (order statistic ceil(q n)) and an interval [X_(l),
// X_(u)] that holds the true quantile with probability >= confidence, from the
// binomial distribution of how many samples fall below it: no assumption on the
// distribution of the samples.
Latency quantileInterval(std::vector<double> samples, double q, double confidence);

// The measurement's own check: the program compiled twice (two aligned copies at
// two addresses) and measured against itself must come out at a ratio of 1.00 +/-
// `tolerance`.
struct SelfCheck {
    LatencyReport report; // the two copies
    double ratio = 0;     // second / first
    bool ok = false;      // |ratio - 1| <= tolerance
};
SelfCheck selfCheck(const Program& p, const Task& task, const LatencyOptions& options = {},
                    double tolerance = 0.01);
SelfCheck selfCheck(const Program& p, const Target& target, const LatencyOptions& options = {},
                    double tolerance = 0.01);

} // namespace superopt
