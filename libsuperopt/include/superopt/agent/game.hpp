// The AssemblyGame (AlphaDev): a position is a program under construction plus the
// machine state it leaves on every test input; a move appends one instruction of
// the action space that the rules allow; the reward is the change in correctly
// placed items (2.0 x the fraction newly placed, +1.0 once all are right), a shaping
// term, and on the winning move, a length penalty per instruction (charged only to
// correct programs, so that ending a game early never looks good).
// The shaping term is potential-based (Ng et al. 1999: it leaves the best programs
// unchanged): the change in how ready the outputs are. For each output word not yet
// written, every test input credits its sorted value to one holder that has it (a
// register, or a word still to load: the holder that has the value on the most inputs);
// the word's readiness is 1 - H / log(registers + words), H the entropy of the credits
// over the holders; a written word counts 1 (stores are right on every input, a rule).
// A dead move that loses a value raises the readiness (the inputs that lost it credit
// nobody): playouts, which may end on a dead move, so value a position by the readiness
// it can reach when values may be sacrificed, a relaxation (as planners ignore delete
// effects). Crediting a lost word nothing made playouts avoid those moves, longer and
// dearer: no sort4 in 90 s where the relaxation finds one (2 seeds); the tree itself
// prunes dead moves, and the game's move never is one.
// So the readiness is 1 exactly when each output value sits in one place on every
// input, and every compare-and-move that narrows where a value can be counts (the
// largest share of inputs one register is right on, the measure before, stayed flat
// over half of a sorting network's compare-exchanges). AlphaDev's reward has no such
// term; without it a search must find a whole compare-and-move sequence before any
// reward shows.
// A move is dead when it can only lose: it changes nothing (registers, buffer and flags
// the same on every input), or it destroys a value an unwritten word needs on some
// input (no register holds it and no word still to load: nothing can bring it back).
// The game is over when the program sorts, after a dead move, when every buffer word
// has been written (sortN: nothing can change after), at the maximum length, or when
// no move is legal.
// varsortN branches (actions.hpp): a jump sends the inputs that take it to wait at a
// new label, which a later move places; the readiness counts for each word only the
// inputs long enough to want it, judges the running inputs and those waiting at each
// label apart (the entropy given the group), and credits an input that has the word in
// place. Dead there too: a move after which an input faults, a jump no running input
// takes (or that all take while none waits), a compare every running input answers
// alike, and losing the length while the running inputs differ in it.
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
// written (on the paths that reach its end, as the alphadev profile tracks them:
// defined and flags on every path, read and written on some). `correct`, `solved`,
// `over` and what follows them are filled by AssemblyGame::evaluate.
struct GameState {
    std::vector<int> actions;
    // Always a whole program: a label still open is placed at its end (`open` lists
    // them, oldest first); a new instruction goes before them, at end().
    Program program;
    uint32_t defined = 0, read = 0, written = 0; // registers; buffer words
    bool flags = false, lastCmp = false;
    bool reachable = true; // by the rules: false after a jmp, until a label is placed
    std::vector<int> open; // label ids jumped to, not yet placed
    // Per label id, the rule state its jump carries to the label.
    struct Carried {
        uint32_t defined, read, written;
        bool flags;
    };
    std::vector<Carried> carried;
    int64_t correct = 0;            // items in place over the test set
    double potential = 0;           // readiness of the outputs, 0..1 (see above)
    std::vector<uint64_t> contents; // per defined register, a hash of its values on all inputs
    int unready = 0;        // needed words, unwritten, whose sorted values no register holds ready
    int running = 0;        // inputs that run at end() (the others wait at an open label)
    uint32_t touchable = 0; // words every running input may touch (within its length)
    uint32_t needed = 0;    // words not in place on some running input that wants them
    bool settled = true;    // the running inputs share one length (sortN: always)
    std::vector<uint32_t> storable; // per register, the words whose sorted value it holds
                                    // on every running input (all of which want the word)
    uint64_t key = 0; // a hash of all the rest of the game depends on (rules and machine)
    bool solved = false, over = false;
    bool dead = false; // the last move can only lose (see above); searches prune it
    int length() const { return static_cast<int>(program.code.size() - carried.size()); }
    int end() const { return static_cast<int>(program.code.size() - open.size()); }
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
    // same values on every input (a no-op, never part of a shortest program). More
    // prune moves that can only lose: a store of a register that does not hold the
    // word's sorted value on every running input (a word is written once on a path, so
    // it could never be fixed), a load or store beyond a running input's length (it
    // faults), an instruction no input runs, and a move after which the moves still to
    // come (the loads and stores of the words not in place on some running input that
    // wants them; without branches also a cmov per word no register holds ready and a
    // compare before them if none was made) no longer fit in the length limit. `s` must be
    // evaluated (the rules read what evaluate() measures).
    bool legal(const GameState& s, int action) const;
    std::vector<int> legalActions(const GameState& s) const;
    bool anyLegal(const GameState& s) const;
    // Appends a legal action, updating what the rules track (not the machine).
    void advance(GameState& s, int action) const;
    // The action that appends `in` (an instruction or label of a program the game
    // could play) to `s`, or -1.
    int actionFor(const GameState& s, const Instruction& in) const;
    // Runs the program on the emulator and measures the position: correct, contents,
    // running, touchable, needed, settled, storable, unready, key, potential, solved,
    // dead and over. Depends on the program alone.
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
    int codesPerLane() const {
        return actions_.registers() + actions_.slots() + 1 + (actions_.maxOpen() > 0);
    }
    int lanes() const { return machine_.tests().count; }
    // The length at which a game ends: the limit if set, else the maximum length.
    int limit() const;

  private:
    // Whether the last move was a jump.
    bool jumpedLast(const GameState& s) const;
    // s.program with `in` inserted at s.end().
    Program appended(const GameState& s, const Instruction& in) const;
    void sync(const Program& p);
    // Values of `regs` before code index `at` of the program last synced, reg-major (an
    // input waiting at a label there: the values it waits with).
    std::vector<int32_t> probe(int at, const std::vector<int>& regs);
    int rank(int lane, int32_t value) const;
    // Per input, the sign of dst - src at the last compare before code index `end` of the
    // program last synced (0: less, 1: equal, 2: greater); empty when there is none.
    // (An input that does not run there gets the sign its registers would give.)
    std::vector<int8_t> flags(int end);
    // Whether the last move changed nothing (for a compare: the flags are as before).
    bool idle(const GameState& s, const std::vector<int>& regs, const std::vector<int32_t>& values,
              const std::vector<int8_t>& signs);
    // The readiness of the outputs (see above); sets `lost` when an unwritten word's
    // sorted value is held nowhere on some input.
    // `values`: those of `regs`, reg-major.
    double potential(const GameState& s, const std::vector<int>& regs,
                     const std::vector<int32_t>& values, bool& lost);

    Task task_;
    GameConfig config_;
    ActionSpace actions_;
    Machine machine_;
    Program current_; // the program the machine holds
    int64_t items_;
    std::vector<std::vector<int32_t>> inputs_; // per lane, its distinct inputs sorted
    std::vector<std::vector<uint64_t>> cares_; // per buffer word, the inputs that want it (bits)
    int outputs_ = 0;                          // words some input wants
};

} // namespace superopt::agent
