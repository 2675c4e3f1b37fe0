// The agent on a user's function: the target game's actions (each an instruction the
// Function dialect reads back), its rules, its score against the reference interpreter
// on random legal programs, a win proved by the solver and a refuted one teaching a
// case, and the trainer finding gcc -O3's p01 the same on 1 and 2 threads.
#include "superopt/agent/target_game.hpp"
#include "superopt/agent/trainer.hpp"
#include "superopt/agent/trainer_json.hpp"
#include "superopt/core/equivalence.hpp"

#include "play_program.hpp"
#include "small_trainer.hpp"
#include "temp_file.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace superopt;
using namespace superopt::agent;

namespace {

// gcc 12 -O0 of `int p01(int x) { return x & (x - 1); }`.
const char* const kP01 = "\t.globl\tp01\np01:\n\tpushq\t%rbp\n\tmovq\t%rsp, %rbp\n"
                         "\tmovl\t%edi, -4(%rbp)\n\tmovl\t-4(%rbp), %eax\n\tsubl\t$1, %eax\n"
                         "\tandl\t-4(%rbp), %eax\n\tpopq\t%rbp\n\tret\n";
// `x == 74565 ? 7 : 0`: no starting test case tells it from `return 0`.
const char* const kRare = "f:\n\tcmpl $74565, %edi\n\tsete %al\n\tmovzbl %al, %eax\n"
                          "\timull $7, %eax, %eax\n\tret\n";

Program function(const std::string& text) {
    return parseProgram(text, "f.s", "", Dialect::Function);
}

TargetGame gameOf(const std::string& file, const std::string& function, const char* signature,
                  int maxLength = 0) {
    GameConfig config;
    config.maxLength = maxLength;
    return TargetGame({file, function, signature}, config, 1);
}

// Plays the program's instructions as moves; each must be a legal action.
GameState play(TargetGame& g, const std::string& text) {
    return testing::playProgram(g, function(text));
}

} // namespace

TEST_CASE("target game: every action is an instruction the Function dialect reads back") {
    const testing::TempFile temp("p01.s", kP01);
    for (const char* extensions : {"", "popcnt,lzcnt,bmi1"}) {
        GameConfig config;
        config.extensions = extensions;
        const TargetGame g({temp.path, "p01", "i32(i32)"}, config, 1);
        CHECK(g.config().registers == 4); // rax, rdi and two more
        CHECK(g.config().maxLength == 4); // the target's instructions (push and pop aside)
        std::set<std::string> texts;
        for (int a = 0; a < g.actionCount(); ++a) {
            Program p;
            p.code.push_back(g.action(a));
            const std::string text = toText(p);
            CHECK(function(text) == p);
            texts.insert(text);
        }
        CHECK(texts.size() == size_t(g.actionCount())); // no action twice
        CHECK(texts.count("popcnt %edi, %eax\n") == (*extensions != 0));
        for (const char* in : {"lea -1(%rdi), %eax\n", "and %rdi, %rax\n", "sete %al\n",
                               "shr $31, %edi\n", "cmovl %edi, %eax\n", "imul $-1, %edi, %eax\n"})
            CHECK(texts.count(in) == 1);
    }
}

TEST_CASE("target game: moves read only the arguments, written registers and set flags") {
    const testing::TempFile temp("p01.s", kP01);
    TargetGame g = gameOf(temp.path, "p01", "i32(i32)");
    GameState s = g.initial();
    auto legal = [&](const char* text) {
        const int a = g.actionFor(s, function(text).code[0]);
        REQUIRE(a >= 0);
        return g.legal(s, a);
    };
    CHECK(legal("mov %edi, %eax"));
    CHECK(legal("lea -1(%rdi), %eax"));
    CHECK_FALSE(legal("add %edi, %eax"));   // %eax is undefined at entry
    CHECK_FALSE(legal("mov %esi, %eax"));   // so is %esi (one argument)
    CHECK_FALSE(legal("cmovl %edi, %eax")); // no flags yet
    CHECK_FALSE(legal("adc $1, %edi"));     // reads the carry
    CHECK(legal("xor %eax, %eax"));         // reads nothing: zero whatever %eax held
    CHECK(legal("sub %edx, %edx"));
    s = play(g, "cmp $1, %edi\nmov %edi, %eax\n");
    CHECK(legal("cmovl %edi, %eax"));
    CHECK(legal("add %edi, %eax"));
    CHECK(legal("sbb %eax, %eax"));
    CHECK_FALSE(legal("mov %edx, %eax"));
    // A move that changes nothing on any case is dead and ends the game.
    s = play(g, "mov %rdi, %rdi\n");
    CHECK(s.dead);
    CHECK(s.over);
    s = play(g, "mov %edi, %edi\n"); // zeroes the upper half, undefined at entry: a change
    CHECK_FALSE(s.dead);
}

TEST_CASE("target game: the score counts right result bits as the reference run does") {
    const testing::TempFile temp("p01.s", kP01);
    for (const char* signature : {"i32(i32)", "u64(u64)"}) {
        TargetGame g = gameOf(temp.path, "p01", signature, 8);
        const Target t = readTarget(temp.path, "p01", signature);
        std::vector<TargetCase> cases;
        for (const auto& args : targetArguments(t.signature, kStartCases, 1))
            if (auto k = targetCase(t, args)) cases.push_back(*k);
        REQUIRE(int(cases.size()) == g.cases());
        Rng rng(3);
        for (int game = 0; game < 300; ++game) {
            GameState s = g.initial();
            while (!s.over) {
                const std::vector<int> legal = g.legalActions(s);
                g.advance(s, legal[uniform(rng, static_cast<int>(legal.size()))]);
                g.evaluate(s); // incremental: shares a prefix with the last program run
                int64_t errors = 0;
                for (const TargetCase& k : cases)
                    errors += resultErrors(t.signature, run(s.program, k.entry), k.expected);
                REQUIRE(s.correct == g.items() - errors);
                REQUIRE(s.solved == (errors == 0));
            }
        }
        CHECK(g.items() ==
              int64_t(cases.size()) * (std::string(signature) == "u64(u64)" ? 64 : 32));
    }
}

TEST_CASE("target game: a position's evaluation depends on its program alone") {
    const testing::TempFile temp("rare.s", kRare);
    TargetGame g = gameOf(temp.path, "f", "i32(i32)", 6);
    Rng rng(11);
    std::vector<std::pair<GameState, std::vector<int>>> seen; // with what the network saw
    for (int game = 0; game < 100; ++game) {
        GameState s = g.initial();
        while (!s.over) {
            const std::vector<int> legal = g.legalActions(s);
            g.advance(s, legal[uniform(rng, static_cast<int>(legal.size()))]);
            g.evaluate(s);
            seen.emplace_back(s, g.observe(s).lanes);
        }
    }
    // Out of order (a different prefix each time), then again after a refuted win taught
    // a case (the emulator starts afresh on the new cases).
    for (int round = 0; round < 2; ++round) {
        for (int k = 0; k < 300; ++k) {
            const auto& [want, lanes] = seen[uniform(rng, static_cast<int>(seen.size()))];
            GameState s = want;
            g.evaluate(s);
            REQUIRE(s.key == want.key);
            REQUIRE(s.correct == want.correct);
            REQUIRE(s.dead == want.dead);
            REQUIRE(g.observe(s).lanes == lanes);
        }
        if (round == 1) break;
        const GameState zero = play(g, "mov $0, %eax\n");
        REQUIRE(g.check(zero.program) == Game::Verdict::Wrong);
        const int64_t before = seen[0].first.correct;
        for (auto& [s, lanes] : seen) { // measured on the cases as they are now
            g.evaluate(s);
            lanes = g.observe(s).lanes;
        }
        CHECK(seen[0].first.correct != before); // one more case: 32 more bits
    }
}

TEST_CASE("target game: gcc -O3's p01 wins and the solver proves it") {
    const testing::TempFile temp("p01.s", kP01);
    TargetGame g = gameOf(temp.path, "p01", "i32(i32)");
    const GameState s = play(g, "lea -1(%rdi), %eax\nand %edi, %eax\n");
    CHECK(s.solved);
    CHECK(s.over);
    CHECK(g.reward(g.score(g.initial()), s).correctness > g.config().solvedBonus);
    CHECK(g.check(s.program) == Game::Verdict::Correct);
    const GameState wrong = play(g, "lea 1(%rdi), %eax\nand %edi, %eax\n");
    CHECK_FALSE(wrong.solved);
}

TEST_CASE("target game: a win the solver refutes teaches its counterexample") {
    const testing::TempFile temp("rare.s", kRare);
    TargetGame g = gameOf(temp.path, "f", "i32(i32)", 3);
    const int cases = g.cases();
    GameState s = play(g, "mov $0, %eax\n"); // return 0: right on every starting case
    CHECK(s.solved);
    CHECK(g.check(s.program) == Game::Verdict::Wrong);
    CHECK(g.cases() == cases + 1);
    CHECK(g.check(s.program) == Game::Verdict::Wrong); // remembered: no second case
    CHECK(g.cases() == cases + 1);
    const std::unique_ptr<Game> later = g.clone(); // later games play on the new case
    GameState again = later->initial();
    later->advance(again, later->actionFor(again, function("mov $0, %eax\n").code[0]));
    later->evaluate(again);
    CHECK_FALSE(again.solved);
    CHECK(again.correct == later->items() - 3); // 7 has three bits set
}

TEST_CASE("agent on a target: p01 in gcc -O3's two instructions, the same on 1 and 2 threads") {
    const testing::TempFile temp("p01.s", kP01);
    TrainerConfig config = testing::smallTrainer(100, 16);
    std::atomic<bool> stop = false;
    auto runWith = [&](int threads) {
        config.threads = threads;
        Trainer t(makeGame("", {temp.path, "p01", "i32(i32)"}, config), config);
        TrainerResult r = t.run(stop);
        REQUIRE(r.best);
        const nlohmann::json j = toJson(r, t.game(), config);
        CHECK(j["task"] == temp.path + ":p01");
        CHECK(j["reference_length"] == 4);
        return std::tuple(r.explored, r.best->length(), toText(*r.best), t.network()->parameters());
    };
    const auto one = runWith(1), two = runWith(2);
    CHECK(std::get<1>(one) == 2);
    CHECK(one == two);
    const Target t = readTarget(temp.path, "p01", "i32(i32)");
    CHECK(proveEquivalent(t.program, function(std::get<2>(one)), t.signature).verdict ==
          Equivalence::Verdict::Equal);
}
