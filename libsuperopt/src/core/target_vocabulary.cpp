// The instructions rewrites of a target are made of.
#include "superopt/core/target_vocabulary.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace superopt {

namespace {

// In the order the arguments take them, after the result's.
constexpr std::array<int, TargetVocabulary::kMaxRegisters> kCallerSaved = {0, kRdi, 3, 2, 1,
                                                                           4, 5,    6, 7};

std::vector<Op> family(Family f) {
    std::vector<Op> ops;
    for (const OpcodeInfo& oi : opcodeTable())
        if (oi.family == f) ops.push_back(oi.op);
    return ops;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream ss(text);
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) items.push_back(item);
    return items;
}

} // namespace

const std::vector<Op>& opsOf(Family f) {
    static const std::vector<Op> condMoves = family(Family::CondMove),
                                 setConds = family(Family::SetCond), jumps = family(Family::Jump);
    if (f == Family::CondMove) return condMoves;
    if (f == Family::SetCond) return setConds;
    if (f == Family::Jump) return jumps;
    throw std::logic_error("opsOf: cmovcc, setcc or the jumps only");
}

std::span<const int> TargetVocabulary::callerSaved() {
    return kCallerSaved;
}

bool TargetVocabulary::allows(Op op) const {
    const std::string e(extensionOf(op));
    return e.empty() || std::find(extensions.begin(), extensions.end(), e) != extensions.end();
}

TargetVocabulary TargetVocabulary::of(const Target& t, int registers,
                                      const std::string& extensions) {
    TargetVocabulary v;
    const int args = static_cast<int>(t.signature.args.size());
    const int count = registers > 0 ? registers : std::min(kMaxRegisters, args + 3);
    if (count > kMaxRegisters)
        throw std::invalid_argument("registers: a rewrite may use at most " +
                                    std::to_string(kMaxRegisters) +
                                    " registers (the caller-saved ones)");
    // The result's register, the arguments', then the other caller-saved ones.
    std::vector<int> order = {0};
    for (int k = 0; k < args; ++k) order.push_back(argumentRegister(k));
    for (int r : kCallerSaved)
        if (std::find(order.begin(), order.end(), r) == order.end()) order.push_back(r);
    v.registers.assign(order.begin(), order.begin() + count);

    for (const std::string& e : split(extensions)) {
        if (e != "popcnt" && e != "lzcnt" && e != "bmi1")
            throw std::invalid_argument("unknown extension '" + e +
                                        "' (known: popcnt, lzcnt, bmi1)");
        v.extensions.push_back(e);
    }
    v.immediates = {0, 1, -1, 2};
    bool wide = isWide(t.signature.result);
    for (const Instruction& in : t.program.code) {
        if (auto e = std::string(extensionOf(in.op)); !e.empty()) v.extensions.push_back(e);
        for (const Operand* o : {&in.src, &in.src2})
            if (o->kind == kImm || (o->kind == kAddr && !o->isStack()))
                v.immediates.push_back(o->value);
        if (info(in.op).family != Family::Jump && info(in.op).family != Family::Label)
            wide = wide || operationSize(in) == 8;
    }
    auto unique = [](auto& items) {
        std::sort(items.begin(), items.end());
        items.erase(std::unique(items.begin(), items.end()), items.end());
    };
    unique(v.extensions);
    unique(v.immediates);
    // A 32-bit function may still gain from 64-bit operations (a 32x32-bit product
    // whole in one register): one instruction in four is 64-bit there.
    v.sizes = wide ? std::vector<int>{4, 8} : std::vector<int>{4, 4, 4, 8};

    v.opcodes.assign(kBinaryOps.begin(), kBinaryOps.end());
    v.opcodes.insert(v.opcodes.end(), kUnaryOps.begin(), kUnaryOps.end());
    v.opcodes.insert(v.opcodes.end(), kShiftOps.begin(), kShiftOps.end());
    for (Op op : {Op::Imul, Op::Imul3, Op::Lea, Op::Movzx, Op::Movsx, Op::Cmove, Op::Sete,
                  Op::Popcnt, Op::Lzcnt, Op::Tzcnt, Op::Andn, Op::Blsi, Op::Blsr, Op::Blsmsk}) {
        const std::string e(extensionOf(op));
        if (e.empty() || std::binary_search(v.extensions.begin(), v.extensions.end(), e))
            v.opcodes.push_back(op);
    }
    return v;
}

} // namespace superopt
