// A user's function as the agent's game: a move appends one instruction of the target's
// vocabulary (target_vocabulary.hpp, the instructions the search's rewrites are made
// of), enumerated once: every opcode at each width over the vocabulary's registers,
// immediates from its pool (shift counts: the pool's that fit, 1 and the width's last
// bit; lea: base + index and base + displacement). The test inputs are the target's test
// cases (edge and random arguments, target_cases.hpp), run together on the batched
// general emulator, incrementally from the first changed instruction. The score is the
// share of the result's bits right over the cases (STOKE's Hamming cost, the right value
// in another register costing the misalignment penalty), so every move that brings the
// result closer counts; a game is won when the result is right on every case. A win is
// proved equal to the target by the SMT solver before it counts; a counterexample joins
// the test cases (CEGIS, as in the search), so later games play on it.
// The rules: a move reads only registers defined on entry (the arguments) or written
// before (`xor %eax, %eax` reads none), and flags only after an instruction that set
// some; a move that changes nothing (registers and flags the same on every case) is dead,
// as in the sorting game. These are coarse (a register counts as defined at every width,
// the flags as one): what a move reads of undefined bits, the score counts as wrong. The
// game plays straight-line code (no branch moves); a target with branches is fine as a
// target. The shaping potential is 0 (`shaping` means nothing here).
#pragma once

#include "superopt/agent/game.hpp"
#include "superopt/core/target_cases.hpp"
#include "superopt/core/target_check.hpp"
#include "superopt/core/target_vocabulary.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace superopt::agent {

class TargetGame : public Game {
  public:
    // `spec` is read with readTarget (throws ParseError or std::invalid_argument);
    // config.registers 0 takes the vocabulary's default (at least the result's and the
    // arguments'), config.maxLength 0 the target's length; config.extensions and
    // config.solverSeconds as for the search. The test cases start with kStartCases
    // (target_cases.hpp, drawn by `seed`); counterexamples add up to kMaxCases.
    TargetGame(const TargetSpec& spec, GameConfig config, uint64_t seed);
    TargetGame(const TargetGame& other);

    std::string name() const override;
    std::string symbol() const override { return target_.name.empty() ? "rewrite" : target_.name; }
    std::unique_ptr<Game> clone() const override { return std::make_unique<TargetGame>(*this); }
    int referenceLength() const override { return target_.program.length(); }
    const Target& target() const { return target_; }
    const TargetVocabulary& vocabulary() const { return vocabulary_; }
    int cases() const { return static_cast<int>(cases_.size()); }
    const Instruction& action(int a) const { return actions_[a]; }

    int actionCount() const override { return static_cast<int>(actions_.size()); }
    bool legal(const GameState& s, int action) const override;
    void advance(GameState& s, int action) const override;
    int actionFor(const GameState& s, const Instruction& in) const override;
    void evaluate(GameState& s) override;
    int64_t items() const override { return items_; }

    // Per case, each register's distance to the expected result (equal, 1, 2-3, 4-7,
    // 8-15, 16 or more wrong bits, undefined) and the arithmetic flags (or undefined).
    Observation observe(const GameState& s) override;
    int programFeatures() const override;
    int laneFeatures() const override;
    int codesPerLane() const override { return static_cast<int>(vocabulary_.registers.size()) + 1; }

    // TargetChecker's (random cases, then the solver); a counterexample joins the cases.
    Verdict check(const Program& p, const std::atomic<bool>* stop = nullptr) override;

  private:
    static constexpr int kDistances = 7;
    // The registers (vocabulary indices) `in` reads (bit 31: one outside the vocabulary).
    uint32_t reads(const Instruction& in) const;
    void sync(const Program& p);
    // The state of every case after the first `at` instructions of the synced program.
    std::vector<CpuState> statesAt(int at) const;
    uint64_t stateKey(const std::vector<CpuState>& states) const;
    void countItems();

    std::string file_;
    Target target_;
    TargetVocabulary vocabulary_;
    std::vector<TargetCase> cases_;
    TargetChecker checker_; // what it checked before (a copy starts afresh)
    std::vector<Instruction> actions_;
    struct Rule { // what the rules look at of an action
        uint32_t reads;
        bool readsFlags;
    };
    std::vector<Rule> rules_;
    std::vector<int> index_; // per register number, its vocabulary index or -1
    uint32_t arguments_ = 0; // the vocabulary's registers defined at entry
    int64_t items_ = 0;
    GeneralMachine machine_;
    Program current_; // the program the machine holds
};

} // namespace superopt::agent
