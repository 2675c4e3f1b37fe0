// Programs: instructions over registers, buffer slots, stack slots and immediates,
// with forward labels; AT&T text in and out. Printing then parsing gives the same
// program, and printing that again gives the same text. Three dialects read text: a
// sorting kernel's (32-bit registers, memory only as offset(%rdi) into the buffer), a
// general function's (every register width, %rdi an argument, the stack frame), and a
// sorting kernel written with a function's instructions (Buffer).
#pragma once

#include "superopt/core/isa.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace superopt {

struct Operand {
    OperandKind kind = kNone;
    uint8_t size = 4;  // bytes of a register or memory operand: 1, 2, 4 or 8
    bool high = false; // the high byte register %ah %ch %dh %bh (size 1)
    uint8_t scale = 1; // kAddr: 1, 2, 4 or 8
    // Register number, buffer slot (byte offset / 4), immediate, label id; for kAddr
    // the displacement.
    int32_t value = 0;
    int8_t base = -1;  // kAddr: base register, kStackBase (the stack pointer at entry), -1 none
    int8_t index = -1; // kAddr: index register, -1 none

    constexpr Operand() = default;
    constexpr Operand(OperandKind kind, int32_t value, int size = 4, bool high = false,
                      int base = -1, int index = -1, int scale = 1)
        : kind(kind), size(static_cast<uint8_t>(size)), high(high),
          scale(static_cast<uint8_t>(scale)), value(value), base(static_cast<int8_t>(base)),
          index(static_cast<int8_t>(index)) {}
    static Operand reg(int r) { return {kReg, r}; }
    static Operand reg(int r, int size, bool high = false) { return {kReg, r, size, high}; }
    static Operand mem(int slot) { return {kMem, slot}; }
    static Operand imm(int32_t v) { return {kImm, v}; }
    static Operand label(int id) { return {kLabel, id}; }
    // A stack slot of `size` bytes at `offset` from the stack pointer at entry.
    static Operand stack(int offset, int size) { return {kAddr, offset, size, false, kStackBase}; }
    bool isStack() const { return kind == kAddr && base == kStackBase; }
    // Whether only `kind` and `value` are set, as in every sorting kernel.
    bool plain() const { return size == 4 && !high && scale == 1 && base == -1 && index == -1; }
    friend bool operator==(const Operand&, const Operand&) = default;
};

// Whether `o` names register `reg`: as a register at any width, or in an address.
bool namesRegister(const Operand& o, int reg);

// AT&T order: `op src, dst`, and `op src, src2, dst` for three-operand imul and andn.
// Jumps and labels keep their label in `dst`.
struct Instruction {
    Op op = Op::Mov;
    Operand src = {};
    Operand dst = {};
    Operand src2 = {};
    friend bool operator==(const Instruction&, const Instruction&) = default;
};

// Whether one of `in`'s operands names register `reg` (implicit operands aside).
bool namesRegister(const Instruction& in, int reg);

// A program is a sequence of instructions and labels. Label ids index `labelNames`.
struct Program {
    std::vector<Instruction> code;
    std::vector<std::string> labelNames;
    // Read from a function in a file: the callee-saved registers its prologue pushes
    // (and its epilogue pops). Not set for plain instruction lists.
    std::optional<std::vector<int>> savedRegisters;

    // Instructions, not counting labels (or the implicit `ret`).
    int length() const;
    bool hasJumps() const;
    // A hash of the code (label names and numbering aside), to tell programs apart quickly.
    uint64_t hash() const;
    // The callee-saved registers (numbers >= kFirstCalleeSaved) it uses, ascending:
    // what a kernel must save and restore.
    std::vector<int> calleeSaved() const;
    friend bool operator==(const Program&, const Program&) = default;
};

// The program as code that runs after `pushes` pushes (of the callee-saved registers it
// uses): every stack slot's displacement from the stack pointer grows by 8 per push, so
// that it names the same byte relative to the stack pointer at entry. Throws
// std::invalid_argument when a slot overlaps the pushed registers.
Program afterPushes(Program p, int pushes);

// An integer as assembly and the command line write it: an optional '-', then decimal
// digits or 0x hex. Its sign and magnitude, or nothing when it is not one (or the
// magnitude passes 64 bits).
struct SignedMagnitude {
    bool negative;
    uint64_t magnitude;
};
std::optional<SignedMagnitude> parseInteger(std::string_view text);

// A parse or file error, already formatted as `FILE:LINE:COL: message`.
class ParseError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// What text means. Kernel: a sorting kernel (32-bit register names, `l` suffixes,
// memory only as offset(%rdi) into the buffer, %rdi reserved). Function: a general
// loop-free function as gcc or clang emit it at any -O level (every register width,
// b/w/l/q suffixes, %rdi its first argument, stack slots relative to %rsp or to the
// frame pointer %rbp that a `push %rbp; mov %rsp, %rbp` prologue sets up, lea's
// base + index * scale + displacement). Buffer: a sorting kernel written with a
// function's instructions (sbb/adc masks, arithmetic: what the solver verifies); the
// Function dialect, with memory through registers as well: the buffer, whose pointer
// comes in %rdi (and may be copied, moved or indexed, as compilers do), read and
// written in 32-bit words.
enum class Dialect { Kernel, Function, Buffer };

// The one `.globl NAME` of an assembly text, or "" unless there is exactly one.
std::string_view soleGlobal(std::string_view text);

// The dialect that reads back what toText prints: Kernel for a program of the sorting
// kernels' instructions and operands, else Buffer when it reads or writes memory
// through a register, else Function.
Dialect dialectOf(const Program& p);

// Parses AT&T assembly: one instruction per line or `;`-separated, `#` comments,
// labels, decimal and hex offsets. Assembler directives are skipped. When `symbol`
// is not empty, only the body of that function is read (from `symbol:` to its
// `ret`), and its prologue and epilogue (the push/pop of callee-saved registers,
// and in a function the frame pointer's setup) are dropped. `file` names the source
// in errors.
Program parseProgram(std::string_view text, std::string_view file = "<input>",
                     std::string_view symbol = "", Dialect dialect = Dialect::Kernel);
Program readProgramFile(const std::string& path, std::string_view symbol = "",
                        Dialect dialect = Dialect::Kernel);
// A file's text; throws ParseError ("PATH: cannot open file").
std::string readAssemblyFile(const std::string& path);

std::string toString(const Operand& op, const Program& p);
std::string toString(const Instruction& in, const Program& p);
// One instruction per line, labels on their own line, no `ret`.
std::string toText(const Program& p);
// The same as a list of lines (what result files store).
std::vector<std::string> toLines(const Program& p);

} // namespace superopt
