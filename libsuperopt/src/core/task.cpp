// Tasks and their test sets.
#include "superopt/core/task.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>

namespace superopt {

int64_t TestSet::items() const {
    int64_t p = 0;
    for (int s = 0; s < slots; ++s)
        for (int l = 0; l < count; ++l) p += care[size_t(s) * lanes + l];
    return p;
}

TestSet TestSet::slice(int begin, int n) const {
    TestSet t;
    t.slots = slots;
    t.count = n;
    t.lanes = (n + kLaneAlign - 1) / kLaneAlign * kLaneAlign;
    t.input.resize(size_t(slots) * t.lanes);
    t.expected.resize(t.input.size());
    t.care.resize(t.input.size());
    t.length.resize(t.lanes);
    for (int l = 0; l < t.lanes; ++l) {
        int from = begin + (l < n ? l : 0);
        for (int s = 0; s < slots; ++s) {
            size_t to = size_t(s) * t.lanes + l, at = size_t(s) * lanes + from;
            t.input[to] = input[at];
            t.expected[to] = expected[at];
            t.care[to] = l < n && care[at];
        }
        t.length[l] = length[from];
    }
    t.presetRegisters = presetRegisters;
    t.presetValues.resize(presetRegisters.size() * t.lanes);
    for (size_t k = 0; k < presetRegisters.size(); ++k)
        for (int l = 0; l < t.lanes; ++l)
            t.presetValues[k * t.lanes + l] = presetValues[k * lanes + begin + (l < n ? l : 0)];
    if (!presetFlags.empty())
        for (int l = 0; l < t.lanes; ++l)
            t.presetFlags.push_back(presetFlags[begin + (l < n ? l : 0)]);
    return t;
}

const TestSet& completeSet(const Task& task) {
    static std::mutex m;
    static std::map<std::string, std::unique_ptr<TestSet>> cache;
    std::lock_guard lock(m);
    auto& slot = cache[task.name()];
    if (!slot) slot = std::make_unique<TestSet>(task.complete());
    return *slot;
}

Task Task::parse(const std::string& name) {
    auto number = [&](size_t prefix, int lo, int hi) {
        std::string digits = name.substr(prefix);
        if (digits.size() == 1 && digits[0] >= '0' && digits[0] <= '9') {
            int n = digits[0] - '0';
            if (n >= lo && n <= hi) return n;
        }
        return -1;
    };
    if (name.rfind("sort", 0) == 0) {
        if (int n = number(4, 2, 8); n > 0) return Task(name, Kind::Sort, n);
    } else if (name.rfind("varsort", 0) == 0) {
        if (int n = number(7, 2, 5); n > 0) return Task(name, Kind::VarSort, n);
    }
    throw std::invalid_argument("unknown task '" + name +
                                "' (known: sort2..sort8, varsort2..varsort5)");
}

std::vector<std::string> Task::names() {
    std::vector<std::string> out;
    for (int n = 2; n <= 8; ++n) out.push_back("sort" + std::to_string(n));
    for (int n = 2; n <= 5; ++n) out.push_back("varsort" + std::to_string(n));
    return out;
}

int Task::registers() const {
    return std::min(n_ + 3, 14);
}

int64_t fubini(int n) {
    // a(n) = sum_{k=1..n} C(n,k) a(n-k), a(0) = 1
    std::vector<int64_t> a(n + 1, 0);
    a[0] = 1;
    for (int m = 1; m <= n; ++m) {
        int64_t c = 1; // C(m, k)
        for (int k = 1; k <= m; ++k) {
            c = c * (m - k + 1) / k;
            a[m] += c * a[m - k];
        }
    }
    return a[n];
}

std::vector<std::vector<int>> orderings(int n, bool weak) {
    std::vector<std::vector<int>> out;
    if (!weak) {
        std::vector<int> p(n);
        std::iota(p.begin(), p.end(), 0);
        do out.push_back(p);
        while (std::next_permutation(p.begin(), p.end()));
        return out;
    }
    // Ranks r[i] in 0..n-1 whose set of values is exactly {0..k-1}.
    std::vector<int> r(n, 0);
    while (true) {
        int used = 0;
        for (int v : r) used |= 1 << v;
        if ((used & (used + 1)) == 0) out.push_back(r);
        int i = n - 1;
        while (i >= 0 && r[i] == n - 1) r[i--] = 0;
        if (i < 0) break;
        ++r[i];
    }
    return out;
}

int32_t rankValue(int r, int k) {
    static constexpr std::array<int32_t, 8> kValues = {INT32_MIN, -1000000007, -65536,   -1, 0,
                                                       1000,      1000000007,  INT32_MAX};
    // More ranks (inputs and caller-left values together): 24 values.
    static constexpr std::array<int32_t, 22> kMore = {INT32_MIN,
                                                      INT32_MIN + 1,
                                                      -2000000000,
                                                      -1000000007,
                                                      -16777216,
                                                      -65536,
                                                      -65535,
                                                      -1000,
                                                      -2,
                                                      -1,
                                                      0,
                                                      17,
                                                      1000,
                                                      65535,
                                                      65536,
                                                      16777216,
                                                      1000000007,
                                                      1073741824,
                                                      2000000000,
                                                      INT32_MAX - 2,
                                                      INT32_MAX - 1,
                                                      INT32_MAX};
    if (k == 1) return -65536;
    // Spread k ranks over the values, keeping them strictly increasing.
    if (k <= 8) return kValues[(r * 7 + (k - 1) / 2) / (k - 1)];
    if (k > 22) throw std::invalid_argument("at most 22 ranks have values");
    return kMore[(r * 21 + (k - 1) / 2) / (k - 1)];
}

void Task::fillExpected(TestSet& t) const {
    t.expected.assign(size_t(t.slots) * t.lanes, 0);
    t.care.assign(size_t(t.slots) * t.lanes, 0);
    int first = kind_ == Kind::Sort ? 0 : 1;
    std::vector<int32_t> v;
    for (int l = 0; l < t.lanes; ++l) {
        int n = kind_ == Kind::Sort ? n_ : t.in(0, l);
        v.clear();
        for (int s = first; s < first + n; ++s) v.push_back(t.in(s, l));
        std::sort(v.begin(), v.end());
        for (int s = 0; s < t.slots; ++s) {
            size_t at = size_t(s) * t.lanes + l;
            bool output = s >= first && s < first + n;
            t.expected[at] = output ? v[s - first] : t.input[at];
            t.care[at] = output && l < t.count;
        }
    }
}

std::vector<std::vector<int32_t>> Task::buffers(bool weak) const {
    std::vector<std::vector<int32_t>> cases; // one buffer per case
    auto add = [&](int n, int first) {
        for (const auto& ranks : orderings(n, weak)) {
            int k = *std::max_element(ranks.begin(), ranks.end()) + 1;
            std::vector<int32_t> buf(slots(), 0);
            // Words past the length hold a marker value; touching them is a fault.
            for (int s = 0; s < slots(); ++s) buf[s] = 0x5eed0000 + s;
            if (first) buf[0] = n;
            for (int i = 0; i < n; ++i) buf[first + i] = rankValue(ranks[i], k);
            cases.push_back(std::move(buf));
        }
    };
    if (kind_ == Kind::Sort)
        add(n_, 0);
    else
        for (int n = 1; n <= n_; ++n) add(n, 1);
    return cases;
}

TestSet Task::testSet(const std::vector<std::vector<int32_t>>& cases) const {
    TestSet t;
    t.slots = slots();
    t.count = static_cast<int>(cases.size());
    t.lanes = (t.count + TestSet::kLaneAlign - 1) / TestSet::kLaneAlign * TestSet::kLaneAlign;
    t.input.resize(size_t(t.slots) * t.lanes);
    t.length.resize(t.lanes);
    for (int l = 0; l < t.lanes; ++l) {
        const auto& c = cases[l < t.count ? l : 0];
        for (int s = 0; s < t.slots; ++s) t.input[size_t(s) * t.lanes + l] = c[s];
        t.length[l] = kind_ == Kind::Sort ? n_ : c[0];
    }
    fillExpected(t);
    return t;
}

TestSet Task::training() const {
    return testSet(buffers(false));
}
TestSet Task::complete() const {
    return testSet(buffers(true));
}

} // namespace superopt
