// The batched general emulator's lane loops for one vector instruction set: compiled
// once per path (libsuperopt/CMakeLists.txt) with that path's flags and namespace
// (SUPEROPT_LANE_NS), without link-time optimisation; everything but the table at the
// end has internal linkage. Each loop runs one instruction over a range of lanes with
// the semantics of x86_ops.hpp, the reference's own.
#include "general_lanes.hpp"

#include "x86_ops.hpp"

#include <array>
#include <utility>

#if !defined(SUPEROPT_LANE_NS)
#error "compile general_lanes.cpp with SUPEROPT_LANE_NS"
#endif

namespace superopt::SUPEROPT_LANE_NS {

namespace {

[[gnu::always_inline]] inline Value read(const LaneSource& s, int l) {
    if (!s.v) return {s.value, s.constantDefined};
    return {(s.v[l] >> s.shift) & s.mask, (s.d[l] >> s.shift) & s.mask};
}

// The bytes of `d` whose 8 bits are all defined, as whole bytes (the stack keeps
// definedness per byte).
[[gnu::always_inline]] inline uint64_t wholeBytes(uint64_t d) {
    uint64_t x = d & (d >> 4);
    x &= x >> 2;
    x &= x >> 1;
    x &= 0x0101010101010101;
    return x * 0xff;
}

// Writes x into lane l of t: a register by x86's width rules, a stack word's bytes.
[[gnu::always_inline]] inline void write(const LaneTarget& t, int l, Value x,
                                         bool whollyUndefined) {
    const uint64_t oldV = t.oldV[l], oldD = t.oldD[l];
    if (t.stack) {
        const uint64_t field = maskOf(t.size) << t.shift;
        t.v[l] = (oldV & ~field) | ((x.v << t.shift) & field);
        t.d[l] = (oldD & ~field) | (wholeBytes(x.defined << t.shift) & field);
        return;
    }
    const Value r = writtenRegister({oldV, oldD}, x, t.size, t.shift);
    t.v[l] = r.v;
    t.d[l] = whollyUndefined ? 0 : r.defined;
}

[[gnu::always_inline]] inline void keep(const LaneTarget& t, int l) {
    if (!t.v) return;
    t.v[l] = t.oldV[l];
    t.d[l] = t.oldD[l];
}

// compute()'s inputs and outputs in lane l: read from the step's arrays, written to its
// fresh ones.
struct LaneInputs {
    const GeneralStep& s;
    int l;
    [[gnu::always_inline]] Value dst() const { return read(s.dst, l); }
    [[gnu::always_inline]] Value src() const { return read(s.src, l); }
    [[gnu::always_inline]] Value src2() const { return read(s.src2, l); }
    [[gnu::always_inline]] Value rax() const { return read(s.rax, l); }
    [[gnu::always_inline]] Value rdx() const { return read(s.rdx, l); }
    [[gnu::always_inline]] uint32_t flags() const { return static_cast<uint32_t>(s.flags[l]); }
    [[gnu::always_inline]] uint32_t definedFlags() const {
        return static_cast<uint32_t>(s.definedFlags[l]);
    }
};

struct LaneOutputs {
    const GeneralStep& s;
    int l;
    [[gnu::always_inline]] void dst(Value x) { write(s.out, l, x, false); }
    [[gnu::always_inline]] void dstUndefined() { write(s.out, l, {0, 0}, true); }
    [[gnu::always_inline]] void rax(Value x) { write(s.outRax, l, x, false); }
    [[gnu::always_inline]] void rdx(Value x) { write(s.outRdx, l, x, false); }
    [[gnu::always_inline]] void flags(FlagResult f) {
        const uint64_t w = f.written;
        s.newFlags[l] = (s.flags[l] & ~w) | (f.values & w);
        s.newDefinedFlags[l] = (s.definedFlags[l] & ~w) | (f.defined & w);
    }
    [[gnu::always_inline]] void fault() { s.faultOut[l] = 1; }
};

// The loop of one opcode: with the opcode a constant, compute() folds to its case.
// What a lane may leave unwritten (the flags of a shift by zero, everything of a
// faulting division or of a lane waiting for a label) keeps its old value.
template <Op O> void stepAs(const GeneralStep& s, int lo, int hi) {
    Instruction in = *s.in;
    in.op = O;
    const OpcodeInfo& oi = *s.info;
    constexpr bool divides = O == Op::Div || O == Op::Idiv;
    for (int l = lo; l < hi; ++l) {
        if (s.newFlags) {
            s.newFlags[l] = s.flags[l];
            s.newDefinedFlags[l] = s.definedFlags[l];
        }
        if (divides) s.faultOut[l] = s.faultIn[l];
        const bool waiting = s.wait && s.wait[l] != 0;
        if (divides || waiting) {
            keep(s.out, l);
            keep(s.outRax, l);
            keep(s.outRdx, l);
        }
        if (waiting) continue;
        const LaneInputs x{s, l};
        LaneOutputs out{s, l};
        compute(in, oi, s.size, x, out);
    }
}

using StepLoop = void (*)(const GeneralStep&, int, int);
template <size_t... I>
constexpr std::array<StepLoop, kOpCount> stepLoops(std::index_sequence<I...>) {
    return {&stepAs<static_cast<Op>(I)>...};
}
constexpr std::array<StepLoop, kOpCount> kStepLoops =
    stepLoops(std::make_index_sequence<kOpCount>{});

void step(const GeneralStep& s, int lo, int hi) {
    kStepLoops[static_cast<size_t>(s.in->op)](s, lo, hi);
}

void jump(const JumpStep& s, int lo, int hi) {
    if (s.label) {
        for (int l = lo; l < hi; ++l) s.waitOut[l] = s.waitIn[l] == s.code ? 0 : s.waitIn[l];
        return;
    }
    const uint32_t read = conditionFlags(s.cond);
    for (int l = lo; l < hi; ++l) {
        const bool running = s.waitIn[l] == 0;
        const bool undefined = (static_cast<uint32_t>(s.definedFlags[l]) & read) != read;
        const bool taken = holds(s.cond, static_cast<uint32_t>(s.flags[l]));
        s.undefinedOut[l] = s.undefinedIn[l] | (running && undefined);
        s.waitOut[l] = running && taken ? s.code : s.waitIn[l];
    }
}

int64_t errors(const ResultLanes& r, int lo, int hi) {
    int64_t total = 0;
    const int width = std::popcount(r.mask);
    for (int l = lo; l < hi; ++l) {
        if (r.fault[l] | r.undefinedPath[l]) {
            total += width;
            continue;
        }
        const uint64_t expected = r.expected[l];
        auto wrong = [&](int k) {
            return std::popcount(((r.v[k][l] ^ expected) | ~r.d[k][l]) & r.mask);
        };
        int64_t best = wrong(0);
        for (int k = 1; k < r.registers && best > r.penalty; ++k)
            best = std::min<int64_t>(best, wrong(k) + r.penalty);
        total += best;
    }
    return total;
}

} // namespace

extern const GeneralKernels kGeneralKernels = {step, jump, errors};

} // namespace superopt::SUPEROPT_LANE_NS
