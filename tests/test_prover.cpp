// The exhaustive prover: known optima proved and found (sort2: 8 instructions; sort3: 17
// with one scratch register, as Ullrich and Hack proved), the program verified, legal and
// the same on every run and thread count, stops kept, bad settings refused.
#include "superopt/core/rules.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/search/prover.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

#include <unistd.h>

namespace {

superopt::ProofResult proveFor(const std::string& task, int length, int registers, int threads = 1,
                               int slack = 1) {
    superopt::ProofConfig c;
    c.task = task;
    c.length = length;
    c.registers = registers;
    c.threads = threads;
    c.intermediateSlack = slack;
    c.tableMegabytes = 64;
    std::atomic<bool> stop = false;
    return superopt::prove(c, stop);
}

// sort4 up to `length`, stopped after `seconds`.
superopt::ProofConfig sort4Proof(int length, double seconds) {
    superopt::ProofConfig c;
    c.task = "sort4";
    c.length = length;
    c.tableMegabytes = 16;
    c.seconds = seconds;
    return c;
}

} // namespace

TEST_CASE("sort2: no program of 7 instructions, and a verified one of 8") {
    const auto none = proveFor("sort2", 7, 3);
    CHECK(none.outcome == superopt::ProofResult::Outcome::None);
    CHECK(none.provenNone == 7);
    CHECK(!none.program);
    CHECK(none.statement ==
          "no sort2 program of 7 or fewer instructions exists under profile alphadev with 3 "
          "registers");
    const auto found = proveFor("sort2", 8, 3);
    REQUIRE(found.outcome == superopt::ProofResult::Outcome::Found);
    REQUIRE(found.program);
    CHECK(found.program->length() == 8);
    CHECK(found.provenNone == 7);
    const auto task = superopt::Task::parse("sort2");
    CHECK(superopt::verify(*found.program, task).correct);
    CHECK(superopt::isLegal(*found.program, task, superopt::Profile::AlphaDev));
}

TEST_CASE("sort3 with one scratch register: 16 is impossible, 17 is found, the same each run") {
    const auto a = proveFor("sort3", 17, 4);
    REQUIRE(a.outcome == superopt::ProofResult::Outcome::Found);
    CHECK(a.program->length() == 17);
    CHECK(a.provenNone == 16);
    CHECK(a.lanes == "permutations");
    const auto task = superopt::Task::parse("sort3");
    CHECK(superopt::verify(*a.program, task).correct);
    CHECK(superopt::isLegal(*a.program, task, superopt::Profile::AlphaDev));
    const auto b = proveFor("sort3", 17, 4);
    REQUIRE(b.program);
    CHECK(superopt::toText(*a.program) == superopt::toText(*b.program));
    CHECK(a.nodesPerDepth == b.nodesPerDepth);
}

TEST_CASE("threads find the same program and prove the same bounds") {
    const auto one = proveFor("sort3", 17, 4, 1);
    const auto two = proveFor("sort3", 17, 4, 2);
    REQUIRE(one.program);
    REQUIRE(two.program);
    CHECK(two.threads == 2);
    CHECK(superopt::toText(*one.program) == superopt::toText(*two.program));
    CHECK(two.provenNone == 16);
    const auto none = proveFor("sort3", 16, 6, 2);
    CHECK(none.outcome == superopt::ProofResult::Outcome::None);
    CHECK(none.provenNone == 16);
    CHECK(none.nodes > 500'000); // the tree was searched, not skipped
}

TEST_CASE("the intermediate-values rule prunes, and changes neither the program nor the proof") {
    const auto off = proveFor("sort3", 17, 4, 1, -1);
    REQUIRE(off.program);
    for (int slack : {0, 1, 2}) {
        const auto on = proveFor("sort3", 17, 4, 1, slack);
        REQUIRE(on.program);
        CHECK(superopt::toText(*on.program) == superopt::toText(*off.program));
        CHECK(on.provenNone == 16);
        CHECK(on.nodes < off.nodes);
        CHECK(on.rules.size() == off.rules.size() + 1);
    }
    const auto none = proveFor("sort4", 19, 5, 1, -1);
    const auto pruned = proveFor("sort4", 19, 5, 1, 1);
    CHECK(none.outcome == superopt::ProofResult::Outcome::None);
    CHECK(pruned.outcome == superopt::ProofResult::Outcome::None);
    CHECK(pruned.provenNone == 19);
    CHECK(pruned.nodes * 20 < none.nodes); // 7.9 M against 43 K when measured
}

TEST_CASE("the rules let every sorting network through at its own length") {
    // A sorting network as a program (a scratch register, no dead code) sorts and is
    // legal, so a sound prover reaches it whole: any rule that cut it would be wrong.
    for (int n = 2; n <= 5; ++n) {
        const auto task = superopt::Task::parse("sort" + std::to_string(n));
        const superopt::Program network = superopt::humanBenchmark(task);
        REQUIRE(superopt::verify(network, task).correct);
        for (int slack : {-1, 0, 1, 2}) {
            superopt::ProofConfig c;
            c.task = task.name();
            c.registers = n + 1;
            c.intermediateSlack = slack;
            INFO(task.name() << ", " << network.length() << " instructions, slack " << slack);
            CHECK(superopt::proverCut(c, network) == -1);
        }
    }
    // ... and cuts what they must: a store of a value that is not the word's sorted one,
    // a register overwritten before it is read, a program too short to sort.
    const auto task = superopt::Task::parse("sort4");
    superopt::ProofConfig c;
    c.task = "sort4";
    c.registers = 5;
    const superopt::Program network = superopt::humanBenchmark(task);
    REQUIRE(network.length() == 28);
    superopt::Program swapped = network;
    std::swap(swapped.code[24].src, swapped.code[25].src); // the first two stores
    CHECK(superopt::proverCut(c, swapped) == 24);
    superopt::Program dead = network;
    dead.code.insert(dead.code.begin() + 4, network.code[4]); // a copy that is overwritten
    CHECK(superopt::proverCut(c, dead) == 5);
    superopt::Program early = network;
    early.code.erase(early.code.begin() + 4, early.code.begin() + 8); // one compare-exchange less
    CHECK(superopt::proverCut(c, early) >= 0);
    superopt::Program wide = network;
    wide.code[4].dst = superopt::Operand::reg(7);
    CHECK_THROWS_WITH(superopt::proverCut(c, wide), Catch::Contains("a register read before"));
}

TEST_CASE("a stopped proof keeps what it proved and claims nothing more") {
    superopt::ProofConfig c = sort4Proof(30, 0.5);
    std::atomic<bool> stop = false;
    const auto r = superopt::prove(c, stop);
    CHECK(r.outcome == superopt::ProofResult::Outcome::Stopped);
    CHECK(r.provenNone >= 12); // 4 loads, 4 stores, 4 cmovs, 2 compares at least
    CHECK(r.provenNone < 30);
    CHECK(!r.program);
    std::atomic<bool> stopped = true;
    c.seconds = 0;
    const auto s = superopt::prove(c, stopped);
    CHECK(s.outcome == superopt::ProofResult::Outcome::Stopped);
}

TEST_CASE("progress extrapolates each length's nodes from the two lengths before") {
    superopt::ProofConfig c = sort4Proof(24, 3.5);
    c.registers = 5;
    std::atomic<bool> stop = false;
    std::vector<superopt::ProofProgress> seen;
    const auto r =
        superopt::prove(c, stop, [&](const superopt::ProofProgress& p) { seen.push_back(p); });
    REQUIRE(seen.size() >= 2);
    const auto& n = r.nodesPerDepth;
    int extrapolated = 0;
    for (size_t i = 0; i < seen.size(); ++i) {
        const auto& p = seen[i];
        CHECK(p.depthNodes <= n[p.depth]);
        if (i > 0 && p.depth == seen[i - 1].depth) CHECK(p.depthNodes >= seen[i - 1].depthNodes);
        if (n[p.depth - 1] > 0 && n[p.depth - 2] > 0) {
            ++extrapolated;
            CHECK(p.expectedNodes ==
                  Approx(double(n[p.depth - 1]) * n[p.depth - 1] / n[p.depth - 2]));
        } else {
            CHECK(p.expectedNodes == 0);
        }
    }
    CHECK(extrapolated > 0);
}

TEST_CASE("the prover refuses what it does not handle, with the reason") {
    std::atomic<bool> stop = false;
    superopt::ProofConfig c;
    c.task = "varsort3";
    c.length = 20;
    CHECK_THROWS_WITH(superopt::prove(c, stop), Catch::Contains("sortN only"));
    c.task = "sort3";
    c.length = 0;
    CHECK_THROWS_WITH(superopt::prove(c, stop), Catch::Contains("length must be in 1..120"));
    c.length = 10;
    c.registers = 15;
    CHECK_THROWS_WITH(superopt::prove(c, stop), Catch::Contains("registers must be in 0..14"));
}

TEST_CASE("a chain of stopped and resumed runs ends where one run does") {
    // sort3 with 6 registers and the intermediate-values rule off: a tree of 12 M nodes,
    // long enough for a chain of 0.05 s runs.
    const int threads = GENERATE(1, 2);
    const auto whole = proveFor("sort3", 17, 6, 1, -1);
    REQUIRE(whole.program);
    const auto table = (std::filesystem::temp_directory_path() /
                        ("superopt_prover_test_" + std::to_string(::getpid()) + ".table"))
                           .string();
    superopt::ProofConfig c;
    c.task = "sort3";
    c.length = 17;
    c.registers = 6;
    c.intermediateSlack = -1;
    c.tableMegabytes = 16;
    c.seconds = 0.05;
    c.threads = threads;
    c.tableOut = table;
    std::atomic<bool> stop = false;
    superopt::ProofResult r;
    int runs = 0;
    for (;; ++runs) {
        r = superopt::prove(c, stop);
        if (r.outcome != superopt::ProofResult::Outcome::Stopped) break;
        REQUIRE(r.checkpoint);
        CHECK(r.checkpoint->limit == r.provenNone + 1);
        c.resume = r.checkpoint;
        c.tableIn = table;
        REQUIRE(runs < 200);
    }
    std::filesystem::remove(table);
    CHECK(runs >= 2);
    REQUIRE(r.outcome == superopt::ProofResult::Outcome::Found);
    CHECK(superopt::toText(*r.program) == superopt::toText(*whole.program));
    CHECK(r.provenNone == 16);

    c.resume->path = {0, 0, 99}; // a path that leads nowhere in this tree is refused
    CHECK_THROWS_WITH(superopt::prove(c, stop), Catch::Contains("does not fit this search"));
    c.resume->task = "sort4"; // a checkpoint of another task is refused
    CHECK_THROWS_WITH(superopt::prove(c, stop), Catch::Contains("the checkpoint is for sort4"));
}
