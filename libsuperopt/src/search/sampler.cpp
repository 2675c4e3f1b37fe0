// Random instructions and programs.
#include "superopt/search/sampler.hpp"

#include <vector>

namespace superopt {

Sampler::Sampler(const Task& task, Profile profile, int registers)
    : task_(task), profile_(profile), registers_(registers > 0 ? registers : task.registers()) {}

Operand Sampler::operand(Rng& rng, uint8_t kinds) const {
    if (profile_ == Profile::AlphaDev) kinds &= ~kMem; // callers ask for memory only in mov
    uint8_t options[3];
    int count = 0;
    for (uint8_t k : {kReg, kMem, kImm})
        if (kinds & k) options[count++] = k;
    switch (count ? options[uniform(rng, count)] : uint8_t{kReg}) {
    case kMem:
        return Operand::mem(uniform(rng, task_.slots()));
    case kImm:
        return Operand::imm(1 + uniform(rng, task_.n()));
    default:
        return Operand::reg(uniform(rng, registers_));
    }
}

Instruction Sampler::instruction(Rng& rng) const {
    Instruction in{kDataOps[uniform(rng, kDataOps.size())], {}, {}};
    const OpcodeInfo& oi = info(in.op);
    uint8_t src = oi.srcKinds, dst = oi.dstKinds;
    if (task_.lengthSlot() < 0) src &= ~kImm; // immediates only meet the varsort length
    if (in.op == Op::Mov && profile_ == Profile::AlphaDev) {
        // AlphaDev's mov: a load, a store or a register copy.
        int kind = uniform(rng, 3);
        in.src = kind == 0 ? Operand::mem(uniform(rng, task_.slots())) : operand(rng, kReg);
        in.dst = kind == 1 ? Operand::mem(uniform(rng, task_.slots())) : operand(rng, kReg);
        return in;
    }
    in.src = operand(rng, src);
    in.dst = operand(rng, in.src.kind == kMem ? dst & ~kMem : dst);
    return in;
}

bool Sampler::changeOpcode(Instruction& in, Rng& rng) const {
    if (info(in.op).family == Family::Jump) { // another condition
        Op other = kJumpOps[uniform(rng, kJumpOps.size() - 1)];
        in.op = other == in.op ? kJumpOps.back() : other;
        return true;
    }
    Op options[kDataOps.size()];
    int count = 0;
    for (Op op : kDataOps) {
        const OpcodeInfo& oi = info(op);
        if (op != in.op && (in.src.kind & oi.srcKinds) && (in.dst.kind & oi.dstKinds))
            options[count++] = op;
    }
    if (!count) return false;
    in.op = options[uniform(rng, count)];
    return true;
}

bool Sampler::changeOperand(Instruction& in, Rng& rng) const {
    bool src = chance(rng, 0.5);
    Operand& o = src ? in.src : in.dst;
    // Keep the kind (a load stays a load); resample the register, slot or immediate.
    Operand fresh = o.kind == kMem ? Operand::mem(uniform(rng, task_.slots()))
                                   : operand(rng, static_cast<uint8_t>(o.kind));
    if (fresh == o) return false;
    o = fresh;
    return true;
}

Op Sampler::jump(Rng& rng) const {
    return kJumpOps[uniform(rng, kJumpOps.size())];
}

Program Sampler::program(Rng& rng, int length, bool jumps) const {
    Program p;
    std::vector<int> pending; // labels jumped to and not yet placed
    constexpr int kTries = 200;
    for (int tries = 0; p.length() < length && tries < kTries * (length + 1); ++tries) {
        if (!pending.empty() && chance(rng, 0.25)) {
            int k = uniform(rng, static_cast<int>(pending.size()));
            p.code.push_back({Op::Label, {}, Operand::label(pending[k])});
            pending.erase(pending.begin() + k);
            continue;
        }
        Instruction in;
        if (jumps && chance(rng, 0.15)) {
            int id = static_cast<int>(p.labelNames.size());
            p.labelNames.push_back(".L" + std::to_string(id));
            in = {jump(rng), {}, Operand::label(id)};
            pending.push_back(id);
        } else {
            in = instruction(rng);
        }
        p.code.push_back(in);
        // Legal so far, with the labels still to place put at the end.
        for (int id : pending) p.code.push_back({Op::Label, {}, Operand::label(id)});
        const bool legal = isLegal(p, task_, profile_);
        p.code.resize(p.code.size() - pending.size());
        if (!legal) {
            p.code.pop_back();
            if (info(in.op).family == Family::Jump) {
                pending.pop_back();
                p.labelNames.pop_back();
            }
        }
    }
    for (int id : pending) p.code.push_back({Op::Label, {}, Operand::label(id)});
    return p;
}

} // namespace superopt
