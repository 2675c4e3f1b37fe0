// superopt::small_sort and superopt::sort: the kernels behind one call. The sort is a
// quicksort in the manner of libc++'s and pdqsort's (see kernels.hpp): what it adds is
// that every partition of up to 16 elements is finished by the kernels, without a
// data-dependent branch, where the standard sorts run an insertion sort.
#include "superopt/kernels.hpp"

#include "sort_depth.hpp"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstring>
#include <functional>
#include <utility>

namespace superopt {

namespace {

using Kernel = void (*)(int32_t*);
void nothing(int32_t*) {}
constexpr Kernel kKernels[9] = {nothing,        nothing,        superopt_sort2,
                                superopt_sort3, superopt_sort4, superopt_sort5,
                                superopt_sort6, superopt_sort7, superopt_sort8};
constexpr std::ptrdiff_t kKernelsUpTo = 8;
constexpr std::ptrdiff_t kSmallUpTo = 2 * kKernelsUpTo;

// 9..16 elements: the first 8 and the rest sorted by kernels, then merged without
// branches. Each run is copied with INT32_MAX after it, so an exhausted run never wins
// against a real element (and against a real INT32_MAX gives the same value).
void sortUpTo16(int32_t* p, std::ptrdiff_t n) {
    superopt_sort8(p);
    kKernels[n - kKernelsUpTo](p + kKernelsUpTo);
    int32_t a[kSmallUpTo + 1], b[kSmallUpTo + 1];
    std::fill(a, a + kSmallUpTo + 1, INT32_MAX);
    std::fill(b, b + kSmallUpTo + 1, INT32_MAX);
    std::memcpy(a, p, kKernelsUpTo * sizeof(int32_t));
    std::memcpy(b, p + kKernelsUpTo, (n - kKernelsUpTo) * sizeof(int32_t));
    std::ptrdiff_t i = 0, j = 0;
    for (std::ptrdiff_t k = 0; k < n; ++k) {
        const int32_t x = a[i], y = b[j];
        const bool fromB = y < x;
        p[k] = fromB ? y : x;
        j += fromB;
        i += !fromB;
    }
}

void sortSmall(int32_t* p, std::ptrdiff_t n) {
    if (n <= kKernelsUpTo)
        kKernels[n](p);
    else
        sortUpTo16(p, n);
}

// The index, among a, b and c, of the median of p[a], p[b], p[c].
std::ptrdiff_t median3(const int32_t* p, std::ptrdiff_t a, std::ptrdiff_t b, std::ptrdiff_t c) {
    if (p[a] < p[b]) return p[b] < p[c] ? b : p[a] < p[c] ? c : a;
    return p[a] < p[c] ? a : p[b] < p[c] ? c : b;
}

// Moves the pivot to p[0]: the median of three elements at the quarters, or for large
// partitions the median of three such medians (Tukey's ninther) at the tenths. Interior
// samples, not the ends: the partition below rotates the right part by one (its largest
// element lands first), so the ends of an already sorted input make bad pivots.
void choosePivot(int32_t* p, std::ptrdiff_t n) {
    std::ptrdiff_t m;
    if (n >= 128) {
        const std::ptrdiff_t q = n / 10;
        m = median3(p, median3(p, q, 2 * q, 3 * q), median3(p, 4 * q, 5 * q, 6 * q),
                    median3(p, 7 * q, 8 * q, 9 * q));
    } else {
        m = median3(p, n / 4, n / 2, 3 * n / 4);
    }
    std::swap(p[0], p[m]);
}

// Branchless Lomuto partition around the pivot p[0]: every element is swapped with the
// first slot after the left part, which then grows by one when the element belongs
// left; no branch depends on the data. Returns the pivot's final index m: left(x) holds
// for p[0..m-1], not for p[m+1..n-1].
template <class Left> std::ptrdiff_t partition(int32_t* p, std::ptrdiff_t n, Left left) {
    std::ptrdiff_t end = 1; // p[1..end-1] is the left part
    for (std::ptrdiff_t i = 1; i < n; ++i) {
        const int32_t x = p[i];
        p[i] = p[end];
        p[end] = x;
        end += left(x);
    }
    std::swap(p[0], p[end - 1]);
    return end - 1;
}

// Sorts p[0..n-1]. Unless `leftmost`, p[-1] is no greater than any of them (the pivot
// of an enclosing partition): when the pivot equals it, the elements equal to the
// pivot go left and are done, so many duplicates cost linear time (as in pdqsort).
// After `depth` more levels it switches to heapsort.
void quicksort(int32_t* p, std::ptrdiff_t n, int depth, bool leftmost) {
    while (n > kSmallUpTo) {
        if (depth-- == 0) {
            std::make_heap(p, p + n);
            std::sort_heap(p, p + n);
            return;
        }
        choosePivot(p, n);
        const int32_t pivot = p[0];
        if (!leftmost && !(p[-1] < pivot)) {
            const std::ptrdiff_t m = partition(p, n, [pivot](int32_t x) { return !(pivot < x); });
            p += m + 1;
            n -= m + 1;
            continue;
        }
        const std::ptrdiff_t m = partition(p, n, [pivot](int32_t x) { return x < pivot; });
        if (m < n - m - 1) { // recurse into the smaller side, loop on the larger
            quicksort(p, m, depth, leftmost);
            p += m + 1;
            n -= m + 1;
            leftmost = false;
        } else {
            quicksort(p + m + 1, n - m - 1, depth, false);
            n = m;
        }
    }
    sortSmall(p, n);
}

} // namespace

void small_sort(int32_t* p, std::size_t n) {
    if (n <= std::size_t(kKernelsUpTo))
        kKernels[n](p);
    else
        sort(p, p + n);
}

void sort(int32_t* first, int32_t* last) {
    const std::ptrdiff_t n = last - first;
    // Sorted or descending input takes one pass (a scan stops at the first pair out of
    // that order, so other inputs pay next to nothing).
    if (std::is_sorted(first, last)) return;
    if (std::is_sorted(first, last, std::greater<>())) return std::reverse(first, last);
    quicksort(first, n, 2 * std::bit_width(std::size_t(n)), true);
}

void sortWithDepth(int32_t* first, int32_t* last, int depth) {
    quicksort(first, last - first, depth, true);
}

} // namespace superopt
