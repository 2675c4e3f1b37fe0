// The opcode table itself.
#include "superopt/core/isa.hpp"

namespace superopt {
namespace {

constexpr uint8_t RM = kReg | kMem;
constexpr uint8_t RMI = kReg | kMem | kImm;

// clang-format off
constexpr std::array<OpcodeInfo, kOpCount> kTable = {{
    //  op          name      family            cond        src    dst     rdF    wrF    rdDst  wrDst  lat
    {Op::Mov,    "mov",    Family::Move,     Cond::Always, RM,    RM,     false, false, false, true,  1},
    {Op::Cmp,    "cmp",    Family::Compare,  Cond::Always, RMI,   RM,     false, true,  true,  false, 1},
    {Op::Cmovl,  "cmovl",  Family::CondMove, Cond::L,      RM,    kReg,   true,  false, true,  true,  1},
    {Op::Cmovg,  "cmovg",  Family::CondMove, Cond::G,      RM,    kReg,   true,  false, true,  true,  1},
    {Op::Cmovle, "cmovle", Family::CondMove, Cond::LE,     RM,    kReg,   true,  false, true,  true,  1},
    {Op::Cmovge, "cmovge", Family::CondMove, Cond::GE,     RM,    kReg,   true,  false, true,  true,  1},
    {Op::Cmove,  "cmove",  Family::CondMove, Cond::E,      RM,    kReg,   true,  false, true,  true,  1},
    {Op::Cmovne, "cmovne", Family::CondMove, Cond::NE,     RM,    kReg,   true,  false, true,  true,  1},
    {Op::Jmp,    "jmp",    Family::Jump,     Cond::Always, kNone, kLabel, false, false, false, false, 1},
    {Op::Je,     "je",     Family::Jump,     Cond::E,      kNone, kLabel, true,  false, false, false, 1},
    {Op::Jne,    "jne",    Family::Jump,     Cond::NE,     kNone, kLabel, true,  false, false, false, 1},
    {Op::Jl,     "jl",     Family::Jump,     Cond::L,      kNone, kLabel, true,  false, false, false, 1},
    {Op::Jle,    "jle",    Family::Jump,     Cond::LE,     kNone, kLabel, true,  false, false, false, 1},
    {Op::Jg,     "jg",     Family::Jump,     Cond::G,      kNone, kLabel, true,  false, false, false, 1},
    {Op::Jge,    "jge",    Family::Jump,     Cond::GE,     kNone, kLabel, true,  false, false, false, 1},
    {Op::Label,  "",       Family::Label,    Cond::Always, kNone, kLabel, false, false, false, false, 0},
}};
// clang-format on

} // namespace

const OpcodeInfo& info(Op op) {
    return kTable[static_cast<int>(op)];
}

std::span<const OpcodeInfo> opcodeTable() {
    return {kTable.data(), kTable.size() - 1};
}

std::optional<Op> opcodeByName(std::string_view name) {
    for (const auto& e : opcodeTable())
        if (e.name == name) return e.op;
    if (name.size() > 1 && name.back() == 'l') {
        name.remove_suffix(1);
        for (const auto& e : opcodeTable())
            if (e.name == name && e.family != Family::Jump) return e.op;
    }
    return std::nullopt;
}

std::optional<int> registerByName(std::string_view name) {
    for (int i = 0; i < kMaxRegisters; ++i)
        if (kRegisterNames[i] == name) return i;
    return std::nullopt;
}

} // namespace superopt
