// The agent's options as JSON: one mapping for the command line (`superopt agent`),
// config files, result files and experiments, under the command line's option names
// (kebab-case). A result file's "config" can be fed back as a --config file.
#pragma once

#include "superopt/agent/trainer.hpp"

#include <nlohmann/json.hpp>

namespace superopt::agent {

// Every option, by its command-line name.
nlohmann::json toJson(const TrainerConfig& c);
// The fields given (any subset, same names and forms) replace those of `base`; the
// result is checked whole (checkTrainerConfig). Throws std::invalid_argument naming the
// field for an unknown field, a value of the wrong type or out of range.
TrainerConfig trainerConfigFromJson(const nlohmann::json& j, TrainerConfig base = {});
// Throws std::invalid_argument unless the budget is set (seconds or rounds).
void checkTrainerConfig(const TrainerConfig& c);

// The result file: result, configuration (toJson above), the game as played
// (registers and length limit resolved, actions), the fixed search constants and the
// length to beat (the human benchmark's, or the target's: reference_length).
nlohmann::json toJson(const TrainerResult& r, const Game& game, const TrainerConfig& c);

} // namespace superopt::agent
