// Runs a native kernel on every case of a test set, with the buffer placed right
// before an inaccessible page so that touching a word past the contract crashes.
#pragma once

#include "superopt/task.hpp"

#include <string>

namespace native {

using Kernel = void (*)(int32_t*);

// Empty when the kernel is right on every case; else the first wrong case, described.
std::string check(Kernel kernel, const superopt::Task& task, const superopt::TestSet& set);

} // namespace native
