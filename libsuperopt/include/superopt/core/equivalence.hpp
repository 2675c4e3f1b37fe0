// Decided by an SMT solver (Z3, bit-vectors): the equivalence of general functions, and
// whether a sorting kernel outside the comparison subset sorts. A rewrite is equal to
// its target when, for every argument value and whatever the caller left in other
// registers, the flags and the stack, it gives the same result wherever the target does
// not fault, and faults nowhere else. Bits x86 leaves undefined are free variables, so a
// result that depends on them differs for some choice. Each opcode has one encoding,
// checked against the x86 semantics (x86_semantics.hpp) on random programs and states.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/target.hpp"
#include "superopt/core/task.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/core/x86_semantics.hpp"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace superopt {

struct Equivalence {
    enum class Verdict { Equal, Differs, Unknown };
    Verdict verdict = Verdict::Unknown;
    std::vector<uint64_t> counterexample; // Differs: argument values (as the signature types them)
    std::string reason;                   // Unknown: the solver's reason (e.g. "timeout")
    double seconds = 0;
};

// How the solver's time limit is counted: wall-clock seconds, or work: Z3's resource
// units, kSolverWorkPerSecond per second (about a second each on a 2021 x86-64 core,
// measured on an AMD EPYC Zen 3), so that the verdict does not depend on the machine's
// load or on how many searches share it, and a seed gives the same result every time.
// A work limit also stops at 10x its seconds of wall-clock time plus 10 s, against a
// pathological query that would count too slowly.
enum class SolverLimit { WallClock, Work };
inline constexpr double kSolverWorkPerSecond = 1.5e6;

// Decides whether `rewrite` computes what `target` computes under `signature`; the
// solver gives up after `seconds` (Unknown, reason "timeout"; with a work limit, as said
// above; the whole query, its simplification included, within a second more), or within
// 20 ms of `*stop` turning true (Unknown, reason "interrupted"): never treat either as
// equal.
Equivalence proveEquivalent(const Program& target, const Program& rewrite,
                            const Signature& signature, double seconds = 30,
                            SolverLimit limit = SolverLimit::WallClock,
                            const std::atomic<bool>* stop = nullptr);

// Whether a sorting kernel sorts, decided by the solver: for kernels outside what the
// complete check decides (verify.hpp: arithmetic, sbb/adc masks, data compared with
// immediates). The task's buffer words are fixed locations, each any 32-bit value (a
// varsort length 1..N), and everything the caller left is free; the kernel is correct
// when for every input its words 1..n (sortN: all) end in ascending signed order and
// as a permutation of what they held, without touching a word past the buffer or the
// length, or writing the length. The verdict has `solverSeconds` set; a solver timeout
// (`seconds`, wall-clock) or `*stop` leaves it undecided, never correct. A
// counterexample names the caller-left registers and flags its outcome depends on
// (`callerState`). Measured: sort3 and sort4 about a second, sort5 about 10 s, sort6
// minutes (README).
Verdict proveSorts(const Program& kernel, const Task& task, double seconds = 30,
                   const std::atomic<bool>* stop = nullptr);

// For the encoding's tests: runs `p` symbolically from the concrete state `in` (its
// undefined bits free) and says where the solver's result can differ from `expected`
// on a bit `expected` calls defined ("register rax", "flags", "stack byte -12", "fault"),
// or nothing when it cannot.
std::optional<std::string> encodingMismatch(const Program& p, const CpuState& in,
                                            const CpuState& expected);

// The solver's version, "4.8.12".
std::string solverVersion();

} // namespace superopt
