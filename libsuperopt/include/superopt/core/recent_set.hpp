// A set of 64-bit hashes that remembers at most a fixed number of them: a
// direct-mapped table, where a new hash takes the slot of the one it collides with.
// For work that is only wasted, never wrong, when it is done twice (measuring a
// program again): memory stays bounded however long a search runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace superopt {

class RecentSet {
  public:
    // `capacity` is rounded up to a power of two (at least 1).
    explicit RecentSet(size_t capacity);
    // Adds `hash`; true when it was not remembered.
    bool insert(uint64_t hash);
    // Whether `hash` is remembered.
    bool contains(uint64_t hash) const;
    size_t capacity() const { return slots_.size(); }

  private:
    size_t index(uint64_t hash) const; // hash != 0
    std::vector<uint64_t> slots_;      // 0: empty (hash 0 is stored as 1)
};

} // namespace superopt
