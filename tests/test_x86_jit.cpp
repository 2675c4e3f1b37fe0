// The x86 semantics against the CPU: random general programs (read through the
// Function dialect, so that only what it accepts runs) on random and edge-value
// states, emulated and run natively by the JIT; every bit the semantics call defined
// must match.
#include "superopt/core/x86_semantics.hpp"
#include "superopt/native/jit.hpp"

#include "random_functions.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <random>
#include <string>
#include <vector>

using namespace superopt;

namespace {

using namespace superopt::testing;

// Where the emulated and the native state differ on a bit the semantics define.
std::string difference(const CpuState& emulated, const CpuState& native) {
    for (int r = 0; r < kGeneralRegisters; ++r)
        if ((emulated.regs[r] ^ native.regs[r]) & emulated.defined[r])
            return "register " + std::string(registerName(r, 8));
    if ((emulated.flags ^ native.flags) & emulated.definedFlags) return "flags";
    for (int b = 0; b < kRedZone; ++b)
        if (emulated.stackDefined[b] && emulated.stack[b] != native.stack[b])
            return "stack byte " + std::to_string(b - kRedZone);
    return "";
}

} // namespace

TEST_CASE("x86 semantics match the CPU on random programs of every general opcode") {
    const bool extensions =
        cpuHasExtension("popcnt") && cpuHasExtension("lzcnt") && cpuHasExtension("bmi1");
    Rng rng(2026);
    int programs = 0, refused = 0, faulted = 0, runs = 0;
    int64_t definedBits = 0, flagRuns = 0; // what was compared, so that it is not nothing
    while (programs < 2500) {
        std::string text;
        auto parsed = randomProgram(rng, extensions, text);
        if (!parsed) {
            ++refused;
            continue;
        }
        const Program& p = *parsed;
        ++programs;
        const JitFunction native = JitFunction::compile(p);
        for (int k = 0; k < 4; ++k) {
            const CpuState in = randomState(rng);
            const CpuState emulated = run(p, in);
            if (emulated.fault) { // the CPU would trap (#DE): nothing to compare
                ++faulted;
                continue;
            }
            ++runs;
            for (uint64_t d : emulated.defined) definedBits += std::popcount(d);
            flagRuns += emulated.definedFlags == kArithmeticFlags;
            INFO(text);
            REQUIRE(difference(emulated, native.run(in)) == "");
        }
    }
    CHECK(refused < programs);  // the generator mostly writes what the dialect takes
    CHECK(faulted < runs / 10); // and mostly runs
    CHECK(definedBits > int64_t{runs} * 64 * kGeneralRegisters * 9 / 10);
    CHECK(flagRuns > runs / 3);
}
