// A trainer configuration small enough for a test: a small network, few training steps,
// a budget of rounds (so that a seed repeats exactly).
#pragma once

#include "superopt/agent/trainer.hpp"

namespace testing {

inline superopt::agent::TrainerConfig smallTrainer(int simulations, int rounds) {
    superopt::agent::TrainerConfig config;
    config.mcts.simulations = simulations;
    config.gamesPerRound = 4;
    config.rounds = rounds;
    config.seconds = 0;
    config.trainSteps = 4;
    config.batch = 16;
    config.hidden = 16;
    config.laneHidden = 8;
    return config;
}

} // namespace testing
