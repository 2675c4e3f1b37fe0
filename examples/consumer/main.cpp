// Uses the installed libsuperopt through its one umbrella header: the compiled sort3
// network passes the complete check and a copy with one instruction removed does not;
// then a short search finds a shorter kernel, verified before it is printed.
#include <superopt/superopt.hpp>

#include <iostream>

int main() {
    auto task = superopt::Task::parse("sort3");
    auto program = superopt::humanBenchmark(task);
    auto good = superopt::verify(program, task);
    std::cout << "sort3 network, " << program.length()
              << " instructions: " << good.describe(program) << "\n";
    program.code.erase(program.code.begin() + 5);
    auto bad = superopt::verify(program, task);
    std::cout << "with one instruction removed: " << bad.describe(program) << "\n";

    superopt::SearchConfig config; // warm start from the network
    config.task = "sort3";
    config.seconds = 0;
    config.iterations = 200000;
    config.threads = 1;
    std::atomic<bool> stop = false;
    const superopt::SearchResult result = superopt::Search(config).run(stop);
    if (!result.best) return 1;
    std::cout << "search (libsuperopt " << superopt::kVersion << ", "
              << toString(superopt::activeVectorIsa()) << " path): " << result.best->length
              << " instructions, verified\n"
              << superopt::toText(result.best->program);
    return good.correct && !bad.correct && result.best->length <= 18 ? 0 : 1;
}
