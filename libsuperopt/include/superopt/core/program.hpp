// Programs: instructions over registers, buffer slots and immediates, with forward
// labels; AT&T text in and out. Printing then parsing gives the same program, and
// printing that again gives the same text.
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
    int32_t value = 0; // register number, slot index (byte offset / 4), immediate, label id

    static Operand reg(int r) { return {kReg, r}; }
    static Operand mem(int slot) { return {kMem, slot}; }
    static Operand imm(int32_t v) { return {kImm, v}; }
    static Operand label(int id) { return {kLabel, id}; }
    friend bool operator==(const Operand&, const Operand&) = default;
};

// AT&T order: `op src, dst`. Jumps and labels keep their label in `dst`.
struct Instruction {
    Op op = Op::Mov;
    Operand src;
    Operand dst;
    friend bool operator==(const Instruction&, const Instruction&) = default;
};

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

// A parse or file error, already formatted as `FILE:LINE:COL: message`.
class ParseError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Parses AT&T assembly: one instruction per line or `;`-separated, `#` comments,
// labels, decimal and hex offsets, `l` size suffixes, 32-bit register names.
// Assembler directives are skipped. When `symbol` is not empty, only the body of
// that function is read (from `symbol:` to its `ret`), and the push/pop of
// callee-saved registers around it is dropped. `file` names the source in errors.
Program parseProgram(std::string_view text, std::string_view file = "<input>",
                     std::string_view symbol = "");
Program readProgramFile(const std::string& path, std::string_view symbol = "");

std::string toString(const Operand& op, const Program& p);
std::string toString(const Instruction& in, const Program& p);
// One instruction per line, labels on their own line, no `ret`.
std::string toText(const Program& p);
// The same as a list of lines (what result files store).
std::vector<std::string> toLines(const Program& p);

} // namespace superopt
