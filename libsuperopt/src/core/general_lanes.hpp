// The batched general emulator's lane loops (general_machine.hpp), one set per vector
// instruction set: general_lanes.cpp is compiled once per path with that path's flags
// and namespace, as lane_kernels.cpp is. Internal to the library.
#pragma once

#include "superopt/core/program.hpp"

#include <cstdint>

namespace superopt {

// An operand read over lanes: (v[l] >> shift) & mask, its defined bits likewise from d;
// or, where v is null, the constant `value` with defined bits `constantDefined`.
struct LaneSource {
    const uint64_t* v = nullptr;
    const uint64_t* d = nullptr;
    uint8_t shift = 0;
    uint64_t mask = 0;
    uint64_t value = 0, constantDefined = 0;
};

// A value written over lanes into fresh arrays (v, d), from the location's old ones:
// a register by x86's width rules, an 8-byte stack word at a byte offset (its defined
// bits kept per byte, as the reference keeps them). v null: not written.
struct LaneTarget {
    const uint64_t* oldV = nullptr;
    const uint64_t* oldD = nullptr;
    uint64_t* v = nullptr;
    uint64_t* d = nullptr;
    bool stack = false;
    uint8_t size = 8;
    uint8_t shift = 0; // bits: 8 for a high-byte register, 8 x the byte offset in a stack word
};

// One instruction (not a jump or a label) over lanes.
struct GeneralStep {
    const Instruction* in = nullptr;
    const OpcodeInfo* info = nullptr; // info(in->op)
    int size = 8;                     // operationSize
    LaneSource dst, src, src2, rax, rdx;
    const uint64_t* flags = nullptr;
    const uint64_t* definedFlags = nullptr;
    LaneTarget out, outRax, outRdx;
    uint64_t* newFlags = nullptr; // null: the instruction never writes the flags
    uint64_t* newDefinedFlags = nullptr;
    const uint64_t* faultIn = nullptr; // both null: the instruction cannot fault
    uint64_t* faultOut = nullptr;
    const uint64_t* wait = nullptr; // null: no lane can be waiting for a label
};

// A forward jump (label code = its label id + 1, what a lane that takes it waits for)
// or the label itself (cond unused, flags and undefined-path arrays null).
struct JumpStep {
    bool label = false;
    Cond cond = Cond::Always;
    uint64_t code = 0;
    const uint64_t* flags = nullptr;
    const uint64_t* definedFlags = nullptr;
    const uint64_t* waitIn = nullptr;
    uint64_t* waitOut = nullptr;
    const uint64_t* undefinedIn = nullptr; // lanes whose path depended on undefined flags
    uint64_t* undefinedOut = nullptr;
};

// The final state's result cost over lanes: per lane, the result's wrong or undefined
// bits (its `mask`), or the fewest of another register's plus `penalty`; the whole width
// where the lane faulted or took a path on undefined flags. Registers [0, registers):
// the result's first, then those with some defined bit (the others cannot do better).
struct ResultLanes {
    int registers;
    const uint64_t* v[kGeneralRegisters];
    const uint64_t* d[kGeneralRegisters];
    const uint64_t* expected;
    const uint64_t* fault;
    const uint64_t* undefinedPath;
    uint64_t mask;
    int penalty;
};

struct GeneralKernels {
    void (*step)(const GeneralStep& s, int lo, int hi);
    void (*jump)(const JumpStep& s, int lo, int hi);
    int64_t (*errors)(const ResultLanes& r, int lo, int hi);
};

namespace lanes_baseline {
extern const GeneralKernels kGeneralKernels;
}
namespace lanes_avx2 {
extern const GeneralKernels kGeneralKernels;
}
namespace lanes_avx512 {
extern const GeneralKernels kGeneralKernels;
}

} // namespace superopt
