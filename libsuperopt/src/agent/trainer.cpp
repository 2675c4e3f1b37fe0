// Self-play games, the replay buffer and the training loop.
#include "superopt/agent/trainer.hpp"

#include "superopt/agent/sort_game.hpp"
#include "superopt/agent/target_game.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace superopt::agent {

namespace {

double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The self-play move, drawn from visits^(1/temperature).
int choose(const std::vector<int>& visits, Rng& rng, double temperature) {
    std::vector<double> w(visits.size());
    double sum = 0;
    for (size_t i = 0; i < w.size(); ++i)
        sum += w[i] = std::pow(double(visits[i]), 1.0 / temperature);
    double u = unit(rng) * sum;
    for (size_t i = 0; i < w.size(); ++i)
        if ((u -= w[i]) < 0) return static_cast<int>(i);
    return static_cast<int>(w.size() - 1);
}

// The value heads' targets: the returns to go after each position.
void setReturns(std::vector<Example>& examples, const std::vector<Reward>& rewards) {
    Reward future;
    for (size_t i = rewards.size(); i-- > 0;) {
        future.correctness += rewards[i].correctness;
        future.length += rewards[i].length;
        examples[i].correctness = future.correctness;
        examples[i].length = future.length;
    }
}

// A winning program's moves as training positions (self-imitation): the move it
// made is the policy target, the returns that followed are the value targets.
std::vector<Example> lineExamples(const Game& prototype, const Program& p) {
    const std::unique_ptr<Game> copy = prototype.clone();
    Game& game = *copy;
    GameState s = game.initial();
    std::vector<Example> out;
    std::vector<Reward> rewards;
    for (const Instruction& in : p.code) {
        if (s.over) break; // the labels still open, placed at the end
        Example e;
        e.observation = game.observe(s);
        e.legal = game.legalActions(s);
        const auto it = std::find(e.legal.begin(), e.legal.end(), game.actionFor(s, in));
        if (it == e.legal.end()) throw std::logic_error("a winning program left the game's rules");
        e.target.assign(e.legal.size(), 0.0);
        e.target[it - e.legal.begin()] = 1.0;
        const double before = game.score(s);
        game.advance(s, *it);
        game.evaluate(s);
        rewards.push_back(game.reward(before, s));
        out.push_back(std::move(e));
    }
    setReturns(out, rewards);
    return out;
}

} // namespace

std::unique_ptr<Game> makeGame(const std::string& task, const TargetSpec& target,
                               const TrainerConfig& c) {
    if (target.empty()) return std::make_unique<SortGame>(Task::parse(task), c.game);
    return std::make_unique<TargetGame>(target, c.game, c.seed);
}

Rng gameRng(uint64_t seed, int64_t round, int64_t index) {
    return Rng(splitmix(seed ^ splitmix(uint64_t(round) * 0x100000001b3ull + uint64_t(index))));
}

GameRecord playGame(Game& game, const TrainerConfig& config, const Network* net, Rng& rng,
                    bool greedy, Clock::time_point start, const std::function<bool()>& stop) {
    Mcts mcts(game, net, config.mcts);
    GameRecord rec;
    mcts.onSolved = [&](const GameState& s) {
        if (rec.solved && rec.solved->length() <= s.program.length()) return;
        rec.solved = s.program;
        rec.solvedAt = since(start);
    };
    GameState s = game.initial();
    mcts.reset(s);
    std::vector<Reward> rewards;
    while (!s.over) {
        if (stop()) {
            rec.explored = mcts.evaluated();
            return rec;
        }
        mcts.search(rng, !greedy);
        const std::vector<int> visits = mcts.rootVisits();
        Example e;
        e.legal = mcts.rootActions();
        double total = 0;
        for (int v : visits) total += v;
        for (int v : visits)
            e.target.push_back(total > 0 ? v / total : 1.0 / double(visits.size()));
        if (net) e.observation = game.observe(s);
        const int action =
            greedy ? mcts.bestAction() : e.legal[choose(visits, rng, config.temperature)];
        rec.examples.push_back(std::move(e));
        mcts.play(action);
        rewards.push_back(game.reward(game.score(s), mcts.root()));
        s = mcts.root();
    }
    setReturns(rec.examples, rewards);
    rec.final = s;
    rec.explored = mcts.evaluated();
    rec.complete = true;
    return rec;
}

Trainer::Trainer(std::unique_ptr<Game> game, TrainerConfig config, std::optional<Network> initial)
    : config_(config), game_(std::move(game)),
      net_(initial ? std::move(*initial)
                   : Network(shapeFor(*game_, config.hidden, config.laneHidden), config.seed)) {
    if (!(net_.shape() == shapeFor(*game_, config.hidden, config.laneHidden)))
        throw std::invalid_argument("the initial network does not fit the game");
}

double Trainer::train(int64_t round) {
    if (!config_.useNetwork || replay_.size() < size_t(config_.batch)) return 0;
    Rng rng = gameRng(config_.seed, round, -1);
    double loss = 0;
    std::vector<const Example*> batch(config_.batch);
    auto draw = [&](const std::vector<Example>& from) {
        return &from[uniform(rng, static_cast<int>(from.size()))];
    };
    for (int step = 0; step < config_.trainSteps; ++step) {
        for (auto& e : batch) {
            const bool imitate = !bestLine_.empty() && unit(rng) < config_.imitation;
            e = draw(imitate ? bestLine_ : replay_);
        }
        loss += net_.train(batch, config_.learningRate).total();
    }
    return loss / config_.trainSteps;
}

TrainerResult Trainer::run(const std::atomic<bool>& stop,
                           const std::function<void(const Progress&)>& progress) {
    const auto start = Clock::now();
    auto timeUp = [&] {
        return stop.load() || (config_.seconds > 0 && since(start) >= config_.seconds);
    };
    TrainerResult res;
    Progress prog;
    tbb::task_arena arena(config_.threads);
    const int games = config_.gamesPerRound;
    // After a one-instruction program only the empty one is shorter, and every game's
    // first position is that one: nothing is left to find.
    auto done = [&] { return res.best && res.best->length() <= 1; };
    while (!timeUp() && !done() && (config_.rounds == 0 || res.rounds < config_.rounds)) {
        // Games 0..games-1 are self-play; the last one is the greedy evaluation.
        std::vector<GameRecord> recs(games + 1);
        const Network* net = network();
        arena.execute([&] {
            tbb::parallel_for(0, games + 1, [&](int i) {
                Rng rng = gameRng(config_.seed, res.rounds, i);
                const std::unique_ptr<Game> game = game_->clone();
                // Once a program is found, games look only for shorter ones.
                if (res.best) game->setLimit(res.best->length() - 1);
                recs[i] = playGame(*game, config_, net, rng, i == games, start, timeUp);
            });
        });
        for (auto& rec : recs) { // in game order: what the game learns does not depend on threads
            res.explored += rec.explored;
            // A win no shorter than the best and found no sooner changes nothing: unchecked.
            if (!rec.solved || (res.best && rec.solved->length() >= res.best->length() &&
                                rec.solvedAt >= res.firstCorrect))
                continue;
            const Game::Verdict v = game_->check(*rec.solved, &stop);
            res.unverified += v == Game::Verdict::Unknown;
            if (v != Game::Verdict::Correct) continue;
            if (res.firstCorrect < 0 || rec.solvedAt < res.firstCorrect)
                res.firstCorrect = rec.solvedAt;
            if (!res.best || rec.solved->length() < res.best->length()) {
                res.best = rec.solved;
                res.bestTime = rec.solvedAt;
                if (config_.useNetwork) bestLine_ = lineExamples(*game_, *res.best);
            }
        }
        if (std::any_of(recs.begin(), recs.end(), [](const GameRecord& r) { return !r.complete; }))
            break;
        // Once the buffer is full, a new position is copied into the buffers of the one it
        // replaces: nothing is allocated, so the heap does not fragment over a long run.
        for (int i = 0; i < games; ++i)
            for (auto& e : recs[i].examples) {
                if (replay_.size() < size_t(config_.replay))
                    replay_.push_back(std::move(e));
                else
                    replay_[replayNext_++ % replay_.size()] = e;
            }
        res.games += games + 1;
        res.loss = train(res.rounds);
        ++res.rounds;
        prog = {res.games, res.rounds, res.explored, {}, {}, res.loss, since(start)};
        if (res.best) prog.best = res.best->length();
        if (recs[games].final.solved) prog.greedy = recs[games].final.length();
        if (progress) progress(prog);
    }
    res.seconds = since(start);
    res.interrupted = stop.load();
    return res;
}

} // namespace superopt::agent
