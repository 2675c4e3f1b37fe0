// Targets: signatures, entry states, results, and reading a function with its checks.
#include "superopt/core/target.hpp"

#include <stdexcept>

namespace superopt {

namespace {

const char* const kTypeNames[] = {"i32", "u32", "i64", "u64"};

IntType parseType(std::string_view t, const std::string& text) {
    for (int i = 0; i < 4; ++i)
        if (t == kTypeNames[i]) return static_cast<IntType>(i);
    throw std::invalid_argument("signature '" + text + "': unknown type '" + std::string(t) +
                                "' (known: i32, u32, i64, u64)");
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// Whether nothing wrote any bit of the operand: reading it reads only what the caller
// left. (Reading a partly written one, `sete %dl` then `andl %edx, %eax`, may be fine:
// whether the result depends on the rest is the semantics' to say, bit by bit.)
bool neverWritten(const CpuState& s, const Operand& o) {
    if (o.kind == kReg) return s.definedBits(o) == 0;
    for (int b = 0; b < o.size; ++b)
        if (s.stackDefined[o.value + kRedZone + b]) return false;
    return true;
}

// Runs one instruction for the entry check, where only what is written counts, not
// the values: a bsf of zero or a faulting division still writes its registers.
void executeForDefinedness(const Instruction& in, CpuState& s) {
    execute(in, s);
    if (in.op == Op::Bsf || in.op == Op::Bsr) {
        uint64_t& defined = s.defined[in.dst.value];
        defined = in.dst.size == 4 ? ~uint64_t{0} : defined | maskOf(in.dst.size);
    }
    if (s.fault) {
        s.fault = false;
        s.defined[0] = s.defined[2] = ~uint64_t{0};
    }
}

} // namespace

std::string Signature::text() const {
    std::string s = kTypeNames[static_cast<int>(result)];
    s += '(';
    for (size_t i = 0; i < args.size(); ++i) {
        if (i) s += ',';
        s += kTypeNames[static_cast<int>(args[i])];
    }
    s += ')';
    return s;
}

Signature parseSignature(const std::string& text) {
    const size_t open = text.find('('), close = text.rfind(')');
    if (open == std::string::npos || close != text.size() - 1 || close < open)
        throw std::invalid_argument("signature '" + text +
                                    "': expected RESULT(ARG,...), e.g. 'i32(i32)' or "
                                    "'u64(u64,u64,i32)'");
    Signature sig;
    sig.result = parseType(trimmed(std::string_view(text).substr(0, open)), text);
    std::string_view inside = std::string_view(text).substr(open + 1, close - open - 1);
    if (!trimmed(inside).empty())
        while (true) {
            const size_t comma = inside.find(',');
            sig.args.push_back(parseType(trimmed(inside.substr(0, comma)), text));
            if (comma == std::string_view::npos) break;
            inside.remove_prefix(comma + 1);
        }
    if (sig.args.size() > 6)
        throw std::invalid_argument("signature '" + text +
                                    "': at most six arguments (those passed in registers)");
    return sig;
}

int argumentRegister(int k) {
    static constexpr int kArgs[] = {kRdi, 3, 2, 1, 4, 5};
    return kArgs[k];
}

CpuState entryState(const Signature& sig, std::span<const uint64_t> args) {
    CpuState s;
    for (size_t k = 0; k < sig.args.size() && k < args.size(); ++k) {
        const int r = argumentRegister(static_cast<int>(k));
        s.regs[r] = args[k];
        s.defined[r] = isWide(sig.args[k]) ? ~uint64_t{0} : 0xffffffffu;
    }
    return s;
}

std::optional<uint64_t> resultOf(const Signature& sig, const CpuState& s) {
    const Operand rax = resultRegister(sig);
    if (s.fault || !s.isDefined(rax)) return std::nullopt;
    return s.get(rax);
}

std::string formatValue(IntType type, uint64_t v) {
    switch (type) {
    case IntType::I32:
        return std::to_string(static_cast<int32_t>(v));
    case IntType::U32:
        return std::to_string(static_cast<uint32_t>(v));
    case IntType::I64:
        return std::to_string(static_cast<int64_t>(v));
    case IntType::U64:
        break;
    }
    return std::to_string(v);
}

uint64_t parseValue(IntType type, const std::string& text) {
    const auto n = parseInteger(text);
    if (!n) throw std::invalid_argument("'" + text + "' is not an integer");
    const auto [negative, magnitude] = *n;
    const bool isSigned = type == IntType::I32 || type == IntType::I64;
    const uint64_t max =
        isWide(type) ? (isSigned ? INT64_MAX : UINT64_MAX) : (isSigned ? INT32_MAX : UINT32_MAX);
    const uint64_t minMagnitude = !isSigned ? 0 : isWide(type) ? uint64_t{1} << 63 : 1u << 31;
    if ((negative && magnitude > minMagnitude) || (!negative && magnitude > max))
        throw std::invalid_argument("'" + text + "' is out of range for " +
                                    kTypeNames[static_cast<int>(type)]);
    const uint64_t v = negative ? 0 - magnitude : magnitude;
    return isWide(type) ? v : v & 0xffffffffu;
}

std::string formatCall(const std::string& name, const Signature& sig,
                       const std::vector<uint64_t>& args) {
    std::string s = name;
    s += '(';
    for (size_t k = 0; k < args.size(); ++k) {
        if (k) s += ", ";
        s += formatValue(sig.args[k], args[k]);
    }
    s += ')';
    return s;
}

std::vector<Operand> operandsRead(const Instruction& in) {
    const OpcodeInfo& oi = info(in.op);
    std::vector<Operand> out;
    auto add = [&](const Operand& o) {
        if (o.kind == kReg || o.isStack()) out.push_back(o);
        if (o.kind == kAddr && !o.isStack() && o.base >= 0)
            out.push_back(Operand::reg(o.base, in.dst.size)); // lea, at its own width
        if (o.kind == kAddr && !o.isStack() && o.index >= 0)
            out.push_back(Operand::reg(o.index, in.dst.size));
    };
    const bool zeroing = (in.op == Op::Xor || in.op == Op::Sub || in.op == Op::Sbb) &&
                         in.src.kind == kReg && in.src == in.dst;
    if (zeroing) return out; // `xor %eax, %eax` reads nothing
    add(in.src);
    add(in.src2);
    if (oi.readsDst) add(in.dst);
    if (in.op == Op::Cdq) out.push_back(Operand::reg(0, 4));
    if (in.op == Op::Cqo) out.push_back(Operand::reg(0, 8));
    if (in.op == Op::Div || in.op == Op::Idiv) {
        out.push_back(Operand::reg(0, in.src.size));
        out.push_back(Operand::reg(2, in.src.size));
    }
    return out;
}

std::optional<std::string> signatureMismatch(const Program& p, const Signature& sig) {
    CpuState s = entryState(sig, std::vector<uint64_t>(6, 0x5a5a5a5a5a5a5a5a));
    int number = 0; // instructions, not counting labels
    for (const Instruction& in : p.code) {
        const OpcodeInfo& oi = info(in.op);
        if (oi.family == Family::Label) continue;
        const std::string at =
            "instruction " + std::to_string(++number) + " (" + toString(in, p) + ")";
        for (const Operand& o : operandsRead(in))
            if (neverWritten(s, o))
                return at + " reads " + toString(o, p) + ", which nothing wrote before and " +
                       sig.text() + " does not pass";
        const uint32_t flags = in.op == Op::Adc || in.op == Op::Sbb ? kCF : flagsRead(oi.cond);
        if ((s.definedFlags & flags) != flags) return at + " reads flags that nothing set before";
        if (oi.family != Family::Jump) executeForDefinedness(in, s);
    }
    return std::nullopt;
}

Target readTarget(const std::string& path, const std::string& function,
                  const std::string& signature) {
    const std::string text = readAssemblyFile(path);
    Target t{function.empty() ? std::string(soleGlobal(text)) : function,
             parseProgram(text, path, function, Dialect::Function), parseSignature(signature)};
    const std::string where = path + ": " + (function.empty() ? "" : "function " + function + ": ");
    if (auto why = signatureMismatch(t.program, t.signature))
        throw std::invalid_argument(where + *why);
    // And on edge values: a result that is not wholly defined (a narrower register
    // written, the upper half of a 32-bit argument returned as 64 bits) is refused.
    for (uint64_t value : {uint64_t{0}, uint64_t{1}, ~uint64_t{0}, uint64_t{0x80000000},
                           uint64_t{0x7fffffff}, uint64_t{0x123456789}}) {
        const std::vector<uint64_t> args(t.signature.args.size(), value);
        const CpuState out = run(t.program, entryState(t.signature, args));
        if (!out.fault && !resultOf(t.signature, out))
            throw std::invalid_argument(where + "the result of " + t.signature.text() +
                                        " is not wholly defined (for arguments all " +
                                        std::to_string(value) +
                                        "): it depends on bits that nothing sets");
    }
    return t;
}

} // namespace superopt
