// The AssemblyGame's fixed action space: every instruction the `alphadev` profile
// allows on the first `registers` registers, numbered once so the policy head has one
// output per action. Compares come in one canonical operand order (cmp a, b with
// a > b, as compilers emit it): the conditions l, g, le, ge mirror each other, so the
// other order adds nothing.
// varsortN adds AlphaDev's branching actions: the length load, `cmp $k` with the
// length (k = 2..N), a jump per condition that opens a new forward label, and "place
// open label j" (the j-th of the labels opened and not yet placed, oldest first); a
// label still open when the game ends is placed at the end.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"

#include <vector>

namespace superopt::agent {

class ActionSpace {
  public:
    // Throws std::invalid_argument for too many registers.
    ActionSpace(const Task& task, int registers);

    int size() const { return static_cast<int>(actions_.size()); }
    int registers() const { return registers_; }
    int slots() const { return slots_; }
    // Labels open at once at most (0: the task does not branch).
    int maxOpen() const { return maxOpen_; }
    // The instruction of action a; a jump's label and a placement's are placeholders
    // (kNewLabel; the index of the open label) that the game resolves.
    const Instruction& operator[](int a) const { return actions_[a]; }
    // For an instruction (label placeholders as above), its action number, or -1 when
    // it is not in the space.
    int find(const Instruction& in) const;
    static constexpr int kNewLabel = -1;

  private:
    int registers_, slots_, maxOpen_ = 0;
    std::vector<Instruction> actions_;
};

} // namespace superopt::agent
