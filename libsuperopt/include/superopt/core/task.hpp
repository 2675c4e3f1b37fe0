// Tasks say what "correct" means: sortN sorts buf[0..N-1]; varsortN reads the
// length n = buf[0] (1..N) and sorts buf[1..n], touching nothing else. Each task
// gives a training set (the permutations) and the complete set (every weak
// ordering), laid out struct-of-arrays for the emulator.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace superopt {

// Test cases, one lane per case, every array stored slot-major: a[slot * lanes + lane].
// `lanes` is `count` rounded up to a multiple of kLaneAlign; padding lanes repeat
// lane 0 and never count.
struct TestSet {
    static constexpr int kLaneAlign = 16;
    int slots = 0;
    int count = 0;
    int lanes = 0;
    std::vector<int32_t> input;
    std::vector<int32_t> expected;
    std::vector<uint8_t> care;   // [slot][lane]: 1 if this slot is an output to check
    std::vector<int32_t> length; // [lane]: slots 1..length may be touched (varsort); else `slots`
    // What the caller left, for programs that read it (verify.hpp): registers that start
    // with a value per lane instead of zero, and the flags per lane (isa.hpp: Flags).
    std::vector<int> presetRegisters;  // register numbers
    std::vector<int32_t> presetValues; // [preset][lane]
    std::vector<int32_t> presetFlags;  // [lane]; empty: every lane starts at kGreater

    int32_t in(int slot, int lane) const { return input[size_t(slot) * lanes + lane]; }
    int32_t out(int slot, int lane) const { return expected[size_t(slot) * lanes + lane]; }
    // Items to place over the set (P in the cost functions).
    int64_t items() const;
    // Cases [begin, begin + count) as a set of their own.
    TestSet slice(int begin, int count) const;
};

class Task {
  public:
    enum class Kind { Sort, VarSort };

    // "sort2".."sort8", "varsort2".."varsort5"; throws std::invalid_argument otherwise.
    static Task parse(const std::string& name);
    static std::vector<std::string> names();

    const std::string& name() const { return name_; }
    Kind kind() const { return kind_; }
    int n() const { return n_; }
    // Words of the buffer: N for sortN, N + 1 for varsortN.
    int slots() const { return kind_ == Kind::Sort ? n_ : n_ + 1; }
    // The slot holding the length (varsort), or -1.
    int lengthSlot() const { return kind_ == Kind::VarSort ? 0 : -1; }
    // Registers available to programs: enough for the human benchmark and then some.
    int registers() const;

    // Every permutation of distinct values (for varsort: of every length).
    TestSet training() const;
    // Every weak ordering (for varsort: of every length) — decides correctness.
    TestSet complete() const;
    // Fills the expected outputs and care masks of a set whose inputs are set.
    void fillExpected(TestSet& t) const;
    // The input buffers (slots() words each) of the permutations, or of every weak
    // ordering when `weak`, in the order of training() and complete().
    std::vector<std::vector<int32_t>> buffers(bool weak) const;
    // A set of the given input buffers, expected outputs filled.
    TestSet testSet(const std::vector<std::vector<int32_t>>& buffers) const;

  private:
    Task(std::string name, Kind kind, int n) : name_(std::move(name)), kind_(kind), n_(n) {}
    std::string name_;
    Kind kind_;
    int n_;
};

// The complete set of a task, built once and shared (thread-safe).
const TestSet& completeSet(const Task& task);

// Number of weak orderings of n items (Fubini numbers).
int64_t fubini(int n);
// Every weak ordering of n items as ranks 0..k-1 (each rank used), or only the
// permutations when `weak` is false.
std::vector<std::vector<int>> orderings(int n, bool weak);
// The value of rank r among k distinct ranks: strictly increasing in r, spanning the
// int32 extremes, negatives and zero, and never a small count 1..16.
int32_t rankValue(int r, int k);

} // namespace superopt
