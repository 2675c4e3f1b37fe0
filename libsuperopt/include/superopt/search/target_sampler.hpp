// Random instructions of a target's vocabulary (target_vocabulary.hpp), for the
// search's moves: stack slots appear only where the start program has them.
#pragma once

#include "superopt/core/target_vocabulary.hpp"
#include "superopt/search/sampler.hpp"

namespace superopt {

class TargetSampler : public InstructionSampler {
  public:
    explicit TargetSampler(TargetVocabulary v);
    Instruction instruction(Rng& rng) const override;
    bool changeOpcode(Instruction& in, Rng& rng) const override;
    bool changeOperand(Instruction& in, Rng& rng) const override;
    Op jump(Rng& rng) const override;
    int anyRegister(Rng& rng) const override { return reg(rng, 4).value; }

  private:
    Operand reg(Rng& rng, int size) const;
    Operand immediate(Rng& rng) const;
    Operand address(Rng& rng, int size) const;
    TargetVocabulary v_;
};

} // namespace superopt
