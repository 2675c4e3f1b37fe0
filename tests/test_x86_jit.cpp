// The x86 semantics against the CPU: random general programs (read through the
// Function dialect, so that only what it accepts runs) on random and edge-value
// states, emulated and run natively by the JIT; every bit the semantics call defined
// must match.
#include "superopt/core/export.hpp"
#include "superopt/core/target.hpp"
#include "superopt/core/x86_semantics.hpp"
#include "superopt/native/jit.hpp"
#include "superopt/native/latency.hpp"

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

TEST_CASE("a target compiles to a native function that gives the emulator's result") {
    // %ebx is callee-saved, so the function saves it on the stack: its stack slot, at
    // -16 from the stack pointer at entry, must stay where it was.
    const Program p = parseProgram("mov %edi, -16(%rsp)\nmov %edi, %ebx\nadd -16(%rsp), %ebx\n"
                                   "lea 1(%rbx), %eax",
                                   "<test>", "", Dialect::Function);
    const Signature sig = parseSignature("i32(i32)");
    const auto native = JitTarget::compile(p);
    for (uint64_t x : {0ull, 1ull, 0x7fffffffull, 0xfffffffffffffff0ull, 0x123456789ull}) {
        const auto want = resultOf(sig, run(p, entryState(sig, std::vector<uint64_t>{x})));
        REQUIRE(want);
        CHECK(*want == ((2 * x + 1) & 0xffffffff));
        CHECK((native.function()(x, 0, 0, 0, 0, 0) & 0xffffffff) == *want);
    }
    // The exported file saves %rbx the same way and reads back as the same program.
    CHECK(parseProgram(exportKernel(p, "f"), "<export>", "f", Dialect::Function).code == p.code);

    // A slot where the saved register goes cannot be kept.
    const Program overlap = parseProgram("mov %edi, -8(%rsp)\nmov %edi, %ebx\nmov %ebx, %eax",
                                         "<test>", "", Dialect::Function);
    CHECK_THROWS_WITH(JitTarget::compile(overlap), Catch::Contains("overlaps the callee-saved"));
    CHECK_THROWS_AS(exportKernel(overlap, "f"), std::invalid_argument);
}

TEST_CASE("target functions are measured with random arguments, never where they fault") {
    // x / (y & 3) divides by zero on a quarter of random arguments: those are drawn again.
    const Target target{
        "f",
        parseProgram("mov %edi, %eax\nmov %esi, %ecx\nand $3, %ecx\nxor %edx, %edx\n"
                     "div %ecx",
                     "<a>", "", Dialect::Function),
        parseSignature("u32(u32,u32)")};
    const Program programs[] = {target.program,
                                parseProgram("mov %edi, %eax\nmov %esi, %ecx\nand $3, %ecx\n"
                                             "xor %edx, %edx\ndiv %ecx\nimul %eax, %eax",
                                             "<b>", "", Dialect::Function)};
    LatencyOptions opt;
    opt.inputs = 1000;
    opt.measurements = 50;
    const auto report = measureLatency(std::span<const Program>(programs), target, opt);
    REQUIRE(report.kernels.size() == 2);
    for (const auto& l : report.kernels) {
        CHECK(l.measurements == 50);
        CHECK(l.low <= l.cycles);
        CHECK(l.cycles <= l.high);
    }
    CHECK(report.kernels[0].cycles > 0);
    CHECK_THROWS_AS(
        measureLatency(std::span<const Program>(programs), target, LatencyOptions{.inputs = 0}),
        std::invalid_argument);
}
