// Experiments: the search configuration's JSON form read back, configurations
// expanded into runs, bad configurations refused with the file and the field, and the
// prover beside the search with its proven lower bound in the summary.
#include "superopt/experiment/experiment.hpp"
#include "superopt/experiment/methods.hpp"
#include "superopt/experiment/runner.hpp"
#include "superopt/experiment/summary.hpp"
#include "superopt/search/prover_json.hpp"
#include "superopt/search/search_json.hpp"

#include "temp_file.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace superopt;
using nlohmann::json;

namespace {

// `text` as a temporary configuration file.
testing::TempFile configFile(const std::string& text) {
    return testing::TempFile("experiment.json", text);
}

std::string loadError(const std::string& text) {
    const testing::TempFile config = configFile(text);
    const std::string& path = config.path;
    try {
        loadExperiment(path, false);
    } catch (const ExperimentError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("searchConfigFromJson is the inverse of toJson(SearchConfig)") {
    SearchConfig c;
    c.task = "sort5";
    c.start = "cold";
    c.profile = Profile::X86;
    c.cost.correctness = Correctness::Hamming;
    c.cost.objective = Objective::LatencyModel;
    c.cost.alpha = 0.25;
    c.beta = 3;
    c.seconds = 0;
    c.iterations = 12345;
    c.seed = 99;
    c.maxLength = 50;
    c.restartEvery = 1000;
    c.moves = "add=0,rotate=2.5";
    c.train = {Training::Kind::Complete, 0};
    CHECK(toJson(searchConfigFromJson(toJson(c))) == toJson(c));
    CHECK(searchConfigFromJson(json{{"beta", 7}}, c).iterations ==
          12345); // the base fills the rest
    CHECK_THROWS_WITH(searchConfigFromJson(json{{"bogus", 1}}), "unknown field 'bogus'");
    CHECK_THROWS_WITH(searchConfigFromJson(json{{"beta", "hot"}}),
                      Catch::Contains("field 'beta': wrong type"));
    CHECK_THROWS_WITH(searchConfigFromJson(json{{"cost", "nope"}}),
                      Catch::Contains("field 'cost': unknown cost"));
    CHECK(toJson(SearchConfig{})["train"] == "sample:512");
    c.train = {Training::Kind::Permutations, 0};
    CHECK(searchConfigFromJson(toJson(c)).train == c.train);
    c.train = {Training::Kind::Sample, 1500};
    CHECK(toJson(c)["train"] == "sample:1500");
    CHECK(searchConfigFromJson(toJson(c)).train == c.train);
    for (const char* bad :
         {"sample:", "sample:0", "sample:x", "sample: 5", "sample:-3", "sample:1234567890"})
        CHECK_THROWS_WITH(searchConfigFromJson(json{{"train", bad}}),
                          Catch::Contains("sample:N needs a whole number N >= 1"));
    CHECK_THROWS_WITH(searchConfigFromJson(json{{"train", "some"}}),
                      Catch::Contains("unknown training set 'some'"));
}

TEST_CASE("an experiment expands into task x method x setting x seed runs") {
    const testing::TempFile config = configFile(R"({
      "tasks": ["sort3", {"name": "sort4", "target": 28, "budget": {"iterations": 10, "rounds": 1}}],
      "methods": {"warm": {"kind": "mcmc", "start": "warm"}, "rl": {"kind": "agent", "simulations": 5}},
      "settings": {"a": {}, "b": {"threads": 1}},
      "defaults": {"mcmc": {"beta": 2}},
      "seeds": [1, 2],
      "budget": {"iterations": 1000, "rounds": 10},
      "quick": {"factor": 0.5, "agent": {"games": 1}}
    })");
    const Experiment e = loadExperiment(config.path, true);
    REQUIRE(e.runs.size() == 2 * 2 * 2 * 2);
    const Run& first = e.runs.front();
    CHECK(first.id == first.task + "." + first.method + "." + first.setting + ".s1");
    for (const Run& r : e.runs) {
        CHECK(r.options["seed"] == r.seed);
        CHECK(r.options["seconds"] == 0);
        CHECK(r.target == (r.task == "sort4" ? std::optional<int>(28) : std::nullopt));
        if (r.kind == MethodKind::Mcmc) {
            CHECK(r.options["beta"] == 2);
            CHECK(r.options["iterations"] == (r.task == "sort3" ? 500 : 5)); // --quick: x 0.5
        } else {
            CHECK(r.options["games"] == 1);
            CHECK(r.options["rounds"] == (r.task == "sort3" ? 5 : 1)); // never below 1
        }
    }
}

TEST_CASE("calibration: the search for at most a second, the agent for its whole budget") {
    const testing::TempFile config = configFile(R"({
      "tasks": ["sort3"],
      "methods": {"warm": {"kind": "mcmc", "start": "warm"},
                  "rl": {"kind": "agent", "simulations": 5, "games": 1}},
      "seeds": [1],
      "budget": {"seconds": 5}
    })");
    const Experiment e = loadExperiment(config.path, false);
    REQUIRE(e.runs.size() == 2);
    for (const Run& r : e.runs) {
        REQUIRE(r.calibrateSeconds == 5);
        const json o = calibrationOptions(r.kind, r.options, 0.3);
        CHECK(o[budgetUnit(r.kind)] == 0); // bounded by time alone
        CHECK(o["seconds"] == 0.3);
        if (r.kind == MethodKind::Mcmc) {
            CHECK(calibrationOptions(r.kind, r.options, 5)["seconds"] == kCalibrationSeconds);
            continue;
        }
        // The agent's calibration lasts its budget and counts the rounds it finished.
        std::atomic<bool> stop{false};
        const MethodResult m = runMethod(r.kind, r.taskSpec, o, stop);
        CHECK(m.seconds >= 0.3);
        CHECK(m.units >= 1);
        CHECK(m.result["rounds"] == m.units);
    }
}

TEST_CASE("the prover as a method: its optimum or lower bound beside the search's length") {
    const std::string dir = "/tmp/superopt_experiment_prover_" + std::to_string(::getpid());
    const testing::TempFile config = configFile(R"({
      "tasks": ["sort3", {"name": "sort4", "budget": {"nodes": 300000, "iterations": 20000}}],
      "methods": {"prover": {"kind": "prover", "registers": 4, "table-mb": 16},
                  "warm": {"kind": "mcmc", "start": "warm"}},
      "seeds": [1],
      "budget": {"nodes": 100000000, "iterations": 20000}
    })");
    Experiment e = loadExperiment(config.path, false);
    REQUIRE(e.runs.size() == 4);
    CHECK(e.runs[0].options["nodes"] == 100000000);
    const RunnerReport report = runExperiment(e, {.out = dir}, {});
    CHECK(report.ran == 4);
    // sort3 with one scratch register: 17 found and optimal; sort4: a bound, no program.
    const json sort3 = (*finishedRun(dir, e.runs[0]))["outcome"];
    CHECK(sort3["found"] == true);
    CHECK(sort3["length"] == 17);
    CHECK(sort3["lower_bound"] == 17);
    const json sort4 = (*finishedRun(dir, e.runs[2]))["outcome"];
    CHECK(sort4["found"] == false);
    CHECK(sort4["lower_bound"].get<int>() >= 19); // 18 and less are ruled out at the start
    CHECK(sort4["explored"].get<int64_t>() < 300000 + 65536 * 2);
    CHECK((*finishedRun(dir, e.runs[1]))["outcome"]["lower_bound"].is_null()); // the search's
    const std::string md = summaryMarkdown(summarise(e, dir));
    CHECK_THAT(md, Catch::Contains("proven lower bound"));
    CHECK_THAT(md, Catch::Contains("| sort3 | prover | default | 1/1 | 100% | 17 | 17 |"));
    std::filesystem::remove_all(dir);

    CHECK_THAT(loadError(R"({"tasks": ["varsort3"], "methods": {"p": {"kind": "prover"}},
                             "seeds": [1], "budget": {"nodes": 5}})"),
               Catch::Contains("sortN only"));
    CHECK_THAT(loadError(R"({"tasks": ["sort3"], "methods": {"p": {"kind": "prover", "beta": 1}},
                             "seeds": [1], "budget": {"nodes": 5}})"),
               Catch::Contains("methods.p.beta: unknown option of method kind prover"));
    const ProofConfig c = proofConfigFromJson(toJson(ProofConfig{}));
    CHECK(toJson(c) == toJson(ProofConfig{}));
    CHECK_THROWS_WITH(proofConfigFromJson({{"nodes", "many"}}), "nodes: expected a number");
    CHECK(!proofConfigFromJson({{"symmetry", false}}).symmetry);
    CHECK_THROWS_WITH(proofConfigFromJson({{"symmetry", 0}}), "symmetry: expected true or false");
}

TEST_CASE("bad configurations name the file and the field") {
    // (methods, seeds, budget) of a one-task experiment on sort3, and what the error says.
    const std::pair<std::string, std::string> cases[] = {
        {R"("methods": {"m": {"kind": "ga"}}, "seeds": [1], "budget": {"iterations": 5})",
         "methods.m.kind: unknown method kind 'ga'"},
        {R"("methods": {"m": {"kind": "mcmc", "betta": 2}}, "seeds": [1], "budget": {"iterations": 5})",
         "methods.m.betta: unknown option"},
        {R"("methods": {"m": {"kind": "mcmc", "seconds": 2}}, "seeds": [1], "budget": {"iterations": 5})",
         "methods.m.seconds: set in 'budget'"},
        {R"("methods": {"m": {"kind": "mcmc", "beta": -1}}, "seeds": [1], "budget": {"iterations": 5})",
         "run sort3.m.default.s1: beta must be positive"},
        {R"("methods": {"m": {"kind": "agent"}}, "seeds": [1], "budget": {"iterations": 5})",
         "budget: no 'rounds' for the agent method 'm'"},
        // The agent's options and ranges are superopt agent's (one mapping).
        {R"("methods": {"m": {"kind": "agent", "uniform-mix": 2}}, "seeds": [1], "budget": {"rounds": 1})",
         "run sort3.m.default.s1: field 'uniform-mix': must be in 0..1 (2)"},
        {R"("methods": {"m": {"kind": "agent", "network": false}}, "seeds": [1], "budget": {"rounds": 1})",
         "methods.m.network: unknown option"},
        {R"("methods": {"m": {"kind": "mcmc"}}, "seeds": [1, 1], "budget": {"iterations": 5})",
         "seeds: seeds repeat"},
        {R"("methods": {"m": {"kind": "mcmc"}}, "seeds": [1], "budget": {"iterations": 5}, "colour": 1)",
         ": colour: unknown field"},
    };
    for (const auto& [rest, error] : cases)
        CHECK_THAT(loadError(R"({"tasks": ["sort3"], )" + rest + "}"), Catch::Contains(error));
    CHECK_THAT(
        loadError(
            R"({"tasks": ["sort99"], "methods": {"m": {"kind": "mcmc"}}, "seeds": [1], "budget": {"iterations": 5}})"),
        Catch::Contains("tasks[0]: unknown task"));
    CHECK_THAT(loadError("{"), Catch::Contains("not valid JSON"));
    CHECK_THROWS_WITH(loadExperiment("/nonexistent/x.json", false),
                      "/nonexistent/x.json: cannot open file");
}

TEST_CASE("a target task: files beside the configuration, its own budget, the search only") {
    const std::string dir = "/tmp/superopt_experiment_target_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir + "/data");
    std::ofstream(dir + "/data/f.s") << "\t.globl\tf\nf:\n\tmovl\t%edi, %eax\n\tsubl\t$1, %eax\n"
                                        "\tandl\t%edi, %eax\n\tret\n";
    std::ofstream(dir + "/data/f3.s") << "\t.globl\tf\nf:\n\tleal\t-1(%rdi), %eax\n"
                                         "\tandl\t%edi, %eax\n\tret\n";
    const std::string config = dir + "/e.json";
    auto write = [&](const std::string& text) { std::ofstream(config) << text; };
    write(R"J({
      "tasks": [{"file": "data/f.s", "signature": "i32(i32)", "compiled": "data/f3.s"}, "sort3"],
      "methods": {"warm": {"kind": "mcmc", "budget": {"iterations": 2000}},
                  "cold": {"kind": "mcmc", "start": "cold"}},
      "seeds": [4], "budget": {"iterations": 50}, "measure_latency": true
    })J");
    const Experiment e = loadExperiment(config, false);
    REQUIRE(e.runs.size() == 4);
    const Run& warm = e.runs[1];           // methods in name order: cold, warm
    CHECK(warm.id == "f.warm.default.s4"); // the function's name
    CHECK(warm.taskSpec == json{{"file", dir + "/data/f.s"}, {"signature", "i32(i32)"}});
    CHECK(warm.compiled == dir + "/data/f3.s");
    CHECK(warm.options["iterations"] == 2000); // the method's budget
    CHECK(e.runs[0].options["iterations"] == 50);
    CHECK(e.runs[2].taskSpec == "sort3");

    const RunnerReport report =
        runExperiment(const_cast<Experiment&>(e), {.out = dir + "/out"}, {});
    CHECK(report.ran == 4);
    const json outcome = (*finishedRun(dir + "/out", warm))["outcome"];
    CHECK(outcome["found"] == true);
    CHECK(outcome["reference_length"] == 3);
    CHECK(outcome["compiled_length"] == 2);
    CHECK(outcome["length"].get<int>() <= 3);
    CHECK(outcome["reference_latency_cycles"].get<double>() > 0);
    CHECK(outcome["compiled_latency_cycles"].get<double>() > 0);
    CHECK(outcome["latency_cycles"].get<double>() > 0);
    CHECK(outcome["unverified"] == 0);

    // What a target task may not be.
    write(R"J({"tasks": [{"file": "data/f.s", "signature": "i32(i32)"}],
              "methods": {"p": {"kind": "prover"}}, "seeds": [1], "budget": {"nodes": 1}})J");
    CHECK_THROWS_WITH(loadExperiment(config, false),
                      Catch::Contains("the prover searches the sorting tasks only"));
    write(R"J({"tasks": [{"file": "data/f.s"}], "methods": {"m": {"kind": "mcmc"}}, "seeds": [1],
              "budget": {"iterations": 1}})J");
    CHECK_THROWS_WITH(loadExperiment(config, false),
                      config + ": tasks[0].signature: missing (a target needs one)");
    write(R"J({"tasks": [{"file": "data/none.s", "signature": "i32(i32)"}],
              "methods": {"m": {"kind": "mcmc"}}, "seeds": [1], "budget": {"iterations": 1}})J");
    CHECK_THROWS_WITH(loadExperiment(config, false), Catch::Contains("tasks[0]: "));
    CHECK_THROWS_WITH(loadExperiment(config, false), Catch::Contains("data/none.s: cannot open"));
    write(R"J({"tasks": [{"file": "data/f.s", "signature": "i32(i32)"}, "sort3", "sort3"],
              "methods": {"m": {"kind": "mcmc"}}, "seeds": [1], "budget": {"iterations": 1}})J");
    CHECK_THROWS_WITH(loadExperiment(config, false),
                      config + ": tasks[2]: the task sort3 comes twice");
    std::filesystem::remove_all(dir);
}
