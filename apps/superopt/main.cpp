// superopt: the command-line front end. Each subcommand lives in cmd_<name>.cpp.
#include "cli.hpp"
#include "cluster.hpp"

#include "superopt/core/files.hpp"
#include "superopt/core/program.hpp"
#include "superopt/core/vector_isa.hpp"

#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <unistd.h>

namespace cli {

std::optional<po::variables_map> parse(const std::string& usage, po::options_description opts,
                                       const Args& args,
                                       const po::positional_options_description& positional) {
    opts.add_options()("help,h", "show this help");
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(opts).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << usage << "\n\n" << opts << "\n";
        return std::nullopt;
    }
    if (vm.count("config")) storeConfigFile(vm["config"].as<std::string>(), opts, vm);
    po::notify(vm);
    return vm;
}

void storeConfigFile(const std::string& path, const po::options_description& opts,
                     po::variables_map& vm) {
    std::ifstream in(path);
    if (!in) throw UsageError(path + ": cannot open file");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw UsageError(path + ": not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object())
        throw UsageError(path + ": expected a JSON object of option names and values");
    Args args;
    for (auto& [key, value] : j.items()) {
        if (key == "config" || !opts.find_nothrow(key, false))
            throw UsageError(path + ": unknown option '" + key + "'");
        if (value.is_boolean()) {
            if (value.get<bool>()) args.push_back("--" + key);
        } else if (value.is_string() && value.get<std::string>().empty()) { // "--key=" is refused
            args.insert(args.end(), {"--" + key, ""});
        } else if (value.is_string()) {
            args.push_back("--" + key + "=" + value.get<std::string>());
        } else if (value.is_number()) {
            args.push_back("--" + key + "=" + value.dump());
        } else {
            throw UsageError(path + ": option '" + key + "' must be a string, number or boolean");
        }
    }
    try {
        // Values given on the command line were stored first and win.
        po::store(po::command_line_parser(args).options(opts).run(), vm);
    } catch (const po::error& e) {
        throw UsageError(path + ": " + e.what());
    }
}

namespace {
std::atomic<bool> interrupted = false;
extern "C" void onInterrupt(int) {
    interrupted = true;
    std::signal(SIGINT, SIG_DFL); // a second Ctrl-C ends the process at once
}
} // namespace

UsageError optionError(const std::invalid_argument& e) {
    const std::string what = e.what();
    const std::string prefix = "field '";
    const size_t end = what.find("': ");
    if (what.rfind(prefix, 0) != 0 || end == std::string::npos) return UsageError(what);
    return UsageError("--" + what.substr(prefix.size(), end - prefix.size()) + ": " +
                      what.substr(end + 3));
}

void checkOutputs(const po::variables_map& vm, std::initializer_list<const char*> options) {
    for (const char* option : options)
        if (vm.count(option)) superopt::checkWritable(vm[option].as<std::string>());
}

const std::atomic<bool>& interruptFlag() {
    return interrupted;
}
// SIGUSR1 too: mpirun passes it on to every rank (Ctrl-C makes it kill them).
void catchInterrupt() {
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGUSR1, onInterrupt);
}
bool interactive() {
    return isatty(STDERR_FILENO);
}

namespace {

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Args&);
};

const Command kCommands[] = {
    {"network", "write the human-benchmark kernel (a compiled sorting network)", network},
    {"verify", "check a program or kernel file on the complete test set", verify},
    {"search", "search for a shorter or faster kernel (stochastic search, MCMC)", search},
    {"throughput", "measure the emulator: programs and test cases per second", throughput},
    {"agent", "the RL baseline: self-play MCTS guided by a trained network", agent},
    {"bench", "measure kernels' latency natively (JIT), against the baselines", bench},
    {"bench-sort", "measure superopt::kernels' sorts against libstdc++'s and libc++'s std::sort",
     benchSort},
    {"run", "run a target function in the emulator on given arguments", run},
    {"prove", "find a program of at most L instructions, or prove that none exists", prove},
    {"experiment", "run an experiment configuration: runs, summary, resumable", experiment},
};

void overview() {
    std::cout
        << "superopt: discovers short, provably correct x86-64 sorting kernels; reads, runs and\n"
           "verifies your own loop-free integer functions (run, verify --target).\n\n"
           "usage: superopt COMMAND [options]      (superopt COMMAND --help for its options)\n\n"
           "commands:\n";
    for (const auto& c : kCommands)
        std::cout << "  " << c.name << std::string(12 - std::string(c.name).size(), ' ')
                  << c.summary << "\n";
    std::cout << "\ntasks: sort2..sort8 (sort buf[0..N-1]), varsort2..varsort5 (buf[0] = n, sort "
                 "buf[1..n])\n";
}

} // namespace
} // namespace cli

int main(int argc, char** argv) {
    using namespace cli;
    // Blocks of 1 MiB and more come from mmap and go back to the system when freed. By
    // default glibc raises that threshold after each large free, and then the agent's
    // search trees (tens of MB, one per game) fragment the heap: resident memory crept
    // from 38 to 59 MB over 5 minutes with 500 replay positions, 146 MB after 30 minutes
    // with 20,000, at a live heap of 36 MB and 80 MB.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    Args args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        overview();
        return args.empty() ? 2 : 0;
    }
    std::string name = args[0];
    args.erase(args.begin());
    for (const auto& c : kCommands) {
        if (name != c.name) continue;
        // Under mpirun, search, experiment and prove run on every rank (cluster.hpp).
        if (name == "search" || name == "experiment" || name == "prove") joinRanks();
        try {
            superopt::activeVectorIsa(); // a bad SUPEROPT_ISA stops every command here
            return c.run(args);
        } catch (const Reported&) {
            return 2;
        } catch (const po::error& e) {
            return reportError("superopt " + name + ": " + e.what() + " (see superopt " + name +
                               " --help)");
        } catch (const superopt::ParseError& e) {
            return reportError(e.what());
        } catch (const std::exception& e) {
            return reportError("superopt " + name + ": " + e.what());
        }
    }
    std::cerr << "superopt: unknown command '" << name << "' (see superopt --help)\n";
    return 2;
}
