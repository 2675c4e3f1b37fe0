// Programs that read what their caller left (a register before writing it, the flags
// before a compare): verify decides them exactly. Every verdict is checked natively:
// the JIT'd kernel runs with the caller-left registers and flags preset (caller_state.S),
// a correct one on every case at many such values, a wrong one on its counterexample,
// which must fail natively just as verify says.
#include "superopt/core/program.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/native/jit.hpp"

#include <catch2/catch.hpp>

#include <climits>

extern "C" void call_with_state(void (*fn)(int32_t*), int32_t* buf, const int64_t* regs,
                                uint64_t rflags);

using namespace superopt;

namespace {

// RFLAGS for each state of isa.hpp's Flags: bit 1 is always set; SF (0x80) with OF
// clear makes SF != OF (the l condition), ZF is 0x40 (the e condition).
uint64_t rflags(int32_t flags) {
    return 0x2 | (holds(Cond::L, flags) ? 0x80 : 0) | (holds(Cond::E, flags) ? 0x40 : 0);
}

// The buffer after the kernel runs on `input` from these registers and flags.
std::vector<int32_t> runNatively(const JitKernel& k, std::vector<int32_t> buffer,
                                 const std::vector<std::pair<int, int32_t>>& registers,
                                 int32_t flags) {
    int64_t regs[kMaxRegisters];
    for (int r = 0; r < kMaxRegisters; ++r) regs[r] = 0x7a7a7a7a7a7a7a7a + r; // noise
    for (auto [r, value] : registers) regs[r] = value;
    call_with_state(k.function(), buffer.data(), regs, rflags(flags));
    return buffer;
}

// The counterexample reproduces natively: same output, not the expected one.
void reproduces(const Program& p, const Task& task, const Verdict& v) {
    REQUIRE(v.counterexample);
    const Counterexample& c = *v.counterexample;
    const JitKernel k = JitKernel::compile(p, task);
    const auto got = runNatively(k, c.input, c.callerRegisters, c.callerFlags.value_or(kGreater));
    CHECK(got == c.got);
    CHECK(got != c.expected);
}

// A correct verdict holds natively on every case of the complete set, with each
// caller-left register at each of `values` and the flags in each state.
void holdsNatively(const Program& p, const Task& task, const Verdict& v) {
    REQUIRE(v.correct);
    const JitKernel k = JitKernel::compile(p, task);
    const TestSet& all = completeSet(task);
    const int32_t values[] = {INT32_MIN, -65536, -1, 0, 1, 2, 3, 17, 65536, INT32_MAX};
    for (int32_t value : values)
        for (int32_t flags : {kGreater, kLess, kEqual, kLessAndEqual})
            for (int l = 0; l < all.count; ++l) {
                std::vector<int32_t> in, expected;
                for (int s = 0; s < all.slots; ++s) {
                    in.push_back(all.in(s, l));
                    expected.push_back(all.out(s, l));
                }
                std::vector<std::pair<int, int32_t>> registers;
                for (int r : v.callerRegisters) registers.emplace_back(r, value);
                REQUIRE(runNatively(k, in, registers, flags) == expected);
            }
}

// sort2 around a compare-exchange; `extra` goes before the stores.
Program sort2With(const std::string& before, const std::string& extra) {
    return parseProgram(before +
                        "mov (%rdi), %eax; mov 4(%rdi), %ecx; mov %eax, %edx;"
                        "cmp %ecx, %eax; cmovg %ecx, %eax; cmovg %edx, %ecx;" +
                        extra + "mov %eax, (%rdi); mov %ecx, 4(%rdi)");
}

// A varsort3 kernel that writes %r9d with a cmov before any plain write to it; with
// cmovge the condition holds for every length that gets there, with cmovg not for 2.
Program varsort3Writing(const std::string& cmov) {
    return parseProgram("mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp $2, %eax; jl 0f;" + cmov +
                        " %ecx, %r9d; mov 8(%rdi), %edx; cmp %edx, %ecx; cmovg %edx, %ecx;"
                        "cmovg %r9d, %edx; cmp $3, %eax; jl 1f; mov 12(%rdi), %esi;"
                        "mov %edx, %r8d; cmp %esi, %edx; cmovg %esi, %edx; cmovg %r8d, %esi;"
                        "mov %ecx, %r8d; cmp %edx, %ecx; cmovg %edx, %ecx; cmovg %r8d, %edx;"
                        "mov %esi, 12(%rdi); 1: mov %ecx, 4(%rdi); mov %edx, 8(%rdi); 0:");
}

} // namespace

TEST_CASE("a caller-left value that never matters is correct, counted and checked natively") {
    const Task varsort3 = Task::parse("varsort3");
    const Program p = varsort3Writing("cmovge");
    const Verdict v = verify(p, varsort3);
    CHECK(v.correct);
    CHECK(v.callerRegisters == std::vector<int>{5}); // %r9d
    CHECK_FALSE(v.callerFlags);
    CHECK(v.completeCases == 17);
    CHECK(v.cases == fubini(2) + fubini(3) + fubini(4)); // %r9d ranked among n = 1..3 inputs
    CHECK(v.describe(p) ==
          "correct on all 17 cases of the complete set (+ caller-left values: 91 cases)");
    holdsNatively(p, varsort3, v);
}

TEST_CASE("a caller-left value that reaches an output is wrong, and the counterexample names it") {
    const Task varsort3 = Task::parse("varsort3");
    const Program p = varsort3Writing("cmovg");
    const Verdict v = verify(p, varsort3);
    REQUIRE_FALSE(v.correct);
    REQUIRE(v.counterexample);
    CHECK(v.counterexample->input[0] == 2); // n = 2: cmovg does not move, %r9d stays
    REQUIRE(v.counterexample->callerRegisters.size() == 1);
    CHECK(v.counterexample->callerRegisters[0].first == 5);
    CHECK(v.describe(p).find("with %r9d = ") != std::string::npos);
    reproduces(p, varsort3, v);
}

TEST_CASE("a caller-left value that decides a compare is wrong, natively too") {
    const Task sort2 = Task::parse("sort2");
    // After sorting, `cmp %r10d, %eax; cmovg %ecx, %eax` puts the larger word first
    // whenever the caller's %r10d is below the smaller one.
    const Program p = sort2With("", "cmp %r10d, %eax; cmovg %ecx, %eax;");
    const Verdict v = verify(p, sort2);
    REQUIRE(v.counterexample);
    REQUIRE(v.counterexample->callerRegisters.size() == 1);
    CHECK(v.counterexample->callerRegisters[0].first == 6); // %r10d
    reproduces(p, sort2, v);
    // Compared but to no effect on the outputs: correct.
    const Program q = sort2With("", "cmp %r10d, %eax; cmovg %eax, %eax;");
    holdsNatively(q, sort2, verify(q, sort2));
}

TEST_CASE("the caller's flags: read before any compare, tried in each of their four states") {
    const Task sort2 = Task::parse("sort2");
    // Computes from the caller's flags what it then overwrites: correct.
    const Program harmless =
        sort2With("mov (%rdi), %eax; mov 4(%rdi), %ecx; cmovl %ecx, %eax;", "");
    // Sorts from a word the caller's flags chose: wrong.
    const Program p = parseProgram("mov (%rdi), %eax; mov 4(%rdi), %ecx; cmovl %ecx, %eax;"
                                   "mov %eax, %edx; cmp %ecx, %eax; cmovg %ecx, %eax;"
                                   "cmovg %edx, %ecx; mov %eax, (%rdi); mov %ecx, 4(%rdi)");
    const Verdict v = verify(p, sort2);
    REQUIRE(v.counterexample);
    REQUIRE(v.counterexample->callerFlags);
    CHECK(holds(Cond::L, *v.counterexample->callerFlags));
    CHECK(v.describe(p).find("flags less") != std::string::npos);
    reproduces(p, sort2, v);
    const Verdict w = verify(harmless, sort2);
    CHECK(w.correct);
    CHECK(w.callerFlags);
    CHECK(w.cases == 4 * fubini(2));
    holdsNatively(harmless, sort2, w);
}

TEST_CASE(
    "a caller-left value compared with the length is tried at every place among the lengths") {
    const Task varsort2 = Task::parse("varsort2");
    // Sorts buf[1..2] unless the caller's %r11d is at least the length 2.
    const Program p = parseProgram(
        "mov (%rdi), %eax; cmp $2, %eax; jl 0f; cmp %eax, %r11d; jge 0f;"
        "mov 4(%rdi), %ecx; mov 8(%rdi), %edx; mov %ecx, %esi; cmp %edx, %ecx;"
        "cmovg %edx, %ecx; cmovg %esi, %edx; mov %ecx, 4(%rdi); mov %edx, 8(%rdi); 0:");
    const Verdict v = verify(p, varsort2);
    REQUIRE(v.counterexample);
    REQUIRE(v.counterexample->callerRegisters.size() == 1);
    CHECK(v.counterexample->callerRegisters[0].first == 7);
    CHECK(v.counterexample->callerRegisters[0].second >= 2);
    reproduces(p, varsort2, v);
}

TEST_CASE("a function file that writes a callee-saved register must save and restore it") {
    const Task sort2 = Task::parse("sort2");
    const std::string body =
        "mov (%rdi), %eax; mov 4(%rdi), %ebx; mov %eax, %edx; cmp %ebx, %eax;"
        "cmovg %ebx, %eax; cmovg %edx, %ebx; mov %eax, (%rdi); mov %ebx, 4(%rdi);";
    const Program bare = parseProgram(".globl k; k: " + body + " ret", "k.s");
    const Verdict v = verify(bare, sort2);
    CHECK_FALSE(v.correct);
    CHECK(v.describe(bare) ==
          "wrong: writes %rbx, which the System V ABI has the callee preserve, without saving and "
          "restoring it");
    const Program saved = parseProgram(".globl k; k: push %rbx; " + body + " pop %rbx; ret", "k.s");
    CHECK(verify(saved, sort2).correct);
    // A plain instruction list is no function: exporting it adds the saves.
    CHECK(verify(parseProgram(body), sort2).correct);
}

TEST_CASE("the extended set has the sizes the weak orderings give") {
    // The sort4 network after `mov %r11d, %r11d`: one caller-left value, ranked among
    // the 4 inputs: Fubini(5) = 541 cases, against 75 for the complete set.
    const Task sort4 = Task::parse("sort4");
    const Program p = parseProgram("mov %r11d, %r11d\n" + toText(humanBenchmark(sort4)));
    const Verdict v = verify(p, sort4);
    CHECK(v.correct);
    CHECK(v.cases == 541);
    CHECK(v.describe(p) ==
          "correct on all 75 cases of the complete set (+ caller-left values: 541 cases)");
    // Reading the caller's flags too multiplies by their 4 states.
    const Program q = parseProgram("cmovl %r11d, %r11d\n" + toText(humanBenchmark(sort4)));
    CHECK(verify(q, sort4).cases == 4 * 541);
}
