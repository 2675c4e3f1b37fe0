// The opcode table itself, and the register names.
#include "superopt/core/isa.hpp"

namespace superopt {
namespace {

constexpr uint8_t RM = kReg | kMem;
constexpr uint8_t RMI = kReg | kMem | kImm;
constexpr uint8_t R = kReg;
constexpr uint8_t I = kImm;
constexpr uint8_t RA = kReg | kAddr;
constexpr uint8_t RAI = kReg | kAddr | kImm;
constexpr uint8_t RI = kReg | kImm;
constexpr uint8_t A = kAddr;
constexpr uint8_t L = kLabel;
constexpr uint8_t N = kNone;
constexpr bool T = true;
constexpr bool F = false;
using enum Family;

// clang-format off
constexpr std::array<OpcodeInfo, kOpCount> kTable = {{
    //  op           name      family    cond        src dst  rdF wrF rdD wrD lat  general: src src2 dst
    {Op::Mov,     "mov",     Move,     Cond::Always, RM,  RM,  F,  F,  F,  T,  1,   RAI, N,  RA},
    {Op::Cmp,     "cmp",     Compare,  Cond::Always, RMI, RM,  F,  T,  T,  F,  1,   RAI, N,  RA},
    {Op::Cmovl,   "cmovl",   CondMove, Cond::L,      RM,  R,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovg,   "cmovg",   CondMove, Cond::G,      RM,  R,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovle,  "cmovle",  CondMove, Cond::LE,     RM,  R,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovge,  "cmovge",  CondMove, Cond::GE,     RM,  R,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmove,   "cmove",   CondMove, Cond::E,      RM,  R,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovne,  "cmovne",  CondMove, Cond::NE,     RM,  R,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Jmp,     "jmp",     Jump,     Cond::Always, N,   L,   F,  F,  F,  F,  1,   N,   N,  L},
    {Op::Je,      "je",      Jump,     Cond::E,      N,   L,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jne,     "jne",     Jump,     Cond::NE,     N,   L,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jl,      "jl",      Jump,     Cond::L,      N,   L,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jle,     "jle",     Jump,     Cond::LE,     N,   L,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jg,      "jg",      Jump,     Cond::G,      N,   L,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jge,     "jge",     Jump,     Cond::GE,     N,   L,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Label,   "",        Label,    Cond::Always, N,   L,   F,  F,  F,  F,  0,   N,   N,  L},
    {Op::Add,     "add",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RAI, N,  RA},
    {Op::Sub,     "sub",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RAI, N,  RA},
    {Op::And,     "and",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RAI, N,  RA},
    {Op::Or,      "or",      Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RAI, N,  RA},
    {Op::Xor,     "xor",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RAI, N,  RA},
    {Op::Not,     "not",     Arith,    Cond::Always, N,   N,   F,  F,  T,  T,  1,   N,   N,  RA},
    {Op::Neg,     "neg",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   N,   N,  RA},
    {Op::Inc,     "inc",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   N,   N,  RA},
    {Op::Dec,     "dec",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   N,   N,  RA},
    {Op::Shl,     "shl",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RI,  N,  RA},
    {Op::Shr,     "shr",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RI,  N,  RA},
    {Op::Sar,     "sar",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RI,  N,  RA},
    {Op::Rol,     "rol",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RI,  N,  RA},
    {Op::Ror,     "ror",     Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  1,   RI,  N,  RA},
    {Op::Imul,    "imul",    Arith,    Cond::Always, N,   N,   F,  T,  T,  T,  3,   RA,  N,  R},
    {Op::Imul3,   "imul",    Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  3,   I,   RA, R},
    {Op::Lea,     "lea",     Arith,    Cond::Always, N,   N,   F,  F,  F,  T,  1,   A,   N,  R},
    {Op::Test,    "test",    Arith,    Cond::Always, N,   N,   F,  T,  T,  F,  1,   RI,  N,  RA},
    {Op::Movzx,   "movz",    Arith,    Cond::Always, N,   N,   F,  F,  F,  T,  1,   RA,  N,  R},
    {Op::Movsx,   "movs",    Arith,    Cond::Always, N,   N,   F,  F,  F,  T,  1,   RA,  N,  R},
    {Op::Adc,     "adc",     Arith,    Cond::Always, N,   N,   T,  T,  T,  T,  1,   RAI, N,  RA},
    {Op::Sbb,     "sbb",     Arith,    Cond::Always, N,   N,   T,  T,  T,  T,  1,   RAI, N,  RA},
    {Op::Cdq,     "cltd",    Arith,    Cond::Always, N,   N,   F,  F,  F,  T,  1,   N,   N,  N},
    {Op::Cqo,     "cqto",    Arith,    Cond::Always, N,   N,   F,  F,  F,  T,  1,   N,   N,  N},
    {Op::Div,     "div",     Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  26,  RA,  N,  N},
    {Op::Idiv,    "idiv",    Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  26,  RA,  N,  N},
    {Op::Bsf,     "bsf",     Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  3,   RA,  N,  R},
    {Op::Bsr,     "bsr",     Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  3,   RA,  N,  R},
    {Op::Bswap,   "bswap",   Arith,    Cond::Always, N,   N,   F,  F,  T,  T,  1,   N,   N,  R},
    {Op::Popcnt,  "popcnt",  Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  1,   RA,  N,  R},
    {Op::Lzcnt,   "lzcnt",   Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  1,   RA,  N,  R},
    {Op::Tzcnt,   "tzcnt",   Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  2,   RA,  N,  R},
    {Op::Andn,    "andn",    Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  1,   RA,  R,  R},
    {Op::Blsi,    "blsi",    Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  1,   RA,  N,  R},
    {Op::Blsr,    "blsr",    Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  1,   RA,  N,  R},
    {Op::Blsmsk,  "blsmsk",  Arith,    Cond::Always, N,   N,   F,  T,  F,  T,  1,   RA,  N,  R},
    {Op::Cmovb,   "cmovb",   CondMove, Cond::B,      N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovae,  "cmovae",  CondMove, Cond::AE,     N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovbe,  "cmovbe",  CondMove, Cond::BE,     N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmova,   "cmova",   CondMove, Cond::A,      N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovs,   "cmovs",   CondMove, Cond::S,      N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovns,  "cmovns",  CondMove, Cond::NS,     N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovo,   "cmovo",   CondMove, Cond::O,      N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovno,  "cmovno",  CondMove, Cond::NO,     N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovp,   "cmovp",   CondMove, Cond::P,      N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Cmovnp,  "cmovnp",  CondMove, Cond::NP,     N,   N,   T,  F,  T,  T,  1,   RA,  N,  R},
    {Op::Jb,      "jb",      Jump,     Cond::B,      N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jae,     "jae",     Jump,     Cond::AE,     N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jbe,     "jbe",     Jump,     Cond::BE,     N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Ja,      "ja",      Jump,     Cond::A,      N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Js,      "js",      Jump,     Cond::S,      N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jns,     "jns",     Jump,     Cond::NS,     N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jo,      "jo",      Jump,     Cond::O,      N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jno,     "jno",     Jump,     Cond::NO,     N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jp,      "jp",      Jump,     Cond::P,      N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Jnp,     "jnp",     Jump,     Cond::NP,     N,   N,   T,  F,  F,  F,  1,   N,   N,  L},
    {Op::Seto,    "seto",    SetCond,  Cond::O,      N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setno,   "setno",   SetCond,  Cond::NO,     N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setb,    "setb",    SetCond,  Cond::B,      N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setae,   "setae",   SetCond,  Cond::AE,     N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Sete,    "sete",    SetCond,  Cond::E,      N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setne,   "setne",   SetCond,  Cond::NE,     N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setbe,   "setbe",   SetCond,  Cond::BE,     N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Seta,    "seta",    SetCond,  Cond::A,      N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Sets,    "sets",    SetCond,  Cond::S,      N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setns,   "setns",   SetCond,  Cond::NS,     N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setp,    "setp",    SetCond,  Cond::P,      N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setnp,   "setnp",   SetCond,  Cond::NP,     N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setl,    "setl",    SetCond,  Cond::L,      N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setge,   "setge",   SetCond,  Cond::GE,     N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setle,   "setle",   SetCond,  Cond::LE,     N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
    {Op::Setg,    "setg",    SetCond,  Cond::G,      N,   N,   T,  F,  F,  T,  1,   N,   N,  RA},
}};
// clang-format on

constexpr bool tableInOrder() {
    for (int i = 0; i < kOpCount; ++i)
        if (static_cast<int>(kTable[i].op) != i) return false;
    return true;
}
static_assert(tableInOrder(), "the opcode table follows the Op enum");

// Register names by size, in register-number order (kRdi last).
constexpr std::array<std::string_view, kGeneralRegisters> kNames64 = {
    "rax", "rcx", "rdx", "rsi", "r8",  "r9",  "r10", "r11",
    "rbx", "rbp", "r12", "r13", "r14", "r15", "rdi"};
constexpr std::array<std::string_view, kGeneralRegisters> kNames32 = {
    "eax", "ecx", "edx",  "esi",  "r8d",  "r9d",  "r10d", "r11d",
    "ebx", "ebp", "r12d", "r13d", "r14d", "r15d", "edi"};
constexpr std::array<std::string_view, kGeneralRegisters> kNames16 = {
    "ax", "cx", "dx",   "si",   "r8w",  "r9w",  "r10w", "r11w",
    "bx", "bp", "r12w", "r13w", "r14w", "r15w", "di"};
constexpr std::array<std::string_view, kGeneralRegisters> kNames8 = {
    "al", "cl",  "dl",   "sil",  "r8b",  "r9b",  "r10b", "r11b",
    "bl", "bpl", "r12b", "r13b", "r14b", "r15b", "dil"};

std::string_view highName(int reg) {
    switch (reg) {
    case 0:
        return "ah";
    case 1:
        return "ch";
    case 2:
        return "dh";
    case 8:
        return "bh";
    default:
        return "";
    }
}

} // namespace

const OpcodeInfo& info(Op op) {
    return kTable[static_cast<int>(op)];
}

std::span<const OpcodeInfo> opcodeTable() {
    return {kTable.data(), kTable.size()};
}

std::optional<Op> opcodeByName(std::string_view name) {
    if (name.empty()) return std::nullopt;
    for (const auto& e : kTable)
        if (e.name == name && e.op != Op::Imul3) return e.op;
    return std::nullopt;
}

std::string_view extensionOf(Op op) {
    switch (op) {
    case Op::Popcnt:
        return "popcnt";
    case Op::Lzcnt:
        return "lzcnt";
    case Op::Tzcnt:
    case Op::Andn:
    case Op::Blsi:
    case Op::Blsr:
    case Op::Blsmsk:
        return "bmi1";
    default:
        return "";
    }
}

std::optional<int> registerByName(std::string_view name) {
    for (int i = 0; i < kMaxRegisters; ++i)
        if (kRegisterNames[i] == name) return i;
    return std::nullopt;
}

std::string_view registerName(int reg, int size, bool high) {
    if (high) return highName(reg);
    switch (size) {
    case 8:
        return kNames64[reg];
    case 2:
        return kNames16[reg];
    case 1:
        return kNames8[reg];
    default:
        return kNames32[reg];
    }
}

std::optional<RegisterRef> generalRegisterByName(std::string_view name) {
    for (int r = 0; r < kGeneralRegisters; ++r) {
        for (int size : {8, 4, 2, 1})
            if (registerName(r, size) == name) return RegisterRef{r, size, false};
        if (!highName(r).empty() && highName(r) == name) return RegisterRef{r, 1, true};
    }
    return std::nullopt;
}

} // namespace superopt
