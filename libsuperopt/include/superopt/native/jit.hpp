// The JIT: a legal program as a callable native kernel (asmjit), under the contract
// of the exported kernel (core/export.hpp): `void(int32_t* buf)`, buf in %rdi,
// register k is kRegisterNames[k], callee-saved registers used are saved and
// restored, code aligned to 64 bytes. Only programs that pass the legality check are
// ever emitted, so a kernel touches nothing but its task's buffer and terminates.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

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

// Owns one compiled kernel; movable, not copyable. Compiling the same program twice
// gives two separate copies at two (aligned) addresses.
class JitKernel {
  public:
    // Throws std::invalid_argument with jitRefusal's message, before emitting
    // anything, when the program may not be compiled.
    static JitKernel compile(const Program& p, const Task& task);

    JitKernel(JitKernel&& other) noexcept;
    JitKernel& operator=(JitKernel&& other) noexcept;
    JitKernel(const JitKernel&) = delete;
    JitKernel& operator=(const JitKernel&) = delete;
    ~JitKernel();

    void operator()(int32_t* buf) const { fn_(buf); }
    KernelFn function() const { return fn_; }
    size_t codeSize() const { return size_; }

  private:
    JitKernel(KernelFn fn, size_t size) : fn_(fn), size_(size) {}
    KernelFn fn_ = nullptr;
    size_t size_ = 0;
};

} // namespace superopt
