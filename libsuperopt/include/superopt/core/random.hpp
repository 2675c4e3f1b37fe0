// One generator type everywhere, seeded, so that runs repeat exactly; the small draws
// built on it; and splitmix64, which turns related seeds (a base seed and an index)
// into unrelated ones.
#pragma once

#include <cstdint>
#include <random>

namespace superopt {

using Rng = std::mt19937_64;

// A uniform integer in [0, n).
inline int uniform(Rng& rng, int n) {
    return static_cast<int>(rng() % static_cast<uint64_t>(n));
}
// A uniform double in [0, 1).
inline double unit(Rng& rng) {
    return double(rng() >> 11) * 0x1.0p-53;
}
// True with probability p.
inline bool chance(Rng& rng, double p) {
    return unit(rng) < p;
}

// splitmix64 (Steele, Lea and Flood 2014): a bijective mix of 64 bits.
inline uint64_t splitmix(uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

} // namespace superopt
