// The stochastic search (AlphaDev-S / STOKE): Metropolis chains over programs with
// STOKE's early-termination bound, cold or warm start, restarts, several chains in
// parallel on oneTBB. Every chain has its own generator seeded from the base seed
// and its index, and chains advance in epochs of fixed iteration counts, so a seed
// gives the same result whatever the thread count (when the budget is iterations).
#pragma once

#include "superopt/cost.hpp"
#include "superopt/distinct_counter.hpp"
#include "superopt/latency.hpp"
#include "superopt/rules.hpp"
#include "superopt/transforms.hpp"

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
    double beta = 15.0;      // inverse temperature
    double seconds = 10;     // wall-clock budget; 0: none
    int64_t iterations = 0;  // proposals per chain; 0: none
    int threads = 0;         // 0: every core
    int chains = 0;          // 0: one per thread
    uint64_t seed = 1;
    int maxLength = 0;       // 0: the start's length + 3; -k: the human benchmark's + k
    int registers = 0;       // 0: the task's default
    int64_t restartEvery = 0; // restart a chain from the start after this many proposals
                              // without a new best cost; 0: never
    std::string moves; // weights that replace the task's defaults, e.g. "add=2,branch=0"
    int64_t traceEvery = 100000; // proposals between trace points of a chain
    bool trainComplete = false;  // train on every weak ordering instead of the permutations
};

// What a search keeps in memory does not grow with its running time. Per chain: at
// most kTracePoints trace points (beyond, every other periodic point goes and the
// chain records half as often), kArchivePerLength programs per length, and a count of
// the distinct correct programs per length that is exact up to kCountedExactly and
// then a fixed-size sketch (distinct_counter.hpp). The latency screen remembers the
// last kScreenRemembers programs offered to it.
struct SearchLimits {
    static constexpr size_t kTracePoints = 4096;
    static constexpr size_t kArchivePerLength = 32;
    static constexpr size_t kCountedExactly = DistinctCounter::kExactLimit;
    static constexpr size_t kScreenRemembers = size_t(1) << 20;
};

// The tuned defaults for a start: "cold", or anything else (warm, a file).
SearchConfig defaultsFor(const std::string& start);

struct MoveStats {
    int64_t proposed = 0, legal = 0, accepted = 0;
};

struct TracePoint {
    double seconds;
    int64_t iteration;
    int chain;
    double cost, bestCost;
    int bestLength; // best verified length so far in this chain, or -1
    bool atBest = false; // recorded when the chain found a new best
};

// A verified program and when it was first found.
struct Found {
    Program program;
    int length = 0;
    double performance = 0;
    double seconds = 0;  // -1, and iteration and chain -1, when unknown: picked by
    int64_t iteration = 0; // measured latency among programs kept along the way
    int chain = 0;
};

// The measured latency of the result (objective latency).
struct MeasuredLatency {
    std::string clock;
    Latency best;              // the chosen program's
    double startCycles = -1;   // the start program's, when it is correct (warm start)
    int candidates = 0;        // programs measured at the end
    int64_t screened = 0;      // programs measured quickly during the search
};

struct SearchResult {
    std::optional<Found> best;              // verified on the complete set
    // Distinct programs correct on the training set, by length, over all chains (and
    // ranks): exact up to 4096 per length, then estimated (distinct_counter.hpp).
    std::map<int, DistinctCounter> correctByLength;
    std::map<int, std::vector<Program>> archive; // some of them per length (for latency picks)
    int64_t verifyFailures = 0;  // correct on the training set, wrong on the complete one
    int64_t proposals = 0, acceptances = 0;
    std::array<MoveStats, kMoveCount> moves{};
    double seconds = 0;
    double firstCorrectSeconds = -1;
    bool interrupted = false;
    std::vector<TracePoint> trace;
    int startLength = 0;
    MoveWeights weights{}; // the move weights used: the task's defaults and `moves`
    std::optional<MeasuredLatency> latency;
};

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
    SearchResult run(const std::atomic<bool>& stop, const std::function<void(const Progress&)>& progress = {},
                     Islands* islands = nullptr);

  private:
    void pickFastest(SearchResult& result, const LatencyScreen& screen) const;
    SearchConfig config_;
    Task task_;
    Program start_;
    MoveWeights weights_;
};

} // namespace superopt
