// The complete check: correct programs pass, wrong ones give a counterexample.
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"

#include <catch2/catch.hpp>

using namespace superopt;

TEST_CASE("human benchmarks have the published lengths and pass the complete check") {
    const std::pair<const char*, int> lengths[] = {{"sort2", 8},  {"sort3", 18}, {"sort4", 28},
                                                   {"sort5", 46}, {"sort6", 60}, {"sort7", 78},
                                                   {"sort8", 92}};
    for (auto [name, length] : lengths) {
        Task task = Task::parse(name);
        Program p = humanBenchmark(task);
        CHECK(p.length() == length);
        Verdict v = verify(p, task);
        CHECK(v.correct);
        CHECK(v.cases == fubini(task.n()));
    }
    for (const char* name : {"varsort2", "varsort3", "varsort4", "varsort5"}) {
        Task task = Task::parse(name);
        Verdict v = verify(humanBenchmark(task), task);
        CHECK(v.correct);
        int64_t cases = 0;
        for (int n = 1; n <= task.n(); ++n) cases += fubini(n);
        CHECK(v.cases == cases);
    }
}

TEST_CASE("a wrong program gets its first counterexample") {
    Task task = Task::parse("sort3");
    Program p = humanBenchmark(task);
    p.code.pop_back(); // the last store is missing
    Verdict v = verify(p, task);
    REQUIRE_FALSE(v.correct);
    REQUIRE(v.counterexample);
    CHECK(v.counterexample->input.size() == 3);
    CHECK(v.counterexample->got != v.counterexample->expected);
    CHECK(v.describe(p).find("wrong after") == 0);
}

TEST_CASE("a counterexample shows a fault outside the length") {
    // varsort2 that always sorts two words, even when n = 1.
    Program p =
        parseProgram("mov 4(%rdi), %eax; mov 8(%rdi), %ecx; mov %eax, %edx; cmp %ecx, %eax;"
                     "cmovg %ecx, %eax; cmovg %edx, %ecx; mov %eax, 4(%rdi); mov %ecx, 8(%rdi)");
    Verdict v = verify(p, Task::parse("varsort2"));
    REQUIRE(v.counterexample);
    CHECK(v.counterexample->fault);
    CHECK(v.counterexample->input[0] == 1);
    CHECK(v.describe(p).find("touched a word outside the length") != std::string::npos);
}

TEST_CASE("a program outside what verify decides is refused before it runs") {
    // Data compared with an immediate: its weak orderings do not decide the outcome.
    Program p = parseProgram("mov (%rdi), %eax; cmp $1, %eax; cmovl %eax, %eax");
    Verdict v = verify(p, Task::parse("sort2"));
    CHECK_FALSE(v.correct);
    REQUIRE(v.illegal);
    CHECK(v.describe(p) ==
          "illegal at instruction 2 (cmp $1, %eax): an immediate may be compared only "
          "with the length");
}
