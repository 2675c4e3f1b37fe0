// The JIT: a legal program as a callable native kernel (asmjit), under the contract
// of the exported kernel (core/export.hpp): `void(int32_t* buf)`, buf in %rdi,
// register k is kRegisterNames[k], callee-saved registers used are saved and
// restored, code aligned to 64 bytes. Only programs that pass the legality check are
// ever emitted, so a kernel touches nothing but its task's buffer and terminates.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"
#include "superopt/core/x86_semantics.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace superopt {

// A native kernel: the JIT's, an exported one linked in, or a compiled baseline.
using KernelFn = void (*)(int32_t* buf);

// Code addresses are aligned to this many bytes: placement changes latency.
inline constexpr size_t kKernelAlignment = 64;

// Why `p` may not be compiled for `task`: a malformed field (unknown opcode or
// operand kind, a jump to a label that is never placed) or the first violation of
// checkVerifiable(p, task): the JIT takes every program verify decides, including
// those that read what the caller left. Nothing when it may.
std::optional<std::string> jitRefusal(const Program& p, const Task& task);

// Compiled code, released when its owner dies: movable, not copyable.
struct ReleaseCode {
    void operator()(void* code) const;
};
using NativeCode = std::unique_ptr<void, ReleaseCode>;

// Owns one compiled kernel. Compiling the same program twice gives two separate
// copies at two (aligned) addresses.
class JitKernel {
  public:
    // Throws std::invalid_argument with jitRefusal's message, before emitting
    // anything, when the program may not be compiled.
    static JitKernel compile(const Program& p, const Task& task);

    void operator()(int32_t* buf) const { function()(buf); }
    KernelFn function() const { return reinterpret_cast<KernelFn>(code_.get()); }
    size_t codeSize() const { return size_; }

  private:
    JitKernel(NativeCode code, size_t size) : code_(std::move(code)), size_(size) {}
    NativeCode code_;
    size_t size_ = 0;
};

// A target function, native: System V, up to six integer arguments in rdi rsi rdx rcx
// r8 r9, the result in rax (for a 32-bit result only eax counts). Extra arguments are
// ignored, so every target and every compiled C function of integer arguments fits.
using TargetFn = uint64_t (*)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

// A target's program (or a rewrite of it) compiled as such a function: its callee-saved
// registers saved and restored, its stack slots in the red zone, code aligned to 64 bytes.
class JitTarget {
  public:
    // Throws std::invalid_argument when the CPU lacks an extension the program uses,
    // when a stack slot overlaps the saved registers (afterPushes), or when the
    // program reads memory other than its stack slots.
    static JitTarget compile(const Program& p);

    TargetFn function() const { return reinterpret_cast<TargetFn>(code_.get()); }

  private:
    explicit JitTarget(NativeCode code) : code_(std::move(code)) {}
    NativeCode code_;
};

// Whether this CPU runs an extension's opcodes (isa.hpp: extensionOf): "popcnt",
// "lzcnt", "bmi1"; "" is always true. Without LZCNT and BMI1, lzcnt and tzcnt run
// silently as bsr and bsf, so nothing may run them there.
bool cpuHasExtension(std::string_view extension);

// A general program inside a harness that loads a whole machine state (every general
// register, the flags, the red zone), runs the code, and stores the state back: the
// native reference the x86 semantics are tested against.
class JitFunction {
  public:
    // Throws std::invalid_argument when the program uses an extension this CPU lacks,
    // or when asmjit cannot encode an instruction.
    static JitFunction compile(const Program& p);
    // The state after the program. Every bit of the result counts as defined; the
    // caller compares what the semantics say is defined. Only the arithmetic flags
    // (kArithmeticFlags) of `in` are loaded.
    CpuState run(const CpuState& in) const;

  private:
    NativeCode code_;
};

} // namespace superopt
