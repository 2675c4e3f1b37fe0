// Metropolis chains and the parallel search that runs them in epochs.
#include "superopt/search/search.hpp"

#include "superopt/native/latency.hpp"
#include "superopt/search/islands.hpp"
#include "superopt/search/latency_screen.hpp"
#include "superopt/search/sort_problem.hpp"
#include "superopt/search/target_problem.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>
#include <unordered_set>

namespace superopt {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int64_t kEpoch = 16384; // proposals per chain between synchronisation points
constexpr size_t kArchivePerLength = SearchLimits::kArchivePerLength;
constexpr int kLegalAttempts = 16;
constexpr size_t kLatencyCandidates = 64; // programs measured at the end (objective latency):
constexpr size_t kLatencyScreened = 32;   // the screen's fastest, then kept programs
constexpr int kLatencyLengthSlack = 4;    // ... up to the best's length + this
constexpr double kLatencyProxySlack = 4;  // programs up to a chain's best proxy + this are screened
constexpr size_t kPendingPerChain = 256;  // ... at most this many per chain and epoch
constexpr size_t kCandidates = 8; // deferred checks: the first and newest finds kept per epoch

// One Metropolis chain: its program, its emulator state, its generator.
class Chain {
  public:
    // `stop`: the user's interrupt, which ends solver checks early and skips deferred ones.
    Chain(const SearchConfig& cfg, const Problem& problem, const Program& start,
          const MoveWeights& weights, int index, Clock::time_point t0,
          const std::atomic<bool>& stop)
        : cfg_(cfg), start_(start), index_(index), t0_(t0), stop_(stop),
          rng_(splitmix(cfg.seed * 1000003 + index)), sampler_(problem.sampler(cfg)),
          transforms_(*sampler_, weights, cfg.maxLength), eval_(problem.evaluator(cfg)),
          deferChecks_(problem.deferChecks()) {
        restart();
    }

    // Runs `count` proposals (fewer when `halted()` turns true), then checks the
    // finds whose checks were deferred.
    template <class Halted> void run(int64_t count, Halted& halted) {
        for (int64_t i = 0; i < count; ++i) {
            if ((i & 1023) == 0 && halted()) break;
            step();
        }
        settle();
    }

    SearchResult& result() { return result_; }
    double bestCost() const { return bestCost_; }
    // Objective latency: the correct programs found since the last call, to measure.
    std::vector<std::pair<double, Program>> takePending() { return std::exchange(pending_, {}); }

    // The island model (islands.hpp): whether `best` beats everything this chain has
    // found or adopted.
    bool lagsBehind(const Found& best) const {
        auto beats = [&](double performance, int length) {
            return best.performance < performance ||
                   (best.performance == performance && best.length < length);
        };
        return (!result_.best || beats(result_.best->performance, result_.best->length)) &&
               (!adopted_ || beats(adopted_->first, adopted_->second));
    }

    // Continues from `best`, which this chain does not report as its find: a find must
    // beat it.
    void adopt(const Found& best) {
        adopted_ = {best.performance, best.length};
        moveTo(best.program);
    }

  private:
    double seconds() const { return std::chrono::duration<double>(Clock::now() - t0_).count(); }

    void restart() {
        if (moveTo(start_).errors == 0) checkCorrect();
    }

    // Makes `p` the current program.
    Evaluation moveTo(const Program& p) {
        program_ = p;
        const Evaluation ev = reevaluate();
        sinceBest_ = 0;
        if (cost_now_ < bestCost_) bestCost_ = cost_now_;
        return ev;
    }

    // Scores the current program from scratch (a new program, or new training cases).
    Evaluation reevaluate() {
        eval_->legal(program_, 0);
        const Evaluation ev = eval_->evaluate(program_, 0, INT32_MAX, kInf);
        eval_->accept();
        cost_now_ = ev.cost;
        return ev;
    }

    void step() {
        ++iteration_;
        if (cfg_.restartEvery > 0 && ++sinceBest_ > cfg_.restartEvery) restart();
        // A move is redrawn (same kind) until it gives a legal program, a few times:
        // the rules reject most random instructions, and without this a cold start
        // shrinks back to nothing (delete is always legal, add rarely).
        const Move move = transforms_.draw(rng_);
        MoveStats& stats = result_.moves[static_cast<int>(move)];
        ++stats.proposed;
        ++result_.proposals;
        Change change;
        bool legal = false;
        for (int attempt = 0; attempt < kLegalAttempts && !legal; ++attempt) {
            if (!transforms_.apply(move, program_, rng_, change)) return;
            legal = eval_->legal(program_, change.first, change.unchangedFrom(), change.shift());
            if (!legal) transforms_.undo(program_, change);
        }
        if (!legal) return;
        ++stats.legal;
        // STOKE: draw u first; accept iff cost' <= cost - ln(u) / beta, which bounds evaluation.
        const double u = ((rng_() >> 11) + 1) * 0x1.0p-53;
        const double bound = cost_now_ - std::log(u) / cfg_.beta;
        Evaluation ev =
            eval_->evaluate(program_, change.first,
                            change.shift() == 0 ? change.unchangedFrom() : INT32_MAX, bound);
        if (!ev.complete || ev.cost > bound) {
            transforms_.undo(program_, change);
            return;
        }
        eval_->accept();
        ++stats.accepted;
        ++result_.acceptances;
        cost_now_ = ev.cost;
        if (cost_now_ < bestCost_) {
            bestCost_ = cost_now_;
            sinceBest_ = 0;
        }
        if (ev.errors == 0) checkCorrect();
        if (traceEvery_ > 0 && iteration_ % traceEvery_ == 0) trace();
    }

    // The current program is right on the training set: count it, archive it, and
    // verify it when it would be this chain's new best. Nothing here remembers every
    // program: the count is a bounded sketch, the archive a few programs per length.
    void checkCorrect() {
        const uint64_t hash = program_.hash();
        const int length = program_.length();
        result_.correctByLength[length].add(hash);
        archive(hash, length);
        auto& best = result_.best;
        const double perf = eval_->performance(program_);
        if (cfg_.cost.objective == Objective::Latency && pending_.size() < kPendingPerChain &&
            (!best || perf <= best->performance + kLatencyProxySlack))
            pending_.emplace_back(perf, program_);
        auto beaten = [&](double performance, int bestLength) {
            return perf > performance || (perf == performance && length >= bestLength);
        };
        if ((best && beaten(best->performance, best->length)) ||
            (adopted_ && beaten(adopted_->first, adopted_->second)))
            return;
        Found found{program_, length, perf, seconds(), iteration_, index_};
        // Deferred only once the chain has a verified best (the warm start's is at once).
        if (!deferChecks_ || !best) {
            confirm(std::move(found));
            return;
        }
        if (!candidates_.empty() &&
            beaten(candidates_.back().performance, candidates_.back().length))
            return;
        if (candidates_.size() == kCandidates) candidates_.erase(candidates_.begin() + 1);
        candidates_.push_back(std::move(found));
    }

    // The complete check of a find; it becomes the chain's best when it passes.
    bool confirm(Found found) {
        switch (eval_->check(found.program, stop_)) {
        case Checked::Correct:
            break;
        case Checked::Unknown:
            ++result_.unverified;
            return false;
        case Checked::Learned: // the training cases grew: the current program's cost changed
            ++result_.verifyFailures;
            reevaluate();
            return false;
        case Checked::Wrong:
            ++result_.verifyFailures;
            return false;
        }
        if (result_.firstCorrectSeconds < 0) result_.firstCorrectSeconds = found.seconds;
        result_.best = std::move(found);
        trace(true);
        return true;
    }

    // Deferred checks: the epoch's finds, newest (best) first, until one passes. After
    // the user's interrupt none is checked (each could take the solver's whole limit):
    // they are left unverified, never results.
    void settle() {
        if (stop_) { // read once: the user's flag may turn true at any moment
            result_.unverified += static_cast<int64_t>(candidates_.size());
            candidates_.clear();
            return;
        }
        while (!candidates_.empty()) {
            Found found = std::move(candidates_.back());
            candidates_.pop_back();
            if (confirm(std::move(found))) break;
        }
        candidates_.clear();
    }

    // Keeps the first kArchivePerLength distinct programs of each length.
    void archive(uint64_t hash, int length) {
        auto& bucket = result_.archive[length];
        if (bucket.size() >= kArchivePerLength) return;
        auto& hashes = archived_[length];
        if (std::find(hashes.begin(), hashes.end(), hash) != hashes.end()) return;
        hashes.push_back(hash);
        bucket.push_back(program_);
    }

    // A trace point; at most SearchLimits::kTracePoints are kept: beyond, every second periodic
    // point goes and the chain records half as often (new bests are always kept).
    void trace(bool atBest = false) {
        auto& points = result_.trace;
        points.push_back({seconds(), iteration_, index_, cost_now_, bestCost_,
                          result_.best ? result_.best->length : -1, atBest});
        if (points.size() < SearchLimits::kTracePoints) return;
        size_t kept = 0, periodic = 0;
        for (const TracePoint& p : points)
            if (p.atBest || periodic++ % 2 == 1) points[kept++] = p;
        points.resize(kept);
        traceEvery_ *= 2;
    }

    const SearchConfig& cfg_;
    const Program& start_;
    int index_;
    Clock::time_point t0_;
    const std::atomic<bool>& stop_;
    Rng rng_;
    std::unique_ptr<InstructionSampler> sampler_;
    Transforms transforms_;
    std::unique_ptr<Evaluator> eval_;
    bool deferChecks_;
    std::vector<Found> candidates_; // finds to check at the end of the epoch, best last
    Program program_;
    double cost_now_ = kInf, bestCost_ = kInf;
    int64_t iteration_ = 0, sinceBest_ = 0;
    int64_t traceEvery_ = cfg_.traceEvery;
    std::map<int, std::vector<uint64_t>> archived_; // hashes of the archived programs by length
    std::vector<std::pair<double, Program>>
        pending_; // objective latency: (proxy, program) to measure
    std::optional<std::pair<double, int>> adopted_; // (performance, length) adopted last
    SearchResult result_;
};

// Better = lower performance, then shorter, then earlier chain (so ties resolve the same way every
// run).
bool better(const Found& a, const Found& b) {
    if (a.performance != b.performance) return a.performance < b.performance;
    if (a.length != b.length) return a.length < b.length;
    if (a.chain != b.chain) return a.chain < b.chain;
    return a.iteration < b.iteration;
}

void merge(SearchResult& into, SearchResult& from) {
    if (from.best && (!into.best || better(*from.best, *into.best))) into.best = from.best;
    for (auto& [len, counter] : from.correctByLength) into.correctByLength[len].merge(counter);
    for (auto& [len, programs] : from.archive) {
        auto& bucket = into.archive[len];
        for (auto& p : programs)
            if (bucket.size() < kArchivePerLength) bucket.push_back(std::move(p));
    }
    into.verifyFailures += from.verifyFailures;
    into.unverified += from.unverified;
    into.proposals += from.proposals;
    into.acceptances += from.acceptances;
    for (int m = 0; m < kMoveCount; ++m) {
        into.moves[m].proposed += from.moves[m].proposed;
        into.moves[m].legal += from.moves[m].legal;
        into.moves[m].accepted += from.moves[m].accepted;
    }
    if (from.firstCorrectSeconds >= 0 &&
        (into.firstCorrectSeconds < 0 || from.firstCorrectSeconds < into.firstCorrectSeconds))
        into.firstCorrectSeconds = from.firstCorrectSeconds;
    into.trace.insert(into.trace.end(), from.trace.begin(), from.trace.end());
}

// The island model's exchange: every chain lagging behind the best of all islands
// continues from it. Returns whether the islands stop.
bool exchange(Islands& islands, std::vector<std::unique_ptr<Chain>>& chains, bool halt) {
    std::optional<Found> mine;
    for (auto& ch : chains)
        if (const auto& b = ch->result().best; b && (!mine || better(*b, *mine))) mine = b;
    const Islands::Exchanged all = islands.exchange(mine, halt);
    if (all.halt) return true;
    const Found* best = nullptr;
    for (const Found& f : all.best)
        if (!best || better(f, *best)) best = &f;
    if (best)
        for (auto& ch : chains)
            if (ch->lagsBehind(*best)) ch->adopt(*best);
    return false;
}

// At the end: the root island adds every other island's result to its own and checks
// the best of all again. Returns whether this is the root.
bool gather(Islands& islands, SearchResult& result, const Problem& problem) {
    auto others = islands.gather(result);
    if (!others) return false;
    for (SearchResult& r : *others) merge(result, r);
    if (result.best && !problem.verified(result.best->program))
        throw std::runtime_error("the best program gathered from the islands fails the "
                                 "complete check");
    return true;
}

// The problem a configuration names: its target when it has one, else its task.
std::unique_ptr<Problem> makeProblem(const SearchConfig& c) {
    if (!c.target.empty()) return std::make_unique<TargetProblem>(c);
    return std::make_unique<SortProblem>(c);
}

} // namespace

Search::~Search() = default;

Search::Search(SearchConfig config) : config_(std::move(config)), problem_(makeProblem(config_)) {
    if (!(config_.beta > 0)) throw std::invalid_argument("beta must be positive");
    if (config_.cost.alpha < 0) throw std::invalid_argument("alpha must not be negative");
    if (config_.seconds < 0 || config_.iterations < 0)
        throw std::invalid_argument("budgets must not be negative");
    if (config_.seconds == 0 && config_.iterations == 0)
        throw std::invalid_argument("give a budget: seconds or iterations");
    if (config_.threads < 0 || config_.chains < 0)
        throw std::invalid_argument("threads and chains must not be negative");
    if (config_.registers < 0 || config_.registers > kMaxRegisters)
        throw std::invalid_argument("registers must be 1.." + std::to_string(kMaxRegisters));
    if (config_.threads == 0)
        config_.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (config_.chains == 0) config_.chains = config_.threads;
    if (config_.registers == 0) config_.registers = problem_->defaultRegisters();
    weights_ = parseMoveWeights(config_.moves, problem_->defaultMoves());
    checkMoveWeights(weights_);
    start_ = problem_->start(config_.start, config_.profile);
    // 0: 3 more than the start's length; -k: k more than the reference's.
    if (config_.maxLength == 0) config_.maxLength = start_.length() + 3;
    if (config_.maxLength < 0)
        config_.maxLength = problem_->reference().length() - config_.maxLength;
    if (config_.maxLength < start_.length())
        throw std::invalid_argument("max length is below the start's length");
}

// Objective latency (AlphaDev-S's method, with a screen): the chains search on a
// proxy while the screen measures the correct programs they find; at the end the
// start, the chains' best, the screen's fastest and kept programs up to the best's
// length + 4 are verified and measured together with the full protocol, and the
// fastest wins. When it is another program, when and where it was found is unknown.
void Search::pickFastest(SearchResult& result, const LatencyScreen& screen) const {
    std::vector<Program> candidates;
    std::unordered_set<uint64_t> seen;
    // `checked`: verified already (the screen's; a target's check is a solver call).
    auto add = [&](const Program& p, bool checked = false) {
        if (candidates.size() < kLatencyCandidates && seen.insert(p.hash()).second &&
            (checked || problem_->verified(p)))
            candidates.push_back(p);
    };
    add(start_); // first, when it is correct: the reference
    add(result.best->program, true);
    for (const auto& p : screen.fastest(kLatencyScreened)) add(p, true);
    for (const auto& [length, programs] : result.archive)
        if (length <= result.best->length + kLatencyLengthSlack)
            for (const auto& p : programs) add(p);
    const LatencyReport report = problem_->measureLatency(candidates, {});
    size_t fastest = 0;
    for (size_t i = 1; i < candidates.size(); ++i) {
        const double a = report.kernels[i].cycles, b = report.kernels[fastest].cycles;
        if (a < b || (a == b && candidates[i].length() < candidates[fastest].length())) fastest = i;
    }
    Found& best = *result.best;
    if (candidates[fastest].hash() != best.program.hash()) {
        best.program = candidates[fastest];
        best.length = best.program.length();
        best.seconds = -1;
        best.iteration = best.chain = -1;
    }
    best.performance = report.kernels[fastest].cycles;
    result.latency = MeasuredLatency{report.clock, report.kernels[fastest],
                                     start_.length() && candidates.front().hash() == start_.hash()
                                         ? report.kernels.front().cycles
                                         : -1.0,
                                     static_cast<int>(candidates.size()), screen.measured()};
}

SearchResult Search::run(const std::atomic<bool>& stop,
                         const std::function<void(const Progress&)>& progress, Islands* islands) {
    const auto t0 = Clock::now();
    std::vector<std::unique_ptr<Chain>> chains;
    for (int c = 0; c < config_.chains; ++c)
        chains.push_back(std::make_unique<Chain>(config_, *problem_, start_, weights_,
                                                 (islands ? islands->firstChain() : 0) + c, t0,
                                                 stop));
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    // The budget counts from the first proposal: building the chains (the start's complete
    // check, the first use of a task's complete set) takes up to seconds on sort8.
    const double setup = elapsed();
    std::optional<LatencyScreen> screen;
    // Only the root island measures (it picks the result); the others would time
    // programs on cores their neighbours are running chains on.
    if (config_.cost.objective == Objective::Latency && (!islands || islands->firstChain() == 0))
        screen.emplace(*problem_);

    // Chains poll this every 1024 proposals: Ctrl-C or the wall-clock budget.
    std::atomic<bool> halt = false;
    auto halted = [&] {
        if (!halt && (stop || (config_.seconds > 0 && elapsed() - setup >= config_.seconds)))
            halt = true;
        return halt.load();
    };
    tbb::task_arena arena(config_.threads);
    int64_t done = 0;
    while (true) {
        int64_t epoch = kEpoch;
        if (config_.iterations > 0) epoch = std::min(epoch, config_.iterations - done);
        // Islands stop together, at an exchange; one whose budget is spent goes there at once.
        if (islands) epoch = std::min(epoch, islands->interval() - done % islands->interval());
        if (epoch <= 0 || (!islands && halted())) break;
        arena.execute([&] {
            tbb::parallel_for(0, config_.chains, 1, [&](int c) { chains[c]->run(epoch, halted); });
        });
        done += epoch;
        if (screen) {
            for (auto& ch : chains) screen->offer(ch->takePending());
            screen->measure(elapsed());
        }
        if (islands) {
            const bool halt = halted();
            if ((halt || done % islands->interval() == 0 || done == config_.iterations) &&
                exchange(*islands, chains, halt))
                break;
        }
        if (progress) {
            Progress p{elapsed(), 0, 0, kInf, -1};
            for (auto& ch : chains) {
                p.proposals += ch->result().proposals;
                p.acceptances += ch->result().acceptances;
                p.bestCost = std::min(p.bestCost, ch->bestCost());
                if (auto& b = ch->result().best;
                    b && (p.bestLength < 0 || b->length < p.bestLength))
                    p.bestLength = b->length;
            }
            progress(p);
        }
    }
    SearchResult result;
    for (auto& ch : chains) merge(result, ch->result());
    const bool root = !islands || gather(*islands, result, *problem_);
    std::sort(result.trace.begin(), result.trace.end(),
              [](const TracePoint& a, const TracePoint& b) {
                  return a.iteration != b.iteration ? a.iteration < b.iteration : a.chain < b.chain;
              });
    result.startLength = start_.length();
    result.weights = weights_;
    if (screen && result.best && root) pickFastest(result, *screen);
    result.seconds = elapsed();
    result.setupSeconds = setup;
    result.interrupted = stop;
    return result;
}

} // namespace superopt
