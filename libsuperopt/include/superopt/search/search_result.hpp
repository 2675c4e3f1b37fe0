// What a search returns: the verified best program, the counts and statistics of
// the run, its trace and, for objective latency, the measured latency of the result.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/native/latency.hpp"
#include "superopt/search/distinct_counter.hpp"
#include "superopt/search/transforms.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace superopt {

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

struct MoveStats {
    int64_t proposed = 0, legal = 0, accepted = 0;
};

struct TracePoint {
    double seconds;
    int64_t iteration;
    int chain;
    double cost, bestCost;
    int bestLength;      // best verified length so far in this chain, or -1
    bool atBest = false; // recorded when the chain found a new best
};

// A verified program and when it was first found.
struct Found {
    Program program;
    int length = 0;
    double performance = 0;
    double seconds = 0;    // -1, and iteration and chain -1, when unknown: picked by
    int64_t iteration = 0; // measured latency among programs kept along the way
    int chain = 0;
};

// The measured latency of the result (objective latency).
struct MeasuredLatency {
    std::string clock;
    Latency best;            // the chosen program's
    double startCycles = -1; // the start program's, when it is correct (warm start)
    int candidates = 0;      // programs measured at the end
    int64_t screened = 0;    // programs measured quickly during the search
};

struct SearchResult {
    std::optional<Found> best; // verified on the complete set
    // Distinct programs correct on the training set, by length, over all chains (and
    // ranks): exact up to 4096 per length, then estimated (distinct_counter.hpp).
    std::map<int, DistinctCounter> correctByLength;
    std::map<int, std::vector<Program>> archive; // some of them per length (for latency picks)
    int64_t verifyFailures = 0; // correct on the training set, wrong on the complete one
    int64_t unverified = 0;     // targets: the solver gave up or was interrupted (never a result)
    int64_t proposals = 0, acceptances = 0;
    std::array<MoveStats, kMoveCount> moves{};
    double seconds = 0;      // wall time of the run, setup included
    double setupSeconds = 0; // before the first proposal (the budget counts after it)
    double firstCorrectSeconds = -1;
    bool interrupted = false;
    std::vector<TracePoint> trace;
    int startLength = 0;
    MoveWeights weights{}; // the move weights used: the task's defaults and `moves`
    std::optional<MeasuredLatency> latency;
};

} // namespace superopt
