// Exact counting, then a HyperLogLog sketch.
#include "superopt/search/distinct_counter.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace superopt {

namespace {

// The hashes given may be weak in some bits (FNV): mix them first (splitmix64's finaliser).
uint64_t mixed(uint64_t x) {
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

constexpr size_t kRegisters = size_t(1) << DistinctCounter::kRegisterBits;

} // namespace

void DistinctCounter::add(uint64_t hash) {
    if (!exact()) return addToSketch(hash);
    exact_.insert(hash);
    if (exact_.size() <= kExactLimit) return;
    registers_.assign(kRegisters, 0);
    for (uint64_t h : exact_) addToSketch(h);
    exact_ = {};
}

void DistinctCounter::addToSketch(uint64_t hash) {
    const uint64_t h = mixed(hash);
    const size_t index = h >> (64 - kRegisterBits);
    const uint64_t rest = h << kRegisterBits | (uint64_t(1) << (kRegisterBits - 1)); // never 0
    registers_[index] =
        std::max<uint8_t>(registers_[index], static_cast<uint8_t>(std::countl_zero(rest) + 1));
}

void DistinctCounter::merge(const DistinctCounter& other) {
    if (other.exact()) {
        for (uint64_t h : other.exact_) add(h);
        return;
    }
    if (exact()) {
        registers_.assign(kRegisters, 0);
        for (uint64_t h : exact_) addToSketch(h);
        exact_ = {};
    }
    for (size_t i = 0; i < kRegisters; ++i)
        registers_[i] = std::max(registers_[i], other.registers_[i]);
}

int64_t DistinctCounter::count() const {
    if (exact()) return static_cast<int64_t>(exact_.size());
    const double m = kRegisters;
    double sum = 0;
    int zeros = 0;
    for (uint8_t r : registers_) {
        sum += std::ldexp(1.0, -r);
        zeros += r == 0;
    }
    double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / zeros); // linear counting
    return std::llround(estimate);
}

nlohmann::json DistinctCounter::toJson() const {
    if (!exact()) return {{"registers", registers_}};
    std::vector<uint64_t> hashes(exact_.begin(), exact_.end());
    std::sort(hashes.begin(), hashes.end());
    return {{"hashes", hashes}};
}

DistinctCounter DistinctCounter::fromJson(const nlohmann::json& j) {
    DistinctCounter c;
    if (j.contains("registers")) {
        c.registers_ = j.at("registers").get<std::vector<uint8_t>>();
        if (c.registers_.size() != kRegisters)
            throw std::invalid_argument("a sketch needs 4096 registers");
    } else {
        for (uint64_t h : j.at("hashes").get<std::vector<uint64_t>>()) c.add(h);
    }
    return c;
}

} // namespace superopt
