// The emulator's micro-operations and the loops that run them over lanes, one set of
// loops per vector instruction set (lane_kernels.cpp, compiled once per path with its
// own flags and namespace). Internal to the library.
#pragma once

#include "superopt/core/isa.hpp"
#include "superopt/core/vector_isa.hpp"

#include <cstddef>
#include <cstdint>

namespace superopt {

// One step of a program over a range of lanes: arrays in, one array out.
struct MicroOp {
    enum Kind : uint8_t { Cmp, CmpImm, CMov, Mov, Jump, Label, Fault };
    Kind kind;
    Cond cond;
    bool masked;      // lanes waiting for a label keep their old value
    int32_t imm;      // CmpImm: the immediate; Jump/Label: the label's wait code; Fault: slot
    const int32_t* a; // dst's old value (Cmp: the left side)
    const int32_t* b; // src value (CmpImm: unused)
    const int32_t* flags;
    const int32_t* wait;
    int32_t* out;
};

// The arrays one output word is scored on, over lanes [lo, hi) (multiples of 16).
struct ScoredLanes {
    const int32_t* out;
    const int32_t* expected;
    const int32_t* care;  // -1 where the word is an output to check, else 0
    const int32_t* fault; // nonzero where the lane faulted
    int lo, hi;
};

struct LaneKernels {
    VectorIsa isa;
    // Runs micro-ops [ops, ops + count) in order over lanes [lo, hi).
    void (*run)(const MicroOp* ops, size_t count, int lo, int hi);
    // Cared-for lanes whose word is wrong or that faulted.
    int64_t (*misplaced)(const ScoredLanes& s);
    // Over cared-for lanes: bits differing from the expected word, 32 for a faulted lane.
    int64_t (*hamming)(const ScoredLanes& s);
};

// The loops of each path (callable only where the CPU supports it).
namespace lanes_baseline {
extern const LaneKernels kKernels;
}
namespace lanes_avx2 {
extern const LaneKernels kKernels;
}
namespace lanes_avx512 {
extern const LaneKernels kKernels;
}

} // namespace superopt
