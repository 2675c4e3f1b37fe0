// A target's test cases and the Hamming count of a result's wrong bits.
#include "superopt/core/target_cases.hpp"

#include "superopt/core/random.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace superopt {

namespace {

std::vector<uint64_t> edgeValues(IntType type) {
    const uint64_t mask = maskOf(isWide(type) ? 8 : 4), sign = (mask >> 1) + 1;
    std::vector<uint64_t> v = {0,        1,       2,          3,          mask,
                               mask - 1, sign,    sign - 1,   sign + 1,   0x80,
                               0xff,     0x10000, 0x55555555, 0xaaaaaaaa, 0x0f0f0f0f};
    for (auto& x : v) x &= mask;
    return v;
}

} // namespace

std::vector<std::vector<uint64_t>> targetArguments(const Signature& sig, int count, uint64_t seed) {
    std::vector<std::vector<uint64_t>> cases;
    const size_t n = sig.args.size();
    if (n == 0) return {{}};
    std::vector<std::vector<uint64_t>> edges;
    for (IntType t : sig.args) edges.push_back(edgeValues(t));
    for (size_t e = 0; e < edges[0].size() && cases.size() < size_t(count); ++e) {
        std::vector<uint64_t> args;
        for (size_t k = 0; k < n; ++k) args.push_back(edges[k][e]);
        cases.push_back(args);
    }
    Rng rng(splitmix(seed));
    auto mask = [&](size_t k) { return maskOf(isWide(sig.args[k]) ? 8 : 4); };
    while (cases.size() < size_t(count)) {
        const bool mix = cases.size() % 2 == 0;
        std::vector<uint64_t> args;
        for (size_t k = 0; k < n; ++k) {
            const auto& e = edges[k];
            args.push_back(mix ? e[uniform(rng, static_cast<int>(e.size()))] : rng() & mask(k));
        }
        if (n >= 2 && uniform(rng, 4) == 0) {
            const int from = uniform(rng, int(n)), to = (from + 1 + uniform(rng, int(n) - 1)) % n;
            args[to] = args[from] & mask(to);
        }
        cases.push_back(args);
    }
    return cases;
}

int64_t resultErrors(const Signature& sig, const CpuState& out, uint64_t expected) {
    const int size = isWide(sig.result) ? 8 : 4;
    if (out.fault) return 8 * size;
    const uint64_t mask = maskOf(size);
    auto wrong = [&](int r) {
        return std::popcount(((out.regs[r] ^ expected) | ~out.defined[r]) & mask);
    };
    int64_t best = wrong(0);
    for (int r = 1; r < kGeneralRegisters && best > kMisalignPenalty; ++r)
        best = std::min<int64_t>(best, wrong(r) + kMisalignPenalty);
    return best;
}

std::optional<TargetCase> targetCase(const Target& t, const std::vector<uint64_t>& args) {
    const CpuState entry = entryState(t.signature, args);
    const auto result = resultOf(t.signature, run(t.program, entry));
    if (!result) return std::nullopt;
    return TargetCase{entry, *result};
}

std::vector<TargetCase> startCases(const Target& t, uint64_t seed, const std::string& name) {
    std::vector<TargetCase> cases;
    for (const auto& args : targetArguments(t.signature, kStartCases, seed))
        if (auto k = targetCase(t, args)) cases.push_back(*k);
    if (cases.empty()) throw std::invalid_argument(name + ": the target faults on every test case");
    return cases;
}

GeneralMachine machineOf(const Signature& sig, const std::vector<TargetCase>& cases) {
    std::vector<CpuState> entries;
    std::vector<uint64_t> expected;
    for (const TargetCase& k : cases) {
        entries.push_back(k.entry);
        expected.push_back(k.expected);
    }
    GeneralMachine m(sig, entries, expected);
    m.propose(Program{});
    m.runAll();
    m.accept();
    return m;
}

} // namespace superopt
