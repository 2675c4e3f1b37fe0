// The exported human-benchmark kernels, assembled by the system assembler and run
// natively on the complete test sets (the build writes them with `superopt network`).
#include "native_check.hpp"

#include "superopt/core/verify.hpp"

#include <catch2/catch.hpp>

extern "C" {
#define KERNEL(name) void name##_human(int32_t*)
KERNEL(sort2);
KERNEL(sort3);
KERNEL(sort4);
KERNEL(sort5);
KERNEL(sort6);
KERNEL(sort7);
KERNEL(sort8);
KERNEL(varsort2);
KERNEL(varsort3);
KERNEL(varsort4);
KERNEL(varsort5);
#undef KERNEL
}

TEST_CASE("exported human-benchmark kernels sort every weak ordering natively") {
    const std::pair<const char*, native::Kernel> kernels[] = {
        {"sort2", sort2_human},       {"sort3", sort3_human},       {"sort4", sort4_human},
        {"sort5", sort5_human},       {"sort6", sort6_human},       {"sort7", sort7_human},
        {"sort8", sort8_human},       {"varsort2", varsort2_human}, {"varsort3", varsort3_human},
        {"varsort4", varsort4_human}, {"varsort5", varsort5_human}};
    for (auto [name, kernel] : kernels) {
        auto task = superopt::Task::parse(name);
        INFO(name);
        CHECK(native::check(kernel, task, superopt::completeSet(task)).empty());
    }
}

TEST_CASE("the native check sees a wrong kernel") {
    auto task = superopt::Task::parse("sort3");
    // sort2's kernel leaves the third word alone: wrong for sort3 on some cases.
    CHECK_FALSE(native::check(sort2_human, task, superopt::completeSet(task)).empty());
}
