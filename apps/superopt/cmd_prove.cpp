// superopt prove: the exhaustive prover (search/prover.hpp) on the command line: a
// verified program of at most L instructions, or a proof that none exists.
#include "cli.hpp"
#include "cluster.hpp"

#include "superopt/core/files.hpp"
#include "superopt/search/prover_json.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace cli {

namespace {

superopt::ProofCheckpoint readCheckpoint(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UsageError("--resume " + path + ": cannot open file");
    try {
        return superopt::checkpointFromJson(nlohmann::json::parse(in));
    } catch (const std::exception& e) {
        throw UsageError("--resume " + path + ": not a prover checkpoint (" + e.what() + ")");
    }
}

// The transposition table beside a checkpoint: one per rank (each rank has its own).
std::string tableFile(const std::string& checkpoint) {
    return checkpoint + ".table" + (rank() > 0 ? "." + std::to_string(rank()) : "");
}

} // namespace

int prove(const Args& args) {
    po::options_description opts("options");
    // clang-format off
    opts.add_options()
        ("task", po::value<std::string>()->default_value("sort3"), "sort2..sort8")
        ("length", po::value<int>()->required(), "the most instructions a program may have")
        ("registers", po::value<int>()->default_value(0),
         "registers programs may use (0: the task's default, N+3, the search's own)")
        ("seconds", po::value<double>()->default_value(0.0), "time budget (0: none)")
        ("nodes", po::value<int64_t>()->default_value(0),
         "node budget (0: none); with --threads 1 a run stops at the same node every time")
        ("threads", po::value<int>()->default_value(0),
         "worker threads (0: every core); the program and the proof do not depend on it")
        ("intermediate-slack", po::value<int>()->default_value(1),
         "the intermediate-values rule where the bound leaves at most this many instructions "
         "spare (-1: off, to measure it)")
        ("no-symmetry", po::bool_switch(),
         "key the table by each state alone, not by the least of its input-position and "
         "mirror-image partners (to measure those rules)")
        ("table-mb", po::value<int64_t>()->default_value(256),
         "memory of the transposition table, in MB")
        ("json", po::value<std::string>(), "write the result file here (in every outcome)")
        ("checkpoint", po::value<std::string>(),
         "when stopped, write where to resume here (and the table to FILE.table)")
        ("checkpoint-every", po::value<double>()->default_value(1800),
         "with --checkpoint, also write both every this many seconds and go on, so that a "
         "killed run loses at most this much (0: only when stopped)")
        ("resume", po::value<std::string>(), "resume where the checkpoint file says")
        ("quiet", po::bool_switch(), "no progress line");
    // clang-format on
    auto vm = parse(
        "usage: superopt prove --task sortN --length L [--registers R] [--json F]\n\n"
        "Searches every straight-line sortN program of at most L instructions that profile\n"
        "alphadev allows with R registers (iterative deepening, with the pruning rules the\n"
        "result file lists, each argued sound in search/prover.cpp), and either prints the\n"
        "first program that sorts, verified on every weak ordering, or proves that none\n"
        "exists. The program is the same on every run. Ctrl-C or --seconds stop it with\n"
        "what was proved so far (no program of K or fewer instructions); with --checkpoint\n"
        "it writes where it stopped, and --resume goes on from there, so a long proof is a\n"
        "chain of runs.\n\n"
        "examples:\n"
        "  superopt prove --task sort3 --length 16 --registers 4    # none: exit 1\n"
        "  superopt prove --task sort3 --length 17 --registers 4    # a 17-instruction sort3\n"
        "  superopt prove --task sort4 --length 27 --seconds 3600 --checkpoint s4.json\n"
        "  superopt prove --task sort4 --length 27 --seconds 3600 --resume s4.json --checkpoint "
        "s4.json\n\n"
        "exit: 0 a program found (printed); 1 proved that none exists; 3 stopped before an\n"
        "answer; 2 on bad input. Not yet: varsort, profile x86.\n\n"
        "On MPI ranks (mpirun -np K superopt prove ...), the ranks split each length's tree;\n"
        "rank 0 shows its own progress and writes the result, the checkpoint and its table\n"
        "(rank r > 0 writes its table to FILE.table.r).",
        opts, args);
    if (!vm) return 0;
    superopt::ProofConfig config;
    config.task = (*vm)["task"].as<std::string>();
    config.length = (*vm)["length"].as<int>();
    config.registers = (*vm)["registers"].as<int>();
    config.seconds = (*vm)["seconds"].as<double>();
    config.nodes = (*vm)["nodes"].as<int64_t>();
    config.threads = threadsOnRank((*vm)["threads"].as<int>());
    config.tableMegabytes = (*vm)["table-mb"].as<int64_t>();
    config.intermediateSlack = (*vm)["intermediate-slack"].as<int>();
    config.symmetry = !(*vm)["no-symmetry"].as<bool>();
    if (vm->count("resume")) {
        config.resume = readCheckpoint((*vm)["resume"].as<std::string>());
        config.tableIn = tableFile((*vm)["resume"].as<std::string>());
    }
    if (vm->count("checkpoint")) {
        if (rank() == 0)
            config.saveCheckpoint =
                [path = (*vm)["checkpoint"].as<std::string>()](const superopt::ProofCheckpoint& c) {
                    superopt::writeFileAtomic(path, superopt::toJson(c).dump(2) + "\n");
                };
        config.tableOut = tableFile((*vm)["checkpoint"].as<std::string>());
        config.checkpointSeconds = (*vm)["checkpoint-every"].as<double>();
    }
    try {
        superopt::checkProofConfig(config);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    checkOutputs(*vm, {"json", "checkpoint"});
    agree();
    const auto onRanks = proofRanks();
    catchInterrupt();
    const bool show = interactive() && !(*vm)["quiet"].as<bool>() && rank() == 0;
    auto progress = [&](const superopt::ProofProgress& p) {
        if (!show) return;
        const double rate = double(p.runNodes) / p.seconds;
        std::string left = "?";
        if (p.expectedNodes > p.depthNodes && rate > 0)
            left =
                "~" + std::to_string(std::llround((p.expectedNodes - p.depthNodes) / rate)) + " s";
        std::fprintf(stderr,
                     "\rlength %d on %s: subtree %d/%d, %lld nodes, %.1f M nodes/s, %.0f s; this "
                     "length %s left (at the growth so far)   ",
                     p.depth, p.lanes.c_str(), p.subtreesDone, p.subtrees,
                     static_cast<long long>(p.nodes), rate / 1e6, p.seconds, left.c_str());
    };
    superopt::ProofResult result;
    try {
        result = superopt::prove(config, interruptFlag(), progress, onRanks.get());
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (show) std::fprintf(stderr, "\n");
    const int exit = result.outcome == superopt::ProofResult::Outcome::Found  ? 0
                     : result.outcome == superopt::ProofResult::Outcome::None ? 1
                                                                              : 3;
    if (rank() != 0) return exit; // every rank holds the same result; rank 0 reports it
    if (vm->count("json"))
        superopt::writeFileAtomic((*vm)["json"].as<std::string>(),
                                  superopt::toJson(result, config.resume.has_value()).dump(2) +
                                      "\n");
    std::cout << result.statement << " (" << result.seconds << " s)\n";
    if (result.program) std::cout << superopt::toText(*result.program);
    return exit;
}

} // namespace cli
