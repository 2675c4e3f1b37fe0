// Runs a native kernel on every case of a test set, with the buffer placed right
// before an inaccessible page so that touching a word past the buffer crashes.
#pragma once

#include "superopt/core/task.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace native {

using Kernel = void (*)(int32_t*);

// Empty when the kernel is right on every case; else the first wrong case, described.
// Each case's buffer ends where the contract says the kernel may stop touching it.
std::string check(Kernel kernel, const superopt::Task& task, const superopt::TestSet& set);

// The kernel's final buffer on every case, slot-major like TestSet::input. Each case
// runs on all set.slots words (for varsort the words past the length are there, as
// in the emulator), ending at the guard page.
std::vector<int32_t> run(Kernel kernel, const superopt::TestSet& set);

} // namespace native
