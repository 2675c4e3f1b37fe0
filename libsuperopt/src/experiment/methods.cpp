// The search, the agent and the prover as experiment methods.
#include "superopt/experiment/methods.hpp"

#include "superopt/agent/trainer_json.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/search/prover_json.hpp"
#include "superopt/search/search_json.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>

namespace superopt {

using nlohmann::json;
namespace ag = agent;

MethodKind parseMethodKind(const std::string& name) {
    for (MethodKind k : kMethodKinds)
        if (name == toString(k)) return k;
    throw std::invalid_argument("unknown method kind '" + name + "' (known: mcmc, agent, prover)");
}

std::string toString(MethodKind k) {
    return k == MethodKind::Mcmc ? "mcmc" : k == MethodKind::Agent ? "agent" : "prover";
}

std::string budgetUnit(MethodKind k) {
    return k == MethodKind::Mcmc ? "iterations" : k == MethodKind::Agent ? "rounds" : "nodes";
}

namespace {

// The sorting task's name; throws std::invalid_argument for a target.
std::string sortingTask(const json& task, const std::string& method) {
    if (!task.is_string())
        throw std::invalid_argument(method + " the sorting tasks only; a target needs the "
                                             "search (kind mcmc) or the agent (kind agent)");
    return task.get<std::string>();
}

// The prover's configuration: one thread unless the options say otherwise, and a
// length limit far beyond any sorting kernel unless they give one (the budget ends it).
ProofConfig proverConfig(const json& task, const json& options) {
    ProofConfig base;
    base.task = sortingTask(task, "the prover searches");
    base.length = 120;
    json o = options;
    o.erase("seed"); // the prover draws nothing: every seed gives the same result
    ProofConfig c = proofConfigFromJson(o, base);
    checkProofConfig(c);
    return c;
}

ag::TrainerConfig agentConfig(const json& options) {
    ag::TrainerConfig base;
    base.threads = 1;
    return ag::trainerConfigFromJson(options, base);
}

// The agent's game of a task: a sorting task's name, or a target's object.
std::unique_ptr<ag::Game> agentGame(const json& task, const ag::TrainerConfig& c) {
    if (task.is_object()) return ag::makeGame("", targetFromJson(task), c);
    return ag::makeGame(task.get<std::string>(), {}, c);
}

SearchConfig searchConfig(const json& task, const json& options) {
    // Fields not set keep the tuned defaults of the start (warm or cold) and the kind of task.
    const json start = options.is_object() ? options.value("start", json("warm")) : json("warm");
    SearchConfig base =
        defaultsFor(start.is_string() ? start.get<std::string>() : "warm", task.is_object());
    if (task.is_object())
        base.target = targetFromJson(task);
    else
        base.task = task.get<std::string>();
    base.threads = 1;
    return searchConfigFromJson(options, base);
}

// The shorter lengths in order of time, from the trace's points and the exact time
// the best was found.
std::vector<std::pair<double, int>>
improvements(const std::string& trace, const std::optional<Program>& best, double bestSeconds) {
    std::vector<std::pair<double, int>> points;
    std::istringstream lines(trace);
    for (std::string line; std::getline(lines, line);) {
        const json j = json::parse(line);
        if (j["best_length"].get<int>() >= 0)
            points.emplace_back(j["seconds"].get<double>(), j["best_length"].get<int>());
    }
    if (best) points.emplace_back(bestSeconds, best->length());
    std::sort(points.begin(), points.end());
    std::vector<std::pair<double, int>> out;
    for (const auto& p : points)
        if (out.empty() || p.second < out.back().second) out.push_back(p);
    return out;
}

MethodResult runMcmc(const json& task, const json& options, const std::atomic<bool>& stop) {
    Search search(searchConfig(task, options));
    const SearchResult r = search.run(stop);
    MethodResult m;
    m.result = toJson(r, search.config());
    m.result["method"] = "mcmc";
    m.trace = traceLines(r);
    if (r.best) m.best = r.best->program;
    m.explored = r.proposals;
    m.units = r.proposals / search.config().chains;
    m.seconds = r.seconds;
    m.setupSeconds = r.setupSeconds;
    m.firstCorrectSeconds = r.firstCorrectSeconds;
    m.bestSeconds = r.best ? r.best->seconds : -1;
    m.interrupted = r.interrupted;
    return m;
}

MethodResult runAgent(const json& taskSpec, const json& options, const std::atomic<bool>& stop) {
    const ag::TrainerConfig config = agentConfig(options);
    ag::Trainer trainer(agentGame(taskSpec, config), config);
    MethodResult m;
    const ag::TrainerResult r = trainer.run(stop, [&](const ag::Progress& p) {
        m.trace += json{{"seconds", p.seconds},
                        {"round", p.rounds},
                        {"games", p.games},
                        {"explored", p.explored},
                        {"best_length", p.best ? *p.best : -1},
                        {"loss", p.loss}}
                       .dump() +
                   "\n";
    });
    m.result = ag::toJson(r, trainer.game(), config);
    m.best = r.best;
    m.explored = r.explored;
    m.units = r.rounds;
    m.seconds = r.seconds;
    m.firstCorrectSeconds = r.firstCorrect;
    m.bestSeconds = r.bestTime;
    m.interrupted = r.interrupted;
    return m;
}

MethodResult runProver(const json& task, const json& options, const std::atomic<bool>& stop) {
    const ProofConfig config = proverConfig(task, options);
    const ProofResult r = prove(config, stop);
    MethodResult m;
    m.result = toJson(r, false);
    m.result["method"] = "prover";
    m.result["config"] = toJson(config);
    m.best = r.program;
    m.explored = m.units = r.nodes;
    m.seconds = r.seconds;
    if (r.program) m.firstCorrectSeconds = m.bestSeconds = r.seconds;
    m.interrupted = stop;
    m.lowerBound = r.provenNone + 1;
    return m;
}

} // namespace

bool knownOption(MethodKind k, const std::string& name) {
    if (k == MethodKind::Agent) return ag::toJson(ag::TrainerConfig{}).contains(name);
    if (k == MethodKind::Prover) return name != "task" && toJson(ProofConfig{}).contains(name);
    SearchConfig target;
    target.target.file = "a target"; // the options only targets have
    return toJson(SearchConfig{}).contains(name) || toJson(target).contains(name);
}

void checkMethod(MethodKind k, const json& task, const json& options) {
    if (k == MethodKind::Agent)
        agentGame(task, agentConfig(options)); // the game refuses what it cannot play
    else if (k == MethodKind::Prover)
        proverConfig(task, options);
    else
        Search(searchConfig(task, options));
}

json calibrationOptions(MethodKind k, json options, double seconds) {
    options["seconds"] = k == MethodKind::Mcmc ? std::min(seconds, kCalibrationSeconds) : seconds;
    options[budgetUnit(k)] = 0;
    return options;
}

MethodResult runMethod(MethodKind k, const json& task, const json& options,
                       const std::atomic<bool>& stop) {
    MethodResult m = k == MethodKind::Mcmc    ? runMcmc(task, options, stop)
                     : k == MethodKind::Agent ? runAgent(task, options, stop)
                                              : runProver(task, options, stop);
    m.improvements = improvements(m.trace, m.best, m.bestSeconds);
    return m;
}

} // namespace superopt
