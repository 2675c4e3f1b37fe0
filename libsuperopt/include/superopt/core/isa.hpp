// The instruction set: a data-driven opcode table (name, operand kinds, what each
// opcode reads and writes, flags, a latency figure) and the register names.
// Everything else (parser, emulator, legality, transforms, emitters) reads this
// table instead of switching on opcodes by name, so new opcodes slot in here.
//
// Two sets share it: the sorting kernels' (mov, cmp, six cmovs, seven jumps; what the
// sort emulator, rules, searches and agent use) and the general set of loop-free
// integer functions (ALU, shifts, multiply, divide, lea, setcc, every condition;
// core/x86_semantics.hpp), whose opcodes come after Label so that the sorting
// opcodes keep their numbers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace superopt {

enum class Op : uint8_t {
    Mov,
    Cmp,
    Cmovl,
    Cmovg,
    Cmovle,
    Cmovge,
    Cmove,
    Cmovne,
    Jmp,
    Je,
    Jne,
    Jl,
    Jle,
    Jg,
    Jge,
    Label, // a jump target; not an instruction (does not count in length)
    // The general set (loop-free integer functions).
    Add,
    Sub,
    And,
    Or,
    Xor,
    Not,
    Neg,
    Inc,
    Dec,
    Shl,
    Shr,
    Sar,
    Rol,
    Ror,
    Imul,  // two-operand: dst *= src
    Imul3, // three-operand: dst = src2 * imm (AT&T `imul $imm, src2, dst`)
    Lea,
    Test,
    Movzx,
    Movsx,
    Adc,
    Sbb,
    Cdq, // cltd: edx = the sign of eax
    Cqo, // cqto: rdx = the sign of rax
    Div,
    Idiv,
    Bsf,
    Bsr,
    Bswap,
    Popcnt, // extension popcnt
    Lzcnt,  // extension lzcnt
    Tzcnt,  // extension bmi1
    Andn,   // extension bmi1: dst = ~src2 & src (AT&T `andn src, src2, dst`)
    Blsi,   // extension bmi1
    Blsr,   // extension bmi1
    Blsmsk, // extension bmi1
    Cmovb,
    Cmovae,
    Cmovbe,
    Cmova,
    Cmovs,
    Cmovns,
    Cmovo,
    Cmovno,
    Cmovp,
    Cmovnp,
    Jb,
    Jae,
    Jbe,
    Ja,
    Js,
    Jns,
    Jo,
    Jno,
    Jp,
    Jnp,
    Seto,
    Setno,
    Setb,
    Setae,
    Sete,
    Setne,
    Setbe,
    Seta,
    Sets,
    Setns,
    Setp,
    Setnp,
    Setl,
    Setge,
    Setle,
    Setg,
};
inline constexpr int kOpCount = static_cast<int>(Op::Setg) + 1;
// The sorting kernels' opcodes that move or compare data, and their jumps.
inline constexpr std::array<Op, 8> kDataOps = {Op::Mov,    Op::Cmp,    Op::Cmovl, Op::Cmovg,
                                               Op::Cmovle, Op::Cmovge, Op::Cmove, Op::Cmovne};
inline constexpr std::array<Op, 7> kJumpOps = {Op::Jmp, Op::Je, Op::Jne, Op::Jl,
                                               Op::Jle, Op::Jg, Op::Jge};

// What an opcode does, in the terms the emulator and the legality check need.
// Arith is every general opcode but the conditional ones (its meaning is in
// x86_semantics.cpp), SetCond the setcc family.
enum class Family : uint8_t { Move, Compare, CondMove, Jump, Label, Arith, SetCond };

// The condition a conditional opcode tests. The sorting kernels use the first seven,
// on the signed comparison dst - src that the last `cmp src, dst` set; the rest are
// x86's other conditions on the flags (B: CF, BE: CF or ZF, S: SF, O: OF, P: PF).
enum class Cond : uint8_t { Always, L, G, LE, GE, E, NE, B, AE, BE, A, S, NS, O, NO, P, NP };
// Whether a condition is one the sorting kernels may use.
constexpr bool isSortCond(Cond c) {
    return c <= Cond::NE;
}

// Operand kinds as a bit set, so an opcode can accept several.
enum OperandKind : uint8_t {
    kNone = 0,
    kReg = 1,
    kMem = 2,
    kImm = 4,
    kLabel = 8,
    kAddr = 16, // base + index * scale + displacement: a stack slot, or lea's address
};

struct OpcodeInfo {
    Op op;
    std::string_view name;
    Family family;
    Cond cond;
    uint8_t srcKinds; // sorting kernels: kinds allowed as the first (AT&T source) operand
    uint8_t dstKinds; // sorting kernels: kinds allowed as the destination (last) operand
    bool readsFlags;
    bool writesFlags;
    bool readsDst;  // the destination's old value is read (cmp, cmov, add)
    bool writesDst; // the destination is written (mov, cmov, add)
    int latency;    // cycles, for the static latency model
    // General functions: the kinds allowed as source, middle (three-operand imul and
    // andn) and destination operand. An opcode with one operand has it as destination
    // (not, neg, inc, dec, bswap, setcc) or as source (div, idiv: the divisor).
    uint8_t generalSrc, generalSrc2, generalDst;
};

const OpcodeInfo& info(Op op);
std::span<const OpcodeInfo> opcodeTable(); // every opcode but Label
// Looks an opcode up by its mnemonic, without size suffix ("mov", "cmovl", "shl").
std::optional<Op> opcodeByName(std::string_view name);
// Whether an opcode belongs to the sorting kernels' set.
constexpr bool isSortOp(Op op) {
    return op <= Op::Label;
}
// Shifts and rotates: their count is an immediate or %cl, one byte.
constexpr bool isShift(Op op) {
    return op == Op::Shl || op == Op::Shr || op == Op::Sar || op == Op::Rol || op == Op::Ror;
}
// The extension an opcode needs ("popcnt", "lzcnt", "bmi1"), or "" for none.
std::string_view extensionOf(Op op);

// Registers are numbered; the emitters map number k to kRegisterNames[k].
// %edi is not available: %rdi holds the buffer pointer.
inline constexpr int kMaxRegisters = 14;
inline constexpr std::array<std::string_view, kMaxRegisters> kRegisterNames = {
    "eax",  "ecx", "edx", "esi",  "r8d",  "r9d",  "r10d",
    "r11d", "ebx", "ebp", "r12d", "r13d", "r14d", "r15d"};
// The 64-bit names, for saving callee-saved registers.
inline constexpr std::array<std::string_view, kMaxRegisters> kRegisterNames64 = {
    "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "rbx", "rbp", "r12", "r13", "r14", "r15"};
// Registers from this number on are callee-saved under the System V ABI.
inline constexpr int kFirstCalleeSaved = 8;
std::optional<int> registerByName(std::string_view name); // 32-bit name, no '%'

// General functions also have %rdi (their first argument), register kRdi: registers
// 0..kGeneralRegisters-1. The stack pointer is not a data register; a stack operand's
// base is kStackBase, and its displacement counts from the stack pointer at entry.
inline constexpr int kRdi = 14;
inline constexpr int kGeneralRegisters = 15;
inline constexpr int kStackBase = 15;
// Register names by operand size: 8, 4, 2, 1 bytes, and the high bytes %ah %ch %dh %bh
// (only registers 0, 1, 2, 8 have one).
std::string_view registerName(int reg, int size, bool high = false);
struct RegisterRef {
    int reg;
    int size; // bytes
    bool high;
};
// Any general register name, no '%': "rax", "eax", "ax", "al", "ah", "r9b", "dil"...
std::optional<RegisterRef> generalRegisterByName(std::string_view name);
// Callee-saved under the System V ABI (rbx, rbp, r12..r15).
constexpr bool isCalleeSaved(int reg) {
    return reg >= kFirstCalleeSaved && reg < kMaxRegisters;
}

// The state of the flags the signed conditions read (ZF, and whether SF != OF), as
// one number: `cmp src, dst` leaves kLess when dst < src, kEqual when they are equal,
// kGreater when dst > src. kLessAndEqual (ZF = 1 with SF != OF) is a state no compare
// leaves, but the flags a caller leaves may be in it. The numbers make l, g, le, ge one
// comparison with zero each (as the sign of dst - src would), and e, ne two.
enum Flags : int32_t { kLess = -2, kLessAndEqual = -1, kEqual = 0, kGreater = 1 };

constexpr Flags compareFlags(int32_t dst, int32_t src) {
    return dst < src ? kLess : dst == src ? kEqual : kGreater;
}

// True when `c` (a sort condition, isSortCond) holds for the flags `f`.
constexpr bool holds(Cond c, int32_t f) {
    switch (c) {
    case Cond::Always:
        return true;
    case Cond::L: // SF != OF
        return f < 0;
    case Cond::G: // ZF = 0 and SF = OF
        return f > 0;
    case Cond::LE:
        return f <= 0;
    case Cond::GE:
        return f >= 0;
    case Cond::E: // ZF
        return f == kEqual || f == kLessAndEqual;
    case Cond::NE:
        return f != kEqual && f != kLessAndEqual;
    default: // not a sort condition: the sorting kernels never reach here
        return false;
    }
}

} // namespace superopt
