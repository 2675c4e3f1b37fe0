// The sorting tasks' game: rules, rewards and observations over the shared emulator.
#include "superopt/agent/sort_game.hpp"

#include "superopt/core/rules.hpp"
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

// True when `v` is `want` on every input that runs (waits at no label) and cares about
// it (`care`: null, every input does): a register that holds what they all need.
bool heldByRunning(const int32_t* v, const int32_t* want, const int32_t* care,
                   const int32_t* waiting, int count) {
    for (int l = 0; l < count; ++l)
        if (waiting[l] == 0 && (v[l] != want[l] || (care && !care[l]))) return false;
    return true;
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

SortGame::SortGame(const Task& task, GameConfig config)
    : Game(resolve(config, task)), task_(task), actions_(task, config_.registers),
      machine_(completeSet(task)), items_(machine_.tests().items()) {
    const TestSet& t = machine_.tests();
    for (int l = 0; l < t.count; ++l) {
        std::vector<int32_t> v;
        for (int s = 0; s < t.slots; ++s) v.push_back(t.in(s, l));
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        const bool permutation = static_cast<int>(v.size()) == t.slots;
        inputs_.push_back(std::move(v));
        std::vector<int8_t> at(permutation ? t.slots : 0);
        for (int s = 0; s < static_cast<int>(at.size()); ++s)
            at[rank(l, t.in(s, l))] = static_cast<int8_t>(s);
        positions_.push_back(std::move(at));
    }
    for (int w = 0; w < t.slots; ++w) {
        std::vector<uint64_t> bits((t.count + 63) / 64);
        for (int l = 0; l < t.count; ++l)
            bits[l / 64] |= uint64_t(machine_.care(w)[l] != 0) << l % 64;
        outputs_ += std::any_of(bits.begin(), bits.end(), [](uint64_t b) { return b != 0; });
        cares_.push_back(std::move(bits));
    }
}

int SortGame::referenceLength() const {
    return humanBenchmark(task_).length();
}

Game::Verdict SortGame::check(const Program& p, const std::atomic<bool>*) {
    return verify(p, task_).correct ? Verdict::Correct : Verdict::Wrong;
}

bool SortGame::legal(const GameState& s, int action) const {
    if (s.over) return false;
    const Instruction& in = actions_[action];
    const Family family = info(in.op).family;
    if (family == Family::Label) // not right after its own jump: that places nothing
        return in.dst.value < static_cast<int>(s.open.size()) &&
               !(in.dst.value + 1 == static_cast<int>(s.open.size()) && jumpedLast(s));
    if (s.running == 0) return false; // dead code until a label is placed
    const bool branching = actions_.maxOpen() > 0;
    const bool srcReg = in.src.kind == kReg;
    const bool load = in.src.kind == kMem, store = in.dst.kind == kMem;
    // The moves still to come after this one must fit in the limit: the loads and stores
    // of the words the running inputs still need, a cmov for each such word whose sorted
    // values no register holds yet, and a compare before them if none was made. Only a
    // cmov readies a word, and at most one (a register holds one word's sorted values:
    // they differ on a permutation); a load does not (an input is not sorted on every
    // input), nor a mov (it copies a register that was ready). With branches this holds
    // once the running inputs share one length (jumps go on the length: nothing splits
    // them further); before that a jump can ready words for free.
    // Without branches also the compares due (this one, if a compare, may be one of
    // them; they include the first compare above) and a cmov after each (one that reads
    // its flags, or the compare was not needed).
    const bool isCmov = family == Family::CondMove, isCmp = in.op == Op::Cmp;
    const int unready = s.settled ? std::max(0, s.unready - isCmov) : 0;
    const int compares = std::max(s.comparesDue - isCmp, int(unready > 0 && !s.flags && !isCmp));
    const int toCome = std::popcount(s.needed & ~s.read) - (load && has(s.needed, in.src.value)) +
                       std::popcount(s.needed & ~s.written) -
                       (store && has(s.needed, in.dst.value)) + compares +
                       std::max(unready, s.comparesDue);
    if (s.length() + 1 + toCome > limit()) return false;
    if (srcReg && !has(s.defined, in.src.value)) return false;
    if (load && in.src.value != next(s.read)) return false; // loads in order
    if ((load && !has(s.touchable, in.src.value)) || (store && !has(s.touchable, in.dst.value)))
        return false; // it would fault
    if (store)        // once per word, and only its sorted values
        return !has(s.written, in.dst.value) && has(s.storable[in.src.value], in.dst.value);
    // A jmp only ends a branch (after an instruction) while other inputs wait; a
    // conditional jump follows its compare with the length (or another such jump).
    if (family == Family::Jump) {
        if (static_cast<int>(s.open.size()) >= actions_.maxOpen() || s.end() == 0) return false;
        const Instruction& last = s.program.code[s.end() - 1];
        if (in.op != Op::Jmp) return (s.lastCmp && last.src.kind == kImm) || jumpedLast(s);
        return !s.open.empty() && !jumpedLast(s) && last.op != Op::Label;
    }
    const bool dstDefined = has(s.defined, in.dst.value);
    if (srcReg && dstDefined && s.contents[in.src.value] == s.contents[in.dst.value]) return false;
    switch (family) {
    case Family::Move:
        return dstDefined || in.dst.value == next(s.defined);
    case Family::Compare:
        // With branches a register may hold the length: compare data only with data,
        // the length only with immediates (checkLegal decides what a register may hold).
        return dstDefined && !s.lastCmp &&
               (!branching || isLegal(appended(s, in), task_, Profile::AlphaDev));
    default:
        return dstDefined && s.flags; // cmov
    }
}

Program SortGame::appended(const GameState& s, const Instruction& in) const {
    Program p = s.program;
    p.code.insert(p.code.begin() + s.end(), in);
    return p;
}

void SortGame::advance(GameState& s, int action) const {
    Instruction in = actions_[action];
    s.actions.push_back(action);
    const Family family = info(in.op).family;
    auto& code = s.program.code;
    if (family == Family::Label) { // its Label moves from the end of the program to end()
        const int id = s.open[in.dst.value];
        const auto first = code.begin() + s.end();
        const auto at =
            std::find(first, code.end(), Instruction{Op::Label, {}, Operand::label(id)});
        std::rotate(first, at, at + 1);
        s.open.erase(s.open.begin() + in.dst.value);
        const GameState::Carried& c = s.carried[id];
        if (!s.reachable) { // only the jumps reach the label
            s.defined = c.defined, s.read = c.read, s.written = c.written, s.flags = c.flags;
            s.lastCmp = false;
        } else {
            s.defined &= c.defined, s.read |= c.read, s.written |= c.written;
            s.flags = s.flags && c.flags;
        }
        s.reachable = true;
        return;
    }
    if (family == Family::Jump) { // to a new label, placed at the end until a move places it
        const int id = static_cast<int>(s.carried.size());
        in.dst = Operand::label(id);
        s.program.labelNames.push_back("L" + std::to_string(id));
        s.carried.push_back({s.defined, s.read, s.written, s.flags});
        code.insert(code.begin() + s.end(), in);
        code.push_back({Op::Label, {}, Operand::label(id)});
        s.open.push_back(id);
        s.lastCmp = false;
        s.reachable = in.op != Op::Jmp;
        return;
    }
    code.insert(code.begin() + s.end(), in);
    if (in.src.kind == kMem) s.read |= 1u << in.src.value;
    if (in.dst.kind == kMem) s.written |= 1u << in.dst.value;
    const bool isCmp = in.op == Op::Cmp;
    if (in.dst.kind == kReg && !isCmp) s.defined |= 1u << in.dst.value;
    s.flags = s.flags || isCmp;
    s.lastCmp = isCmp;
}

bool SortGame::jumpedLast(const GameState& s) const {
    return !s.actions.empty() && info(actions_[s.actions.back()].op).family == Family::Jump;
}

int SortGame::actionFor(const GameState& s, const Instruction& in) const {
    const Family family = info(in.op).family;
    if (family == Family::Jump)
        return actions_.find({in.op, {}, Operand::label(ActionSpace::kNewLabel)});
    if (family != Family::Label) return actions_.find(in);
    const auto it = std::find(s.open.begin(), s.open.end(), in.dst.value);
    return it == s.open.end()
               ? -1
               : actions_.find({Op::Label, {}, Operand::label(int(it - s.open.begin()))});
}

void SortGame::sync(const Program& p) {
    syncMachine(machine_, current_, p);
}

void SortGame::evaluate(GameState& s) {
    sync(s.program);
    const TestSet& t = machine_.tests();
    const int all = static_cast<int>(s.program.code.size());
    s.correct = 0;
    for (int w = 0; w < t.slots; ++w) {
        const int32_t *got = machine_.slot(w), *want = machine_.expected(w),
                      *care = machine_.care(w);
        for (int l = 0; l < t.count; ++l) s.correct += care[l] && got[l] == want[l];
    }
    // The registers defined on the running path. (An input waiting at a label may hold a
    // value in a register only its own path defined: the readiness does not see it, and
    // a value held only there counts as lost, a restriction that measured faster than
    // counting it: varsort3 seeds 3 and 4 found none in 120 s that way, 16 and 36 s this.)
    std::vector<int> regs;
    for (int r = 0; r < actions_.registers(); ++r)
        if (has(s.defined, r)) regs.push_back(r);
    const std::vector<int32_t> values = probe(all, regs);
    s.contents.assign(actions_.registers(), 0);
    for (size_t i = 0; i < regs.size(); ++i)
        s.contents[regs[i]] = hashLanes(&values[i * t.count], t.count);
    // What the inputs that run at end() may touch, need and store.
    const int32_t* waiting = machine_.waiting(s.end());
    const bool varsort = task_.kind() == Task::Kind::VarSort;
    s.running = 0;
    s.touchable = (1u << t.slots) - 1;
    int shortest = INT32_MAX, longest = 0;
    for (int l = 0; l < t.count; ++l)
        if (waiting[l] == 0) {
            ++s.running;
            shortest = std::min(shortest, t.length[l]), longest = std::max(longest, t.length[l]);
            for (int w = 1; w < t.slots; ++w)
                if (varsort && t.length[l] < w) s.touchable &= ~(1u << w);
        }
    s.settled = !varsort || shortest == longest;
    s.needed = 0;
    for (int w = 0; w < t.slots; ++w) {
        const int32_t *got = machine_.slot(w), *want = machine_.expected(w),
                      *care = machine_.care(w);
        for (int l = 0; l < t.count; ++l)
            if (waiting[l] == 0 && care[l] && got[l] != want[l]) s.needed |= 1u << w;
    }
    s.storable.assign(actions_.registers(), 0);
    for (size_t i = 0; i < regs.size() && s.running > 0; ++i)
        for (int w = 0; w < t.slots; ++w)
            if (heldByRunning(&values[i * t.count], machine_.expected(w), machine_.care(w), waiting,
                              t.count))
                s.storable[regs[i]] |= 1u << w;
    uint32_t ready = s.written;
    for (uint32_t m : s.storable) ready |= m;
    s.unready = std::popcount(s.needed & ~ready);
    const std::vector<int8_t> signs = flags(all);
    s.comparesDue = actions_.maxOpen() == 0 ? comparesDue(regs, values, signs) : 0;
    // The key: the rule state, the registers, the buffer and the flags on every input;
    // with branches also where each input waits and what each open label carries.
    uint64_t key = (uint64_t(s.defined) << 40 | uint64_t(s.read) << 20 | s.written) * 2 + s.lastCmp;
    auto mix = [&](uint64_t x) { key = (key ^ x) * 0x9e3779b97f4a7c15ull + (key >> 29); };
    for (uint64_t c : s.contents) mix(c);
    for (int w = 0; w < t.slots; ++w)
        for (int l = 0; l < t.count; ++l) mix(uint32_t(machine_.slot(w)[l]));
    for (int8_t f : signs) mix(uint64_t(f));
    if (!s.carried.empty()) {
        // What the jump rules read (the last move), and each input's own flags (after a
        // label those of the inputs that joined come from an earlier compare).
        const Instruction& last = s.program.code[s.end() - 1];
        mix(s.reachable * 2 + s.flags + 4 * jumpedLast(s) + 8 * (last.src.kind == kImm) +
            16 * (last.op == Op::Label));
        const int32_t* own = machine_.flagsAt(s.end());
        for (int l = 0; l < t.count; ++l) mix(uint32_t(own[l]));
        for (int id : s.open) {
            const GameState::Carried& c = s.carried[id];
            mix((uint64_t(c.defined) << 40 | uint64_t(c.read) << 20 | c.written) * 2 + c.flags);
            for (int l = 0; l < t.count; ++l) mix(waiting[l] == id + 1);
        }
    }
    s.key = key;
    bool lost = false;
    s.potential = potential(s, regs, values, lost);
    s.solved = s.correct == items_;
    const bool faulted =
        std::any_of(machine_.fault(), machine_.fault() + t.count, [](int32_t f) { return f != 0; });
    // varsort: while the running inputs differ in length, a register must hold the
    // length on every running input (else no compare can tell them apart). A restriction
    // where code shared by several lengths after a label needs no further compare; it
    // measured faster than the exact rule (the same runs as above).
    bool lengthLost = false;
    if (varsort && has(s.read, task_.lengthSlot())) {
        lengthLost = s.running > 0 && !s.settled;
        for (size_t i = 0; i < regs.size() && lengthLost; ++i)
            lengthLost =
                !heldByRunning(&values[i * t.count], t.length.data(), nullptr, waiting, t.count);
    }
    s.dead = !s.solved && (lost || faulted || lengthLost || idle(s, regs, values, signs));
    const uint32_t words = (1u << t.slots) - 1;
    s.over =
        s.solved || s.dead || (s.carried.empty() && s.written == words) || s.length() >= limit();
    if (!s.over) s.over = !anyLegal(s); // legal() reads over
}

std::vector<int8_t> SortGame::flags(int end) {
    for (int i = end - 1; i >= 0; --i)
        if (const Instruction& in = current_.code[i]; in.op == Op::Cmp) {
            const int lanes = this->lanes();
            const bool imm = in.src.kind == kImm;
            const std::vector<int32_t> sides =
                imm ? probe(i, {in.dst.value}) : probe(i, {in.dst.value, in.src.value});
            std::vector<int8_t> out(lanes);
            for (int l = 0; l < lanes; ++l) {
                const int32_t dst = sides[l], src = imm ? in.src.value : sides[size_t(lanes) + l];
                out[l] = dst < src ? 0 : dst == src ? 1 : 2;
            }
            return out;
        }
    return {};
}

bool SortGame::idle(const GameState& s, const std::vector<int>& regs,
                    const std::vector<int32_t>& values, const std::vector<int8_t>& signs) {
    if (s.actions.empty()) return false;
    const int at = s.end() - 1, lanes = this->lanes();
    const Instruction& in = s.program.code[at];
    const Family family = info(actions_[s.actions.back()].op).family;
    if (family == Family::Label) return false; // inputs join: a change
    if (family == Family::Jump) {              // taken by no input, or by all while none waited
        const int32_t* waiting = machine_.waiting(s.end());
        const int taken = static_cast<int>(std::count(waiting, waiting + lanes, in.dst.value + 1));
        return taken == 0 || (s.running == 0 && s.open.size() == 1);
    }
    if (in.src.kind == kMem || in.dst.kind == kMem) return false; // loads and stores move on
    // (After a label the last compare in the code need not be the one an input saw.)
    // With branches, a compare that comes out the same on every running input tells
    // nothing: a cmov after it is a mov or nothing, a jump a jmp or nothing, on them.
    // (A restriction when inputs waiting at a label would join before a cmov on these
    // flags: the compare would then still set the running inputs' flags apart.)
    if (in.op == Op::Cmp) {
        if (actions_.maxOpen() == 0) return signs == flags(at);
        const int32_t* waiting = machine_.waiting(s.end());
        bool same = true;
        for (int l = 0, first = -1; l < lanes && same; ++l)
            if (waiting[l] == 0) {
                if (first < 0) first = signs[l];
                same = signs[l] == first;
            }
        return same;
    }
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

double SortGame::potential(const GameState& s, const std::vector<int>& regs,
                           const std::vector<int32_t>& values, bool& lost) {
    const int lanes = this->lanes(), n = actions_.slots(), blocks = (lanes + 63) / 64;
    // Where a value can come from: the defined registers and the words still to load
    // (an input waiting at a label: the words its path has not read).
    const int32_t* waiting = machine_.waiting(s.end());
    std::vector<const int32_t*> holders;
    std::vector<uint64_t> reach;               // per holder, the inputs it may serve (bits)
    for (size_t i = 0; i < regs.size(); ++i) { // on the inputs whose path defined it
        holders.push_back(&values[i * lanes]);
        std::vector<uint64_t> defined(blocks);
        for (int l = 0; l < lanes; ++l)
            defined[l / 64] |=
                uint64_t(has(waiting[l] ? s.carried[waiting[l] - 1].defined : s.defined, regs[i]))
                << l % 64;
        reach.insert(reach.end(), defined.begin(), defined.end());
    }
    for (int u = 0; u < n; ++u) {
        std::vector<uint64_t> unread(blocks);
        for (int l = 0; l < lanes; ++l)
            unread[l / 64] |=
                uint64_t(!has(waiting[l] ? s.carried[waiting[l] - 1].read : s.read, u)) << l % 64;
        if (std::all_of(unread.begin(), unread.end(), [](uint64_t b) { return b == 0; })) continue;
        holders.push_back(machine_.slot(u));
        reach.insert(reach.end(), unread.begin(), unread.end());
    }
    const int h = static_cast<int>(holders.size());
    const double most = std::log(double(actions_.registers() + n));
    std::vector<uint64_t> holds(size_t(h) * blocks), covered(blocks);
    std::vector<int> count(h), order(h);
    lost = false;
    double sum = 0;
    // Per holder, the inputs on which it holds `want` (of those in `among` and `also`).
    auto bitsOf = [&](const int32_t* have, const int32_t* want, const uint64_t* among,
                      const uint64_t* also, uint64_t* out) {
        int c = 0;
        for (int b = 0; b < blocks; ++b) {
            uint64_t bits = 0;
            for (int i = 0, l = 64 * b; i < 64 && l < lanes; ++i, ++l)
                bits |= uint64_t(have[l] == want[l]) << i;
            out[b] = bits & among[b] & also[b];
            c += std::popcount(out[b]);
        }
        return c;
    };
    // The inputs that run at end() and those waiting at each open label are judged
    // apart (the conditional entropy given the group): a branch serves its own inputs.
    std::vector<std::vector<uint64_t>> groups(1 + s.open.size(), std::vector<uint64_t>(blocks));
    for (int l = 0; l < lanes; ++l) {
        const size_t g =
            waiting[l] == 0
                ? 0
                : 1 + std::find(s.open.begin(), s.open.end(), waiting[l] - 1) - s.open.begin();
        groups[g][l / 64] |= uint64_t(1) << l % 64;
    }
    std::vector<uint64_t> among(blocks);
    for (int w = 0; w < n; ++w) {
        const uint64_t* care = cares_[w].data();
        int wanting = 0;
        for (int b = 0; b < blocks; ++b) wanting += std::popcount(care[b]);
        if (wanting == 0) continue; // the varsort length: no output
        const int32_t* want = machine_.expected(w);
        double entropy = 0;
        int credited = 0;
        for (const std::vector<uint64_t>& group : groups) {
            int inGroup = 0;
            for (int b = 0; b < blocks; ++b)
                inGroup += std::popcount(among[b] = care[b] & group[b]);
            if (inGroup == 0) continue;
            int here = 0;
            auto credit = [&](int a) {
                here += a;
                if (a > 0) entropy -= double(a) / wanting * std::log(double(a) / inGroup);
            };
            std::fill(covered.begin(), covered.end(), 0);
            // A written word is right on every input that ran the store (a rule), and
            // stays. With branches an input may skip the store of a word already in
            // place: any input that has it in place counts (a later store must keep it).
            if (has(s.written, w) || actions_.maxOpen() > 0)
                credit(bitsOf(machine_.slot(w), want, among.data(), among.data(), covered.data()));
            if (here < inGroup) {
                // Per holder, the inputs on which it holds the word's sorted value.
                for (int k = 0; k < h; ++k)
                    count[k] = bitsOf(holders[k], want, among.data(), &reach[size_t(k) * blocks],
                                      &holds[size_t(k) * blocks]);
                // Each input is credited to the holder that has the value on the most inputs.
                std::iota(order.begin(), order.end(), 0);
                std::sort(order.begin(), order.end(), [&](int a, int b) {
                    return count[a] != count[b] ? count[a] > count[b] : a < b;
                });
                for (int k : order) {
                    int a = 0;
                    for (int b = 0; b < blocks; ++b) {
                        const uint64_t bits = holds[size_t(k) * blocks + b];
                        a += std::popcount(bits & ~covered[b]);
                        covered[b] |= bits;
                    }
                    credit(a);
                }
            }
            credited += here;
        }
        lost = lost || credited < wanting;
        sum += 1 - entropy / most;
    }
    return sum / outputs_;
}

// On a permutation (values distinct) a value names the input position it came from.
// Two permutations whose registers, words and flags hold the same positions are moved
// alike by every instruction until a compare tells them apart (a load, store, mov or
// cmov moves the same positions on both), so without one they end with the same
// positions in the words, which sorts at most one of them. A compare splits such a
// class at most two ways (its operands hold the same two positions on the class, and
// distinct values are less or greater), so a class of k permutations needs
// ceil(log2 k) more compares. (The prover's compare bound, prover.cpp, on the game's
// state.) Positions and the flags' sign packed 3 bits each: 0 (no bound) when they do
// not fit in 64 bits, which takes 13 registers or more on sort8.
int SortGame::comparesDue(const std::vector<int>& regs, const std::vector<int32_t>& values,
                          const std::vector<int8_t>& signs) const {
    const int lanes = this->lanes(), n = actions_.slots();
    if (3 * (static_cast<int>(regs.size()) + n + 1) > 64) return 0;
    std::vector<uint64_t> classes;
    for (int l = 0; l < lanes; ++l) {
        const std::vector<int8_t>& at = positions_[l];
        if (at.empty()) continue;
        uint64_t key = signs.empty() ? 3 : uint64_t(signs[l]);
        for (size_t i = 0; i < regs.size(); ++i)
            key = key << 3 | uint64_t(at[rank(l, values[i * lanes + l])]);
        for (int w = 0; w < n; ++w) key = key << 3 | uint64_t(at[rank(l, machine_.slot(w)[l])]);
        classes.push_back(key);
    }
    std::sort(classes.begin(), classes.end());
    size_t largest = 0;
    for (size_t i = 0, j = 0; i < classes.size(); i = j) {
        while (j < classes.size() && classes[j] == classes[i]) ++j;
        largest = std::max(largest, j - i);
    }
    return largest > 1 ? std::bit_width(largest - 1) : 0;
}

std::vector<int32_t> SortGame::probe(int at, const std::vector<int>& regs) {
    const int lanes = this->lanes(), slots = actions_.slots();
    std::vector<int32_t> out(regs.size() * lanes);
    Program p;
    for (size_t first = 0; first < regs.size(); first += slots) {
        p.code.assign(current_.code.begin(), current_.code.begin() + at);
        // The inputs waiting at a label there join first (a label is not an instruction).
        for (int i = 0; i < at; ++i)
            if (info(current_.code[i].op).family == Family::Jump)
                p.code.push_back({Op::Label, {}, current_.code[i].dst});
        for (int i = 0; i < at; ++i)
            if (current_.code[i].op == Op::Label)
                p.code.erase(std::find(p.code.begin() + at, p.code.end(), current_.code[i]));
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

int SortGame::rank(int lane, int32_t value) const {
    const auto& v = inputs_[lane];
    return static_cast<int>(std::lower_bound(v.begin(), v.end(), value) - v.begin());
}

int SortGame::programFeatures() const {
    return config_.history * actions_.size() + actions_.registers() + 2 * actions_.slots() + 2 +
           config_.maxLength + 1;
}

int SortGame::laneFeatures() const {
    const int n = actions_.slots(), open = actions_.maxOpen();
    return actions_.registers() * (n + 1) + 2 * n * n + 4 + (open > 0 ? open + 1 : 0);
}

Observation SortGame::observe(const GameState& s) {
    sync(s.program);
    const int regs = actions_.registers(), n = actions_.slots(), lanes = this->lanes();
    Observation o;
    int base = observeHistory(s, o);
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
    const int end = static_cast<int>(s.program.code.size());
    const std::vector<int32_t> values = probe(end, all);
    // The flags: the sign of dst - src at the last compare.
    const std::vector<int8_t> signs = flags(end);
    const int32_t* waiting = machine_.waiting(s.end());
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
        if (actions_.maxOpen() == 0) continue;
        // Branches: the open label the input waits at, or that it runs.
        const auto at = std::find(s.open.begin(), s.open.end(), waiting[l] - 1);
        o.lanes.push_back(flagBase + 4 +
                          (waiting[l] == 0 ? actions_.maxOpen() : int(at - s.open.begin())));
    }
    return o;
}

} // namespace superopt::agent
