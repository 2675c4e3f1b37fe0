// The legality rules of both profiles.
#include "superopt/core/rules.hpp"
#include "superopt/core/sorting_networks.hpp"

#include <catch2/catch.hpp>

using namespace superopt;

namespace {
std::string why(const char* text, const char* task = "sort3", Profile p = Profile::AlphaDev) {
    auto v = checkLegal(parseProgram(text), Task::parse(task), p);
    return v ? v->message : "legal";
}
} // namespace

TEST_CASE("human benchmarks are legal in both profiles") {
    for (const auto& name : Task::names())
        for (Profile p : {Profile::AlphaDev, Profile::X86})
            CHECK_FALSE(checkLegal(humanBenchmark(Task::parse(name)), Task::parse(name), p));
}

TEST_CASE("rules every profile shares") {
    for (Profile p : {Profile::AlphaDev, Profile::X86}) {
        CHECK(why("mov %eax, %ecx", "sort3", p) == "reads %eax before it is written");
        CHECK(why("mov (%rdi), %eax; cmovl %eax, %ecx", "sort3", p) ==
              "cmovl reads the flags before any cmp");
        CHECK(why("mov 12(%rdi), %eax", "sort3", p) ==
              "memory operand 12(%rdi) is outside the buffer of sort3");
        CHECK(why("mov (%rdi), %eax; cmp $1, %eax", "sort3", p) ==
              "an immediate may be compared only with the length");
        CHECK(why("mov 4(%rdi), %eax; mov %eax, (%rdi)", "varsort3", p) ==
              "the length word may not be written");
        CHECK(why("mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp %ecx, %eax", "varsort3", p) ==
              "compares the length with data");
        CHECK(why("mov (%rdi), %eax; cmp $2, %eax; jl .a; mov 4(%rdi), %ecx; .a: mov %ecx, 4(%rdi)",
                  "varsort3", p) == "reads %ecx before it is written");
        CHECK(why("mov (%rdi), %eax; cmp $2, %eax; jl .a; mov 4(%rdi), %ecx; .a: mov %eax, 4(%rdi)",
                  "varsort3", p) == "legal");
        // The parser refuses a jump back; a program built in memory may still have one.
        Program loop = parseProgram(".a: mov (%rdi), %eax; cmp $2, %eax; jl .b; .b:");
        loop.code[3].dst = loop.code[0].dst; // jl .a
        loop.code.pop_back();                // .b:
        const auto back = checkLegal(loop, Task::parse("varsort3"), p);
        REQUIRE(back);
        CHECK(back->message == "jump back to .a: only forward jumps are allowed");
        // cmov merges kinds: a register that may hold the length cannot meet data.
        CHECK(why("mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp $2, %eax; cmovl %eax, %ecx; mov "
                  "8(%rdi), %edx; "
                  "cmp %edx, %ecx",
                  "varsort3", p) == "compares the length with data");
    }
}

TEST_CASE("profile alphadev adds AlphaDev's action-space rules") {
    CHECK(why("mov (%rdi), %eax; cmp 4(%rdi), %eax") ==
          "profile alphadev allows memory operands only in mov");
    CHECK(why("mov (%rdi), %eax; cmp 4(%rdi), %eax", "sort3", Profile::X86) == "legal");
    CHECK(why("mov (%rdi), %eax; mov (%rdi), %ecx") == "reads (%rdi) a second time");
    CHECK(why("mov (%rdi), %eax; mov (%rdi), %ecx", "sort3", Profile::X86) == "legal");
    CHECK(why("mov (%rdi), %eax; mov %eax, (%rdi); mov %eax, (%rdi)") ==
          "writes (%rdi) a second time");
    CHECK(why("mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp %ecx, %eax; cmp %eax, %ecx") ==
          "two compares in a row");
    CHECK(why("mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp %ecx, %eax; cmp %eax, %ecx", "sort3",
              Profile::X86) == "legal");
    // Once per path: two branches may each read the same word.
    CHECK(why("mov (%rdi), %eax; cmp $2, %eax; je .b; mov 4(%rdi), %ecx; jmp .e; .b: mov 4(%rdi), "
              "%ecx; .e:",
              "varsort3") == "legal");
    CHECK(why("mov (%rdi), %eax; cmp $2, %eax; je .b; mov 4(%rdi), %ecx; .b: mov 4(%rdi), %ecx",
              "varsort3") == "reads 4(%rdi) a second time");
    CHECK(parseProfile("x86") == Profile::X86);
    CHECK_THROWS_WITH(parseProfile("arm"), "unknown profile 'arm' (known: alphadev, x86)");
}
