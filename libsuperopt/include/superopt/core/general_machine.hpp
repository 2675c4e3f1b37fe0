// The batched emulator of general programs (loop-free integer functions): one lane per
// test case, struct of arrays (each register, its defined bits, the flags and each
// 8-byte word of the red zone is an array of 64-bit values over lanes), so that each
// instruction is decoded once and run over every lane in one loop of the vector path
// in use (vector_isa.hpp). What an instruction means is the reference's own
// (x86_semantics.hpp): both call the same code, and tests hold them to the same states.
//
// As in the sorting machine (machine.hpp), values are renamed rather than overwritten:
// each position writes fresh arrays and a table per position says where each value
// lives, so a change at instruction k re-runs only from k; a proposal writes the other
// one of two sides per position, so rejecting it costs nothing. Lanes run in blocks, the
// unit of early termination. Forward jumps run per lane: a lane that jumps waits for
// its label, and instructions in between leave it unchanged.
#pragma once

#include "superopt/core/target.hpp"
#include "superopt/core/vector_isa.hpp"
#include "superopt/core/x86_semantics.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace superopt {

struct GeneralKernels; // the loops of one vector path (internal)

class GeneralMachine {
  public:
    static constexpr int kBlockLanes = 16;

    // Lanes start at `entries`; the result of `sig` is scored against `expected`.
    GeneralMachine(const Signature& sig, const std::vector<CpuState>& entries,
                   const std::vector<uint64_t>& expected, VectorIsa isa = activeVectorIsa());
    ~GeneralMachine();
    GeneralMachine(GeneralMachine&&) noexcept;
    GeneralMachine& operator=(GeneralMachine&&) noexcept;

    // Whether the machine runs `p`: every stack operand lies within one 8-byte word of
    // the red zone (the reference runs the rest).
    static bool runs(const Program& p);

    int lanes() const { return lanes_; }
    int blocks() const { return (lanes_ + kBlockLanes - 1) / kBlockLanes; }

    // Prepares to run `p` (which runs()), equal to the current (last accepted) program
    // before code index `from`; 0 runs everything.
    void propose(const Program& p, int from = 0);
    void run(int block); // runs the proposal on one block of lanes
    void runAll();
    // The proposal becomes the current program; every block must have run.
    void accept();

    // Over one block of the proposal's lanes: the result's wrong or undefined bits, or
    // the fewest of another register's plus `misalignPenalty`; the result's whole width
    // where the lane faulted.
    int64_t resultErrors(int block, int misalignPenalty) const;
    // The proposal's final state in lane l, as the reference run() leaves it (a faulted
    // lane only as far as `fault` goes); without `stack`, the red zone left undefined.
    CpuState state(int lane, bool stack = true) const;
    // The same of the current program before code index `position` (0..its length).
    CpuState stateAt(int position, int lane, bool stack = true) const;

  private:
    // Locations: each register's value and defined bits, the flags and their defined
    // bits, each stack word's value and defined bits, and per lane the label it waits
    // for, whether it faulted and whether its path depended on undefined flags.
    static constexpr int kStackWords = kRedZone / 8;
    static constexpr int kFlags = 2 * kGeneralRegisters;
    static constexpr int kStack = kFlags + 2;
    static constexpr int kWait = kStack + 2 * kStackWords;
    static constexpr int kFault = kWait + 1;
    static constexpr int kUndefinedPath = kFault + 1;
    static constexpr int kLocations = kUndefinedPath + 1;
    using Table = std::array<uint16_t, kLocations>; // array ids, see array()
    // Arrays written per position and side: a destination, rax, rdx (value and defined
    // bits each), the flags (both), the fault.
    static constexpr int kOutputs = 9;

    // Array ids: 0 zeros, 1 the expected results, then the entry state's locations, then
    // per position and side kOutputs arrays.
    uint64_t* array(size_t id) { return arena_.data() + id * lanes_; }
    const uint64_t* array(size_t id) const { return arena_.data() + id * lanes_; }
    CpuState stateOf(const Table& t, int lane, bool stack) const;
    uint16_t output(int position, int side, int k) const {
        return static_cast<uint16_t>(firstOutput_ + (position * 2 + side) * kOutputs + k);
    }
    void reserve(int positions);
    // Builds position i's step of the proposal from table t (updated to after it).
    void plan(const Instruction& in, int position, Table& t);

    Signature signature_;
    int lanes_;
    const GeneralKernels* kernels_;
    std::vector<uint64_t> arena_;
    int firstOutput_ = 0;
    int capacity_ = 0; // positions the arena holds
    Table entry_{};
    std::vector<uint8_t> side_;     // the current program's side per position
    std::vector<Table> cur_;        // before each position (and after the last), current program
    std::vector<Table> prop_;       // the same for the proposal, from propFrom_
    std::vector<Instruction> code_; // the proposal's code
    int curPositions_ = 0, propPositions_ = 0, propFrom_ = 0;
    int blocksRun_ = 0;
    struct Step; // one position of the proposal (general_machine.cpp)
    std::vector<Step> steps_;
};

} // namespace superopt
