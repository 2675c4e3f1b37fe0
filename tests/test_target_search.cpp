// The search over targets: test cases, the Hamming cost with misalignment, the
// sampler's instructions (each one the Function dialect reads back), CEGIS, and whole
// searches (a verified shorter rewrite, the same result whatever the thread count).
#include "superopt/core/equivalence.hpp"
#include "superopt/search/search.hpp"
#include "superopt/search/search_json.hpp"
#include "superopt/search/target_problem.hpp"

#include "temp_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

using namespace superopt;

namespace {

// gcc 12 -O0 of `int p01(int x) { return x & (x - 1); }`, as gcc -S writes it.
const char* const kP01 = "\t.text\n\t.globl\tp01\n\t.type\tp01, @function\np01:\n.LFB0:\n"
                         "\t.cfi_startproc\n\tpushq\t%rbp\n\t.cfi_def_cfa_offset 16\n"
                         "\tmovq\t%rsp, %rbp\n\tmovl\t%edi, -4(%rbp)\n\tmovl\t-4(%rbp), %eax\n"
                         "\tsubl\t$1, %eax\n\tandl\t-4(%rbp), %eax\n\tpopq\t%rbp\n\tret\n"
                         "\t.cfi_endproc\n.LFE0:\n\t.size\tp01, .-p01\n";

// `x == 74565 ? 7 : 0`: no starting test case tells it from `return 0`.
const char* const kRare = "f:\n\tcmpl $74565, %edi\n\tsete %al\n\tmovzbl %al, %eax\n"
                          "\timull $7, %eax, %eax\n\tret\n";

SearchConfig targetConfig(const std::string& file, const std::string& function,
                          const std::string& signature, int64_t iterations) {
    SearchConfig c = defaultsFor("warm", true);
    c.target = {file, function, signature};
    c.iterations = iterations;
    c.seconds = 0;
    c.threads = 1;
    return c;
}

SearchResult runSearch(const SearchConfig& c) {
    std::atomic<bool> stop = false;
    return Search(c).run(stop);
}

Program function(const std::string& text) {
    return parseProgram(text, "f.s", "", Dialect::Function);
}

// Every distinct program (as text) `move` makes of `p` over many draws, with rax rdi
// rsi rdx rcx to rename to; each one undone exactly.
std::set<std::string> everyOutcome(Move move, const Program& p) {
    TargetVocabulary v;
    v.registers = {0, kRdi, 3, 2, 1};
    v.sizes = {4};
    v.immediates = {1};
    v.opcodes = {Op::Mov, Op::Add};
    const TargetSampler sampler(v);
    MoveWeights only{};
    only[static_cast<int>(move)] = 1;
    const Transforms t(sampler, only, 20);
    std::set<std::string> out;
    Rng rng(5);
    for (int i = 0; i < 2000; ++i) {
        Program q = p;
        Change c;
        if (!t.apply(move, q, rng, c)) {
            REQUIRE(q == p);
            continue;
        }
        out.insert(toText(q));
        CHECK(function(toText(q)) == q); // an instruction x86 has: it reads back
        t.undo(q, c);
        REQUIRE(q == p);
    }
    return out;
}

} // namespace

TEST_CASE("test cases start at the edge values, in every argument at once") {
    const Signature sig = parseSignature("i32(i32,u64)");
    const auto cases = targetArguments(sig, 32, 1);
    REQUIRE(cases.size() == 32);
    CHECK(cases[0] == std::vector<uint64_t>{0, 0});
    CHECK(cases[1] == std::vector<uint64_t>{1, 1});
    CHECK(cases[4] == std::vector<uint64_t>{0xffffffff, ~uint64_t{0}});
    CHECK(cases[6] == std::vector<uint64_t>{0x80000000, uint64_t{1} << 63});
    for (const auto& args : cases) CHECK(args[0] <= 0xffffffff);
    CHECK(targetArguments(sig, 32, 1) == cases);
    CHECK(targetArguments(sig, 32, 2) != cases);
    CHECK(targetArguments(parseSignature("i32()"), 32, 1) ==
          std::vector<std::vector<uint64_t>>{{}});
}

TEST_CASE("the Hamming cost counts wrong and undefined bits; a misplaced result costs little") {
    const Signature i32 = parseSignature("i32(i32)");
    CpuState s;
    s.regs[0] = 0x12345678;
    s.defined[0] = ~uint64_t{0};
    CHECK(resultErrors(i32, s, 0x12345678) == 0);
    CHECK(resultErrors(i32, s, 0x12345679) == 1);
    CHECK(resultErrors(i32, s, 0x12345670 ^ 0xf0000000) == 5);
    s.regs[0] |= uint64_t{0xff} << 32; // above the result's width: no matter
    CHECK(resultErrors(i32, s, 0x12345678) == 0);
    s.defined[0] = ~uint64_t{0xff}; // the low byte undefined: wrong, whatever its value
    CHECK(resultErrors(i32, s, 0x12345678) == 8);
    s.regs[1] = 0x12345678; // the right value in %ecx: the misalignment penalty
    s.defined[1] = ~uint64_t{0};
    CHECK(resultErrors(i32, s, 0x12345678) == kMisalignPenalty);
    s.fault = true;
    CHECK(resultErrors(i32, s, 0x12345678) == 32);
    CHECK(resultErrors(parseSignature("u64(u64)"), s, 0) == 64);
}

TEST_CASE("every instruction the target sampler draws or changes reads back the same") {
    const testing::TempFile temp("p01.s", kP01);
    const std::string& file = temp.path;
    const Target t = readTarget(file, "p01", "i32(i32)");
    for (const char* extensions : {"", "popcnt,lzcnt,bmi1"}) {
        TargetVocabulary v = TargetVocabulary::of(t, 9, extensions);
        v.sizes = {4, 8};
        const TargetSampler sampler(v);
        Rng rng(7);
        std::set<Op> seen;
        int changed = 0;
        for (int i = 0; i < 3000; ++i) {
            Instruction in = sampler.instruction(rng);
            if (i % 3 == 1) changed += sampler.changeOpcode(in, rng);
            if (i % 3 == 2) changed += sampler.changeOperand(in, rng);
            seen.insert(in.op);
            Program p;
            p.code.push_back(in);
            const std::string text = toText(p);
            INFO(text);
            const Program back = function(text);
            REQUIRE(back.code.size() == 1);
            CHECK(back.code[0] == in);
            CHECK(toText(back) == text);
            for (const Operand* o : {&in.src, &in.src2, &in.dst})
                if (o->kind == kReg) CHECK_FALSE(isCalleeSaved(o->value));
        }
        CHECK(changed > 1000);
        CHECK(seen.size() > 40);
        CHECK(seen.count(Op::Popcnt) == (*extensions != 0));
    }
    // A 32-bit function draws 64-bit operations too, one in four.
    CHECK(TargetVocabulary::of(t, 0, "").sizes == std::vector<int>{4, 4, 4, 8});
    // The target's own instructions change too: a stack slot becomes a register.
    Instruction in = t.program.code[3]; // andl -4(%rsp), %eax
    REQUIRE(in.src.isStack());
    const TargetSampler sampler(TargetVocabulary::of(t, 0, ""));
    Rng rng(1);
    while (in.src.isStack()) sampler.changeOperand(in, rng);
    CHECK(in.src.kind == kReg);
    CHECK(in.src.size == 4);
}

TEST_CASE("a counterexample from the solver joins the chain's test cases (CEGIS)") {
    const testing::TempFile rare("rare.s", kRare);
    SearchConfig c = targetConfig(rare.path, "", "i32(i32)", 1);
    const TargetProblem problem(c);
    auto evaluator = problem.evaluator(c);
    const Program zero = function("xorl %eax, %eax");
    CHECK(evaluator->evaluate(zero, 0, INT32_MAX, 1e9).errors == 0);
    const std::atomic<bool> running = false;
    CHECK(evaluator->check(zero, running) == Checked::Learned);
    // The solver's case: 74565, where the target gives 7 (three bits) and zero 0.
    CHECK(evaluator->evaluate(zero, 0, INT32_MAX, 1e9).errors == 3);
    CHECK(evaluator->check(problem.reference(), running) == Checked::Correct);
    CHECK(problem.verified(problem.reference()));
    CHECK_FALSE(problem.verified(zero));
}

TEST_CASE("a warm search from gcc -O0 finds gcc -O3's two instructions, proved equal") {
    const testing::TempFile p01("p01.s", kP01);
    SearchConfig c = targetConfig(p01.path, "p01", "i32(i32)", 300000);
    c.chains = 2;
    const SearchResult r = runSearch(c);
    REQUIRE(r.best);
    CHECK(r.startLength == 3); // the target's 4 without the spill of %edi
    CHECK(r.best->length == 2);
    const Target t = readTarget(c.target);
    CHECK(proveEquivalent(t.program, r.best->program, t.signature).verdict ==
          Equivalence::Verdict::Equal);
    const auto j = toJson(r, c);
    CHECK(j["task"]["function"] == "p01");
    CHECK(j["verified_by"] == "solver " + solverVersion());
    CHECK(searchConfigFromJson(j["config"]).target == c.target);
}

TEST_CASE("objective latency on a target: the fastest verified rewrite, measured") {
    const testing::TempFile p01("p01.s", kP01);
    SearchConfig c = targetConfig(p01.path, "p01", "i32(i32)", 100000);
    c.cost.objective = Objective::Latency;
    const SearchResult r = runSearch(c);
    REQUIRE(r.best);
    REQUIRE(r.latency);
    CHECK(r.latency->candidates >= 2);
    CHECK(r.latency->screened > 0);    // rewrites were verified and measured during the search
    CHECK(r.latency->startCycles > 0); // the warm start is measured as the reference
    CHECK(r.best->performance == r.latency->best.cycles);
    const Target t = readTarget(c.target);
    CHECK(proveEquivalent(t.program, r.best->program, t.signature).verdict ==
          Equivalence::Verdict::Equal);
    CHECK(toJson(r, c).contains("latency"));
}

TEST_CASE("a target search gives the same result file with 1 and 2 threads") {
    const testing::TempFile p01("p01.s", kP01);
    SearchConfig c = targetConfig(p01.path, "p01", "i32(i32)", 40000);
    c.chains = 3;
    c.seed = 5;
    auto one = toJson(runSearch(c), c);
    c.threads = 2;
    auto two = toJson(runSearch(c), c);
    for (auto* j : {&one, &two}) {
        j->erase("timings");
        (*j)["config"].erase("threads");
    }
    CHECK(one.dump() == two.dump());
}

TEST_CASE("a target's defaults: Hamming cost, and restarts at the target from the warm start") {
    const SearchConfig warm = defaultsFor("warm", true), cold = defaultsFor("cold", true);
    CHECK(warm.cost.correctness == Correctness::Hamming);
    CHECK(warm.beta == 3);
    CHECK(warm.cost.alpha == 0.3);
    CHECK(warm.restartEvery == 1000000);
    CHECK(cold.restartEvery == 0);
    CHECK(cold.maxLength == -1);
}

TEST_CASE("bad target configurations are refused with a reason") {
    const testing::TempFile temp("p01.s", kP01);
    const std::string& file = temp.path;
    SearchConfig c = targetConfig(file, "p01", "i32(i32)", 10);
    c.cost.correctness = Correctness::SqrtCount;
    CHECK_THROWS_WITH(Search(c), "a target's cost counts wrong bits: cost hamming");
    c = targetConfig(file, "p01", "i32(i32)", 10);
    c.registers = 10;
    CHECK_THROWS_WITH(Search(c), Catch::Contains("at most 9 registers"));
    c = targetConfig(file, "p01", "i32(i32)", 10);
    c.extensions = "avx9";
    CHECK_THROWS_WITH(Search(c), "unknown extension 'avx9' (known: popcnt, lzcnt, bmi1)");
    c = targetConfig(file, "p02", "i32(i32)", 10);
    CHECK_THROWS_WITH(Search(c), Catch::Contains("symbol 'p02' not found"));
    CHECK_THROWS_WITH(searchConfigFromJson({{"task", {{"file", "a.s"}, {"sig", "i32()"}}}}),
                      Catch::Contains("unknown target field 'sig'"));
}

TEST_CASE("the warm start keeps -O0's stack slots in registers, proved equal to the target") {
    std::ifstream in(std::string(SUPEROPT_DATA_DIR) + "/hacker/suite.json");
    const auto suite = nlohmann::json::parse(in);
    const std::string file = std::string(SUPEROPT_DATA_DIR) + "/hacker/hacker-O0.s";
    int shorter = 0;
    for (const auto& f : suite["functions"]) {
        const Target t = readTarget(file, f["name"], f["signature"]);
        const auto registers =
            TargetVocabulary::of(t, 0, "").registers; // the search's own, as in the warm start
        const Program start = withSlotsInRegisters(t.program, registers);
        INFO(f["name"].get<std::string>() << "\n" << toText(start));
        CHECK(start.length() <= t.program.length());
        shorter += start.length() < t.program.length();
        const bool slots = std::any_of(start.code.begin(), start.code.end(), [](const auto& i) {
            return i.src.isStack() || i.src2.isStack() || i.dst.isStack();
        });
        // gcc -O0's slots are plain spills and locals; p25 has one more local than the
        // caller-saved registers its code leaves free.
        CHECK(slots == (f["name"] == "p25"));
        CHECK(!signatureMismatch(start, t.signature));
        CHECK(proveEquivalent(t.program, start, t.signature, 30).verdict ==
              Equivalence::Verdict::Equal);
    }
    CHECK(shorter == 25); // every argument's spill is dropped
}

TEST_CASE("propagate deletes a copy for its source; rename moves a value to a free register") {
    const Program p = function("mov %edi, %ecx\nmov %esi, %eax\nadd %ecx, %eax\nimul %ecx, %eax\n"
                               "mov %edx, %ecx\nadd %ecx, %eax\n");
    // `move`'s outcomes are exactly `equal` (proved equal to p) and `differs` (not).
    auto expect = [&](Move move, const std::vector<const char*>& equal, const char* differs) {
        const Signature sig = parseSignature("i32(i32,i32,i32)");
        std::set<std::string> all = {toText(function(differs))};
        CHECK(proveEquivalent(p, function(differs), sig, 60).verdict ==
              Equivalence::Verdict::Differs);
        for (const char* q : equal) {
            all.insert(toText(function(q)));
            CHECK(proveEquivalent(p, function(q), sig, 60).verdict == Equivalence::Verdict::Equal);
        }
        CHECK(everyOutcome(move, p) == all);
    };
    // Both other copies propagate; %eax's value, coalesced into %esi (to the end), is no
    // longer the result: a proposal the cost turns down.
    expect(Move::Propagate,
           {"mov %esi, %eax\nadd %edi, %eax\nimul %edi, %eax\nmov %edx, %ecx\nadd %ecx, %eax\n",
            "mov %edi, %ecx\nmov %esi, %eax\nadd %ecx, %eax\nimul %ecx, %eax\nadd %edx, %eax\n"},
           "mov %edi, %ecx\nadd %ecx, %esi\nimul %ecx, %esi\nmov %edx, %ecx\nadd %ecx, %esi\n");
    // The first %ecx has no register free over its range; %eax's value (to the end)
    // only %edi, where it is no longer the result.
    expect(Move::Rename,
           {"mov %edi, %ecx\nmov %esi, %eax\nadd %ecx, %eax\nimul %ecx, %eax\nmov %edx, %edi\n"
            "add %edi, %eax\n",
            "mov %edi, %ecx\nmov %esi, %eax\nadd %ecx, %eax\nimul %ecx, %eax\nmov %edx, %esi\n"
            "add %esi, %eax\n"},
           "mov %edi, %ecx\nmov %esi, %edi\nadd %ecx, %edi\nimul %ecx, %edi\nmov %edx, %ecx\n"
           "add %ecx, %edi\n");
    // A shift's count is %cl and nothing else: neither move touches a value across one.
    const Program shift = function("mov %esi, %ecx\nmov %edi, %eax\nshl %cl, %eax\n");
    CHECK(everyOutcome(Move::Propagate, shift).empty());
    CHECK(everyOutcome(Move::Rename, shift).empty());
}
