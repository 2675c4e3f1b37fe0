// Sorting networks (data/sorting_networks.json, built into the library) and the
// compiler from a network to a program: the human benchmark (README, Results).
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"

#include <utility>
#include <vector>

namespace superopt {

struct Network {
    int n = 0;
    std::vector<std::vector<std::pair<int, int>>> layers; // comparators (i, j), i < j
    int size() const;
};

// The size-optimal network on n channels, n = 2..16.
const Network& sortingNetwork(int n);

// Appends the network as code on registers 0..n-1 (register n is the temporary):
// n loads from firstSlot.., 4 instructions per comparator (libc++ __cond_swap:
// mov a,t; cmp b,a; cmovg b,a; cmovg t,b), n stores.
void appendNetwork(Program& p, const Network& net, int firstSlot);

// The human benchmark for a task: the compiled network (sortN), or for varsortN a
// dispatch on the length to the network of each length.
Program humanBenchmark(const Task& task);

} // namespace superopt
