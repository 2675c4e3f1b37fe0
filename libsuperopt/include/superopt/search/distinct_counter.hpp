// Counts distinct 64-bit hashes in memory bounded by a constant: exactly up to
// kExactLimit of them, then as a HyperLogLog sketch (Flajolet et al. 2007) of 4096
// one-byte registers, whose standard error is about 1.6 %. Counters merge (the count
// of the union), in any order with the same result, so chains and MPI ranks can count
// the programs they found together.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace superopt {

class DistinctCounter {
  public:
    static constexpr size_t kExactLimit = 4096;
    static constexpr int kRegisterBits = 12;

    void add(uint64_t hash);
    void merge(const DistinctCounter& other);
    // The number of distinct hashes added: exact while exact() holds.
    int64_t count() const;
    bool exact() const { return registers_.empty(); }

    nlohmann::json toJson() const;
    static DistinctCounter fromJson(const nlohmann::json& j); // throws nlohmann::json::exception

  private:
    void addToSketch(uint64_t hash);
    std::unordered_set<uint64_t> exact_;
    std::vector<uint8_t> registers_; // empty while counting exactly
};

} // namespace superopt
