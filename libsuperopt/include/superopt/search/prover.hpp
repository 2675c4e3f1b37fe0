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
// Not yet built: varsort (branches), profile x86, parallel search.
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

// Where a stopped run was: it resumes at `path` under length limit `limit`, on `lanes`.
struct ProofCheckpoint {
    std::string task;
    int registers = 0;
    int limit = 0;
    std::string lanes;     // "permutations" or "complete set"
    std::vector<int> path; // the move index at each depth (moves in generation order)
    int64_t nodes = 0;     // nodes visited before, by all the runs of the chain
};

struct ProofConfig {
    std::string task = "sort3";
    int length = 0;                        // prove for programs of at most this many instructions
    int registers = 0;                     // 0: the task's default (the search's own)
    double seconds = 0;                    // 0: no time budget
    int64_t tableMegabytes = 256;          // the transposition table's memory
    std::optional<ProofCheckpoint> resume; // start where a stopped run stopped
    // Not empty: a resumed run loads its transposition table from `tableIn` when that
    // was saved with the same settings (else starts empty), and a stopped run saves its
    // table to `tableOut` (atomically).
    std::string tableIn, tableOut;
};

struct ProofProgress {
    int depth = 0;     // the length limit being searched
    int64_t nodes = 0; // nodes visited so far (all depths)
    double seconds = 0;
    int64_t depthNodes = 0; // nodes visited under this length limit
    // The nodes this length limit is expected to take, extrapolated from the two before
    // searched in this run (n(L-1)^2 / n(L-2)); 0 when they are not known.
    double expectedNodes = 0;
    std::string lanes; // "permutations" or "complete set"
};

struct ProofResult {
    enum class Outcome { Found, None, Stopped };
    Outcome outcome = Outcome::Stopped;
    std::optional<Program> program; // Found: verified on the complete set, legal under alphadev
    int provenNone = 0;             // no program of this many instructions or fewer exists
    std::string statement;          // what was proved, in words
    std::string task, profile = "alphadev";
    int registers = 0, length = 0;
    std::string lanes;                  // the test cases the last search ran on
    std::vector<int64_t> nodesPerDepth; // index: the length limit
    int64_t tableEntries = 0, tableHits = 0, tableStores = 0;
    double seconds = 0;
    std::vector<std::string> rules;            // the pruning rules used
    std::optional<ProofCheckpoint> checkpoint; // Stopped: where to resume
    int64_t nodes = 0;                         // with the runs before, when resumed
    bool tableLoaded = false;                  // resumed with the table of the run before
};

// Throws std::invalid_argument for a task or setting the prover does not handle.
// `progress` (may be empty) is called about once a second; `stop` ends the run early
// (outcome Stopped, with the lengths proved so far).
ProofResult prove(const ProofConfig& config, const std::atomic<bool>& stop,
                  const std::function<void(const ProofProgress&)>& progress = {});

} // namespace superopt
