// Monte-Carlo tree search for the agent's game (game.hpp), AlphaZero style with AlphaDev's
// constants: pUCT with c(N) = log((1 + N + c_base) / c_base) + c_init, Dirichlet
// noise on the root's priors, Q values min-max normalised over the tree (rewards are
// not bounded). The game is single-player and deterministic, so a node keeps the
// best return found below it (not the mean: one good line is all that counts), an
// unvisited child is valued at its parent's best, and a subtree with nothing left to
// evaluate (every line ends) is exhausted and never entered again. A position reached
// before in no more moves (same registers, buffer, flags and rule state on every
// input: a transposition) is pruned as a duplicate, and so is a dead move (see the game).
// Nodes are compact and live in one pool, children contiguous (leela-zero style);
// moving the root to a child keeps that child's subtree. A leaf's value is the return
// of a playout whose every move is the best scoring of a few random ones (the shaping
// reward guides it; it ends where a game does, a dead move included), mixed with the network's
// value by AlphaGo's lambda (default 1: playout only; a max over noisy values picks the noise, so
// the network guides the search through its priors). Without a network the priors are uniform; with
// one, every node's priors keep a share of uniform (a sharp learned policy would otherwise narrow
// the search to the line it learned: with max backups, a move of near-zero prior is never tried
// while its sibling keeps its value). A node asks the network for its children's priors only
// when the search first selects among them (most leaves never are), unless the network's
// value is wanted at the leaf (lambda < 1): the same priors as asking at once, for less.
#pragma once

#include "superopt/agent/game.hpp"
#include "superopt/agent/network.hpp"
#include "superopt/core/random.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace superopt::agent {

struct MctsConfig {
    int simulations = 200; // new tree nodes per move
    double cBase = 19652, cInit = 1.25;
    double dirichletAlpha = 0.03, dirichletFraction = 0.25;
    double rolloutWeight = 1.0; // lambda: 0 = network value only (with a network)
    double rollouts = 1.0;      // the playout's weight without a network (0: leaves worth 0)
    int playoutCandidates = 4;  // each playout move: the best scoring of this many random ones
    double uniformMix = 0.75;   // share of uniform in every node's priors (with a network)
};

class Mcts {
  public:
    // `net` may be null: uniform priors, leaves valued by playouts alone.
    Mcts(Game& game, const Network* net, MctsConfig config);

    // Starts a new tree at the evaluated position `s`.
    void reset(const GameState& s);
    // Runs simulations from the root until `simulations` new nodes have been
    // expanded or the root is exhausted; with `noise`, mixes Dirichlet noise (drawn
    // from `rng`) into the root's priors first.
    void search(Rng& rng, bool noise);
    // The root's legal actions and their visit counts (0 for a dead move).
    const std::vector<int>& rootActions() const { return rootActions_; }
    std::vector<int> rootVisits() const;
    // The root's action of the largest return found (ties: the first).
    int bestAction() const;
    // Plays `action` at the root: its child becomes the root, its subtree kept.
    void play(int action);
    const GameState& root() const { return rootState_; }

    // Positions evaluated (programs explored) so far.
    int64_t evaluated() const { return evaluated_; }
    // Called with every winning position the search reaches.
    std::function<void(const GameState&)> onSolved;

  private:
    struct Node {
        int32_t firstChild = -1; // in pool_, children contiguous
        int16_t children = 0;
        int16_t action = -1;
        float prior = 0, reward = 0; // reward: of the move into this node
        float best = -INFINITY;      // the largest return from this node's position on
        int32_t visits = 0;
        float score = 0; // Game::score of the position
        bool evaluated = false, terminal = false;
        bool exhausted = false; // terminal, or every child is: nothing left to search
        bool duplicate = false; // a position reached elsewhere in no more moves (terminal)
        bool dead = false;      // a move that can only lose (terminal; see the game)
        bool priorsDue = false; // the children's priors still uniform: the network not asked
    };

    // Evaluates the position of node `n` (state `s`), creates its children; returns
    // the leaf value.
    double expand(int n, GameState& s, double scoreBefore);
    // Sets the children's priors of node `n` (position `s`) from the network; returns
    // the network's value of the position.
    double setPriors(int n, const GameState& s);
    // Backs up one return through node `n`.
    void visit(int n, double value);
    int select(int n) const;
    double normalised(double q) const;
    // The return of a playout from `s` to the end of the game (see playoutCandidates).
    double rollout(GameState s);
    void simulate();

    Game& game_;
    const Network* net_;
    MctsConfig config_;
    std::vector<Node> pool_;
    std::unordered_map<uint64_t, int> seen_; // position key -> fewest moves it was reached in
    int root_ = 0;
    GameState rootState_;
    std::vector<int> rootActions_;
    double qMin_ = INFINITY, qMax_ = -INFINITY;
    int64_t evaluated_ = 0; // positions run on the emulator: tree nodes and playout moves
    int64_t expanded_ = 0;  // tree nodes
    Rng* rng_ = nullptr;    // the generator of the running search
};

} // namespace superopt::agent
