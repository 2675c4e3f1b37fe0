// The legality check: one forward data-flow pass (jumps go forward only, so each
// label's incoming state is complete when the pass reaches it).
#include "superopt/core/rules.hpp"

#include <stdexcept>
#include <vector>

namespace superopt {

Profile parseProfile(const std::string& name) {
    if (name == "alphadev") return Profile::AlphaDev;
    if (name == "x86") return Profile::X86;
    throw std::invalid_argument("unknown profile '" + name + "' (known: alphadev, x86)");
}

std::string toString(Profile p) {
    return p == Profile::AlphaDev ? "alphadev" : "x86";
}

namespace {

// What may be in a location: data values, the varsort length, a value the caller left
// (verify mode), or several after a merge.
struct Kinds {
    bool data = false, length = false, caller = false;
    Kinds operator|(Kinds o) const {
        return {data || o.data, length || o.length, caller || o.caller};
    }
};

// Locations as bits: register r is bit r, buffer word w is bit kMaxRegisters + w.
inline uint64_t bitOf(const Operand& o) {
    return uint64_t{1} << (o.kind == kReg ? o.value : kMaxRegisters + o.value);
}

struct State {
    bool reachable = false;
    bool flags = false;       // flags written on every path
    bool callerFlags = false; // verify mode: the flags may still be the caller's
    bool lastWasCmp = false;  // on some path
    uint64_t defined = 0;     // locations written on every path (registers; words start defined)
    uint64_t mayData = 0, mayLength = 0, mayCaller = 0; // what each location may hold
    uint32_t slotsRead = 0, slotsWritten = 0;           // on some path
    bool operator==(const State&) const = default;

    Kinds kinds(uint64_t bit) const {
        return {(mayData & bit) != 0, (mayLength & bit) != 0, (mayCaller & bit) != 0};
    }
    void set(uint64_t bit, Kinds k) {
        mayData = k.data ? mayData | bit : mayData & ~bit;
        mayLength = k.length ? mayLength | bit : mayLength & ~bit;
        mayCaller = k.caller ? mayCaller | bit : mayCaller & ~bit;
    }
    void join(const State& o) {
        if (!o.reachable) return;
        if (!reachable) {
            *this = o;
            return;
        }
        defined &= o.defined;
        flags = flags && o.flags;
        callerFlags = callerFlags || o.callerFlags;
        mayData |= o.mayData;
        mayLength |= o.mayLength;
        mayCaller |= o.mayCaller;
        slotsRead |= o.slotsRead;
        slotsWritten |= o.slotsWritten;
        lastWasCmp = lastWasCmp || o.lastWasCmp;
    }
};

class Checker {
  public:
    // With `caller`, the verify mode: what the caller left may be read, and is recorded
    // there.
    Checker(const Program& p, const Task& t, Profile prof, bool explain,
            CallerReads* caller = nullptr)
        : p_(p), task_(t), alphadev_(prof == Profile::AlphaDev), explain_(explain),
          caller_(caller) {}

    // The state at the program's entry. In verify mode the flags are the caller's (and
    // a register not written on every path holds the caller's value on some).
    State entry() const {
        State s;
        s.reachable = true;
        for (int w = 0; w < task_.slots(); ++w) {
            uint64_t bit = bitOf(Operand::mem(w));
            s.defined |= bit;
            s.set(bit, Kinds{w != task_.lengthSlot(), w == task_.lengthSlot()});
        }
        if (caller_) s.flags = s.callerFlags = true;
        return s;
    }

    // From code index `from` on, with `accepted[i]` the state before instruction i for
    // i <= from (the code before `from` is unchanged); records the state before each
    // instruction in states[i]. A program without labels stops early (at index `tail`,
    // else n + 1) when `known(i, s)` says the rest was checked before from state s.
    template <class Known>
    std::optional<Violation> run(int from, const std::vector<State>& accepted,
                                 std::vector<State>& states, Known known, int& tail) {
        const int n = static_cast<int>(p_.code.size());
        const bool labels = !p_.labelNames.empty();
        std::vector<State> incoming(p_.labelNames.size());
        std::vector<bool> seen(p_.labelNames.size(), false);
        for (int i = 0; i < from && labels; ++i) { // what the unchanged code sent ahead
            const Instruction& in = p_.code[i];
            const OpcodeInfo& oi = info(in.op);
            if (oi.family == Family::Label) seen[in.dst.value] = true;
            if (oi.family == Family::Jump && accepted[i].reachable) {
                State t = accepted[i];
                step(t, in, oi);
                incoming[in.dst.value].join(t);
            }
        }
        State s = from ? accepted[from] : entry();
        states.resize(n + 1);
        for (int i = from; i < n; ++i) {
            states[i] = s;
            if (!labels && known(i, s)) {
                tail = i;
                return std::nullopt;
            }
            const Instruction& in = p_.code[i];
            if (malformed(in)) return Violation{i, message_};
            const OpcodeInfo& oi = info(in.op);
            if (staticError(in, oi, seen)) return Violation{i, message_};
            if (oi.family == Family::Label) {
                seen[in.dst.value] = true;
                s.join(incoming[in.dst.value]);
                continue;
            }
            if (!s.reachable) continue; // dead code never runs
            if (step(s, in, oi)) return Violation{i, message_};
            if (oi.family == Family::Jump) {
                incoming[in.dst.value].join(s);
                if (in.op == Op::Jmp) s.reachable = false;
            }
        }
        states[n] = s;
        tail = n + 1;
        for (int i = 0; i < n && labels; ++i) {
            const Operand& target = p_.code[i].dst;
            if (info(p_.code[i].op).family == Family::Jump && !seen[target.value] &&
                fail([&] { return "jumps to label " + where(target) + ", which is never placed"; }))
                return Violation{i, message_};
        }
        return std::nullopt;
    }

    // The whole program.
    std::optional<Violation> run() {
        std::vector<State> states;
        int tail;
        return run(
            0, states, states, [](int, const State&) { return false; }, tail);
    }

  private:
    std::string where(const Operand& o) const { return toString(o, p_); }

    // Records why the program is illegal (only when asked to explain: the search
    // checks millions of programs and needs no words) and says it is.
    template <class Message> bool fail(Message message) const {
        if (explain_) message_ = message();
        return true;
    }

    // An instruction that is not even well-formed data: an opcode, operand kind,
    // register or label number out of range (programs built in memory can be).
    bool malformed(const Instruction& in) const {
        if (static_cast<int>(in.op) >= kOpCount)
            return fail([&] { return "unknown opcode " + std::to_string(int(in.op)); });
        auto bad = [&](const Operand& o) {
            const bool known = o.kind == kNone || o.kind == kReg || o.kind == kMem ||
                               o.kind == kImm || o.kind == kLabel;
            if (!known)
                return fail([&] { return "unknown operand kind " + std::to_string(int(o.kind)); });
            if (o.kind == kReg && (o.value < 0 || o.value >= kMaxRegisters))
                return fail(
                    [&] { return "register number " + std::to_string(o.value) + " out of range"; });
            if (o.kind == kLabel &&
                (o.value < 0 || o.value >= static_cast<int>(p_.labelNames.size())))
                return fail(
                    [&] { return "label number " + std::to_string(o.value) + " out of range"; });
            return false;
        };
        return bad(in.src) || bad(in.dst);
    }

    // Checks that need no data flow: operand kinds, bounds, forward jumps.
    bool staticError(const Instruction& in, const OpcodeInfo& oi,
                     const std::vector<bool>& seen) const {
        if (oi.family == Family::Label || oi.family == Family::Jump) {
            if (in.dst.kind != kLabel) return fail([&] { return std::string("expected a label"); });
            if (oi.family == Family::Label && seen[in.dst.value])
                return fail([&] { return "label " + where(in.dst) + " defined twice"; });
            if (oi.family == Family::Jump && seen[in.dst.value])
                return fail([&] {
                    return "jump back to " + where(in.dst) + ": only forward jumps are allowed";
                });
            return false;
        }
        if (!(in.src.kind & oi.srcKinds) || !(in.dst.kind & oi.dstKinds))
            return fail([&] { return "operand kinds not allowed for " + std::string(oi.name); });
        if (in.src.kind == kMem && in.dst.kind == kMem)
            return fail([&] { return std::string("two memory operands"); });
        // (Two calls, not a loop over an initializer list: that stalls on store forwarding.)
        auto badOperand = [&](const Operand& o) {
            if (o.kind == kMem && (o.value < 0 || o.value >= task_.slots()))
                return fail([&] {
                    return "memory operand " + where(o) + " is outside the buffer of " +
                           task_.name();
                });
            if (alphadev_ && o.kind == kMem && oi.family != Family::Move)
                return fail([&] {
                    return std::string("profile alphadev allows memory operands only in mov");
                });
            return false;
        };
        if (badOperand(in.src) || badOperand(in.dst)) return true;
        if (oi.writesDst && in.dst.kind == kMem && in.dst.value == task_.lengthSlot())
            return fail([&] { return std::string("the length word may not be written"); });
        return false;
    }

    bool read(State& s, const Operand& o, Kinds& k) const {
        const uint64_t bit = bitOf(o);
        if (!(s.defined & bit) && caller_) { // what the caller left, on some path
            caller_->registers |= 1u << o.value;
            k = s.kinds(bit) | Kinds{false, false, true};
            return false;
        }
        if (!(s.defined & bit))
            return fail([&] { return "reads " + where(o) + " before it is written"; });
        if (o.kind == kMem) {
            if (alphadev_ && (s.slotsRead >> o.value & 1))
                return fail([&] { return "reads " + where(o) + " a second time"; });
            s.slotsRead |= 1u << o.value;
        }
        k = s.kinds(bit);
        return false;
    }

    bool write(State& s, const Operand& o, Kinds k) const {
        if (o.kind == kMem) {
            if (alphadev_ && (s.slotsWritten >> o.value & 1))
                return fail([&] { return "writes " + where(o) + " a second time"; });
            s.slotsWritten |= 1u << o.value;
        }
        s.defined |= bitOf(o);
        s.set(bitOf(o), k);
        return false;
    }

    bool step(State& s, const Instruction& in, const OpcodeInfo& oi) const {
        bool isCmp = oi.family == Family::Compare;
        if (alphadev_ && isCmp && s.lastWasCmp)
            return fail([&] { return std::string("two compares in a row"); });
        s.lastWasCmp = isCmp;
        if (oi.readsFlags && !s.flags)
            return fail([&] { return std::string(oi.name) + " reads the flags before any cmp"; });
        if (oi.readsFlags && caller_ && s.callerFlags) caller_->flags = true;
        if (oi.family == Family::Jump) return false;
        Kinds src, dst;
        if (in.src.kind == kImm)
            src = Kinds{};
        else if (read(s, in.src, src))
            return true;
        if (oi.readsDst)
            if (read(s, in.dst, dst)) return true;
        if (isCmp) {
            if (compareError(in, src, dst)) return true;
            s.flags = true;
            s.callerFlags = false;
            return false;
        }
        return write(s, in.dst, oi.family == Family::CondMove ? src | dst : src);
    }

    // Data is compared only with data, the length only with the length or immediates:
    // then the weak orderings of the data and the lengths decide correctness. A value
    // the caller left may meet either (verify tries it at every rank among the data, and
    // at every place among the lengths and immediates it meets, recorded here).
    bool compareError(const Instruction& in, Kinds src, Kinds dst) const {
        const bool imm = in.src.kind == kImm;
        const bool srcLength = imm || src.length;
        if ((src.data && dst.length) || (dst.data && srcLength))
            return fail([&] {
                return std::string(imm ? "an immediate may be compared only with the length"
                                       : "compares the length with data");
            });
        if (!caller_) return false;
        if (((dst.length || imm) && src.caller) || (srcLength && dst.caller))
            caller_->meetsConstants = true;
        if (imm && dst.caller) caller_->immediates.push_back(in.src.value);
        return false;
    }

    const Program& p_;
    const Task& task_;
    bool alphadev_;
    bool explain_;
    CallerReads* caller_;
    mutable std::string message_;
};

} // namespace

std::string describe(const Violation& v, const Program& p) {
    // The instruction is shown only when it is well-formed enough to print.
    const Instruction& in = p.code[v.index];
    const bool printable =
        !v.message.starts_with("unknown") && !v.message.ends_with("out of range");
    return "illegal at instruction " + std::to_string(v.index + 1) +
           (printable ? " (" + toString(in, p) + ")" : "") + ": " + v.message;
}

struct LegalityCheck::States {
    std::vector<State> current, proposed;
};

LegalityCheck::LegalityCheck(const Task& task, Profile profile)
    : task_(task), profile_(profile), states_(std::make_unique<States>()) {}
LegalityCheck::~LegalityCheck() = default;

bool LegalityCheck::legal(const Program& p, int from, int unchangedFrom, int shift) {
    Checker checker(p, task_, profile_, false);
    const auto& cur = states_->current;
    from = valid_ ? std::min<int>(from, static_cast<int>(cur.size()) - 1) : 0;
    proposedFrom_ = from;
    proposedShift_ = shift;
    // Past the change, the same code from the same state was legal before.
    auto known = [&](int i, const State& s) {
        const int j = i - shift;
        return valid_ && i >= unchangedFrom && j >= 0 && j < static_cast<int>(cur.size()) &&
               s == cur[j];
    };
    return !checker.run(from, cur, states_->proposed, known, proposedTail_);
}

void LegalityCheck::accept() {
    valid_ = proposedFrom_ >= 0;
    if (!valid_) return;
    auto& cur = states_->current;
    const auto& prop = states_->proposed;
    const int n = static_cast<int>(prop.size()) - 1;
    if (proposedTail_ <= n) { // the accepted states from the tail on, moved by the shift
        std::vector<State> tail(cur.begin() + (proposedTail_ - proposedShift_), cur.end());
        cur.resize(n + 1);
        std::copy(tail.begin(), tail.end(), cur.begin() + proposedTail_);
    }
    cur.resize(n + 1);
    const int end = std::min(proposedTail_, n + 1);
    std::copy(prop.begin() + proposedFrom_, prop.begin() + end, cur.begin() + proposedFrom_);
}

std::optional<Violation> checkLegal(const Program& p, const Task& task, Profile profile) {
    return Checker(p, task, profile, true).run();
}

std::optional<Violation> checkVerifiable(const Program& p, const Task& task, CallerReads* reads) {
    CallerReads ignored;
    return Checker(p, task, Profile::X86, true, reads ? reads : &ignored).run();
}

bool isLegal(const Program& p, const Task& task, Profile profile) {
    return !Checker(p, task, profile, false).run();
}

} // namespace superopt
