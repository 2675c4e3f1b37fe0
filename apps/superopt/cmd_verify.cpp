// superopt verify: a sorting kernel on its task's complete test set, or a rewrite of a
// target function against the target, by the SMT solver.
#include "cli.hpp"

#include "superopt/core/equivalence.hpp"
#include "superopt/core/target.hpp"
#include "superopt/core/verify.hpp"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace cli {

namespace {

// What a function gives on a call, in words: "= 7", "faults", "leaves its result undefined".
std::string outcome(const superopt::Program& p, const superopt::Signature& sig,
                    const std::vector<uint64_t>& args) {
    const auto state = superopt::run(p, superopt::entryState(sig, args));
    if (state.fault) return "faults";
    const auto result = superopt::resultOf(sig, state);
    return result ? "gives " + superopt::formatValue(sig.result, *result)
                  : "leaves its result undefined (it reads bits x86 or the caller leave undefined)";
}

int verifyRewrite(const po::variables_map& vm, const std::string& file, const std::string& symbol) {
    const auto target =
        superopt::readTarget(vm["target"].as<std::string>(), vm["function"].as<std::string>(),
                             vm["signature"].as<std::string>());
    const auto rewrite = superopt::readProgramFile(file, symbol, superopt::Dialect::Function);
    if (auto why = superopt::signatureMismatch(rewrite, target.signature))
        throw UsageError(file + ": " + *why);
    const double timeout = vm["timeout"].as<double>();
    if (!(timeout > 0)) throw UsageError("--timeout must be positive");
    const auto e = superopt::proveEquivalent(target.program, rewrite, target.signature, timeout);
    std::ostringstream seconds;
    seconds << std::fixed << std::setprecision(2) << e.seconds;
    const std::string name = target.name.empty() ? "the target" : target.name;
    std::cout << file << ": " << rewrite.length() << " instructions against " << name << "'s "
              << target.program.length() << ", ";
    switch (e.verdict) {
    case superopt::Equivalence::Verdict::Equal:
        std::cout << "equal for every input (proved by Z3 " << superopt::solverVersion() << " in "
                  << seconds.str() << " s)\n";
        return 0;
    case superopt::Equivalence::Verdict::Differs:
        std::cout << "differs: " << superopt::formatCall(name, target.signature, e.counterexample)
                  << " " << outcome(target.program, target.signature, e.counterexample)
                  << ", the rewrite " << outcome(rewrite, target.signature, e.counterexample)
                  << "\n";
        return 1;
    case superopt::Equivalence::Verdict::Unknown:
        break;
    }
    std::cout << "NOT verified: the solver gave up after " << seconds.str() << " s (" << e.reason
              << "); try a larger --timeout\n";
    return 1;
}

} // namespace

int verify(const Args& args) {
    po::options_description opts("options");
    opts.add_options()("task", po::value<std::string>(),
                       "sort2..sort8, varsort2..varsort5: verify a sorting kernel")(
        "target", po::value<std::string>(),
        "or a function's assembly file (gcc/clang -S output, any -O level): verify a "
        "rewrite of it with the SMT solver")("function",
                                             po::value<std::string>()->default_value(""),
                                             "with --target: the function (default: the "
                                             "file's one .globl)")(
        "signature", po::value<std::string>(),
        "with --target: System V integer signature, e.g. 'i32(i32)', 'u64(u64,u64,i32)'")(
        "timeout", po::value<double>()->default_value(30), "with --target: solver time limit (s)")(
        "file", po::value<std::string>()->required(), "the program: plain AT&T lines or a .s file")(
        "symbol", po::value<std::string>(),
        "read only this function of the file (default: the file's one .globl)");
    po::positional_options_description pos;
    pos.add("file", 1);
    auto vm = parse(
        "usage: superopt verify --task T FILE [--symbol S]\n"
        "       superopt verify --target F.s [--function NAME] --signature SIG FILE [--symbol "
        "S]\n\n"
        "With --task, decides whether a sorting kernel is correct for all inputs: it runs it\n"
        "on every weak ordering of its inputs. A program that reads what its caller left (a\n"
        "register before writing it, the flags before a compare) runs on every weak\n"
        "ordering of the inputs and those values together, every place of them among the\n"
        "lengths and immediates they meet, and every state of the flags; it is correct when\n"
        "no such value changes an output. A function file must also save and restore the\n"
        "callee-saved registers it writes (System V). FILE: plain AT&T lines or a .s file as\n"
        "compilers write it (directives, .L and GNU numeric labels `1:`/`1f`, early returns);\n"
        "--symbol picks one function of several.\n\n"
        "With --target, decides with the SMT solver (Z3) whether FILE computes what the\n"
        "target function computes, for every argument value and whatever the caller left in\n"
        "other registers: the same result wherever the target does not fault, and no fault\n"
        "anywhere else. Bits x86 leaves undefined (flags after imul, bsf of zero, the upper\n"
        "half of a 32-bit argument) may be anything, so a rewrite that reads them differs.\n"
        "A solver timeout is never taken as equal.\n\n"
        "examples:\n"
        "  superopt verify --task sort5 sort5.s\n"
        "  superopt verify --task varsort3 kernels.s --symbol my_varsort3\n"
        "  superopt verify --target bits.s --function p01 --signature 'i32(i32)' p01_opt.s\n\n"
        "exit: 0 correct; 1 wrong (with a counterexample: the input, the caller-left values\n"
        "that matter, expected and got), outside what verify decides (with the reason), or\n"
        "not decided by the solver in time; 2 on bad input (unreadable file, a loop, an\n"
        "instruction outside the set, a signature the program does not fit)",
        opts, args, pos);
    if (!vm) return 0;
    std::string symbol = vm->count("symbol") ? (*vm)["symbol"].as<std::string>() : "";
    const std::string file = (*vm)["file"].as<std::string>();
    if (vm->count("task") && vm->count("target"))
        throw UsageError("--task and --target exclude each other");
    if (vm->count("target")) {
        if (!vm->count("signature")) throw UsageError("--target needs --signature");
        return verifyRewrite(*vm, file, symbol);
    }
    if (!vm->count("task")) throw UsageError("give --task (a sorting kernel) or --target");
    auto task = superopt::Task::parse((*vm)["task"].as<std::string>());
    auto program = superopt::readProgramFile(file, symbol);
    auto verdict = superopt::verify(program, task);
    std::cout << file << ": " << task.name() << ", " << program.length() << " instructions, "
              << verdict.describe(program) << "\n";
    return verdict.correct ? 0 : 1;
}

} // namespace cli
