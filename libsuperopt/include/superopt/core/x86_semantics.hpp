// What general programs mean: the state of the machine a loop-free integer function
// runs on (the general registers, the flags, the red zone of its stack), and each
// opcode's effect on it with x86's exact flags. Bits that x86 leaves undefined are
// tracked as undefined, so that a program whose result depends on them is wrong
// rather than right by luck of one CPU. This is the reference the batched emulator,
// the solver's encoding and the JIT are all tested against.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/x86_flags.hpp"

#include <array>
#include <cstdint>

namespace superopt {

// A leaf function may use this many bytes below the stack pointer at entry.
inline constexpr int kRedZone = 128;

struct CpuState {
    std::array<uint64_t, kGeneralRegisters> regs{};
    std::array<uint64_t, kGeneralRegisters> defined{}; // the defined bits of each register
    uint32_t flags = 0;                                // kCF, kPF, kZF, kSF, kOF
    uint32_t definedFlags = 0;
    // The red zone: stack[i] is the byte at entry stack pointer - kRedZone + i.
    std::array<uint8_t, kRedZone> stack{};
    std::array<uint8_t, kRedZone> stackDefined{}; // 1 where the byte is defined
    bool fault = false; // a division by zero or a quotient that does not fit (#DE)

    // The value of a register operand's bits (zero-extended), which of them are
    // defined, and whether all are.
    uint64_t get(const Operand& o) const;
    uint64_t definedBits(const Operand& o) const;
    bool isDefined(const Operand& o) const;
};

// Whether condition c holds for the flags, and the flags it reads.
bool conditionHolds(Cond c, uint32_t flags);
uint32_t flagsRead(Cond c);

// The size in bytes an instruction operates at: its destination's, else its source's
// (cltd 4, cqto 8).
int operationSize(const Instruction& in);

// Runs one instruction (not a jump or label). A faulting instruction sets `fault`
// and leaves the rest of the state as it was.
void execute(const Instruction& in, CpuState& s);

// Runs a program from `s`: forward jumps skip to their label; stops at the first fault.
// A jump on undefined flags leaves the whole state undefined.
CpuState run(const Program& p, CpuState s);

} // namespace superopt
