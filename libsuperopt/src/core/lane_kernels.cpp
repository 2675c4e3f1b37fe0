// The lane loops of one vector instruction set. This file is compiled once per path
// (libsuperopt/CMakeLists.txt), each time with that path's compiler flags, its lane
// width (SUPEROPT_LANE_BYTES: 16 for SSE2, 32 for AVX2, 64 for AVX-512) and its own
// namespace (SUPEROPT_LANE_NS), without link-time optimisation. Everything but the
// table at the end has internal linkage, so no copy compiled for one path can stand in
// for another's. GCC vector extensions keep the code the same for every width.
#include "lane_kernels.hpp"

#include <utility>

#if !defined(SUPEROPT_LANE_NS) || !defined(SUPEROPT_LANE_ISA) || !defined(SUPEROPT_LANE_BYTES)
#error "compile lane_kernels.cpp with SUPEROPT_LANE_NS, SUPEROPT_LANE_ISA and SUPEROPT_LANE_BYTES"
#endif

namespace superopt::SUPEROPT_LANE_NS {

namespace {

using V = int32_t __attribute__((vector_size(SUPEROPT_LANE_BYTES)));
using U = uint32_t __attribute__((vector_size(SUPEROPT_LANE_BYTES)));
constexpr int kWidth = SUPEROPT_LANE_BYTES / 4;
static_assert(16 % kWidth == 0, "lane ranges are multiples of 16");

inline V load(const int32_t* p, int l) {
    return *reinterpret_cast<const V*>(p + l);
}
inline void store(int32_t* p, int l, V v) {
    *reinterpret_cast<V*>(p + l) = v;
}
inline V select(V mask, V yes, V no) {
    return (yes & mask) | (no & ~mask);
}
inline int64_t sum(V v) {
    int64_t s = 0;
    for (int i = 0; i < kWidth; ++i) s += v[i];
    return s;
}

// All ones in the lanes where condition C holds of the flags f (isa.hpp: Flags).
template <Cond C> inline V holds(V f) {
    const V zero = {};
    if constexpr (C == Cond::L)
        return f < zero;
    else if constexpr (C == Cond::G)
        return f > zero;
    else if constexpr (C == Cond::LE)
        return f <= zero;
    else if constexpr (C == Cond::GE)
        return f >= zero;
    else if constexpr (C == Cond::E) // kEqual (0) or kLessAndEqual (-1)
        return ((f + 1) & ~1) == zero;
    else if constexpr (C == Cond::NE)
        return ((f + 1) & ~1) != zero;
    else
        return ~zero;
}

// Lanes not waiting for a label (all of them when the op is not masked).
template <bool Masked> inline V active(const MicroOp& o, int l) {
    if constexpr (Masked)
        return load(o.wait, l) == V{};
    else
        return ~V{};
}

template <Cond C, bool Masked> void cmov(const MicroOp& o, int lo, int hi) {
    for (int l = lo; l < hi; l += kWidth)
        store(
            o.out, l,
            select(holds<C>(load(o.flags, l)) & active<Masked>(o, l), load(o.b, l), load(o.a, l)));
}

template <bool Masked, bool Imm> void cmp(const MicroOp& o, int lo, int hi) {
    for (int l = lo; l < hi; l += kWidth) {
        V a = load(o.a, l), b = Imm ? V{} + o.imm : load(o.b, l);
        const V less = a < b;            // masks are all ones (-1):
        V flags = less + less - (a > b); // kLess -2, kEqual 0, kGreater 1
        store(o.out, l, Masked ? select(active<true>(o, l), flags, load(o.flags, l)) : flags);
    }
}

template <Cond C> void jump(const MicroOp& o, int lo, int hi) {
    for (int l = lo; l < hi; l += kWidth)
        store(
            o.out, l,
            select(holds<C>(load(o.flags, l)) & active<true>(o, l), V{} + o.imm, load(o.wait, l)));
}

template <Cond C> void dispatchCond(const MicroOp& o, int lo, int hi) {
    if (o.kind == MicroOp::Jump)
        jump<C>(o, lo, hi);
    else if (o.masked)
        cmov<C, true>(o, lo, hi);
    else
        cmov<C, false>(o, lo, hi);
}

void execute(const MicroOp& o, int lo, int hi) {
    switch (o.kind) {
    case MicroOp::Cmp:
        o.masked ? cmp<true, false>(o, lo, hi) : cmp<false, false>(o, lo, hi);
        return;
    case MicroOp::CmpImm:
        o.masked ? cmp<true, true>(o, lo, hi) : cmp<false, true>(o, lo, hi);
        return;
    case MicroOp::Mov: // only under a mask: a plain mov is a rename
        for (int l = lo; l < hi; l += kWidth)
            store(o.out, l, select(active<true>(o, l), load(o.b, l), load(o.a, l)));
        return;
    case MicroOp::Label:
        for (int l = lo; l < hi; l += kWidth) {
            V w = load(o.wait, l);
            store(o.out, l, select(w == o.imm, V{}, w));
        }
        return;
    case MicroOp::Fault: // a = old fault, b = lane lengths, imm = the word touched
        for (int l = lo; l < hi; l += kWidth) {
            V beyond = load(o.b, l) < o.imm;
            if (o.masked) beyond &= active<true>(o, l);
            store(o.out, l, load(o.a, l) | (beyond & 1));
        }
        return;
    default:
        break;
    }
    switch (o.cond) {
    case Cond::Always:
        dispatchCond<Cond::Always>(o, lo, hi);
        break;
    case Cond::L:
        dispatchCond<Cond::L>(o, lo, hi);
        break;
    case Cond::G:
        dispatchCond<Cond::G>(o, lo, hi);
        break;
    case Cond::LE:
        dispatchCond<Cond::LE>(o, lo, hi);
        break;
    case Cond::GE:
        dispatchCond<Cond::GE>(o, lo, hi);
        break;
    case Cond::E:
        dispatchCond<Cond::E>(o, lo, hi);
        break;
    case Cond::NE:
        dispatchCond<Cond::NE>(o, lo, hi);
        break;
    default: // the other conditions are not in the sorting kernels' set
        break;
    }
}

void run(const MicroOp* ops, size_t count, int lo, int hi) {
    for (size_t i = 0; i < count; ++i) execute(ops[i], lo, hi);
}

int64_t misplaced(const ScoredLanes& s) {
    V wrong{}; // -1 per misplaced item
    for (int l = s.lo; l < s.hi; l += kWidth)
        wrong +=
            load(s.care, l) & ((load(s.out, l) != load(s.expected, l)) | (load(s.fault, l) != V{}));
    return -sum(wrong);
}

// Bits set per lane (SWAR: no popcnt instruction on baseline x86-64).
inline V popcount(V v) {
    U x = reinterpret_cast<U>(v);
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0fu;
    x = x + (x >> 8);
    x = x + (x >> 16);
    return reinterpret_cast<V>(x & 0x3fu);
}

int64_t hamming(const ScoredLanes& s) {
    V bits{};
    for (int l = s.lo; l < s.hi; l += kWidth) {
        V differing = popcount(load(s.out, l) ^ load(s.expected, l));
        bits += load(s.care, l) & select(load(s.fault, l) != V{}, V{} + 32, differing);
    }
    return sum(bits);
}

} // namespace

extern const LaneKernels kKernels;
const LaneKernels kKernels = {VectorIsa::SUPEROPT_LANE_ISA, run, misplaced, hamming};

} // namespace superopt::SUPEROPT_LANE_NS
