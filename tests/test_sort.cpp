// superopt::sort and superopt::small_sort against std::sort on inputs chosen to break
// them: every size 0..1000 and large ones, duplicates, all equal, sorted, reversed, the
// extremes, and the heapsort fallback at every depth. Standard library only besides the
// kernels, so that tests/sanitized_sort_test.sh runs it under ASan and UBSan on each run.
#include "superopt/kernels.hpp"

#include "../kernels/src/sort_depth.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <random>
#include <vector>

namespace {

// Sorts a copy with superopt::sort and another with std::sort; they must agree.
void checkSort(std::vector<int32_t> v) {
    auto expected = v;
    std::sort(expected.begin(), expected.end());
    superopt::sort(v.data(), v.data() + v.size());
    REQUIRE(v == expected);
}

// n values: any int32 when distinct is 0, else 0..distinct-1.
std::vector<int32_t> randomValues(std::mt19937& rng, size_t n, uint32_t distinct) {
    std::vector<int32_t> v(n);
    for (auto& x : v) x = distinct ? int32_t(rng() % distinct) : int32_t(rng());
    return v;
}

} // namespace

TEST_CASE("small_sort hands sizes above 8 to sort") {
    std::mt19937 rng(3);
    for (size_t n = 9; n <= 40; ++n) {
        auto v = randomValues(rng, n, 0);
        auto expected = v;
        std::sort(expected.begin(), expected.end());
        superopt::small_sort(v.data(), n);
        REQUIRE(v == expected);
    }
}

TEST_CASE("sort agrees with std::sort on every size 0..1000 and on large inputs") {
    std::mt19937 rng(1);
    for (size_t n = 0; n <= 1000; ++n) {
        INFO("n = " << n);
        checkSort(randomValues(rng, n, 0));     // distinct, in the whole int32 range
        checkSort(randomValues(rng, n, 4));     // many duplicates
        checkSort(std::vector<int32_t>(n, -5)); // all equal
    }
    for (size_t n : {4096, 65537, 1 << 20}) {
        INFO("n = " << n);
        auto v = randomValues(rng, n, 0);
        checkSort(v);
        checkSort(randomValues(rng, n, 100));
        std::sort(v.begin(), v.end());
        checkSort(v);                                          // sorted
        checkSort(std::vector<int32_t>(v.rbegin(), v.rend())); // reversed
    }
}

TEST_CASE("sort keeps the extremes and survives inputs that defeat median pivots") {
    std::mt19937 rng(2);
    for (size_t n : {2, 3, 16, 17, 100, 5000}) {
        auto v = randomValues(rng, n, 0);
        for (size_t i = 0; i < n; i += 3) v[i] = i % 2 ? INT32_MIN : INT32_MAX;
        checkSort(v);
        checkSort(std::vector<int32_t>(n, INT32_MIN));
        checkSort(std::vector<int32_t>(n, INT32_MAX));
    }
    // organ pipe and sawtooth: patterns that trouble some pivot rules
    for (size_t n : {1000, 100000}) {
        std::vector<int32_t> pipe(n), saw(n);
        for (size_t i = 0; i < n; ++i) {
            pipe[i] = int32_t(std::min(i, n - 1 - i));
            saw[i] = int32_t(i % 17) - 8;
        }
        checkSort(pipe);
        checkSort(saw);
    }
}

TEST_CASE("the heapsort fallback sorts whatever depth the quicksort reaches it at") {
    std::mt19937 rng(4);
    for (int depth = 0; depth <= 4; ++depth) {
        for (size_t n : {0, 1, 17, 100, 1000, 4097}) {
            INFO("depth " << depth << ", n = " << n);
            for (uint32_t distinct : {0u, 3u}) {
                auto v = randomValues(rng, n, distinct);
                auto expected = v;
                std::sort(expected.begin(), expected.end());
                superopt::sortWithDepth(v.data(), v.data() + v.size(), depth);
                REQUIRE(v == expected);
            }
        }
    }
}
