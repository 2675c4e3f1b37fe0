// The instruction set: a data-driven opcode table (name, operand kinds, what each
// opcode reads and writes, flags, a latency figure) and the register names.
// Everything else (parser, emulator, legality, transforms, emitters) reads this
// table instead of switching on opcodes by name, so new opcodes slot in here.
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
};
inline constexpr int kOpCount = static_cast<int>(Op::Label) + 1;
// The opcodes that move or compare data, and the jumps.
inline constexpr std::array<Op, 8> kDataOps = {Op::Mov,    Op::Cmp,    Op::Cmovl, Op::Cmovg,
                                               Op::Cmovle, Op::Cmovge, Op::Cmove, Op::Cmovne};
inline constexpr std::array<Op, 7> kJumpOps = {Op::Jmp, Op::Je, Op::Jne, Op::Jl,
                                               Op::Jle, Op::Jg, Op::Jge};

// What an opcode does, in the terms the emulator and the legality check need.
enum class Family : uint8_t { Move, Compare, CondMove, Jump, Label };

// Condition on the signed comparison dst - src set by the last `cmp src, dst`.
enum class Cond : uint8_t { Always, L, G, LE, GE, E, NE };

// Operand kinds as a bit set, so an opcode can accept several.
enum OperandKind : uint8_t {
    kNone = 0,
    kReg = 1,
    kMem = 2,
    kImm = 4,
    kLabel = 8,
};

struct OpcodeInfo {
    Op op;
    std::string_view name;
    Family family;
    Cond cond;
    uint8_t srcKinds; // kinds allowed as the first (AT&T source) operand
    uint8_t dstKinds; // kinds allowed as the second (destination) operand
    bool readsFlags;
    bool writesFlags;
    bool readsDst;  // the destination's old value is read (cmp, cmov)
    bool writesDst; // the destination is written (mov, cmov)
    int latency;    // cycles, for the static latency model
};

const OpcodeInfo& info(Op op);
std::span<const OpcodeInfo> opcodeTable();
// Looks an opcode up by mnemonic; also accepts an AT&T `l` size suffix ("movl").
std::optional<Op> opcodeByName(std::string_view name);

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

// The state of the flags the signed conditions read (ZF, and whether SF != OF), as
// one number: `cmp src, dst` leaves kLess when dst < src, kEqual when they are equal,
// kGreater when dst > src. kLessAndEqual (ZF = 1 with SF != OF) is a state no compare
// leaves, but the flags a caller leaves may be in it. The numbers make l, g, le, ge one
// comparison with zero each (as the sign of dst - src would), and e, ne two.
enum Flags : int32_t { kLess = -2, kLessAndEqual = -1, kEqual = 0, kGreater = 1 };

constexpr Flags compareFlags(int32_t dst, int32_t src) {
    return dst < src ? kLess : dst == src ? kEqual : kGreater;
}

// True when `c` holds for the flags `f`.
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
    }
    return false;
}

} // namespace superopt
