// The AssemblyGame's fixed action space for a sort task: every instruction the
// `alphadev` profile allows on the first `registers` registers, numbered once so the
// policy head has one output per action. Compares come in one canonical operand
// order (cmp a, b with a > b, as compilers emit it): the conditions l, g, le, ge mirror each other,
// so the other order adds nothing.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"

#include <vector>

namespace superopt::agent {

class ActionSpace {
  public:
    // Sort tasks only; throws std::invalid_argument for varsort or too many registers.
    ActionSpace(const Task& task, int registers);

    int size() const { return static_cast<int>(actions_.size()); }
    int registers() const { return registers_; }
    int slots() const { return slots_; }
    const Instruction& operator[](int a) const { return actions_[a]; }
    // The action number of an instruction, or -1 when it is not in the space.
    int find(const Instruction& in) const;

  private:
    int registers_, slots_;
    std::vector<Instruction> actions_;
};

} // namespace superopt::agent
