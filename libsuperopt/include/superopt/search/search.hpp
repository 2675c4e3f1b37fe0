// The stochastic search (AlphaDev-S / STOKE): Metropolis chains over programs with
// STOKE's early-termination bound, cold or warm start, restarts, several chains in
// parallel on oneTBB. Every chain has its own generator seeded from the base seed
// and its index, and chains advance in epochs of fixed iteration counts, so a seed
// gives the same result whatever the thread count (when the budget is iterations).
#pragma once

#include "superopt/core/rules.hpp"
#include "superopt/search/cost.hpp"
#include "superopt/search/search_result.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace superopt {

class Islands;
class LatencyScreen;

// Defaults are the settings that won in our measurements (README, "Search"): warm
// start wants beta 15, alpha 0.1; cold start a colder chain (beta 60), a small length
// weight, room to grow and restarts. defaultsFor("cold") gives those.
struct SearchConfig {
    std::string task = "sort3";
    std::string start = "warm"; // warm (human benchmark), cold (empty), or a program file
    Profile profile = Profile::AlphaDev;
    CostConfig cost;
    double beta = 15.0;     // inverse temperature
    double seconds = 10;    // wall-clock budget; 0: none
    int64_t iterations = 0; // proposals per chain; 0: none
    int threads = 0;        // 0: every core
    int chains = 0;         // 0: one per thread
    uint64_t seed = 1;
    int maxLength = 0;           // 0: the start's length + 3; -k: the human benchmark's + k
    int registers = 0;           // 0: the task's default
    int64_t restartEvery = 0;    // restart a chain from the start after this many proposals
                                 // without a new best cost; 0: never
    std::string moves;           // weights that replace the task's defaults, e.g. "add=2,branch=0"
    int64_t traceEvery = 100000; // proposals between trace points of a chain
    bool trainComplete = false;  // train on every weak ordering instead of the permutations
};

// The tuned defaults for a start: "cold", or anything else (warm, a file).
SearchConfig defaultsFor(const std::string& start);

// What a progress display needs, reported between epochs.
struct Progress {
    double seconds;
    int64_t proposals, acceptances;
    double bestCost;
    int bestLength; // -1: none yet
};

class Search {
  public:
    explicit Search(SearchConfig config); // throws std::invalid_argument on a bad config
    const SearchConfig& config() const { return config_; }
    const Program& start() const { return start_; }

    // Runs until the budget is spent or `stop` becomes true. With `islands`
    // (islands.hpp), this process is one island of several: the root's result covers
    // them all (verified there), the others' only their own chains.
    SearchResult run(const std::atomic<bool>& stop,
                     const std::function<void(const Progress&)>& progress = {},
                     Islands* islands = nullptr);

  private:
    void pickFastest(SearchResult& result, const LatencyScreen& screen) const;
    SearchConfig config_;
    Task task_;
    Program start_;
    MoveWeights weights_;
};

} // namespace superopt
