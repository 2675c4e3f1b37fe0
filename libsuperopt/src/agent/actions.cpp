// The action space: loads, stores, register moves, canonical compares, cmovs; for
// varsort also compares with the length, jumps and label placements.
#include "superopt/agent/actions.hpp"

#include <algorithm>
#include <stdexcept>

namespace superopt::agent {

ActionSpace::ActionSpace(const Task& task, int registers)
    : registers_(registers), slots_(task.slots()) {
    if (registers < 2 || registers > kMaxRegisters)
        throw std::invalid_argument("registers must be 2.." + std::to_string(kMaxRegisters));
    const bool branching = task.kind() == Task::Kind::VarSort;
    auto add = [&](Op op, Operand src, Operand dst) { actions_.push_back({op, src, dst}); };
    for (int s = 0; s < slots_; ++s)
        for (int r = 0; r < registers; ++r) add(Op::Mov, Operand::mem(s), Operand::reg(r));
    for (int r = 0; r < registers; ++r)
        for (int s = 0; s < slots_; ++s)
            if (s != task.lengthSlot()) add(Op::Mov, Operand::reg(r), Operand::mem(s));
    for (Op op : {Op::Mov, Op::Cmp, Op::Cmovl, Op::Cmovg, Op::Cmovle, Op::Cmovge})
        for (int a = 0; a < registers; ++a)
            for (int b = 0; b < registers; ++b)
                if (a != b && (op != Op::Cmp || a > b)) add(op, Operand::reg(a), Operand::reg(b));
    if (!branching) return;
    maxOpen_ = task.n();
    for (int k = 2; k <= task.n(); ++k)
        for (int r = 0; r < registers; ++r) add(Op::Cmp, Operand::imm(k), Operand::reg(r));
    for (Op op : kJumpOps) add(op, {}, Operand::label(kNewLabel));
    for (int j = 0; j < maxOpen_; ++j) add(Op::Label, {}, Operand::label(j));
}

int ActionSpace::find(const Instruction& in) const {
    auto it = std::find(actions_.begin(), actions_.end(), in);
    return it == actions_.end() ? -1 : static_cast<int>(it - actions_.begin());
}

} // namespace superopt::agent
