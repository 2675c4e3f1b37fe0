// The search's moves (AlphaDev-S and STOKE): add, delete, swap, opcode, operand,
// instruction, rotate. A move changes a program in place, says where the first
// change is (so the emulator re-runs only from there) and can be undone exactly.
#pragma once

#include "superopt/sampler.hpp"

#include <array>
#include <string>

namespace superopt {

enum class Move { Add, Delete, Swap, Opcode, Operand, Instruction, Rotate };
inline constexpr int kMoveCount = 7;
std::string toString(Move m);
Move parseMove(const std::string& name); // throws std::invalid_argument

using MoveWeights = std::array<double, kMoveCount>;
// The defaults: every move, the instruction-level ones more often.
MoveWeights defaultMoveWeights();

// What a move did, enough to undo it.
struct Change {
    Move move;
    int first = 0;    // the first code index that changed
    int a = 0, b = 0; // positions (swap, rotate: a < b; add/delete/replace: a)
    Instruction old;  // the instruction replaced or deleted

    // From code index unchangedFrom() on, the code is the old code moved by shift()
    // positions (+1 after add, -1 after delete): checks may stop once they agree there.
    int unchangedFrom() const {
        return move == Move::Delete ? a : (move == Move::Swap || move == Move::Rotate ? b : a) + 1;
    }
    int shift() const { return move == Move::Add ? 1 : move == Move::Delete ? -1 : 0; }
};

class Transforms {
  public:
    // `maxLength` bounds add. Weights of zero switch moves off.
    Transforms(const Sampler& sampler, MoveWeights weights, int maxLength);

    // Draws a move by weight.
    Move draw(Rng& rng) const;
    // Applies move `m` at random. Returns false (and leaves `p` as it was) when it
    // has nothing to act on, e.g. delete on an empty program.
    bool apply(Move m, Program& p, Rng& rng, Change& c) const;
    void undo(Program& p, const Change& c) const;

  private:
    int pickInstruction(const Program& p, Rng& rng) const; // a non-label index, or -1
    bool opcode(Instruction& in, Rng& rng) const;
    bool operand(Instruction& in, Rng& rng) const;

    const Sampler& sampler_;
    MoveWeights cumulative_;
    int maxLength_;
};

} // namespace superopt
