// Every vector path this CPU runs gives the same results: the emulator's final state,
// the cost's counts (every correctness variant), and whole fixed-iteration searches (sorting
// tasks and a target). On an AVX-512 machine this also tests the AVX2 and baseline code.
#include "superopt/core/interpreter.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/vector_isa.hpp"
#include "superopt/search/cost.hpp"
#include "superopt/search/sampler.hpp"
#include "superopt/search/search.hpp"
#include "superopt/search/search_json.hpp"

#include <catch2/catch.hpp>

using namespace superopt;

namespace {

// Restores the active path when a test ends.
struct ActivePath {
    VectorIsa saved = activeVectorIsa();
    ~ActivePath() { setActiveVectorIsa(saved); }
};

} // namespace

TEST_CASE("the vector paths are named, parsed and checked against the CPU") {
    const auto paths = supportedVectorIsas();
    REQUIRE(!paths.empty());
    CHECK(paths.front() == VectorIsa::Baseline);
    for (VectorIsa isa : {VectorIsa::Baseline, VectorIsa::Avx2, VectorIsa::Avx512}) {
        INFO(toString(isa));
        if (cpuSupports(isa))
            CHECK(parseVectorIsa(toString(isa)) == isa);
        else
            CHECK_THROWS_WITH(parseVectorIsa(toString(isa)), Catch::Contains("does not support"));
    }
    CHECK(parseVectorIsa("auto") == paths.back());
    CHECK_THROWS_WITH(parseVectorIsa("neon"), Catch::Contains("unknown vector path 'neon'"));
    if (!cpuSupports(VectorIsa::Avx512))
        CHECK_THROWS_WITH(Machine(Task::parse("sort3").training(), 128, VectorIsa::Avx512),
                          Catch::Contains("does not support the avx512 path"));
}

TEST_CASE("every vector path gives the same state and costs on random programs") {
    Rng rng(21);
    for (const char* name : {"sort4", "varsort4", "sort6"}) {
        const Task task = Task::parse(name);
        const TestSet set = task.complete();
        Sampler sampler(task, Profile::X86, 6);
        std::vector<std::unique_ptr<Machine>> machines;
        for (VectorIsa isa : supportedVectorIsas())
            machines.push_back(std::make_unique<Machine>(set, 48, isa));
        std::vector<Cost> costs;
        for (auto c : {Correctness::Misplaced, Correctness::SqrtCount, Correctness::Hamming})
            costs.push_back(Cost({c, Objective::Length, 0.1}, set, task.lengthSlot()));
        for (int i = 0; i < 60; ++i) {
            const Program p = sampler.program(rng, 1 + uniform(rng, 30),
                                              task.kind() == Task::Kind::VarSort || i % 2);
            INFO(name << " program:\n" << toText(p));
            std::vector<std::vector<int32_t>> states;
            std::vector<std::vector<int64_t>> errors;
            for (auto& m : machines) {
                std::vector<int64_t> e;
                for (auto& c : costs) {
                    m->propose(p);
                    e.push_back(c.evaluate(*m, p, std::numeric_limits<double>::infinity()).errors);
                }
                std::vector<int32_t> state(m->fault(), m->fault() + set.lanes);
                for (int s = 0; s < set.slots; ++s)
                    state.insert(state.end(), m->slot(s), m->slot(s) + set.lanes);
                states.push_back(state);
                errors.push_back(e);
            }
            for (size_t k = 1; k < machines.size(); ++k) {
                REQUIRE(states[k] == states[0]);
                REQUIRE(errors[k] == errors[0]);
            }
            // The misplaced count is the plain interpreter's.
            REQUIRE(errors[0][0] == interpretMisplaced(p, set));
        }
    }
}

TEST_CASE("a fixed-iteration search gives the same result on every vector path") {
    ActivePath restore;
    // Sorting (the sorting machine) warm and cold, and a target (the general machine).
    std::vector<SearchConfig> configs = {defaultsFor("warm"), defaultsFor("cold"),
                                         defaultsFor("cold", true)};
    configs[0].task = configs[1].task = "sort4";
    configs[2].target = {SUPEROPT_DATA_DIR "/hacker/hacker-O0.s", "p03", "i32(i32)"};
    for (SearchConfig& c : configs) {
        c.seconds = 0;
        c.iterations = 60000;
        c.threads = 1;
        c.chains = 2;
        c.seed = 3;
        std::vector<std::string> results;
        for (VectorIsa isa : supportedVectorIsas()) {
            setActiveVectorIsa(isa);
            std::atomic<bool> stop = false;
            auto file = toJson(Search(c).run(stop), c);
            file.erase("timings");
            results.push_back(file.dump());
        }
        INFO(c.task << " " << c.target.function << " " << c.start);
        for (size_t k = 1; k < results.size(); ++k) CHECK(results[k] == results[0]);
    }
}
