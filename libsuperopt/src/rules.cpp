// The legality check: one forward data-flow pass (jumps go forward only, so each
// label's incoming state is complete when the pass reaches it).
#include "superopt/rules.hpp"

#include <stdexcept>
#include <vector>

namespace superopt {

Profile parseProfile(const std::string& name) {
    if (name == "alphadev") return Profile::AlphaDev;
    if (name == "x86") return Profile::X86;
    throw std::invalid_argument("unknown profile '" + name + "' (known: alphadev, x86)");
}

std::string toString(Profile p) { return p == Profile::AlphaDev ? "alphadev" : "x86"; }

namespace {

// What may be in a location: data values, the varsort length, or both after a merge.
struct Kinds {
    bool data = false, length = false;
    bool pureData() const { return data && !length; }
    bool pureLength() const { return length && !data; }
    Kinds operator|(Kinds o) const { return {data || o.data, length || o.length}; }
};

struct State {
    bool reachable = false;
    uint32_t defined = 0; // registers written on every path
    bool flags = false;   // flags written on every path
    Kinds reg[kMaxRegisters];
    std::vector<Kinds> slot;
    uint32_t slotsRead = 0, slotsWritten = 0; // on some path
    bool lastWasCmp = false;

    void join(const State& o) {
        if (!o.reachable) return;
        if (!reachable) {
            *this = o;
            return;
        }
        defined &= o.defined;
        flags = flags && o.flags;
        for (int r = 0; r < kMaxRegisters; ++r) reg[r] = reg[r] | o.reg[r];
        for (size_t s = 0; s < slot.size(); ++s) slot[s] = slot[s] | o.slot[s];
        slotsRead |= o.slotsRead;
        slotsWritten |= o.slotsWritten;
        lastWasCmp = lastWasCmp || o.lastWasCmp;
    }
};

class Checker {
  public:
    Checker(const Program& p, const Task& t, Profile prof) : p_(p), task_(t), alphadev_(prof == Profile::AlphaDev) {}

    std::optional<Violation> run() {
        State s;
        s.reachable = true;
        s.slot.assign(task_.slots(), Kinds{true, false});
        if (task_.lengthSlot() >= 0) s.slot[task_.lengthSlot()] = Kinds{false, true};
        std::vector<State> incoming(p_.labelNames.size());
        std::vector<bool> seen(p_.labelNames.size(), false);
        for (int i = 0; i < static_cast<int>(p_.code.size()); ++i) {
            const Instruction& in = p_.code[i];
            const OpcodeInfo& oi = info(in.op);
            if (auto msg = staticError(in, oi, seen)) return Violation{i, *msg};
            if (oi.family == Family::Label) {
                seen[in.dst.value] = true;
                s.join(incoming[in.dst.value]);
                continue;
            }
            if (!s.reachable) continue; // dead code never runs
            if (auto msg = step(s, in, oi)) return Violation{i, *msg};
            if (oi.family == Family::Jump) {
                incoming[in.dst.value].join(s);
                if (in.op == Op::Jmp) s.reachable = false;
            }
        }
        return std::nullopt;
    }

  private:
    std::string where(const Operand& o) const { return toString(o, p_); }

    // Checks that need no data flow: operand kinds, bounds, forward jumps.
    std::optional<std::string> staticError(const Instruction& in, const OpcodeInfo& oi,
                                           const std::vector<bool>& seen) const {
        if (oi.family == Family::Label || oi.family == Family::Jump) {
            if (in.dst.kind != kLabel || in.dst.value < 0 ||
                in.dst.value >= static_cast<int>(p_.labelNames.size()))
                return "bad label";
            if (oi.family == Family::Label && seen[in.dst.value])
                return "label " + where(in.dst) + " defined twice";
            if (oi.family == Family::Jump && seen[in.dst.value])
                return "jump back to " + where(in.dst) + ": only forward jumps are allowed";
            return std::nullopt;
        }
        if (!(in.src.kind & oi.srcKinds) || !(in.dst.kind & oi.dstKinds))
            return "operand kinds not allowed for " + std::string(oi.name);
        if (in.src.kind == kMem && in.dst.kind == kMem) return "two memory operands";
        for (const Operand* o : {&in.src, &in.dst}) {
            if (o->kind == kReg && (o->value < 0 || o->value >= kMaxRegisters)) return "bad register";
            if (o->kind == kMem && (o->value < 0 || o->value >= task_.slots()))
                return "memory operand " + where(*o) + " is outside the buffer of " + task_.name();
            if (alphadev_ && o->kind == kMem && oi.family != Family::Move)
                return "profile alphadev allows memory operands only in mov";
        }
        if (oi.writesDst && in.dst.kind == kMem && in.dst.value == task_.lengthSlot())
            return "the length word may not be written";
        return std::nullopt;
    }

    std::optional<std::string> read(State& s, const Operand& o, Kinds& k) const {
        if (o.kind == kReg) {
            if (!(s.defined >> o.value & 1)) return "reads " + where(o) + " before it is written";
            k = s.reg[o.value];
        } else if (o.kind == kMem) {
            uint32_t bit = 1u << o.value;
            if (alphadev_ && (s.slotsRead & bit)) return "reads " + where(o) + " a second time";
            s.slotsRead |= bit;
            k = s.slot[o.value];
        }
        return std::nullopt;
    }

    std::optional<std::string> write(State& s, const Operand& o, Kinds k) const {
        if (o.kind == kReg) {
            s.defined |= 1u << o.value;
            s.reg[o.value] = k;
        } else {
            uint32_t bit = 1u << o.value;
            if (alphadev_ && (s.slotsWritten & bit)) return "writes " + where(o) + " a second time";
            s.slotsWritten |= bit;
            s.slot[o.value] = k;
        }
        return std::nullopt;
    }

    std::optional<std::string> step(State& s, const Instruction& in, const OpcodeInfo& oi) const {
        bool isCmp = oi.family == Family::Compare;
        if (alphadev_ && isCmp && s.lastWasCmp) return "two compares in a row";
        s.lastWasCmp = isCmp;
        if (oi.readsFlags && !s.flags) return std::string(oi.name) + " reads the flags before any cmp";
        if (oi.family == Family::Jump) return std::nullopt;
        Kinds src, dst;
        if (in.src.kind == kImm) src = Kinds{};
        else if (auto e = read(s, in.src, src)) return e;
        if (oi.readsDst)
            if (auto e = read(s, in.dst, dst)) return e;
        if (isCmp) {
            bool dataOk = src.pureData() && dst.pureData();
            bool lengthOk = (in.src.kind == kImm || src.pureLength()) && dst.pureLength();
            if (!dataOk && !lengthOk)
                return in.src.kind == kImm ? "an immediate may be compared only with the length"
                                           : "compares the length with data";
            s.flags = true;
            return std::nullopt;
        }
        return write(s, in.dst, oi.family == Family::CondMove ? src | dst : src);
    }

    const Program& p_;
    const Task& task_;
    bool alphadev_;
};

} // namespace

std::optional<Violation> checkLegal(const Program& p, const Task& task, Profile profile) {
    return Checker(p, task, profile).run();
}

} // namespace superopt
