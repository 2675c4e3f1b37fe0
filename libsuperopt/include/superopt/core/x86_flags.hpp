// The flag bits general programs read and write, and the bits of each operand width:
// what the semantics (x86_semantics.hpp), the instructions' shared meaning behind it and
// the batched emulator all speak in.
#pragma once

#include <cstdint>

namespace superopt {

// RFLAGS bits that instructions read or write (AF is never read and not kept).
inline constexpr uint32_t kCF = 1u << 0;
inline constexpr uint32_t kPF = 1u << 2;
inline constexpr uint32_t kZF = 1u << 6;
inline constexpr uint32_t kSF = 1u << 7;
inline constexpr uint32_t kOF = 1u << 11;
inline constexpr uint32_t kArithmeticFlags = kCF | kPF | kZF | kSF | kOF;

// The bits of a value of `size` bytes.
constexpr uint64_t maskOf(int size) {
    return size == 8 ? ~uint64_t{0} : (uint64_t{1} << 8 * size) - 1;
}

} // namespace superopt
