// The batched general emulator against the one-case reference: random programs of
// every general opcode (with forward jumps and stack slots) on random, edge-value and
// partly undefined states give the reference's final state in every lane, in full and
// after a change re-run from its position, with the search's result cost, on every
// vector path this CPU runs.
#include "superopt/core/general_machine.hpp"
#include "superopt/core/target.hpp"
#include "superopt/search/target_problem.hpp"

#include "random_functions.hpp"

#include <catch2/catch.hpp>

using namespace superopt;
using namespace superopt::testing;

namespace {

// Where two states differ ("" when they do not); a faulted state only by its fault.
std::string difference(const CpuState& want, const CpuState& got) {
    if (want.fault != got.fault) return "fault";
    if (want.fault) return "";
    for (int r = 0; r < kGeneralRegisters; ++r) {
        if (want.regs[r] != got.regs[r]) return "register " + std::string(registerName(r, 8));
        if (want.defined[r] != got.defined[r])
            return "defined bits of " + std::string(registerName(r, 8));
    }
    if (want.flags != got.flags || want.definedFlags != got.definedFlags) return "flags";
    if (want.stack != got.stack || want.stackDefined != got.stackDefined) return "stack";
    return "";
}

// Lanes of several kinds: every bit defined, or what a u32(u32, u32) caller leaves
// (arguments only, and only their low halves).
std::vector<CpuState> randomLanes(Rng& rng, int count) {
    const Signature sig = parseSignature("u32(u32,u32)");
    std::vector<CpuState> lanes;
    for (int l = 0; l < count; ++l)
        lanes.push_back(
            l % 3 == 2 ? entryState(sig, std::vector<uint64_t>{rng(), uint64_t(edgeValue(rng))})
                       : randomState(rng));
    return lanes;
}

} // namespace

TEST_CASE("the batched general emulator gives the reference's state in every lane") {
    const Signature sig = parseSignature("u32(u32,u32)");
    for (VectorIsa isa : supportedVectorIsas()) {
        INFO("path " << toString(isa));
        Rng rng(7);
        int programs = 0, lanesCompared = 0, faulted = 0, jumps = 0;
        while (programs < 600) {
            std::string text;
            const auto parsed = randomProgram(rng, true, text);
            if (!parsed || !GeneralMachine::runs(*parsed)) continue;
            const Program& p = *parsed;
            ++programs;
            jumps += p.hasJumps();
            const auto entries = randomLanes(rng, 37); // blocks of 16, 16 and 5 lanes
            std::vector<uint64_t> expected;
            for (const CpuState& e : entries) expected.push_back(rng() % 2 ? rng() : e.regs[kRdi]);
            GeneralMachine m(sig, entries, expected, isa);
            m.propose(p);
            m.runAll();
            int64_t errors = 0;
            for (int b = 0; b < m.blocks(); ++b) errors += m.resultErrors(b, kMisalignPenalty);
            int64_t want = 0;
            for (size_t l = 0; l < entries.size(); ++l) {
                const CpuState ref = run(p, entries[l]);
                INFO(text << "lane " << l);
                REQUIRE(difference(ref, m.state(static_cast<int>(l))) == "");
                want += resultErrors(sig, ref, expected[l]);
                faulted += ref.fault;
                ++lanesCompared;
            }
            REQUIRE(errors == want);

            // A change at a random position, re-run from there, as a fresh run gives it.
            m.accept();
            std::string changedText;
            const auto other = randomProgram(rng, true, changedText);
            Program changed = p;
            const int k = static_cast<int>(rng() % changed.code.size());
            const Family f = info(p.code[k].op).family;
            if (!other || other->hasJumps() || !GeneralMachine::runs(*other) || f == Family::Jump ||
                f == Family::Label)
                continue;
            changed.code[k] = other->code[0];
            m.propose(changed, k);
            m.runAll();
            for (size_t l = 0; l < entries.size(); ++l) {
                INFO(text << "changed at " << k << " to " << changedText << "lane " << l);
                REQUIRE(difference(run(changed, entries[l]), m.state(static_cast<int>(l))) == "");
            }
        }
        CHECK(faulted < lanesCompared / 10); // mostly runs
        CHECK(jumps > programs / 10);        // and branches often enough to test it
    }
}

TEST_CASE("the batched general emulator refuses stack operands across words") {
    const auto p = [](const char* text) {
        return parseProgram(text, "<test>", "", Dialect::Function);
    };
    CHECK(GeneralMachine::runs(p("movl %edi, -4(%rsp)\nmovl -4(%rsp), %eax")));
    CHECK(GeneralMachine::runs(p("movq %rdi, -16(%rsp)\nmovb -13(%rsp), %al")));
    CHECK_FALSE(GeneralMachine::runs(p("movl %edi, -10(%rsp)\nmovl -10(%rsp), %eax")));
    CHECK_FALSE(GeneralMachine::runs(p("movq %rdi, -12(%rsp)")));
}

TEST_CASE("a rejected proposal leaves the accepted program's values in place") {
    const Signature sig = parseSignature("i32(i32)");
    const auto prog = [](const char* text) {
        return parseProgram(text, "<test>", "", Dialect::Function);
    };
    std::vector<CpuState> entries;
    std::vector<uint64_t> expected;
    for (uint64_t x : {0ull, 1ull, 5ull, 0xffffffffull, 0x80000000ull}) {
        entries.push_back(entryState(sig, std::vector<uint64_t>{x}));
        expected.push_back((2 * x + 3) & 0xffffffff);
    }
    GeneralMachine m(sig, entries, expected);
    const Program right = prog("lea 3(%rdi,%rdi), %eax");
    m.propose(right);
    m.runAll();
    CHECK(m.resultErrors(0, 1) == 0);
    m.accept();
    m.propose(prog("lea 4(%rdi,%rdi), %eax"), 0); // wrong in bits 0 and 2 or more
    m.runAll();
    CHECK(m.resultErrors(0, 1) > 0);
    // Rejected: the next proposal changes only what follows instruction 0.
    m.propose(prog("lea 3(%rdi,%rdi), %eax\nmov %eax, %ecx"), 1);
    m.runAll();
    CHECK(m.resultErrors(0, 1) == 0);
    CHECK(m.state(3).regs[1] == ((2 * 0xffffffffull + 3) & 0xffffffff));
    CHECK_THROWS_AS(GeneralMachine(sig, entries, {1, 2}), std::invalid_argument);
}
