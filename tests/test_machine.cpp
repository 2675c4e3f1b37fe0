// The batched emulator: exact results on hand-written programs, divergent lanes,
// faults, agreement with a plain one-case-at-a-time interpreter on random programs,
// and incremental evaluation agreeing with full evaluation.
#include "superopt/core/interpreter.hpp"
#include "superopt/core/machine.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/search/sampler.hpp"

#include <catch2/catch.hpp>

using namespace superopt;

namespace {

// A test set with the given buffers (expected = input, all words cared for).
TestSet makeSet(const std::vector<std::vector<int32_t>>& cases, int varsortLength = 0) {
    TestSet t;
    t.slots = static_cast<int>(cases[0].size());
    t.count = static_cast<int>(cases.size());
    t.lanes = (t.count + 15) / 16 * 16;
    t.input.resize(size_t(t.slots) * t.lanes);
    t.length.resize(t.lanes);
    for (int l = 0; l < t.lanes; ++l) {
        const auto& c = cases[l < t.count ? l : 0];
        for (int s = 0; s < t.slots; ++s) t.input[size_t(s) * t.lanes + l] = c[s];
        t.length[l] = varsortLength ? c[0] : t.slots;
    }
    t.expected = t.input;
    t.care.assign(t.input.size(), 1);
    return t;
}

std::vector<int32_t> outputs(const Machine& m, int lane) {
    std::vector<int32_t> v;
    for (int s = 0; s < m.tests().slots; ++s) v.push_back(m.slot(s)[lane]);
    return v;
}

} // namespace

TEST_CASE("a compare-exchange gives min and max on exact inputs") {
    Program p =
        parseProgram("mov (%rdi), %eax; mov 4(%rdi), %ecx; mov %eax, %edx; cmp %ecx, %eax;"
                     "cmovg %ecx, %eax; cmovg %edx, %ecx; mov %eax, (%rdi); mov %ecx, 4(%rdi)");
    Machine m(makeSet({{5, 3}, {-7, 9}, {4, 4}, {INT32_MAX, INT32_MIN}}));
    m.propose(p);
    m.runAll();
    CHECK(outputs(m, 0) == std::vector<int32_t>{3, 5});
    CHECK(outputs(m, 1) == std::vector<int32_t>{-7, 9});
    CHECK(outputs(m, 2) == std::vector<int32_t>{4, 4});
    CHECK(outputs(m, 3) == std::vector<int32_t>{INT32_MIN, INT32_MAX});
}

TEST_CASE("each condition picks the lanes it should") {
    // cmp %ecx, %eax compares eax - ecx; each cmov copies 1 into a fresh register.
    const char* conds[] = {"cmovl", "cmovg", "cmovle", "cmovge", "cmove", "cmovne"};
    const bool expect[6][3] = {{true, false, false}, {false, true, false}, {true, false, true},
                               {false, true, true},  {false, false, true}, {true, true, false}};
    for (int c = 0; c < 6; ++c) {
        Program p =
            parseProgram(std::string("mov (%rdi), %eax; mov 4(%rdi), %ecx; mov 8(%rdi), %edx;"
                                     "mov 12(%rdi), %esi; cmp %ecx, %eax; ") +
                         conds[c] + " %esi, %edx; mov %edx, 8(%rdi)");
        Machine m(makeSet({{1, 2, 0, 1}, {2, 1, 0, 1}, {3, 3, 0, 1}}));
        m.propose(p);
        m.runAll();
        for (int l = 0; l < 3; ++l) CHECK(m.slot(2)[l] == (expect[c][l] ? 1 : 0));
    }
}

TEST_CASE("forward jumps run per lane") {
    // varsort-style: n = buf[0]; n < 2 skips the store; n == 2 stores 2, else 3.
    Program p = parseProgram("mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp $2, %eax; jl .end; je .two;"
                             "mov 12(%rdi), %ecx; jmp .store; .two: mov 8(%rdi), %ecx; .store: mov "
                             "%ecx, 4(%rdi); .end:");
    Machine m(makeSet({{1, 10, 20, 30}, {2, 10, 20, 30}, {3, 10, 20, 30}}, 1));
    m.propose(p);
    m.runAll();
    CHECK(m.slot(1)[0] == 10);
    CHECK(m.slot(1)[1] == 20);
    CHECK(m.slot(1)[2] == 30);
    CHECK(m.fault()[0] == 0);
    CHECK(m.fault()[1] == 0);
    CHECK(m.fault()[2] == 0);
}

TEST_CASE("touching a word past the length faults, only in the lanes that do") {
    Program p = parseProgram("mov 12(%rdi), %eax; mov %eax, 4(%rdi)");
    Machine m(makeSet({{1, 0, 0, 0}, {2, 0, 0, 0}, {3, 0, 0, 5}}, 1));
    m.propose(p);
    m.runAll();
    CHECK(m.fault()[0] != 0);
    CHECK(m.fault()[1] != 0);
    CHECK(m.fault()[2] == 0);
    CHECK(m.slot(1)[2] == 5);
}

TEST_CASE("the emulator agrees with a one-case-at-a-time interpreter on random programs") {
    Rng rng(11);
    for (const char* name : {"sort3", "sort4", "varsort3", "varsort4"}) {
        Task task = Task::parse(name);
        Sampler sampler(task, Profile::X86, 6);
        TestSet set = task.complete();
        Machine m(set);
        for (int i = 0; i < 150; ++i) {
            Program p = sampler.program(rng, 1 + uniform(rng, 25),
                                        task.kind() == Task::Kind::VarSort || i % 2);
            m.propose(p);
            m.runAll();
            for (int l = 0; l < set.count; ++l) {
                std::vector<int32_t> buffer;
                for (int s = 0; s < set.slots; ++s) buffer.push_back(set.in(s, l));
                const bool fault = interpret(p, buffer, set.length[l]);
                INFO(name << " program:\n" << toText(p) << "lane " << l);
                REQUIRE((m.fault()[l] != 0) == fault);
                if (!fault) REQUIRE(outputs(m, l) == buffer);
            }
        }
    }
}

TEST_CASE("incremental evaluation gives the same state as full evaluation") {
    Rng rng(5);
    for (const char* name : {"sort4", "varsort3"}) {
        Task task = Task::parse(name);
        Sampler sampler(task, Profile::X86, 6);
        Machine inc(task.training(), 16), full(task.training(), 16);
        Program cur = sampler.program(rng, 20, true);
        inc.propose(cur);
        inc.runAll();
        inc.accept();
        for (int step = 0; step < 400; ++step) {
            // A random change: replace, insert or delete one instruction, keeping it legal.
            // A replacement leaves the code after it as it was, which propose() is told.
            Program next = cur;
            int k = uniform(rng, static_cast<int>(next.code.size()) + 1);
            int what = uniform(rng, 3), sameFrom = INT32_MAX;
            if (what == 0 && k < static_cast<int>(next.code.size()) &&
                next.code[k].op != Op::Label && info(next.code[k].op).family != Family::Jump) {
                next.code[k] = sampler.instruction(rng);
                sameFrom = k + 1;
            } else if (what == 1)
                next.code.insert(next.code.begin() + k, sampler.instruction(rng));
            else if (k < static_cast<int>(next.code.size()) && next.code[k].op != Op::Label)
                next.code.erase(next.code.begin() + k);
            if (checkLegal(next, task, Profile::X86)) continue;
            inc.propose(next, k, sameFrom);
            for (int b = 0; b < inc.blocks(); ++b) inc.run(b);
            full.propose(next);
            full.runAll();
            for (int s = 0; s < task.slots(); ++s)
                for (int l = 0; l < inc.tests().lanes; ++l)
                    REQUIRE(inc.slot(s)[l] == full.slot(s)[l]);
            for (int l = 0; l < inc.tests().lanes; ++l) REQUIRE(inc.fault()[l] == full.fault()[l]);
            if (chance(rng, 0.5)) {
                inc.accept();
                cur = next;
            }
        }
    }
}

TEST_CASE("the human benchmark sorts every permutation in the emulator") {
    for (const auto& name : Task::names()) {
        Task task = Task::parse(name);
        Machine m(task.training());
        m.propose(humanBenchmark(task));
        m.runAll();
        for (int l = 0; l < m.tests().count; ++l) REQUIRE(m.laneCorrect(l));
    }
}
