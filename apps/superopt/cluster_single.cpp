// A build without MPI: every command runs as this one process.
#include "cluster.hpp"

#include <iostream>

namespace cli {

void joinRanks() {}
int rank() {
    return 0;
}
int ranks() {
    return 1;
}
void agree() {}

int reportError(const std::string& message) {
    std::cerr << message << "\n";
    return 2;
}

std::unique_ptr<superopt::Islands> islands(int, int64_t) {
    return nullptr;
}

std::unique_ptr<superopt::ProofRanks> proofRanks() {
    return nullptr;
}

int threadsOnRank(int threads) {
    return threads;
}

std::unique_ptr<superopt::WorkPool> shareWork(int, const superopt::WorkPool::Compute&) {
    return nullptr;
}

} // namespace cli
