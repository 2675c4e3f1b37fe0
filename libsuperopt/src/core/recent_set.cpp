// The direct-mapped set of recent hashes.
#include "superopt/core/recent_set.hpp"

#include <bit>

namespace superopt {

RecentSet::RecentSet(size_t capacity)
    : slots_(std::bit_ceil(capacity < 1 ? size_t(1) : capacity), 0) {}

size_t RecentSet::index(uint64_t hash) const {
    // Fibonacci hashing: the top bits of the product spread weak low bits over the table.
    const int bits = std::countr_zero(slots_.size());
    return bits == 0 ? 0 : (hash * 0x9e3779b97f4a7c15ull) >> (64 - bits);
}

bool RecentSet::insert(uint64_t hash) {
    if (hash == 0) hash = 1;
    uint64_t& slot = slots_[index(hash)];
    if (slot == hash) return false;
    slot = hash;
    return true;
}

bool RecentSet::contains(uint64_t hash) const {
    if (hash == 0) hash = 1;
    return slots_[index(hash)] == hash;
}

} // namespace superopt
