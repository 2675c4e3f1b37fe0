// The tuned defaults of a search.
#include "superopt/search/search_config.hpp"

namespace superopt {

SearchConfig defaultsFor(const std::string& start, bool target) {
    SearchConfig c;
    c.start = start;
    if (target) {
        c.cost.correctness = Correctness::Hamming;
        c.beta = 3;
        c.cost.alpha = 0.3;
        if (start == "cold") c.maxLength = -1; // the target's length + 1
        return c;
    }
    if (start == "cold") {
        c.beta = 60;
        c.cost.alpha = 0.005;
        c.maxLength = -6; // the human benchmark's length + 6, resolved by Search
        c.restartEvery = 3000000;
    }
    return c;
}

} // namespace superopt
