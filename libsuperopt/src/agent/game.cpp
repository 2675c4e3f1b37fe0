// The AssemblyGame: rules, rewards and observations over the shared emulator.
#include "superopt/agent/game.hpp"

#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

namespace superopt::agent {

namespace {

GameConfig resolve(GameConfig c, const Task& task) {
    if (c.registers == 0) c.registers = task.n() + 1;
    if (c.maxLength == 0) c.maxLength = humanBenchmark(task).length() + 8;
    return c;
}

bool has(uint32_t mask, int bit) {
    return mask >> bit & 1;
}
// The next register or word in allocation order: masks grow as prefixes 0..k-1.
int next(uint32_t mask) {
    return std::popcount(mask);
}
// A hash of one value per test input.
uint64_t hashLanes(const int32_t* values, int lanes) {
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (int l = 0; l < lanes; ++l) h = (h ^ uint32_t(values[l])) * 0x100000001b3ull;
    return h;
}

} // namespace

AssemblyGame::AssemblyGame(const Task& task, GameConfig config)
    : task_(task), config_(resolve(config, task)), actions_(task, config_.registers),
      machine_(completeSet(task)), items_(machine_.tests().items()) {
    const TestSet& t = machine_.tests();
    for (int l = 0; l < t.count; ++l) {
        std::vector<int32_t> v;
        for (int s = 0; s < t.slots; ++s) v.push_back(t.in(s, l));
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        inputs_.push_back(std::move(v));
    }
    for (int w = 0; w < t.slots; ++w) wanted_.push_back(hashLanes(machine_.expected(w), t.count));
}

int AssemblyGame::limit() const {
    return config_.limit > 0 ? std::min(config_.limit, config_.maxLength) : config_.maxLength;
}

GameState AssemblyGame::initial() {
    GameState s;
    evaluate(s);
    return s;
}

bool AssemblyGame::legal(const GameState& s, int action) const {
    if (s.over) return false;
    const Instruction& in = actions_[action];
    const bool srcReg = in.src.kind == kReg, dstReg = in.dst.kind == kReg;
    // The moves still to come after this one must fit in the limit: the loads, the stores,
    // a cmov for each word whose sorted values no register holds yet, and a compare before
    // them if none was made. Only a cmov readies a word, and at most one (a register holds
    // one word's sorted values: they differ on a permutation); a load does not (an input
    // is not sorted on every input), nor a mov (it copies a register that was ready).
    const int slots = actions_.slots();
    const bool isCmov = info(in.op).family == Family::CondMove;
    const int unready = std::max(0, s.unready - isCmov);
    const int toCome = 2 * slots - next(s.read) - next(s.written) - !srcReg - !dstReg + unready +
                       (unready > 0 && !s.flags && in.op != Op::Cmp);
    if (s.length() + 1 + toCome > limit()) return false;
    if (srcReg && !has(s.defined, in.src.value)) return false;
    if (!srcReg && in.src.value != next(s.read)) return false; // loads in order
    if (!dstReg) // stores: once per word, and only its sorted values
        return !has(s.written, in.dst.value) && s.contents[in.src.value] == wanted_[in.dst.value];
    const bool dstDefined = has(s.defined, in.dst.value);
    if (srcReg && dstDefined && s.contents[in.src.value] == s.contents[in.dst.value]) return false;
    switch (info(in.op).family) {
    case Family::Move:
        return dstDefined || in.dst.value == next(s.defined);
    case Family::Compare:
        return dstDefined && !s.lastCmp;
    default:
        return dstDefined && s.flags; // cmov
    }
}

bool AssemblyGame::anyLegal(const GameState& s) const {
    for (int a = 0; a < actions_.size(); ++a)
        if (legal(s, a)) return true;
    return false;
}

std::vector<int> AssemblyGame::legalActions(const GameState& s) const {
    std::vector<int> out;
    for (int a = 0; a < actions_.size(); ++a)
        if (legal(s, a)) out.push_back(a);
    return out;
}

void AssemblyGame::advance(GameState& s, int action) const {
    const Instruction& in = actions_[action];
    s.actions.push_back(action);
    s.program.code.push_back(in);
    if (in.src.kind == kMem) s.read |= 1u << in.src.value;
    if (in.dst.kind == kMem) s.written |= 1u << in.dst.value;
    const bool isCmp = in.op == Op::Cmp;
    if (in.dst.kind == kReg && !isCmp) s.defined |= 1u << in.dst.value;
    s.flags = s.flags || isCmp;
    s.lastCmp = isCmp;
}

void AssemblyGame::sync(const Program& p) {
    size_t same = 0;
    while (same < p.code.size() && same < current_.code.size() &&
           p.code[same] == current_.code[same])
        ++same;
    if (same == p.code.size() && same == current_.code.size()) return;
    machine_.propose(p, static_cast<int>(same));
    machine_.runAll();
    machine_.accept();
    current_ = p;
}

void AssemblyGame::evaluate(GameState& s) {
    sync(s.program);
    const TestSet& t = machine_.tests();
    s.correct = 0;
    for (int w = 0; w < t.slots; ++w) {
        const int32_t *got = machine_.slot(w), *want = machine_.expected(w),
                      *care = machine_.care(w);
        for (int l = 0; l < t.count; ++l) s.correct += care[l] && got[l] == want[l];
    }
    std::vector<int> regs;
    for (int r = 0; r < actions_.registers(); ++r)
        if (has(s.defined, r)) regs.push_back(r);
    const std::vector<int32_t> values = probe(s.length(), regs);
    s.contents.assign(actions_.registers(), 0);
    for (size_t i = 0; i < regs.size(); ++i)
        s.contents[regs[i]] = hashLanes(&values[i * t.count], t.count);
    s.unready = 0;
    for (int w = 0; w < t.slots; ++w)
        s.unready += !has(s.written, w) && std::find(s.contents.begin(), s.contents.end(),
                                                     wanted_[w]) == s.contents.end();
    // The key: the rule state, the registers, the buffer and the flags on every input.
    uint64_t key = (uint64_t(s.defined) << 40 | uint64_t(s.read) << 20 | s.written) * 2 + s.lastCmp;
    auto mix = [&](uint64_t x) { key = (key ^ x) * 0x9e3779b97f4a7c15ull + (key >> 29); };
    for (uint64_t c : s.contents) mix(c);
    for (int w = 0; w < t.slots; ++w)
        for (int l = 0; l < t.count; ++l) mix(uint32_t(machine_.slot(w)[l]));
    const std::vector<int8_t> signs = flags(s.length());
    for (int8_t f : signs) mix(uint64_t(f));
    s.key = key;
    bool lost = false;
    s.potential = potential(s, values, lost);
    s.solved = s.correct == items_;
    s.dead = !s.solved && (lost || idle(s, regs, values, signs));
    const uint32_t all = (1u << t.slots) - 1;
    s.over = s.solved || s.dead || s.written == all || s.length() >= limit();
    if (!s.over) s.over = !anyLegal(s); // legal() reads over
}

std::vector<int8_t> AssemblyGame::flags(int end) {
    for (int i = end - 1; i >= 0; --i)
        if (const Instruction& in = current_.code[i]; in.op == Op::Cmp) {
            const int lanes = this->lanes();
            const std::vector<int32_t> sides = probe(i, {in.src.value, in.dst.value});
            std::vector<int8_t> out(lanes);
            for (int l = 0; l < lanes; ++l) {
                const int32_t src = sides[l], dst = sides[size_t(lanes) + l];
                out[l] = dst < src ? 0 : dst == src ? 1 : 2;
            }
            return out;
        }
    return {};
}

bool AssemblyGame::idle(const GameState& s, const std::vector<int>& regs,
                        const std::vector<int32_t>& values, const std::vector<int8_t>& signs) {
    if (s.length() == 0) return false;
    const int at = s.length() - 1, lanes = this->lanes();
    const Instruction& in = s.program.code[at];
    if (in.src.kind == kMem || in.dst.kind == kMem) return false; // loads and stores move on
    if (in.op == Op::Cmp) return signs == flags(at);
    const int d = in.dst.value;
    for (int i = 0; i < at; ++i) // a first write defines the register: a change
        if (s.program.code[i].dst == in.dst && s.program.code[i].op != Op::Cmp) {
            const std::vector<int32_t> before = probe(at, {d});
            const int32_t* after =
                &values[size_t(std::find(regs.begin(), regs.end(), d) - regs.begin()) * lanes];
            return std::equal(before.begin(), before.end(), after);
        }
    return false;
}

double AssemblyGame::potential(const GameState& s, const std::vector<int32_t>& values, bool& lost) {
    const int lanes = this->lanes(), n = actions_.slots(), blocks = (lanes + 63) / 64;
    // Where a value can come from: the defined registers and the words still to load.
    std::vector<const int32_t*> holders;
    for (size_t i = 0; i < values.size() / lanes; ++i) holders.push_back(&values[i * lanes]);
    for (int u = next(s.read); u < n; ++u) holders.push_back(machine_.slot(u));
    const int h = static_cast<int>(holders.size());
    const double most = std::log(double(actions_.registers() + n));
    std::vector<uint64_t> holds(size_t(h) * blocks), covered(blocks);
    std::vector<int> count(h), order(h);
    lost = false;
    double sum = 0;
    for (int w = 0; w < n; ++w) {
        if (has(s.written, w)) { // stores are right on every input (a rule)
            sum += 1;
            continue;
        }
        // Per holder, the inputs on which it holds the word's sorted value.
        const int32_t* want = machine_.expected(w);
        for (int k = 0; k < h; ++k) {
            count[k] = 0;
            for (int b = 0; b < blocks; ++b) {
                uint64_t bits = 0;
                for (int i = 0, l = 64 * b; i < 64 && l < lanes; ++i, ++l)
                    bits |= uint64_t(holders[k][l] == want[l]) << i;
                holds[size_t(k) * blocks + b] = bits;
                count[k] += std::popcount(bits);
            }
        }
        // Each input is credited to the holder that has the value on the most inputs.
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return count[a] != count[b] ? count[a] > count[b] : a < b; });
        std::fill(covered.begin(), covered.end(), 0);
        double entropy = 0;
        int credited = 0;
        for (int k : order) {
            int a = 0;
            for (int b = 0; b < blocks; ++b) {
                const uint64_t bits = holds[size_t(k) * blocks + b];
                a += std::popcount(bits & ~covered[b]);
                covered[b] |= bits;
            }
            credited += a;
            if (a > 0) entropy -= double(a) / lanes * std::log(double(a) / lanes);
        }
        lost = lost || credited < lanes;
        sum += 1 - entropy / most;
    }
    return sum / n;
}

double AssemblyGame::score(const GameState& s) const {
    return config_.correctWeight * double(s.correct) / double(items_) +
           config_.shaping * s.potential;
}

Reward AssemblyGame::reward(double scoreBefore, const GameState& after) const {
    Reward r;
    r.correctness = score(after) - scoreBefore;
    if (after.solved) {
        r.correctness += config_.solvedBonus;
        r.length = -config_.lengthPenalty * after.length();
    }
    return r;
}

std::vector<int32_t> AssemblyGame::probe(int at, const std::vector<int>& regs) {
    const int lanes = this->lanes(), slots = actions_.slots();
    std::vector<int32_t> out(regs.size() * lanes);
    Program p;
    for (size_t first = 0; first < regs.size(); first += slots) {
        p.code.assign(current_.code.begin(), current_.code.begin() + at);
        const size_t end = std::min(regs.size(), first + slots);
        // Renames only: the emulator runs nothing, the words just name the registers.
        for (size_t i = first; i < end; ++i)
            p.code.push_back(
                {Op::Mov, Operand::reg(regs[i]), Operand::mem(static_cast<int>(i - first))});
        machine_.propose(p, at);
        machine_.runAll();
        for (size_t i = first; i < end; ++i)
            std::copy_n(machine_.slot(static_cast<int>(i - first)), lanes, out.begin() + i * lanes);
    }
    machine_.propose(current_,
                     static_cast<int>(current_.code.size())); // back to the synced program
    return out;
}

int AssemblyGame::rank(int lane, int32_t value) const {
    const auto& v = inputs_[lane];
    return static_cast<int>(std::lower_bound(v.begin(), v.end(), value) - v.begin());
}

int AssemblyGame::programFeatures() const {
    return config_.history * actions_.size() + actions_.registers() + 2 * actions_.slots() + 2 +
           config_.maxLength + 1;
}

int AssemblyGame::laneFeatures() const {
    const int n = actions_.slots();
    return actions_.registers() * (n + 1) + 2 * n * n + 4;
}

Observation AssemblyGame::observe(const GameState& s) {
    sync(s.program);
    const int regs = actions_.registers(), n = actions_.slots(), lanes = this->lanes(),
              A = actions_.size();
    Observation o;
    for (int k = 0; k < config_.history && k < s.length(); ++k)
        o.program.push_back(k * A + s.actions[s.length() - 1 - k]);
    int base = config_.history * A;
    for (int r = 0; r < regs; ++r)
        if (has(s.defined, r)) o.program.push_back(base + r);
    base += regs;
    for (int w = 0; w < n; ++w) {
        if (has(s.read, w)) o.program.push_back(base + w);
        if (has(s.written, w)) o.program.push_back(base + n + w);
    }
    base += 2 * n;
    if (s.flags) o.program.push_back(base);
    if (s.lastCmp) o.program.push_back(base + 1);
    o.program.push_back(base + 2 + std::min(s.length(), config_.maxLength));

    std::vector<int> all(regs);
    for (int r = 0; r < regs; ++r) all[r] = r;
    const std::vector<int32_t> values = probe(s.length(), all);
    // The flags: the sign of dst - src at the last compare.
    const std::vector<int8_t> signs = flags(s.length());
    o.lanes.reserve(size_t(lanes) * codesPerLane());
    const int slotBase = regs * (n + 1), flagBase = slotBase + 2 * n * n;
    for (int l = 0; l < lanes; ++l) {
        for (int r = 0; r < regs; ++r)
            o.lanes.push_back(r * (n + 1) +
                              (has(s.defined, r) ? rank(l, values[size_t(r) * lanes + l]) : n));
        for (int w = 0; w < n; ++w) {
            const int32_t v = machine_.slot(w)[l];
            const bool right = v == machine_.expected(w)[l];
            o.lanes.push_back(slotBase + w * 2 * n + rank(l, v) + (right ? n : 0));
        }
        const int flag = signs.empty() ? 3 : signs[l];
        o.lanes.push_back(flagBase + flag);
    }
    return o;
}

} // namespace superopt::agent
