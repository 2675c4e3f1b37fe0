// Self-play training: rounds of games played in parallel on oneTBB (each game with
// its own generator derived from the seed, the round and the game's index, so a
// given seed plays the same games on any number of threads), their positions kept in
// a replay buffer, then Adam steps on batches drawn from it and, with a fixed share,
// from the moves of the shortest winning program found so far (self-imitation
// learning, Oh et al. 2018: the network learns the best line, the searches explore
// around it, the length limit makes them leave it somewhere). Each round also plays
// one greedy game (no noise, most-visited moves) to evaluate the network. Every
// winning program any search reaches is verified; the shortest one is the result.
#pragma once

#include "superopt/agent/mcts.hpp"
#include "superopt/core/target.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

namespace superopt::agent {

struct TrainerConfig {
    GameConfig game;
    MctsConfig mcts;
    bool useNetwork = true; // false: uniform priors, playout values, no training
    int hidden = 128, laneHidden = 64;
    uint64_t seed = 1;
    int threads = 1;
    double seconds = 60; // wall-clock budget; 0: none (then `rounds` must be set)
    int rounds = 0;      // 0: until the time is up
    int gamesPerRound = 8;
    int trainSteps = 16, batch = 64;
    double learningRate = 1e-3;
    int replay = 20000;       // positions kept
    double temperature = 0.1; // self-play moves are drawn from visits^(1/T)
    double imitation = 0.25;  // share of each batch drawn from the best program's moves
};

// One game: its training positions and the shortest winning program its searches
// reached (with the seconds since `start` when it was reached).
struct GameRecord {
    std::vector<Example> examples;
    std::optional<Program> solved;
    double solvedAt = 0;
    GameState final;
    int64_t explored = 0;
    bool complete = false;
};

using Clock = std::chrono::steady_clock;

// Plays one game on `game` (the trainer's copy). `greedy`: no root noise, always the most
// visited move (the evaluation mode). Stops early (complete = false) when `stop` returns true.
GameRecord playGame(Game& game, const TrainerConfig& config, const Network* net, Rng& rng,
                    bool greedy, Clock::time_point start, const std::function<bool()>& stop);

struct Progress {
    int64_t games = 0, rounds = 0, explored = 0;
    std::optional<int> best;   // shortest verified length so far
    std::optional<int> greedy; // the last greedy game's length when it won
    double loss = 0, seconds = 0;
};

struct TrainerResult {
    std::optional<Program> best; // verified
    int64_t unverified = 0;      // winning programs the solver gave up on (never a result)
    double firstCorrect = -1, bestTime = -1; // seconds from the start; -1: none
    int64_t explored = 0, games = 0, rounds = 0;
    double seconds = 0, loss = 0;
    bool interrupted = false; // by the stop flag
};

class Trainer {
  public:
    // `game`: the game to play, made with config.game (each game plays on a copy);
    // `initial`: weights to start from (their shape must fit the game).
    Trainer(std::unique_ptr<Game> game, TrainerConfig config, std::optional<Network> initial = {});
    TrainerResult run(const std::atomic<bool>& stop,
                      const std::function<void(const Progress&)>& progress = {});
    const Network* network() const { return config_.useNetwork ? &net_ : nullptr; }
    const Game& game() const { return *game_; }

  private:
    double train(int64_t round);

    TrainerConfig config_;
    std::unique_ptr<Game> game_; // each game plays on a copy; learns from refuted wins
    Network net_;
    std::vector<Example> replay_;
    std::vector<Example> bestLine_; // the shortest winning program's moves (self-imitation)
    size_t replayNext_ = 0;
};

// The game of a sorting task ("sort3"), or of a target when `target` is not empty;
// throws std::invalid_argument (or ParseError) for what the game cannot play.
std::unique_ptr<Game> makeGame(const std::string& task, const TargetSpec& target,
                               const TrainerConfig& config);

// The generator of game `index` in round `round`.
Rng gameRng(uint64_t seed, int64_t round, int64_t index);

} // namespace superopt::agent
