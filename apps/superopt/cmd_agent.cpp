// superopt agent: the RL baseline. Self-play MCTS guided by a small network, trained
// as it plays; keeps the shortest verified program any search reaches.
#include "cli.hpp"

#include "superopt/agent/trainer_json.hpp"
#include "superopt/core/export.hpp"
#include "superopt/core/files.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace cli {

namespace {

namespace ag = superopt::agent;

// A command-line value as JSON (the option types used below).
nlohmann::json jsonValue(const boost::any& v) {
    if (auto* x = boost::any_cast<std::string>(&v)) return *x;
    if (auto* x = boost::any_cast<bool>(&v)) return *x;
    if (auto* x = boost::any_cast<double>(&v)) return *x;
    if (auto* x = boost::any_cast<uint64_t>(&v)) return *x;
    return boost::any_cast<int>(v);
}

// The options given here (or their defaults), mapped by the agent's one mapping
// (trainer_json.hpp) that config files, result files and experiments use too.
ag::TrainerConfig configFrom(const po::variables_map& vm) {
    nlohmann::json fields = nlohmann::json::object();
    const nlohmann::json names = ag::toJson(ag::TrainerConfig{});
    for (const auto& [name, unused] : names.items())
        if (vm.count(name)) fields[name] = jsonValue(vm[name].value());
    // What means something only for one kind of game, when set to other than its default
    // (a result file's config, fed back with --config, lists every option).
    const bool target = vm.count("target");
    auto set = [&](const char* option) {
        return vm.count(option) && !vm[option].defaulted() &&
               (!names.contains(option) || fields[option] != names[option]);
    };
    for (const char* option : {"task", "shaping"})
        if (target && set(option))
            throw UsageError(std::string("--") + option + " means nothing with --target");
    if (target && !vm.count("signature")) throw UsageError("--target needs --signature");
    for (const char* option : {"function", "signature", "extensions", "solver-seconds"})
        if (!target && set(option))
            throw UsageError(std::string("--") + option + " goes with --target");
    try {
        return ag::trainerConfigFromJson(fields);
    } catch (const std::invalid_argument& e) {
        throw optionError(e);
    }
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
    const ag::TrainerConfig d; // the defaults
    po::options_description opts("options");
    opts.add_options()("task", po::value<std::string>()->default_value("sort3"),
                       "sort2..sort8, varsort2..varsort5")(
        "target", po::value<std::string>(), "or your function's assembly file (instead of --task)")(
        "function", po::value<std::string>()->default_value(""),
        "with --target: the function (default: the file's one .globl)")(
        "signature", po::value<std::string>(),
        "with --target: System V integer signature, e.g. 'i32(i32)', 'u64(u64,u64,i32)'")(
        "extensions", po::value<std::string>()->default_value(d.game.extensions),
        "with --target: CPU extensions moves may use besides the target's own: popcnt, lzcnt, "
        "bmi1")("solver-seconds", po::value<double>()->default_value(d.game.solverSeconds),
                "with --target: the solver's limit per check (seconds of solver work)")(
        "seconds", po::value<double>()->default_value(d.seconds),
        "wall-clock budget (0: none, then give --rounds)")(
        "rounds", po::value<int>()->default_value(d.rounds),
        "stop after this many rounds (0: when time is up)")(
        "simulations", po::value<int>()->default_value(d.mcts.simulations),
        "MCTS simulations per move (AlphaDev: 800)")(
        "rollout-weight", po::value<double>()->default_value(d.mcts.rolloutWeight),
        "leaf value = w x playout + (1 - w) x the network's value (with a network), in 0..1")(
        "uniform-mix", po::value<double>()->default_value(d.mcts.uniformMix),
        "share of uniform in the network's priors at every node, in 0..1")(
        "threads", po::value<int>()->default_value(d.threads),
        "games played in parallel; results do not depend on it")(
        "seed", po::value<uint64_t>()->default_value(d.seed), "seeds the network and every game")(
        "games", po::value<int>()->default_value(d.gamesPerRound),
        "self-play games per round (plus one greedy game)")(
        "train-steps", po::value<int>()->default_value(d.trainSteps),
        "Adam steps after each round")("batch", po::value<int>()->default_value(d.batch),
                                       "positions per Adam step")(
        "learning-rate", po::value<double>()->default_value(d.learningRate), "Adam's step size")(
        "replay", po::value<int>()->default_value(d.replay),
        "positions kept for training (the oldest go first); bounds the agent's memory")(
        "hidden", po::value<int>()->default_value(d.hidden),
        "width of the program encoder and torso")(
        "registers", po::value<int>()->default_value(d.game.registers),
        "registers the agent may use (0: N + 1; targets: the result's, the "
        "arguments' and two more)")(
        "max-length", po::value<int>()->default_value(d.game.maxLength),
        "longest program (0: human benchmark + 8; targets: the target's length)")(
        "length-penalty", po::value<double>()->default_value(d.game.lengthPenalty),
        "per instruction of a winning program")(
        "shaping", po::value<double>()->default_value(d.game.shaping),
        "weight of the readiness shaping (0: AlphaDev's reward; sorting tasks only)")(
        "temperature", po::value<double>()->default_value(d.temperature),
        "self-play moves drawn from visits^(1/T)")(
        "imitation", po::value<double>()->default_value(d.imitation),
        "share of each training batch drawn from the best program's moves, in 0..1")(
        "no-network", po::bool_switch(),
        "ablation: uniform priors, playout values only, no training")(
        "load", po::value<std::string>(), "start from these weights (a file written by --save)")(
        "save", po::value<std::string>(), "write the trained weights here at the end")(
        "evaluate", po::bool_switch(),
        "play one greedy game (no noise, most-visited moves), no training")(
        "json", po::value<std::string>(), "write the result and the configuration here (JSON)")(
        "asm", po::value<std::string>(), "write the best kernel here as a GNU-as file")(
        "symbol", po::value<std::string>(),
        "the kernel's symbol (default: TASK_agent, or the target's name)")(
        "config", po::value<std::string>(),
        "read options from a JSON file ({\"simulations\": 400, ...}; a result file's \"config\" "
        "works); the command line wins")("quiet", po::bool_switch(), "no progress line");
    auto vm = parse(
        "usage: superopt agent [--task T] [--seconds S] [--simulations N] [--threads T] [--seed "
        "K]\n"
        "                      [--json OUT.json] [--asm OUT.s] [--save W] [--load W] "
        "[--no-network]\n"
        "       superopt agent --target F.s [--function NAME] --signature SIG [options]\n\n"
        "The RL baseline (AlphaDev, lightweight). The AssemblyGame builds a program one "
        "instruction\n"
        "at a time under the alphadev rules (loads in order, registers allocated in order, memory\n"
        "only in mov, each word read and written once, no two compares in a row), a store only\n"
        "of the word's sorted value, and only moves that leave room for what must come (loads,\n"
        "stores, the compares still needed to tell the permutations apart, and a cmov after\n"
        "each or per word no register holds sorted, the more); a dead move (one that changes\n"
        "nothing, or destroys a value a word still needs on some input) ends the game and the\n"
        "tree search prunes it. Rewards: 2.0 x\n"
        "the fraction of items newly in place, +1.0 when all are, minus the length penalty per\n"
        "instruction, plus shaping: the rise in readiness (1 - the entropy of where each\n"
        "word's sorted value sits over the inputs). Monte-Carlo tree search (pUCT, c_base\n"
        "19652, c_init 1.25, root Dirichlet alpha 0.03 / fraction 0.25) picks each move, guided\n"
        "by the priors of a small network (policy head, correctness and length value heads;\n"
        "priors three quarters uniform, --uniform-mix, so every move is still tried) that\n"
        "trains on the games it plays and on the moves of the shortest program found so far\n"
        "(self-imitation). varsortN adds AlphaDev's branching moves: compare the length with\n"
        "an immediate, jump on it to a new label (the inputs that take the jump wait there),\n"
        "place an open label later (open labels are placed at the end when the game ends).\n"
        "Jumps go on the length only; moves must keep every input within its length.\n\n"
        "With --target the game builds your own loop-free integer function (as superopt search\n"
        "--target reads it) from the empty program: a move appends an instruction of the\n"
        "search's vocabulary (ALU, shifts, imul, lea, movzx/movsx, setcc, cmovcc at the\n"
        "target's widths over the caller-saved registers, immediates from the target's own\n"
        "and 0, 1, -1, 2), reading only the arguments and registers written before; the\n"
        "reward is the rise in the result's right bits over test cases (edge and random\n"
        "arguments; the right value in another register counts all but one bit), +1.0 when\n"
        "all are right. No branch moves. A win is proved equal to the target by the SMT\n"
        "solver (Z3) before it counts; a counterexample joins the test cases.\n\n"
        "Every winning program a search reaches is verified (every weak ordering, or the\n"
        "solver); the shortest is printed and written. Ctrl-C stops cleanly and keeps it. A\n"
        "progress line (rounds, games, programs explored, best length, the greedy game's\n"
        "length, loss) shows on a terminal.\n"
        "Exit 0 with a verified program, 1 when none was found, 2 on bad input.",
        opts, args);
    if (!vm) return 0;
    const ag::TrainerConfig config = configFrom(*vm);
    const superopt::TargetSpec target =
        vm->count("target") ? superopt::TargetSpec{(*vm)["target"].as<std::string>(),
                                                   (*vm)["function"].as<std::string>(),
                                                   (*vm)["signature"].as<std::string>()}
                            : superopt::TargetSpec{};
    std::unique_ptr<ag::Game> game = ag::makeGame((*vm)["task"].as<std::string>(), target, config);
    std::optional<ag::Network> initial;
    if (vm->count("load")) {
        if (!config.useNetwork) throw UsageError("--load and --no-network do not go together");
        initial =
            ag::Network::load((*vm)["load"].as<std::string>(), ag::shapeFor(*game, config.hidden));
    }
    checkOutputs(*vm, {"json", "asm", "save"});

    catchInterrupt();
    ag::Trainer trainer(std::move(game), config, std::move(initial));
    ag::TrainerResult res;
    if ((*vm)["evaluate"].as<bool>()) {
        superopt::Rng rng = ag::gameRng(config.seed, 0, 0);
        const auto start = ag::Clock::now();
        const std::unique_ptr<ag::Game> copy = trainer.game().clone();
        auto rec = ag::playGame(*copy, config, trainer.network(), rng, true, start,
                                [] { return interruptFlag().load(); });
        res.explored = rec.explored;
        res.games = 1;
        res.seconds = std::chrono::duration<double>(ag::Clock::now() - start).count();
        const auto verdict =
            rec.solved ? copy->check(*rec.solved, &interruptFlag()) : ag::Game::Verdict::Wrong;
        res.unverified += verdict == ag::Game::Verdict::Unknown;
        if (verdict == ag::Game::Verdict::Correct) {
            res.best = rec.solved;
            res.firstCorrect = res.bestTime = rec.solvedAt;
        }
    } else {
        const bool tty = interactive() && !(*vm)["quiet"].as<bool>();
        res = trainer.run(interruptFlag(), [&](const ag::Progress& p) {
            if (tty) showProgress(p);
        });
        if (tty) std::fputs("\n", stderr);
    }
    if (vm->count("save") && trainer.network())
        trainer.network()->save((*vm)["save"].as<std::string>());

    if (res.unverified)
        std::cout << res.unverified
                  << " winning programs left unverified: the solver gave up on them "
                     "(--solver-seconds)\n";
    const ag::Game& played = trainer.game();
    const std::string symbol =
        vm->count("symbol") ? (*vm)["symbol"].as<std::string>() : played.symbol();
    if (res.best) {
        std::cout << played.name() << ": " << res.best->length()
                  << " instructions, verified, found after " << res.bestTime << " s ("
                  << res.explored << " programs explored, " << res.games << " games)\n"
                  << superopt::toText(*res.best);
        if (vm->count("asm"))
            superopt::writeFileAtomic((*vm)["asm"].as<std::string>(),
                                      superopt::exportKernel(*res.best, symbol,
                                                             "found by superopt agent, seed " +
                                                                 std::to_string(config.seed)));
    } else {
        std::cout << played.name() << ": no correct program found in " << res.seconds << " s ("
                  << res.explored << " programs explored, " << res.games << " games)\n";
    }
    if (vm->count("json")) {
        superopt::writeFileAtomic((*vm)["json"].as<std::string>(),
                                  ag::toJson(res, played, config).dump(2) + "\n");
    }
    return res.best ? 0 : 1;
}

} // namespace cli
