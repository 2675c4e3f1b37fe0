// Quick latency measurements of a search's correct programs, once each.
#include "superopt/search/latency_screen.hpp"

#include "superopt/search/search_result.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

namespace superopt {

namespace {
constexpr size_t kQueue = 4096; // programs waiting at most
constexpr size_t kBatch = 15;   // measured together with the reference
constexpr size_t kKept = 64;    // fastest programs remembered
// A quick measurement: 5 rounds of 10,000 calls (the final one takes 1000 rounds).
// Fewer calls per round would let the branch predictor learn the inputs by heart.
const LatencyOptions kQuick{.inputs = 10000, .measurements = 5};
} // namespace

LatencyScreen::LatencyScreen(const Problem& problem, double share)
    : problem_(problem), share_(share), seen_(SearchLimits::kScreenRemembers) {}

void LatencyScreen::offer(std::vector<std::pair<double, Program>> programs) {
    for (auto& [score, p] : programs) {
        if (!seen_.insert(p.hash())) continue;
        queue_.emplace(score, std::move(p));
        if (queue_.size() > kQueue) queue_.erase(std::prev(queue_.end()));
    }
}

void LatencyScreen::measure(double elapsedSeconds) {
    const auto t0 = std::chrono::steady_clock::now();
    auto spent = [&] {
        return spent_ +
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    std::vector<Program> batch;
    // Each program's check may be a solver call: the share is kept program by program.
    while (!queue_.empty() && spent() <= share_ * elapsedSeconds) {
        auto first = queue_.begin();
        if (problem_.verified(first->second)) batch.push_back(std::move(first->second));
        queue_.erase(first);
        if (batch.size() == kBatch) measureBatch(std::exchange(batch, {}));
    }
    if (!batch.empty()) measureBatch(std::move(batch));
    spent_ = spent();
}

void LatencyScreen::measureBatch(std::vector<Program> batch) {
    batch.insert(batch.begin(), problem_.reference());
    const LatencyReport report = problem_.measureLatency(batch, kQuick);
    for (size_t i = 1; i < batch.size(); ++i)
        ranked_.emplace_back(report.kernels[i].cycles / report.kernels[0].cycles,
                             std::move(batch[i]));
    measured_ += static_cast<int64_t>(batch.size()) - 1;
    std::stable_sort(ranked_.begin(), ranked_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (ranked_.size() > kKept) ranked_.resize(kKept);
}

std::vector<Program> LatencyScreen::fastest(size_t k) const {
    std::vector<Program> out;
    for (size_t i = 0; i < ranked_.size() && i < k; ++i) out.push_back(ranked_[i].second);
    return out;
}

} // namespace superopt
