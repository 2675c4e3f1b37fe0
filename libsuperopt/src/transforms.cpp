// The search's moves and their undo.
#include "superopt/transforms.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace superopt {

namespace {
const char* const kMoveNames[kMoveCount] = {"add", "delete", "swap", "opcode", "operand", "instruction", "rotate"};
} // namespace

std::string toString(Move m) { return kMoveNames[static_cast<int>(m)]; }

Move parseMove(const std::string& name) {
    for (int i = 0; i < kMoveCount; ++i)
        if (name == kMoveNames[i]) return static_cast<Move>(i);
    throw std::invalid_argument("unknown move '" + name +
                                "' (known: add, delete, swap, opcode, operand, instruction, rotate)");
}

MoveWeights defaultMoveWeights() { return {1, 1, 1, 2, 3, 1, 1}; }

Transforms::Transforms(const Sampler& sampler, MoveWeights weights, int maxLength)
    : sampler_(sampler), maxLength_(maxLength) {
    double sum = 0;
    for (int i = 0; i < kMoveCount; ++i) {
        if (weights[i] < 0) throw std::invalid_argument("move weights must not be negative");
        cumulative_[i] = sum += weights[i];
    }
    if (sum <= 0) throw std::invalid_argument("at least one move needs a positive weight");
}

int Transforms::pickInstruction(const Program& p, Rng& rng) const {
    const int n = static_cast<int>(p.code.size());
    if (n == 0) return -1;
    for (int tries = 0; tries < 8; ++tries) {
        int k = uniform(rng, n);
        if (p.code[k].op != Op::Label) return k;
    }
    return -1;
}

bool Transforms::opcode(Instruction& in, Rng& rng) const {
    static constexpr Op kOps[] = {Op::Mov, Op::Cmp, Op::Cmovl, Op::Cmovg, Op::Cmovle, Op::Cmovge, Op::Cmove, Op::Cmovne};
    Op options[8];
    int count = 0;
    for (Op op : kOps) {
        const OpcodeInfo& oi = info(op);
        if (op != in.op && (in.src.kind & oi.srcKinds) && (in.dst.kind & oi.dstKinds)) options[count++] = op;
    }
    if (!count) return false;
    in.op = options[uniform(rng, count)];
    return true;
}

bool Transforms::operand(Instruction& in, Rng& rng) const {
    const OpcodeInfo& oi = info(in.op);
    if (oi.family == Family::Jump || oi.family == Family::Label) return false;
    bool src = chance(rng, 0.5);
    Operand& o = src ? in.src : in.dst;
    // Keep the kind (a load stays a load); resample the register, slot or immediate.
    Operand fresh = o.kind == kMem ? Operand::mem(uniform(rng, sampler_.task().slots()))
                                   : sampler_.operand(rng, static_cast<uint8_t>(o.kind));
    if (fresh == o) return false;
    o = fresh;
    return true;
}

Move Transforms::draw(Rng& rng) const {
    const double r = (rng() >> 11) * 0x1.0p-53 * cumulative_.back();
    return static_cast<Move>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) - cumulative_.begin());
}

bool Transforms::apply(Move m, Program& p, Rng& rng, Change& c) const {
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
        const bool same = c.move == Move::Swap ? *from == *(to - 1)
                                               : std::adjacent_find(from, to, std::not_equal_to<>()) == to;
        if (same) return false; // nothing would change
        if (c.move == Move::Swap) std::swap(p.code[c.a], p.code[c.b]);
        else std::rotate(p.code.begin() + c.a, p.code.begin() + c.a + 1, p.code.begin() + c.b + 1);
        return true;
    }
    case Move::Opcode:
    case Move::Operand:
    case Move::Instruction: {
        if ((c.a = pickInstruction(p, rng)) < 0) return false;
        c.first = c.a;
        c.old = p.code[c.a];
        Instruction& in = p.code[c.a];
        if (info(in.op).family == Family::Jump) return false;
        bool changed = c.move == Move::Opcode    ? opcode(in, rng)
                       : c.move == Move::Operand ? operand(in, rng)
                                                 : (in = sampler_.instruction(rng), !(in == c.old));
        if (!changed) in = c.old;
        return changed;
    }
    }
    return false;
}

void Transforms::undo(Program& p, const Change& c) const {
    switch (c.move) {
    case Move::Add: p.code.erase(p.code.begin() + c.a); break;
    case Move::Delete: p.code.insert(p.code.begin() + c.a, c.old); break;
    case Move::Swap: std::swap(p.code[c.a], p.code[c.b]); break;
    case Move::Rotate:
        std::rotate(p.code.begin() + c.a, p.code.begin() + c.b, p.code.begin() + c.b + 1);
        break;
    default: p.code[c.a] = c.old; break;
    }
}

} // namespace superopt
