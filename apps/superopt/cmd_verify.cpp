// superopt verify: a sorting kernel on its task's complete test set (or by the SMT solver
// when it is outside what that set decides), or a rewrite of a target function against
// the target, by the solver.
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

double timeoutOf(const po::variables_map& vm) {
    const double timeout = vm["timeout"].as<double>();
    if (!(timeout > 0)) throw UsageError("--timeout must be positive");
    return timeout;
}

int verifyRewrite(const po::variables_map& vm, const std::string& file, const std::string& symbol) {
    const auto target =
        superopt::readTarget(vm["target"].as<std::string>(), vm["function"].as<std::string>(),
                             vm["signature"].as<std::string>());
    const auto rewrite = superopt::readProgramFile(file, symbol, superopt::Dialect::Function);
    if (auto why = superopt::signatureMismatch(rewrite, target.signature))
        throw UsageError(file + ": " + *why);
    const auto e =
        superopt::proveEquivalent(target.program, rewrite, target.signature, timeoutOf(vm));
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

// A sorting kernel: the complete check where it decides (the comparison subset), else the
// solver. The kernel is read as a sorting kernel's text, or failing that with a
// function's instructions (Dialect::Buffer).
int verifyKernel(const po::variables_map& vm, const std::string& file, const std::string& symbol) {
    const auto task = superopt::Task::parse(vm["task"].as<std::string>());
    const double timeout = timeoutOf(vm);
    std::optional<superopt::Program> kernel;
    std::string why; // why the complete check does not decide it
    try {
        kernel = superopt::readProgramFile(file, symbol);
    } catch (const superopt::ParseError& e) {
        why = e.what();
        kernel = superopt::readProgramFile(file, symbol, superopt::Dialect::Buffer);
    }
    std::cout << file << ": " << task.name() << ", " << kernel->length() << " instructions, ";
    superopt::Verdict verdict;
    if (why.empty()) {
        try {
            verdict = superopt::verify(*kernel, task);
            if (!verdict.illegal) {
                std::cout << verdict.describe(*kernel) << "\n";
                return verdict.correct ? 0 : 1;
            }
            why = superopt::describe(*verdict.illegal, *kernel);
        } catch (const std::invalid_argument& e) { // too many caller-left cases to try
            why = e.what();
        }
    }
    catchInterrupt(); // Ctrl-C ends the query: "NOT verified (interrupted)"
    verdict = superopt::proveSorts(*kernel, task, timeout, &interruptFlag());
    std::cout << "decided by the solver (Z3 " << superopt::solverVersion()
              << "; the complete check does not decide it: " << why
              << "): " << verdict.describe(*kernel) << "\n";
    return verdict.correct ? 0 : 1;
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
        "timeout", po::value<double>()->default_value(30),
        "solver time limit (s): with --target, and for sorting kernels the solver decides")(
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
        "A kernel outside what the complete check decides (the comparison subset: mov, cmp,\n"
        "cmovcc, jcc) goes to the SMT solver (Z3) instead: arithmetic and logic (sbb/adc\n"
        "masks, xor swaps, min/max by subtraction), any register width, data compared with\n"
        "immediates, the buffer's pointer copied or indexed (as gcc's sort5 does). Memory\n"
        "through registers is the buffer (its address comes in %rdi), in 32-bit words. The\n"
        "solver proves that for every input and whatever the caller left, the words end in\n"
        "ascending signed order and as a permutation of the input, that nothing touches\n"
        "memory but the words (varsort: those within the length) and that nothing writes the\n"
        "length. --timeout bounds it (sort5 takes about 10 s, sort6 5 minutes, sort7 18\n"
        "minutes), and a timeout is never taken as correct.\n\n"
        "With --target, decides with the SMT solver (Z3) whether FILE computes what the\n"
        "target function computes, for every argument value and whatever the caller left in\n"
        "other registers: the same result wherever the target does not fault, and no fault\n"
        "anywhere else. Bits x86 leaves undefined (flags after imul, bsf of zero, the upper\n"
        "half of a 32-bit argument) may be anything, so a rewrite that reads them differs.\n"
        "A solver timeout is never taken as equal.\n\n"
        "examples:\n"
        "  superopt verify --task sort5 sort5.s\n"
        "  superopt verify --task varsort3 kernels.s --symbol my_varsort3\n"
        "  superopt verify --task sort3 sort3_sbb.s      (a kernel with sbb masks: the solver)\n"
        "  superopt verify --target bits.s --function p01 --signature 'i32(i32)' p01_opt.s\n\n"
        "exit: 0 correct; 1 wrong (with a counterexample: the input, the caller-left values\n"
        "that matter, expected and got; or the callee-saved register it clobbers), or not\n"
        "decided by the solver in time; 2 on bad input (unreadable file, a loop, an\n"
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
    return verifyKernel(*vm, file, symbol);
}

} // namespace cli
