// superopt::kernels: each shipped kernel verified again, the emulator on the complete set
// from its checked-in file and the linked function natively, and small_sort on every
// weak ordering of each size. (The sorts' property tests: test_sort.cpp.)
#include "native_check.hpp"

#include "superopt/core/program.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/kernels.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

const std::pair<const char*, native::Kernel> kShipped[] = {
    {"sort2", superopt_sort2},       {"sort3", superopt_sort3},
    {"sort4", superopt_sort4},       {"sort5", superopt_sort5},
    {"sort6", superopt_sort6},       {"sort7", superopt_sort7},
    {"sort8", superopt_sort8},       {"varsort2", superopt_varsort2},
    {"varsort3", superopt_varsort3}, {"varsort4", superopt_varsort4},
    {"varsort5", superopt_varsort5}};

} // namespace

TEST_CASE("every shipped kernel verifies from its file and sorts every weak ordering natively") {
    for (auto [name, kernel] : kShipped) {
        INFO(name);
        const auto task = superopt::Task::parse(name);
        const std::string file = std::string(SUPEROPT_KERNELS_DIR) + "/superopt_" + name + ".s";
        const auto program = superopt::readProgramFile(file, std::string("superopt_") + name);
        CHECK(superopt::verify(program, task).correct);
        CHECK(native::check(kernel, task, superopt::completeSet(task)).empty());
    }
}

TEST_CASE("small_sort sorts every weak ordering of every size up to 8") {
    for (int n = 2; n <= 8; ++n) {
        INFO("n = " << n);
        const auto task = superopt::Task::parse("sort" + std::to_string(n));
        const auto set = superopt::completeSet(task);
        for (int c = 0; c < set.count; ++c) {
            std::vector<int32_t> v(n);
            for (int s = 0; s < n; ++s) v[s] = set.in(s, c);
            auto expected = v;
            std::sort(expected.begin(), expected.end());
            superopt::small_sort(v.data(), v.size());
            REQUIRE(v == expected);
        }
    }
    int32_t untouched[2] = {7, -3};
    superopt::small_sort(untouched, 1);
    superopt::small_sort(untouched, 0);
    CHECK(untouched[0] == 7);
    CHECK(untouched[1] == -3);
}
