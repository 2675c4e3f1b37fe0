// The stochastic search (AlphaDev-S / STOKE): Metropolis chains over programs with
// STOKE's early-termination bound, cold or warm start, restarts, several chains in
// parallel on oneTBB. Every chain has its own generator seeded from the base seed
// and its index, and chains advance in epochs of fixed iteration counts, so a seed
// gives the same result whatever the thread count (when the budget is iterations).
#pragma once

#include "superopt/search/search_config.hpp"
#include "superopt/search/search_result.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace superopt {

class Islands;
class LatencyScreen;
class Problem;

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
    ~Search();
    const Program& start() const { return start_; }
    const Problem& problem() const { return *problem_; }

    // Runs until the budget is spent or `stop` becomes true. With `islands`
    // (islands.hpp), this process is one island of several: the root's result covers
    // them all (verified there), the others' only their own chains.
    SearchResult run(const std::atomic<bool>& stop,
                     const std::function<void(const Progress&)>& progress = {},
                     Islands* islands = nullptr);

  private:
    void pickFastest(SearchResult& result, const LatencyScreen& screen) const;
    SearchConfig config_;
    std::unique_ptr<Problem> problem_;
    Program start_;
    MoveWeights weights_;
};

} // namespace superopt
