// The exhaustive prover: known optima proved and found (sort2: 8 instructions; sort3: 17
// with one scratch register, as Ullrich and Hack proved), the program verified, legal and
// the same on every run, stops kept, bad settings refused.
#include "superopt/core/rules.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/search/prover.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

#include <unistd.h>

namespace {

superopt::ProofResult proveFor(const std::string& task, int length, int registers) {
    superopt::ProofConfig c;
    c.task = task;
    c.length = length;
    c.registers = registers;
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
    superopt::ProofConfig c = sort4Proof(21, 3.5);
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
    const auto whole = proveFor("sort3", 17, 4);
    REQUIRE(whole.program);
    const auto table = (std::filesystem::temp_directory_path() /
                        ("superopt_prover_test_" + std::to_string(::getpid()) + ".table"))
                           .string();
    superopt::ProofConfig c;
    c.task = "sort3";
    c.length = 17;
    c.registers = 4;
    c.tableMegabytes = 16;
    c.seconds = 0.2;
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

    c.resume->task = "sort4"; // a checkpoint of another task is refused
    CHECK_THROWS_WITH(superopt::prove(c, stop), Catch::Contains("the checkpoint is for sort4"));
}
