// A target: a general loop-free function to improve, read from assembly (gcc or clang
// output at any -O level, or hand-written AT&T) with its System V signature: integer
// arguments in rdi rsi rdx rcx r8 r9, the result in eax or rax.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/x86_semantics.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace superopt {

enum class IntType { I32, U32, I64, U64 };

struct Signature {
    IntType result = IntType::I32;
    std::vector<IntType> args; // at most six

    // "i32(i32,u64)".
    std::string text() const;
};

// Reads "i32(i32)", "u64(u64,u64,i32)", "i32()"; throws std::invalid_argument saying
// what is wrong.
Signature parseSignature(const std::string& text);

// Whether a type is 64 bits wide (else 32).
constexpr bool isWide(IntType t) {
    return t == IntType::I64 || t == IntType::U64;
}
// Where the result is: %eax or %rax.
inline Operand resultRegister(const Signature& sig) {
    return Operand::reg(0, isWide(sig.result) ? 8 : 4);
}

// The register that passes argument k (0..5): rdi, rsi, rdx, rcx, r8, r9.
int argumentRegister(int k);

// The state at entry with these argument values: each argument in its register (a
// 32-bit argument's upper half is the caller's, so undefined), every other register,
// the flags and the red zone undefined.
CpuState entryState(const Signature& sig, std::span<const uint64_t> args);

// The function's result in a final state: the value (zero-extended from 32 bits for
// i32/u32), or nothing when it faulted or the result depends on undefined bits.
std::optional<uint64_t> resultOf(const Signature& sig, const CpuState& s);

// The result as the signature types it ("-1", "4294967295").
std::string formatValue(IntType type, uint64_t value);
// An argument as the signature types it: decimal or 0x hex, in range; throws
// std::invalid_argument.
uint64_t parseValue(IntType type, const std::string& text);
// The call "name(3, -1)", its arguments as the signature types them.
std::string formatCall(const std::string& name, const Signature& sig,
                       const std::vector<uint64_t>& args);

// The registers and stack slots an instruction reads, explicitly or not (flags aside):
// `xor %eax, %eax` (and sub, sbb of a register from itself) reads none.
std::vector<Operand> operandsRead(const Instruction& in);

// Why `p` cannot be a function of `sig`, or nothing: straight through its code (jumps
// aside), a register read before anything wrote any of it must be an argument, a stack
// slot must be written before it is read, and the flags set before they are read. The message names
// the instruction ("instruction 2 (mov %esi, %eax) reads %esi, ...").
std::optional<std::string> signatureMismatch(const Program& p, const Signature& sig);

// Where a target is: its file, the function in it (empty: the file's one function)
// and its signature's text.
struct TargetSpec {
    std::string file, function, signature;
    bool empty() const { return file.empty(); }
    friend bool operator==(const TargetSpec&, const TargetSpec&) = default;
};

struct Target {
    std::string name; // the function's symbol ("" for a plain list of instructions)
    Program program;
    Signature signature;
};

// Reads `function` (or the file's one function) of an assembly file in the Function
// dialect and checks it against the signature (signatureMismatch), and that its result
// is wholly defined on edge-value arguments. Throws ParseError
// (FILE:LINE:COL) or std::invalid_argument ("FILE: function f: ...").
Target readTarget(const std::string& path, const std::string& function,
                  const std::string& signature);
inline Target readTarget(const TargetSpec& t) {
    return readTarget(t.file, t.function, t.signature);
}

} // namespace superopt
