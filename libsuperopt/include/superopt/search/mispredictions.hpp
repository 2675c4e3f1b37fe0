// A static model of the jumps on compared data a program mispredicts per call, for
// the chains' proxy of measured latency (objective latency: length +
// kMispredictCost x this). It takes the inputs the latency benchmark draws: each
// varsort length equally often, distinct values in random order. Jumps on the
// length go one way for each length; a jump on data is a coin toss, missed by half
// the calls that reach it. Flags are followed in code order (paths that join at a
// label are not told apart). Left out on purpose, because the chains would exploit
// them: the jumps on the length (a chain rewarded for dropping them loses
// correctness as cheaply as it gains speed) and executed instructions (a chain
// rewarded for skipping code drifts to programs that jump over everything).
#pragma once

#include "superopt/core/program.hpp"

namespace superopt {

// What a mispredicted branch costs, in instructions: measured, a varsort3 kernel of
// 20 instructions whose one data jump the model charges 1/6 misprediction per call
// ran 12 % slower than one of 23 without it (README, "Branching programs").
inline constexpr double kMispredictCost = 30;

// `lengthSlot`: the buffer word holding the length (-1: no length; data jumps only),
// `maxLength`: the largest length (varsortN: N).
double expectedDataMispredictions(const Program& p, int lengthSlot, int maxLength);

} // namespace superopt
