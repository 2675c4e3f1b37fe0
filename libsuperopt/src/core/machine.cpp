// The batched emulator: renaming, micro-operations and their vectorised loops.
#include "superopt/core/machine.hpp"

#include "lane_kernels.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>

namespace superopt {

namespace {

int32_t* allocateLanes(size_t count) {
    size_t bytes = (count * sizeof(int32_t) + 63) / 64 * 64;
    void* p = std::aligned_alloc(64, bytes);
    if (!p) throw std::bad_alloc();
    std::memset(p, 0, bytes);
    return static_cast<int32_t*>(p);
}

const LaneKernels& laneKernels(VectorIsa isa) {
    switch (isa) {
    case VectorIsa::Avx512:
        return lanes_avx512::kKernels;
    case VectorIsa::Avx2:
        return lanes_avx2::kKernels;
    case VectorIsa::Baseline:
        break;
    }
    return lanes_baseline::kKernels;
}

} // namespace

Machine::Machine(TestSet tests, int blockLanes, VectorIsa isa)
    : tests_(std::move(tests)), blockLanes_(blockLanes), kernels_(&laneKernels(isa)) {
    if (!cpuSupports(isa))
        throw std::invalid_argument("this CPU does not support the " + toString(isa) + " path");
    if (values() > kMaxValues)
        throw std::invalid_argument("too many buffer words for the emulator");
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
    for (int s = 0; s < tests_.slots; ++s)
        cur_[0][kMaxRegisters + s] = static_cast<uint16_t>(1 + s);
    int preset = lengthId() + 1;
    for (size_t k = 0; k < tests_.presetRegisters.size(); ++k, ++preset) {
        std::copy_n(tests_.presetValues.begin() + k * tests_.lanes, tests_.lanes, array(preset));
        cur_[0][tests_.presetRegisters[k]] = static_cast<uint16_t>(preset);
    }
    if (!tests_.presetFlags.empty()) {
        std::copy(tests_.presetFlags.begin(), tests_.presetFlags.end(), array(preset));
        cur_[0][flagsValue()] = static_cast<uint16_t>(preset);
    }
    minLength_ = tests_.length.empty()
                     ? tests_.slots
                     : *std::min_element(tests_.length.begin(), tests_.length.end());
    mayFault_ = minLength_ + 1 < tests_.slots;
    final_ = cur_[0];
}

Machine::~Machine() {
    std::free(arena_);
}

void Machine::reserve(int positions) {
    const int have = static_cast<int>(side_.size() / 2);
    if (positions <= have) return;
    const int grown = std::max(positions, 2 * have);
    if (firstPositionId() + 4 * size_t(grown) > 65535)
        throw std::length_error("program too long for the emulator");
    const size_t oldWords = arena_ ? size_t(firstPositionId() + 4 * have) * tests_.lanes : 0;
    int32_t* arena = allocateLanes(size_t(firstPositionId() + 4 * grown) * tests_.lanes);
    if (arena_) std::memcpy(arena, arena_, oldWords * sizeof(int32_t));
    std::free(arena_);
    arena_ = arena;
    side_.resize(2 * size_t(grown), 0);
    wrote_.resize(2 * size_t(grown), 0);
    cur_.resize(grown + 1, Locations{});
    prop_.resize(grown + 1, Locations{});
}

void Machine::propose(const Program& p, int from, int sameFrom) {
    const int n = static_cast<int>(p.code.size());
    from = std::min({from, n, curPositions_});
    reserve(n + 1);
    propFirstJump_ = curFirstJump_ < from ? curFirstJump_ : n;
    bool masked = propFirstJump_ < from;
    propCode_.assign(p.code.begin() + from, p.code.end());
    std::fill(wrote_.begin() + 2 * size_t(from), wrote_.begin() + 2 * size_t(n), 0);
    // At most three micro-ops per instruction (two fault checks and the operation).
    if (ops_.size() < 3 * size_t(n - from)) ops_.resize(3 * size_t(n - from));
    // The loop works on locals: with members, every store into a micro-op would make the
    // compiler load them again.
    const Locations* const cur = cur_.data();
    Locations* const prop = prop_.data();
    const Instruction* const curCode = curCode_.data();
    const uint8_t* const side = side_.data();
    uint8_t* const wrote = wrote_.data();
    MicroOp* const ops = ops_.data();
    int32_t* const arena = arena_;
    const size_t lanes = tests_.lanes;
    const int flagsV = flagsValue(), waitV = waitValue(), faultV = faultValue(),
              firstPositionId = this->firstPositionId();
    const int curPositions = curPositions_, curFirstJump = curFirstJump_, minLength = minLength_;
    auto arrayOf = [arena, lanes](int id) { return arena + size_t(id) * lanes; };
    size_t count = 0;
    Locations loc = cur[from];
    for (int i = from; i < n; ++i) {
        const Instruction& in = p.code[i];
        const OpcodeInfo& oi = info(in.op);
        prop[i] = loc;
        // An instruction that is the same as the current program's at this position
        // and reads the same arrays gives the same arrays: it is reused, not re-run.
        const bool same =
            i < curPositions && (i >= sameFrom || curCode[i] == in) && (curFirstJump < i) == masked;
        // Emits a micro-op reading values a and b (-1: none); returns the array id
        // that holds its result (`which`: 0 for the value written, 1 for faults).
        // Filled in place: building a micro-op on the stack and copying it stalls on
        // store forwarding.
        auto emit = [&](MicroOp::Kind kind, int32_t imm, int a, int b, bool readsFlags, int which)
            __attribute__((always_inline)) {
            const int at = 2 * i + which;
            const bool readsWait = masked || kind == MicroOp::Label || kind == MicroOp::Jump;
            auto unchanged = [&](int v) { return v < 0 || cur[i][v] == loc[v]; };
            if (same && unchanged(a) && unchanged(b) && (!readsFlags || unchanged(flagsV)) &&
                (!readsWait || unchanged(waitV)))
                return firstPositionId + 4 * i + 2 * side[at] +
                       which; // the current program's array
            const int id = firstPositionId + 4 * i + 2 * (1 - side[at]) + which;
            MicroOp& op = ops[count++];
            op.kind = kind;
            op.cond = oi.cond;
            op.masked = masked;
            op.imm = imm;
            op.a = a < 0 ? nullptr : arrayOf(loc[a]);
            op.b = b < 0 ? nullptr : arrayOf(loc[b]);
            op.flags = arrayOf(loc[flagsV]);
            op.wait = arrayOf(loc[waitV]);
            op.out = arrayOf(id);
            wrote[at] = 1;
            return id;
        };
        // A lane that touches a word beyond its length faults (varsort).
        // (Two plain checks: a loop over an initializer list stalls on store forwarding.)
        auto checkFault = [&](const Operand& o) __attribute__((always_inline)) {
            if (o.kind != kMem || o.value <= minLength) return;
            const size_t before = count;
            const int id = emit(MicroOp::Fault, o.value, faultV, -1, false, 1);
            if (count > before) ops[before].b = arrayOf(lengthId());
            loc[faultV] = id;
        };
        if (mayFault_) {
            checkFault(in.src);
            checkFault(in.dst);
        }
        auto valueOf = [](const Operand& o) {
            return o.kind == kReg ? o.value : o.kind == kMem ? kMaxRegisters + o.value : -1;
        };
        const int src = valueOf(in.src), dst = valueOf(in.dst);
        switch (oi.family) {
        case Family::Move:
            if (masked)
                loc[dst] = emit(MicroOp::Mov, 0, dst, src, false, 0);
            else
                loc[dst] = loc[src]; // a rename
            break;
        case Family::CondMove:
            loc[dst] = emit(MicroOp::CMov, 0, dst, src, true, 0);
            break;
        case Family::Compare:
            loc[flagsV] =
                emit(src < 0 ? MicroOp::CmpImm : MicroOp::Cmp, in.src.value, dst, src, masked, 0);
            break;
        case Family::Jump:
            loc[waitV] = emit(MicroOp::Jump, in.dst.value + 1, -1, -1, true, 0);
            masked = true;
            propFirstJump_ = std::min(propFirstJump_, i);
            break;
        case Family::Label:
            if (masked) loc[waitV] = emit(MicroOp::Label, in.dst.value + 1, -1, -1, false, 0);
            break;
        case Family::Arith:
        case Family::SetCond:
            break; // not in a legal sorting kernel (propose's precondition)
        }
    }
    prop[n] = loc;
    opCount_ = count;
    propPositions_ = n;
    propFrom_ = from;
    final_ = loc;
}

void Machine::run(int block) {
    kernels_->run(ops_.data(), opCount_, blockBegin(block), blockEnd(block));
}

void Machine::runAll() {
    kernels_->run(ops_.data(), opCount_, 0, tests_.lanes);
}

void Machine::accept() {
    for (size_t i = 2 * size_t(propFrom_); i < 2 * size_t(propPositions_); ++i)
        side_[i] ^= wrote_[i];
    curCode_.resize(propPositions_);
    std::copy(propCode_.begin(), propCode_.end(), curCode_.begin() + propFrom_);
    std::copy(prop_.begin() + propFrom_, prop_.begin() + propPositions_ + 1,
              cur_.begin() + propFrom_);
    curPositions_ = propPositions_;
    curFirstJump_ = propFirstJump_;
}

int64_t Machine::misplaced(int s, int block) const {
    return kernels_->misplaced(
        {slot(s), expected(s), care(s), fault(), blockBegin(block), blockEnd(block)});
}

int64_t Machine::differingBits(int s, int block) const {
    return kernels_->hamming(
        {slot(s), expected(s), care(s), fault(), blockBegin(block), blockEnd(block)});
}

bool Machine::laneCorrect(int l) const {
    if (fault()[l]) return false;
    for (int s = 0; s < tests_.slots; ++s)
        if (care(s)[l] && slot(s)[l] != expected(s)[l]) return false;
    return true;
}

} // namespace superopt
