// JSON experiment logs: the result file of a search (configuration, seed, version,
// the verified program, counts, statistics per move, timings) and its JSON-lines
// trace. Option names are the command line's, so a result's "config" can be fed
// back as a --config file.
#pragma once

#include "superopt/search/search.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace superopt {

// A search's configuration; a target's task is {"file", "function", "signature"}.
nlohmann::json toJson(const SearchConfig& c);
nlohmann::json toJson(const TargetSpec& t);
// Throws std::invalid_argument on a field missing, unknown or of the wrong type.
TargetSpec targetFromJson(const nlohmann::json& j);
// The inverse of toJson(SearchConfig): the fields given (any subset, same names and
// forms) replace those of `base`. Throws std::invalid_argument naming the field for
// an unknown field, a value of the wrong type or an unknown name.
SearchConfig searchConfigFromJson(const nlohmann::json& j, SearchConfig base = {});
nlohmann::json toJson(const SearchResult& r, const SearchConfig& c);
// One JSON object per line: time, iteration, chain, current and best cost, best length.
std::string traceLines(const SearchResult& r);

} // namespace superopt
