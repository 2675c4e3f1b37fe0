// Lane vectors for the emulator and the cost loops: 16 int32 lanes at a time, which
// GCC and Clang turn into AVX-512, AVX2 or SSE as the target allows. Every array
// they touch is 64-byte aligned and a multiple of 16 lanes long.
#pragma once

#include "superopt/task.hpp"

#include <cstdint>

namespace superopt::lanes {

using V = int32_t __attribute__((vector_size(64)));
constexpr int kWidth = 16;
static_assert(TestSet::kLaneAlign % kWidth == 0);

inline V load(const int32_t* p, int l) { return *reinterpret_cast<const V*>(p + l); }
inline void store(int32_t* p, int l, V v) { *reinterpret_cast<V*>(p + l) = v; }
inline V select(V mask, V yes, V no) { return (yes & mask) | (no & ~mask); }
inline int32_t sum(V v) {
    int32_t s = 0;
    for (int i = 0; i < kWidth; ++i) s += v[i];
    return s;
}

} // namespace superopt::lanes
