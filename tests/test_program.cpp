// Parsing and printing AT&T programs: round trips, the forms people write, errors.
#include "superopt/core/export.hpp"
#include "superopt/core/program.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/search/sampler.hpp"

#include <catch2/catch.hpp>

using namespace superopt;

TEST_CASE("the forms people and compilers write parse to the same program") {
    Program a =
        parseProgram("mov (%rdi), %eax\nmov 4(%rdi), %ecx\ncmp %ecx, %eax\ncmovg %ecx, %eax\n");
    Program b = parseProgram("  movl 0x0(%rdi),%eax ; movl 0x4(%rdi), %ecx # load\n"
                             "cmpl %ecx,%eax;cmovgl %ecx , %eax   # min\n\n");
    CHECK(a == b);
    CHECK(a.length() == 4);
    CHECK(a.code[1].src == Operand::mem(1));
    CHECK(a.code[2].op == Op::Cmp);
    CHECK(a.code[3].dst == Operand::reg(0));
    CHECK(parseProgram("mov %r8d, %r15d").code[0].dst == Operand::reg(13));
}

TEST_CASE("labels, jumps and immediates round trip") {
    const char* text = "mov (%rdi), %eax\ncmp $2, %eax\njl .Lend\nmov 4(%rdi), %ecx\n.Lend:\n";
    Program p = parseProgram(text);
    CHECK(p.length() == 4);
    CHECK(p.code.size() == 5);
    CHECK(p.code[1].src == Operand::imm(2));
    CHECK(p.code[2].op == Op::Jl);
    CHECK(toText(p) == text);
    CHECK(p.hasJumps());
    CHECK(toText(parseProgram("cmpl $3, (%rdi)")) == "cmpl $3, (%rdi)\n");
}

TEST_CASE("print, parse, print is a fixed point on random programs") {
    Rng rng(7);
    for (const char* name : {"sort3", "sort5", "varsort4"}) {
        Sampler s(Task::parse(name), Profile::X86, 14);
        for (int i = 0; i < 200; ++i) {
            Program p = s.program(rng, 1 + uniform(rng, 30), true);
            std::string once = toText(p);
            Program q = parseProgram(once);
            CHECK(q == p);
            CHECK(toText(q) == once);
        }
    }
}

TEST_CASE("an exported kernel parses back to its program") {
    for (const char* name : {"sort8", "varsort4"}) {
        Program p = humanBenchmark(Task::parse(name));
        std::string kernel = exportKernel(p, "k", "a comment");
        Program q = parseProgram(kernel, "k.s");
        CHECK(toLines(q).size() == toLines(p).size());
        CHECK(q.length() == p.length());
        CHECK(parseProgram(kernel, "k.s", "k").length() == p.length());
    }
    CHECK(exportKernel(humanBenchmark(Task::parse("sort8")), "s8").find("push\t%rbx") !=
          std::string::npos);
    CHECK(exportKernel(humanBenchmark(Task::parse("sort7")), "s7").find("push") ==
          std::string::npos);
}

TEST_CASE("parse errors say FILE:LINE:COL and what is wrong") {
    auto error = [](const char* text) {
        try {
            parseProgram(text, "k.s");
        } catch (const ParseError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error("mov (%rdi), %eax\n  bogus %eax, %ecx") == "k.s:2:3: unknown instruction 'bogus'");
    CHECK(error("mov %rax, %ecx") == "k.s:1:5: values are 32-bit: use %eax instead of %rax");
    CHECK(error("mov %edi, %ecx") ==
          "k.s:1:5: register %edi is reserved (%rdi holds the buffer, %rsp the stack)");
    CHECK(error("mov 3(%rdi), %ecx") ==
          "k.s:1:5: offset must be a non-negative multiple of 4 (4*slot)");
    CHECK(error("mov 4(%rsi), %ecx") == "k.s:1:6: memory operands must be offset(%rdi)");
    CHECK(error("mov 0xg(%rdi), %ecx") == "k.s:1:5: bad number '0xg'");
    CHECK(error("mov %eax") == "k.s:1:1: 'mov' takes two operands (source, destination)");
    CHECK(error("cmovl %eax, (%rdi)") ==
          "k.s:1:13: this operand kind is not allowed as the destination of 'cmovl'");
    CHECK(error("mov (%rdi), 4(%rdi)") == "k.s:1:1: at most one operand may be in memory");
    CHECK(error("jl .Lx\n") == "k.s:1:4: label '.Lx' is used but never defined");
    CHECK(error("a:\na:") == "k.s:2:1: label 'a' defined twice");
    CHECK(error("mov %eax, %ecx; ret; mov %ecx, %eax") == "k.s:1:22: instruction after ret");
    CHECK(error("ret\n.L1:") == "k.s:2:1: label after ret");
    CHECK(error("mov %eax, %ecx\nret\n.size f, .-f\n") == "no error");
    CHECK(error("cmp $1, %eax $2").find("k.s:1:") == 0);
    CHECK(error("push %rbx\nmov %eax, %ebx\npop %rbx\npop %rbx\nret") ==
          "k.s:4:5: pop does not match the prologue's pushes");
    CHECK(error("mov %eax, %ebx\npush %rbx") == "k.s:2:6: push is allowed only in the prologue");
    // Loops are outside the instruction set.
    CHECK(error(".L1: mov %eax, %ecx\njl .L1") ==
          "k.s:2:4: jump back to '.L1' (line 1): loops are outside the instruction set, which "
          "jumps only forward");
    CHECK(error("0: mov %eax, %ecx\njl 0b") ==
          "k.s:2:4: jump back to 0b (line 1): loops are outside "
          "the instruction set, which jumps only forward");
    CHECK(error("jl 1b\n1:") == "k.s:1:4: 1b: no '1:' before it in this function");
    CHECK(error("jl 1f\n2:") == "k.s:1:4: 1f: no '1:' follows it in this function");
    CHECK_THROWS_WITH(parseProgram(".globl f\nf: ret", "k.s", "g"), "k.s: symbol 'g' not found");
    CHECK_THROWS_WITH(readProgramFile("/nonexistent/k.s"), "/nonexistent/k.s: cannot open file");
}

TEST_CASE("GNU numeric local labels: Nf is the next N:, Nb the last one, each a label of its own") {
    // Two `1:`; each `1f` goes to the next one.
    const Program p = parseProgram("cmp $2, (%rdi); jl 1f; je 2f; mov 4(%rdi), %eax\n1: je 1f\n"
                                   "mov %eax, 4(%rdi)\n2:\n1:");
    const Program q =
        parseProgram("cmp $2, (%rdi); jl .La; je .Lc; mov 4(%rdi), %eax\n.La: je .Lb\n"
                     "mov %eax, 4(%rdi)\n.Lc:\n.Lb:");
    CHECK(p.hash() == q.hash());
    REQUIRE(p.code.size() == q.code.size());
    for (size_t i = 0; i < p.code.size(); ++i) {
        CHECK(p.code[i].op == q.code[i].op);
        CHECK(p.labelNames[p.code[i].dst.value].empty() == false);
    }
    // Printed, they are plain labels that parse back to the same program.
    CHECK(parseProgram(toText(p)) == p);
    CHECK(toText(p).find(".L.1.1:") != std::string::npos);
    CHECK(toText(p).find(".L.1.2:") != std::string::npos);
}

TEST_CASE("a file of several functions: each read alone, its labels its own") {
    const std::string file =
        "\t.text\n"
        "\t.globl first\nfirst:\n\tcmp $1, (%rdi)\n\tje 0f\n\tmov 4(%rdi), %eax\n"
        "0:\n\tret\n"
        "\t.globl second\nsecond:\n\tmov (%rdi), %eax\n0:\n\tmov %eax, (%rdi)\n\tret\n"
        "\t.globl third\nthird:\n\tje 0b\n\tret\n"
        "\t.globl fourth\nfourth:\n\tje 9f\n\tret\n\t.size fourth, .-fourth\n"
        "\t.globl fifth\nfifth:\n9:\n\tret\n";
    const Program first = parseProgram(file, "f.s", "first");
    CHECK(first.length() == 3);
    CHECK(first.savedRegisters == std::vector<int>{});
    CHECK(parseProgram(file, "f.s", "second").length() == 2);
    // `0b` would land in an earlier function, `9f` in a later one.
    CHECK_THROWS_WITH(parseProgram(file, "f.s", "third"),
                      "f.s:17:5: 0b: no '0:' before it in this function");
    CHECK_THROWS_WITH(parseProgram(file, "f.s", "fourth"),
                      "f.s:21:5: 9f: no '9:' follows it in this function");
}

TEST_CASE("the hash tells programs apart, but not by how their labels are numbered") {
    const Program a = parseProgram("cmp $2, (%rdi); jl .La; je .Lb; mov 4(%rdi), %eax\n.Lb:\n.La:");
    Program b = a; // the same program with its two labels' numbers swapped
    std::swap(b.labelNames[0], b.labelNames[1]);
    for (auto& in : b.code)
        if (in.dst.kind == kLabel) in.dst.value = 1 - in.dst.value;
    REQUIRE(toText(b) == toText(a));
    CHECK_FALSE(b == a);
    CHECK(b.hash() == a.hash());
    Program c = a; // jumps to the other label: another program
    c.code[1].dst.value = 1 - c.code[1].dst.value;
    CHECK(c.hash() != a.hash());
    Program d = a;
    d.code[3].src = Operand::mem(2);
    CHECK(d.hash() != a.hash());
}
