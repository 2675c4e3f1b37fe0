// The batched emulator: renaming, micro-operations and their vectorised loops.
#include "superopt/machine.hpp"

#include "lanes.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>

namespace superopt {

struct Machine::MicroOp {
    enum Kind : uint8_t { Cmp, CmpImm, CMov, Mov, Jump, Label, Fault };
    Kind kind;
    Cond cond;
    bool masked;  // lanes waiting for a label keep their old value
    int32_t imm;  // CmpImm: the immediate; Jump/Label: the label's wait code; Fault: slot
    const int32_t* a; // dst's old value (Cmp: the left side)
    const int32_t* b; // src value (CmpImm: unused)
    const int32_t* flags;
    const int32_t* wait;
    int32_t* out;
};

namespace {

using namespace lanes;

template <class L, int... I>
constexpr L iota(std::integer_sequence<int, I...>) { return L{static_cast<uint16_t>(I)...}; }

// All ones in the lanes where condition C holds of the comparison sign f.
template <Cond C>
inline V holds(V f) {
    const V zero = {};
    if constexpr (C == Cond::L) return f < zero;
    else if constexpr (C == Cond::G) return f > zero;
    else if constexpr (C == Cond::LE) return f <= zero;
    else if constexpr (C == Cond::GE) return f >= zero;
    else if constexpr (C == Cond::E) return f == zero;
    else if constexpr (C == Cond::NE) return f != zero;
    else return ~zero;
}

using Op_ = Machine::MicroOp;

// Lanes not waiting for a label (all of them when the op is not masked).
template <bool Masked>
inline V active(const Op_& o, int l) {
    if constexpr (Masked) return load(o.wait, l) == V{};
    else return ~V{};
}

template <Cond C, bool Masked>
void cmov(const Op_& o, int lo, int hi) {
    for (int l = lo; l < hi; l += kWidth)
        store(o.out, l, select(holds<C>(load(o.flags, l)) & active<Masked>(o, l), load(o.b, l), load(o.a, l)));
}

template <bool Masked, bool Imm>
void cmp(const Op_& o, int lo, int hi) {
    for (int l = lo; l < hi; l += kWidth) {
        V a = load(o.a, l), b = Imm ? V{} + o.imm : load(o.b, l);
        V sign = (a < b) - (a > b); // masks are -1: this is +1, 0 or -1
        store(o.out, l, Masked ? select(active<true>(o, l), sign, load(o.flags, l)) : sign);
    }
}

template <Cond C>
void jump(const Op_& o, int lo, int hi) {
    for (int l = lo; l < hi; l += kWidth)
        store(o.out, l, select(holds<C>(load(o.flags, l)) & active<true>(o, l), V{} + o.imm, load(o.wait, l)));
}

template <Cond C>
void dispatchCond(const Op_& o, int lo, int hi) {
    if (o.kind == Op_::Jump) jump<C>(o, lo, hi);
    else if (o.masked) cmov<C, true>(o, lo, hi);
    else cmov<C, false>(o, lo, hi);
}

void execute(const Op_& o, int lo, int hi) {
    switch (o.kind) {
    case Op_::Cmp: o.masked ? cmp<true, false>(o, lo, hi) : cmp<false, false>(o, lo, hi); return;
    case Op_::CmpImm: o.masked ? cmp<true, true>(o, lo, hi) : cmp<false, true>(o, lo, hi); return;
    case Op_::Mov: // only under a mask: a plain mov is a rename
        for (int l = lo; l < hi; l += kWidth)
            store(o.out, l, select(active<true>(o, l), load(o.b, l), load(o.a, l)));
        return;
    case Op_::Label:
        for (int l = lo; l < hi; l += kWidth) {
            V w = load(o.wait, l);
            store(o.out, l, select(w == o.imm, V{}, w));
        }
        return;
    case Op_::Fault: // a = old fault, b = lane lengths, imm = the word touched
        for (int l = lo; l < hi; l += kWidth) {
            V beyond = load(o.b, l) < o.imm;
            if (o.masked) beyond &= active<true>(o, l);
            store(o.out, l, load(o.a, l) | (beyond & 1));
        }
        return;
    default: break;
    }
    switch (o.cond) {
    case Cond::Always: dispatchCond<Cond::Always>(o, lo, hi); break;
    case Cond::L: dispatchCond<Cond::L>(o, lo, hi); break;
    case Cond::G: dispatchCond<Cond::G>(o, lo, hi); break;
    case Cond::LE: dispatchCond<Cond::LE>(o, lo, hi); break;
    case Cond::GE: dispatchCond<Cond::GE>(o, lo, hi); break;
    case Cond::E: dispatchCond<Cond::E>(o, lo, hi); break;
    case Cond::NE: dispatchCond<Cond::NE>(o, lo, hi); break;
    }
}

int32_t* allocateLanes(size_t count) {
    size_t bytes = (count * sizeof(int32_t) + 63) / 64 * 64;
    void* p = std::aligned_alloc(64, bytes);
    if (!p) throw std::bad_alloc();
    std::memset(p, 0, bytes);
    return static_cast<int32_t*>(p);
}

} // namespace

inline Machine::Locations Machine::with(Locations l, int value, int id) {
    constexpr Locations index = iota<Locations>(std::make_integer_sequence<int, kMaxValues>{});
    auto hit = reinterpret_cast<Locations>(index == static_cast<uint16_t>(value));
    return (l & ~hit) | (hit & static_cast<uint16_t>(id));
}

Machine::Machine(TestSet tests, int blockLanes) : tests_(std::move(tests)), blockLanes_(blockLanes) {
    if (values() > kMaxValues) throw std::invalid_argument("too many buffer words for the emulator");
    if (blockLanes_ <= 0 || blockLanes_ % TestSet::kLaneAlign)
        throw std::invalid_argument("block lanes must be a positive multiple of 16");
    reserve(16);
    const size_t words = size_t(tests_.slots) * tests_.lanes;
    for (size_t i = 0; i < words; ++i) {
        array(1)[i] = tests_.input[i];
        array(1 + tests_.slots)[i] = tests_.expected[i];
        array(1 + 2 * tests_.slots)[i] = tests_.care[i] ? -1 : 0;
    }
    std::copy(tests_.length.begin(), tests_.length.end(), array(lengthId()));
    for (int s = 0; s < tests_.slots; ++s) cur_[0] = with(cur_[0], kMaxRegisters + s, 1 + s);
    minLength_ = tests_.length.empty() ? tests_.slots
                                       : *std::min_element(tests_.length.begin(), tests_.length.end());
    final_ = cur_[0];
}

Machine::~Machine() { std::free(arena_); }

void Machine::reserve(int positions) {
    const int have = static_cast<int>(side_.size() / 2);
    if (positions <= have) return;
    const int grown = std::max(positions, 2 * have);
    if (lengthId() + 1 + 4 * size_t(grown) > 65535) throw std::length_error("program too long for the emulator");
    const size_t oldWords = arena_ ? size_t(lengthId() + 1 + 4 * have) * tests_.lanes : 0;
    int32_t* arena = allocateLanes(size_t(lengthId() + 1 + 4 * grown) * tests_.lanes);
    if (arena_) std::memcpy(arena, arena_, oldWords * sizeof(int32_t));
    std::free(arena_);
    arena_ = arena;
    side_.resize(2 * size_t(grown), 0);
    wrote_.resize(2 * size_t(grown), 0);
    cur_.resize(grown + 1, Locations{});
    prop_.resize(grown + 1, Locations{});
}

void Machine::propose(const Program& p, int from) {
    const int n = static_cast<int>(p.code.size());
    from = std::min({from, n, curPositions_});
    reserve(n + 1);
    Locations loc = cur_[from];
    propFirstJump_ = curFirstJump_ < from ? curFirstJump_ : n;
    bool masked = propFirstJump_ < from;
    propCode_.assign(p.code.begin() + from, p.code.end());
    std::fill(wrote_.begin() + 2 * size_t(from), wrote_.begin() + 2 * size_t(n), 0);
    ops_.clear();
    for (int i = from; i < n; ++i) {
        const Instruction& in = p.code[i];
        const OpcodeInfo& oi = info(in.op);
        prop_[i] = loc;
        // An instruction that is the same as the current program's at this position
        // and reads the same arrays gives the same array: it is reused, not re-run.
        const bool same = i < curPositions_ && curCode_[i] == in && (curFirstJump_ < i) == masked;
        // Emits a micro-op reading values a and b (-1: none); returns the array id
        // that holds its result. Filled in place: building a micro-op on the stack
        // and copying it stalls on store forwarding.
        auto emit = [&](MicroOp::Kind kind, int32_t imm, int a, int b, bool readsFlags,
                        int which) __attribute__((always_inline)) {
            const bool readsWait = masked || kind == MicroOp::Label || kind == MicroOp::Jump;
            auto unchanged = [&](int v) { return v < 0 || cur_[i][v] == loc[v]; };
            if (same && unchanged(a) && unchanged(b) && (!readsFlags || unchanged(flagsValue())) &&
                (!readsWait || unchanged(waitValue())))
                return currentId(i, which);
            MicroOp& op = ops_.emplace_back();
            op.kind = kind;
            op.cond = oi.cond;
            op.masked = masked;
            op.imm = imm;
            op.a = a < 0 ? nullptr : array(loc[a]);
            op.b = b < 0 ? nullptr : array(loc[b]);
            op.flags = array(loc[flagsValue()]);
            op.wait = array(loc[waitValue()]);
            op.out = array(outputId(i, which));
            wrote_[2 * size_t(i) + which] = 1;
            return outputId(i, which);
        };
        auto at = [](const Operand& o) {
            return o.kind == kReg ? o.value : o.kind == kMem ? kMaxRegisters + o.value : -1;
        };
        // A lane that touches a word beyond its length faults (varsort).
        // (Two plain checks: a loop over an initializer list stalls on store forwarding.)
        auto checkFault = [&](const Operand& o) __attribute__((always_inline)) {
            if (o.kind != kMem || o.value <= minLength_) return;
            int id = emit(MicroOp::Fault, o.value, faultValue(), -1, false, 1);
            if (id == outputId(i, 1)) ops_.back().b = array(lengthId());
            loc = with(loc, faultValue(), id);
        };
        checkFault(in.src);
        checkFault(in.dst);
        const int src = at(in.src), dst = at(in.dst);
        switch (oi.family) {
        case Family::Move:
            if (masked) loc = with(loc, dst, emit(MicroOp::Mov, 0, dst, src, false, 0));
            else loc = with(loc, dst, loc[src]); // a rename
            break;
        case Family::CondMove: loc = with(loc, dst, emit(MicroOp::CMov, 0, dst, src, true, 0)); break;
        case Family::Compare:
            loc = with(loc, flagsValue(),
                       emit(src < 0 ? MicroOp::CmpImm : MicroOp::Cmp, in.src.value, dst, src, masked, 0));
            break;
        case Family::Jump:
            loc = with(loc, waitValue(), emit(MicroOp::Jump, in.dst.value + 1, -1, -1, true, 0));
            masked = true;
            propFirstJump_ = std::min(propFirstJump_, i);
            break;
        case Family::Label:
            if (masked) loc = with(loc, waitValue(), emit(MicroOp::Label, in.dst.value + 1, -1, -1, false, 0));
            break;
        }
    }
    prop_[n] = loc;
    propPositions_ = n;
    propFrom_ = from;
    final_ = loc;
}

void Machine::run(int block) {
    const int lo = blockBegin(block), hi = blockEnd(block);
    for (const MicroOp& o : ops_) execute(o, lo, hi);
}

void Machine::runAll() {
    for (const MicroOp& o : ops_) execute(o, 0, tests_.lanes);
}

void Machine::accept() {
    for (size_t i = 2 * size_t(propFrom_); i < 2 * size_t(propPositions_); ++i) side_[i] ^= wrote_[i];
    curCode_.resize(propPositions_);
    std::copy(propCode_.begin(), propCode_.end(), curCode_.begin() + propFrom_);
    std::copy(prop_.begin() + propFrom_, prop_.begin() + propPositions_ + 1, cur_.begin() + propFrom_);
    curPositions_ = propPositions_;
    curFirstJump_ = propFirstJump_;
}

bool Machine::laneCorrect(int l) const {
    if (fault()[l]) return false;
    for (int s = 0; s < tests_.slots; ++s)
        if (care(s)[l] && slot(s)[l] != expected(s)[l]) return false;
    return true;
}

} // namespace superopt
