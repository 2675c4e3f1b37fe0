// summary.json and summary.md of an experiment.
#include "superopt/experiment/summary.hpp"

#include "superopt/experiment/runner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace superopt {

using nlohmann::json;

namespace {

// The outcome fields summarised as median / min / max over a cell's runs.
const char* const kStatistics[] = {
    "length",          "explored",     "first_correct_seconds",    "best_seconds",
    "target_seconds",  "wall_seconds", "latency_cycles",           "reference_length",
    "compiled_length", "unverified",   "reference_latency_cycles", "compiled_latency_cycles",
    "lower_bound"};

// Median, min and max of the non-null values; null when there are none.
json statistics(const std::vector<json>& outcomes, const std::string& field) {
    std::vector<double> v;
    for (const auto& o : outcomes)
        if (o.contains(field) && o[field].is_number()) v.push_back(o[field].get<double>());
    if (v.empty()) return json();
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return {{"median", n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2},
            {"min", v.front()},
            {"max", v.back()},
            {"n", n}};
}

double rate(const std::vector<json>& outcomes, const std::function<bool(const json&)>& yes) {
    if (outcomes.empty()) return 0;
    return double(std::count_if(outcomes.begin(), outcomes.end(), yes)) / outcomes.size();
}

json cellSummary(const std::vector<const Run*>& runs, const std::vector<json>& outcomes) {
    const Run& r = *runs.front();
    json c = {
        {"task", r.task},
        {"method", r.method},
        {"kind", toString(r.kind)},
        {"setting", r.setting},
        {"runs", runs.size()},
        {"done", outcomes.size()},
        {"success_rate", rate(outcomes, [](const json& o) { return o["found"].get<bool>(); })},
        {"target", r.target ? json(*r.target) : json()},
        {"target_rate",
         r.target
             ? json(rate(outcomes, [](const json& o) { return o["target_seconds"].is_number(); }))
             : json()}};
    for (const char* field : kStatistics) c[field] = statistics(outcomes, field);
    return c;
}

// "12 [10-15]" for a statistic; "-" when there is none.
std::string range(const json& s, const char* format) {
    if (s.is_null()) return "-";
    auto fmt = [&](const json& v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, format, v.get<double>());
        return std::string(buf);
    };
    if (s["min"] == s["max"]) return fmt(s["median"]);
    return fmt(s["median"]) + " [" + fmt(s["min"]) + "-" + fmt(s["max"]) + "]";
}

std::string percent(const json& v) {
    return std::to_string(std::lround(100 * v.get<double>())) + "%";
}

} // namespace

json summarise(const Experiment& e, const std::string& out) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Run*>> cells;
    for (const auto& r : e.runs) {
        if (!cells.count(r.cell())) order.push_back(r.cell());
        cells[r.cell()].push_back(&r);
    }
    json list = json::array();
    int done = 0;
    for (const auto& cell : order) {
        std::vector<json> outcomes;
        for (const Run* r : cells[cell])
            if (auto j = finishedRun(out, *r)) outcomes.push_back((*j)["outcome"]);
        done += static_cast<int>(outcomes.size());
        list.push_back(cellSummary(cells[cell], outcomes));
    }
    return {{"experiment", e.name}, {"description", e.description},
            {"quick", e.quick},     {"runs", e.runs.size()},
            {"done", done},         {"cells", list}};
}

// Whether some cell has a value of `field`.
bool anyCell(const json& s, const char* field) {
    for (const auto& c : s["cells"])
        if (!c[field].is_null()) return true;
    return false;
}

std::string summaryMarkdown(const json& s) {
    const bool target = anyCell(s, "target"), latency = anyCell(s, "latency_cycles"),
               bound = anyCell(s, "lower_bound"), functions = anyCell(s, "reference_length"),
               compiledLatency = anyCell(s, "compiled_latency_cycles");
    std::string md =
        "# " + s["experiment"].get<std::string>() + (s["quick"].get<bool>() ? " (--quick)" : "") +
        "\n\n" + s["description"].get<std::string>() +
        "\n\nMedian [min-max] over seeds; times in " + "seconds, over the runs that got there. " +
        std::to_string(s["done"].get<int>()) + " of " + std::to_string(s["runs"].get<int>()) +
        " runs done.\n\n";
    std::string head = "| task | method | setting | runs | success |";
    head += functions ? " target's length | compiler's length |" : "";
    head += " length |";
    head += bound ? " proven lower bound |" : "";
    head += " programs explored | first correct (s) | best (s) |";
    head += functions ? " unverified |" : "";
    head += target ? " target | reached | to target (s) |" : "";
    head += latency ? " latency (ticks) |" : "";
    head += compiledLatency ? " compiler's latency (ticks) |" : "";
    head += " wall (s) |";
    md += head + "\n|";
    for (auto columns = std::count(head.begin(), head.end(), '|') - 1; columns > 0; --columns)
        md += "---|";
    md += "\n";
    for (const auto& c : s["cells"]) {
        md += "| " + c["task"].get<std::string>() + " | " + c["method"].get<std::string>() + " | " +
              c["setting"].get<std::string>() + " | ";
        md += std::to_string(c["done"].get<int>()) + "/" + std::to_string(c["runs"].get<int>()) +
              " | " + percent(c["success_rate"]) + " |";
        if (functions)
            md += " " + range(c["reference_length"], "%.0f") + " | " +
                  range(c["compiled_length"], "%.0f") + " |";
        md += " " + range(c["length"], "%.0f") + " |";
        if (bound) md += " " + range(c["lower_bound"], "%.0f") + " |";
        md += " " + range(c["explored"], "%.3g") + " | " +
              range(c["first_correct_seconds"], "%.3g") + " | " + range(c["best_seconds"], "%.3g") +
              " |";
        if (functions) md += " " + range(c["unverified"], "%.0f") + " |";
        if (target)
            md += c["target"].is_null() ? " - | - | - |"
                                        : " " + std::to_string(c["target"].get<int>()) + " | " +
                                              percent(c["target_rate"]) + " | " +
                                              range(c["target_seconds"], "%.3g") + " |";
        if (latency) md += " " + range(c["latency_cycles"], "%.1f") + " |";
        if (compiledLatency) md += " " + range(c["compiled_latency_cycles"], "%.1f") + " |";
        md += " " + range(c["wall_seconds"], "%.3g") + " |\n";
    }
    return md;
}

} // namespace superopt
