// The game the agent plays (AlphaDev's AssemblyGame), behind one small interface: a
// position is a program under construction plus the machine state it leaves on every
// test input; a move appends one instruction of a fixed action space that the rules
// allow; the reward is the change in a score of correctness (plus a bonus on the winning
// move and a length penalty per instruction of a winning program). The tree search,
// the network and the trainer play any game through it: the sorting tasks'
// (sort_game.hpp) or a user's function's (target_game.hpp).
#pragma once

#include "superopt/core/program.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace superopt::agent {

struct GameConfig {
    int registers = 0; // 0: the game's default (sortN: N + 1; a target: as the search's)
    int maxLength = 0; // 0: the game's default (sortN: the human benchmark's length + 8)
    int limit = 0;     // a game ends at this length if shorter than maxLength (0: maxLength); the
                       // trainer sets it below the best length found
    int history = 8;   // recent instructions the program encoder sees
    double correctWeight = 2.0;  // reward per fraction of the items newly placed
    double solvedBonus = 1.0;    // reward when every item is in place
    double lengthPenalty = 0.02; // per instruction of a winning program (subtracted)
    double shaping = 1.0;        // weight of the readiness potential (0: AlphaDev's reward;
                                 // sorting games only)
    // Targets only: the CPU extensions moves may use besides the target's own, and the
    // solver's limit per check (seconds of work, as the search's).
    std::string extensions;
    double solverSeconds = 10;
};

// A position as the rules see it: the program and what it has defined, read and
// written (on the paths that reach its end, as the alphadev profile tracks them:
// defined and flags on every path, read and written on some). `correct`, `solved`,
// `over` and what follows them are filled by Game::evaluate. The target game uses the
// rule state's `defined` (its registers, by their index in its vocabulary) and `flags`
// only; the fields from `open` to `storable` are the sorting game's.
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
    int comparesDue = 0;    // compares any sorting continuation still makes (sortN; at least)
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

class Game {
  public:
    virtual ~Game() = default;
    // "sort3", or "FILE:FUNCTION".
    virtual std::string name() const = 0;
    // The exported kernel's default function name.
    virtual std::string symbol() const = 0;
    // A copy to play one game on (a game keeps its emulator's state).
    virtual std::unique_ptr<Game> clone() const = 0;
    const GameConfig& config() const { return config_; } // with defaults resolved
    // The length at which a game ends: the limit if set, else the maximum length.
    int limit() const;
    void setLimit(int limit) { config_.limit = limit; }
    // The length to beat: the human benchmark's, or the target's.
    virtual int referenceLength() const = 0;

    virtual int actionCount() const = 0;
    // The empty program, evaluated.
    GameState initial();
    // Whether the rules allow `action` in the evaluated position `s`.
    virtual bool legal(const GameState& s, int action) const = 0;
    std::vector<int> legalActions(const GameState& s) const;
    bool anyLegal(const GameState& s) const;
    // Appends a legal action, updating what the rules track (not the machine).
    virtual void advance(GameState& s, int action) const = 0;
    // The action that appends `in` (an instruction or label of a program the game
    // could play) to `s`, or -1.
    virtual int actionFor(const GameState& s, const Instruction& in) const = 0;
    // Runs the program on the emulator and measures the position (correct, potential,
    // key, solved, dead, over and the game's own fields). Depends on the program alone.
    virtual void evaluate(GameState& s) = 0;
    // What the correctness reward measures of an evaluated position: correctWeight x the
    // share of items right + shaping x the potential; a move's correctness reward is the
    // change in it (plus the bonus when it wins).
    double score(const GameState& s) const;
    // The reward of one move to the evaluated position `after` from a position of
    // score `scoreBefore`.
    Reward reward(double scoreBefore, const GameState& after) const;
    // Items over the test set (GameState::correct counts those right).
    virtual int64_t items() const = 0;

    // The network's input for a position: its program and rule state, as `advance` leaves
    // them (no `evaluate` needed: the tree search asks for it on the way down).
    virtual Observation observe(const GameState& s) = 0;
    virtual int programFeatures() const = 0;
    virtual int laneFeatures() const = 0;
    virtual int codesPerLane() const = 0;

    // The complete check of a winning program: every weak ordering, or the solver (which
    // gives up soon after `*stop` turns true: Unknown, never a result). A target's game
    // learns from a program it refutes: the counterexample joins its test inputs (games
    // cloned later play on them).
    enum class Verdict { Correct, Wrong, Unknown };
    virtual Verdict check(const Program& p, const std::atomic<bool>* stop = nullptr) = 0;

  protected:
    explicit Game(GameConfig config) : config_(config) {}
    Game(const Game&) = default;
    // Brings `machine` (an emulator holding `current`) to `p`, running only from the
    // first instruction they do not share.
    template <class Machine>
    static void syncMachine(Machine& machine, Program& current, const Program& p) {
        size_t same = 0;
        while (same < p.code.size() && same < current.code.size() &&
               p.code[same] == current.code[same])
            ++same;
        if (same == p.code.size() && same == current.code.size()) return;
        machine.propose(p, static_cast<int>(same));
        machine.runAll();
        machine.accept();
        current = p;
    }
    // Adds the recent actions' features (config().history blocks of actionCount(), the
    // last action first) to `o.program`; returns the first feature index after them.
    int observeHistory(const GameState& s, Observation& o) const;

    GameConfig config_;
};

} // namespace superopt::agent
