// The SMT encoding: each opcode against the x86 semantics on random programs and
// states, and equivalence verdicts on exact cases (equal rewrites, wrong ones, ones
// that read undefined bits or what the caller left, ones that fault).
#include "superopt/core/equivalence.hpp"

#include "random_functions.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include <signal.h>
#include <unistd.h>

using namespace superopt;

namespace {

Program function(const std::string& text) {
    return parseProgram(text, "f.s", "", Dialect::Function);
}

// gcc 12 -O0 of `int p01(int x) { return x & (x - 1); }`, its body.
const char* const kP01 = "movl %edi, -4(%rsp)\nmovl -4(%rsp), %eax\nsubl $1, %eax\n"
                         "andl -4(%rsp), %eax\n";

// Unsigned division by 7 against its multiply-and-shift form: more than 20 s of solver
// time on a 2021 core, a query to stop before it ends.
const char* const kDivideBy7 = "movl %edi, %eax\nxorl %edx, %edx\nmovl $7, %ecx\ndivl %ecx\n";
const char* const kDivideBy7Rewrite =
    "movl %edi, %eax\nmovl $0x24924925, %ecx\nimulq %rcx, %rax\nshrq $32, %rax\n"
    "movl %edi, %ecx\nsubl %eax, %ecx\nshrl %ecx\naddl %ecx, %eax\nshrl $2, %eax\n";

// The division proof with a wall-clock limit and a stop flag.
Equivalence divideBy7(double seconds, const std::atomic<bool>* stop = nullptr) {
    return proveEquivalent(function(kDivideBy7), function(kDivideBy7Rewrite),
                           parseSignature("u32(u32)"), seconds, SolverLimit::WallClock, stop);
}

Equivalence versus(const char* target, const std::string& rewrite, const char* signature) {
    return proveEquivalent(function(target), function(rewrite), parseSignature(signature), 60);
}

} // namespace

TEST_CASE("the SMT encoding agrees with the x86 semantics on random programs") {
    testing::Rng rng(11);
    int checked = 0;
    while (checked < 300) {
        std::string text;
        auto p = testing::randomProgram(rng, true, text);
        if (!p) continue;
        CpuState in = testing::randomState(rng);
        // And from states with undefined parts, but for divisions: whether they fault
        // then hangs on undefined bits, which the semantics read as they happen to be.
        if (rng() % 2 && text.find("div") == std::string::npos) {
            for (auto& d : in.defined)
                d = rng() % 3 == 0 ? 0 : rng() % 2 ? 0xffffffff : ~uint64_t{0};
            in.definedFlags = static_cast<uint32_t>(rng()) & kArithmeticFlags;
        }
        const CpuState expected = run(*p, in);
        INFO(text);
        REQUIRE(encodingMismatch(*p, in, expected).value_or("") == "");
        ++checked;
    }
}

TEST_CASE("an encoding that differs from the semantics is caught") {
    // The semantics say 0x7fffffff + 1 sets OF; a state that claims otherwise differs.
    const Program p = function("addl $1, %eax");
    testing::Rng rng(1);
    CpuState in = testing::randomState(rng);
    in.regs[0] = 0x7fffffff;
    CpuState expected = run(p, in);
    CHECK(encodingMismatch(p, in, expected) == std::nullopt);
    expected.flags ^= kOF;
    CHECK(encodingMismatch(p, in, expected) == "flags");
    expected = run(p, in);
    expected.regs[0] ^= 1;
    CHECK(encodingMismatch(p, in, expected) == "register rax");
}

TEST_CASE("equivalence: equal rewrites are proved equal") {
    using V = Equivalence::Verdict;
    CHECK(versus(kP01, "leal -1(%rdi), %eax\nandl %edi, %eax", "i32(i32)").verdict == V::Equal);
    CHECK(versus(kP01, "blsrl %edi, %eax", "i32(i32)").verdict == V::Equal);
    // x / 2 rounded toward zero, as gcc -O2 writes it, against the division.
    CHECK(versus("movl %edi, %eax\nmovl $2, %ecx\ncltd\nidivl %ecx",
                 "movl %edi, %eax\nshrl $31, %eax\naddl %edi, %eax\nsarl %eax", "i32(i32)")
              .verdict == V::Equal);
    // Branches against a cmov.
    CHECK(versus("movl %edi, %eax\ncmpl %esi, %edi\njge 1f\nmovl %esi, %eax\n1:",
                 "cmpl %esi, %edi\nmovl %esi, %eax\ncmovge %edi, %eax", "i32(i32,i32)")
              .verdict == V::Equal);
}

TEST_CASE("equivalence: a wrong rewrite gets a counterexample that is one") {
    const Program target = function(kP01),
                  rewrite = function("leal -1(%rdi), %eax\norl %edi, %eax");
    const Signature sig = parseSignature("i32(i32)");
    const Equivalence e = proveEquivalent(target, rewrite, sig);
    REQUIRE(e.verdict == Equivalence::Verdict::Differs);
    REQUIRE(e.counterexample.size() == 1);
    const CpuState in = entryState(sig, e.counterexample);
    CHECK(resultOf(sig, run(target, in)) != resultOf(sig, run(rewrite, in)));
}

TEST_CASE("equivalence: undefined bits, caller-left values and faults make a rewrite differ") {
    using V = Equivalence::Verdict;
    // The upper half of an i32 argument is the caller's.
    CHECK(versus("movl %edi, %eax", "movq %rdi, %rax", "i64(i32)").verdict == V::Differs);
    CHECK(versus("movl %edi, %eax", "movq %rdi, %rax\nmovl %eax, %eax", "i32(i32)").verdict ==
          V::Equal);
    // A register the caller left, and flags imul leaves undefined.
    CHECK(versus("movl %edi, %eax", "movl %edi, %eax\naddl %esi, %eax\nsubl %esi, %eax", "i32(i32)")
              .verdict == V::Equal);
    CHECK(versus("movl %edi, %eax", "movl %esi, %eax", "i32(i32)").verdict == V::Differs);
    CHECK(versus("movl $1, %eax", "imull %edi, %edi\nsete %al\nmovzbl %al, %eax\nmovl $1, %eax",
                 "i32(i32)")
              .verdict == V::Equal);
    CHECK(versus("movl $0, %eax", "imull %edi, %edi\nsete %al\nmovzbl %al, %eax", "i32(i32)")
              .verdict == V::Differs);
    // A rewrite may fault only where the target does.
    const char* guarded = "movl $0, %eax\ntestl %esi, %esi\nje 1f\nmovl %edi, %eax\ncltd\n"
                          "idivl %esi\n1:";
    CHECK(versus("movl %edi, %eax\ncltd\nidivl %esi", guarded, "i32(i32,i32)").verdict == V::Equal);
    const Equivalence e = versus(guarded, "movl %edi, %eax\ncltd\nidivl %esi", "i32(i32,i32)");
    CHECK(e.verdict == V::Differs);
    CHECK(e.counterexample.size() == 2);
}

TEST_CASE("equivalence: a limit in solver work gives the same verdict every time") {
    // Population count two ways (adder tree, and the multiply trick): a proof that takes
    // the solver a while, so a budget of a few thousand units of work gives up on it.
    const char* tree = "movl %edi, %eax\nshrl %eax\nandl $0x55555555, %eax\nsubl %eax, %edi\n"
                       "movl %edi, %eax\nshrl $2, %edi\nandl $0x33333333, %eax\n"
                       "andl $0x33333333, %edi\naddl %edi, %eax\nmovl %eax, %edi\n"
                       "shrl $4, %edi\naddl %edi, %eax\nandl $0x0f0f0f0f, %eax\n"
                       "movl %eax, %edi\nshrl $8, %edi\naddl %edi, %eax\nmovl %eax, %edi\n"
                       "shrl $16, %edi\naddl %edi, %eax\nandl $63, %eax\n";
    const std::string multiply = "movl %edi, %eax\nshrl %eax\nandl $0x55555555, %eax\n"
                                 "subl %eax, %edi\nmovl %edi, %eax\nshrl $2, %edi\n"
                                 "andl $0x33333333, %eax\nandl $0x33333333, %edi\n"
                                 "addl %edi, %eax\nmovl %eax, %edi\nshrl $4, %edi\n"
                                 "addl %edi, %eax\nandl $0x0f0f0f0f, %eax\n"
                                 "imull $0x01010101, %eax, %eax\nshrl $24, %eax\n";
    const Signature sig = parseSignature("u32(u32)");
    for (int k = 0; k < 3; ++k) {
        const Equivalence e = proveEquivalent(function(tree), function(multiply), sig,
                                              2000 / kSolverWorkPerSecond, SolverLimit::Work);
        CHECK(e.verdict == Equivalence::Verdict::Unknown);
        INFO(e.reason);
        CHECK(e.reason.find("resource") != std::string::npos); // not the wall-clock guard
    }
    CHECK(proveEquivalent(function(kP01), function("lea -1(%rdi), %eax\nandl %edi, %eax"),
                          parseSignature("i32(i32)"), 1, SolverLimit::Work)
              .verdict == Equivalence::Verdict::Equal);
}

TEST_CASE("equivalence: a proof whose stop flag turns true gives up as unknown") {
    // The division query; the flag turns true 100 ms into the proof (from another
    // thread, as Ctrl-C does).
    std::atomic<bool> stop = false;
    auto prove = [&] { return divideBy7(60, &stop); };
    std::thread user([&stop] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        stop = true;
    });
    const Equivalence e = prove();
    user.join();
    CHECK(e.verdict == Equivalence::Verdict::Unknown);
    CHECK(e.reason == "interrupted");
    // Already set before the proof starts: the same.
    const Equivalence again = prove();
    CHECK(again.verdict == Equivalence::Verdict::Unknown);
    CHECK(again.reason == "interrupted");
}

namespace {
std::atomic<bool> interruptedBySignal = false;
extern "C" void onTestInterrupt(int) {
    interruptedBySignal = true;
}
} // namespace

TEST_CASE("equivalence: Ctrl-C during a proof reaches the program's handler, not the solver's") {
    // The division query; SIGINT 100 ms in, as a user's Ctrl-C.
    const auto previous = std::signal(SIGINT, onTestInterrupt);
    interruptedBySignal = false;
    std::thread user([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        ::kill(::getpid(), SIGINT);
    });
    const Equivalence e = divideBy7(60, &interruptedBySignal);
    user.join();
    std::signal(SIGINT, previous);
    CHECK(interruptedBySignal);
    CHECK(e.verdict == Equivalence::Verdict::Unknown);
    CHECK(e.reason == "interrupted");
}

TEST_CASE("equivalence: a proof gives up as unknown at its time limit") {
    // The division query, 0.3 s: Z3's timeout or the interrupter a second later.
    const Equivalence e = divideBy7(0.3);
    CHECK(e.verdict == Equivalence::Verdict::Unknown);
    CHECK(e.reason == "timeout");
    CHECK(e.seconds < 2.5);
}
