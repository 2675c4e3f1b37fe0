// The island model's hook in Search (islands.hpp) without MPI: what islands send each
// other survives the trip, and a search with islands repeats for a seed whatever the
// thread count, exchanges on its schedule and keeps every result verified.
#include "superopt/core/verify.hpp"
#include "superopt/search/islands.hpp"
#include "superopt/search/search_json.hpp"

#include <catch2/catch.hpp>

using namespace superopt;

namespace {

// One island alone: it gets its own best back, and counts the exchanges.
class LoneIsland : public Islands {
  public:
    int firstChain() const override { return 5; }
    int64_t interval() const override { return 20000; }
    Exchanged exchange(const std::optional<Found>& best, bool halt) override {
        ++exchanges;
        Exchanged all;
        if (best) all.best.push_back(foundFromWire(toWire(*best)));
        all.halt = halt;
        return all;
    }
    std::optional<std::vector<SearchResult>> gather(const SearchResult&) override {
        return std::vector<SearchResult>{};
    }
    int exchanges = 0;
};

SearchConfig config(int threads) {
    SearchConfig c;
    c.task = "sort4";
    c.seconds = 0;
    c.iterations = 50000;
    c.chains = 3;
    c.threads = threads;
    c.seed = 7;
    return c;
}

} // namespace

TEST_CASE("a search result survives the trip between islands") {
    std::atomic<bool> stop = false;
    SearchConfig c = config(1);
    c.traceEvery = 5000;
    const SearchResult r = Search(c).run(stop);
    REQUIRE(r.best);
    const nlohmann::json wire = toWire(r);
    const SearchResult back = resultFromWire(nlohmann::json::parse(wire.dump()));
    CHECK(toWire(back) == wire);
    CHECK(back.best->program == r.best->program);
    CHECK(back.trace.size() == r.trace.size());
}

TEST_CASE("a search with islands repeats for a seed whatever the thread count") {
    std::atomic<bool> stop = false;
    LoneIsland one, two;
    const SearchConfig c1 = config(1), c2 = config(2);
    nlohmann::json a = toJson(Search(c1).run(stop, {}, &one), c1);
    nlohmann::json b = toJson(Search(c2).run(stop, {}, &two), c2);
    CHECK(one.exchanges == 3); // at 20000, 40000 and the end of the budget
    CHECK(two.exchanges == 3);
    REQUIRE(a["found"].get<bool>());
    CHECK(a["best_chain"].get<int>() >= 5); // chains numbered from the island's first
    CHECK(a["proposals"].get<int64_t>() == 150000);
    std::string text;
    for (const auto& line : a["program"]) text += line.get<std::string>() + "\n";
    CHECK(verify(parseProgram(text), Task::parse("sort4")).correct);
    for (auto* j : {&a, &b}) {
        j->erase("timings");
        (*j)["config"].erase("threads");
    }
    CHECK(a.dump() == b.dump());
}
