// Measured latency: random inputs, fenced time-stamp counter reads, interleaved
// rounds, and order-statistic confidence intervals.
#include "superopt/native/latency.hpp"

#include "superopt/core/random.hpp"

#include <x86intrin.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace superopt {

namespace {

struct FreeDeleter {
    void operator()(int32_t* p) const { std::free(p); }
};
using Buffer = std::unique_ptr<int32_t[], FreeDeleter>;

Buffer allocate(size_t words) {
    size_t bytes = (words * sizeof(int32_t) + 63) / 64 * 64;
    auto* p = static_cast<int32_t*>(std::aligned_alloc(64, bytes));
    if (!p) throw std::bad_alloc();
    return Buffer(p);
}

// `inputs` buffers of the task, back to back: random values; for varsort a random
// length 1..N in word 0.
Buffer randomInputs(const Task& task, int inputs, uint64_t seed) {
    Rng rng(seed);
    const int slots = task.slots();
    Buffer pool = allocate(size_t(inputs) * slots);
    for (int i = 0; i < inputs; ++i) {
        int32_t* buf = pool.get() + size_t(i) * slots;
        for (int s = 0; s < slots; ++s) buf[s] = static_cast<int32_t>(rng());
        if (task.lengthSlot() >= 0) buf[task.lengthSlot()] = 1 + uniform(rng, task.n());
    }
    return pool;
}

// One measurement: fresh copies of the inputs, then the kernel on each, timed.
double measureOnce(KernelFn fn, int32_t* work, const int32_t* pool, int inputs, int slots) {
    std::memcpy(work, pool, size_t(inputs) * slots * sizeof(int32_t));
    const uint64_t ticks = fencedTicks([&] {
        for (int i = 0; i < inputs; ++i) fn(work + size_t(i) * slots);
    });
    return double(ticks) / inputs;
}

// P(Binomial(n, q) <= j) for j = 0..n, in log space so that large n do not underflow.
std::vector<double> binomialCdf(int n, double q) {
    std::vector<double> cdf(n + 1);
    double sum = 0;
    for (int j = 0; j <= n; ++j) {
        sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) +
                        j * std::log(q) + (n - j) * std::log1p(-q));
        cdf[j] = std::min(sum, 1.0);
    }
    return cdf;
}

} // namespace

Latency quantileInterval(std::vector<double> samples, double q, double confidence) {
    const int n = static_cast<int>(samples.size());
    if (n == 0) throw std::invalid_argument("no samples");
    if (!(q > 0 && q < 1) || !(confidence > 0 && confidence < 1))
        throw std::invalid_argument("quantile and confidence must lie strictly between 0 and 1");
    std::sort(samples.begin(), samples.end());
    const auto cdf = binomialCdf(n, q);
    // P(X_(l) <= x_q <= X_(u)) = cdf[u-1] - cdf[l-1] (1-based order statistics).
    const double tail = (1 - confidence) / 2;
    int l = 1, u = n;
    while (l + 1 <= n && cdf[l] <= tail) ++l;
    while (u - 1 >= 1 && cdf[u - 2] >= 1 - tail) --u;
    const int k = std::clamp(static_cast<int>(std::ceil(q * n)), 1, n);
    Latency out;
    out.cycles = samples[k - 1];
    out.low = samples[l - 1];
    out.high = samples[u - 1];
    out.coverage = cdf[u - 1] - cdf[l - 1];
    out.measurements = n;
    return out;
}

std::vector<std::vector<double>> interleave(size_t count, const LatencyOptions& opt,
                                            const std::function<double(size_t)>& measure) {
    if (opt.measurements <= 0 || opt.minMeasurements <= 0)
        throw std::invalid_argument("measurements must be positive");
    std::vector<std::vector<double>> samples(count);
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    for (int round = 0;; ++round) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (opt.seconds > 0 ? round >= opt.minMeasurements && elapsed >= opt.seconds
                            : round >= opt.measurements)
            break;
        for (size_t k = 0; k < count; ++k) samples[k].push_back(measure(k));
    }
    return samples;
}

namespace {

void checkOptions(const LatencyOptions& opt) {
    if (opt.inputs <= 0 || opt.measurements <= 0 || opt.minMeasurements <= 0)
        throw std::invalid_argument("inputs and measurements must be positive");
}

// The protocol's rounds over `count` contenders, timed against steady_clock to give
// the clock's rate, summarised per contender.
LatencyReport report(size_t count, const LatencyOptions& opt,
                     const std::function<double(size_t)>& measure) {
    for (size_t k = 0; k < count; ++k) measure(k); // warm-up
    using Clock = std::chrono::steady_clock;
    const auto startTime = Clock::now();
    const uint64_t startTicks = __rdtsc();
    auto samples = interleave(count, opt, measure);
    const uint64_t ticks = __rdtsc() - startTicks;
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - startTime).count();

    LatencyReport r;
    r.clock = "rdtsc (time-stamp counter ticks per call; lfence;rdtsc ... rdtscp;lfence)";
    r.ticksPerNs = double(ticks) / ns;
    for (auto& s : samples)
        r.kernels.push_back(quantileInterval(std::move(s), opt.quantile, opt.confidence));
    return r;
}

} // namespace

LatencyReport measureLatency(std::span<const KernelFn> kernels, const Task& task,
                             const LatencyOptions& opt) {
    checkOptions(opt);
    const int slots = task.slots();
    const Buffer pool = randomInputs(task, opt.inputs, opt.seed);
    const Buffer work = allocate(size_t(opt.inputs) * slots);
    return report(kernels.size(), opt, [&](size_t k) {
        return measureOnce(kernels[k], work.get(), pool.get(), opt.inputs, slots);
    });
}

LatencyReport measureLatency(std::span<const TargetFn> functions, const Target& target,
                             const LatencyOptions& opt) {
    checkOptions(opt);
    Rng rng(opt.seed);
    const size_t n = target.signature.args.size();
    std::vector<std::array<uint64_t, 6>> args(opt.inputs);
    for (auto& a : args) do {
            for (size_t i = 0; i < n; ++i) a[i] = rng();
        } while (run(target.program,
                     entryState(target.signature, std::vector<uint64_t>(a.begin(), a.begin() + n)))
                     .fault);
    uint64_t sink = 0;
    auto r = report(functions.size(), opt, [&](size_t k) {
        const TargetFn f = functions[k];
        const uint64_t ticks = fencedTicks([&] {
            for (const auto& a : args) sink += f(a[0], a[1], a[2], a[3], a[4], a[5]);
        });
        return double(ticks) / opt.inputs;
    });
    asm volatile("" : : "r"(sink)); // the results are used
    return r;
}

LatencyReport measureLatency(std::span<const Program> programs, const Task& task,
                             const LatencyOptions& opt) {
    std::vector<JitKernel> jitted;
    std::vector<KernelFn> fns;
    for (const auto& p : programs)
        fns.push_back(jitted.emplace_back(JitKernel::compile(p, task)).function());
    return measureLatency(fns, task, opt);
}

LatencyReport measureLatency(std::span<const Program> programs, const Target& target,
                             const LatencyOptions& opt) {
    std::vector<JitTarget> jitted;
    std::vector<TargetFn> fns;
    for (const auto& p : programs)
        fns.push_back(jitted.emplace_back(JitTarget::compile(p)).function());
    return measureLatency(fns, target, opt);
}

namespace {

// Two copies of `p` measured by `measure` against each other.
template <class Context>
SelfCheck twoCopies(const Program& p, const Context& context, const LatencyOptions& opt,
                    double tolerance) {
    const Program copies[] = {p, p};
    SelfCheck out;
    out.report = measureLatency(std::span<const Program>(copies), context, opt);
    out.ratio = out.report.kernels[1].cycles / out.report.kernels[0].cycles;
    out.ok = std::abs(out.ratio - 1) <= tolerance;
    return out;
}

} // namespace

SelfCheck selfCheck(const Program& p, const Task& task, const LatencyOptions& opt,
                    double tolerance) {
    return twoCopies(p, task, opt, tolerance);
}

SelfCheck selfCheck(const Program& p, const Target& target, const LatencyOptions& opt,
                    double tolerance) {
    return twoCopies(p, target, opt, tolerance);
}

} // namespace superopt
