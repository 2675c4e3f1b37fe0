// The search: selection by pUCT, expansion with the network, backup of returns.
#include "superopt/agent/mcts.hpp"

#include <algorithm>
#include <random>

namespace superopt::agent {

Mcts::Mcts(Game& game, const Network* net, MctsConfig config)
    : game_(game), net_(net), config_(config) {}

void Mcts::reset(const GameState& s) {
    pool_.assign(1, Node{});
    seen_.clear();
    root_ = 0;
    rootState_ = s;
    qMin_ = INFINITY;
    qMax_ = -INFINITY;
    GameState copy = s;
    visit(0, expand(0, copy, game_.score(s)));
    play(-1);
}

void Mcts::visit(int n, double value) {
    Node& node = pool_[n];
    ++node.visits;
    if (!std::isnan(value)) node.best = std::max(node.best, static_cast<float>(value));
}

double Mcts::expand(int n, GameState& s, double scoreBefore) {
    game_.evaluate(s);
    ++evaluated_;
    ++expanded_;
    pool_[n].evaluated = true;
    pool_[n].score = static_cast<float>(game_.score(s));
    pool_[n].reward = static_cast<float>(game_.reward(scoreBefore, s).total());
    pool_[n].terminal = pool_[n].exhausted = s.over;
    if (s.solved && onSolved) onSolved(s);
    if (s.dead) { // pruned: a move that can only lose adds no value
        pool_[n].dead = true;
        return NAN;
    }
    if (s.over) return 0;
    // A position reached before in no more moves: nothing new below it.
    if (auto [it, added] = seen_.try_emplace(s.key, s.length()); !added) {
        if (it->second <= s.length()) {
            pool_[n].duplicate = pool_[n].terminal = pool_[n].exhausted = true;
            return NAN;
        }
        it->second = s.length();
    }
    const std::vector<int> legal = game_.legalActions(s);
    const int first = static_cast<int>(pool_.size());
    pool_.resize(pool_.size() + legal.size());
    for (size_t i = 0; i < legal.size(); ++i) {
        pool_[first + i].action = static_cast<int16_t>(legal[i]);
        pool_[first + i].prior = static_cast<float>(1.0 / double(legal.size()));
    }
    pool_[n].firstChild = first;
    pool_[n].children = static_cast<int16_t>(legal.size());
    const double weight = net_ ? config_.rolloutWeight : config_.rollouts;
    double value = weight > 0 && rng_ ? weight * rollout(s) : 0.0;
    // The children's priors matter only once the search selects among them, which most
    // leaves never see: the network waits until then, unless its value is wanted now.
    pool_[n].priorsDue = net_ != nullptr;
    if (net_ && weight < 1) value += (1 - weight) * setPriors(n, s);
    return value;
}

double Mcts::setPriors(int n, const GameState& s) {
    Node& node = pool_[n];
    std::vector<int> legal(node.children);
    for (int k = 0; k < node.children; ++k) legal[k] = pool_[node.firstChild + k].action;
    const Prediction p = net_->predict(game_.observe(s));
    const std::vector<double> priors = policy(p, legal);
    for (int k = 0; k < node.children; ++k)
        pool_[node.firstChild + k].prior = static_cast<float>(
            (1 - config_.uniformMix) * priors[k] + config_.uniformMix / double(legal.size()));
    node.priorsDue = false;
    return p.value();
}

double Mcts::rollout(GameState s) {
    double total = 0;
    while (!s.over) {
        const std::vector<int> legal = game_.legalActions(s);
        const double before = game_.score(s);
        // The best scoring of a few random moves (the shaping reward guides the playout;
        // it ends as a game does, also at a dead move: playouts stay cheap).
        GameState next;
        for (int k = 0; k < config_.playoutCandidates; ++k) {
            GameState t = s;
            game_.advance(t, legal[uniform(*rng_, static_cast<int>(legal.size()))]);
            game_.evaluate(t);
            ++evaluated_;
            if (k == 0 || game_.score(t) > game_.score(next)) next = std::move(t);
        }
        s = std::move(next);
        total += game_.reward(before, s).total();
        if (s.solved && onSolved) onSolved(s);
    }
    return total;
}

double Mcts::normalised(double q) const {
    return qMax_ > qMin_ ? (q - qMin_) / (qMax_ - qMin_) : q;
}

int Mcts::select(int n) const {
    const Node& p = pool_[n];
    const double c = std::log((1 + p.visits + config_.cBase) / config_.cBase) + config_.cInit;
    const double explore = c * std::sqrt(double(p.visits));
    const double fpu = p.best > -INFINITY ? normalised(p.best) : 0.0;
    int best = -1;
    double bestScore = -INFINITY;
    for (int k = p.firstChild; k < p.firstChild + p.children; ++k) {
        const Node& ch = pool_[k];
        if (ch.exhausted) continue;
        const double q = ch.best > -INFINITY ? normalised(ch.reward + ch.best) : fpu;
        const double score = q + explore * ch.prior / (1 + ch.visits);
        if (score > bestScore) bestScore = score, best = k;
    }
    return best;
}

void Mcts::simulate() {
    GameState s = rootState_;
    std::vector<int> path{root_};
    int n = root_;
    double value = 0;
    while (!pool_[n].exhausted) {
        if (pool_[n].priorsDue) setPriors(n, s);
        const int c = select(n);
        game_.advance(s, pool_[c].action);
        path.push_back(c);
        const double before = pool_[n].score;
        n = c;
        if (!pool_[n].evaluated) {
            value = expand(n, s, before);
            break;
        }
    }
    bool exhausted = pool_[n].exhausted;
    for (size_t i = path.size(); i-- > 0;) {
        visit(path[i], value);
        Node& node = pool_[path[i]];
        if (exhausted && i + 1 < path.size()) {
            const Node* ch = &pool_[node.firstChild];
            exhausted = node.exhausted =
                std::all_of(ch, ch + node.children, [](const Node& c) { return c.exhausted; });
        }
        if (i > 0 && node.best > -INFINITY) {
            const double q = node.reward + node.best;
            qMin_ = std::min(qMin_, q);
            qMax_ = std::max(qMax_, q);
        }
        value += node.reward;
    }
}

void Mcts::search(Rng& rng, bool noise) {
    if (pool_[root_].priorsDue) setPriors(root_, rootState_);
    Node& r = pool_[root_];
    if (noise && r.children > 0) {
        std::gamma_distribution<double> gamma(config_.dirichletAlpha, 1.0);
        std::vector<double> eta(r.children);
        double sum = 0;
        for (double& x : eta) sum += x = gamma(rng);
        const double f = sum > 0 ? config_.dirichletFraction : 0.0;
        for (int k = 0; k < r.children; ++k) {
            Node& ch = pool_[r.firstChild + k];
            ch.prior = static_cast<float>((1 - f) * ch.prior + f * (sum > 0 ? eta[k] / sum : 0.0));
        }
    }
    rng_ = &rng;
    const int64_t target = expanded_ + config_.simulations;
    while (expanded_ < target && !pool_[root_].exhausted) simulate();
    rng_ = nullptr;
}

std::vector<int> Mcts::rootVisits() const {
    std::vector<int> v;
    const Node& r = pool_[root_];
    for (int k = r.firstChild; k < r.firstChild + r.children; ++k)
        v.push_back(pool_[k].dead ? 0 : pool_[k].visits);
    return v;
}

int Mcts::bestAction() const {
    const Node& r = pool_[root_];
    int best = r.firstChild;
    for (int k = r.firstChild; k < r.firstChild + r.children; ++k)
        if (pool_[k].reward + pool_[k].best > pool_[best].reward + pool_[best].best) best = k;
    return pool_[best].action;
}

void Mcts::play(int action) {
    if (action >= 0) {
        const Node& r = pool_[root_];
        int c = r.firstChild;
        while (pool_[c].action != action) ++c;
        const double before = r.score;
        game_.advance(rootState_, action);
        seen_.clear(); // positions outside the kept subtree are gone
        if (pool_[c].evaluated && !pool_[c].duplicate) {
            game_.evaluate(rootState_);
        } else { // new, or pruned as a duplicate of a position now gone
            pool_[c].duplicate = pool_[c].terminal = pool_[c].exhausted = false;
            visit(c, expand(c, rootState_, before));
        }
        root_ = c;
    }
    rootActions_.clear();
    const Node& r = pool_[root_];
    for (int k = r.firstChild; k < r.firstChild + r.children; ++k)
        rootActions_.push_back(pool_[k].action);
}

} // namespace superopt::agent
