// superopt::kernels: the verified sorting kernels found by the search, as functions people
// can call, and the sorts built on them. Linking superopt::kernels pulls in nothing else
// (find_package(superopt COMPONENTS kernels)).
//
// Each kernel keeps the contract of `superopt verify`: superopt_sortN sorts buf[0..N-1]
// ascending as signed 32-bit integers; superopt_varsortN reads n = buf[0] (1..N) and sorts
// buf[1..n], touching nothing else. Each was verified on every weak ordering of its inputs
// (and so for all inputs), by the emulator and natively, when the library was tested.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {
void superopt_sort2(int32_t* buf);
void superopt_sort3(int32_t* buf);
void superopt_sort4(int32_t* buf);
void superopt_sort5(int32_t* buf);
void superopt_sort6(int32_t* buf);
void superopt_sort7(int32_t* buf);
void superopt_sort8(int32_t* buf);
void superopt_varsort2(int32_t* buf);
void superopt_varsort3(int32_t* buf);
void superopt_varsort4(int32_t* buf);
void superopt_varsort5(int32_t* buf);
}

namespace superopt {

// Sorts p[0..n-1] ascending: n <= 8 by one kernel call (n = 0 and 1 do nothing); a larger
// n is handed to superopt::sort.
void small_sort(int32_t* p, std::size_t n);

// Sorts [first, last) ascending (not stable). An input already sorted, ascending or
// descending, takes one pass; else a quicksort with a branchless partition, pivots the
// median of 3 (or of 9) interior elements, and a heapsort fallback after 2 log2(n)
// levels (so O(n log n) in the worst case), handing partitions of up to 16 elements to
// the kernels.
void sort(int32_t* first, int32_t* last);

} // namespace superopt
