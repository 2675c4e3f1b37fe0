// Verifies a sort3 kernel through the library API: the compiled network passes the
// complete check, and a version with one instruction removed does not.
#include <superopt/core/sorting_networks.hpp>
#include <superopt/core/verify.hpp>

#include <iostream>

int main() {
    auto task = superopt::Task::parse("sort3");
    auto program = superopt::humanBenchmark(task);
    auto good = superopt::verify(program, task);
    std::cout << "sort3 network, " << program.length() << " instructions: " << good.describe(program) << "\n";
    program.code.erase(program.code.begin() + 5);
    auto bad = superopt::verify(program, task);
    std::cout << "with one instruction removed: " << bad.describe(program) << "\n";
    return good.correct && !bad.correct ? 0 : 1;
}
