// Sorting kernels decided by the solver (proveSorts): the Buffer dialect they are read
// in, the buffer's pointer followed through copies and index registers, the solver against the
// complete check on kernels both decide (right ones and mutants of them, each counterexample
// replayed by the interpreter), and kernels only the solver decides (sbb masks), with exact
// counterexamples.
#include "superopt/core/equivalence.hpp"
#include "superopt/core/interpreter.hpp"
#include "superopt/core/sorting_networks.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace superopt;

namespace {

Program buffer(const std::string& text) {
    return parseProgram(text, "k.s", "", Dialect::Buffer);
}

std::string bufferError(const std::string& text) {
    try {
        buffer(text);
    } catch (const ParseError& e) {
        return e.what();
    }
    return "no error";
}

// One compare-exchange of %eax and %ecx (biased: unsigned order) by an sbb mask.
const char* const kExchange = "cmp %eax, %ecx\nsbb %edx, %edx\nmov %eax, %r8d\nxor %ecx, %r8d\n"
                              "and %edx, %r8d\nxor %r8d, %eax\nxor %r8d, %ecx\n";

// sort2 by an sbb mask; with `bias`, the sign bits flipped around it (signed order).
std::string sort2(bool bias) {
    const std::string flip = bias ? "xor $0x80000000, %eax\nxor $0x80000000, %ecx\n" : "";
    return "mov (%rdi), %eax\nmov 4(%rdi), %ecx\n" + flip + kExchange + flip +
           "mov %eax, (%rdi)\nmov %ecx, 4(%rdi)\n";
}

// Programs one change away from `p`: each instruction deleted, each cmov's condition
// replaced by each other one the kernels use; every `stride`-th of them.
std::vector<Program> mutants(const Program& p, size_t stride) {
    std::vector<Program> out;
    for (size_t i = 0; i < p.code.size(); ++i) {
        const Instruction in = p.code[i];
        if (info(in.op).family == Family::Label) continue;
        Program q = p;
        q.code.erase(q.code.begin() + static_cast<long>(i));
        out.push_back(q);
        if (info(in.op).family != Family::CondMove) continue;
        for (Op other : {Op::Cmovl, Op::Cmovg, Op::Cmovle, Op::Cmovge, Op::Cmove, Op::Cmovne})
            if (other != in.op) {
                q = p;
                q.code[i].op = other;
                out.push_back(q);
            }
    }
    std::vector<Program> every;
    for (size_t i = 0; i < out.size(); i += stride) every.push_back(out[i]);
    return every;
}

} // namespace

TEST_CASE("the Buffer dialect: a function's instructions, memory through registers") {
    const Program p = buffer(sort2(true));
    REQUIRE(p.code.size() == 15);
    CHECK(p.code[0].src == Operand(kAddr, 0, 4, false, kRdi));
    CHECK(p.code[14].dst == Operand(kAddr, 4, 4, false, kRdi));
    CHECK(p.code[2].op == Op::Xor);
    CHECK(dialectOf(p) == Dialect::Buffer);
    CHECK(buffer(toText(p)) == p);
    CHECK(buffer("mov (%rsi,%rax,4), %ecx").code[0].src == Operand(kAddr, 0, 4, false, 3, 0, 4));
    CHECK(bufferError("movb (%rdi), %al") == "k.s:1:1: the buffer's words are 32-bit");
    CHECK(bufferError("movq 8(%rdi), %rax") == "k.s:1:1: the buffer's words are 32-bit");
    CHECK(bufferError("lea 4(%rdi), %rax") == "no error");
}

TEST_CASE("the solver follows the buffer's pointer wherever it goes") {
    const Task sort2Task = Task::parse("sort2");
    // As gcc does: the pointer copied, %rdi then reused for data; and an index register.
    const Verdict copied =
        proveSorts(buffer("mov %rdi, %rcx\nmov (%rdi), %eax\nmov $1, %edx\n"
                          "mov (%rcx,%rdx,4), %edi\ncmp %edi, %eax\nmov %eax, %esi\n"
                          "cmovg %edi, %eax\ncmovg %esi, %edi\nlea 4(%rcx), %rdx\n"
                          "mov %eax, (%rcx)\nmov %edi, (%rdx)\n"),
                   sort2Task);
    CHECK(copied.correct);
    // Memory through a register the caller left: not the buffer for some value, a fault.
    const Verdict elsewhere = proveSorts(buffer("mov (%rsi), %eax\nmov (%rdi), %eax\n"), sort2Task);
    REQUIRE(elsewhere.counterexample);
    CHECK(elsewhere.counterexample->fault);
    // A word past the buffer.
    const Verdict past = proveSorts(buffer(sort2(true) + "mov %eax, 8(%rdi)\n"), sort2Task);
    REQUIRE(past.counterexample);
    CHECK(past.counterexample->fault);
}

TEST_CASE("the solver decides sorting kernels as the complete check does") {
    // The human benchmarks and mutants of them: the same verdict, and every
    // counterexample the solver gives that depends on nothing the caller left is one when
    // the interpreter replays it.
    int right = 0, wrong = 0;
    for (auto [name, stride] :
         {std::pair{"sort2", 1}, {"sort3", 2}, {"varsort2", 1}, {"varsort3", 8}}) {
        const Task task = Task::parse(name);
        std::vector<Program> programs = mutants(humanBenchmark(task), stride);
        programs.push_back(humanBenchmark(task));
        for (const Program& p : programs) {
            const Verdict complete = verify(p, task);
            if (complete.illegal) continue;
            const Verdict solver = proveSorts(p, task, 60);
            INFO(name << ":\n" << toText(p) << solver.describe(p));
            REQUIRE(solver.solverSeconds);
            REQUIRE(solver.undecided.empty());
            CHECK(solver.correct == complete.correct);
            // The same text read in the Buffer dialect: memory through %rdi, the
            // symbolic addresses' encoding.
            CHECK(proveSorts(buffer(toText(p)), task, 60).correct == complete.correct);
            (solver.correct ? right : wrong)++;
            if (solver.correct) continue;
            REQUIRE(solver.counterexample);
            const Counterexample& c = *solver.counterexample;
            if (!c.callerState.empty()) continue; // what the caller left: not replayed here
            std::vector<int32_t> got = c.input, expected = c.input;
            const int first = task.lengthSlot() + 1;
            const int length = task.lengthSlot() < 0 ? task.slots() : c.input[0];
            std::sort(expected.begin() + first, expected.begin() + first + length);
            CHECK(c.expected == expected);
            const bool fault = interpret(p, got, length);
            CHECK(fault == c.fault);
            if (!fault) CHECK(got == c.got);
            if (!fault) CHECK(got != expected);
        }
    }
    CHECK(right >= 4);
    CHECK(wrong >= 40);
}

TEST_CASE("the solver proves kernels outside the comparison subset, or shows them wrong") {
    const Task sort2Task = Task::parse("sort2");
    const Verdict right = proveSorts(buffer(sort2(true)), sort2Task);
    CHECK(right.correct);
    CHECK(right.describe(Program{}).starts_with("correct for every input (proved by the solver"));

    // Without the sign flips it sorts in unsigned order: a negative value ends last.
    const Verdict v = proveSorts(buffer(sort2(false)), sort2Task);
    CHECK_FALSE(v.correct);
    REQUIRE(v.counterexample);
    const Counterexample& c = *v.counterexample;
    const bool oneNegative = (c.input[0] < 0) != (c.input[1] < 0);
    CHECK(oneNegative);
    auto byUnsigned = c.input;
    std::sort(byUnsigned.begin(), byUnsigned.end(),
              [](int32_t a, int32_t b) { return uint32_t(a) < uint32_t(b); });
    CHECK(c.got == byUnsigned);
    CHECK(c.expected ==
          std::vector{std::min(c.input[0], c.input[1]), std::max(c.input[0], c.input[1])});
    CHECK(c.callerState.empty()); // sbb %edx, %edx reads %edx, but its value never matters

    // Data compared with an immediate, which the complete check refuses: min(x, 5) is no
    // sort, and the solver says for which input.
    const Program clamp = buffer("mov (%rdi), %eax\nmov $5, %ecx\ncmp %ecx, %eax\n"
                                 "cmovg %ecx, %eax\nmov %eax, (%rdi)\n");
    const Verdict clamped = proveSorts(clamp, Task::parse("sort2"));
    REQUIRE(clamped.counterexample);
    const Counterexample& m = *clamped.counterexample;
    CHECK(m.got == std::vector{std::min(m.input[0], 5), m.input[1]});
    CHECK(m.got != m.expected);
}

TEST_CASE("the solver: what the caller left, the length, the callee-saved registers") {
    // The larger word comes from %esi, which the caller left: wrong, and the
    // counterexample names it.
    const Verdict leftover =
        proveSorts(buffer("mov (%rdi), %eax\nmov 4(%rdi), %ecx\ncmp %ecx, %eax\n"
                          "cmovg %ecx, %eax\ncmovle %esi, %ecx\nmov %eax, (%rdi)\n"
                          "mov %ecx, 4(%rdi)\n"),
                   Task::parse("sort2"));
    REQUIRE(leftover.counterexample);
    REQUIRE(leftover.counterexample->callerState.size() == 1);
    CHECK(leftover.counterexample->callerState[0].starts_with("%rsi = 0x"));
    CHECK(leftover.describe(Program{}).find("left by the caller") != std::string::npos);

    // varsort2 reading its second word whatever the length: a fault at n = 1.
    const Task varsort2 = Task::parse("varsort2");
    const Verdict past = proveSorts(
        buffer("mov 8(%rdi), %eax\nmov 4(%rdi), %ecx\ncmp %ecx, %eax\nmov %eax, %edx\n"
               "cmovl %ecx, %eax\ncmovl %edx, %ecx\nmov %ecx, 4(%rdi)\nmov %eax, 8(%rdi)\n"),
        varsort2);
    REQUIRE(past.counterexample);
    CHECK(past.counterexample->fault);
    CHECK(past.counterexample->input[0] == 1);
    // Writing the length is wrong even when the same value goes back.
    const Verdict length = proveSorts(buffer("mov (%rdi), %eax\nmov %eax, (%rdi)\n"), varsort2);
    REQUIRE(length.counterexample);
    CHECK(length.counterexample->fault);

    // A function file that writes %rbx without saving it breaks the System V contract.
    const Program clobber = parseProgram(".globl f\nf:\nmov (%rdi), %ebx\nmov %ebx, (%rdi)\nret\n",
                                         "f.s", "", Dialect::Buffer);
    const Verdict abi = proveSorts(clobber, Task::parse("sort2"));
    CHECK_FALSE(abi.correct);
    REQUIRE(abi.abi);
    CHECK(abi.abi->starts_with("writes %rbx"));
}
