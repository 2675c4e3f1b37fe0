// The batched general emulator: the tables of where each value lives, the plan of each
// position's lane loop, and the blocks they run on.
#include "superopt/core/general_machine.hpp"

#include "general_lanes.hpp"
#include "x86_ops.hpp"

#include <algorithm>
#include <stdexcept>

namespace superopt {

struct GeneralMachine::Step {
    enum Kind : uint8_t { Nothing, Instruction, Jump } kind = Nothing;
    GeneralStep op;
    JumpStep jump;
};

namespace {

const GeneralKernels& kernelsFor(VectorIsa isa) {
    switch (isa) {
    case VectorIsa::Avx512:
        return lanes_avx512::kGeneralKernels;
    case VectorIsa::Avx2:
        return lanes_avx2::kGeneralKernels;
    case VectorIsa::Baseline:
        break;
    }
    return lanes_baseline::kGeneralKernels;
}

// The opcodes that write rax and rdx, or rdx only, rather than their destination.
bool divides(Op op) {
    return op == Op::Div || op == Op::Idiv;
}
bool signExtendsRax(Op op) {
    return op == Op::Cdq || op == Op::Cqo;
}
bool writesDestination(Op op) {
    return op != Op::Cmp && op != Op::Test && !divides(op) && !signExtendsRax(op);
}

// The stack word and byte offset of a stack operand of `size` bytes, if it lies within
// one word of the red zone.
std::optional<std::pair<int, int>> stackWord(const Operand& o, int size) {
    const int at = o.value + kRedZone;
    if (at < 0 || at + size > kRedZone || at / 8 != (at + size - 1) / 8) return std::nullopt;
    return std::pair{at / 8, at % 8};
}

} // namespace

GeneralMachine::GeneralMachine(const Signature& sig, const std::vector<CpuState>& entries,
                               const std::vector<uint64_t>& expected, VectorIsa isa)
    : signature_(sig), lanes_(static_cast<int>(entries.size())), kernels_(&kernelsFor(isa)) {
    if (!cpuSupports(isa))
        throw std::invalid_argument("this CPU does not support the " + toString(isa) + " path");
    if (entries.empty() || expected.size() != entries.size())
        throw std::invalid_argument("general machine: one expected result per test case");
    // The entry value of each location in each lane; all-zero locations share array 0.
    std::vector<std::array<uint64_t, kLocations>> values(entries.size());
    for (size_t l = 0; l < entries.size(); ++l) {
        const CpuState& e = entries[l];
        auto& v = values[l];
        v.fill(0);
        for (int r = 0; r < kGeneralRegisters; ++r) {
            v[2 * r] = e.regs[r];
            v[2 * r + 1] = e.defined[r];
        }
        v[kFlags] = e.flags;
        v[kFlags + 1] = e.definedFlags;
        for (int b = 0; b < kRedZone; ++b) {
            v[kStack + 2 * (b / 8)] |= uint64_t{e.stack[b]} << 8 * (b % 8);
            if (e.stackDefined[b]) v[kStack + 2 * (b / 8) + 1] |= uint64_t{0xff} << 8 * (b % 8);
        }
        v[kFault] = e.fault;
    }
    uint32_t ids = 2;
    for (int loc = 0; loc < kLocations; ++loc) {
        const bool zero =
            std::all_of(values.begin(), values.end(), [&](auto& v) { return !v[loc]; });
        entry_[loc] = zero ? 0 : ids++;
    }
    firstOutput_ = ids;
    arena_.assign(size_t(ids) * lanes_, 0);
    std::copy(expected.begin(), expected.end(), array(1));
    for (int loc = 0; loc < kLocations; ++loc)
        if (entry_[loc] != 0)
            for (int l = 0; l < lanes_; ++l) array(entry_[loc])[l] = values[l][loc];
    cur_.assign(1, entry_);
}

GeneralMachine::~GeneralMachine() = default;
GeneralMachine::GeneralMachine(GeneralMachine&&) noexcept = default;
GeneralMachine& GeneralMachine::operator=(GeneralMachine&&) noexcept = default;

bool GeneralMachine::runs(const Program& p) {
    for (const Instruction& in : p.code) {
        const int size = operationSize(in);
        for (const Operand* o : {&in.src, &in.src2, &in.dst})
            if (o->isStack() && (in.op == Op::Lea || !stackWord(*o, std::max<int>(o->size, size))))
                return false;
    }
    return true;
}

void GeneralMachine::reserve(int positions) {
    if (positions <= capacity_) return;
    if (firstOutput_ + size_t(positions) * 2 * kOutputs > UINT16_MAX)
        throw std::length_error("general machine: programs of at most 3,000 instructions");
    capacity_ = std::min(std::max({positions, 2 * capacity_, 16}),
                         (UINT16_MAX - firstOutput_) / (2 * kOutputs));
    arena_.resize((size_t(firstOutput_) + size_t(capacity_) * 2 * kOutputs) * lanes_);
    side_.resize(capacity_);
}

void GeneralMachine::plan(const Instruction& in, int i, Table& t) {
    Step& s = steps_[i];
    const OpcodeInfo& oi = info(in.op);
    const int side = 1 - side_[i];
    auto fresh = [&](int k) { return output(i, side, k); };
    if (oi.family == Family::Label || oi.family == Family::Jump) {
        const bool label = oi.family == Family::Label;
        if (label && t[kWait] == 0) { // nothing waits for it
            s.kind = Step::Nothing;
            return;
        }
        s.kind = Step::Jump;
        JumpStep& j = s.jump;
        j = {};
        j.label = label;
        j.cond = oi.cond;
        j.code = uint64_t(in.dst.value) + 1;
        j.waitIn = array(t[kWait]);
        j.waitOut = array(fresh(0));
        t[kWait] = fresh(0);
        if (!label) {
            j.flags = array(t[kFlags]);
            j.definedFlags = array(t[kFlags + 1]);
            j.undefinedIn = array(t[kUndefinedPath]);
            j.undefinedOut = array(fresh(1));
            t[kUndefinedPath] = fresh(1);
        }
        return;
    }
    s.kind = Step::Instruction;
    GeneralStep& g = s.op;
    g = {};
    g.in = &in;
    g.info = &oi;
    g.size = operationSize(in);
    const uint64_t m = maskOf(g.size);
    // What an operand reads: registers at their own width, the rest at `size` bytes.
    auto source = [&](const Operand& o, int size) {
        LaneSource x;
        if (o.kind == kImm) {
            x.value = static_cast<uint64_t>(int64_t{o.value}) & maskOf(size);
            x.constantDefined = maskOf(size);
        } else if (o.kind == kReg) {
            x.v = array(t[2 * o.value]);
            x.d = array(t[2 * o.value + 1]);
            x.shift = o.high ? 8 : 0;
            x.mask = maskOf(o.size);
        } else if (o.isStack()) {
            const auto [word, byte] = *stackWord(o, size);
            x.v = array(t[kStack + 2 * word]);
            x.d = array(t[kStack + 2 * word + 1]);
            x.shift = static_cast<uint8_t>(8 * byte);
            x.mask = maskOf(size);
        }
        return x;
    };
    auto registerOrZero = [&](int r) {
        return r >= 0 ? source(Operand::reg(r, g.size), g.size) : LaneSource{{}, {}, 0, 0, 0, m};
    };
    if (in.dst.kind == kReg || in.dst.isStack()) g.dst = source(in.dst, g.size);
    if (in.op == Op::Lea) {
        g.src = registerOrZero(in.src.base);
        g.src2 = registerOrZero(in.src.index);
    } else {
        g.src = source(in.src, sourceSize(in, g.size));
        g.src2 = source(in.src2, g.size);
    }
    if (divides(in.op) || signExtendsRax(in.op)) {
        g.rax = source(Operand::reg(0, g.size), g.size);
        g.rdx = source(Operand::reg(2, g.size), g.size);
    }
    g.flags = array(t[kFlags]);
    g.definedFlags = array(t[kFlags + 1]);
    if (t[kWait] != 0) g.wait = array(t[kWait]);
    // Where a written operand goes: outputs k and k + 1.
    auto target = [&](const Operand& o, int k) {
        LaneTarget x;
        int loc = 2 * o.value;
        x.size = o.size;
        x.shift = o.high ? 8 : 0;
        if (o.isStack()) {
            const auto [word, byte] = *stackWord(o, o.size);
            loc = kStack + 2 * word;
            x.stack = true;
            x.shift = static_cast<uint8_t>(8 * byte);
        }
        x.oldV = array(t[loc]);
        x.oldD = array(t[loc + 1]);
        x.v = array(fresh(k));
        x.d = array(fresh(k + 1));
        t[loc] = fresh(k);
        t[loc + 1] = fresh(k + 1);
        return x;
    };
    if (writesDestination(in.op)) g.out = target(in.dst, 0);
    if (divides(in.op)) g.outRax = target(Operand::reg(0, g.size), 2);
    if (divides(in.op) || signExtendsRax(in.op)) g.outRdx = target(Operand::reg(2, g.size), 4);
    if (oi.writesFlags) {
        g.newFlags = array(fresh(6));
        g.newDefinedFlags = array(fresh(7));
        t[kFlags] = fresh(6);
        t[kFlags + 1] = fresh(7);
    }
    if (divides(in.op)) {
        g.faultIn = array(t[kFault]);
        g.faultOut = array(fresh(8));
        t[kFault] = fresh(8);
    }
}

void GeneralMachine::propose(const Program& p, int from) {
    const int positions = static_cast<int>(p.code.size());
    from = std::clamp(from, 0, std::min(curPositions_, positions));
    reserve(positions);
    code_ = p.code;
    prop_.resize(positions + 1);
    steps_.resize(positions);
    prop_[from] = cur_[from];
    for (int i = from; i < positions; ++i) {
        prop_[i + 1] = prop_[i];
        plan(code_[i], i, prop_[i + 1]);
    }
    propFrom_ = from;
    propPositions_ = positions;
    blocksRun_ = 0;
}

void GeneralMachine::run(int block) {
    const int lo = block * kBlockLanes, hi = std::min(lanes_, lo + kBlockLanes);
    for (int i = propFrom_; i < propPositions_; ++i) {
        const Step& s = steps_[i];
        if (s.kind == Step::Instruction)
            kernels_->step(s.op, lo, hi);
        else if (s.kind == Step::Jump)
            kernels_->jump(s.jump, lo, hi);
    }
    ++blocksRun_;
}

void GeneralMachine::runAll() {
    for (int b = 0; b < blocks(); ++b) run(b);
}

void GeneralMachine::accept() {
    if (blocksRun_ < blocks())
        throw std::logic_error(
            "general machine: a proposal is accepted only after every block ran");
    for (int i = propFrom_; i < propPositions_; ++i) side_[i] ^= 1;
    cur_.resize(propPositions_ + 1);
    std::copy(prop_.begin() + propFrom_, prop_.begin() + propPositions_ + 1,
              cur_.begin() + propFrom_);
    curPositions_ = propPositions_;
}

int64_t GeneralMachine::resultErrors(int block, int misalignPenalty) const {
    const Table& t = prop_[propPositions_];
    ResultLanes r{};
    for (int k = 0; k < kGeneralRegisters; ++k) {
        if (k > 0 && t[2 * k + 1] == 0) continue; // wholly undefined in every lane
        r.v[r.registers] = array(t[2 * k]);
        r.d[r.registers++] = array(t[2 * k + 1]);
    }
    r.expected = array(1);
    r.fault = array(t[kFault]);
    r.undefinedPath = array(t[kUndefinedPath]);
    r.mask = maskOf(isWide(signature_.result) ? 8 : 4);
    r.penalty = misalignPenalty;
    const int lo = block * kBlockLanes, hi = std::min(lanes_, lo + kBlockLanes);
    return kernels_->errors(r, lo, hi);
}

CpuState GeneralMachine::state(int l, bool stack) const {
    return stateOf(prop_[propPositions_], l, stack);
}

CpuState GeneralMachine::stateAt(int position, int l, bool stack) const {
    if (position < 0 || position > curPositions_)
        throw std::out_of_range("general machine: no position " + std::to_string(position));
    return stateOf(cur_[position], l, stack);
}

CpuState GeneralMachine::stateOf(const Table& t, int l, bool stack) const {
    CpuState s;
    for (int r = 0; r < kGeneralRegisters; ++r) {
        s.regs[r] = array(t[2 * r])[l];
        s.defined[r] = array(t[2 * r + 1])[l];
    }
    s.flags = static_cast<uint32_t>(array(t[kFlags])[l]);
    s.definedFlags = static_cast<uint32_t>(array(t[kFlags + 1])[l]);
    for (int b = 0; b < kRedZone && stack; ++b) {
        const int word = kStack + 2 * (b / 8), shift = 8 * (b % 8);
        s.stack[b] = static_cast<uint8_t>(array(t[word])[l] >> shift);
        s.stackDefined[b] = ((array(t[word + 1])[l] >> shift) & 0xff) == 0xff;
    }
    s.fault = array(t[kFault])[l] != 0;
    if (array(t[kUndefinedPath])[l]) { // as run(): nothing is known
        s.defined.fill(0);
        s.stackDefined.fill(0);
        s.definedFlags = 0;
    }
    return s;
}

} // namespace superopt
