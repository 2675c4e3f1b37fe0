// A user's function as the agent's game: the action space, rules, score and observations.
#include "superopt/agent/target_game.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace superopt::agent {

namespace {

bool has(uint32_t mask, int bit) {
    return mask >> bit & 1;
}

// Shift counts for an operation of `size` bytes: the pool's that fit, 1 and the last bit.
std::vector<int32_t> shiftCounts(const TargetVocabulary& v, int size) {
    std::vector<int32_t> counts = {1, 8 * size - 1};
    for (int32_t c : v.immediates)
        if (c > 0 && c < 8 * size) counts.push_back(c);
    std::sort(counts.begin(), counts.end());
    counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
    return counts;
}

// Every instruction of the vocabulary's opcodes and widths over its registers; immediates
// from its pool (the sampler also draws powers of two), shift counts as above, lea as base
// + index and base + displacement (the sampler also scales and adds both).
std::vector<Instruction> enumerate(const TargetVocabulary& v) {
    std::vector<int> sizes = v.sizes;
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    std::vector<Instruction> out;
    auto reg = [](int r, int size) { return Operand::reg(r, size); };
    const bool cl = std::find(v.registers.begin(), v.registers.end(), 1) != v.registers.end();
    for (Op first : v.opcodes) {
        const Family f = info(first).family;
        const bool conditional = f == Family::CondMove || f == Family::SetCond;
        for (Op op : conditional ? opsOf(f) : std::vector<Op>{first}) {
            if (!v.allows(op)) continue;
            for (int size : sizes) {
                if (f == Family::SetCond && size != sizes.front()) continue; // one byte
                for (int d : v.registers) {
                    const Operand dst = reg(d, size);
                    if (isOneOf(kUnaryOps, op)) {
                        out.push_back({op, {}, dst});
                    } else if (isOneOf(kShiftOps, op)) {
                        for (int32_t c : shiftCounts(v, size))
                            out.push_back({op, Operand::imm(c), dst});
                        if (cl) out.push_back({op, Operand::reg(1, 1), dst});
                    } else if (f == Family::SetCond) {
                        out.push_back({op, {}, reg(d, 1)});
                    } else if (op == Op::Lea) {
                        for (int b : v.registers) {
                            for (int i : v.registers)
                                out.push_back({op, Operand{kAddr, 0, size, false, b, i, 1}, dst});
                            for (int32_t disp : v.immediates)
                                if (disp != 0)
                                    out.push_back({op, Operand{kAddr, disp, size, false, b}, dst});
                        }
                    } else {
                        for (int s : v.registers) {
                            if (op == Op::Movzx || op == Op::Movsx) {
                                out.push_back({op, reg(s, 1), dst});
                                if (op == Op::Movsx && size == 8)
                                    out.push_back({op, reg(s, 4), dst});
                            } else if (op == Op::Imul3) {
                                for (int32_t k : v.immediates)
                                    out.push_back({op, Operand::imm(k), dst, reg(s, size)});
                            } else if (op == Op::Andn) {
                                for (int t : v.registers)
                                    out.push_back({op, reg(s, size), dst, reg(t, size)});
                            } else { // binary, imul, cmovcc, the bit counts
                                out.push_back({op, reg(s, size), dst});
                            }
                        }
                        if (isOneOf(kBinaryOps, op))
                            for (int32_t k : v.immediates)
                                out.push_back({op, Operand::imm(k), dst});
                    }
                }
            }
        }
    }
    return out;
}

uint64_t mix(uint64_t h, uint64_t x) {
    return (h ^ x) * 0x9e3779b97f4a7c15ull + (h >> 29);
}

// How far a register is from the expected result: 0 equal, then by wrong bits, or
// kDistances - 1 when a bit of the result's width is undefined.
int distance(uint64_t value, uint64_t defined, uint64_t expected, uint64_t mask) {
    if ((defined & mask) != mask) return 6;
    const int wrong = std::popcount((value ^ expected) & mask);
    return wrong == 0   ? 0
           : wrong == 1 ? 1
                        : std::min(5, static_cast<int>(std::bit_width(unsigned(wrong))));
}

} // namespace

TargetGame::TargetGame(const TargetSpec& spec, GameConfig config, uint64_t seed)
    : Game(config), file_(spec.file), target_(readTarget(spec)),
      vocabulary_(TargetVocabulary::of(target_, config.registers, config.extensions)),
      cases_(startCases(target_, seed, name())), checker_(target_, config.solverSeconds),
      machine_(machineOf(target_.signature, cases_)) {
    if (!(config.solverSeconds > 0)) throw std::invalid_argument("solver seconds must be positive");
    const int arguments = static_cast<int>(target_.signature.args.size());
    if (static_cast<int>(vocabulary_.registers.size()) < arguments + 1)
        throw std::invalid_argument("registers: at least " + std::to_string(arguments + 1) +
                                    " (the result's and the arguments')");
    config_.registers = static_cast<int>(vocabulary_.registers.size());
    if (config_.maxLength == 0) config_.maxLength = std::max(1, target_.program.length());
    countItems();
    actions_ = enumerate(vocabulary_);
    index_.assign(kGeneralRegisters, -1);
    for (size_t i = 0; i < vocabulary_.registers.size(); ++i) {
        index_[vocabulary_.registers[i]] = static_cast<int>(i);
        for (int k = 0; k < arguments; ++k)
            if (vocabulary_.registers[i] == argumentRegister(k)) arguments_ |= 1u << i;
    }
    for (const Instruction& in : actions_) rules_.push_back({reads(in), info(in.op).readsFlags});
}

// A copy checks with a memory of its own (the trainer's game does the checking).
TargetGame::TargetGame(const TargetGame& o)
    : Game(o), file_(o.file_), target_(o.target_), vocabulary_(o.vocabulary_), cases_(o.cases_),
      checker_(target_, o.config_.solverSeconds), actions_(o.actions_), rules_(o.rules_),
      index_(o.index_), arguments_(o.arguments_), items_(o.items_),
      machine_(machineOf(target_.signature, cases_)) {}

void TargetGame::countItems() {
    items_ = int64_t(cases_.size()) * (isWide(target_.signature.result) ? 64 : 32);
}

std::string TargetGame::name() const {
    return file_ + (target_.name.empty() ? "" : ":" + target_.name);
}

uint32_t TargetGame::reads(const Instruction& in) const {
    uint32_t mask = 0;
    for (const Operand& o : operandsRead(in))
        mask |= o.kind == kReg && index_[o.value] >= 0 ? 1u << index_[o.value] : 1u << 31;
    return mask;
}

bool TargetGame::legal(const GameState& s, int action) const {
    if (s.over || s.length() + 1 > limit()) return false;
    const Rule& r = rules_[action];
    return (!r.readsFlags || s.flags) && (r.reads & ~(s.defined | arguments_)) == 0;
}

void TargetGame::advance(GameState& s, int action) const {
    const Instruction& in = actions_[action];
    s.actions.push_back(action);
    s.program.code.push_back(in);
    if (info(in.op).writesDst && in.dst.kind == kReg) s.defined |= 1u << index_[in.dst.value];
    s.flags = s.flags || info(in.op).writesFlags;
}

int TargetGame::actionFor(const GameState&, const Instruction& in) const {
    const auto it = std::find(actions_.begin(), actions_.end(), in);
    return it == actions_.end() ? -1 : static_cast<int>(it - actions_.begin());
}

void TargetGame::sync(const Program& p) {
    syncMachine(machine_, current_, p);
}

std::vector<CpuState> TargetGame::statesAt(int at) const {
    std::vector<CpuState> out;
    out.reserve(machine_.lanes());
    for (int l = 0; l < machine_.lanes(); ++l) out.push_back(machine_.stateAt(at, l, false));
    return out;
}

uint64_t TargetGame::stateKey(const std::vector<CpuState>& states) const {
    uint64_t h = 0x100000001b3ull;
    for (const CpuState& c : states) {
        for (int r : vocabulary_.registers) h = mix(mix(h, c.regs[r] & c.defined[r]), c.defined[r]);
        h = mix(h, (c.flags & c.definedFlags) << 8 | c.definedFlags);
    }
    return h;
}

void TargetGame::evaluate(GameState& s) {
    sync(s.program);
    const std::vector<CpuState> after = statesAt(static_cast<int>(s.program.code.size()));
    int64_t errors = 0;
    for (size_t l = 0; l < cases_.size(); ++l)
        errors += resultErrors(target_.signature, after[l], cases_[l].expected);
    s.correct = items_ - errors;
    s.potential = 0;
    s.solved = errors == 0;
    const uint64_t state = stateKey(after);
    s.key = mix(mix(state, s.defined), s.flags);
    s.dead = !s.solved && !s.program.code.empty() &&
             stateKey(statesAt(static_cast<int>(s.program.code.size()) - 1)) == state;
    s.over = s.solved || s.dead || s.length() >= limit();
    if (!s.over) s.over = !anyLegal(s); // legal() reads over
}

int TargetGame::programFeatures() const {
    return config_.history * actionCount() + config_.registers + 1 + config_.maxLength + 1;
}

int TargetGame::laneFeatures() const {
    return config_.registers * kDistances + 17;
}

Observation TargetGame::observe(const GameState& s) {
    sync(s.program);
    Observation o;
    int base = observeHistory(s, o);
    for (int r = 0; r < config_.registers; ++r)
        if (has(s.defined | arguments_, r)) o.program.push_back(base + r);
    base += config_.registers;
    if (s.flags) o.program.push_back(base);
    o.program.push_back(base + 1 + std::min(s.length(), config_.maxLength));

    const std::vector<CpuState> states = statesAt(static_cast<int>(s.program.code.size()));
    const uint64_t mask = maskOf(isWide(target_.signature.result) ? 8 : 4);
    const int flagBase = config_.registers * kDistances;
    constexpr uint32_t kShown[] = {kCF, kZF, kSF, kOF};
    for (size_t l = 0; l < states.size(); ++l) {
        const CpuState& c = states[l];
        for (int r = 0; r < config_.registers; ++r) {
            const int reg = vocabulary_.registers[r];
            o.lanes.push_back(r * kDistances +
                              distance(c.regs[reg], c.defined[reg], cases_[l].expected, mask));
        }
        int flags = 0;
        for (int k = 0; k < 4; ++k) {
            if (!(c.definedFlags & kShown[k])) flags = 16;
            if (flags < 16 && (c.flags & kShown[k])) flags |= 1 << k;
        }
        o.lanes.push_back(flagBase + flags);
    }
    return o;
}

Game::Verdict TargetGame::check(const Program& p, const std::atomic<bool>* stop) {
    const TargetChecker::Outcome o = checker_.check(p, nullptr, stop);
    if (o.verdict == TargetChecker::Verdict::Correct) return Verdict::Correct;
    if (o.verdict == TargetChecker::Verdict::Unknown) return Verdict::Unknown;
    if (o.counterexample && cases_.size() < size_t(kMaxCases)) {
        cases_.push_back(*o.counterexample);
        countItems();
        machine_ = machineOf(target_.signature, cases_);
        current_ = {};
    }
    return Verdict::Wrong;
}

} // namespace superopt::agent
