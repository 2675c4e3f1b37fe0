// A search's configuration and the tuned defaults: what the command line, config
// files, result files and experiments all read and write (search_json.hpp).
#pragma once

#include "superopt/core/rules.hpp"
#include "superopt/core/target.hpp"
#include "superopt/search/cost.hpp"

#include <cstdint>
#include <string>

namespace superopt {

// A sorting task's training set: every permutation, every weak ordering, or a random
// sample of `sample` permutations (all of them when there are no more) that grows by the
// complete check's counterexamples, each chain its own, as a target's cases do. Written
// "permutations", "complete", "sample:N". The default, sample:512, is every permutation
// up to sort5 and saves the complete checks of finds that fail on ties; on sort7 (5,040
// permutations) and sort8 (40,320) it makes proposals 10 to 50 times faster (README,
// "Search").
struct Training {
    enum class Kind { Permutations, Complete, Sample };
    Kind kind = Kind::Sample;
    int sample = 512; // cases drawn, for Sample
    bool operator==(const Training&) const = default;
};
Training parseTraining(const std::string& text); // throws std::invalid_argument
std::string toString(const Training& t);

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
    Training train;              // sorting tasks: the cases the chains score on
};

// The tuned defaults for a start: "cold", or anything else (warm, a file); of a target
// search when `target`.
SearchConfig defaultsFor(const std::string& start, bool target = false);

} // namespace superopt
