// A search's configuration and the tuned defaults: what the command line, config
// files, result files and experiments all read and write (search_json.hpp).
#pragma once

#include "superopt/core/rules.hpp"
#include "superopt/core/target.hpp"
#include "superopt/search/cost.hpp"

#include <cstdint>
#include <string>

namespace superopt {

// Defaults are the settings that won in our measurements (README, "Search"): warm
// start wants beta 15, alpha 0.1; cold start a colder chain (beta 60), a small length
// weight, room to grow and restarts. defaultsFor("cold") gives those. Targets
// (defaultsFor(start, true)) count wrong bits (STOKE's Hamming cost) on another scale.
struct SearchConfig {
    std::string task = "sort3";
    TargetSpec target;          // a user's function: when its file is set, it replaces `task`
    std::string extensions;     // targets: CPU extensions rewrites may use ("popcnt,bmi1")
    double solverSeconds = 10;  // targets: the solver's budget per check
    std::string start = "warm"; // warm (the reference), cold (empty), or a program file
    Profile profile = Profile::AlphaDev;
    CostConfig cost;
    double beta = 15.0;     // inverse temperature
    double seconds = 10;    // wall-clock budget; 0: none
    int64_t iterations = 0; // proposals per chain; 0: none
    int threads = 0;        // 0: every core
    int chains = 0;         // 0: one per thread
    uint64_t seed = 1;
    int maxLength = 0;           // 0: the start's length + 3; -k: the reference's + k
    int registers = 0;           // 0: the task's default
    int64_t restartEvery = 0;    // restart a chain from the start after this many proposals
                                 // without a new best cost; 0: never
    std::string moves;           // weights that replace the task's defaults, e.g. "add=2,branch=0"
    int64_t traceEvery = 100000; // proposals between trace points of a chain
    bool trainComplete = false;  // train on every weak ordering instead of the permutations
};

// The tuned defaults for a start: "cold", or anything else (warm, a file); of a target
// search when `target`.
SearchConfig defaultsFor(const std::string& start, bool target = false);

} // namespace superopt
