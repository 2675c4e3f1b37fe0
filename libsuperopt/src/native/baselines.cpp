// The compiled baselines. The networks are spelled out here as compile-time
// constants so that the compiler sees every comparator; a test checks that they are
// the ones in data/sorting_networks.json.
#include "superopt/native/baselines.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <stdexcept>

namespace superopt {

namespace {

struct Comparator {
    int i, j;
};

// clang-format off
constexpr std::array<Comparator, 1> kNet2 = {{{0, 1}}};
constexpr std::array<Comparator, 3> kNet3 = {{{0, 2}, {0, 1}, {1, 2}}};
constexpr std::array<Comparator, 5> kNet4 = {{{0, 2}, {1, 3}, {0, 1}, {2, 3}, {1, 2}}};
constexpr std::array<Comparator, 9> kNet5 = {{{0, 3}, {1, 4}, {0, 2}, {1, 3}, {0, 1}, {2, 4}, {1, 2}, {3, 4},
                                              {2, 3}}};
constexpr std::array<Comparator, 12> kNet6 = {{{0, 5}, {1, 3}, {2, 4}, {1, 2}, {3, 4}, {0, 3}, {2, 5}, {0, 1},
                                               {2, 3}, {4, 5}, {1, 2}, {3, 4}}};
constexpr std::array<Comparator, 16> kNet7 = {{{0, 6}, {2, 3}, {4, 5}, {0, 2}, {1, 4}, {3, 6}, {0, 1}, {2, 5},
                                               {3, 4}, {1, 2}, {4, 6}, {2, 3}, {4, 5}, {1, 2}, {3, 4}, {5, 6}}};
constexpr std::array<Comparator, 19> kNet8 = {{{0, 2}, {1, 3}, {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7},
                                               {0, 1}, {2, 3}, {4, 5}, {6, 7}, {2, 4}, {3, 5}, {1, 4}, {3, 6},
                                               {1, 2}, {3, 4}, {5, 6}}};
// clang-format on

// Index n - 2.
constexpr std::span<const Comparator> kNetworks[] = {kNet2, kNet3, kNet4, kNet5,
                                                     kNet6, kNet7, kNet8};

// libc++'s __cond_swap: x gets the smaller, y the larger, without a branch.
inline void condSwap(int32_t* x, int32_t* y) {
    bool r = *x < *y;
    int32_t tmp = r ? *x : *y;
    *y = r ? *y : *x;
    *x = tmp;
}

template <int N> void networkSort(int32_t* v) {
    constexpr std::span<const Comparator> net = kNetworks[N - 2];
    [&]<size_t... K>(std::index_sequence<K...>) {
        (condSwap(v + net[K].i, v + net[K].j), ...);
    }
    (std::make_index_sequence<net.size()>{});
}

template <int N> void stdSortN(int32_t* v) {
    std::sort(v, v + N);
}

// varsortN: length 1 is sorted already; 2..N go to their sort.
template <int N, template <int> class Sort> void dispatch(int32_t* buf) {
    const int n = buf[0];
    [&]<int... K>(std::integer_sequence<int, K...>) {
        ((n == K + 2 ? Sort<K + 2>::run(buf + 1) : void()), ...);
    }
    (std::make_integer_sequence<int, N - 1>{});
}

void varStdSort(int32_t* buf) {
    std::sort(buf + 1, buf + 1 + buf[0]);
}

template <int N> struct Branchless {
    static void run(int32_t* v) { networkSort<N>(v); }
};

template <int... N>
constexpr std::array<KernelFn, sizeof...(N)> table(std::integer_sequence<int, N...>, auto make) {
    return {make.template operator()<N>()...};
}

// Kernels by N, index N - 2.
const auto kBranchless = table(std::integer_sequence<int, 2, 3, 4, 5, 6, 7, 8>{},
                               []<int N>() -> KernelFn { return &networkSort<N>; });
const auto kStdSort = table(std::integer_sequence<int, 2, 3, 4, 5, 6, 7, 8>{},
                            []<int N>() -> KernelFn { return &stdSortN<N>; });
const auto kVarBranchless = table(std::integer_sequence<int, 2, 3, 4, 5>{},
                                  []<int N>() -> KernelFn { return &dispatch<N, Branchless>; });

} // namespace

KernelFn branchlessSort(const Task& task) {
    return task.kind() == Task::Kind::Sort ? kBranchless.at(task.n() - 2)
                                           : kVarBranchless.at(task.n() - 2);
}

KernelFn stdSort(const Task& task) {
    return task.kind() == Task::Kind::Sort ? kStdSort.at(task.n() - 2) : varStdSort;
}

std::vector<Baseline> baselines(const Task& task) {
    return {{"branchless C++", branchlessSort(task)}, {"std::sort", stdSort(task)}};
}

std::vector<std::pair<int, int>> compiledNetwork(int n) {
    if (n < 2 || n > 8)
        throw std::invalid_argument("no compiled network for n = " + std::to_string(n) + " (2..8)");
    std::vector<std::pair<int, int>> out;
    for (auto c : kNetworks[n - 2]) out.emplace_back(c.i, c.j);
    return out;
}

} // namespace superopt
