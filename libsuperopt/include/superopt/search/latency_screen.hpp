// Objective latency during a search: the correct programs the chains find are
// measured as they come, each once (programs are told apart by hash), with a quick
// measurement interleaved with a fixed reference (the problem's: the human benchmark
// or the target), so that figures taken minutes apart compare as ratios. Measuring costs far more
// than a proposal, so the screen spends at most a set share of the search's time and keeps a
// bounded queue, best proxy (the chains' performance term) first; what it ranks fastest goes to the
// final, full measurement.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/recent_set.hpp"
#include "superopt/search/problem.hpp"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace superopt {

class LatencyScreen {
  public:
    // `share`: the largest fraction of the elapsed time spent measuring.
    LatencyScreen(const Problem& problem, double share = 0.25);

    // Queues programs correct on the training set (verified here before measuring: a
    // solver call for a target),
    // each with its proxy score (lower is expected faster).
    void offer(std::vector<std::pair<double, Program>> programs);
    // Measures queued programs while the time spent stays within the share of
    // `elapsedSeconds` (the search's own time so far).
    void measure(double elapsedSeconds);
    // The `k` fastest measured programs, fastest first.
    std::vector<Program> fastest(size_t k) const;

    int64_t measured() const { return measured_; } // programs measured

  private:
    void measureBatch(std::vector<Program> batch);

    const Problem& problem_;
    double share_;
    double spent_ = 0;                     // seconds spent measuring
    std::multimap<double, Program> queue_; // by proxy score
    RecentSet seen_;                       // programs offered, by hash (bounded: one may come back)
    std::vector<std::pair<double, Program>> ranked_; // (time / reference's time), fastest first
    int64_t measured_ = 0;
};

} // namespace superopt
