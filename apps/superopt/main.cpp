// superopt: the command-line front end. Each subcommand lives in cmd_<name>.cpp.
#include "cli.hpp"

#include "superopt/program.hpp"

#include <iostream>

namespace cli {

std::optional<po::variables_map> parse(const std::string& usage, po::options_description opts,
                                       const Args& args, const po::positional_options_description& positional) {
    opts.add_options()("help,h", "show this help");
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(opts).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << usage << "\n\n" << opts << "\n";
        return std::nullopt;
    }
    po::notify(vm);
    return vm;
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
    {"throughput", "measure the emulator: programs and test cases per second", throughput},
};

void overview() {
    std::cout << "superopt: discovers short, provably correct x86-64 sorting kernels.\n\n"
                 "usage: superopt COMMAND [options]      (superopt COMMAND --help for its options)\n\n"
                 "commands:\n";
    for (const auto& c : kCommands) std::cout << "  " << c.name << std::string(12 - std::string(c.name).size(), ' ') << c.summary << "\n";
    std::cout << "\ntasks: sort2..sort8 (sort buf[0..N-1]), varsort2..varsort5 (buf[0] = n, sort buf[1..n])\n";
}

} // namespace
} // namespace cli

int main(int argc, char** argv) {
    using namespace cli;
    Args args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        overview();
        return args.empty() ? 2 : 0;
    }
    std::string name = args[0];
    args.erase(args.begin());
    for (const auto& c : kCommands) {
        if (name != c.name) continue;
        try {
            return c.run(args);
        } catch (const po::error& e) {
            std::cerr << "superopt " << name << ": " << e.what() << " (see superopt " << name << " --help)\n";
        } catch (const superopt::ParseError& e) {
            std::cerr << e.what() << "\n";
        } catch (const std::exception& e) {
            std::cerr << "superopt " << name << ": " << e.what() << "\n";
        }
        return 2;
    }
    std::cerr << "superopt: unknown command '" << name << "' (see superopt --help)\n";
    return 2;
}
