// What islands send each other, as JSON.
#include "superopt/search/islands.hpp"

namespace superopt {

using nlohmann::json;

namespace {

// A program as text, with the dialect that reads it back.
json programToWire(const Program& p) {
    return {toText(p), static_cast<int>(dialectOf(p))};
}
Program programFromWire(const json& j) {
    return parseProgram(j.at(0).get<std::string>(), "<island>", "",
                        static_cast<Dialect>(j.at(1).get<int>()));
}

} // namespace

json toWire(const Found& f) {
    return {{"program", programToWire(f.program)},
            {"length", f.length},
            {"performance", f.performance},
            {"seconds", f.seconds},
            {"iteration", f.iteration},
            {"chain", f.chain}};
}

Found foundFromWire(const json& j) {
    return {programFromWire(j.at("program")),  j.at("length").get<int>(),
            j.at("performance").get<double>(), j.at("seconds").get<double>(),
            j.at("iteration").get<int64_t>(),  j.at("chain").get<int>()};
}

json toWire(const SearchResult& r) {
    json archive = json::array(), moves = json::array(), trace = json::array(),
         correct = json::object();
    for (const auto& [length, counter] : r.correctByLength)
        correct[std::to_string(length)] = counter.toJson();
    for (const auto& [length, programs] : r.archive)
        for (const auto& p : programs) archive.push_back(programToWire(p));
    for (const auto& m : r.moves) moves.push_back({m.proposed, m.legal, m.accepted});
    for (const auto& t : r.trace)
        trace.push_back(
            {t.seconds, t.iteration, t.chain, t.cost, t.bestCost, t.bestLength, t.atBest});
    return {{"best", r.best ? toWire(*r.best) : json()},
            {"correct_by_length", correct},
            {"archive", archive},
            {"verify_failures", r.verifyFailures},
            {"unverified", r.unverified},
            {"proposals", r.proposals},
            {"acceptances", r.acceptances},
            {"moves", moves},
            {"first_correct_seconds", r.firstCorrectSeconds},
            {"trace", trace}};
}

SearchResult resultFromWire(const json& j) {
    SearchResult r;
    if (!j.at("best").is_null()) r.best = foundFromWire(j["best"]);
    for (const auto& [length, counter] : j.at("correct_by_length").items())
        r.correctByLength[std::stoi(length)] = DistinctCounter::fromJson(counter);
    for (const auto& wire : j.at("archive")) {
        Program p = programFromWire(wire);
        r.archive[p.length()].push_back(std::move(p));
    }
    r.verifyFailures = j.at("verify_failures").get<int64_t>();
    r.unverified = j.at("unverified").get<int64_t>();
    r.proposals = j.at("proposals").get<int64_t>();
    r.acceptances = j.at("acceptances").get<int64_t>();
    const json& moves = j.at("moves");
    for (size_t m = 0; m < r.moves.size(); ++m)
        r.moves[m] = {moves.at(m)[0].get<int64_t>(), moves.at(m)[1].get<int64_t>(),
                      moves.at(m)[2].get<int64_t>()};
    r.firstCorrectSeconds = j.at("first_correct_seconds").get<double>();
    for (const auto& t : j.at("trace"))
        r.trace.push_back({t[0].get<double>(), t[1].get<int64_t>(), t[2].get<int>(),
                           t[3].get<double>(), t[4].get<double>(), t[5].get<int>(),
                           t[6].get<bool>()});
    return r;
}

} // namespace superopt
