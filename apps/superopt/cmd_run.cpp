// superopt run: a target function run in the emulator on given arguments, to see how
// the tools read it (the x86 semantics, exact flags and undefined bits included).
#include "cli.hpp"

#include "superopt/core/target.hpp"

#include <iostream>

namespace cli {

int run(const Args& args) {
    po::options_description opts("options");
    opts.add_options()("target", po::value<std::string>()->required(),
                       "the function's assembly file (gcc -S / clang -S output at any -O "
                       "level, or hand-written AT&T)")(
        "function", po::value<std::string>()->default_value(""),
        "the function to read (default: the file's one .globl)")(
        "signature", po::value<std::string>()->required(),
        "System V integer signature: RESULT(ARG,...) over i32 u32 i64 u64, e.g. "
        "'i32(i32)' or 'u64(u64,u64,i32)'")(
        "args", po::value<std::vector<std::string>>()->multitoken()->default_value({}, ""),
        "the arguments (decimal or 0x hex), as positional arguments too");
    po::positional_options_description pos;
    pos.add("args", -1);
    auto vm =
        parse("usage: superopt run --target F.s [--function NAME] --signature SIG [ARG ...]\n\n"
              "Reads a loop-free integer function as the search and the solver will (the frame\n"
              "and stack slots of -O0 code, every register width, forward branches) and runs it\n"
              "in the emulator on the arguments given: the result, or why there is none. Reading\n"
              "checks the function against its signature: a register read before anything wrote\n"
              "it must be an argument, the flags must be set before they are read.\n\n"
              "Supported: the general instruction set (add sub and or xor not neg inc dec, shifts\n"
              "and rotates, imul, lea, test, setcc, cmovcc, mov/movzx/movsx, adc sbb, cltd cqto\n"
              "div idiv, bsf bsr bswap; popcnt lzcnt tzcnt andn blsi blsr blsmsk) on registers\n"
              "and stack slots. Not yet: memory through pointer arguments, calls, loops.\n\n"
              "examples:\n"
              "  gcc -O0 -S -o bits.s bits.c\n"
              "  superopt run --target bits.s --function popc --signature 'i32(i32)' 255\n"
              "  superopt run --target f.s --signature 'u64(u64,u64)' -- 0x10 -3\n\n"
              "exit: 0 with the result; 1 when this call faults (division by zero or overflow);\n"
              "2 on bad input (unreadable file, unsupported instruction, signature mismatch)",
              opts, args, pos);
    if (!vm) return 0;
    const auto target =
        superopt::readTarget((*vm)["target"].as<std::string>(), (*vm)["function"].as<std::string>(),
                             (*vm)["signature"].as<std::string>());
    const auto& sig = target.signature;
    const auto& given = (*vm)["args"].as<std::vector<std::string>>();
    if (given.size() != sig.args.size())
        throw UsageError(sig.text() + " takes " + std::to_string(sig.args.size()) +
                         " argument(s), " + std::to_string(given.size()) + " given");
    std::vector<uint64_t> values;
    for (size_t k = 0; k < given.size(); ++k) {
        try {
            values.push_back(superopt::parseValue(sig.args[k], given[k]));
        } catch (const std::invalid_argument& e) {
            throw UsageError("argument " + std::to_string(k + 1) + ": " + e.what());
        }
    }
    const std::string call =
        superopt::formatCall(target.name.empty() ? "f" : target.name, sig, values);
    const auto out = superopt::run(target.program, superopt::entryState(sig, values));
    if (out.fault) {
        std::cout << call << " faults (division by zero or a quotient out of range)\n";
        return 1;
    }
    const auto result = superopt::resultOf(sig, out);
    if (!result)
        throw UsageError(call + ": the result register is not wholly defined (only a narrower "
                                "part written, x86's undefined flags, or a branch on them)");
    std::cout << call << " = " << superopt::formatValue(sig.result, *result) << "\n";
    return 0;
}

} // namespace cli
