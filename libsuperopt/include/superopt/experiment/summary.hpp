// Tabulates an experiment's finished runs, per cell (task x method x setting) over
// its seeds: runs finished, success rate (a verified program found), the rate of
// reaching the target length, and the median / min / max of the length found,
// programs explored, time to first correct, to best and to the target, wall time and
// (when measured) the best program's latency. summary.json holds it as JSON,
// summary.md as a Markdown table.
#pragma once

#include "superopt/experiment/experiment.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace superopt {

// Reads the runs of `e` finished under `out`.
nlohmann::json summarise(const Experiment& e, const std::string& out);
std::string summaryMarkdown(const nlohmann::json& summary);

} // namespace superopt
