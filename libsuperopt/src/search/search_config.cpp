// The tuned defaults of a search.
#include "superopt/search/search_config.hpp"

#include <stdexcept>

namespace superopt {

Training parseTraining(const std::string& text) {
    if (text == "permutations") return {Training::Kind::Permutations, 0};
    if (text == "complete") return {Training::Kind::Complete, 0};
    const std::string prefix = "sample:";
    if (text.rfind(prefix, 0) == 0) {
        const std::string digits = text.substr(prefix.size());
        const bool number = !digits.empty() && digits.size() <= 9 &&
                            digits.find_first_not_of("0123456789") == std::string::npos;
        if (number && std::stoi(digits) >= 1) return {Training::Kind::Sample, std::stoi(digits)};
        throw std::invalid_argument("training set '" + text +
                                    "': sample:N needs a whole number N >= 1");
    }
    throw std::invalid_argument("unknown training set '" + text +
                                "' (known: permutations, complete, sample:N)");
}

std::string toString(const Training& t) {
    switch (t.kind) {
    case Training::Kind::Complete:
        return "complete";
    case Training::Kind::Sample:
        return "sample:" + std::to_string(t.sample);
    case Training::Kind::Permutations:
        break;
    }
    return "permutations";
}

SearchConfig defaultsFor(const std::string& start, bool target) {
    SearchConfig c;
    c.start = start;
    if (target) {
        c.cost.correctness = Correctness::Hamming;
        c.beta = 3;
        c.cost.alpha = 0.3;
        if (start == "cold") c.maxLength = -1; // the target's length + 1
        // A warm chain drifts into wrong programs shorter than any right one near the
        // target and stays there: back to the target after a million proposals without
        // a new best (p21: 22 instructions without, 7 with).
        if (start == "warm") c.restartEvery = 1000000;
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
