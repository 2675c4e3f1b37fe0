// JSON result files and traces.
#include "superopt/search/search_json.hpp"
#include "superopt/core/equivalence.hpp"
#include "superopt/core/json_fields.hpp"
#include "superopt/core/version.hpp"

#include <functional>
#include <map>
#include <stdexcept>

namespace superopt {

using nlohmann::json;

namespace {

// The fields every search has.
json toJsonFields(const SearchConfig& c) {
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
            {"moves", c.moves},
            {"trace-every", c.traceEvery},
            {"train", toString(c.train)}};
}

} // namespace

json toJson(const TargetSpec& t) {
    return {{"file", t.file}, {"function", t.function}, {"signature", t.signature}};
}

TargetSpec targetFromJson(const json& j) {
    if (!j.is_object()) throw std::invalid_argument("a task is a name or {\"file\", ...}");
    for (const auto& [key, value] : j.items())
        if (key != "file" && key != "function" && key != "signature")
            throw std::invalid_argument("unknown target field '" + key +
                                        "' (known: file, function, signature)");
    TargetSpec t{j.at("file").get<std::string>(), j.value("function", std::string()),
                 j.at("signature").get<std::string>()};
    if (t.file.empty()) throw std::invalid_argument("a target's file must not be empty");
    return t;
}

json toJson(const SearchConfig& c) {
    json j = toJsonFields(c);
    if (c.target.empty()) return j;
    j["task"] = toJson(c.target);
    j["extensions"] = c.extensions;
    j["solver-seconds"] = c.solverSeconds;
    j.erase("train");
    j.erase("profile");
    return j;
}

namespace {

// One setter per field of toJson(SearchConfig), under the same name.
const FieldSetters<SearchConfig>& searchFields() {
    static const FieldSetters<SearchConfig> fields = {
        {"task",
         [](SearchConfig& c, const json& v) {
             if (v.is_string()) {
                 c.task = v.get<std::string>();
                 c.target = {};
             } else {
                 c.target = targetFromJson(v);
             }
         }},
        {"extensions", [](SearchConfig& c, const json& v) { c.extensions = v.get<std::string>(); }},
        {"solver-seconds",
         [](SearchConfig& c, const json& v) { c.solverSeconds = v.get<double>(); }},
        {"start", [](SearchConfig& c, const json& v) { c.start = v.get<std::string>(); }},
        {"profile",
         [](SearchConfig& c, const json& v) { c.profile = parseProfile(v.get<std::string>()); }},
        {"objective",
         [](SearchConfig& c, const json& v) {
             c.cost.objective = parseObjective(v.get<std::string>());
         }},
        {"cost",
         [](SearchConfig& c, const json& v) {
             c.cost.correctness = parseCorrectness(v.get<std::string>());
         }},
        {"alpha", [](SearchConfig& c, const json& v) { c.cost.alpha = v.get<double>(); }},
        {"beta", [](SearchConfig& c, const json& v) { c.beta = v.get<double>(); }},
        {"seconds", [](SearchConfig& c, const json& v) { c.seconds = v.get<double>(); }},
        {"iterations", [](SearchConfig& c, const json& v) { c.iterations = v.get<int64_t>(); }},
        {"threads", [](SearchConfig& c, const json& v) { c.threads = v.get<int>(); }},
        {"chains", [](SearchConfig& c, const json& v) { c.chains = v.get<int>(); }},
        {"seed", [](SearchConfig& c, const json& v) { c.seed = v.get<uint64_t>(); }},
        {"max-length", [](SearchConfig& c, const json& v) { c.maxLength = v.get<int>(); }},
        {"registers", [](SearchConfig& c, const json& v) { c.registers = v.get<int>(); }},
        {"restart-every",
         [](SearchConfig& c, const json& v) { c.restartEvery = v.get<int64_t>(); }},
        {"moves",
         [](SearchConfig& c, const json& v) {
             c.moves = v.get<std::string>();
             parseMoveWeights(c.moves,
                              {}); // names and numbers are checked here, the weights by Search
         }},
        {"trace-every", [](SearchConfig& c, const json& v) { c.traceEvery = v.get<int64_t>(); }},
        {"train",
         [](SearchConfig& c, const json& v) { c.train = parseTraining(v.get<std::string>()); }},
    };
    return fields;
}

} // namespace

SearchConfig searchConfigFromJson(const json& j, SearchConfig c) {
    return applyFields(j, searchFields(), c, "search fields");
}

json toJson(const SearchResult& r, const SearchConfig& c) {
    json moves = json::object();
    for (int m = 0; m < kMoveCount; ++m)
        moves[toString(static_cast<Move>(m))] = {{"proposed", r.moves[m].proposed},
                                                 {"legal", r.moves[m].legal},
                                                 {"accepted", r.moves[m].accepted}};
    json byLength = json::object();
    bool exact = true;
    for (const auto& [len, counter] : r.correctByLength) {
        byLength[std::to_string(len)] = counter.count();
        exact = exact && counter.exact();
    }
    json j = {{"superopt_version", kVersion},
              {"config", toJson(c)},
              {"task", c.target.empty() ? json(c.task) : toJson(c.target)},
              {"seed", c.seed},
              {"found", r.best.has_value()},
              {"start_length", r.startLength},
              {"proposals", r.proposals},
              {"acceptances", r.acceptances},
              {"moves", moves},
              {"move_weights", toString(r.weights)},
              {"correct_programs_by_length", byLength},
              {"correct_programs_exact", exact},
              {"memory_limits",
               {{"trace_points_per_chain", SearchLimits::kTracePoints},
                {"archive_per_length", SearchLimits::kArchivePerLength},
                {"counted_exactly_per_length", SearchLimits::kCountedExactly},
                {"latency_screen_remembers", SearchLimits::kScreenRemembers}}},
              {"verify_failures", r.verifyFailures},
              {"interrupted", r.interrupted},
              {"timings",
               {{"wall_seconds", r.seconds},
                {"first_correct_seconds", r.firstCorrectSeconds},
                {"best_seconds", r.best ? r.best->seconds : -1.0},
                {"setup_seconds", r.setupSeconds},
                {"proposals_per_second",
                 r.seconds > r.setupSeconds ? r.proposals / (r.seconds - r.setupSeconds) : 0.0}}}};
    if (r.best) {
        j["program"] = toLines(r.best->program);
        j["length"] = r.best->length;
        j["performance"] = r.best->performance;
        j["verified"] = true; // only verified programs become a result
        j["best_iteration"] = r.best->iteration;
        j["best_chain"] = r.best->chain;
    }
    if (!c.target.empty()) { // verified by the solver, which may have given up on some
        j["verified_by"] = "solver " + solverVersion();
        j["unverified"] = r.unverified;
    }
    if (r.latency)
        j["latency"] = {{"clock", r.latency->clock},          {"p5", r.latency->best.cycles},
                        {"p5_low", r.latency->best.low},      {"p5_high", r.latency->best.high},
                        {"start_p5", r.latency->startCycles}, {"candidates", r.latency->candidates},
                        {"screened", r.latency->screened}};
    return j;
}

std::string traceLines(const SearchResult& r) {
    std::string out;
    for (const auto& t : r.trace)
        out +=
            json{{"seconds", t.seconds}, {"iteration", t.iteration}, {"chain", t.chain},
                 {"cost", t.cost},       {"best_cost", t.bestCost},  {"best_length", t.bestLength}}
                .dump() +
            "\n";
    return out;
}

} // namespace superopt
