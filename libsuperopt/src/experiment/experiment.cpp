// Experiment configurations: reading, checking, expanding into runs.
#include "superopt/experiment/experiment.hpp"

#include "superopt/core/target.hpp"
#include "superopt/core/task.hpp"
#include "superopt/search/search_json.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

namespace superopt {

using nlohmann::json;

namespace {

// Options that the configuration sets in its own places, never in an options layer.
const std::map<std::string, std::string> kReserved = {
    {"task", "'tasks'"},        {"seed", "'seeds'"},    {"seconds", "'budget'"},
    {"iterations", "'budget'"}, {"rounds", "'budget'"}, {"nodes", "'budget'"}};

struct TaskSpec {
    std::string name;
    json spec; // the name, or a target's {"file", "function", "signature"}
    std::string compiled;
    json budget;
    std::optional<int> target;
};

struct MethodSpec {
    std::string name;
    MethodKind kind;
    json options;
    json budget; // replaces the top-level one for this method's runs
};

class Reader {
  public:
    explicit Reader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
        throw ExperimentError(path_ + ": " + field + ": " + problem);
    }

    json read() const {
        std::ifstream in(path_);
        if (!in) throw ExperimentError(path_ + ": cannot open file");
        try {
            return json::parse(in);
        } catch (const json::parse_error& e) {
            throw ExperimentError(path_ + ": not valid JSON (" + e.what() + ")");
        }
    }

    const json& object(const json& j, const std::string& field) const {
        if (!j.is_object()) fail(field, "expected an object");
        return j;
    }

    void onlyFields(const json& j, const std::string& field,
                    const std::set<std::string>& allowed) const {
        object(j, field);
        for (const auto& [key, value] : j.items())
            if (!allowed.count(key)) fail(field.empty() ? key : field + "." + key, "unknown field");
    }

    // A layer of options for methods of the given kinds.
    void layer(const json& j, const std::string& field, const std::set<MethodKind>& kinds) const {
        object(j, field);
        for (const auto& [key, value] : j.items()) {
            if (auto r = kReserved.find(key); r != kReserved.end())
                fail(field + "." + key, "set in " + r->second + ", not here");
            for (MethodKind k : kinds)
                if (!knownOption(k, key))
                    fail(field + "." + key, "unknown option of method kind " + toString(k));
        }
    }

    std::string name(const std::string& s, const std::string& field) const {
        static const std::regex ok("[A-Za-z0-9_-]+");
        if (!std::regex_match(s, ok)) fail(field, "names are letters, digits, '-' and '_'");
        return s;
    }

    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

// Copies `over`'s fields onto `into`.
void merge(json& into, const json& over) {
    for (const auto& [key, value] : over.items()) into[key] = value;
}

json budget(const Reader& in, const json& j, const std::string& field) {
    in.onlyFields(j, field, {"seconds", "iterations", "rounds", "nodes"});
    if (j.empty()) in.fail(field, "give seconds, or iterations, rounds and/or nodes");
    if (j.contains("seconds") && j.size() > 1)
        in.fail(field, "seconds (calibrated) or iteration counts, not both");
    for (const auto& [key, value] : j.items())
        if (!value.is_number() || !(value.get<double>() > 0))
            in.fail(field + "." + key, "expected a positive number");
    return j;
}

// A target task's fields: where the function is, and the compiler's version of it.
void targetTask(const Reader& in, const json& e, const std::string& field, TaskSpec& t) {
    json spec;
    if (!e.contains("signature")) in.fail(field + ".signature", "missing (a target needs one)");
    // Files are relative to the configuration's folder.
    auto path = [&](const json& v) {
        return (std::filesystem::path(in.path()).parent_path() / v.get<std::string>())
            .lexically_normal()
            .string();
    };
    for (const char* key : {"file", "function", "signature", "compiled"})
        if (e.contains(key) && !e[key].is_string()) in.fail(field + "." + key, "expected a string");
    for (const char* key : {"function", "signature"})
        if (e.contains(key)) spec[key] = e[key];
    spec["file"] = path(e["file"]);
    try {
        const Target target = readTarget(targetFromJson(spec));
        t.spec = spec;
        t.name = !target.name.empty()
                     ? target.name
                     : std::filesystem::path(spec["file"].get<std::string>()).stem().string();
        if (e.contains("compiled")) {
            t.compiled = path(e["compiled"]);
            readProgramFile(t.compiled, target.name, Dialect::Function);
        }
    } catch (const std::exception& ex) {
        in.fail(field, ex.what());
    }
}

std::vector<TaskSpec> tasks(const Reader& in, const json& j) {
    if (!j.is_array() || j.empty()) in.fail("tasks", "expected a non-empty list");
    std::vector<TaskSpec> out;
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string field = "tasks[" + std::to_string(i) + "]";
        TaskSpec t;
        const json& e = j[i];
        const bool isTarget = e.is_object() && e.contains("file");
        if (e.is_object()) {
            in.onlyFields(e, field,
                          isTarget ? std::set<std::string>{"file", "function", "signature",
                                                           "compiled", "target", "budget"}
                                   : std::set<std::string>{"name", "target", "budget"});
            if (e.contains("budget")) t.budget = budget(in, e["budget"], field + ".budget");
            if (e.contains("target")) {
                if (!e["target"].is_number_integer())
                    in.fail(field + ".target", "expected a length");
                t.target = e["target"].get<int>();
            }
        }
        if (isTarget) {
            targetTask(in, e, field, t);
        } else {
            const json& name = e.is_object() ? e.value("name", json()) : e;
            if (!name.is_string())
                in.fail(field, "expected a task name, {\"name\": ..., \"target\": ..., "
                               "\"budget\": ...} or a target {\"file\": ..., \"function\": ..., "
                               "\"signature\": ...}");
            t.name = name.get<std::string>();
            t.spec = t.name;
            try {
                Task::parse(t.name);
            } catch (const std::invalid_argument& ex) {
                in.fail(field, ex.what());
            }
        }
        out.push_back(t);
    }
    std::set<std::string> names;
    for (size_t i = 0; i < out.size(); ++i)
        if (!names.insert(out[i].name).second)
            in.fail("tasks[" + std::to_string(i) + "]", "the task " + out[i].name + " comes twice");
    return out;
}

std::vector<MethodSpec> methods(const Reader& in, const json& j) {
    in.object(j, "methods");
    if (j.empty()) in.fail("methods", "name at least one method");
    std::vector<MethodSpec> out;
    for (const auto& [name, spec] : j.items()) {
        const std::string field = "methods." + in.name(name, "methods." + name);
        in.object(spec, field);
        if (!spec.contains("kind") || !spec["kind"].is_string())
            in.fail(field + ".kind", "expected \"mcmc\", \"agent\" or \"prover\"");
        MethodSpec m{name, MethodKind::Mcmc, spec, json()};
        try {
            m.kind = parseMethodKind(spec["kind"].get<std::string>());
        } catch (const std::invalid_argument& e) {
            in.fail(field + ".kind", e.what());
        }
        m.options.erase("kind");
        if (spec.contains("budget")) {
            m.budget = budget(in, spec["budget"], field + ".budget");
            m.options.erase("budget");
        }
        in.layer(m.options, field, {m.kind});
        out.push_back(m);
    }
    return out;
}

std::vector<uint64_t> seeds(const Reader& in, const json& j) {
    if (!j.is_array() || j.empty()) in.fail("seeds", "expected a non-empty list of seeds");
    std::vector<uint64_t> out;
    for (const auto& s : j) {
        if (!s.is_number_unsigned())
            in.fail("seeds", "expected non-negative integers, got " + s.dump());
        out.push_back(s.get<uint64_t>());
    }
    if (std::set<uint64_t>(out.begin(), out.end()).size() != out.size())
        in.fail("seeds", "seeds repeat");
    return out;
}

// Per kind, an options layer under `field` ({"mcmc": {...}, "agent": {...}}).
std::map<MethodKind, json> perKind(const Reader& in, const json& j, const std::string& field,
                                   const std::set<std::string>& extra = {}) {
    std::set<std::string> allowed = extra;
    for (MethodKind k : kMethodKinds) allowed.insert(toString(k));
    in.onlyFields(j, field, allowed);
    std::map<MethodKind, json> out;
    for (MethodKind k : kMethodKinds) out[k] = json::object();
    for (auto& [kind, layer] : out) {
        const std::string key = toString(kind);
        if (!j.contains(key)) continue;
        in.layer(j[key], field + "." + key, {kind});
        layer = j[key];
    }
    return out;
}

// Puts the budget into the options: the unit scaled by `factor`, or a wall-clock
// budget to calibrate.
void applyBudget(const Reader& in, Run& r, const json& b, double factor, const std::string& field) {
    r.options["seconds"] = 0;
    if (b.contains("seconds")) {
        r.calibrateSeconds = b["seconds"].get<double>() * factor;
        return;
    }
    const std::string unit = budgetUnit(r.kind);
    if (!b.contains(unit))
        in.fail(field,
                "no '" + unit + "' for the " + toString(r.kind) + " method '" + r.method + "'");
    r.options[unit] = std::max<int64_t>(1, std::llround(b[unit].get<double>() * factor));
}

void check(const Reader& in, Run& r) {
    json options = r.options;
    if (r.calibrateSeconds > 0) options[budgetUnit(r.kind)] = 1; // what calibration will put there
    try {
        checkMethod(r.kind, r.taskSpec, options);
    } catch (const std::invalid_argument& e) {
        in.fail("run " + r.id, e.what());
    }
}

} // namespace

Experiment loadExperiment(const std::string& path, bool quick) {
    const Reader in(path);
    const json j = in.read();
    in.onlyFields(j, "",
                  {"description", "tasks", "methods", "settings", "defaults", "seeds", "budget",
                   "quick", "measure_latency"});
    for (const char* required : {"tasks", "methods", "seeds"})
        if (!j.contains(required)) in.fail(required, "missing");
    Experiment e;
    e.path = path;
    e.name = std::filesystem::path(path).stem().string();
    e.quick = quick;
    if (j.contains("description")) {
        if (!j["description"].is_string()) in.fail("description", "expected a string");
        e.description = j["description"].get<std::string>();
    }
    if (j.contains("measure_latency")) {
        if (!j["measure_latency"].is_boolean())
            in.fail("measure_latency", "expected true or false");
        e.measureLatency = j["measure_latency"].get<bool>();
    }
    const auto taskList = tasks(in, j["tasks"]);
    const auto methodList = methods(in, j["methods"]);
    std::set<MethodKind> kinds;
    for (const auto& m : methodList) kinds.insert(m.kind);
    const json settings = j.value("settings", json{{"default", json::object()}});
    in.object(settings, "settings");
    if (settings.empty()) in.fail("settings", "name at least one setting (or leave settings out)");
    for (const auto& [name, layer] : settings.items())
        in.layer(layer, "settings." + in.name(name, "settings." + name), kinds);
    const auto defaults = perKind(in, j.value("defaults", json::object()), "defaults");
    const json quickSpec = j.value("quick", json::object());
    const auto quickLayers = perKind(in, quickSpec, "quick", {"factor"});
    const json factorJson = quickSpec.value("factor", json(kDefaultQuickFactor));
    if (!factorJson.is_number() || !(factorJson.get<double>() > 0) || factorJson.get<double>() > 1)
        in.fail("quick.factor", "expected a number in (0, 1]");
    const double factor = quick ? factorJson.get<double>() : 1.0;
    const auto seedList = seeds(in, j["seeds"]);
    const json topBudget = j.contains("budget") ? budget(in, j["budget"], "budget") : json();

    for (const auto& t : taskList)
        for (const auto& m : methodList) {
            const json& b = !t.budget.is_null()   ? t.budget
                            : !m.budget.is_null() ? m.budget
                                                  : topBudget;
            if (b.is_null())
                in.fail("budget", "missing (give one at the top, or in every task or method)");
            for (const auto& [setting, layer] : settings.items())
                for (uint64_t seed : seedList) {
                    Run r;
                    r.task = t.name;
                    r.taskSpec = t.spec;
                    r.compiled = t.compiled;
                    r.method = m.name;
                    r.setting = setting;
                    r.kind = m.kind;
                    r.seed = seed;
                    r.target = t.target;
                    r.id = r.cell() + ".s" + std::to_string(seed);
                    r.options = defaults.at(m.kind);
                    merge(r.options, m.options);
                    merge(r.options, layer);
                    if (quick) merge(r.options, quickLayers.at(m.kind));
                    r.options["seed"] = seed;
                    applyBudget(in, r, b, factor,
                                !t.budget.is_null()   ? "tasks(" + t.name + ").budget"
                                : !m.budget.is_null() ? "methods." + m.name + ".budget"
                                                      : "budget");
                    check(in, r);
                    e.runs.push_back(std::move(r));
                }
        }
    return e;
}

} // namespace superopt
