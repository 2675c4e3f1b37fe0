// Which vector instruction set the emulator's and the cost's lane loops run on. The
// library is built for baseline x86-64; those loops are compiled once per path
// (baseline SSE2, AVX2, AVX-512) and the fastest one the CPU supports is used unless
// the caller (or the environment variable SUPEROPT_ISA) asks for a lower one. Every
// path gives bit-identical results: only the speed differs.
#pragma once

#include <string>
#include <vector>

namespace superopt {

enum class VectorIsa { Baseline, Avx2, Avx512 };

std::string toString(VectorIsa isa); // "baseline", "avx2", "avx512"
// "baseline", "avx2", "avx512"; "auto" or "" is the best this CPU supports. Throws
// std::invalid_argument for other names and for paths the CPU lacks.
VectorIsa parseVectorIsa(const std::string& name);
bool cpuSupports(VectorIsa isa);
// The paths this CPU can run, lowest first.
std::vector<VectorIsa> supportedVectorIsas();

// The path used by emulators created from now on. Until set, it is SUPEROPT_ISA's
// (read at the first call; a bad value throws std::invalid_argument), or the best
// the CPU supports.
VectorIsa activeVectorIsa();
void setActiveVectorIsa(VectorIsa isa); // throws std::invalid_argument if the CPU lacks it

} // namespace superopt
