// The batched emulator. One lane per test case, struct-of-arrays: every value
// (register, buffer word, flags) is an array over lanes, so each instruction is one
// loop the compiler vectorises.
//
// Values are renamed rather than overwritten: instruction i writes a fresh array of
// its own (a `mov` without jumps writes nothing: it just renames), and a table per
// position says where each value lives. So the state before every instruction stays
// cached, and a change at instruction k re-runs only from k. A proposal writes to the
// other one of two arrays per position, so rejecting it costs nothing and accepting
// it only flips which side is current.
//
// Forward jumps run per lane: a lane that jumps waits for its label (a `wait` value
// per lane) and instructions in between leave it unchanged.
#pragma once

#include "superopt/core/program.hpp"
#include "superopt/core/task.hpp"
#include "superopt/core/vector_isa.hpp"

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <vector>

namespace superopt {

struct MicroOp;     // lane_kernels.hpp (internal)
struct LaneKernels; // the loops of one vector path

class Machine {
  public:
    // `blockLanes` (a multiple of TestSet::kLaneAlign) is the unit of early termination.
    // `isa`: the vector path its loops run on (vector_isa.hpp), which the CPU must support.
    explicit Machine(TestSet tests, int blockLanes = 128, VectorIsa isa = activeVectorIsa());
    ~Machine();
    Machine(const Machine&) = delete;
    Machine& operator=(const Machine&) = delete;

    const TestSet& tests() const { return tests_; }
    int blocks() const { return (tests_.lanes + blockLanes_ - 1) / blockLanes_; }
    int blockBegin(int b) const { return b * blockLanes_; }
    int blockEnd(int b) const { return std::min(tests_.lanes, (b + 1) * blockLanes_); }

    // Prepares to run `p`, which must equal the current (last accepted) program
    // before code index `from`; 0 runs everything. `p` must pass checkLegal. A caller
    // that knows that `p` also equals it from code index `sameFrom` to the end (same
    // length) may say so, which spares comparing the instructions there.
    void propose(const Program& p, int from = 0, int sameFrom = INT32_MAX);
    void run(int block); // runs the proposal on one block of lanes
    void runAll();
    void accept(); // the proposal becomes the current program

    // The proposal's final state: buffer words and the fault flag (nonzero where a
    // lane touched a word outside its length).
    const int32_t* slot(int s) const { return array(final_[kMaxRegisters + s]); }
    const int32_t* fault() const { return array(final_[faultValue()]); }
    // Before code index i (0..length) of the current (accepted) program, per lane the
    // label it jumped to and waits for, plus one (0: the lane runs there).
    const int32_t* waiting(int i) const { return array(cur_[i][waitValue()]); }
    // Before code index i of the current program, per lane the flags (isa.hpp: Flags;
    // a waiting lane's are those it jumped with).
    const int32_t* flagsAt(int i) const { return array(cur_[i][flagsValue()]); }
    // The expected outputs and care masks (-1 where a word is an output to check),
    // 64-byte aligned like every array of the machine.
    const int32_t* expected(int s) const { return array(1 + tests_.slots + s); }
    const int32_t* care(int s) const { return array(1 + 2 * tests_.slots + s); }
    // Whether the proposal's final word s (or fault flags) differ from the current
    // program's: when not, they are the very same array, so costs counted on it hold.
    bool slotChanged(int s) const {
        return final_[kMaxRegisters + s] != cur_[curPositions_][kMaxRegisters + s];
    }
    bool faultChanged() const { return final_[faultValue()] != cur_[curPositions_][faultValue()]; }
    // True when the proposal left lane `l` with every output right and no fault.
    bool laneCorrect(int l) const;

    // Over one block of lanes, the proposal's errors in buffer word s: cared-for lanes
    // where the word is wrong or the lane faulted, and the bits that differ from the
    // expected word (32 for a faulted lane).
    int64_t misplaced(int s, int block) const;
    int64_t differingBits(int s, int block) const;

  private:
    // Where each value lives before a position: array ids, see array().
    static constexpr int kMaxValues = 32;
    using Locations = std::array<uint16_t, kMaxValues>;

    int values() const { return kMaxRegisters + tests_.slots + 3; }
    int flagsValue() const { return kMaxRegisters + tests_.slots; }
    int waitValue() const { return flagsValue() + 1; }
    int faultValue() const { return flagsValue() + 2; }
    // Arrays by id: 0 zeros; then inputs, expected outputs, care masks (one per
    // slot); the lane lengths; the caller-left values (preset registers, then the
    // preset flags); then per position two sides x (value written, faults): position
    // p's are firstPositionId() + 4 p + 2 side + which.
    int32_t* array(int id) const { return arena_ + size_t(id) * tests_.lanes; }
    int lengthId() const { return 1 + 3 * tests_.slots; }
    int presets() const {
        return static_cast<int>(tests_.presetRegisters.size()) + !tests_.presetFlags.empty();
    }
    int firstPositionId() const { return lengthId() + 1 + presets(); }
    void reserve(int positions);

    TestSet tests_;
    int blockLanes_;
    const LaneKernels* kernels_;
    int32_t* arena_ = nullptr;                    // owned, 64-byte aligned
    std::vector<uint8_t> side_;                   // the current side per position and output
    std::vector<uint8_t> wrote_;                  // the proposal wrote this position and output
    std::vector<Instruction> curCode_, propCode_; // propCode_: the proposal from propFrom_
    std::vector<Locations> cur_;                  // before each position, current program
    std::vector<Locations> prop_;
    int curPositions_ = 0, propPositions_ = 0, propFrom_ = 0;
    int curFirstJump_ = 0, propFirstJump_ = 0; // position of the first jump (or the length)
    int minLength_ = 0;                        // words up to this one never fault
    bool mayFault_ = false;                    // some word may
    Locations final_{};
    std::vector<MicroOp> ops_; // the proposal's micro-ops: the first opCount_
    size_t opCount_ = 0;
};

} // namespace superopt
