// Random general programs for the property and differential tests of the x86
// semantics: one instruction at a time, over every opcode, width and operand kind,
// with edge values; not always what the Function dialect accepts (the tests read each
// program through it and skip what it refuses). And random machine states.
#pragma once

#include "superopt/core/x86_semantics.hpp"

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace superopt::testing {

using Rng = std::mt19937_64;

template <class T> const T& pick(Rng& rng, const std::vector<T>& v) {
    return v[rng() % v.size()];
}

inline const std::vector<std::string> kRegs64 = {"rax", "rcx", "rdx", "rbx",
                                                 "rsi", "rdi", "r8",  "r12"};

inline std::string reg(Rng& rng, int size) {
    static const std::vector<std::string> r32 = {"eax", "ecx", "edx", "ebx",
                                                 "esi", "edi", "r8d", "r12d"};
    static const std::vector<std::string> r16 = {"ax", "cx", "dx", "bx", "si", "di", "r8w", "r12w"};
    static const std::vector<std::string> r8 = {"al",  "cl",  "dl", "bl", "sil",
                                                "dil", "r8b", "ah", "bh"};
    switch (size) {
    case 1:
        return "%" + pick(rng, r8);
    case 2:
        return "%" + pick(rng, r16);
    case 4:
        return "%" + pick(rng, r32);
    default:
        return "%" + pick(rng, kRegs64);
    }
}

inline int64_t edgeValue(Rng& rng) {
    static const std::vector<int64_t> edges = {
        0,  1,  -1, 2,  0x7f,       0x80,      0xff,       0x7fff, 0x8000,     0xffff,
        31, 32, 63, 64, 0x7fffffff, INT32_MIN, 0x40000000, -2,     0x55555555, 0x33333333};
    return rng() % 3 ? pick(rng, edges) : static_cast<int32_t>(rng());
}

inline std::string slot(Rng& rng, int size) {
    return std::to_string(-8 * int(1 + rng() % 15) + int(rng() % 2) * (8 - size)) + "(%rsp)";
}

inline std::string regOrSlot(Rng& rng, int size) {
    return rng() % 4 ? reg(rng, size) : slot(rng, size);
}

inline char suffix(int size) {
    return size == 1 ? 'b' : size == 2 ? 'w' : size == 4 ? 'l' : 'q';
}

// One random instruction of the general set (not always one the dialect accepts).
inline std::string randomInstruction(Rng& rng, bool extensions) {
    static const std::vector<int> sizes = {1, 2, 4, 4, 8, 8};
    const int size = pick(rng, sizes), wide = size < 2 ? 4 : size;
    const std::string s(1, suffix(size)), w(1, suffix(wide));
    static const std::vector<std::string> binary = {"add", "sub", "and", "or",   "xor",
                                                    "adc", "sbb", "cmp", "test", "mov"};
    static const std::vector<std::string> unary = {"not", "neg", "inc", "dec"};
    static const std::vector<std::string> shifts = {"shl", "shr", "sar", "rol", "ror", "sal"};
    static const std::vector<std::string> conds = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                                   "s", "ns", "p", "np", "l", "ge", "le", "g"};
    static const std::vector<std::string> convert = {"movzbl", "movzwl", "movsbl", "movswl",
                                                     "movslq", "movzbq", "movsbq", "movzwq",
                                                     "movswq", "movsbw", "movzbw"};
    static const std::vector<std::string> bits = {"bsf", "bsr", "popcnt", "lzcnt", "tzcnt"};
    static const std::vector<std::string> bmi = {"andn", "blsi", "blsr", "blsmsk"};
    const std::string imm = "$" + std::to_string(edgeValue(rng));
    switch (rng() % 14) {
    case 0:
    case 1:
    case 2: { // two operands, at most one in memory
        const std::string src = rng() % 3 == 0 ? imm : regOrSlot(rng, size);
        const std::string dst =
            src.find('(') != std::string::npos ? reg(rng, size) : regOrSlot(rng, size);
        return pick(rng, binary) + s + " " + src + ", " + dst;
    }
    case 3:
        return pick(rng, unary) + s + " " + regOrSlot(rng, size);
    case 4: {
        const std::string count = rng() % 3 == 0 ? "%cl" : "$" + std::to_string(rng() % 70);
        return pick(rng, shifts) + s + " " + (rng() % 5 ? count + ", " : "") + regOrSlot(rng, size);
    }
    case 5:
        return rng() % 2
                   ? "imul" + w + " " + regOrSlot(rng, wide) + ", " + reg(rng, wide)
                   : "imul" + w + " " + imm + ", " + regOrSlot(rng, wide) + ", " + reg(rng, wide);
    case 6:
        return "lea" + w + " " + std::to_string(edgeValue(rng) % 1000) + "(%" + pick(rng, kRegs64) +
               ",%" + pick(rng, kRegs64) + "," + std::to_string(1 << (rng() % 4)) + "), " +
               reg(rng, wide);
    case 7: {
        const std::string m = pick(rng, convert);
        const int from = m[4] == 'b'   ? 1
                         : m[4] == 'w' ? 2
                                       : 4,
                  to = m[5] == 'w'   ? 2
                       : m[5] == 'l' ? 4
                                     : 8;
        return m + " " + regOrSlot(rng, from) + ", " + reg(rng, to);
    }
    case 8:
        return pick(rng, std::vector<std::string>{"cltq", "cwtl", "cltd", "cqto"});
    case 9: // a division with its dividend's top half set up, so that it mostly runs
        return rng() % 2 ? "xorl %edx, %edx; div" + w + " " + regOrSlot(rng, wide)
                         : (wide == 8 ? "cqto; idivq " : "cltd; idivl ") + regOrSlot(rng, wide);
    case 10: {
        const std::string m = extensions || rng() % 5 < 2 ? pick(rng, bits) : "bswap";
        if (m == "bswap") return "bswap " + reg(rng, wide == 2 ? 4 : wide);
        if (!extensions && (m == "popcnt" || m == "lzcnt" || m == "tzcnt"))
            return "bsf" + w + " " + regOrSlot(rng, wide) + ", " + reg(rng, wide);
        return m + w + " " + regOrSlot(rng, wide) + ", " + reg(rng, wide);
    }
    case 11: {
        const int z = wide == 2 ? 4 : wide;
        if (!extensions)
            return "cmov" + pick(rng, conds) + " " + regOrSlot(rng, z) + ", " + reg(rng, z);
        const std::string m = pick(rng, bmi);
        if (m == "andn")
            return "andn " + regOrSlot(rng, z) + ", " + reg(rng, z) + ", " + reg(rng, z);
        return m + " " + regOrSlot(rng, z) + ", " + reg(rng, z);
    }
    case 12:
        return "cmov" + pick(rng, conds) + " " + regOrSlot(rng, wide) + ", " + reg(rng, wide);
    default:
        return rng() % 2 ? "set" + pick(rng, conds) + " " + regOrSlot(rng, 1)
                         : "j" + pick(rng, conds) + " 1f";
    }
}

inline CpuState randomState(Rng& rng) {
    CpuState s;
    for (auto& r : s.regs) r = rng() % 2 ? rng() : static_cast<uint64_t>(edgeValue(rng));
    s.defined.fill(~uint64_t{0});
    s.flags = static_cast<uint32_t>(rng()) & kArithmeticFlags;
    s.definedFlags = kArithmeticFlags;
    for (auto& b : s.stack) b = static_cast<uint8_t>(rng());
    s.stackDefined.fill(1);
    return s;
}

// A random program of 1..6 instructions (forward jumps land on a final label), or
// nothing when the Function dialect refuses it.
inline std::optional<Program> randomProgram(Rng& rng, bool extensions, std::string& text) {
    text.clear();
    const int length = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < length; ++i) text += randomInstruction(rng, extensions) + "\n";
    if (text.find("1f") != std::string::npos) text += "1:\n";
    try {
        return parseProgram(text, "random.s", "", Dialect::Function);
    } catch (const ParseError&) {
        return std::nullopt; // e.g. %ah beside a REX register, an immediate out of range
    }
}

} // namespace superopt::testing
