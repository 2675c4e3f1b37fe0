// The search: selection by pUCT, expansion with the network, backup of returns.
#include "superopt/agent/mcts.hpp"

#include <algorithm>
#include <random>

namespace superopt::agent {

Mcts::Mcts(AssemblyGame& game, const Network* net, MctsConfig config)
    : game_(game), net_(net), config_(config) {}

void Mcts::reset(const GameState& s) {
    pool_.assign(1, Node{});
    root_ = 0;
    rootState_ = s;
    qMin_ = INFINITY;
    qMax_ = -INFINITY;
    GameState copy = s;
    const double v = expand(0, copy, game_.score(s));
    pool_[0].visits = 1;
    pool_[0].valueSum = static_cast<float>(v);
    play(-1);
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
    if (s.over) return 0;
    const std::vector<int> legal = game_.legalActions(s);
    std::vector<double> priors(legal.size(), 1.0 / double(legal.size()));
    const double weight = net_ ? config_.rolloutWeight : config_.rollouts;
    double value = weight > 0 && rng_ ? weight * rollout(s) : 0.0;
    if (net_) {
        const Prediction p = net_->predict(game_.observe(s));
        priors = policy(p, legal);
        value += (1 - weight) * p.value();
    }
    const int first = static_cast<int>(pool_.size());
    pool_.resize(pool_.size() + legal.size());
    for (size_t i = 0; i < legal.size(); ++i) {
        pool_[first + i].action = static_cast<int16_t>(legal[i]);
        pool_[first + i].prior = static_cast<float>(priors[i]);
    }
    pool_[n].firstChild = first;
    pool_[n].children = static_cast<int16_t>(legal.size());
    return value;
}

double Mcts::rollout(GameState s) {
    double total = 0;
    while (!s.over) {
        const std::vector<int> legal = game_.legalActions(s);
        const double before = game_.score(s);
        game_.advance(s, legal[uniform(*rng_, static_cast<int>(legal.size()))]);
        game_.evaluate(s);
        ++evaluated_;
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
    const double fpu = normalised(p.mean());
    int best = -1;
    double bestScore = -INFINITY;
    for (int k = p.firstChild; k < p.firstChild + p.children; ++k) {
        const Node& ch = pool_[k];
        if (ch.exhausted) continue;
        const double q = ch.visits ? normalised(ch.reward + ch.best) : fpu;
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
        Node& node = pool_[path[i]];
        ++node.visits;
        node.valueSum += static_cast<float>(value);
        node.best = std::max(node.best, static_cast<float>(value));
        if (exhausted && i + 1 < path.size()) {
            const Node* ch = &pool_[node.firstChild];
            exhausted = node.exhausted =
                std::all_of(ch, ch + node.children, [](const Node& c) { return c.exhausted; });
        }
        if (i > 0) {
            const double q = node.reward + node.best;
            qMin_ = std::min(qMin_, q);
            qMax_ = std::max(qMax_, q);
        }
        value += node.reward;
    }
}

void Mcts::search(Rng& rng, bool noise) {
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
    for (int k = r.firstChild; k < r.firstChild + r.children; ++k) v.push_back(pool_[k].visits);
    return v;
}

void Mcts::play(int action) {
    if (action >= 0) {
        const Node& r = pool_[root_];
        int c = r.firstChild;
        while (pool_[c].action != action) ++c;
        const double before = r.score;
        game_.advance(rootState_, action);
        if (pool_[c].evaluated)
            game_.evaluate(rootState_);
        else
            expand(c, rootState_, before);
        root_ = c;
    }
    rootActions_.clear();
    const Node& r = pool_[root_];
    for (int k = r.firstChild; k < r.firstChild + r.children; ++k)
        rootActions_.push_back(pool_[k].action);
}

} // namespace superopt::agent
