// The complete check, run through the emulator in chunks of lanes.
#include "superopt/core/verify.hpp"

#include "superopt/core/machine.hpp"

#include <sstream>

namespace superopt {

namespace {

std::string list(const std::vector<int32_t>& v) {
    std::ostringstream s;
    s << "[";
    for (size_t i = 0; i < v.size(); ++i) s << (i ? ", " : "") << v[i];
    s << "]";
    return s.str();
}

} // namespace

Verdict verify(const Program& p, const Task& task) {
    Verdict v;
    if ((v.illegal = checkLegal(p, task, Profile::X86))) return v;
    const TestSet& all = completeSet(task);
    constexpr int kChunk = 4096;
    for (int begin = 0; begin < all.count; begin += kChunk) {
        Machine m(all.slice(begin, std::min(kChunk, all.count - begin)));
        m.propose(p);
        m.runAll();
        const TestSet& t = m.tests();
        for (int l = 0; l < t.count; ++l) {
            ++v.cases;
            if (m.laneCorrect(l)) continue;
            Counterexample c;
            for (int s = 0; s < t.slots; ++s) {
                c.input.push_back(t.in(s, l));
                c.expected.push_back(t.out(s, l));
                c.got.push_back(m.slot(s)[l]);
            }
            c.fault = m.fault()[l] != 0;
            v.counterexample = std::move(c);
            return v;
        }
    }
    v.correct = true;
    return v;
}

std::string Verdict::describe(const Program& p) const {
    if (illegal) return superopt::describe(*illegal, p);
    if (counterexample) {
        const auto& c = *counterexample;
        std::string s = "wrong after " + std::to_string(cases) + " cases: input " + list(c.input) +
                        ", expected " + list(c.expected);
        return s +
               (c.fault ? ", but it touched a word outside the length" : ", got " + list(c.got));
    }
    return "correct on all " + std::to_string(cases) + " cases of the complete set";
}

} // namespace superopt
