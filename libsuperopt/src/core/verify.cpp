// The complete check, run through the emulator in chunks of lanes. A program that
// reads what its caller left is run on an extended set, streamed chunk by chunk: every
// weak ordering of the inputs together with the caller-left register values, every
// place of those values among the lengths and immediates they meet, every state of the
// caller's flags.
#include "superopt/core/verify.hpp"

#include "superopt/core/machine.hpp"

#include <algorithm>
#include <climits>
#include <functional>
#include <iomanip>
#include <numeric>
#include <sstream>

namespace superopt {

namespace {

constexpr int kChunk = 4096;
// More cases than this (about a minute of emulator time) are not tried.
constexpr int64_t kMaxCases = int64_t(2) << 30;

std::string list(const std::vector<int32_t>& v) {
    std::ostringstream s;
    s << "[";
    for (size_t i = 0; i < v.size(); ++i) s << (i ? ", " : "") << v[i];
    s << "]";
    return s.str();
}

const char* flagsName(int32_t f) {
    switch (f) {
    case kLess:
        return "less (ZF = 0, SF != OF)";
    case kEqual:
        return "equal (ZF = 1, SF = OF)";
    case kLessAndEqual:
        return "less and equal at once (ZF = 1, SF != OF)";
    default:
        return "greater (ZF = 0, SF = OF)";
    }
}

// Where a caller-left value may stand among the constants it meets (the lengths and
// immediates): below all, on one, strictly between two (where an integer fits), above all.
struct Place {
    int64_t low, high; // the value lies in [low, high]
};

std::vector<Place> places(std::vector<int32_t> constants) {
    std::sort(constants.begin(), constants.end());
    constants.erase(std::unique(constants.begin(), constants.end()), constants.end());
    std::vector<Place> out;
    int64_t below = INT32_MIN;
    for (int32_t c : constants) {
        if (c > below) out.push_back({below, int64_t(c) - 1});
        out.push_back({c, c});
        below = int64_t(c) + 1;
    }
    if (below <= INT32_MAX) out.push_back({below, INT32_MAX});
    return out;
}

// Calls fn(ranks, m) for every weak ordering of k items: ranks in 0..m-1, each used.
void forEachWeakOrdering(int k, const std::function<void(const std::vector<int>&, int)>& fn) {
    std::vector<int> block(k), ranks(k);
    std::function<void(int, int)> partition = [&](int i, int blocks) {
        if (i == k) { // the blocks of a set partition, in every order
            std::vector<int> order(blocks);
            std::iota(order.begin(), order.end(), 0);
            do {
                for (int j = 0; j < k; ++j) ranks[j] = order[block[j]];
                fn(ranks, blocks);
            } while (std::next_permutation(order.begin(), order.end()));
            return;
        }
        for (int b = 0; b <= blocks; ++b) {
            block[i] = b;
            partition(i + 1, std::max(blocks, b + 1));
        }
    };
    partition(0, 0);
}

// Values for ranks 0..m-1, strictly increasing, with rank r inside fixed[r] where given.
// Without fixed ranks, the spread of rankValue (extremes, negatives, zero). False when
// no integers fit.
bool assignValues(int m, const std::vector<std::optional<Place>>& fixed,
                  std::vector<int32_t>& out) {
    out.resize(m);
    if (std::none_of(fixed.begin(), fixed.end(), [](const auto& f) { return f.has_value(); })) {
        for (int r = 0; r < m; ++r) out[r] = rankValue(r, m);
        return true;
    }
    std::vector<int64_t> low(m, INT32_MIN), high(m, INT32_MAX);
    for (int r = 0; r < m; ++r)
        if (fixed[r]) low[r] = fixed[r]->low, high[r] = fixed[r]->high;
    for (int r = 1; r < m; ++r) low[r] = std::max(low[r], low[r - 1] + 1);
    for (int r = m - 2; r >= 0; --r) high[r] = std::min(high[r], high[r + 1] - 1);
    for (int r = 0; r < m; ++r) {
        if (low[r] > high[r]) return false;
        out[r] = static_cast<int32_t>(low[r]);
    }
    return true;
}

// The cases of a program that reads what its caller left, built into chunks.
class CallerCases {
  public:
    CallerCases(const Task& task, const CallerReads& reads) : task_(task), reads_(reads) {
        for (int r = 0; r < kMaxRegisters; ++r)
            if (reads.registers >> r & 1) registers_.push_back(r);
        std::vector<int32_t> constants = reads.immediates;
        if (task.lengthSlot() >= 0)
            for (int n = 1; n <= task.n(); ++n) constants.push_back(n);
        places_ = places(constants);
        if (reads.flags) flags_ = {kGreater, kLess, kEqual, kLessAndEqual};
    }

    // Calls run(chunk) for chunks of at most kChunk cases; stops when it returns false.
    void forEachChunk(const std::function<bool(const TestSet&)>& run) {
        stopped_ = false;
        run_ = &run;
        startChunk();
        const int first = task_.lengthSlot() >= 0 ? 1 : 0;
        for (int n = first ? 1 : task_.n(); n <= task_.n() && !stopped_; ++n) {
            const int k = n + static_cast<int>(registers_.size());
            forEachWeakOrdering(k, [&](const std::vector<int>& ranks, int m) {
                if (!stopped_) placeCallerValues(n, first, ranks, m, 0);
            });
        }
        if (!stopped_ && chunk_.count > 0) flush();
    }

    // How many cases there are, without making them.
    int64_t count() const {
        int64_t total = 0;
        const int first = task_.lengthSlot() >= 0 ? 1 : 0;
        for (int n = first ? 1 : task_.n(); n <= task_.n(); ++n) {
            const int k = n + static_cast<int>(registers_.size());
            // An upper bound when values meet constants: not every combination fits.
            int64_t c = fubini(k);
            if (reads_.meetsConstants)
                for (size_t r = 0; r < registers_.size(); ++r)
                    c *= static_cast<int64_t>(places_.size());
            total += c * std::max<int64_t>(1, static_cast<int64_t>(flags_.size()));
            if (total > kMaxCases) return total;
        }
        return total;
    }

    const std::vector<int>& registers() const { return registers_; }

  private:
    // Chooses a place among the constants for each caller-left value that meets them
    // (from index j of registers_ on), then emits the case.
    void placeCallerValues(int n, int first, const std::vector<int>& ranks, int m, size_t j) {
        if (j == registers_.size()) return emit(n, first, ranks, m);
        if (!reads_.meetsConstants) {
            placed_.resize(j + 1);
            placed_[j].reset();
            return placeCallerValues(n, first, ranks, m, j + 1);
        }
        for (const Place& p : places_) {
            placed_.resize(j + 1);
            placed_[j] = p;
            placeCallerValues(n, first, ranks, m, j + 1);
        }
    }

    void emit(int n, int first, const std::vector<int>& ranks, int m) {
        std::vector<std::optional<Place>> fixed(m);
        for (size_t j = 0; j < registers_.size(); ++j) {
            if (!placed_[j]) continue;
            auto& f = fixed[ranks[n + j]];
            if (f && (f->low != placed_[j]->low || f->high != placed_[j]->high)) return;
            f = placed_[j];
        }
        if (!assignValues(m, fixed, values_)) return;
        for (int32_t flags : flags_.empty() ? std::vector<int32_t>{kGreater} : flags_) {
            const int l = chunk_.count++;
            for (int s = 0; s < chunk_.slots; ++s) // words past the length: a marker
                chunk_.input[size_t(s) * chunk_.lanes + l] = 0x5eed0000 + s;
            if (first) chunk_.input[l] = n;
            for (int i = 0; i < n; ++i)
                chunk_.input[size_t(first + i) * chunk_.lanes + l] = values_[ranks[i]];
            chunk_.length[l] = first ? n : chunk_.slots;
            for (size_t j = 0; j < registers_.size(); ++j)
                chunk_.presetValues[j * chunk_.lanes + l] = values_[ranks[n + j]];
            if (!flags_.empty()) chunk_.presetFlags[l] = flags;
            if (chunk_.count == kChunk) {
                flush();
                if (stopped_) return;
            }
        }
    }

    void startChunk() {
        chunk_ = TestSet{};
        chunk_.slots = task_.slots();
        chunk_.lanes = kChunk;
        chunk_.input.assign(size_t(chunk_.slots) * kChunk, 0);
        chunk_.expected.assign(chunk_.input.size(), 0); // filled per chunk (fillExpected)
        chunk_.care.assign(chunk_.input.size(), 0);
        chunk_.length.assign(kChunk, 0);
        chunk_.presetRegisters = registers_;
        chunk_.presetValues.assign(registers_.size() * kChunk, 0);
        if (!flags_.empty()) chunk_.presetFlags.assign(kChunk, kGreater);
    }

    void flush() {
        TestSet t = chunk_.slice(0, chunk_.count); // padded to whole vectors
        task_.fillExpected(t);
        stopped_ = !(*run_)(t);
        startChunk();
    }

    const Task& task_;
    const CallerReads& reads_;
    std::vector<int> registers_;
    std::vector<Place> places_;
    std::vector<int32_t> flags_;
    std::vector<std::optional<Place>> placed_;
    std::vector<int32_t> values_;
    TestSet chunk_;
    const std::function<bool(const TestSet&)>* run_ = nullptr;
    bool stopped_ = false;
};

// Runs `p` on `tests`; the first lane it gets wrong, if any, as a counterexample.
std::optional<Counterexample> firstWrong(const Program& p, const TestSet& tests, int64_t& cases) {
    Machine m(tests);
    m.propose(p);
    m.runAll();
    for (int l = 0; l < tests.count; ++l) {
        ++cases;
        if (m.laneCorrect(l)) continue;
        Counterexample c;
        for (int s = 0; s < tests.slots; ++s) {
            c.input.push_back(tests.in(s, l));
            c.expected.push_back(tests.out(s, l));
            c.got.push_back(m.slot(s)[l]);
        }
        for (size_t k = 0; k < tests.presetRegisters.size(); ++k)
            c.callerRegisters.emplace_back(tests.presetRegisters[k],
                                           tests.presetValues[k * tests.lanes + l]);
        if (!tests.presetFlags.empty()) c.callerFlags = tests.presetFlags[l];
        c.fault = m.fault()[l] != 0;
        return c;
    }
    return std::nullopt;
}

} // namespace

// Callee-saved registers written are saved in the prologue (and restored, which the
// parser checks).
std::optional<std::string> abiError(const Program& p) {
    if (!p.savedRegisters) return std::nullopt;
    for (const Instruction& in : p.code) {
        const OpcodeInfo& oi = info(in.op);
        if (!oi.writesDst || in.dst.kind != kReg || !isCalleeSaved(in.dst.value)) continue;
        const auto& saved = *p.savedRegisters;
        if (std::find(saved.begin(), saved.end(), in.dst.value) == saved.end())
            return "writes %" + std::string(registerName(in.dst.value, 8)) +
                   ", which the System V ABI has the callee preserve, without saving and "
                   "restoring it";
    }
    return std::nullopt;
}

Verdict verify(const Program& p, const Task& task) {
    Verdict v;
    CallerReads reads;
    if ((v.illegal = checkVerifiable(p, task, &reads))) return v;
    if ((v.abi = abiError(p))) return v;
    const TestSet& all = completeSet(task);
    if (!reads.any()) {
        for (int begin = 0; begin < all.count && !v.counterexample; begin += kChunk)
            v.counterexample =
                firstWrong(p, all.slice(begin, std::min(kChunk, all.count - begin)), v.cases);
        v.correct = !v.counterexample;
        return v;
    }
    CallerCases cases(task, reads);
    v.callerRegisters = cases.registers();
    v.callerFlags = reads.flags;
    if (const int64_t count = cases.count(); count > kMaxCases)
        throw std::invalid_argument("too many cases to try: the caller-left values make " +
                                    std::to_string(count) + " or more (at most " +
                                    std::to_string(kMaxCases) + ")");
    v.completeCases = all.count;
    cases.forEachChunk([&](const TestSet& chunk) {
        v.counterexample = firstWrong(p, chunk, v.cases);
        return !v.counterexample;
    });
    v.correct = !v.counterexample;
    return v;
}

std::string Counterexample::describe() const {
    std::string s = "input " + list(input);
    std::vector<std::string> left;
    for (auto [r, value] : callerRegisters)
        left.push_back("%" + std::string(kRegisterNames[r]) + " = " + std::to_string(value));
    if (callerFlags) left.push_back(std::string("flags ") + flagsName(*callerFlags));
    left.insert(left.end(), callerState.begin(), callerState.end());
    for (size_t i = 0; i < left.size(); ++i) s += (i ? ", " : " with ") + left[i];
    if (!left.empty()) s += " left by the caller";
    s += ", expected " + list(expected);
    if (!fault) return s + ", got " + list(got);
    return s + ", but it " + (faultText.empty() ? "touched a word outside the length" : faultText);
}

std::string Verdict::describe(const Program& p) const {
    if (illegal) return superopt::describe(*illegal, p);
    if (abi) return "wrong: " + *abi;
    if (counterexample)
        return (solverSeconds ? "wrong: " : "wrong after " + std::to_string(cases) + " cases: ") +
               counterexample->describe();
    if (solverSeconds) {
        std::ostringstream s;
        s << std::fixed << std::setprecision(2) << *solverSeconds << " s";
        if (correct) return "correct for every input (proved by the solver in " + s.str() + ")";
        return "NOT verified: the solver gave up after " + s.str() + " (" + undecided + ")" +
               (undecided == "timeout" ? "; try a larger --timeout" : "");
    }
    if (completeCases > 0)
        return "correct on all " + std::to_string(completeCases) +
               " cases of the complete set (+ caller-left values: " + std::to_string(cases) +
               " cases)";
    return "correct on all " + std::to_string(cases) + " cases of the complete set";
}

} // namespace superopt
