// JSON result files and traces.
#include "superopt/logs.hpp"

#include <sstream>
#include <stdexcept>

namespace superopt {

using nlohmann::json;

json toJson(const SearchConfig& c) {
    return {{"task", c.task},
            {"start", c.start},
            {"profile", toString(c.profile)},
            {"objective", toString(c.cost.objective)},
            {"cost", toString(c.cost.correctness)},
            {"alpha", c.cost.alpha},
            {"beta", c.beta},
            {"seconds", c.seconds},
            {"iterations", c.iterations},
            {"threads", c.threads},
            {"chains", c.chains},
            {"seed", c.seed},
            {"max-length", c.maxLength},
            {"registers", c.registers},
            {"restart-every", c.restartEvery},
            {"moves", toString(c.weights)},
            {"trace-every", c.traceEvery},
            {"train", c.trainComplete ? "complete" : "permutations"}};
}

json toJson(const SearchResult& r, const SearchConfig& c) {
    json moves = json::object();
    for (int m = 0; m < kMoveCount; ++m)
        moves[toString(static_cast<Move>(m))] = {
            {"proposed", r.moves[m].proposed}, {"legal", r.moves[m].legal}, {"accepted", r.moves[m].accepted}};
    json byLength = json::object();
    for (auto [len, n] : r.correctByLength) byLength[std::to_string(len)] = n;
    json j = {{"superopt_version", kVersion},
              {"config", toJson(c)},
              {"task", c.task},
              {"seed", c.seed},
              {"found", r.best.has_value()},
              {"start_length", r.startLength},
              {"proposals", r.proposals},
              {"acceptances", r.acceptances},
              {"moves", moves},
              {"correct_programs_by_length", byLength},
              {"verify_failures", r.verifyFailures},
              {"interrupted", r.interrupted},
              {"timings",
               {{"wall_seconds", r.seconds},
                {"first_correct_seconds", r.firstCorrectSeconds},
                {"best_seconds", r.best ? r.best->seconds : -1.0},
                {"proposals_per_second", r.seconds > 0 ? r.proposals / r.seconds : 0.0}}}};
    if (r.best) {
        j["program"] = toLines(r.best->program);
        j["length"] = r.best->length;
        j["performance"] = r.best->performance;
        j["verified"] = true; // only verified programs become a result
        j["best_iteration"] = r.best->iteration;
        j["best_chain"] = r.best->chain;
    }
    return j;
}

std::string traceLines(const SearchResult& r) {
    std::string out;
    for (const auto& t : r.trace)
        out += json{{"seconds", t.seconds},      {"iteration", t.iteration},  {"chain", t.chain},
                    {"cost", t.cost},            {"best_cost", t.bestCost}, {"best_length", t.bestLength}}
                   .dump() +
               "\n";
    return out;
}

MoveWeights parseMoveWeights(const std::string& text) {
    MoveWeights w = defaultMoveWeights();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        size_t eq = item.find('=');
        if (eq == std::string::npos) throw std::invalid_argument("moves: expected NAME=WEIGHT, got '" + item + "'");
        double v;
        try {
            size_t used;
            v = std::stod(item.substr(eq + 1), &used);
            if (used != item.size() - eq - 1) throw std::invalid_argument("");
        } catch (const std::exception&) {
            throw std::invalid_argument("moves: bad weight in '" + item + "'");
        }
        w[static_cast<int>(parseMove(item.substr(0, eq)))] = v;
    }
    return w;
}

std::string toString(const MoveWeights& w) {
    std::string s;
    for (int m = 0; m < kMoveCount; ++m) {
        std::ostringstream v;
        v << w[m];
        s += (m ? "," : "") + toString(static_cast<Move>(m)) + "=" + v.str();
    }
    return s;
}

} // namespace superopt
