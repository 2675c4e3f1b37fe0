// Targets behind the search's Problem interface: test cases, the Hamming cost, CEGIS.
#include "superopt/search/target_problem.hpp"

#include "superopt/core/equivalence.hpp"
#include "superopt/core/general_machine.hpp"
#include "superopt/core/target_check.hpp"
#include "superopt/search/search_config.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <stdexcept>

namespace superopt {

namespace {

// Whether every jump goes forward to its label.
bool jumpsForward(const Program& p) {
    std::vector<bool> placed(p.labelNames.size());
    for (const Instruction& in : p.code) {
        if (in.op == Op::Label) placed[in.dst.value] = true;
        if (info(in.op).family == Family::Jump && placed[in.dst.value]) return false;
    }
    return true;
}

// Scores programs on the batched emulator, from the first changed instruction; the rare
// program it does not run (a stack operand across two 8-byte words) one case at a time
// on the reference. Either way the cost and the early stop decide alike: a proposal
// stopped early is one whose cost exceeds the bound.
class TargetEvaluator : public Evaluator {
  public:
    TargetEvaluator(const TargetProblem& problem, const SearchConfig& c)
        : problem_(problem), cases_(problem.cases()), config_(c.cost),
          checker_(problem.target(), c.solverSeconds),
          machine_(machineOf(problem.target().signature, cases_)) {}

    // The moves make only instructions of the set; a swap or rotate may still put a
    // label before its jump, and loops are not functions we decide.
    bool legal(const Program& p, int, int, int) override { return jumpsForward(p); }

    Evaluation evaluate(const Program& p, int from, int, double bound) override {
        const double perf = config_.alpha * performance(p);
        lastOnMachine_ = GeneralMachine::runs(p);
        if (!lastOnMachine_) return evaluateEachCase(p, perf, bound);
        machine_.propose(p, machineCurrent_ ? from : 0);
        Evaluation ev;
        for (int b = 0; b < machine_.blocks(); ++b) {
            machine_.run(b);
            ev.errors += machine_.resultErrors(b, kMisalignPenalty);
            ev.cost = static_cast<double>(ev.errors) + perf;
            if (ev.cost > bound && b + 1 < machine_.blocks()) return ev;
        }
        ev.complete = true;
        return ev;
    }

    void accept() override {
        if (lastOnMachine_) machine_.accept();
        machineCurrent_ = lastOnMachine_;
    }

    double performance(const Program& p) const override {
        return config_.objective == Objective::LatencyModel ? latencyModel(p) : p.length();
    }

    Checked check(const Program& p, const std::atomic<bool>& stop) override {
        // Proved against the chain's last verified program when it has one: the find's
        // near relative (a few moves apart).
        const auto o = checker_.check(p, lastVerified_ ? &*lastVerified_ : nullptr, &stop);
        if (o.verdict == TargetChecker::Verdict::Correct) {
            lastVerified_ = p;
            return Checked::Correct;
        }
        if (o.verdict == TargetChecker::Verdict::Unknown) return Checked::Unknown;
        return o.counterexample ? learn(*o.counterexample) : Checked::Wrong;
    }

  private:
    // A case the program gets wrong joins the training cases, while there is room (the
    // checker remembers the program as refuted).
    Checked learn(const TargetCase& k) {
        if (cases_.size() >= static_cast<size_t>(kMaxCases)) return Checked::Wrong;
        cases_.push_back(k);
        machine_ = machineOf(problem_.target().signature, cases_);
        machineCurrent_ = false;
        return Checked::Learned;
    }
    Evaluation evaluateEachCase(const Program& p, double perf, double bound) const {
        Evaluation ev;
        const Signature& sig = problem_.target().signature;
        for (size_t k = 0; k < cases_.size(); ++k) {
            ev.errors += resultErrors(sig, run(p, cases_[k].entry), cases_[k].expected);
            ev.cost = static_cast<double>(ev.errors) + perf;
            if (ev.cost > bound && k + 1 < cases_.size()) return ev;
        }
        ev.complete = true;
        return ev;
    }

    const TargetProblem& problem_;
    std::vector<TargetProblem::Case> cases_;
    CostConfig config_;
    TargetChecker checker_;
    std::optional<Program> lastVerified_; // the last find the solver proved equal
    GeneralMachine machine_;
    bool lastOnMachine_ = false;  // the last program evaluated ran on the machine
    bool machineCurrent_ = false; // the machine's current program is the accepted one
};

} // namespace

TargetProblem::TargetProblem(const SearchConfig& c)
    : spec_(c.target), target_(readTarget(c.target)),
      vocabulary_(TargetVocabulary::of(target_, c.registers, c.extensions)),
      solverSeconds_(c.solverSeconds) {
    if (c.cost.correctness != Correctness::Hamming)
        throw std::invalid_argument("a target's cost counts wrong bits: cost hamming");
    if (!(c.solverSeconds > 0)) throw std::invalid_argument("solver seconds must be positive");
    cases_ = startCases(target_, c.seed, name());
}

std::string TargetProblem::name() const {
    return spec_.file + (target_.name.empty() ? "" : ":" + target_.name);
}

namespace {

// The registers an instruction uses without naming them: div/idiv's rax and rdx,
// cdq/cqo's.
bool implicitlyUses(const Instruction& in, int reg) {
    const bool divides =
        in.op == Op::Div || in.op == Op::Idiv || in.op == Op::Cdq || in.op == Op::Cqo;
    return divides && (reg == 0 || reg == 2);
}

bool uses(std::span<const Instruction> code, int reg) {
    return std::any_of(code.begin(), code.end(), [reg](const Instruction& in) {
        return namesRegister(in, reg) || implicitlyUses(in, reg);
    });
}

bool writes(std::span<const Instruction> code, int reg) {
    return std::any_of(code.begin(), code.end(), [reg](const Instruction& in) {
        return (info(in.op).writesDst && in.dst.kind == kReg && in.dst.value == reg) ||
               implicitlyUses(in, reg);
    });
}

// The stack slots (offset -> size) that only accesses of one offset and size touch, none
// of them beside a high-byte register, and that overlap no other slot.
std::map<int, int> movableSlots(const Program& p) {
    std::map<int, std::pair<int, bool>> slots; // offset -> (size, movable)
    for (const auto& in : p.code) {
        const bool high = in.src.high || in.src2.high || in.dst.high;
        for (const Operand* o : {&in.src, &in.src2, &in.dst}) {
            if (!o->isStack()) continue;
            auto [it, fresh] = slots.try_emplace(o->value, o->size, true);
            if (high || it->second.first != o->size) it->second.second = false;
        }
    }
    std::map<int, int> out;
    for (auto it = slots.begin(); it != slots.end(); ++it) {
        const auto next = std::next(it);
        const bool overlapsNext = next != slots.end() && it->first + it->second.first > next->first;
        const bool overlapsPrevious =
            it != slots.begin() && std::prev(it)->first + std::prev(it)->second.first > it->first;
        if (it->second.second && !overlapsNext && !overlapsPrevious)
            out[it->first] = it->second.first;
    }
    return out;
}

bool touchesSlot(const Instruction& in, int offset) {
    return (in.src.isStack() && in.src.value == offset) ||
           (in.src2.isStack() && in.src2.value == offset) ||
           (in.dst.isStack() && in.dst.value == offset);
}

// An argument's spill: the store at code index `store` of register `reg` to a slot.
struct Spill {
    size_t store;
    int reg;
};

// Where slot `offset` is first touched, if that is a store of a whole register before any
// jump or label, after which the register is no longer named (or neither it nor the
// slot is written any more): the store, whose register may stand for the slot.
std::optional<Spill> spillOf(const Program& p, int offset, int size) {
    for (size_t i = 0; i < p.code.size(); ++i) {
        const auto& in = p.code[i];
        const Family f = info(in.op).family;
        if (f == Family::Jump || f == Family::Label) return std::nullopt;
        if (!touchesSlot(in, offset)) continue;
        if (in.op != Op::Mov || !in.dst.isStack() || in.src.kind != kReg || in.src.size != size ||
            in.src.high)
            return std::nullopt;
        const std::span<const Instruction> after(p.code.begin() + i + 1, p.code.end());
        const bool slotWritten = std::any_of(after.begin(), after.end(), [&](auto& x) {
            return info(x.op).writesDst && x.dst.isStack() && x.dst.value == offset;
        });
        const int r = in.src.value;
        if (uses(after, r) && (writes(after, r) || slotWritten)) return std::nullopt;
        return Spill{i, r};
    }
    return std::nullopt;
}

} // namespace

Program withSlotsInRegisters(Program p, std::span<const int> registers) {
    std::vector<int> candidates(registers.begin(), registers.end());
    for (int r : TargetVocabulary::callerSaved()) candidates.push_back(r);
    for (const auto& [offset, size] : movableSlots(p)) {
        int reg;
        if (const auto spill = spillOf(p, offset, size)) {
            p.code.erase(p.code.begin() + static_cast<std::ptrdiff_t>(spill->store));
            reg = spill->reg;
        } else {
            const auto free = std::find_if(candidates.begin(), candidates.end(),
                                           [&](int r) { return !uses(p.code, r); });
            if (free == candidates.end()) continue;
            reg = *free;
        }
        for (auto& in : p.code)
            for (Operand* o : {&in.src, &in.src2, &in.dst})
                if (o->isStack() && o->value == offset) *o = Operand::reg(reg, size);
    }
    return p;
}

Program TargetProblem::start(const std::string& start, Profile) const {
    if (start == "warm") return withSlotsInRegisters(target_.program, vocabulary_.registers);
    if (start == "cold") return {};
    return readProgramFile(start, "", Dialect::Function);
}

// As for the sorting tasks; the branch moves where the target branches (else a
// jump of the start could never go).
MoveWeights TargetProblem::defaultMoves() const {
    return moveWeights(target_.program.hasJumps(), true);
}

std::unique_ptr<InstructionSampler> TargetProblem::sampler(const SearchConfig&) const {
    return std::make_unique<TargetSampler>(vocabulary_);
}

std::unique_ptr<Evaluator> TargetProblem::evaluator(const SearchConfig& c) const {
    return std::make_unique<TargetEvaluator>(*this, c);
}

bool TargetProblem::verified(const Program& p) const {
    return proveEquivalent(target_.program, p, target_.signature, solverSeconds_, SolverLimit::Work)
               .verdict == Equivalence::Verdict::Equal;
}

} // namespace superopt
