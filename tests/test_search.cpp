// The search: moves and their undo, cost variants on hand-computed cases, the
// acceptance rule's early termination, and whole searches (verified results, the
// same result for a seed whatever the thread count).
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/search/latency_screen.hpp"
#include "superopt/search/mispredictions.hpp"
#include "superopt/search/search.hpp"
#include "superopt/search/search_json.hpp"
#include "superopt/search/sort_problem.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace superopt;

TEST_CASE("every move changes the program and its undo restores it exactly") {
    Rng rng(3);
    for (auto [name, profile] : {std::pair{"sort4", Profile::AlphaDev},
                                 {"sort4", Profile::X86},
                                 {"varsort4", Profile::AlphaDev},
                                 {"varsort4", Profile::X86}}) {
        Task task = Task::parse(name);
        Sampler sampler(task, profile);
        for (int m = 0; m < kMoveCount; ++m) {
            MoveWeights only{};
            only[m] = 1;
            Transforms t(sampler, only, 100);
            int applied = 0;
            for (int i = 0; i < 300; ++i) {
                Program p = i % 2 ? humanBenchmark(task) : sampler.program(rng, 12, true);
                const Program before = p;
                Change c;
                if (!t.apply(t.draw(rng), p, rng, c)) {
                    CHECK(p == before);
                    continue;
                }
                ++applied;
                INFO(toString(c.move) << " at " << c.a << ", " << c.b << " of\n" << toText(before));
                CHECK(c.move == static_cast<Move>(m));
                CHECK_FALSE(p == before);
                // Nothing before the reported first change moved.
                for (int k = 0; k < c.first && k < static_cast<int>(p.code.size()); ++k)
                    CHECK(p.code[k] == before.code[k]);
                // From unchangedFrom() on, the old code, moved by shift().
                for (int k = c.unchangedFrom(); k < static_cast<int>(p.code.size()); ++k)
                    CHECK(p.code[k] == before.code[k - c.shift()]);
                t.undo(p, c);
                CHECK(p == before);
            }
            INFO(toString(static_cast<Move>(m)));
            // Rename and propagate need a free register or a copy, and no jump between.
            CHECK(applied > (m >= static_cast<int>(Move::Rename) ? 5 : 100));
        }
    }
}

TEST_CASE("add respects the maximum length; weights must be sane") {
    Task task = Task::parse("sort3");
    Sampler sampler(task, Profile::X86);
    MoveWeights addOnly{};
    addOnly[static_cast<int>(Move::Add)] = 1;
    Transforms t(sampler, addOnly, 18);
    Program p = humanBenchmark(task);
    Rng rng(1);
    Change c;
    CHECK_FALSE(t.apply(Move::Add, p, rng, c));
    CHECK_THROWS_WITH(Transforms(sampler, MoveWeights{}, 10),
                      "at least one move needs a positive weight");
    const MoveWeights sortDefaults = defaultMoveWeights(task);
    CHECK(parseMoveWeights("add=2,rotate=0", sortDefaults)[static_cast<int>(Move::Add)] == 2);
    CHECK(parseMoveWeights("add=2,rotate=0", sortDefaults)[static_cast<int>(Move::Rotate)] == 0);
    CHECK(parseMoveWeights("add=2", sortDefaults)[static_cast<int>(Move::Swap)] == 1);
    CHECK_THROWS_WITH(parseMoveWeights("jump=1", sortDefaults),
                      Catch::Contains("unknown move 'jump'"));
    CHECK_THROWS_WITH(parseMoveWeights("add", sortDefaults),
                      Catch::Contains("expected NAME=WEIGHT"));
    CHECK_THROWS_WITH(parseMoveWeights("add=x", sortDefaults), Catch::Contains("bad weight"));
    // Branch moves are on by default only where branches pay.
    CHECK(sortDefaults[static_cast<int>(Move::Branch)] == 0);
    CHECK(defaultMoveWeights(Task::parse("varsort3"))[static_cast<int>(Move::Branch)] > 0);
}

TEST_CASE("cost variants on a hand-computed case") {
    // sort2 on its 2 permutations (4 items); the empty program leaves [a, b] alone:
    // right for the sorted input, both items wrong for the other: 2 of 4 misplaced.
    Task task = Task::parse("sort2");
    Machine m(task.training());
    Program empty;
    const std::pair<Correctness, double> expected[] = {{Correctness::Misplaced, 0.5},
                                                       {Correctness::SqrtMisplaced, std::sqrt(0.5)},
                                                       {Correctness::SqrtCount, std::sqrt(2.0)}};
    for (auto [variant, value] : expected) {
        Cost cost({variant, Objective::Length, 0.25}, m.tests());
        m.propose(empty);
        Evaluation ev = cost.evaluate(m, empty, 1e9);
        CHECK(ev.complete);
        CHECK(ev.errors == 2);
        CHECK(ev.cost == Approx(value));
    }
    // Hamming: the two swapped words differ in the bits of INT_MIN ^ INT_MAX = all 32, twice.
    Cost hamming({Correctness::Hamming, Objective::Length, 0}, m.tests());
    m.propose(empty);
    CHECK(hamming.evaluate(m, empty, 1e9).errors == 64);
    // The performance term: alpha x length.
    Program net = humanBenchmark(task);
    Cost withLength({Correctness::SqrtCount, Objective::Length, 0.25}, m.tests());
    m.propose(net);
    Evaluation ev = withLength.evaluate(m, net, 1e9);
    CHECK(ev.correct());
    CHECK(ev.cost == Approx(0.25 * 8));
    Cost latency({Correctness::SqrtCount, Objective::LatencyModel, 1}, m.tests());
    CHECK(latency.performance(net) == 8);
}

TEST_CASE("evaluation stops early once the bound is exceeded, and only then") {
    Task task = Task::parse("sort5");
    Machine m(task.training(), 16); // 8 blocks
    Cost cost({Correctness::Misplaced, Objective::Length, 0}, m.tests());
    Program empty;
    m.propose(empty);
    Evaluation full = cost.evaluate(m, empty, 1e9);
    REQUIRE(full.complete);
    m.propose(empty);
    Evaluation cut = cost.evaluate(m, empty, full.cost / 4);
    CHECK_FALSE(cut.complete);
    CHECK(cut.cost > full.cost / 4);
    CHECK(cut.errors < full.errors);
    m.propose(empty);
    CHECK(cost.evaluate(m, empty, full.cost).complete); // exactly at the bound: accepted
    CHECK_THROWS_WITH(parseCorrectness("l2"), Catch::Contains("unknown cost 'l2'"));
}

namespace {
SearchResult runSearch(SearchConfig c) {
    std::atomic<bool> stop = false;
    return Search(std::move(c)).run(stop);
}

// A search of `task` with a budget of proposals per chain only, so it repeats exactly.
SearchConfig iterationBudget(const char* task, int64_t iterations, int threads) {
    SearchConfig c;
    c.task = task;
    c.seconds = 0;
    c.iterations = iterations;
    c.threads = threads;
    return c;
}
} // namespace

TEST_CASE("a warm-start search on sort3 finds a verified 17-instruction kernel") {
    SearchConfig c = iterationBudget("sort3", 400000, 2);
    c.chains = 2;
    SearchResult r = runSearch(c);
    REQUIRE(r.best);
    CHECK(r.best->length == 17);
    CHECK(verify(r.best->program, Task::parse("sort3")).correct);
    CHECK_FALSE(checkLegal(r.best->program, Task::parse("sort3"), Profile::AlphaDev));
    CHECK(r.proposals == 800000);
}

TEST_CASE("the same seed gives the same result file with 1 and 2 threads") {
    SearchConfig c = iterationBudget("sort4", 50000, 1);
    c.chains = 3;
    c.seed = 42;
    c.restartEvery = 20000;
    auto one = toJson(runSearch(c), c);
    c.threads = 2;
    auto two = toJson(runSearch(c), c);
    one.erase("timings");
    two.erase("timings");
    one["config"].erase("threads");
    two["config"].erase("threads");
    CHECK(one.dump() == two.dump());
    c.seed = 43;
    auto other = toJson(runSearch(c), c);
    other.erase("timings");
    other["config"].erase("threads");
    CHECK(one.dump() != other.dump());
}

// sort2 trained on one permutation: of the program that stores the words as loaded and
// the one that swaps them, one is right on the sample and wrong on the complete set.
TEST_CASE("a sampled training set grows by the counterexample of a refuted find") {
    const std::atomic<bool> stop = false;
    const Program keep = parseProgram("mov (%rdi), %eax; mov 4(%rdi), %ecx;"
                                      "mov %eax, (%rdi); mov %ecx, 4(%rdi)");
    const Program swap = parseProgram("mov (%rdi), %eax; mov 4(%rdi), %ecx;"
                                      "mov %ecx, (%rdi); mov %eax, 4(%rdi)");
    int learnedBySeed[2] = {0, 0};
    for (uint64_t seed = 1; seed <= 8; ++seed) {
        SearchConfig c;
        c.task = "sort2";
        c.seed = seed;
        c.train = {Training::Kind::Sample, 1};
        const SortProblem problem(c);
        const auto eval = problem.evaluator(c);
        const bool keepRight = eval->evaluate(keep, 0, INT32_MAX, 1e9).errors == 0;
        eval->accept();
        const Program& right = keepRight ? keep : swap;
        const Program& wrong = keepRight ? swap : keep;
        CHECK(eval->evaluate(wrong, 0, INT32_MAX, 1e9).errors > 0);
        eval->accept();
        REQUIRE(eval->evaluate(right, 0, INT32_MAX, 1e9).errors == 0);
        eval->accept();
        CHECK(eval->check(right, stop) == Checked::Learned);
        CHECK(eval->evaluate(right, 0, INT32_MAX, 1e9).errors > 0);
        CHECK(eval->evaluate(wrong, 0, INT32_MAX, 1e9).errors > 0);
        ++learnedBySeed[keepRight];
        // The permutations alone never learn: a refuted find stays refuted.
        c.train = {Training::Kind::Permutations, 0};
        const SortProblem permutations(c);
        const auto fixed = permutations.evaluator(c);
        CHECK(fixed->check(right, stop) == Checked::Wrong);
        CHECK(fixed->check(right, stop) == Checked::Wrong);
    }
    CHECK(learnedBySeed[0] > 0); // both permutations were drawn by some seed
    CHECK(learnedBySeed[1] > 0);
}

TEST_CASE("the default training set is a sample of 512 permutations, all of them up to sort5") {
    SearchConfig c;
    for (auto [task, cases] :
         {std::pair{"sort5", 120}, {"varsort5", 153}, {"sort6", 512}, {"sort8", 512}}) {
        c.task = task;
        CHECK(SortProblem(c).trainingCases() == cases);
    }
    c.train = {Training::Kind::Permutations, 0};
    CHECK(SortProblem(c).trainingCases() == 40320);
    c.train = {Training::Kind::Complete, 0};
    CHECK(SortProblem(c).trainingCases() == 545835);
}

TEST_CASE("a search on a sampled training set reports only kernels verified on the complete "
          "set") {
    SearchConfig c = iterationBudget("sort4", 100000, 1);
    c.train = {Training::Kind::Sample, 2};
    const SearchResult r = runSearch(c);
    REQUIRE(r.best);
    CHECK(verify(r.best->program, Task::parse("sort4")).correct);
    CHECK(r.verifyFailures > 0); // finds right on the sample were refuted, and taught cases
}

TEST_CASE("bad search configurations are refused with a reason") {
    SearchConfig c;
    c.beta = 0;
    CHECK_THROWS_WITH(Search(c), "beta must be positive");
    c = SearchConfig();
    c.seconds = 0;
    CHECK_THROWS_WITH(Search(c), "give a budget: seconds or iterations");
    c = SearchConfig();
    c.task = "sort12";
    CHECK_THROWS_WITH(Search(c), Catch::Contains("unknown task 'sort12'"));
    c = SearchConfig();
    c.start = "/nonexistent.s";
    CHECK_THROWS_WITH(Search(c), "/nonexistent.s: cannot open file");
    c = SearchConfig();
    c.maxLength = 5;
    CHECK_THROWS_WITH(Search(c), "max length is below the start's length");
}

TEST_CASE("cached error counts agree with counting afresh over accepted and rejected changes") {
    Rng rng(9);
    for (const char* name : {"sort4", "varsort3"}) {
        for (Correctness variant : {Correctness::SqrtCount, Correctness::Hamming}) {
            Task task = Task::parse(name);
            Sampler sampler(task, Profile::X86, 6);
            Transforms moves(sampler, defaultMoveWeights(task), 30);
            Machine m(task.training(), 16);
            Cost cost({variant, Objective::Length, 0.1}, m.tests());
            Program p = humanBenchmark(task);
            m.propose(p);
            cost.evaluate(m, p, 1e18);
            m.accept();
            cost.accept();
            for (int step = 0; step < 300; ++step) {
                Change c;
                if (!moves.apply(moves.draw(rng), p, rng, c)) continue;
                if (!isLegal(p, task, Profile::X86)) {
                    moves.undo(p, c);
                    continue;
                }
                m.propose(p, c.first);
                Evaluation cached = cost.evaluate(m, p, 1e18);
                Machine fresh(task.training(), 16);
                Cost afresh({variant, Objective::Length, 0.1}, fresh.tests());
                fresh.propose(p);
                REQUIRE(cached.errors == afresh.evaluate(fresh, p, 1e18).errors);
                if (chance(rng, 0.5)) {
                    m.accept();
                    cost.accept();
                } else {
                    moves.undo(p, c);
                }
            }
        }
    }
}

TEST_CASE("objective latency measures the kept programs and reports the fastest, verified") {
    SearchConfig c = iterationBudget("sort3", 20000, 1);
    c.cost.objective = Objective::Latency;
    SearchResult r = runSearch(c);
    REQUIRE(r.best);
    REQUIRE(r.latency);
    CHECK(r.latency->candidates >= 2);
    CHECK(r.latency->screened > 0); // correct programs were measured during the search
    CHECK(r.latency->best.cycles > 0);
    CHECK(r.latency->startCycles > 0); // the warm start is measured as the reference
    CHECK(r.best->performance == r.latency->best.cycles);
    CHECK(verify(r.best->program, Task::parse("sort3")).correct);
    CHECK(toJson(r, c).contains("latency"));
}

TEST_CASE("the incremental legality check agrees with the whole check") {
    Rng rng(21);
    for (const char* name : {"sort4", "varsort3", "varsort5"}) {
        for (Profile profile : {Profile::AlphaDev, Profile::X86}) {
            Task task = Task::parse(name);
            Sampler sampler(task, profile);
            Transforms moves(sampler, defaultMoveWeights(task), 36);
            LegalityCheck check(task, profile);
            Program p = humanBenchmark(task);
            REQUIRE(check.legal(p, 0));
            check.accept();
            int legal = 0;
            for (int step = 0; step < 3000; ++step) {
                Change c;
                if (!moves.apply(moves.draw(rng), p, rng, c)) continue;
                const bool expected = isLegal(p, task, profile);
                const bool early = chance(rng, 0.5); // with and without the early stop
                REQUIRE(check.legal(p, c.first, early ? c.unchangedFrom() : INT32_MAX, c.shift()) ==
                        expected);
                if (expected && chance(rng, 0.5)) {
                    check.accept();
                    ++legal;
                } else {
                    moves.undo(p, c);
                }
            }
            CHECK(legal > 50);
        }
    }
}

TEST_CASE(
    "branch moves keep every jump forward to a label of its own, and no label without a jump") {
    Rng rng(5);
    const Task task = Task::parse("varsort4");
    const Sampler sampler(task, Profile::X86);
    MoveWeights branchOnly{};
    for (Move m : {Move::Branch, Move::Unbranch, Move::Retarget, Move::Opcode})
        branchOnly[static_cast<int>(m)] = 1;
    const Transforms moves(sampler, branchOnly, 90);
    Program p = humanBenchmark(task);
    size_t mostLabels = 0;
    int jumpsAdded = 0, jumpsRemoved = 0;
    for (int step = 0; step < 5000; ++step) {
        const int before = static_cast<int>(p.code.size());
        Change c;
        if (!moves.apply(moves.draw(rng), p, rng, c)) continue;
        jumpsAdded += c.move == Move::Branch;
        jumpsRemoved += c.move == Move::Unbranch;
        // Each label id is placed once, after every jump to it, and some jump goes there.
        std::map<int, int> placed, lastJump;
        for (int i = 0; i < static_cast<int>(p.code.size()); ++i) {
            const Instruction& in = p.code[i];
            if (in.op == Op::Label)
                REQUIRE(placed.emplace(in.dst.value, i).second);
            else if (info(in.op).family == Family::Jump)
                lastJump[in.dst.value] = i;
        }
        for (auto [id, at] : lastJump) REQUIRE((placed.count(id) && placed[id] > at));
        for (auto [id, at] : placed) REQUIRE(lastJump.count(id));
        mostLabels = std::max(mostLabels, placed.size());
        // Label names are reused: at most one more than the most labels placed at once
        // (a retarget names its new label before the old one goes).
        REQUIRE(p.labelNames.size() <=
                std::max(mostLabels, humanBenchmark(task).labelNames.size()) + 1);
        if (c.move == Move::Branch) CHECK(static_cast<int>(p.code.size()) == before + 2);
    }
    CHECK(jumpsAdded > 500);
    CHECK(jumpsRemoved > 500);
}

TEST_CASE("expected mispredicted jumps on data per call, by hand") {
    // varsort3, lengths 1..3 equally often. Jumps on the length (also through a copy
    // of it) are not counted.
    const Program lengthOnly =
        parseProgram("mov (%rdi), %eax; cmp $2, %eax; jl .Lend; mov %eax, %edx\n"
                     "mov 4(%rdi), %ecx; cmp $3, %edx; jne .Lend; mov 8(%rdi), %esi\n.Lend:");
    CHECK(expectedDataMispredictions(lengthOnly, 0, 3) == 0);
    // Jumps on data are a coin toss: je is reached by 2/3 of the calls (lengths 2
    // and 3), jg by half of those; each misses half of what reaches it.
    const Program onData =
        parseProgram("mov (%rdi), %eax; cmp $2, %eax; jl .Lend; mov 4(%rdi), %ecx\n"
                     "mov 8(%rdi), %esi; cmp %esi, %ecx; je .Lend; jg .Lend\n.Lend:");
    CHECK(expectedDataMispredictions(onData, 0, 3) == Approx(1.0 / 3 + 1.0 / 6));
    // Without a length every compare is on data; a straight-line program misses nothing.
    CHECK(expectedDataMispredictions(parseProgram("cmp %eax, %ecx; jl .L; mov %eax, %ecx\n.L:"), -1,
                                     3) == 0.5);
    CHECK(expectedDataMispredictions(humanBenchmark(Task::parse("sort3")), -1, 3) == 0);
    // The cost's latency proxy: length + kMispredictCost x the expectation.
    const Machine machine(Task::parse("varsort3").training());
    const Cost cost({Correctness::SqrtCount, Objective::Latency, 0.1}, machine.tests(), 0);
    CHECK(cost.performance(onData) == Approx(8 + kMispredictCost * 0.5));
}

TEST_CASE("the latency screen measures verified programs once each and ranks them") {
    const SortProblem problem(iterationBudget("varsort3", 1, 1));
    LatencyScreen screen(problem, 1.0);
    const Program human = humanBenchmark(Task::parse("varsort3"));
    Program wrong; // the empty program leaves lengths 2 and 3 unsorted
    screen.offer({{1.0, human}, {2.0, wrong}, {3.0, human}});
    screen.measure(1e9);
    CHECK(screen.measured() == 1); // the duplicate is not measured again, the wrong one never
    const auto fastest = screen.fastest(5);
    REQUIRE(fastest.size() == 1);
    CHECK(fastest[0] == human);
}

TEST_CASE(
    "branch moves take a varsort search below the human benchmark; without them it stays near it") {
    SearchConfig c = iterationBudget("varsort3", 300000, 1);
    SearchResult with = runSearch(c);
    c.moves = "branch=0,unbranch=0,retarget=0";
    SearchResult without = runSearch(c);
    REQUIRE(with.best);
    REQUIRE(without.best);
    CHECK(verify(with.best->program, Task::parse("varsort3")).correct);
    CHECK(with.best->length <= 24);    // human benchmark: 31
    CHECK(without.best->length >= 30); // only the networks inside shrink
    CHECK(with.moves[static_cast<int>(Move::Branch)].accepted > 0);
}
