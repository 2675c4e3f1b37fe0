// Plays a program as moves of an agent's game, each of which must be legal.
#pragma once

#include "superopt/agent/game.hpp"

#include <catch2/catch.hpp>

namespace testing {

// Plays `p`'s instructions and labels as moves (a sorting game's labels after the last
// instruction stay open: the game places them there).
inline superopt::agent::GameState playProgram(superopt::agent::Game& g,
                                              const superopt::Program& p) {
    superopt::agent::GameState s = g.initial();
    for (const superopt::Instruction& in : p.code) {
        if (s.length() == p.length()) break;
        const int a = g.actionFor(s, in);
        REQUIRE(a >= 0);
        REQUIRE(g.legal(s, a));
        g.advance(s, a);
        g.evaluate(s);
    }
    return s;
}

} // namespace testing
