// The ranks of an MPI job (Open MPI): the input agreement, the island model's
// exchanges (collectives) and the experiment's work pool (rank 0 hands items out
// and takes outputs back with point-to-point messages). Everything sent is text.
#include "cluster.hpp"

#include "cli.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <list>
#include <mutex>
#include <numeric>
#include <optional>
#include <thread>

#include <sched.h>
#include <vector>

namespace cli {
namespace {

using nlohmann::json;
using superopt::Found;
using superopt::SearchResult;
using superopt::WorkPool;

// This process's place in the MPI job; MPI ends with it (at exit).
struct Job {
    Job() {
        int provided = 0;
        MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        MPI_Comm_size(MPI_COMM_WORLD, &size);
    }
    ~Job() { MPI_Finalize(); }
    int rank = 0, size = 1;
    bool agreed = false;
};

std::unique_ptr<Job> job; // set once this process joined an MPI job

bool startedByMpirun() {
    return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") ||
           std::getenv("PMI_RANK");
}

// The agreement: the lowest rank whose input is bad, or the rank count when none.
int firstFailure(bool failed) {
    int mine = failed ? job->rank : job->size, first = 0;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    job->agreed = true;
    return first;
}

// Texts of every rank, from the sizes and the concatenation an MPI gather produced.
std::vector<std::string> split(const std::string& all, const std::vector<int>& sizes,
                               const std::vector<int>& offsets) {
    std::vector<std::string> texts;
    for (size_t r = 0; r < sizes.size(); ++r) texts.push_back(all.substr(offsets[r], sizes[r]));
    return texts;
}

// Every rank's text, on every rank.
std::vector<std::string> allgather(const std::string& mine) {
    const int n = static_cast<int>(mine.size());
    std::vector<int> sizes(job->size), offsets(job->size);
    MPI_Allgather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, MPI_COMM_WORLD);
    std::exclusive_scan(sizes.begin(), sizes.end(), offsets.begin(), 0);
    std::string all(offsets.back() + sizes.back(), '\0');
    MPI_Allgatherv(mine.data(), n, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR,
                   MPI_COMM_WORLD);
    return split(all, sizes, offsets);
}

// Every rank's text, on rank 0; nothing elsewhere.
std::vector<std::string> gatherAtRoot(const std::string& mine) {
    const int n = static_cast<int>(mine.size());
    std::vector<int> sizes(job->size), offsets(job->size);
    MPI_Gather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::exclusive_scan(sizes.begin(), sizes.end(), offsets.begin(), 0);
    std::string all(job->rank == 0 ? offsets.back() + sizes.back() : 0, '\0');
    MPI_Gatherv(mine.data(), n, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, 0,
                MPI_COMM_WORLD);
    return job->rank == 0 ? split(all, sizes, offsets) : std::vector<std::string>{};
}

class RankIslands : public superopt::Islands {
  public:
    RankIslands(int chains, int64_t interval) : interval_(interval) {
        MPI_Exscan(&chains, &first_, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
        if (job->rank == 0) first_ = 0; // MPI_Exscan leaves rank 0's undefined
    }
    int firstChain() const override { return first_; }
    int64_t interval() const override { return interval_; }

    Exchanged exchange(const std::optional<Found>& best, bool halt) override {
        const json mine = {{"halt", halt}, {"best", best ? toWire(*best) : json()}};
        Exchanged all;
        for (const std::string& text : allgather(mine.dump())) {
            const json j = json::parse(text);
            all.halt = all.halt || j.at("halt").get<bool>();
            if (!j.at("best").is_null()) all.best.push_back(superopt::foundFromWire(j["best"]));
        }
        return all;
    }

    std::optional<std::vector<SearchResult>> gather(const SearchResult& mine) override {
        const std::vector<std::string> texts = gatherAtRoot(toWire(mine).dump());
        if (job->rank != 0) return std::nullopt;
        std::vector<SearchResult> others;
        for (size_t r = 1; r < texts.size(); ++r)
            others.push_back(superopt::resultFromWire(json::parse(texts[r])));
        return others;
    }

  private:
    int64_t interval_;
    int first_ = 0;
};

class RankProof : public superopt::ProofRanks {
  public:
    int rank() const override { return job->rank; }
    int count() const override { return job->size; }
    std::vector<std::string> allgather(const std::string& mine) override {
        return cli::allgather(mine);
    }
};

// The work pool's messages: an item for a rank, its output for rank 0, "stop taking
// new work and interrupt what runs", and "the pool is gone".
enum Tag { kItem = 1, kOutput, kStop, kFinish };

struct Message {
    int source, tag;
    size_t index;
    std::string text;
};

// The next message waiting from `source` (or MPI_ANY_SOURCE), if any.
std::optional<Message> poll(int source) {
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    if (!waiting) return std::nullopt;
    int count = 0;
    MPI_Get_count(&status, MPI_CHAR, &count);
    std::string body(count, '\0');
    MPI_Recv(body.data(), count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    const size_t newline = body.find('\n');
    return Message{status.MPI_SOURCE, status.MPI_TAG, std::stoull(body.substr(0, newline)),
                   body.substr(newline + 1)};
}

// Sends without blocking (so that two ranks sending to each other cannot deadlock);
// waits for what is still in flight when destroyed.
class Outbox {
  public:
    void send(int dest, int tag, size_t index, const std::string& text) {
        auto& [body, request] =
            pending_.emplace_back(std::to_string(index) + "\n" + text, MPI_REQUEST_NULL);
        MPI_Isend(body.data(), static_cast<int>(body.size()), MPI_CHAR, dest, tag, MPI_COMM_WORLD,
                  &request);
    }
    void progress() {
        std::erase_if(pending_, [](auto& p) {
            int done = 0;
            MPI_Test(&p.second, &done, MPI_STATUS_IGNORE);
            return done != 0;
        });
    }
    ~Outbox() {
        for (auto& p : pending_) MPI_Wait(&p.second, MPI_STATUS_IGNORE);
    }

  private:
    std::list<std::pair<std::string, MPI_Request>> pending_; // a list: stable addresses
};

void idleWait() {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

// Rank 0's side: `jobs` items at a time on every rank, itself included (threads).
class RankPool : public WorkPool {
  public:
    explicit RankPool(int jobs) : jobs_(jobs) {}
    ~RankPool() override {
        for (int r = 1; r < job->size; ++r) outbox_.send(r, kFinish, 0, "");
    }

    void run(const std::vector<std::string>& items, const Compute& compute, const Commit& commit,
             const std::atomic<bool>& stop) override {
        std::mutex mutex; // guards next and outputs
        size_t next = 0;
        std::vector<std::pair<size_t, std::string>> outputs; // of this rank's threads
        auto take = [&]() -> std::optional<size_t> {
            std::lock_guard lock(mutex);
            if (stop || next == items.size()) return std::nullopt;
            return next++;
        };
        std::atomic<int> working = jobs_;
        std::vector<std::jthread> threads;
        for (int t = 0; t < jobs_; ++t)
            threads.emplace_back([&] {
                while (auto i = take()) {
                    std::string output = compute(items[*i], stop);
                    std::lock_guard lock(mutex);
                    outputs.emplace_back(*i, std::move(output));
                }
                --working;
            });
        std::vector<int> busy(job->size, 0); // items out on each rank
        bool stopSent = false;
        while (true) {
            for (int r = 1; r < job->size; ++r)
                for (std::optional<size_t> i; busy[r] < jobs_ && (i = take()); ++busy[r])
                    outbox_.send(r, kItem, *i, items[*i]);
            if (stop && !stopSent) {
                for (int r = 1; r < job->size; ++r) outbox_.send(r, kStop, 0, "");
                stopSent = true;
            }
            const bool threadsDone = working == 0;
            bool idle = true;
            for (std::optional<Message> m; (m = poll(MPI_ANY_SOURCE)); idle = false) {
                --busy[m->source];
                commit(m->index, m->text);
            }
            std::vector<std::pair<size_t, std::string>> mine;
            {
                std::lock_guard lock(mutex);
                mine.swap(outputs);
            }
            for (const auto& [i, output] : mine) commit(i, output);
            outbox_.progress();
            if (threadsDone && std::accumulate(busy.begin(), busy.end(), 0) == 0) break;
            if (idle && mine.empty()) idleWait();
        }
    }

  private:
    int jobs_;
    Outbox outbox_;
};

// The other ranks' side: compute the items rank 0 sends until it says it is done.
void serve(const WorkPool::Compute& compute) {
    std::atomic<bool> stop = false;
    std::list<std::pair<size_t, std::future<std::string>>> running;
    Outbox outbox;
    for (bool finish = false; !finish || !running.empty();) {
        bool idle = true;
        for (std::optional<Message> m; (m = poll(0)); idle = false) {
            if (m->tag == kItem)
                running.emplace_back(
                    m->index, std::async(std::launch::async, compute, m->text, std::cref(stop)));
            else if (m->tag == kStop)
                stop = true;
            else
                finish = true;
        }
        if (interruptFlag()) stop = true;
        for (auto it = running.begin(); it != running.end();) {
            if (it->second.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
                ++it;
                continue;
            }
            outbox.send(0, kOutput, it->first, it->second.get());
            it = running.erase(it);
            idle = false;
        }
        outbox.progress();
        if (idle) idleWait();
    }
}

} // namespace

void joinRanks() {
    if (!job && startedByMpirun()) job = std::make_unique<Job>();
}
int rank() {
    return job ? job->rank : 0;
}
int ranks() {
    return job ? job->size : 1;
}

void agree() {
    if (job && firstFailure(false) < job->size) throw Reported{};
}

int reportError(const std::string& message) {
    if (!job) {
        std::cerr << message << "\n";
        return 2;
    }
    if (!job->agreed) {
        if (firstFailure(true) == job->rank)
            std::cerr << (job->rank ? "rank " + std::to_string(job->rank) + ": " : "") << message
                      << "\n";
        return 2;
    }
    std::cerr << "rank " << job->rank << " of " << job->size << ": " << message << std::endl;
    if (job->size > 1) MPI_Abort(MPI_COMM_WORLD, 2);
    return 2;
}

std::unique_ptr<superopt::Islands> islands(int chains, int64_t interval) {
    if (ranks() == 1) return nullptr;
    return std::make_unique<RankIslands>(chains, interval);
}

std::unique_ptr<superopt::ProofRanks> proofRanks() {
    if (ranks() == 1) return nullptr;
    return std::make_unique<RankProof>();
}

int threadsOnRank(int threads) {
    cpu_set_t cores;
    if (ranks() > 1 && threads == 0 && sched_getaffinity(0, sizeof cores, &cores) == 0)
        return CPU_COUNT(&cores);
    return threads;
}

std::unique_ptr<WorkPool> shareWork(int jobs, const WorkPool::Compute& compute) {
    if (ranks() == 1) return nullptr;
    if (rank() != 0) {
        serve(compute);
        return nullptr;
    }
    return std::make_unique<RankPool>(jobs);
}

} // namespace cli
