// The baselines a measured kernel is compared with, compiled by the host compiler:
// a branchless sort written like libc++'s __cond_swap on the same size-optimal
// networks as the human benchmark (networks.hpp), and std::sort on the same small
// arrays. For varsortN both dispatch on the length in buf[0]. Every one is a kernel
// under the exported contract (core/export.hpp).
#pragma once

#include "superopt/core/task.hpp"
#include "superopt/native/jit.hpp"

#include <string>
#include <utility>
#include <vector>

namespace superopt {

struct Baseline {
    std::string name;
    KernelFn fn;
};

KernelFn branchlessSort(const Task& task);
KernelFn stdSort(const Task& task);
// Both, named for tables: "branchless C++", "std::sort".
std::vector<Baseline> baselines(const Task& task);

// The comparators, in order, that the branchless sort on n = 2..8 was compiled from
// (to be checked against sortingNetwork(n)).
std::vector<std::pair<int, int>> compiledNetwork(int n);

} // namespace superopt
