// Configurations read from JSON objects field by field: a table of setters by field
// name, applied to the fields given. One piece of code for every configuration the
// library reads (the search's, the agent's), so that they refuse bad input alike.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <stdexcept>
#include <string>

namespace superopt {

template <class Config>
using FieldSetters = std::map<std::string, std::function<void(Config&, const nlohmann::json&)>>;

// `config` with the fields of the object `j` set by their setters. Throws
// std::invalid_argument naming the field ("field 'beta': ...") for an unknown field, a
// value of the wrong type, or what a setter refuses; `what` names the object in the
// error when it is not an object ("search fields").
template <class Config>
Config applyFields(const nlohmann::json& j, const FieldSetters<Config>& setters, Config config,
                   const char* what) {
    if (!j.is_object()) throw std::invalid_argument(std::string("expected an object of ") + what);
    for (const auto& [key, value] : j.items()) {
        auto setter = setters.find(key);
        if (setter == setters.end()) throw std::invalid_argument("unknown field '" + key + "'");
        try {
            setter->second(config, value);
        } catch (const nlohmann::json::exception&) {
            throw std::invalid_argument("field '" + key + "': wrong type (" + value.dump() + ")");
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("field '" + key + "': " + e.what());
        }
    }
    return config;
}

} // namespace superopt
