// The AssemblyGame (AlphaDev): a position is a program under construction plus the
// machine state it leaves on every test input; a move appends one instruction of
// the action space that the rules allow; the reward is the change in correctly
// placed items (2.0 x the fraction newly placed, +1.0 once all are right), a shaping
// term, and on
// the winning move, a length penalty per instruction (charged only to correct
// programs, so that ending a game early never looks good). The shaping term is
// potential-based (Ng et al. 1999: it leaves the best programs unchanged): the
// change in how ready the outputs are: the mean over output words of, for a word not
// yet written, the largest fraction f of test inputs on which one register holds the
// right value, and for a written word f - 4(1 - f) with f the fraction it is right on (so
// storing a value that is not right everywhere costs, and the program can no longer
// fix that word). AlphaDev's reward has no such term; without it a search must find
// a whole compare-and-move sequence before any reward shows.
// The game is over when the program sorts, when
// every buffer word has been written (nothing can change after), at the maximum
// length, or when no move is legal.
//
// The test inputs are the task's complete set (every weak ordering), so a program
// that wins the game is correct; results are still verified before they are reported.
// The shared emulator runs the programs incrementally: moving to a position re-runs
// only the instructions after the longest prefix it shares with the last one run.
#pragma once

#include "superopt/agent/actions.hpp"
#include "superopt/core/machine.hpp"

#include <cstdint>
#include <vector>

namespace superopt::agent {

struct GameConfig {
    int registers = 0; // 0: N + 1, enough for the human benchmark
    int maxLength = 0; // 0: the human benchmark's length + 8 (room to err)
    int limit = 0;     // a game ends at this length if shorter than maxLength (0: maxLength); the
                       // trainer sets it below the best length found
    int history = 8;   // recent instructions the program encoder sees
    double correctWeight = 2.0;  // reward per fraction of the items newly placed
    double solvedBonus = 1.0;    // reward when every item is in place
    double lengthPenalty = 0.02; // per instruction of a winning program (subtracted)
    double shaping = 1.0;        // weight of the readiness potential (0: AlphaDev's reward)
};

// A position as the rules see it: the program and what it has defined, read and
// written. `correct`, `solved` and `over` are filled by AssemblyGame::evaluate.
struct GameState {
    std::vector<int> actions;
    Program program;
    uint32_t defined = 0, read = 0, written = 0; // registers; buffer words
    bool flags = false, lastCmp = false;
    int64_t correct = 0;            // items in place over the test set
    double potential = 0;           // readiness of the outputs, -4..1 (see above)
    std::vector<uint64_t> contents; // per defined register, a hash of its values on all inputs
    uint64_t key = 0; // a hash of all the rest of the game depends on (rules, machine, flags)
    bool solved = false, over = false;
    int length() const { return static_cast<int>(actions.size()); }
};

// What the network sees, as indices of the binary features that are on.
struct Observation {
    std::vector<int> program; // history, rule state, length
    std::vector<int> lanes;   // per test input, codesPerLane indices (lane-major)
};

// The two parts of a move's reward (the value heads predict their sums).
struct Reward {
    double correctness = 0, length = 0;
    double total() const { return correctness + length; }
};

class AssemblyGame {
  public:
    AssemblyGame(const Task& task, GameConfig config = {});

    const Task& task() const { return task_; }
    const GameConfig& config() const { return config_; } // with defaults resolved
    const ActionSpace& actions() const { return actions_; }
    int64_t items() const { return items_; }

    // The empty program, evaluated.
    GameState initial();
    // The rules: the alphadev profile (checkLegal) plus AlphaDev's ordering rules:
    // buffer words are read in increasing order, registers are first written in
    // increasing order; and no mov, cmov or cmp between two registers that hold the
    // same values on every input (a no-op, never part of a shortest program). Two
    // more prune moves that can only lose: a store of a register that does not hold
    // the word's sorted value on every input (a word is written once, so it could
    // never be fixed), and a move after which the loads and stores still to come no
    // longer fit in the length limit.
    bool legal(const GameState& s, int action) const;
    std::vector<int> legalActions(const GameState& s) const;
    bool anyLegal(const GameState& s) const;
    // Appends a legal action, updating what the rules track (not the machine).
    void advance(GameState& s, int action) const;
    // Runs the program on the emulator: sets correct, solved and over.
    void evaluate(GameState& s);
    // What the correctness reward measures of an evaluated position; a move's
    // correctness reward is the change in it (plus the bonus when it wins).
    double score(const GameState& s) const;
    // The reward of one move to the evaluated position `after` from a position of
    // score `scoreBefore`.
    Reward reward(double scoreBefore, const GameState& after) const;

    // The network's input for an evaluated position.
    Observation observe(const GameState& s);
    int programFeatures() const;
    int laneFeatures() const;
    int codesPerLane() const { return actions_.registers() + actions_.slots() + 1; }
    int lanes() const { return machine_.tests().count; }
    // The length at which a game ends: the limit if set, else the maximum length.
    int limit() const;

  private:
    void sync(const Program& p);
    // Values of `regs` before code index `at` of the program last synced, reg-major.
    std::vector<int32_t> probe(int at, const std::vector<int>& regs);
    int rank(int lane, int32_t value) const;
    double potential(const GameState& s, const std::vector<int32_t>& values);

    Task task_;
    GameConfig config_;
    ActionSpace actions_;
    Machine machine_;
    Program current_; // the program the machine holds
    int64_t items_;
    std::vector<std::vector<int32_t>> inputs_; // per lane, its distinct inputs sorted
    std::vector<uint64_t> wanted_; // per buffer word, the hash of its sorted values (as contents)
};

} // namespace superopt::agent
