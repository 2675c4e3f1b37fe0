// The exhaustive prover: known optima proved and found (sort2: 8 instructions; sort3: 17
// with one scratch register, as Ullrich and Hack proved), the program verified, legal and
// the same on every run and thread count, stops kept, bad settings refused.
#include "superopt/core/rules.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/search/prover.hpp"
#include "superopt/search/prover_json.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace {

superopt::ProofResult proveFor(const std::string& task, int length, int registers, int threads = 1,
                               int slack = 1, bool symmetry = true) {
    superopt::ProofConfig c;
    c.task = task;
    c.length = length;
    c.registers = registers;
    c.threads = threads;
    c.intermediateSlack = slack;
    c.symmetry = symmetry;
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

// sort3 with 6 registers, the intermediate-values and symmetry rules off, to 17: a tree
// of 24 M nodes (about 2 s on one thread), long enough to stop and pause, with its table
// in `table`.
superopt::ProofConfig longSort3Proof(int threads, const std::string& table) {
    superopt::ProofConfig c;
    c.task = "sort3";
    c.length = 17;
    c.registers = 6;
    c.intermediateSlack = -1;
    c.symmetry = false;
    c.tableMegabytes = 16;
    c.threads = threads;
    c.tableOut = table;
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
    CHECK(none.nodes > 100'000); // the tree was searched, not skipped (125 K when measured)
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

TEST_CASE("the input-position and mirror-image rules prune, and change neither program nor proof") {
    for (int registers : {4, 5, 6}) {
        const int length = 17; // sort3's optimum
        const auto plain = proveFor("sort3", length, registers, 1, 1, false);
        const auto symmetric = proveFor("sort3", length, registers, 1, 1, true);
        REQUIRE(plain.program);
        REQUIRE(symmetric.program);
        CHECK(superopt::toText(*symmetric.program) == superopt::toText(*plain.program));
        CHECK(symmetric.provenNone == length - 1);
        CHECK(symmetric.nodes < plain.nodes);
        CHECK(symmetric.rules.size() == plain.rules.size() + 2);
        CHECK(symmetric.symmetry);
        CHECK(!plain.symmetry);
    }
    const auto plain = proveFor("sort4", 21, 5, 2, 1, false);
    const auto symmetric = proveFor("sort4", 21, 5, 2, 1, true);
    CHECK(plain.outcome == superopt::ProofResult::Outcome::None);
    CHECK(symmetric.outcome == superopt::ProofResult::Outcome::None);
    CHECK(symmetric.provenNone == 21);
    CHECK(symmetric.nodes * 8 < plain.nodes); // 38.7 K against 437 K when measured
}

TEST_CASE("the rules let every sorting network through at its own length, in their order") {
    // A sorting network as a program (a scratch register, no dead code) sorts and is
    // legal, and so does its order-rules version (loads last, stores first), so a
    // sound prover reaches that whole: any rule that cut it would be wrong.
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
            const superopt::Program ordered = superopt::proverOrder(c, network);
            INFO(superopt::toText(ordered));
            CHECK(ordered.length() == network.length());
            CHECK(superopt::verify(ordered, task).correct);
            CHECK(superopt::isLegal(ordered, task, superopt::Profile::AlphaDev));
            CHECK(superopt::proverCut(c, ordered) == -1);
            CHECK(superopt::proverCut(c, network) >= 0); // all loads first: not in order
        }
    }
    // ... and cuts what they must: a store of a value that is not the word's sorted one,
    // a register overwritten before it is read, a program too short to sort.
    const auto task = superopt::Task::parse("sort4");
    superopt::ProofConfig c;
    c.task = "sort4";
    c.registers = 5;
    const superopt::Program network = superopt::proverOrder(c, superopt::humanBenchmark(task));
    REQUIRE(network.length() == 28);
    auto first = [&](auto is) {
        const auto& code = network.code;
        return int(std::find_if(code.begin(), code.end(), is) - code.begin());
    };
    const int store = first([](auto& in) { return in.dst.kind == superopt::kMem; });
    superopt::Program swapped = network;
    const int other = network.code[store].src.value == 0 ? 1 : 0;
    swapped.code[store].src = superopt::Operand::reg(other); // not the sorted value
    CHECK(superopt::proverCut(c, swapped) == store);
    const int copy = first([](auto& in) {
        return in.op == superopt::Op::Mov && in.src.kind == superopt::kReg &&
               in.dst.kind == superopt::kReg;
    });
    superopt::Program dead = network;
    dead.code.insert(dead.code.begin() + copy, network.code[copy]); // a copy overwritten
    CHECK(superopt::proverCut(c, dead) == copy + 1);
    int compare = -1; // the fourth compare-exchange: a copy, the compare, two cmovs
    for (int seen = 0; seen < 4; ++compare)
        seen += network.code[compare + 1].op == superopt::Op::Cmp;
    superopt::Program early = network;
    early.code.erase(early.code.begin() + compare - 1, early.code.begin() + compare + 3);
    REQUIRE(!superopt::verify(early, task).correct);
    CHECK(superopt::proverCut(c, early) >= 0);
    superopt::Program wide = network;
    wide.code[copy].dst = superopt::Operand::reg(7);
    CHECK_THROWS_WITH(superopt::proverCut(c, wide), Catch::Contains("a register read before"));
}

TEST_CASE("the rules let programs the searches found through, in their order") {
    // Not networks: sort4 in 28 (cold search) and sort5 in 42 (warm search) with the
    // search's N+3 registers (docs/results/optimality, seed 1).
    const std::pair<const char*, const char*> found[] = {
        {"sort4",
         "mov 4(%rdi), %esi\nmov 12(%rdi), %r10d\ncmp %esi, %r10d\nmov %esi, %eax\ncmovle %r10d, "
         "%eax\ncmovle %esi, %r10d\nmov (%rdi), %r8d\nmov %r8d, %r9d\ncmovg %r10d, %esi\nmov "
         "8(%rdi), %edx\ncmp %edx, %r9d\ncmovge %edx, %r9d\ncmovl %edx, %r8d\ncmp %r8d, "
         "%r10d\ncmovg %r8d, %esi\ncmovg %r10d, %r8d\nmov %eax, %r10d\ncmp %r9d, %eax\ncmovle "
         "%r9d, %eax\ncmovle %r10d, %r9d\ncmp %esi, %eax\nmov %esi, %r10d\ncmovge %eax, "
         "%esi\ncmovl %eax, %r10d\nmov %r9d, (%rdi)\nmov %esi, 8(%rdi)\nmov %r8d, 12(%rdi)\nmov "
         "%r10d, 4(%rdi)\n"},
        {"sort5",
         "mov 16(%rdi), %r8d\nmov 8(%rdi), %edx\nmov %edx, %r9d\ncmp %r8d, %edx\ncmovg %r8d, "
         "%r9d\ncmovge %edx, %r8d\nmov %r9d, %edx\nmov 12(%rdi), %esi\ncmp %esi, %r9d\ncmovl "
         "%esi, %edx\nmov 4(%rdi), %eax\nmov %eax, %r11d\nmov (%rdi), %ecx\ncmovge %esi, "
         "%r9d\ncmp %ecx, %r11d\ncmovle %ecx, %eax\nmov %r8d, %r10d\ncmovl %r11d, %ecx\ncmp "
         "%r10d, %eax\ncmovle %eax, %r10d\ncmovle %r8d, %eax\ncmp %ecx, %edx\nmov %ecx, "
         "%r11d\ncmovle %edx, %r11d\ncmovl %ecx, %edx\ncmp %ecx, %r9d\ncmovge %r9d, "
         "%r11d\ncmovg %ecx, %r9d\ncmp %eax, %esi\ncmovl %eax, %esi\ncmovle %edx, %eax\ncmp "
         "%r10d, %edx\ncmovge %r10d, %edx\ncmovl %r10d, %eax\ncmp %edx, %r11d\nmov %r9d, "
         "(%rdi)\ncmovle %r11d, %r10d\ncmovle %edx, %r11d\nmov %esi, 16(%rdi)\nmov %r11d, "
         "8(%rdi)\nmov %eax, 12(%rdi)\nmov %r10d, 4(%rdi)\n"}};
    for (const auto& [name, text] : found) {
        const auto task = superopt::Task::parse(name);
        const superopt::Program program = superopt::parseProgram(text, name);
        REQUIRE(superopt::verify(program, task).correct);
        superopt::ProofConfig c;
        c.task = name;
        const superopt::Program ordered = superopt::proverOrder(c, program);
        INFO(name << "\n" << superopt::toText(ordered));
        CHECK(ordered.length() == program.length());
        CHECK(superopt::verify(ordered, task).correct);
        CHECK(superopt::proverCut(c, ordered) == -1);
    }
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
        CHECK(p.runNodes == p.nodes); // a run from the start
        CHECK(p.subtrees >= 256);     // the frontier
        CHECK(p.subtreesDone <= p.subtrees);
        if (i > 0 && p.depth == seen[i - 1].depth) {
            CHECK(p.depthNodes >= seen[i - 1].depthNodes);
            CHECK(p.subtreesDone >= seen[i - 1].subtreesDone);
        }
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

TEST_CASE("a resumed run's progress counts the chain's nodes, and its rate only its own") {
    superopt::ProofConfig c = sort4Proof(24, 1.5);
    c.registers = 5;
    std::atomic<bool> stop = false;
    superopt::ProofProgress last;
    const auto first =
        superopt::prove(c, stop, [&](const superopt::ProofProgress& p) { last = p; });
    REQUIRE(first.outcome == superopt::ProofResult::Outcome::Stopped);
    REQUIRE(first.checkpoint);
    CHECK(first.checkpoint->nodes == first.nodes);
    c.resume = first.checkpoint;
    c.seconds = 2.5;
    std::vector<superopt::ProofProgress> seen;
    superopt::prove(c, stop, [&](const superopt::ProofProgress& p) { seen.push_back(p); });
    REQUIRE(!seen.empty());
    for (const auto& p : seen) {
        CHECK(p.runNodes > 0);
        CHECK(p.nodes - p.runNodes == first.nodes);
    }
    // It goes on at the subtree the first run had reached (one thread: in order), if
    // that run's last report came in the same length.
    CHECK(seen.front().depth == first.checkpoint->limit);
    if (last.depth == first.checkpoint->limit)
        CHECK(seen.front().subtreesDone >= last.subtreesDone);
    CHECK(seen.front().subtreesDone < seen.front().subtrees);
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
    // Runs of 2 M nodes each (a node budget: as many runs however busy the machine).
    const int threads = GENERATE(1, 2);
    const auto whole = proveFor("sort3", 17, 6, 1, -1, false);
    REQUIRE(whole.program);
    const auto table = (std::filesystem::temp_directory_path() /
                        ("superopt_prover_test_" + std::to_string(::getpid()) + ".table"))
                           .string();
    superopt::ProofConfig c = longSort3Proof(threads, table);
    c.nodes = 2'000'000;
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
    c.resume->moveOrder = 1; // one of an older move generation is refused
    CHECK_THROWS_WITH(superopt::prove(c, stop), Catch::Contains("move order 1, this one has 2"));
    c.resume->moveOrder = superopt::kProverMoveOrder;
    c.resume->task = "sort4"; // a checkpoint of another task is refused
    CHECK_THROWS_WITH(superopt::prove(c, stop), Catch::Contains("the checkpoint is for sort4"));
}

TEST_CASE("a run that pauses to write its checkpoint ends where one run does, and a chain "
          "resumes from what it wrote") {
    // The tree of the test above (24 M nodes: seconds), a pause every 0.2 s.
    const int threads = GENERATE(1, 2);
    const auto whole = proveFor("sort3", 17, 6, 1, -1, false);
    REQUIRE(whole.program);
    const auto base = std::filesystem::temp_directory_path() /
                      ("superopt_pause_test_" + std::to_string(::getpid()));
    const std::string checkpointFile = base.string() + ".json", table = base.string() + ".table";
    auto written = [&] {
        std::ifstream in(checkpointFile);
        return superopt::checkpointFromJson(nlohmann::json::parse(in));
    };
    superopt::ProofConfig c = longSort3Proof(threads, table);
    c.saveCheckpoint = [&](const superopt::ProofCheckpoint& k) {
        std::ofstream(checkpointFile) << superopt::toJson(k).dump();
    };
    c.checkpointSeconds = 0.2;
    c.progressSeconds = 0; // at every tick of 65,536 nodes
    std::atomic<bool> stop = false;
    int64_t shown = 0; // the progress counts each node once, before and after pauses
    const auto paused = superopt::prove(
        c, stop, [&](const superopt::ProofProgress& p) { shown = std::max(shown, p.nodes); });
    CHECK(shown > 0);
    CHECK(shown <= paused.nodes);
    REQUIRE(paused.program);
    CHECK(superopt::toText(*paused.program) == superopt::toText(*whole.program));
    CHECK(paused.provenNone == 16);
    CHECK_FALSE(paused.checkpoint); // a pause's checkpoint is not the result's
    const auto last = written();    // the last pause's
    CHECK(last.limit == 17);
    CHECK(last.nodes > 0);
    CHECK(last.nodes < paused.nodes);

    c.resume = last; // a chain resumes from it, with its table
    c.tableIn = table;
    c.checkpointSeconds = 0;
    const auto resumed = superopt::prove(c, stop);
    CHECK(resumed.tableLoaded);
    REQUIRE(resumed.program);
    CHECK(superopt::toText(*resumed.program) == superopt::toText(*whole.program));

    c.resume.reset(); // stopped by its budget after pauses: the file holds the result's
    c.nodes = paused.nodes / 2;
    c.checkpointSeconds = 0.2;
    const auto stopped = superopt::prove(c, stop);
    std::filesystem::remove(table);
    REQUIRE(stopped.outcome == superopt::ProofResult::Outcome::Stopped);
    REQUIRE(stopped.checkpoint);
    CHECK(superopt::toJson(written()) == superopt::toJson(*stopped.checkpoint));
    std::filesystem::remove(checkpointFile);
}
