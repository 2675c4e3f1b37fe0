// The prover's configuration, result file and checkpoint as JSON (prover_json.hpp).
#include "superopt/search/prover_json.hpp"

#include "superopt/core/version.hpp"

#include <stdexcept>

namespace superopt {

using nlohmann::json;

json toJson(const ProofConfig& c) {
    return {{"task", c.task},
            {"registers", c.registers},
            {"length", c.length},
            {"seconds", c.seconds},
            {"nodes", c.nodes},
            {"threads", c.threads},
            {"table-mb", c.tableMegabytes},
            {"intermediate-slack", c.intermediateSlack},
            {"symmetry", c.symmetry}};
}

ProofConfig proofConfigFromJson(const json& j, ProofConfig base) {
    if (!j.is_object()) throw std::invalid_argument("prover options: expected an object");
    for (const auto& [key, value] : j.items()) {
        auto number = [&, &key = key, &value = value] {
            if (!value.is_number()) throw std::invalid_argument(key + ": expected a number");
            return value;
        };
        if (key == "task") {
            if (!value.is_string()) throw std::invalid_argument("task: expected a string");
            base.task = value.get<std::string>();
        } else if (key == "registers") {
            base.registers = number().get<int>();
        } else if (key == "length") {
            base.length = number().get<int>();
        } else if (key == "seconds") {
            base.seconds = number().get<double>();
        } else if (key == "nodes") {
            base.nodes = number().get<int64_t>();
        } else if (key == "threads") {
            base.threads = number().get<int>();
        } else if (key == "table-mb") {
            base.tableMegabytes = number().get<int64_t>();
        } else if (key == "intermediate-slack") {
            base.intermediateSlack = number().get<int>();
        } else if (key == "symmetry") {
            if (!value.is_boolean())
                throw std::invalid_argument("symmetry: expected true or false");
            base.symmetry = value.get<bool>();
        } else {
            throw std::invalid_argument(key + ": not an option of the prover");
        }
    }
    return base;
}

json toJson(const ProofResult& r, bool resumed) {
    const char* outcome = r.outcome == ProofResult::Outcome::Found  ? "found"
                          : r.outcome == ProofResult::Outcome::None ? "none"
                                                                    : "stopped";
    json nodes = json::object();
    for (size_t d = 0; d < r.nodesPerDepth.size(); ++d)
        if (r.nodesPerDepth[d]) nodes[std::to_string(d)] = r.nodesPerDepth[d];
    return {
        {"superopt_version", kVersion},
        {"command", "prove"},
        {"task", r.task},
        {"profile", r.profile},
        {"registers", r.registers},
        {"length", r.length},
        {"outcome", outcome},
        {"statement", r.statement},
        {"proven_none_up_to", r.provenNone},
        {"program", r.program ? json(toText(*r.program)) : json()},
        {"program_length", r.program ? json(r.program->length()) : json()},
        {"lanes", r.lanes},
        {"nodes_per_length_limit", nodes},
        {"table", {{"entries", r.tableEntries}, {"hits", r.tableHits}, {"stores", r.tableStores}}},
        {"threads", r.threads},
        {"ranks", r.ranks},
        {"intermediate_slack", r.intermediateSlack},
        {"symmetry", r.symmetry},
        {"nodes", r.nodes},
        {"resumed", resumed},
        {"table_loaded", r.tableLoaded},
        {"seconds", r.seconds},
        {"pruning_rules", r.rules}};
}

json toJson(const ProofCheckpoint& c) {
    return {{"superopt_version", kVersion},
            {"move_order", c.moveOrder},
            {"task", c.task},
            {"registers", c.registers},
            {"length_limit", c.limit},
            {"lanes", c.lanes},
            {"path", c.path},
            {"nodes", c.nodes}};
}

ProofCheckpoint checkpointFromJson(const json& j) {
    try {
        ProofCheckpoint c;
        c.moveOrder = j.value("move_order", 1);
        c.task = j.at("task").get<std::string>();
        c.registers = j.at("registers").get<int>();
        c.limit = j.at("length_limit").get<int>();
        c.lanes = j.at("lanes").get<std::string>();
        c.path = j.at("path").get<std::vector<int>>();
        c.nodes = j.at("nodes").get<int64_t>();
        for (int i : c.path)
            if (i < 0) throw std::invalid_argument("a negative move index in 'path'");
        return c;
    } catch (const json::exception& e) {
        throw std::invalid_argument(e.what());
    }
}

} // namespace superopt
