// The processes a command runs on: this one alone, or the ranks of an MPI job
// (`mpirun -np K superopt search|experiment|prove ...` in a build with SUPEROPT_MPI):
// cluster_mpi.cpp with Open MPI, cluster_single.cpp without. MPI starts only under
// mpirun and only for the commands that run on ranks (search, experiment, prove).
#pragma once

#include "superopt/experiment/runner.hpp"
#include "superopt/search/islands.hpp"
#include "superopt/search/prover.hpp"

#include <memory>
#include <string>

namespace cli {

// Joins the MPI job when mpirun started this process; the commands that run on ranks
// call it first thing.
void joinRanks();
int rank();  // 0 alone
int ranks(); // 1 alone

// Every rank calls agree() once its input is checked, or reportError() when the input
// is bad; when some rank's is, agree() throws Reported (the problem was reported once).
struct Reported {};
void agree();
// A command's error: alone, the line on stderr and exit code 2. On ranks, before the
// agreement, the first failing rank's line once and every rank exits 2; after it, the
// line with the rank's number, and the whole job ends (MPI_Abort).
int reportError(const std::string& message);

// The island model over the ranks (islands.hpp), each running `chains` chains and
// exchanging every `interval` proposals per chain; nothing alone.
std::unique_ptr<superopt::Islands> islands(int chains, int64_t interval);

// The prover's ranks (prover.hpp): the frontier split over the ranks; nothing alone.
std::unique_ptr<superopt::ProofRanks> proofRanks();

// Worker threads for a `threads` of 0 ("every core"): on ranks, the cores this rank is
// bound to, so that ranks sharing a machine share its cores; alone, 0 as given.
int threadsOnRank(int threads);

// An experiment's work over the ranks, `jobs` items at a time on each: on rank 0 a pool
// that hands items out as ranks become free; the other ranks compute items until rank
// 0's pool is gone and then get nothing, as does a process alone.
std::unique_ptr<superopt::WorkPool> shareWork(int jobs, const superopt::WorkPool::Compute& compute);

} // namespace cli
