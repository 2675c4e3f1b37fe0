// Uses the installed superopt::kernels alone: a kernel called directly, small_sort on
// each size up to 8, and superopt::sort on a larger array, each checked.
#include <superopt/kernels.hpp>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

int main() {
    int32_t five[5] = {3, -1, 2147483647, 0, -2147483647 - 1};
    superopt_sort5(five);
    bool ok = std::is_sorted(five, five + 5);

    int32_t buf[1 + 3] = {2, 9, 4, 1}; // varsort3: n = 2, sorts {9, 4}, leaves the 1
    superopt_varsort3(buf);
    ok = ok && buf[1] == 4 && buf[2] == 9 && buf[3] == 1;

    std::mt19937 rng(1);
    for (std::size_t n = 0; n <= 8; ++n) {
        std::vector<int32_t> v(n);
        for (auto& x : v) x = int32_t(rng());
        superopt::small_sort(v.data(), n);
        ok = ok && std::is_sorted(v.begin(), v.end());
    }
    std::vector<int32_t> big(100000);
    for (auto& x : big) x = int32_t(rng() % 1000);
    superopt::sort(big.data(), big.data() + big.size());
    ok = ok && std::is_sorted(big.begin(), big.end());

    std::printf("superopt::kernels: sort5 -> %d %d %d %d %d; small_sort and sort %s\n", five[0],
                five[1], five[2], five[3], five[4], ok ? "sorted" : "FAILED");
    return ok ? 0 : 1;
}
