// The experiment runner: calibration, resume, parallel runs, run files.
#include "superopt/experiment_runner.hpp"

#include "superopt/export.hpp"
#include "superopt/latency.hpp"
#include "superopt/logs.hpp"

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

// The best program's measured latency (clock ticks per call, latency.hpp), or null.
json measuredLatency(const Run& r, const MethodResult& m) {
    if (!m.best) return json();
    LatencyOptions opts;
    opts.inputs = 1000;
    opts.measurements = 200;
    try {
        return measureLatency(std::span<const Program>(&*m.best, 1), Task::parse(r.task), opts)
            .kernels[0]
            .cycles;
    } catch (const std::exception&) {
        return json();
    }
}

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
        : e_(e), o_(o), stop_(stop) {}

    RunnerReport run() {
        fs::create_directories(fs::path(o_.out) / "runs");
        removeTemporaries(fs::path(o_.out) / "runs");
        removeTemporaries(o_.out);
        std::vector<Run*> todo;
        for (auto& r : e_.runs) {
            ++report_.planned;
            if (r.unavailable) {
                if (!report_.unavailable.count(r.id))
                    log("unavailable " + r.id + ": " + *r.unavailable);
                report_.unavailable[r.id] = *r.unavailable;
            } else {
                todo.push_back(&r);
            }
        }
        calibrate(todo);
        std::erase_if(
            todo, [&](const Run* r) { return r->calibrateSeconds > 0 || finishedRun(o_.out, *r); });
        report_.alreadyDone =
            report_.planned - static_cast<int>(report_.unavailable.size()) - int(todo.size());
        log(std::to_string(report_.planned) + " runs: " + std::to_string(report_.alreadyDone) +
            " done before, " + std::to_string(todo.size()) + " to run on " +
            std::to_string(o_.jobs) + " jobs");
        total_ = static_cast<int>(todo.size());
        parallelFor(total_, o_.jobs, stop_, [&](int i) { runOne(*todo[i]); });
        report_.interrupted = stop_.load();
        return report_;
    }

  private:
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
        parallelFor(static_cast<int>(missing.size()), o_.jobs, stop_, [&](int i) {
            const Run& first = *missing[i]->front();
            auto entry = measure(first);
            if (!entry) return;
            std::lock_guard lock(mutex_);
            table[first.cell()] = *entry;
            writeFileAtomic(path, table.dump(2) + "\n");
        });
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

    // The cell's calibration entry, or nothing when interrupted or refused.
    std::optional<json> measure(const Run& r) {
        try {
            const double seconds = std::min(r.calibrateSeconds, kCalibrationSeconds);
            const MethodResult m =
                runMethod(r.kind, r.task, calibrationOptions(r.kind, r.options, seconds), stop_);
            if (m.interrupted) return std::nullopt;
            const double rate = m.units / std::max(m.seconds, 1e-9);
            const int64_t units = std::max<int64_t>(1, std::llround(rate * r.calibrateSeconds));
            log("calibrated " + r.cell() + ": " + std::to_string(units) + " " + budgetUnit(r.kind) +
                " for " + json(r.calibrateSeconds).dump() + " s");
            return json{{"key", calibrationKey(r)},
                        {"unit", budgetUnit(r.kind)},
                        {"units", units},
                        {"rate_per_second", rate}};
        } catch (const std::exception& ex) {
            log("FAILED calibrating " + r.cell() + ": " + ex.what());
            return std::nullopt;
        }
    }

    void runOne(const Run& r) {
        try {
            const MethodResult m = runMethod(r.kind, r.task, r.options, stop_);
            if (m.interrupted) return; // cut short: not a result
            json o = outcome(r, m);
            if (e_.measureLatency) o["latency_cycles"] = measuredLatency(r, m);
            const json file = {{"superopt_version", kVersion},
                               {"experiment", e_.name},
                               {"cell",
                                {{"id", r.id},
                                 {"task", r.task},
                                 {"method", r.method},
                                 {"kind", toString(r.kind)},
                                 {"setting", r.setting},
                                 {"seed", r.seed}}},
                               {"options", r.options},
                               {"outcome", o},
                               {"result", m.result}};
            writeFileAtomic(
                fs::path(runFile(o_.out, r.id)).replace_extension(".trace.jsonl").string(),
                m.trace);
            writeFileAtomic(runFile(o_.out, r.id), file.dump(2) + "\n");
            std::lock_guard lock(mutex_);
            ++report_.ran;
            o_.log("[" + std::to_string(report_.ran) + "/" + std::to_string(total_) + "] " +
                   describe(r, m));
        } catch (const std::exception& ex) {
            std::lock_guard lock(mutex_);
            ++report_.failed;
            o_.log("FAILED " + r.id + ": " + ex.what());
        }
    }

    Experiment& e_;
    const RunnerOptions& o_;
    const std::atomic<bool>& stop_;
    std::mutex mutex_;
    RunnerReport report_;
    int total_ = 0;
};

} // namespace

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
