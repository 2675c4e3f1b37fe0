// The search's moves and their undo.
#include "superopt/search/transforms.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace superopt {

namespace {
const char* const kMoveNames[kMoveCount] = {"add",      "delete",      "swap",   "opcode",
                                            "operand",  "instruction", "rotate", "branch",
                                            "unbranch", "retarget",    "rename", "propagate"};

bool isJump(const Instruction& in) {
    return info(in.op).family == Family::Jump;
}
bool isLabel(const Instruction& in, int id) {
    return in.op == Op::Label && in.dst.value == id;
}

// A label id no instruction mentions, else a new one (with a name of its own).
int freeLabel(Program& p, Change& c) {
    std::vector<bool> used(p.labelNames.size());
    for (const auto& in : p.code)
        if (in.dst.kind == kLabel) used[in.dst.value] = true;
    for (size_t id = 0; id < used.size(); ++id)
        if (!used[id]) return static_cast<int>(id);
    std::string name;
    for (size_t k = p.labelNames.size();; ++k)
        if (name = ".L" + std::to_string(k);
            std::find(p.labelNames.begin(), p.labelNames.end(), name) == p.labelNames.end())
            break;
    p.labelNames.push_back(name);
    c.named = true;
    return static_cast<int>(p.labelNames.size()) - 1;
}

// Removes label `id` when no jump goes there any more (and records where it was).
void dropIfUnused(Program& p, int id, Change& c) {
    for (const auto& in : p.code)
        if (isJump(in) && in.dst.value == id) return;
    auto at = std::find_if(p.code.begin(), p.code.end(),
                           [&](const Instruction& in) { return isLabel(in, id); });
    if (at == p.code.end()) return;
    c.removed = static_cast<int>(at - p.code.begin());
    c.oldLabel = *at;
    p.code.erase(at);
}

// Whether `in` gives register `r` a whole new value without reading the old one.
bool defines(const Instruction& in, int r) {
    const OpcodeInfo& f = info(in.op);
    return in.dst.kind == kReg && in.dst.value == r && in.dst.size >= 4 && !in.dst.high &&
           f.writesDst && !f.readsDst;
}

// Where a value's live range cannot be followed: control flow, high-byte registers (%ah
// may not sit beside a register that needs a REX prefix) and shifts by %cl (the count
// has no other register).
bool blocks(const Instruction& in) {
    return in.op == Op::Label || isJump(in) || in.src.high || in.src2.high || in.dst.high ||
           (isShift(in.op) && in.src.kind == kReg);
}

// `o` naming register `from` (as a register or in an address) names `to` instead.
void renameIn(Operand& o, int from, int to) {
    if (o.kind == kReg && o.value == from) o.value = to;
    if (o.kind == kAddr && o.base == from) o.base = static_cast<int8_t>(to);
    if (o.kind == kAddr && o.index == from) o.index = static_cast<int8_t>(to);
}

// The operands `in` reads register `from` through (not a destination it only writes)
// name `to` instead.
void renameReads(Instruction& in, int from, int to) {
    renameIn(in.src, from, to);
    renameIn(in.src2, from, to);
    if (in.dst.kind == kAddr || info(in.op).readsDst || !info(in.op).writesDst)
        renameIn(in.dst, from, to);
}

// A random jump's index, or -1.
int pickJump(const Program& p, Rng& rng) {
    std::vector<int> jumps;
    for (int i = 0; i < static_cast<int>(p.code.size()); ++i)
        if (isJump(p.code[i])) jumps.push_back(i);
    return jumps.empty() ? -1 : jumps[uniform(rng, static_cast<int>(jumps.size()))];
}
} // namespace

std::string toString(Move m) {
    return kMoveNames[static_cast<int>(m)];
}

Move parseMove(const std::string& name) {
    for (int i = 0; i < kMoveCount; ++i)
        if (name == kMoveNames[i]) return static_cast<Move>(i);
    std::string known;
    for (const char* m : kMoveNames) known.append(known.empty() ? "" : ", ").append(m);
    throw std::invalid_argument("unknown move '" + name + "' (known: " + known + ")");
}

MoveWeights moveWeights(bool branches, bool liveRanges) {
    const double b = branches ? 1 : 0, r = liveRanges ? 1 : 0;
    return {1, 1, 1, 2, 3, 1, 1, b, b, b, r, r};
}

MoveWeights defaultMoveWeights(const Task& task) {
    return moveWeights(task.lengthSlot() >= 0, false);
}

MoveWeights parseMoveWeights(const std::string& text, MoveWeights w) {
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        size_t eq = item.find('=');
        if (eq == std::string::npos)
            throw std::invalid_argument("moves: expected NAME=WEIGHT, got '" + item + "'");
        double v;
        try {
            size_t used;
            v = std::stod(item.substr(eq + 1), &used);
            if (used != item.size() - eq - 1) throw std::invalid_argument("");
        } catch (const std::exception&) {
            throw std::invalid_argument("moves: bad weight in '" + item + "'");
        }
        w[static_cast<int>(parseMove(item.substr(0, eq)))] = v;
    }
    return w;
}

std::string toString(const MoveWeights& w) {
    std::ostringstream s;
    for (int m = 0; m < kMoveCount; ++m)
        s << (m ? "," : "") << toString(static_cast<Move>(m)) << "=" << w[m];
    return s.str();
}

void checkMoveWeights(const MoveWeights& w) {
    if (std::any_of(w.begin(), w.end(), [](double x) { return !(x >= 0); }))
        throw std::invalid_argument("move weights must not be negative");
    if (!std::isfinite(std::accumulate(w.begin(), w.end(), 0.0)))
        throw std::invalid_argument("move weights must be finite (and their sum too)");
    if (std::none_of(w.begin(), w.end(), [](double x) { return x > 0; }))
        throw std::invalid_argument("at least one move needs a positive weight");
}

Transforms::Transforms(const InstructionSampler& sampler, MoveWeights weights, int maxLength)
    : sampler_(sampler), maxLength_(maxLength) {
    checkMoveWeights(weights);
    double sum = 0;
    for (int i = 0; i < kMoveCount; ++i) cumulative_[i] = sum += weights[i];
}

int Transforms::pickInstruction(const Program& p, Rng& rng, bool jumps) const {
    const int n = static_cast<int>(p.code.size());
    if (n == 0) return -1;
    for (int tries = 0; tries < 8; ++tries) {
        int k = uniform(rng, n);
        if (p.code[k].op != Op::Label && (jumps || !isJump(p.code[k]))) return k;
    }
    return -1;
}

// A jump (the sampler's) inserted at a random index and its label placed at least one
// code position after the jump.
bool Transforms::branch(Program& p, Rng& rng, Change& c) const {
    const int n = static_cast<int>(p.code.size());
    if (n == 0 || p.length() >= maxLength_) return false;
    c.a = c.first = uniform(rng, n);
    c.b = c.a + 2 + uniform(rng, n - c.a);
    const int id = freeLabel(p, c);
    p.code.insert(p.code.begin() + c.a, {sampler_.jump(rng), {}, Operand::label(id)});
    p.code.insert(p.code.begin() + c.b, {Op::Label, {}, Operand::label(id)});
    return true;
}

bool Transforms::unbranch(Program& p, Rng& rng, Change& c) const {
    if ((c.a = c.first = pickJump(p, rng)) < 0) return false;
    c.old = p.code[c.a];
    p.code.erase(p.code.begin() + c.a);
    dropIfUnused(p, c.old.dst.value, c);
    return true;
}

// Half the time (or when there is no other label after the jump) to a new label
// placed somewhere after it, else to another label already placed after it.
bool Transforms::retarget(Program& p, Rng& rng, Change& c) const {
    if ((c.a = c.first = pickJump(p, rng)) < 0) return false;
    c.old = p.code[c.a];
    std::vector<int> others;
    for (int i = c.a + 1; i < static_cast<int>(p.code.size()); ++i)
        if (p.code[i].op == Op::Label && p.code[i].dst != c.old.dst)
            others.push_back(p.code[i].dst.value);
    const bool fresh = others.empty() || chance(rng, 0.5);
    const int id = fresh ? freeLabel(p, c) : others[uniform(rng, static_cast<int>(others.size()))];
    p.code[c.a].dst = Operand::label(id);
    dropIfUnused(p, c.old.dst.value, c);
    if (fresh) {
        c.b = c.a + 1 + uniform(rng, static_cast<int>(p.code.size()) - c.a);
        p.code.insert(p.code.begin() + c.b, {Op::Label, {}, Operand::label(id)});
    }
    return true;
}

namespace {

// Where the value register r gets at instruction i ends: the next instruction that
// defines r anew (its reads are the last of the value), or the code's end; -1 when
// control flow, a high-byte register or (avoid >= 0) a mention of `avoid` comes first,
// that instruction included.
int valueEnd(const Program& p, int i, int r, int avoid) {
    const int n = static_cast<int>(p.code.size());
    int end = i + 1;
    for (; end < n; ++end) {
        if (blocks(p.code[end]) || (avoid >= 0 && namesRegister(p.code[end], avoid))) return -1;
        if (defines(p.code[end], r)) break;
    }
    return end;
}

// The value from instruction i to `end` (valueEnd) named `to` instead of `from`, after
// instruction i; the old code from i kept in `c` for undo.
void renameValue(Program& p, Change& c, int i, int end, int from, int to) {
    const int n = static_cast<int>(p.code.size());
    c.a = c.first = i;
    c.range.assign(p.code.begin() + i, p.code.begin() + std::min(end + 1, n));
    for (int k = i + 1; k < end; ++k)
        for (Operand* o : {&p.code[k].src, &p.code[k].src2, &p.code[k].dst}) renameIn(*o, from, to);
    if (end < n) renameReads(p.code[end], from, to);
}

} // namespace

// A value's register renamed: an instruction that defines register r and every
// mention of r after it over the value's range (valueEnd) name s instead, where s is
// mentioned nowhere in the range. It computes the same wherever s's old value and r's
// new one are not read after.
bool Transforms::rename(Program& p, Rng& rng, Change& c) const {
    const int i = pickInstruction(p, rng);
    if (i < 0 || p.code[i].dst.kind != kReg || blocks(p.code[i])) return false;
    const int from = p.code[i].dst.value, to = sampler_.anyRegister(rng);
    if (!defines(p.code[i], from) || to == from || namesRegister(p.code[i], to)) return false;
    const int end = valueEnd(p, i, from, to);
    if (end < 0) return false;
    renameValue(p, c, i, end, from, to);
    renameIn(p.code[i].dst, from, to);
    return true;
}

// A register-to-register `mov a, b` deleted and b's value named a over its range
// (valueEnd). It computes the same where a keeps its value while b is read (copy
// propagation) or a is not read again (coalescing: b's updates in place become a's),
// and the reads are no wider than the mov.
bool Transforms::propagate(Program& p, Rng& rng, Change& c) const {
    const int i = pickInstruction(p, rng);
    if (i < 0) return false;
    const Instruction& mov = p.code[i];
    if (mov.op != Op::Mov || mov.src.kind != kReg || mov.dst.kind != kReg ||
        mov.src.size != mov.dst.size || blocks(mov) || mov.src.value == mov.dst.value)
        return false;
    const int from = mov.dst.value, to = mov.src.value;
    const int end = valueEnd(p, i, from, -1);
    if (end < 0) return false;
    renameValue(p, c, i, end, from, to);
    p.code.erase(p.code.begin() + i);
    return true;
}

Move Transforms::draw(Rng& rng) const {
    const double r = (rng() >> 11) * 0x1.0p-53 * cumulative_.back();
    return static_cast<Move>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
                             cumulative_.begin());
}

bool Transforms::apply(Move m, Program& p, Rng& rng, Change& c) const {
    c = Change();
    c.move = m;
    const int n = static_cast<int>(p.code.size());
    switch (c.move) {
    case Move::Add:
        if (p.length() >= maxLength_) return false;
        c.a = c.first = uniform(rng, n + 1);
        p.code.insert(p.code.begin() + c.a, sampler_.instruction(rng));
        return true;
    case Move::Delete:
        if ((c.a = pickInstruction(p, rng)) < 0) return false;
        c.first = c.a;
        c.old = p.code[c.a];
        p.code.erase(p.code.begin() + c.a);
        return true;
    case Move::Swap:
    case Move::Rotate: {
        if (n < 2) return false;
        c.a = uniform(rng, n);
        c.b = uniform(rng, n);
        if (c.a == c.b) return false;
        if (c.a > c.b) std::swap(c.a, c.b);
        c.first = c.a;
        const auto from = p.code.begin() + c.a, to = p.code.begin() + c.b + 1;
        const bool same = c.move == Move::Swap
                              ? *from == *(to - 1)
                              : std::adjacent_find(from, to, std::not_equal_to<>()) == to;
        if (same) return false; // nothing would change
        if (c.move == Move::Swap)
            std::swap(p.code[c.a], p.code[c.b]);
        else
            std::rotate(p.code.begin() + c.a, p.code.begin() + c.a + 1, p.code.begin() + c.b + 1);
        return true;
    }
    case Move::Opcode:
    case Move::Operand:
    case Move::Instruction: {
        if ((c.a = pickInstruction(p, rng, c.move == Move::Opcode)) < 0) return false;
        c.first = c.a;
        c.old = p.code[c.a];
        Instruction& in = p.code[c.a];
        bool changed = c.move == Move::Opcode    ? sampler_.changeOpcode(in, rng)
                       : c.move == Move::Operand ? sampler_.changeOperand(in, rng)
                                                 : (in = sampler_.instruction(rng), !(in == c.old));
        if (!changed) in = c.old;
        return changed;
    }
    case Move::Branch:
        return branch(p, rng, c);
    case Move::Unbranch:
        return unbranch(p, rng, c);
    case Move::Retarget:
        return retarget(p, rng, c);
    case Move::Rename:
        return rename(p, rng, c);
    case Move::Propagate:
        return propagate(p, rng, c);
    }
    return false;
}

void Transforms::undo(Program& p, const Change& c) const {
    switch (c.move) {
    case Move::Add:
        p.code.erase(p.code.begin() + c.a);
        break;
    case Move::Delete:
        p.code.insert(p.code.begin() + c.a, c.old);
        break;
    case Move::Swap:
        std::swap(p.code[c.a], p.code[c.b]);
        break;
    case Move::Rotate:
        std::rotate(p.code.begin() + c.a, p.code.begin() + c.b, p.code.begin() + c.b + 1);
        break;
    case Move::Branch:
    case Move::Unbranch:
    case Move::Retarget: // in the reverse order of the steps
        if (c.b >= 0) p.code.erase(p.code.begin() + c.b);
        if (c.move == Move::Branch) p.code.erase(p.code.begin() + c.a);
        if (c.removed >= 0) p.code.insert(p.code.begin() + c.removed, c.oldLabel);
        if (c.move == Move::Unbranch) p.code.insert(p.code.begin() + c.a, c.old);
        if (c.move == Move::Retarget) p.code[c.a] = c.old;
        if (c.named) p.labelNames.pop_back();
        break;
    case Move::Rename:
    case Move::Propagate: {
        const auto at = p.code.begin() + c.a;
        p.code.erase(at, at + static_cast<int>(c.range.size()) + c.shift());
        p.code.insert(p.code.begin() + c.a, c.range.begin(), c.range.end());
        break;
    }
    default:
        p.code[c.a] = c.old;
        break;
    }
}

} // namespace superopt
