// superopt network: write the human-benchmark kernel of a task.
#include "cli.hpp"

#include "superopt/core/export.hpp"
#include "superopt/core/files.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"

#include <iostream>

namespace cli {

int network(const Args& args) {
    po::options_description opts("options");
    opts.add_options()("n", po::value<int>(),
                       "sortN: the compiled size-optimal network on N inputs (2..8)")(
        "varsort", po::value<int>(),
        "varsortN: read the length, branch to the network of that length (2..5)")(
        "asm", po::value<std::string>()->required(), "write the GNU-as kernel here")(
        "symbol", po::value<std::string>(), "the function's name (default: the task name)");
    auto vm =
        parse("usage: superopt network (--n N | --varsort N) --asm FILE [--symbol S]\n\n"
              "Writes the human benchmark (a compiled size-optimal sorting network) as\n"
              "void SYMBOL(int32_t* buf), after checking it on the complete test set. Example:\n"
              "  superopt network --n 5 --asm sort5.s",
              opts, args);
    if (!vm) return 0;
    if (vm->count("n") == vm->count("varsort"))
        throw UsageError("give exactly one of --n and --varsort");
    std::string taskName = vm->count("n") ? "sort" + std::to_string((*vm)["n"].as<int>())
                                          : "varsort" + std::to_string((*vm)["varsort"].as<int>());
    auto task = superopt::Task::parse(taskName);
    auto program = superopt::humanBenchmark(task);
    auto verdict = superopt::verify(program, task);
    if (!verdict.correct)
        throw std::logic_error("the compiled network failed: " + verdict.describe(program));
    std::string symbol = vm->count("symbol") ? (*vm)["symbol"].as<std::string>() : taskName;
    std::string path = (*vm)["asm"].as<std::string>();
    superopt::writeFileAtomic(
        path, superopt::exportKernel(program, symbol,
                                     "superopt human benchmark for " + taskName + ": " +
                                         std::to_string(program.length()) + " instructions"));
    std::cout << path << ": " << taskName << ", " << program.length() << " instructions, "
              << verdict.describe(program) << "\n";
    return 0;
}

} // namespace cli
