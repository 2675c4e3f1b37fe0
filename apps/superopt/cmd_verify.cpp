// superopt verify: run a program or kernel file on its task's complete test set.
#include "cli.hpp"

#include "superopt/core/verify.hpp"

#include <iostream>

namespace cli {

int verify(const Args& args) {
    po::options_description opts("options");
    opts.add_options()("task", po::value<std::string>()->required(),
                       "sort2..sort8, varsort2..varsort5")(
        "file", po::value<std::string>()->required(),
        "the program: plain AT&T lines or an exported .s file")(
        "symbol", po::value<std::string>(),
        "read only this function of the file (default: the file's one .globl)");
    po::positional_options_description pos;
    pos.add("file", 1);
    auto vm =
        parse("usage: superopt verify --task T FILE [--symbol S]\n\n"
              "Exit 0 when the program is correct on every weak ordering of its inputs (which\n"
              "decides correctness for all inputs), 1 with a counterexample otherwise.",
              opts, args, pos);
    if (!vm) return 0;
    auto task = superopt::Task::parse((*vm)["task"].as<std::string>());
    std::string symbol = vm->count("symbol") ? (*vm)["symbol"].as<std::string>() : "";
    auto program = superopt::readProgramFile((*vm)["file"].as<std::string>(), symbol);
    auto verdict = superopt::verify(program, task);
    std::cout << (*vm)["file"].as<std::string>() << ": " << task.name() << ", " << program.length()
              << " instructions, " << verdict.describe(program) << "\n";
    return verdict.correct ? 0 : 1;
}

} // namespace cli
