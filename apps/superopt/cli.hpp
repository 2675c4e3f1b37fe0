// Shared pieces of the command-line app: the command table, option parsing with
// --help, and the error type that becomes a one-line message and exit code 2.
#pragma once

#include <boost/program_options.hpp>

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

// Parses `args` against `opts` (plus --help); positional arguments go to the
// options named in `positional`. Returns nothing when --help was printed.
std::optional<po::variables_map> parse(const std::string& usage, po::options_description opts,
                                       const Args& args, const po::positional_options_description& positional = {});

int network(const Args& args);
int verify(const Args& args);
int throughput(const Args& args);

} // namespace cli
