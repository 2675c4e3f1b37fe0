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
              "Decides whether the program is correct for all inputs: it runs it on every weak\n"
              "ordering of its inputs. A program that reads what its caller left (a register\n"
              "before writing it, the flags before a compare) runs on every weak ordering of\n"
              "the inputs and those values together, every place of them among the lengths\n"
              "and immediates they meet, and every state of the flags; it is correct when no\n"
              "such value changes an output. A function file must also save and restore the\n"
              "callee-saved registers it writes (System V). FILE: plain AT&T lines or a .s file\n"
              "as compilers write it (directives, .L and GNU numeric labels `1:`/`1f`, early\n"
              "returns); --symbol picks one function of several.\n\n"
              "examples:\n"
              "  superopt verify --task sort5 sort5.s\n"
              "  superopt verify --task varsort3 kernels.s --symbol my_varsort3\n\n"
              "exit: 0 correct; 1 wrong (with a counterexample: the input, the caller-left values\n"
              "that matter, expected and got), or outside what verify decides (with the reason);\n"
              "2 on bad input (unreadable file, a loop, an instruction outside the set)",
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
