// Shared pieces of the command-line app: the command table, option parsing with
// --help, and the error type that becomes a one-line message and exit code 2.
#pragma once

#include <boost/program_options.hpp>

#include <atomic>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

namespace po = boost::program_options;

// Bad input from the user: printed as one line, exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using Args = std::vector<std::string>;

// A configuration mapping's error ("field 'beta': must be positive") as the command
// line's ("--beta: must be positive").
UsageError optionError(const std::invalid_argument& e);

// Parses `args` against `opts` (plus --help); positional arguments go to the
// options named in `positional`. Returns nothing when --help was printed.
std::optional<po::variables_map> parse(const std::string& usage, po::options_description opts,
                                       const Args& args,
                                       const po::positional_options_description& positional = {});

// Stores the options of a JSON config file ({"option": value, ...}) into `vm`;
// options already given on the command line keep their values.
void storeConfigFile(const std::string& path, const po::options_description& opts,
                     po::variables_map& vm);

// Checks that the output files named by `options` (those given) can be written, so a
// bad path fails before a long run rather than after it.
void checkOutputs(const po::variables_map& vm, std::initializer_list<const char*> options);

// Ctrl-C (or SIGUSR1, which mpirun passes on to its ranks): the first one asks long
// commands to stop and keep their best result.
const std::atomic<bool>& interruptFlag();
void catchInterrupt();
// True when stderr is a terminal (progress lines go there).
bool interactive();

int network(const Args& args);
int search(const Args& args);
int verify(const Args& args);
int throughput(const Args& args);
int agent(const Args& args);
int bench(const Args& args);
int benchSort(const Args& args);
int prove(const Args& args);
int run(const Args& args);
int experiment(const Args& args);

} // namespace cli
