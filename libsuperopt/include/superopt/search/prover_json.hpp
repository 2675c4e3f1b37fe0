// JSON for the prover: its configuration (option names as `superopt prove`'s and an
// experiment's prover method's), its result file and its checkpoint.
#pragma once

#include "superopt/search/prover.hpp"

#include <nlohmann/json.hpp>

namespace superopt {

// task, registers, length, seconds, nodes, threads, table-mb, intermediate-slack, symmetry.
nlohmann::json toJson(const ProofConfig& c);
// The inverse: the fields given (any subset) replace those of `base`. Throws
// std::invalid_argument naming the field for an unknown field or a value of the wrong
// type (settings out of range are checkProofConfig's).
ProofConfig proofConfigFromJson(const nlohmann::json& j, ProofConfig base = {});

// The result file: the statement proved, the program, counts and the rules used.
nlohmann::json toJson(const ProofResult& r, bool resumed);

nlohmann::json toJson(const ProofCheckpoint& c);
// Throws std::invalid_argument saying what is missing or wrong.
ProofCheckpoint checkpointFromJson(const nlohmann::json& j);

} // namespace superopt
