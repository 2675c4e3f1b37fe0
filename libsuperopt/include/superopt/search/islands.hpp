// The island model: one search split over several processes (the ranks of an MPI
// job, apps/superopt/cluster_mpi.cpp), each an island running its own chains. Every
// interval() proposals per chain the islands exchange their best verified programs,
// and every chain that has found or adopted nothing as good restarts from the best
// of all; at the end the root island gathers every island's result. Search::run
// calls the hooks at the same iteration counts on every island, so a seed and an
// island count give the same result (with an iteration budget). What islands send
// each other is JSON (toWire / fromWire), so that the transport stays out of here.
#pragma once

#include "superopt/search/search_result.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace superopt {

class Islands {
  public:
    virtual ~Islands() = default;
    // This island's chains are numbered (and seeded) from here on.
    virtual int firstChain() const = 0;
    // Proposals per chain between exchanges (> 0).
    virtual int64_t interval() const = 0;

    struct Exchanged {
        std::vector<Found> best; // every island's best verified program (those with one)
        bool halt = false;       // some island's budget is spent, or it was interrupted
    };
    // Collective: every island calls it at the same point of the schedule.
    virtual Exchanged exchange(const std::optional<Found>& best, bool halt) = 0;
    // Collective, once at the end: on the root, every other island's result; elsewhere
    // nothing.
    virtual std::optional<std::vector<SearchResult>> gather(const SearchResult& mine) = 0;
};

nlohmann::json toWire(const Found& f);
Found foundFromWire(const nlohmann::json& j);
// What the root merges: the best, counts, archive, statistics and trace (no latency).
nlohmann::json toWire(const SearchResult& r);
SearchResult resultFromWire(const nlohmann::json& j);

} // namespace superopt
