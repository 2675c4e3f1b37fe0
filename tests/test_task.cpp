// Tasks and their test sets: counts, values, expected outputs.
#include "superopt/core/task.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <set>

using namespace superopt;

TEST_CASE("weak orderings are counted by the Fubini numbers") {
    const int64_t expected[] = {1, 1, 3, 13, 75, 541, 4683, 47293, 545835};
    for (int n = 1; n <= 8; ++n) {
        CHECK(fubini(n) == expected[n]);
        CHECK(static_cast<int64_t>(orderings(n, true).size()) == expected[n]);
    }
    CHECK(orderings(4, false).size() == 24);
}

TEST_CASE("complete and training sets have the right sizes") {
    const int64_t fub[] = {0, 1, 3, 13, 75, 541, 4683, 47293, 545835};
    for (int n = 2; n <= 8; ++n) {
        Task t = Task::parse("sort" + std::to_string(n));
        if (n <= 7) CHECK(t.complete().count == fub[n]);
        int64_t fact = 1;
        for (int k = 2; k <= n; ++k) fact *= k;
        CHECK(t.training().count == fact);
    }
    TestSet v = Task::parse("varsort4").complete();
    CHECK(v.count == 1 + 3 + 13 + 75);
    CHECK(v.slots == 5);
    CHECK(v.lanes % TestSet::kLaneAlign == 0);
    CHECK(Task::parse("varsort3").training().count == 1 + 2 + 6);
}

TEST_CASE("rank values keep the order and span negatives and the extremes") {
    for (int k = 1; k <= 8; ++k)
        for (int r = 0; r + 1 < k; ++r) CHECK(rankValue(r, k) < rankValue(r + 1, k));
    CHECK(rankValue(0, 2) == INT_MIN);
    CHECK(rankValue(1, 2) == INT_MAX);
    for (int k = 1; k <= 8; ++k)
        for (int r = 0; r < k; ++r) CHECK((rankValue(r, k) < 1 || rankValue(r, k) > 16));
}

TEST_CASE("expected outputs are the sorted inputs, and varsort cares only about 1..n") {
    TestSet s = Task::parse("sort3").complete();
    std::set<std::vector<int32_t>> seen;
    for (int l = 0; l < s.count; ++l) {
        std::vector<int32_t> in = {s.in(0, l), s.in(1, l), s.in(2, l)};
        seen.insert(in);
        std::sort(in.begin(), in.end());
        CHECK(in == std::vector<int32_t>{s.out(0, l), s.out(1, l), s.out(2, l)});
    }
    CHECK(seen.size() == 13);
    TestSet v = Task::parse("varsort3").complete();
    CHECK(v.items() == 1 * 1 + 2 * 3 + 3 * 13);
    for (int l = 0; l < v.count; ++l) {
        int n = v.in(0, l);
        CHECK(v.length[l] == n);
        CHECK(v.care[0 * v.lanes + l] == 0);
        for (int s2 = 1; s2 <= 3; ++s2) CHECK(v.care[size_t(s2) * v.lanes + l] == (s2 <= n));
    }
}

TEST_CASE("unknown tasks are refused with the list of known ones") {
    for (const char* bad : {"sort1", "sort9", "varsort6", "sort", "sort33", "bogus", "varsort1"})
        CHECK_THROWS_WITH(Task::parse(bad),
                          Catch::Contains("unknown task") && Catch::Contains("sort2..sort8"));
    CHECK(Task::names().size() == 11);
}
