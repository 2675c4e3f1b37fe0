// The rule profiles and the legality check.
//
// In every profile a program may not read a register or the flags before writing
// them, may compare an immediate only with the varsort length, may touch only the
// task's buffer (and never write the length), and may jump only forward. These keep
// correctness decidable on the complete test set (docs/architecture.md).
// Profile `alphadev` adds AlphaDev's action-space rules: memory only in `mov`, each
// slot read at most once and written at most once on any path, no two compares in a
// row. Profile `x86` allows whatever else the CPU accepts.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace superopt {

enum class Profile { AlphaDev, X86 };

Profile parseProfile(const std::string& name); // throws std::invalid_argument
std::string toString(Profile p);

struct Violation {
    int index; // position in Program::code
    std::string message;
};

// "illegal at instruction N (text): message".
std::string describe(const Violation& v, const Program& p);

// The first rule the program breaks, or nothing when it is legal. Malformed data
// (an opcode, operand kind, register or label number out of range, a jump to a
// label never placed) is reported too, so any Program may be checked safely.
std::optional<Violation> checkLegal(const Program& p, const Task& task, Profile profile);
// The same answer without the words.
bool isLegal(const Program& p, const Task& task, Profile profile);

// What a program reads that the caller left: registers read where they may not have
// been written on some path, and the flags read where no compare may have set them.
struct CallerReads {
    uint32_t registers = 0;          // bit r: register r's caller-left value may be read
    bool flags = false;              // the caller's flags may be read
    bool meetsConstants = false;     // such a value may be compared with the varsort length or
                                     // an immediate (verify then tries every caller-left value
                                     // at every place among those constants)
    std::vector<int32_t> immediates; // the immediates such values are compared with
    bool any() const { return registers || flags; }
};

// The checks verify makes (verify.hpp): the rules of profile x86, except that a
// program may read what the caller left in registers and flags, which verify then
// tries at every value that can matter. Fills `reads` (when not null) with what the
// program reads that the caller left.
std::optional<Violation> checkVerifiable(const Program& p, const Task& task, CallerReads* reads);

// isLegal for the search's hot loop: keeps the data-flow state before every
// instruction of the accepted program, so a change re-checks only from its first
// changed instruction (what jumps before it send to later labels is rebuilt from
// the kept states).
class LegalityCheck {
  public:
    LegalityCheck(const Task& task, Profile profile);
    ~LegalityCheck();
    // Whether `p`, equal to the accepted program before code index `from`, is legal.
    // When p's code from `unchangedFrom` on is the accepted code moved by `shift`
    // positions, the check stops where its state meets the accepted program's
    // (programs without labels).
    bool legal(const Program& p, int from, int unchangedFrom = INT32_MAX, int shift = 0);
    // The last program checked (a legal one) becomes the accepted program.
    void accept();

  private:
    struct States;
    const Task& task_;
    Profile profile_;
    std::unique_ptr<States> states_;
    bool valid_ = false; // states_->current describes the accepted program
    int proposedFrom_ = -1;
    int proposedTail_ = 0, proposedShift_ = 0; // from here on the accepted states apply, moved
};

} // namespace superopt
