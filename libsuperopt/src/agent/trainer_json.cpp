// The agent's one mapping of options to JSON and back, with their ranges.
#include "superopt/agent/trainer_json.hpp"

#include "superopt/core/json_fields.hpp"
#include "superopt/core/version.hpp"

#include <stdexcept>

namespace superopt::agent {

using nlohmann::json;

json toJson(const TrainerConfig& c) {
    return {{"seconds", c.seconds},
            {"rounds", c.rounds},
            {"simulations", c.mcts.simulations},
            {"rollout-weight", c.mcts.rolloutWeight},
            {"uniform-mix", c.mcts.uniformMix},
            {"threads", c.threads},
            {"seed", c.seed},
            {"games", c.gamesPerRound},
            {"train-steps", c.trainSteps},
            {"batch", c.batch},
            {"learning-rate", c.learningRate},
            {"replay", c.replay},
            {"hidden", c.hidden},
            {"registers", c.game.registers},
            {"max-length", c.game.maxLength},
            {"length-penalty", c.game.lengthPenalty},
            {"shaping", c.game.shaping},
            {"temperature", c.temperature},
            {"imitation", c.imitation},
            {"extensions", c.game.extensions},
            {"solver-seconds", c.game.solverSeconds},
            {"no-network", !c.useNetwork}};
}

namespace {

// Reads a number and checks its range; `what` says the range in the error.
template <class T> T get(const json& v, bool ok(T), const char* what) {
    const T x = v.get<T>();
    if (!ok(x)) throw std::invalid_argument(std::string("must be ") + what + " (" + v.dump() + ")");
    return x;
}
bool positive(int x) {
    return x > 0;
}
bool nonNegative(int x) {
    return x >= 0;
}
bool positiveReal(double x) {
    return x > 0;
}
bool nonNegativeReal(double x) {
    return x >= 0;
}
bool share(double x) {
    return x >= 0 && x <= 1;
}
bool registerCount(int x) {
    return x >= 0 && x <= kMaxRegisters;
}

// One setter per field of toJson(TrainerConfig), under the same name.
const FieldSetters<TrainerConfig>& fields() {
    static const FieldSetters<TrainerConfig> f = {
        {"seconds",
         [](TrainerConfig& c, const json& v) { c.seconds = get(v, nonNegativeReal, ">= 0"); }},
        {"rounds", [](TrainerConfig& c, const json& v) { c.rounds = get(v, nonNegative, ">= 0"); }},
        {"simulations",
         [](TrainerConfig& c, const json& v) { c.mcts.simulations = get(v, positive, "> 0"); }},
        {"rollout-weight",
         [](TrainerConfig& c, const json& v) { c.mcts.rolloutWeight = get(v, share, "in 0..1"); }},
        {"uniform-mix",
         [](TrainerConfig& c, const json& v) { c.mcts.uniformMix = get(v, share, "in 0..1"); }},
        {"threads", [](TrainerConfig& c, const json& v) { c.threads = get(v, positive, "> 0"); }},
        {"seed", [](TrainerConfig& c, const json& v) { c.seed = v.get<uint64_t>(); }},
        {"games",
         [](TrainerConfig& c, const json& v) { c.gamesPerRound = get(v, positive, "> 0"); }},
        {"train-steps",
         [](TrainerConfig& c, const json& v) { c.trainSteps = get(v, nonNegative, ">= 0"); }},
        {"batch", [](TrainerConfig& c, const json& v) { c.batch = get(v, positive, "> 0"); }},
        {"learning-rate",
         [](TrainerConfig& c, const json& v) { c.learningRate = get(v, positiveReal, "> 0"); }},
        {"replay", [](TrainerConfig& c, const json& v) { c.replay = get(v, positive, "> 0"); }},
        {"hidden", [](TrainerConfig& c, const json& v) { c.hidden = get(v, positive, "> 0"); }},
        {"registers",
         [](TrainerConfig& c, const json& v) {
             c.game.registers = get(v, registerCount, "0..14 (0: N + 1)");
         }},
        {"max-length",
         [](TrainerConfig& c, const json& v) { c.game.maxLength = get(v, nonNegative, ">= 0"); }},
        {"length-penalty",
         [](TrainerConfig& c, const json& v) {
             c.game.lengthPenalty = get(v, nonNegativeReal, ">= 0");
         }},
        {"shaping",
         [](TrainerConfig& c, const json& v) { c.game.shaping = get(v, nonNegativeReal, ">= 0"); }},
        {"temperature",
         [](TrainerConfig& c, const json& v) { c.temperature = get(v, positiveReal, "> 0"); }},
        {"imitation",
         [](TrainerConfig& c, const json& v) { c.imitation = get(v, share, "in 0..1"); }},
        {"no-network", [](TrainerConfig& c, const json& v) { c.useNetwork = !v.get<bool>(); }},
        {"extensions",
         [](TrainerConfig& c, const json& v) { c.game.extensions = v.get<std::string>(); }},
        {"solver-seconds",
         [](TrainerConfig& c, const json& v) {
             c.game.solverSeconds = get(v, positiveReal, "> 0");
         }},
    };
    return f;
}

} // namespace

TrainerConfig trainerConfigFromJson(const json& j, TrainerConfig c) {
    c = applyFields(j, fields(), c, "agent fields");
    checkTrainerConfig(c);
    return c;
}

void checkTrainerConfig(const TrainerConfig& c) {
    if (c.seconds == 0 && c.rounds == 0)
        throw std::invalid_argument("give a budget: seconds or rounds");
}

json toJson(const TrainerResult& r, const Game& game, const TrainerConfig& c) {
    return {{"superopt_version", kVersion},
            {"method", "agent"},
            {"config", toJson(c)},
            {"game",
             {{"registers", game.config().registers},
              {"max-length", game.config().maxLength},
              {"history", game.config().history},
              {"actions", game.actionCount()}}},
            {"network", {{"lane-hidden", c.laneHidden}}},
            {"mcts",
             {{"c-base", c.mcts.cBase},
              {"c-init", c.mcts.cInit},
              {"dirichlet-alpha", c.mcts.dirichletAlpha},
              {"dirichlet-fraction", c.mcts.dirichletFraction}}},
            {"task", game.name()},
            {"seed", c.seed},
            {"found", r.best.has_value()},
            {"verified", r.best.has_value()},
            {"program", r.best ? toLines(*r.best) : std::vector<std::string>{}},
            {"length", r.best ? json(r.best->length()) : json()},
            {"reference_length", game.referenceLength()},
            {"programs_explored", r.explored},
            {"unverified", r.unverified},
            {"games", r.games},
            {"rounds", r.rounds},
            {"loss", r.loss},
            {"interrupted", r.interrupted},
            {"timings",
             {{"wall_seconds", r.seconds},
              {"first_correct_seconds", r.firstCorrect},
              {"best_seconds", r.bestTime}}}};
}

} // namespace superopt::agent
