// The search's moves (AlphaDev-S and STOKE): add, delete, swap, opcode, operand,
// instruction, rotate, and for branching programs branch (insert a jump and its
// forward label), unbranch (delete a jump) and retarget (point a jump at another
// forward label); and two that rewrite a value's whole live range, so that a chain
// can walk between programs that compute alike with other registers and fewer copies
// (the -O0 code of a target is full of both): rename (the register a value lives in)
// and propagate (a register-to-register mov deleted, its readers reading its source).
// A move changes a program in place, says where the first change is (so the emulator
// re-runs only from there) and can be undone exactly.
#pragma once

#include "superopt/search/sampler.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace superopt {

enum class Move {
    Add,
    Delete,
    Swap,
    Opcode,
    Operand,
    Instruction,
    Rotate,
    Branch,
    Unbranch,
    Retarget,
    Rename,
    Propagate
};
inline constexpr int kMoveCount = 12;
std::string toString(Move m);
Move parseMove(const std::string& name); // throws std::invalid_argument

using MoveWeights = std::array<double, kMoveCount>;
// The defaults for a sorting task: every move but rename and propagate, the
// instruction-level ones more often; the branch moves only where branches pay
// (varsort: the length decides what to touch).
MoveWeights defaultMoveWeights(const Task& task);
// Every move, the instruction-level ones more often; the branch moves (branch, unbranch,
// retarget) and the live-range moves (rename, propagate) on or off.
MoveWeights moveWeights(bool branches, bool liveRanges);
// `base` with the weights named in "add=1,branch=0.5" replaced; throws on bad input.
MoveWeights parseMoveWeights(const std::string& text, MoveWeights base);
std::string toString(const MoveWeights& w);
// Throws std::invalid_argument unless every weight is >= 0, one is > 0 and the sum is finite.
void checkMoveWeights(const MoveWeights& w);

// What a move did, enough to undo it.
struct Change {
    Move move;
    int first = 0;     // the first code index that changed
    int a = 0, b = -1; // positions (swap, rotate: a < b; add/delete/replace: a; branch
                       // moves: a the jump, b the label inserted after it or -1)
    Instruction old;   // the instruction replaced or deleted
    int removed = -1;  // branch moves: where a label no jump needs any more was removed
    Instruction oldLabel;
    bool named = false;             // branch moves: a label name was added to the program
    std::vector<Instruction> range; // rename, propagate: the old code from `a` on

    // From code index unchangedFrom() on, the code is the old code moved by shift()
    // positions (+1 after add, -1 after delete): checks may stop once they agree there.
    int unchangedFrom() const {
        if (move == Move::Rename || move == Move::Propagate)
            return a + static_cast<int>(range.size()) + shift();
        if (move >= Move::Branch) return INT32_MAX; // moves code around labels: no early stop
        return move == Move::Delete ? a : (move == Move::Swap || move == Move::Rotate ? b : a) + 1;
    }
    int shift() const {
        return move == Move::Add ? 1 : move == Move::Delete || move == Move::Propagate ? -1 : 0;
    }
};

class Transforms {
  public:
    // `maxLength` bounds add. Weights of zero switch moves off.
    Transforms(const InstructionSampler& sampler, MoveWeights weights, int maxLength);

    // Draws a move by weight.
    Move draw(Rng& rng) const;
    // Applies move `m` at random. Returns false (and leaves `p` as it was) when it
    // has nothing to act on, e.g. delete on an empty program.
    bool apply(Move m, Program& p, Rng& rng, Change& c) const;
    void undo(Program& p, const Change& c) const;

  private:
    // A random instruction's index (not a label; a jump only when `jumps`), or -1.
    int pickInstruction(const Program& p, Rng& rng, bool jumps = false) const;
    bool branch(Program& p, Rng& rng, Change& c) const;
    bool unbranch(Program& p, Rng& rng, Change& c) const;
    bool retarget(Program& p, Rng& rng, Change& c) const;
    bool rename(Program& p, Rng& rng, Change& c) const;
    bool propagate(Program& p, Rng& rng, Change& c) const;

    const InstructionSampler& sampler_;
    MoveWeights cumulative_;
    int maxLength_;
};

} // namespace superopt
