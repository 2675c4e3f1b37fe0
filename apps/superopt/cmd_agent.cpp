// superopt agent: the RL baseline. Self-play MCTS guided by a small network, trained
// as it plays; keeps the shortest verified program any search reaches.
#include "cli.hpp"

#include "superopt/agent/trainer.hpp"
#include "superopt/core/export.hpp"
#include "superopt/core/files.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace cli {

namespace {

namespace ag = superopt::agent;

ag::TrainerConfig configFrom(const po::variables_map& vm) {
    ag::TrainerConfig c;
    c.game.registers = vm["registers"].as<int>();
    c.game.maxLength = vm["max-length"].as<int>();
    c.game.lengthPenalty = vm["length-penalty"].as<double>();
    c.mcts.simulations = vm["simulations"].as<int>();
    c.mcts.rolloutWeight = vm["rollout-weight"].as<double>();
    c.mcts.uniformMix = vm["uniform-mix"].as<double>();
    c.useNetwork = !vm["no-network"].as<bool>();
    c.hidden = vm["hidden"].as<int>();
    c.seed = vm["seed"].as<uint64_t>();
    c.threads = vm["threads"].as<int>();
    c.seconds = vm["seconds"].as<double>();
    c.rounds = vm["rounds"].as<int>();
    c.gamesPerRound = vm["games"].as<int>();
    c.trainSteps = vm["train-steps"].as<int>();
    c.learningRate = vm["learning-rate"].as<double>();
    c.temperature = vm["temperature"].as<double>();
    c.imitation = vm["imitation"].as<double>();
    c.game.shaping = vm["shaping"].as<double>();
    if (c.mcts.simulations < 1 || c.threads < 1 || c.gamesPerRound < 1 || c.hidden < 1 ||
        c.trainSteps < 0)
        throw UsageError("--simulations, --threads, --games and --hidden must be positive");
    if (!(c.temperature > 0)) throw UsageError("--temperature must be positive");
    for (double share : {c.imitation, c.mcts.rolloutWeight, c.mcts.uniformMix})
        if (!(share >= 0 && share <= 1))
            throw UsageError("--imitation, --rollout-weight and --uniform-mix must be in 0..1");
    if (!(c.seconds >= 0) || c.rounds < 0)
        throw UsageError("--seconds and --rounds must not be negative");
    if (c.seconds == 0 && c.rounds == 0) throw UsageError("give --seconds or --rounds a limit");
    return c;
}

nlohmann::json configJson(const ag::TrainerConfig& c, const ag::AssemblyGame& game) {
    return {{"registers", game.config().registers},
            {"max_length", game.config().maxLength},
            {"history", game.config().history},
            {"length_penalty", c.game.lengthPenalty},
            {"shaping", c.game.shaping},
            {"actions", game.actions().size()},
            {"simulations", c.mcts.simulations},
            {"rollout_weight", c.mcts.rolloutWeight},
            {"uniform_mix", c.mcts.uniformMix},
            {"c_base", c.mcts.cBase},
            {"c_init", c.mcts.cInit},
            {"dirichlet_alpha", c.mcts.dirichletAlpha},
            {"dirichlet_fraction", c.mcts.dirichletFraction},
            {"network", c.useNetwork},
            {"hidden", c.hidden},
            {"lane_hidden", c.laneHidden},
            {"threads", c.threads},
            {"seconds", c.seconds},
            {"rounds", c.rounds},
            {"games_per_round", c.gamesPerRound},
            {"train_steps", c.trainSteps},
            {"batch", c.batch},
            {"learning_rate", c.learningRate},
            {"replay", c.replay},
            {"temperature", c.temperature},
            {"imitation", c.imitation}};
}

void showProgress(const ag::Progress& p) {
    std::fprintf(
        stderr,
        "\r%7.1f s  round %lld  games %lld  explored %lld  best %s  greedy %s  loss %.4f   ",
        p.seconds, (long long)p.rounds, (long long)p.games, (long long)p.explored,
        p.best ? std::to_string(*p.best).c_str() : "-",
        p.greedy ? std::to_string(*p.greedy).c_str() : "-", p.loss);
    std::fflush(stderr);
}

} // namespace

int agent(const Args& args) {
    po::options_description opts("options");
    opts.add_options()("task", po::value<std::string>()->default_value("sort3"),
                       "sort2..sort8 (varsort is refused)")(
        "seconds", po::value<double>()->default_value(60),
        "wall-clock budget (0: none, then give --rounds)")(
        "rounds", po::value<int>()->default_value(0),
        "stop after this many rounds (0: when time is up)")(
        "simulations", po::value<int>()->default_value(200),
        "MCTS simulations per move (AlphaDev: 800)")(
        "rollout-weight", po::value<double>()->default_value(1.0),
        "leaf value = w x playout + (1 - w) x the network's value (with a network)")(
        "uniform-mix", po::value<double>()->default_value(0.25),
        "share of uniform in the network's priors at every node")(
        "threads", po::value<int>()->default_value(1),
        "games played in parallel; results do not depend on it")(
        "seed", po::value<uint64_t>()->default_value(1),
        "seeds the network and every game")("games", po::value<int>()->default_value(8),
                                            "self-play games per round (plus one greedy game)")(
        "train-steps", po::value<int>()->default_value(16),
        "Adam steps (batches of 64) after each round")(
        "learning-rate", po::value<double>()->default_value(1e-3), "Adam's step size")(
        "hidden", po::value<int>()->default_value(128), "width of the program encoder and torso")(
        "registers", po::value<int>()->default_value(0), "registers the agent may use (0: N + 1)")(
        "max-length", po::value<int>()->default_value(0),
        "longest program (0: human benchmark + 8)")("length-penalty",
                                                    po::value<double>()->default_value(0.02),
                                                    "per instruction of a winning program")(
        "shaping", po::value<double>()->default_value(1.0),
        "weight of the readiness shaping (0: AlphaDev's reward)")(
        "temperature", po::value<double>()->default_value(0.1),
        "self-play moves drawn from visits^(1/T)")(
        "imitation", po::value<double>()->default_value(0.25),
        "share of each training batch drawn from the best program's moves")(
        "no-network", po::bool_switch(),
        "ablation: uniform priors, playout values only, no training")(
        "load", po::value<std::string>(), "start from these weights (a file written by --save)")(
        "save", po::value<std::string>(), "write the trained weights here at the end")(
        "evaluate", po::bool_switch(),
        "play one greedy game (no noise, most-visited moves), no training")(
        "json", po::value<std::string>(), "write the result and the configuration here (JSON)")(
        "asm", po::value<std::string>(), "write the best kernel here as a GNU-as file")(
        "symbol", po::value<std::string>(), "the kernel's symbol (default: TASK_agent)");
    auto vm = parse(
        "usage: superopt agent [--task T] [--seconds S] [--simulations N] [--threads T] [--seed "
        "K]\n"
        "                      [--json OUT.json] [--asm OUT.s] [--save W] [--load W] "
        "[--no-network]\n\n"
        "The RL baseline (AlphaDev, lightweight). The AssemblyGame builds a program one "
        "instruction\n"
        "at a time under the alphadev rules (loads in order, registers allocated in order, memory\n"
        "only in mov, each word read and written once, no two compares in a row), a store only\n"
        "of the word's sorted value, and only moves that leave room for the loads and stores to\n"
        "come. Rewards: 2.0 x the fraction of items newly in place, +1.0 when all are, minus the\n"
        "length penalty per instruction. Monte-Carlo tree search (pUCT, c_base 19652, c_init\n"
        "1.25, root Dirichlet alpha 0.03 / fraction 0.25) picks each move, guided by a small\n"
        "network (policy head, correctness and length value heads) that trains on the games it\n"
        "plays and on the moves of the shortest program found so far (self-imitation).\n"
        "Sort tasks only: varsort needs jumps, which the game does not play.\n\n"
        "Every winning program a search reaches is verified on every weak ordering; the shortest\n"
        "is printed and written. Ctrl-C stops cleanly and keeps it. A progress line (rounds, "
        "games,\n"
        "programs explored, best length, the greedy game's length, loss) shows on a terminal.\n"
        "Exit 0 with a verified program, 1 when none was found.",
        opts, args);
    if (!vm) return 0;
    const auto task = superopt::Task::parse((*vm)["task"].as<std::string>());
    if (task.kind() != superopt::Task::Kind::Sort)
        throw UsageError("the agent plays sort tasks only (varsort needs jumps); got " +
                         task.name());
    const ag::TrainerConfig config = configFrom(*vm);
    const ag::AssemblyGame shapeGame(task, config.game);
    std::optional<ag::Network> initial;
    if (vm->count("load")) {
        if (!config.useNetwork) throw UsageError("--load and --no-network do not go together");
        initial = ag::Network::load((*vm)["load"].as<std::string>(),
                                    ag::shapeFor(shapeGame, config.hidden));
    }
    checkOutputs(*vm, {"json", "asm", "save"});

    catchInterrupt();
    ag::Trainer trainer(task, config, std::move(initial));
    ag::TrainerResult res;
    if ((*vm)["evaluate"].as<bool>()) {
        superopt::Rng rng = ag::gameRng(config.seed, 0, 0);
        const auto start = ag::Clock::now();
        auto rec = ag::playGame(task, config, trainer.network(), rng, true, start,
                                [] { return interruptFlag().load(); });
        res.explored = rec.explored;
        res.games = 1;
        res.seconds = std::chrono::duration<double>(ag::Clock::now() - start).count();
        if (rec.solved && superopt::verify(*rec.solved, task).correct) {
            res.best = rec.solved;
            res.firstCorrect = res.bestTime = rec.solvedAt;
        }
    } else {
        const bool tty = isatty(STDERR_FILENO);
        res = trainer.run(interruptFlag(), [&](const ag::Progress& p) {
            if (tty) showProgress(p);
        });
        if (tty) std::fputs("\n", stderr);
    }
    if (vm->count("save") && trainer.network())
        trainer.network()->save((*vm)["save"].as<std::string>());

    const std::string symbol =
        vm->count("symbol") ? (*vm)["symbol"].as<std::string>() : task.name() + "_agent";
    if (res.best) {
        std::cout << task.name() << ": " << res.best->length()
                  << " instructions, verified, found after " << res.bestTime << " s ("
                  << res.explored << " programs explored, " << res.games << " games)\n"
                  << superopt::toText(*res.best);
        if (vm->count("asm"))
            superopt::writeFileAtomic((*vm)["asm"].as<std::string>(),
                                      superopt::exportKernel(*res.best, symbol,
                                                             "found by superopt agent, seed " +
                                                                 std::to_string(config.seed)));
    } else {
        std::cout << task.name() << ": no correct program found in " << res.seconds << " s ("
                  << res.explored << " programs explored, " << res.games << " games)\n";
    }
    if (vm->count("json")) {
        nlohmann::json j = ag::toJson(res, task.name(), configJson(config, shapeGame));
        j["seed"] = config.seed;
        superopt::writeFileAtomic((*vm)["json"].as<std::string>(), j.dump(2) + "\n");
    }
    return res.best ? 0 : 1;
}

} // namespace cli
