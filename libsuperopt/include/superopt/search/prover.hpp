// The exhaustive prover: iterative deepening over every straight-line sortN program
// under the rules profile `alphadev` with a given register count, which either returns a
// verified program of at most L instructions (the first one in a fixed order, so the
// same on every run) or proves that none exists. The pruning rules, each sound (the
// argument is beside its code in prover.cpp), are listed in ProofResult::rules.
//
// A stopped run returns a checkpoint (the length limit being searched and the move
// index at each depth of the node it stopped at, every earlier subtree being searched);
// a run given it resumes there, so a long proof is a chain of runs.
//
// Threads split each length limit's tree at a frontier of a few hundred nodes and share
// the transposition table; ranks (ProofRanks) split the frontier between them, each with
// its own threads and table. The program found, the proof and the checkpoint's meaning
// do not depend on the thread or rank count (node and table counts do).
//
// Not yet built: varsort (branches), profile x86.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace superopt {

// The version of the prover's move generation (which moves a state makes, in which
// order): a checkpoint's path means a node only under the version that wrote it.
inline constexpr int kProverMoveOrder = 2;

// Where a stopped run was: it resumes at `path` under length limit `limit`, on `lanes`.
struct ProofCheckpoint {
    int moveOrder = kProverMoveOrder; // the version that wrote it (1 when not recorded)
    std::string task;
    int registers = 0;
    int limit = 0;
    std::string lanes;     // "permutations" or "complete set"
    std::vector<int> path; // the move index at each depth (moves in generation order)
    int64_t nodes = 0;     // nodes visited before, by all the runs of the chain
};

struct ProofConfig {
    std::string task = "sort3";
    int length = 0;     // prove for programs of at most this many instructions
    int registers = 0;  // 0: the task's default (the search's own)
    double seconds = 0; // 0: no time budget
    int64_t nodes = 0;  // 0: no node budget; with one thread a budget stops at the same node
    int64_t tableMegabytes = 256; // the transposition table's memory (per rank)
    int threads = 1;              // 0: every core; the program does not depend on it
    // The intermediate-values rule (prover.cpp) where the bound leaves at most this many
    // instructions spare; -1 turns it off (for measuring it). Not in the table's tag:
    // what any setting stores is true.
    int intermediateSlack = 1;
    // The input-position and mirror-image rules (prover.cpp) in the table's keys; off
    // for measuring them. What the table stores either way is true.
    bool symmetry = true;
    std::optional<ProofCheckpoint> resume; // start where a stopped run stopped
    // Not empty: a resumed run loads its transposition table from `tableIn` when that
    // was saved with the same settings (else starts empty); a stopped run calls
    // `saveCheckpoint` with its checkpoint and then saves its table to `tableOut`
    // (atomically).
    std::string tableIn, tableOut;
    std::function<void(const ProofCheckpoint&)> saveCheckpoint;
    // > 0: also every this many seconds, the run pauses, saves both as a stopped run
    // would and goes on (with the same table), so that a killed run loses at most this
    // much. With ranks, the ranks pause together.
    double checkpointSeconds = 0;
    double progressSeconds = 1; // the least time between two calls of the progress callback
};

struct ProofProgress {
    int depth = 0;        // the length limit being searched
    int64_t nodes = 0;    // nodes visited so far (all depths; a resumed run's chain too)
    int64_t runNodes = 0; // of those, this run's (its rate: runNodes / seconds)
    double seconds = 0;
    int64_t depthNodes = 0; // nodes visited under this length limit
    // The nodes this length limit is expected to take, extrapolated from the two before
    // searched in this run (n(L-1)^2 / n(L-2)); 0 when they are not known.
    double expectedNodes = 0;
    // This length limit's frontier (prover.cpp): the subtrees searched to the end (with
    // those a resumed run's checkpoint puts before it), of all; on ranks, of this rank's
    // share. Subtrees differ in size by orders of magnitude: a position, not a fraction
    // of the work.
    int subtreesDone = 0, subtrees = 0;
    std::string lanes; // "permutations" or "complete set"
};

struct ProofResult {
    enum class Outcome { Found, None, Stopped };
    Outcome outcome = Outcome::Stopped;
    std::optional<Program> program; // Found: verified on the complete set, legal under alphadev
    int provenNone = 0;             // no program of this many instructions or fewer exists
    std::string statement;          // what was proved, in words
    std::string task, profile = "alphadev";
    int registers = 0, length = 0, threads = 1, ranks = 1, intermediateSlack = 1;
    bool symmetry = true;
    std::string lanes;                  // the test cases the last search ran on
    std::vector<int64_t> nodesPerDepth; // index: the length limit
    int64_t tableEntries = 0, tableHits = 0, tableStores = 0; // this rank's table
    double seconds = 0;
    std::vector<std::string> rules;            // the pruning rules used
    std::optional<ProofCheckpoint> checkpoint; // Stopped: where to resume
    int64_t nodes = 0;                         // with the runs before, when resumed (all ranks)
    bool tableLoaded = false;                  // resumed with the table of the run before
};

// The ranks of a job one proof is split over (the MPI ranks of apps/superopt): rank r
// searches the frontier nodes k with k % count() == r; after each length limit the
// ranks combine their outcomes, so that every rank returns the same result. A rank that
// found a program does not tell the others until then: for a proof of absence nothing
// is lost, for a found program the other ranks finish their share of that length.
class ProofRanks {
  public:
    virtual ~ProofRanks() = default;
    virtual int rank() const = 0;
    virtual int count() const = 0;
    // Collective: every rank's text, in rank order, on every rank.
    virtual std::vector<std::string> allgather(const std::string& mine) = 0;
};

// Throws std::invalid_argument for a task or setting the prover does not handle.
void checkProofConfig(const ProofConfig& config);

// The check of the rules on a program they must let through: the first depth at which
// the prover, under the limit program.length() (not config.length) and `config`'s task,
// registers and rules,
// would not reach `program` (its registers renamed in the order of their first write,
// its compares' operands put in register order), or -1 when it reaches its end. Sound
// rules reach every program that sorts, is legal under alphadev and has no dead code.
// Throws std::invalid_argument for a program the prover does not make (other
// instructions, more registers) and as checkProofConfig does.
int proverCut(const ProofConfig& config, const Program& program);

// `program` in the order the prover's order rules search (prover.cpp: loads last,
// stores first): each load moved down to just before the first instruction that reads
// its register (loads before one reader in word order), then each store moved up to
// where it can first be made, the lowest word first; registers renamed as proverCut
// does. As long as `program` and, where it sorts, sorting (a test checks it with
// verify()). Throws as proverCut does.
Program proverOrder(const ProofConfig& config, const Program& program);

// Throws as checkProofConfig does. `progress` (may be empty) is called about once a
// second with this process's counts, from one of the search's threads at a time; `stop` ends the
// run early (outcome Stopped, with the lengths proved so far). With `ranks`, every rank calls it
// with the same config.
ProofResult prove(const ProofConfig& config, const std::atomic<bool>& stop,
                  const std::function<void(const ProofProgress&)>& progress = {},
                  ProofRanks* ranks = nullptr);

} // namespace superopt
