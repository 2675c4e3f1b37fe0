// What keeps a long search's memory bounded: the distinct-program counter (exact, then
// a sketch), the set of recent hashes, and the thinned trace.
#include "superopt/core/recent_set.hpp"
#include "superopt/search/distinct_counter.hpp"
#include "superopt/search/search.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace superopt;

namespace {
// Distinct, badly mixed hashes (consecutive integers), as a weak hash might give.
uint64_t hashOf(int64_t i) {
    return static_cast<uint64_t>(i) * 1000003;
}
} // namespace

TEST_CASE("the distinct counter counts exactly up to its limit, then within a few percent") {
    DistinctCounter c;
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < 1000; ++i) c.add(hashOf(i));
    CHECK(c.exact());
    CHECK(c.count() == 1000);
    for (int i = 0; i < 200000; ++i) c.add(hashOf(i));
    CHECK_FALSE(c.exact());
    CHECK(std::abs(c.count() - 200000) < 200000 * 0.05);
    // In the sketch, repeats change nothing.
    const int64_t before = c.count();
    for (int i = 0; i < 200000; ++i) c.add(hashOf(i));
    CHECK(c.count() == before);
}

TEST_CASE("merged counters count the union, whatever the order, and survive JSON") {
    DistinctCounter a, b, small;
    for (int i = 0; i < 30000; ++i) a.add(hashOf(i));
    for (int i = 20000; i < 60000; ++i) b.add(hashOf(i));
    for (int i = 59000; i < 59100; ++i) small.add(hashOf(i));
    DistinctCounter ab = a, ba = b;
    ab.merge(b);
    ab.merge(small);
    ba.merge(small);
    ba.merge(a);
    CHECK(ab.count() == ba.count());
    CHECK(std::abs(ab.count() - 60000) < 60000 * 0.05);
    CHECK(DistinctCounter::fromJson(ab.toJson()).count() == ab.count());
    DistinctCounter exactUnion = small;
    DistinctCounter other;
    for (int i = 59050; i < 59200; ++i) other.add(hashOf(i));
    exactUnion.merge(other);
    CHECK(exactUnion.exact());
    CHECK(exactUnion.count() == 200);
    CHECK(DistinctCounter::fromJson(exactUnion.toJson()).count() == 200);
}

TEST_CASE("the recent set remembers what fits and forgets what collides") {
    RecentSet s(1000);
    CHECK(s.capacity() == 1024);
    CHECK(s.insert(42));
    CHECK_FALSE(s.insert(42));
    CHECK(s.insert(0));
    CHECK_FALSE(s.insert(0));
    int forgotten = 0;
    for (int i = 0; i < 100000; ++i) s.insert(hashOf(i));
    for (int i = 0; i < 100000; ++i) forgotten += s.insert(hashOf(i));
    CHECK(forgotten > 90000); // a table of 1024 cannot hold 100,000
    RecentSet one(0);
    CHECK(one.capacity() == 1);
    CHECK(one.insert(7));
    CHECK_FALSE(one.insert(7));
    CHECK(one.insert(8));
    CHECK(one.insert(7));
}

TEST_CASE("a search's trace is thinned to its limit and keeps every new best") {
    SearchConfig c = defaultsFor("cold");
    c.task = "sort3";
    c.seconds = 0;
    c.iterations = 200000;
    c.threads = 1;
    c.chains = 1;
    c.traceEvery = 1; // one point per proposal: 200,000 without the limit
    std::atomic<bool> stop = false;
    const SearchResult r = Search(c).run(stop);
    REQUIRE(r.best);
    CHECK(r.trace.size() <= SearchLimits::kTracePoints);
    CHECK(r.trace.size() >= SearchLimits::kTracePoints / 2);
    int bests = 0, lastBest = -1;
    for (const TracePoint& p : r.trace)
        if (p.atBest) {
            ++bests;
            CHECK((lastBest < 0 || p.bestLength <= lastBest));
            lastBest = p.bestLength;
        }
    CHECK(bests >= 1);
    CHECK(lastBest == r.best->length);
    for (size_t i = 1; i < r.trace.size(); ++i)
        CHECK(r.trace[i - 1].iteration < r.trace[i].iteration);
}
