// The RL baseline: the game's rules and rewards, the network's gradients and weight
// files, the search on a game whose optimum is known, and reproducibility.
#include "superopt/agent/sort_game.hpp"
#include "superopt/agent/trainer.hpp"
#include "superopt/core/machine.hpp"
#include "superopt/core/rules.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"

#include "play_program.hpp"
#include "small_trainer.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>

using namespace superopt;
using namespace superopt::agent;
using AgentNet = superopt::agent::Network;

namespace {

// Plays the program's instructions and labels as moves; each must be a legal action.
GameState playText(SortGame& g, const char* text) {
    return testing::playProgram(g, parseProgram(text));
}

// The legal actions as text; a jump as "jl L?" (its label is new), a placement of the
// j-th open label as "Lj:".
std::set<std::string> legalText(const SortGame& g, const GameState& s) {
    std::set<std::string> out;
    Program p;
    for (int a : g.legalActions(s)) {
        const Instruction& in = g.actions()[a];
        const Family f = info(in.op).family;
        out.insert(f == Family::Jump    ? std::string(info(in.op).name) + " L?"
                   : f == Family::Label ? "L" + std::to_string(in.dst.value) + ":"
                                        : toString(in, p));
    }
    return out;
}

// A random legal position of up to `moves` moves.
GameState randomState(SortGame& g, Rng& rng, int moves) {
    GameState s = g.initial();
    for (int i = 0; i < moves && !s.over; ++i) {
        auto legal = g.legalActions(s);
        g.advance(s, legal[uniform(rng, static_cast<int>(legal.size()))]);
        g.evaluate(s);
    }
    return s;
}

// The shortest winning program of at most `limit` moves, by exhaustive search.
int shortestWin(SortGame& g, const GameState& s, int limit) {
    if (s.solved) return s.length();
    if (s.over || s.length() >= limit) return limit + 1;
    int best = limit + 1;
    for (int a : g.legalActions(s)) {
        GameState t = s;
        g.advance(t, a);
        g.evaluate(t);
        best = std::min(best, shortestWin(g, t, std::min(limit, best - 1)));
    }
    return best;
}

// The length of the shortest program a few rounds of the search guided by the network
// find (each round after the first looks only for shorter ones), verified; -1: none.
int searchedLength(const Task& task, int rounds) {
    TrainerConfig config;
    config.mcts.simulations = 300;
    config.gamesPerRound = 2;
    config.rounds = rounds;
    config.seconds = 0;
    Trainer trainer(std::make_unique<SortGame>(task, config.game), config);
    std::atomic<bool> stop = false;
    const TrainerResult r = trainer.run(stop);
    if (!r.best) return -1;
    CHECK(verify(*r.best, task).correct);
    return r.best->length();
}

// Whether a store as the program's last instruction writes its word's sorted values on
// every input (run on the emulator, independently of the game).
bool storesSorted(const Program& p, const Task& task) {
    const Instruction& last = p.code.back();
    if (last.dst.kind != kMem) return true;
    Machine m(completeSet(task));
    m.propose(p);
    m.runAll();
    const int w = last.dst.value;
    return std::equal(m.slot(w), m.slot(w) + m.tests().count, m.expected(w));
}

// The unwritten words whose sorted values no register holds on every input: a store of
// no register would pass storesSorted.
int unready(const GameState& s, const Task& task) {
    int n = 0;
    for (int w = 0; w < task.slots(); ++w) {
        bool ready = s.written >> w & 1;
        for (int r = 0; r < kMaxRegisters && !ready; ++r) {
            if (!(s.defined >> r & 1)) continue;
            Program p = s.program;
            p.code.push_back({Op::Mov, Operand::reg(r), Operand::mem(w)});
            ready = storesSorted(p, task);
        }
        n += !ready;
    }
    return n;
}

// superopt search's sort3 (17 instructions, 4 registers), its loads renumbered into
// order (sorting does not care which input is which), its registers renamed in
// order of first write and its compares put in canonical order (cmovs mirrored).
const char* const kSort3In17 = "mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp %ecx, %eax;"
                               "mov %ecx, %edx; cmovl %eax, %ecx; mov 8(%rdi), %esi;"
                               "cmovl %edx, %eax; cmp %esi, %ecx; mov %ecx, %edx;"
                               "cmovg %esi, %ecx; cmovle %esi, %edx; cmp %esi, %eax;"
                               "cmovg %eax, %esi; cmovge %edx, %eax; mov %eax, 4(%rdi);"
                               "mov %esi, 8(%rdi); mov %ecx, (%rdi)";

// varsort3 in the game's form: branch on the length (n = 1: nothing; n = 2 waits at
// L1), sort three, jmp over the n = 2 branch, which sorts two (the human benchmark's
// structure, 31 instructions, on registers 0..3).
const char* const kVarsort3In31 =
    "mov (%rdi), %eax; cmp $2, %eax; jl L0; je L1;"
    "mov 4(%rdi), %eax; mov 8(%rdi), %ecx; mov 12(%rdi), %edx;"
    "mov %eax, %esi; cmp %edx, %eax; cmovg %edx, %eax; cmovg %esi, %edx;"
    "mov %eax, %esi; cmp %ecx, %eax; cmovg %ecx, %eax; cmovg %esi, %ecx;"
    "mov %ecx, %esi; cmp %edx, %ecx; cmovg %edx, %ecx; cmovg %esi, %edx;"
    "mov %eax, 4(%rdi); mov %ecx, 8(%rdi); mov %edx, 12(%rdi); jmp L2;"
    "L1: mov 4(%rdi), %eax; mov 8(%rdi), %ecx; mov %eax, %edx; cmp %ecx, %eax;"
    "cmovg %ecx, %eax; cmovg %edx, %ecx; mov %eax, 4(%rdi); mov %ecx, 8(%rdi); L0: L2:";

} // namespace

TEST_CASE("agent: the legal actions of hand-built positions") {
    SortGame g(Task::parse("sort3")); // 4 registers
    CHECK(g.actions().size() == 12 + 12 + 12 + 6 + 48);
    // Loads in order, registers allocated in order: one first move.
    CHECK(legalText(g, g.initial()) == std::set<std::string>{"mov (%rdi), %eax"});
    // No instruction between registers that hold the same values.
    CHECK_FALSE(
        legalText(g, playText(g, "mov (%rdi), %eax; mov %eax, %ecx")).count("mov %eax, %ecx"));
    // An input is not the sorted value of any word on every input: no store yet.
    CHECK(legalText(g, playText(g, "mov (%rdi), %eax")) ==
          std::set<std::string>{"mov 4(%rdi), %eax", "mov 4(%rdi), %ecx", "mov %eax, %ecx"});
    // After a compare: no second compare; cmovs between defined registers only.
    auto afterCmp =
        legalText(g, playText(g, "mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp %ecx, %eax"));
    CHECK(afterCmp.size() == 8 + 3 + 4);
    CHECK(afterCmp.count("cmovl %ecx, %eax"));
    CHECK(afterCmp.count("mov 8(%rdi), %edx"));
    CHECK_FALSE(afterCmp.count("cmp %ecx, %eax"));
    CHECK_FALSE(afterCmp.count("cmovl %eax, %edx"));
    // The minimum may go to word 0 only, and only once.
    const char* min = "mov (%rdi), %eax; mov 4(%rdi), %ecx; mov %eax, %edx; cmp %ecx, %eax;"
                      "cmovg %ecx, %eax; mov 8(%rdi), %esi; cmp %esi, %eax; cmovg %esi, %eax";
    auto stores = [&](const GameState& s) {
        std::set<std::string> out;
        for (const std::string& t : legalText(g, s))
            if (t.ends_with("(%rdi)")) out.insert(t);
        return out;
    };
    CHECK(stores(playText(g, min)) == std::set<std::string>{"mov %eax, (%rdi)"});
    CHECK(stores(playText(g, (std::string(min) + "; mov %eax, (%rdi)").c_str())).empty());
}

TEST_CASE("agent: the moves still to come must fit in the limit") {
    // sort3 needs 3 loads, 3 stores, 3 compares (its 6 permutations, which a compare
    // splits at most two ways) and a cmov after each: a limit of 11 leaves no first move.
    const Task task = Task::parse("sort3");
    GameConfig config;
    config.limit = 12;
    SortGame twelve(task, config);
    CHECK(twelve.legalActions(twelve.initial()).size() == 1);
    config.limit = 11;
    CHECK(SortGame(task, config).initial().over);
    // Before the last move of the 17-instruction sort3 only its last store fits.
    config.limit = 17;
    SortGame g(task, config);
    const std::string text = kSort3In17;
    const GameState s = playText(g, text.substr(0, text.rfind(';')).c_str());
    CHECK(legalText(g, s) == std::set<std::string>{"mov %ecx, (%rdi)"});
}

TEST_CASE("agent: a 17-instruction sort3 is a winning game on N + 1 registers") {
    SortGame g(Task::parse("sort3"));
    const GameState s = playText(g, kSort3In17);
    CHECK(s.solved);
    CHECK(s.length() == 17);
}

TEST_CASE("agent: the rules are the alphadev profile plus the ordering rules") {
    const Task task = Task::parse("sort4");
    GameConfig config;
    config.limit = 20; // tight enough for the moves still to come to matter
    SortGame g(task, config);
    Rng rng(7);
    int cut = 0; // moves the loads and stores alone would let fit
    for (int trial = 0; trial < 200; ++trial) {
        GameState s = randomState(g, rng, uniform(rng, 18));
        if (s.over) continue;
        const int notReady = unready(s, task);
        for (int a = 0; a < g.actions().size(); ++a) {
            const Instruction& in = g.actions()[a];
            Program p = s.program;
            p.code.push_back(in);
            const bool loadInOrder = in.src.kind != kMem || in.src.value == std::popcount(s.read);
            const bool regInOrder = in.dst.kind != kReg || s.defined >> in.dst.value & 1 ||
                                    in.dst.value == std::popcount(s.defined);
            const bool noOp = in.src.kind == kReg && in.dst.kind == kReg &&
                              s.defined >> in.dst.value & 1 &&
                              s.contents[in.src.value] == s.contents[in.dst.value];
            const bool cmov = info(in.op).family == Family::CondMove;
            const int memory = 2 * task.slots() - std::popcount(s.read) - std::popcount(s.written) -
                               (in.src.kind == kMem) - (in.dst.kind == kMem);
            const int left = std::max(0, notReady - cmov);
            const bool cmp = in.op == Op::Cmp;
            const int compares = std::max(s.comparesDue - cmp, int(left > 0 && !s.flags && !cmp));
            const int toCome = memory + compares + std::max(left, s.comparesDue);
            const bool fits = s.length() + 1 + toCome <= g.limit();
            const bool fitsMemory = s.length() + 1 + memory <= g.limit();
            const bool others = !checkLegal(p, task, Profile::AlphaDev) && loadInOrder &&
                                regInOrder && !noOp && storesSorted(p, task);
            INFO(toText(p));
            REQUIRE(g.legal(s, a) == (others && fits));
            cut += others && fitsMemory && !fits; // cut by the words still to ready
        }
    }
    CHECK(cut > 10);
}

TEST_CASE("agent: the compares due split the permutations two ways each") {
    // Before any compare all permutations are one class: ceil(log2 3!) and ceil(log2 4!).
    SortGame sort3(Task::parse("sort3")), sort4(Task::parse("sort4"));
    CHECK(sort3.initial().comparesDue == 3);
    CHECK(sort4.initial().comparesDue == 5);
    // A compare of words 0 and 1 splits sort3's six into two classes of three.
    const char* first = "mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp %ecx, %eax";
    CHECK(playText(sort3, first).comparesDue == 2);
    // A cmov moves alike what the flags put alike: still two classes of three.
    CHECK(playText(sort3, (std::string(first) + "; mov %ecx, %edx; cmovl %eax, %ecx").c_str())
              .comparesDue == 2);
    // sort2 after its one compare, and every sort3 once sorted: nothing left to tell apart.
    SortGame sort2(Task::parse("sort2"));
    CHECK(playText(sort2, "mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp %ecx, %eax").comparesDue == 0);
    CHECK(playText(sort3, kSort3In17).comparesDue == 0);
    // varsort: no bound (jumps split inputs too).
    CHECK(SortGame(Task::parse("varsort3")).initial().comparesDue == 0);
}

TEST_CASE("agent: only a compare lowers the compares due, by one at most") {
    // With a win at 0, this makes the compares on any winning line from a position at
    // least its comparesDue (by induction over the line): the room rule counts them.
    for (const char* name : {"sort3", "sort4", "sort5"}) {
        SortGame g(Task::parse(name));
        Rng rng(11);
        int lowered = 0;
        for (int trial = 0; trial < 150; ++trial) {
            const GameState s = randomState(g, rng, uniform(rng, 20));
            if (s.over) continue;
            for (int a : g.legalActions(s)) {
                GameState t = s;
                g.advance(t, a);
                g.evaluate(t);
                const bool cmp = g.actions()[a].op == Op::Cmp;
                INFO(name << ": " << toText(t.program));
                REQUIRE(t.comparesDue >= s.comparesDue - cmp);
                if (t.solved) CHECK(t.comparesDue == 0);
                lowered += t.comparesDue < s.comparesDue;
            }
        }
        CHECK(lowered > 10);
    }
}

TEST_CASE("agent: rewards follow the items placed") {
    SortGame g(Task::parse("sort3"));
    GameState s = g.initial();
    const double placed0 = double(s.correct) / double(g.items()), ready0 = s.potential;
    CHECK(ready0 > 0); // each input's sorted values sit in its words, spread over them
    CHECK(ready0 < 1);
    double total = 0;
    for (const Instruction& in : humanBenchmark(Task::parse("sort3")).code) {
        const double before = g.score(s);
        g.advance(s, g.actions().find(in));
        g.evaluate(s);
        total += g.reward(before, s).correctness;
    }
    CHECK(s.solved);
    CHECK(s.over);
    CHECK(s.potential == 1.0);
    CHECK(total == Approx(2.0 * (1.0 - placed0) + (1.0 - ready0) + 1.0));
    CHECK(g.reward(g.score(s), s).length == Approx(-0.02 * 18));
}

TEST_CASE("agent: readiness is one minus the entropy of where each sorted value sits") {
    // sort2 on its three weak orderings (0 0), (0 1), (1 0): the minimum sits in word 0
    // on the first two (the tie is credited to the holder that has it most, word 0 first)
    // and in word 1 on the third; the maximum likewise. Normalised by log(3 registers + 2 words).
    SortGame g(Task::parse("sort2"));
    const double h = -(2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3));
    CHECK(g.initial().potential == Approx(1 - h / std::log(5.0)));
    // Loading renames the holders: nothing changes.
    CHECK(playText(g, "mov (%rdi), %eax; mov 4(%rdi), %ecx").potential ==
          Approx(1 - h / std::log(5.0)));
    // Sorted into registers: each value has one holder on every input.
    const GameState sorted = playText(g, "mov (%rdi), %eax; mov 4(%rdi), %ecx; mov %ecx, %edx;"
                                         "cmp %ecx, %eax; cmovl %eax, %ecx; cmovl %edx, %eax");
    CHECK(sorted.potential == Approx(1.0));
    CHECK_FALSE(sorted.over);
}

TEST_CASE("agent: a move that changes nothing or loses a needed value is dead") {
    SortGame g(Task::parse("sort3"));
    // The only copy of word 0's input is overwritten.
    GameState s = playText(g, "mov (%rdi), %eax; mov 4(%rdi), %eax");
    CHECK(s.dead);
    CHECK(s.over);
    CHECK_FALSE(s.solved);
    // The second cmovg repeats the first: no register, word or flag changes.
    const char* once = "mov (%rdi), %eax; mov 4(%rdi), %ecx; mov %eax, %edx; cmp %ecx, %eax;"
                       "cmovg %ecx, %eax";
    s = playText(g, once);
    CHECK_FALSE(s.dead);
    CHECK(playText(g, (std::string(once) + "; cmovg %ecx, %eax").c_str()).dead);
    // A compare that gives the flags they have is dead too; one that changes them is not.
    s = playText(g, "mov (%rdi), %eax; mov 4(%rdi), %ecx; cmp %ecx, %eax; mov 8(%rdi), %edx");
    CHECK_FALSE(s.dead);
    for (const char* cmp : {"cmp %ecx, %eax", "cmp %edx, %eax"}) {
        GameState t = s;
        const int a = g.actions().find(parseProgram(cmp).code[0]);
        REQUIRE(g.legal(t, a));
        g.advance(t, a);
        g.evaluate(t);
        CHECK(t.dead == (std::string(cmp) == "cmp %ecx, %eax"));
    }
    // Destroying a value raises the readiness (see the game): the relaxation playouts use.
    const GameState one = playText(g, "mov (%rdi), %eax");
    CHECK(playText(g, "mov (%rdi), %eax; mov 4(%rdi), %eax").potential > one.potential);
}

TEST_CASE("agent: a position's evaluation depends on its program alone") {
    // The search evaluates only a path's last position; the moves before it are advanced,
    // not evaluated. Same verdicts either way, on random positions of sort3 and sort4
    // and of varsort3 and varsort4 (branches).
    for (const char* name : {"sort3", "sort4", "varsort3", "varsort4"}) {
        SortGame g(Task::parse(name));
        Rng rng(5);
        for (int trial = 0; trial < 300; ++trial) {
            const GameState walked = randomState(g, rng, 1 + uniform(rng, 24));
            // The machine last ran another program (the incremental path from a shared prefix).
            GameState other = randomState(g, rng, walked.length() / 2 + uniform(rng, 4));
            GameState jumped = g.initial();
            for (int a : walked.actions) g.advance(jumped, a);
            g.evaluate(other);
            g.evaluate(jumped);
            INFO(name << ": " << toText(walked.program));
            CHECK(jumped.key == walked.key);
            CHECK(jumped.dead == walked.dead);
            CHECK(jumped.over == walked.over);
            CHECK(jumped.potential == walked.potential);
            CHECK(jumped.correct == walked.correct);
        }
    }
}

TEST_CASE("agent: correct programs never pass through a dead position") {
    // A dead position cannot win; so every prefix of a program that sorts is alive.
    std::vector<std::pair<Task, Program>> programs{
        {Task::parse("sort3"), parseProgram(kSort3In17)},
        {Task::parse("varsort3"), parseProgram(kVarsort3In31)}};
    for (const char* name : {"sort2", "sort3", "sort4", "sort5", "sort6"})
        programs.emplace_back(Task::parse(name), humanBenchmark(Task::parse(name)));
    // At a limit of the program's own length: the room left for what must come is a
    // lower bound, so no move of it is cut.
    for (const auto& [task, program] : programs) {
        GameConfig config;
        config.limit = program.length();
        SortGame g(task, config);
        GameState s = g.initial();
        for (const Instruction& in : program.code) {
            if (s.over) break; // the labels still open, placed at the end
            INFO(task.name() << " after " << s.length() << " moves");
            const int a = g.actionFor(s, in);
            REQUIRE(a >= 0);
            REQUIRE(g.legal(s, a));
            g.advance(s, a);
            g.evaluate(s);
            CHECK_FALSE(s.dead);
        }
        CHECK(s.solved);
        CHECK(s.length() == program.length());
        CHECK(toText(s.program) == toText(program));
    }
}

TEST_CASE("agent: backpropagation matches finite differences") {
    SortGame g(Task::parse("sort3"));
    NetworkShape shape = shapeFor(g, 6, 5);
    AgentNet net(shape, 3);
    net.l2 = 1e-3;
    Rng rng(11);
    std::vector<Example> examples;
    for (int i = 0; i < 4; ++i) {
        GameState s = randomState(g, rng, 1 + i * 3);
        while (s.over) s = randomState(g, rng, 4);
        Example e;
        e.observation = g.observe(s);
        e.legal = g.legalActions(s);
        double sum = 0;
        for (size_t k = 0; k < e.legal.size(); ++k)
            sum += e.target.emplace_back(1 + uniform(rng, 5));
        for (double& t : e.target) t /= sum;
        e.correctness = 0.3 * i;
        e.length = -0.1 * i;
        examples.push_back(e);
    }
    std::vector<const Example*> batch;
    for (const auto& e : examples) batch.push_back(&e);
    auto grad = net.zeroGradients();
    net.loss(batch, &grad);
    const double eps = 1e-6;
    for (int b = 0; b < AgentNet::kBlocks; ++b) {
        Eigen::MatrixXd& w = net.parameters()[b];
        Eigen::MatrixXd numeric(w.rows(), w.cols());
        for (Eigen::Index i = 0; i < w.size(); ++i) {
            const double keep = w.data()[i];
            w.data()[i] = keep + eps;
            const double up = net.loss(batch, nullptr).total();
            w.data()[i] = keep - eps;
            const double down = net.loss(batch, nullptr).total();
            w.data()[i] = keep;
            numeric.data()[i] = (up - down) / (2 * eps);
        }
        INFO(AgentNet::blockName(b));
        REQUIRE(grad[b].norm() > 0);
        CHECK((grad[b] - numeric).norm() / (grad[b].norm() + numeric.norm()) < 1e-6);
    }
}

TEST_CASE("agent: a saved and reloaded network gives identical outputs") {
    SortGame g(Task::parse("sort3"));
    AgentNet net(shapeFor(g, 16, 8), 5);
    const std::string path = "agent_test_weights.bin";
    net.save(path);
    AgentNet back = AgentNet::load(path, net.shape());
    Rng rng(2);
    for (int i = 0; i < 5; ++i) {
        Observation o = g.observe(randomState(g, rng, 2 * i));
        Prediction a = net.predict(o), b = back.predict(o);
        CHECK(a.logits == b.logits);
        CHECK(a.correctness == b.correctness);
        CHECK(a.length == b.length);
    }
    // Another shape, another version, another file: clear errors.
    CHECK_THROWS_WITH(AgentNet::load(path, shapeFor(g, 32, 8)),
                      Catch::Contains("the weights are for 'sort3 r4 len26 hist8'") &&
                          Catch::Contains("hidden 16/8, but this run needs") &&
                          Catch::Contains("hidden 32/8"));
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(8);
        const int32_t version = 99;
        f.write(reinterpret_cast<const char*>(&version), sizeof version);
    }
    CHECK_THROWS_WITH(AgentNet::load(path, net.shape()),
                      Catch::Contains("weights file version 99, this build reads version 1"));
    std::ofstream(path) << "hello";
    CHECK_THROWS_WITH(AgentNet::load(path, net.shape()),
                      Catch::Contains("not a superopt agent weights file"));
    std::remove(path.c_str());
}

TEST_CASE("agent: the search finds the optimum of sort2") {
    // The shortest sort2 under the rules, by exhaustive search: two loads, a copy, a
    // compare, two cmovs, two stores.
    const Task task = Task::parse("sort2");
    SortGame g(task);
    REQUIRE(shortestWin(g, g.initial(), 8) == 8);
    CHECK(searchedLength(task, 4) == 8);
}

TEST_CASE("agent: the same seed gives the same result on 1 and 2 threads") {
    TrainerConfig config = testing::smallTrainer(30, 3);
    std::atomic<bool> stop = false;
    auto runWith = [&](int threads) {
        config.threads = threads;
        Trainer t(std::make_unique<SortGame>(Task::parse("sort3"), config.game), config);
        TrainerResult r = t.run(stop);
        return std::tuple(r.explored, r.loss, r.best ? toText(*r.best) : "",
                          t.network()->parameters());
    };
    auto one = runWith(1), two = runWith(2);
    CHECK(std::get<0>(one) == std::get<0>(two));
    CHECK(std::get<1>(one) == std::get<1>(two));
    CHECK(std::get<2>(one) == std::get<2>(two));
    for (int b = 0; b < AgentNet::kBlocks; ++b) CHECK(std::get<3>(one)[b] == std::get<3>(two)[b]);
}

namespace {

// sort3, seed 1, 3 rounds of 4 games, 30 simulations per move, Adam's 4 steps of 16, a
// 16-wide torso: the rest as `superopt agent` has it.
TrainerConfig smallSort3Run() {
    TrainerConfig config = testing::smallTrainer(30, 3);
    config.laneHidden = TrainerConfig{}.laneHidden;
    return config;
}

TrainerResult runSort3(const TrainerConfig& config) {
    std::atomic<bool> stop = false;
    return Trainer(std::make_unique<SortGame>(Task::parse("sort3"), config.game), config).run(stop);
}

} // namespace

TEST_CASE("agent: priors asked of the network when first needed repeat the recorded games") {
    // Recorded with 0.9.2. Lazy priors came in 0.8.0, where this test held the games
    // 0.7.0 recorded asking the network at every new node (the priors of a node's
    // children are the same whenever they are asked, so the games are too), until the
    // room rule counted the compares due (0.9.2: other games). At 0.7.0's share of
    // uniform in the priors.
    TrainerConfig config = smallSort3Run();
    config.mcts.uniformMix = 0.25;
    const TrainerResult r = runSort3(config);
    CHECK(r.explored == 28351);
    REQUIRE(r.best);
    CHECK(r.best->length() == 25);
    CHECK(verify(*r.best, Task::parse("sort3")).correct);
}

TEST_CASE("agent: with all-uniform priors the network changes no game") {
    // Its value is not used (rollout weight 1) and its priors are all uniform: the games
    // are those without a network, move for move; only the time differs (its cost).
    TrainerConfig uniform = smallSort3Run(), none = smallSort3Run();
    uniform.mcts.uniformMix = 1;
    none.useNetwork = false;
    const TrainerResult a = runSort3(uniform), b = runSort3(none);
    CHECK(a.explored == b.explored);
    CHECK(a.games == b.games);
    CHECK(a.explored == 25666);
    CHECK(a.best.has_value() == b.best.has_value());
}

TEST_CASE("agent: varsort branches: jumps open labels, moves place them") {
    const Task task = Task::parse("varsort3");
    SortGame g(task);
    // 112 actions: 4 x 4 loads, 4 x 3 stores, 12 movs, 6 compares, 48 cmovs, 2 x 4
    // compares with the length, 7 jumps, 3 label placements.
    CHECK(g.actions().size() == 16 + 12 + 12 + 6 + 48 + 8 + 7 + 3);
    GameState s = playText(g, "mov (%rdi), %eax");
    // Every input may read buf[1], none yet buf[2]: n = 1 would fault.
    CHECK(legalText(g, s).count("mov 4(%rdi), %ecx") == 1);
    CHECK(s.touchable == 0b11);
    CHECK(legalText(g, s).count("jl L?") == 0); // no flags yet
    s = playText(g, "mov (%rdi), %eax; cmp $2, %eax; jl L0; L0:");
    CHECK(s.running == 16); // n = 1 (one input) waits at L0, placed at the end for now
    CHECK(s.open == std::vector<int>{0});
    CHECK(toText(s.program) == "mov (%rdi), %eax\ncmp $2, %eax\njl L0\nL0:\n");
    CHECK(s.touchable == 0b111);
    CHECK(legalText(g, s).count("L0:") == 0);    // not right after its own jump
    CHECK(legalText(g, s).count("jmp L?") == 0); // nothing to end yet
    CHECK(legalText(g, s).count("je L?") == 1);  // on the same flags
    // A jump that no input takes is dead; so is one that all take while none waits.
    CHECK(playText(g, "mov (%rdi), %eax; cmp $2, %eax; jl L0; je L1; L0: L1:").running == 13);
    GameState none = playText(g, "mov (%rdi), %eax; cmp $2, %eax; jl L0; L0:");
    g.advance(none, g.actionFor(none, parseProgram("jl L1; L1:").code[0]));
    g.evaluate(none);
    CHECK(none.dead);
    // A compare of the length that every running input answers alike is dead.
    GameState same = playText(g, "mov (%rdi), %eax; cmp $2, %eax; jl L0; je L1; L0: L1:");
    g.advance(same, g.actionFor(same, parseProgram("cmp $3, %eax").code[0]));
    g.evaluate(same);
    CHECK(same.dead);
    // Overwriting the length while an input still cannot reach its words is dead.
    GameState lost = playText(g, "mov (%rdi), %eax");
    g.advance(lost, g.actionFor(lost, parseProgram("mov 4(%rdi), %eax").code[0]));
    g.evaluate(lost);
    CHECK(lost.dead);
    // (The human benchmark's structure wins: the test of correct programs below.)
}

TEST_CASE("agent: every varsort position is a whole legal program that never faults") {
    // The game keeps open labels at the end of the program; its rules (the path state
    // at labels, what each input may touch) must agree with checkLegal and the emulator.
    for (const char* name : {"varsort3", "varsort4", "varsort5"}) {
        const Task task = Task::parse(name);
        SortGame g(task);
        Rng rng(11);
        int jumps = 0, placed = 0;
        for (int trial = 0; trial < 150; ++trial) {
            GameState s = g.initial();
            while (!s.over) {
                const std::vector<int> legal = g.legalActions(s);
                for (int a : legal) { // every legal move keeps the program legal
                    GameState t = s;
                    g.advance(t, a);
                    INFO(name << ": " << toText(t.program));
                    REQUIRE_FALSE(checkLegal(t.program, task, Profile::AlphaDev));
                }
                const int a = legal[uniform(rng, static_cast<int>(legal.size()))];
                jumps += info(g.actions()[a].op).family == Family::Jump;
                placed += g.actions()[a].op == Op::Label;
                g.advance(s, a);
                g.evaluate(s);
            }
            Machine m(completeSet(task));
            m.propose(s.program);
            m.runAll();
            INFO(name << ": " << toText(s.program));
            CHECK(
                std::none_of(m.fault(), m.fault() + m.tests().count, [](int32_t f) { return f; }));
            // Its own program replays move for move.
            GameState r = g.initial();
            for (const Instruction& in : s.program.code) {
                if (r.length() == s.length() && r.actions == s.actions) break;
                const int a = g.actionFor(r, in);
                REQUIRE(a >= 0);
                g.advance(r, a);
            }
            CHECK(r.actions == s.actions);
        }
        CHECK(jumps > 50);
        CHECK(placed > 10);
    }
}

TEST_CASE("agent: the search finds a shortest varsort2") {
    // Jumps go on the length: 11 (the search, which may jump on data, finds 9). At a
    // limit of 10 the rules cut every game short of a win.
    const Task task = Task::parse("varsort2");
    GameConfig tight;
    tight.limit = 10;
    SortGame g(task, tight);
    REQUIRE(shortestWin(g, g.initial(), 10) == 11);
    CHECK(searchedLength(task, 3) == 11);
}
