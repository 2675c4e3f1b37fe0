// The experiment runner: calibration, resume, parallel runs, run files.
#include "superopt/experiment/runner.hpp"

#include "superopt/core/files.hpp"
#include "superopt/core/target.hpp"
#include "superopt/core/version.hpp"
#include "superopt/native/latency.hpp"
#include "superopt/search/search_json.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace superopt {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Calls `work(i)` for i in [0, n) on up to `jobs` threads; takes no new item once
// `stop` is set.
void parallelFor(int n, int jobs, const std::atomic<bool>& stop,
                 const std::function<void(int)>& work) {
    std::atomic<int> next = 0;
    auto worker = [&] {
        for (int i; !stop && (i = next++) < n;) work(i);
    };
    std::vector<std::jthread> threads;
    for (int t = 1; t < std::min(jobs, n); ++t) threads.emplace_back(worker);
    worker();
}

std::optional<json> readJsonFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    try {
        return json::parse(in);
    } catch (const json::parse_error&) {
        return std::nullopt;
    }
}

// A leftover of writeFileAtomic in a process that was killed.
void removeTemporaries(const fs::path& dir) {
    for (const auto& f : fs::directory_iterator(dir))
        if (f.path().filename().string().find(".tmp.") != std::string::npos) fs::remove(f.path());
}

json orNull(double seconds) {
    return seconds >= 0 ? json(seconds) : json();
}

json outcome(const Run& r, const MethodResult& m) {
    json o = {{"found", m.best.has_value()},
              {"length", m.best ? json(m.best->length()) : json()},
              {"explored", m.explored},
              {"units", m.units},
              {"lower_bound", m.lowerBound > 0 ? json(m.lowerBound) : json()},
              {"wall_seconds", m.seconds},
              {"first_correct_seconds", orNull(m.firstCorrectSeconds)},
              {"best_seconds", orNull(m.bestSeconds)},
              {"length_over_seconds", m.improvements},
              {"target", r.target ? json(*r.target) : json()},
              {"target_seconds", json()}};
    if (r.target)
        for (const auto& [seconds, length] : m.improvements)
            if (length <= *r.target) {
                o["target_seconds"] = seconds;
                break;
            }
    return o;
}

// Each run's latency measurement: 1000 inputs x 200 measurements, interleaved.
LatencyOptions latencyOptions() {
    LatencyOptions opts;
    opts.inputs = 1000;
    opts.measurements = 200;
    return opts;
}

// The best program's measured latency (clock ticks per call, latency.hpp), or null.
json measuredLatency(const Run& r, const MethodResult& m) {
    if (!m.best) return json();
    try {
        return measureLatency(std::span<const Program>(&*m.best, 1), Task::parse(r.task),
                              latencyOptions())
            .kernels[0]
            .cycles;
    } catch (const std::exception&) {
        return json();
    }
}

// A target run's own figures: the target's length and the compiler's, the finds the
// solver left unverified, and (when latency is measured) the latencies of the target,
// the compiler's code and the best program, measured together.
void targetOutcome(const Experiment& e, const Run& r, const MethodResult& m, json& o) {
    const Target target = readTarget(targetFromJson(r.taskSpec));
    std::optional<Program> compiled;
    if (!r.compiled.empty()) compiled = readProgramFile(r.compiled, target.name, Dialect::Function);
    o["reference_length"] = target.program.length();
    o["compiled_length"] = compiled ? json(compiled->length()) : json();
    o["unverified"] = m.result.value("unverified", 0);
    if (!e.measureLatency) return;
    std::vector<Program> programs = {target.program};
    if (compiled) programs.push_back(*compiled);
    if (m.best) programs.push_back(*m.best);
    const auto report =
        measureLatency(std::span<const Program>(programs), target, latencyOptions());
    o["reference_latency_cycles"] = report.kernels[0].cycles;
    o["compiled_latency_cycles"] = compiled ? json(report.kernels[1].cycles) : json();
    o["latency_cycles"] = m.best ? json(report.kernels.back().cycles) : json();
}

// The default pool: `jobs` threads of this process.
class ThreadPool : public WorkPool {
  public:
    explicit ThreadPool(int jobs) : jobs_(jobs) {}
    void run(const std::vector<std::string>& items, const Compute& compute, const Commit& commit,
             const std::atomic<bool>& stop) override {
        std::mutex mutex;
        parallelFor(static_cast<int>(items.size()), jobs_, stop, [&](int i) {
            const std::string output = compute(items[i], stop);
            std::lock_guard lock(mutex);
            commit(i, output);
        });
    }

  private:
    int jobs_;
};

std::string describe(const Run& r, const MethodResult& m) {
    char line[256];
    std::snprintf(line, sizeof line, "%s: %s, %lld programs, %.2f s", r.id.c_str(),
                  m.best ? ("length " + std::to_string(m.best->length())).c_str()
                         : "no correct program",
                  static_cast<long long>(m.explored), m.seconds);
    return line;
}

class Runner {
  public:
    Runner(Experiment& e, const RunnerOptions& o, const std::atomic<bool>& stop)
        : e_(e), o_(o), stop_(stop), threads_(o.jobs), pool_(o.pool ? *o.pool : threads_) {}

    RunnerReport run() {
        fs::create_directories(fs::path(o_.out) / "runs");
        removeTemporaries(fs::path(o_.out) / "runs");
        removeTemporaries(o_.out);
        std::vector<Run*> todo;
        for (auto& r : e_.runs) {
            ++report_.planned;
            todo.push_back(&r);
        }
        calibrate(todo);
        std::erase_if(
            todo, [&](const Run* r) { return r->calibrateSeconds > 0 || finishedRun(o_.out, *r); });
        report_.alreadyDone = report_.planned - int(todo.size());
        log(std::to_string(report_.planned) + " runs: " + std::to_string(report_.alreadyDone) +
            " done before, " + std::to_string(todo.size()) + " to run on " +
            std::to_string(o_.jobs) + " jobs");
        total_ = static_cast<int>(todo.size());
        std::vector<std::string> items;
        for (const Run* r : todo) items.push_back(workItem(*r, r->options, false));
        pool_.run(
            items, compute(), [&](size_t i, const std::string& out) { commit(*todo[i], out); },
            stop_);
        report_.interrupted = stop_.load();
        return report_;
    }

  private:
    // A work item for runWorkItem: the run (by its place in the experiment), its
    // options, and whether it is a calibration.
    std::string workItem(const Run& r, const json& options, bool calibration) const {
        return json{{"run", &r - e_.runs.data()}, {"options", options}, {"calibrate", calibration}}
            .dump();
    }
    WorkPool::Compute compute() const {
        return [this](const std::string& item, const std::atomic<bool>& stop) {
            return runWorkItem(e_, item, stop);
        };
    }

    void log(const std::string& line) {
        std::lock_guard lock(mutex_);
        o_.log(line);
    }

    // Gives every run with a wall-clock budget its iteration/round count: from
    // calibration.json when it holds this cell at this budget and these options,
    // else measured on the cell's first run (the calibrations run in parallel, like
    // the runs, so they see the same load).
    void calibrate(const std::vector<Run*>& runs) {
        const std::string path = (fs::path(o_.out) / "calibration.json").string();
        json table = readJsonFile(path).value_or(json::object());
        std::map<std::string, std::vector<Run*>> cells;
        for (Run* r : runs)
            if (r->calibrateSeconds > 0) cells[r->cell()].push_back(r);
        std::vector<std::vector<Run*>*> missing;
        for (auto& [cell, members] : cells)
            if (!table.contains(cell) ||
                table[cell].value("key", json()) != calibrationKey(*members[0]))
                missing.push_back(&members);
        std::vector<std::string> items;
        for (const auto* members : missing) {
            const Run& first = *members->front();
            items.push_back(workItem(
                first, calibrationOptions(first.kind, first.options, first.calibrateSeconds),
                true));
        }
        pool_.run(
            items, compute(),
            [&](size_t i, const std::string& out) {
                const Run& first = *missing[i]->front();
                if (auto entry = calibration(first, json::parse(out))) {
                    table[first.cell()] = *entry;
                    writeFileAtomic(path, table.dump(2) + "\n");
                }
            },
            stop_);
        for (auto& [cell, members] : cells) {
            if (!table.contains(cell) ||
                table[cell].value("key", json()) != calibrationKey(*members[0]))
                continue; // interrupted before its calibration: stays unrun
            for (Run* r : members) {
                r->options[budgetUnit(r->kind)] = table[cell]["units"];
                r->calibrateSeconds = 0;
            }
        }
    }

    static json calibrationKey(const Run& r) {
        json options = r.options;
        options.erase("seed");
        return {{"budget_seconds", r.calibrateSeconds}, {"options", options}};
    }

    // The cell's calibration entry from its calibration run's output, or nothing when
    // interrupted or refused.
    std::optional<json> calibration(const Run& r, const json& out) {
        if (out.contains("error"))
            log("FAILED calibrating " + r.cell() + ": " + out["error"].get<std::string>());
        if (!out.contains("units")) return std::nullopt;
        const double rate =
            out["units"].get<int64_t>() / std::max(out["seconds"].get<double>(), 1e-9);
        const int64_t units = std::max<int64_t>(1, std::llround(rate * r.calibrateSeconds));
        log("calibrated " + r.cell() + ": " + std::to_string(units) + " " + budgetUnit(r.kind) +
            " for " + json(r.calibrateSeconds).dump() + " s");
        return json{{"key", calibrationKey(r)},
                    {"unit", budgetUnit(r.kind)},
                    {"units", units},
                    {"rate_per_second", rate}};
    }

    // Writes a run's files from its output (an interrupted run is not a result).
    void commit(const Run& r, const std::string& text) {
        const json out = json::parse(text);
        try {
            if (out.contains("interrupted")) return;
            if (out.contains("error")) throw std::runtime_error(out["error"].get<std::string>());
            writeFileAtomic(
                fs::path(runFile(o_.out, r.id)).replace_extension(".trace.jsonl").string(),
                out["trace"].get<std::string>());
            writeFileAtomic(runFile(o_.out, r.id), out["file"].dump(2) + "\n");
            ++report_.ran;
            log("[" + std::to_string(report_.ran) + "/" + std::to_string(total_) + "] " +
                out["line"].get<std::string>());
        } catch (const std::exception& ex) {
            ++report_.failed;
            log("FAILED " + r.id + ": " + ex.what());
        }
    }

    Experiment& e_;
    const RunnerOptions& o_;
    const std::atomic<bool>& stop_;
    ThreadPool threads_;
    WorkPool& pool_;
    std::mutex mutex_;
    RunnerReport report_;
    int total_ = 0;
};

} // namespace

std::string runWorkItem(const Experiment& e, const std::string& text,
                        const std::atomic<bool>& stop) {
    const json item = json::parse(text);
    const Run& r = e.runs.at(item.at("run").get<size_t>());
    const json& options = item.at("options");
    try {
        const MethodResult m = runMethod(r.kind, r.taskSpec, options, stop);
        if (m.interrupted) return json{{"interrupted", true}}.dump(); // cut short: not a result
        if (item.at("calibrate").get<bool>())
            return json{{"units", m.units}, {"seconds", m.seconds - m.setupSeconds}}.dump();
        json o = outcome(r, m);
        if (r.taskSpec.is_object())
            targetOutcome(e, r, m, o);
        else if (e.measureLatency)
            o["latency_cycles"] = measuredLatency(r, m);
        const json file = {{"superopt_version", kVersion},
                           {"experiment", e.name},
                           {"cell",
                            {{"id", r.id},
                             {"task", r.task},
                             {"method", r.method},
                             {"kind", toString(r.kind)},
                             {"setting", r.setting},
                             {"seed", r.seed}}},
                           {"options", options},
                           {"outcome", o},
                           {"result", m.result}};
        return json{{"file", file}, {"trace", m.trace}, {"line", describe(r, m)}}.dump();
    } catch (const std::exception& ex) {
        return json{{"error", ex.what()}}.dump();
    }
}

std::string runFile(const std::string& out, const std::string& id) {
    return (fs::path(out) / "runs" / (id + ".json")).string();
}

std::optional<json> finishedRun(const std::string& out, const Run& r) {
    auto j = readJsonFile(runFile(out, r.id));
    if (j && j->is_object() && j->contains("outcome") && j->value("options", json()) == r.options)
        return j;
    return std::nullopt;
}

RunnerReport runExperiment(Experiment& e, const RunnerOptions& options,
                           const std::atomic<bool>& stop) {
    return Runner(e, options, stop).run();
}

} // namespace superopt
