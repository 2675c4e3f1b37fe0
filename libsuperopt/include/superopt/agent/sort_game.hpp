// The sorting tasks' game (AlphaDev's AssemblyGame): a position is a program under
// construction plus the machine state it leaves on every test input; a move appends one
// instruction of the action space that the rules allow; the reward is the change in correctly
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
#include "superopt/agent/game.hpp"
#include "superopt/core/machine.hpp"

#include <cstdint>
#include <vector>

namespace superopt::agent {

class SortGame : public Game {
  public:
    // Throws std::invalid_argument for a register count the action space cannot have.
    SortGame(const Task& task, GameConfig config = {});

    std::string name() const override { return task_.name(); }
    std::string symbol() const override { return task_.name() + "_agent"; }
    // A new game of the same task and configuration (the emulator starts afresh).
    std::unique_ptr<Game> clone() const override {
        return std::make_unique<SortGame>(task_, config_);
    }
    int referenceLength() const override;
    const Task& task() const { return task_; }
    const ActionSpace& actions() const { return actions_; }
    int actionCount() const override { return actions_.size(); }
    int64_t items() const override { return items_; }

    // The rules: the alphadev profile (checkLegal) plus AlphaDev's ordering rules:
    // buffer words are read in increasing order, registers are first written in
    // increasing order; and no mov, cmov or cmp between two registers that hold the
    // same values on every input (a no-op, never part of a shortest program). More
    // prune moves that can only lose: a store of a register that does not hold the
    // word's sorted value on every running input (a word is written once on a path, so
    // it could never be fixed), a load or store beyond a running input's length (it
    // faults), an instruction no input runs, and a move after which the moves still to
    // come (the loads and stores of the words not in place on some running input that
    // wants them; without branches also the compares due, comparesDue(), and a cmov per
    // compare due or per word no register holds ready, the more of the two) no longer fit
    // in the length limit. `s` must be evaluated (the rules read what evaluate() measures).
    bool legal(const GameState& s, int action) const override;
    void advance(GameState& s, int action) const override;
    int actionFor(const GameState& s, const Instruction& in) const override;
    // Also measures contents, running, touchable, needed, settled, storable, unready and
    // comparesDue.
    void evaluate(GameState& s) override;

    Observation observe(const GameState& s) override;
    int programFeatures() const override;
    int laneFeatures() const override;
    int codesPerLane() const override {
        return actions_.registers() + actions_.slots() + 1 + (actions_.maxOpen() > 0);
    }
    int lanes() const { return machine_.tests().count; }
    // Every weak ordering (verify.hpp): never Unknown.
    Verdict check(const Program& p, const std::atomic<bool>* stop = nullptr) override;

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
    // The compares any continuation that sorts must still make (at least; sortN): see
    // sort_game.cpp. `values` as for potential(), `signs` as flags() gives them.
    int comparesDue(const std::vector<int>& regs, const std::vector<int32_t>& values,
                    const std::vector<int8_t>& signs) const;

    Task task_;
    ActionSpace actions_;
    Machine machine_;
    Program current_; // the program the machine holds
    int64_t items_;
    std::vector<std::vector<int32_t>> inputs_; // per lane, its distinct inputs sorted
    // Per permutation lane (its values distinct), the input position of each value by
    // rank; empty for a lane with ties.
    std::vector<std::vector<int8_t>> positions_;
    std::vector<std::vector<uint64_t>> cares_; // per buffer word, the inputs that want it (bits)
    int outputs_ = 0;                          // words some input wants
};

} // namespace superopt::agent
