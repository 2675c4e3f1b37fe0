// What every game shares: the length limit, the legal moves, the score and the reward.
#include "superopt/agent/game.hpp"

#include <algorithm>

namespace superopt::agent {

int Game::limit() const {
    return config_.limit > 0 ? std::min(config_.limit, config_.maxLength) : config_.maxLength;
}

GameState Game::initial() {
    GameState s;
    evaluate(s);
    return s;
}

bool Game::anyLegal(const GameState& s) const {
    for (int a = 0; a < actionCount(); ++a)
        if (legal(s, a)) return true;
    return false;
}

std::vector<int> Game::legalActions(const GameState& s) const {
    std::vector<int> out;
    for (int a = 0; a < actionCount(); ++a)
        if (legal(s, a)) out.push_back(a);
    return out;
}

double Game::score(const GameState& s) const {
    return config_.correctWeight * double(s.correct) / double(items()) +
           config_.shaping * s.potential;
}

Reward Game::reward(double scoreBefore, const GameState& after) const {
    Reward r;
    r.correctness = score(after) - scoreBefore;
    if (after.solved) {
        r.correctness += config_.solvedBonus;
        r.length = -config_.lengthPenalty * after.length();
    }
    return r;
}

int Game::observeHistory(const GameState& s, Observation& o) const {
    const int played = static_cast<int>(s.actions.size());
    for (int k = 0; k < config_.history && k < played; ++k)
        o.program.push_back(k * actionCount() + s.actions[played - 1 - k]);
    return config_.history * actionCount();
}

} // namespace superopt::agent
