// Sorting networks and their compilation to programs.
#include "superopt/core/sorting_networks.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace superopt {

extern const char* const kSortingNetworksJson;

int Network::size() const {
    int s = 0;
    for (const auto& layer : layers) s += static_cast<int>(layer.size());
    return s;
}

namespace {

std::vector<Network> loadNetworks() {
    auto doc = nlohmann::json::parse(kSortingNetworksJson);
    std::vector<Network> out(17);
    for (const auto& j : doc.at("networks")) {
        Network net;
        net.n = j.at("n").get<int>();
        for (const auto& layer : j.at("layers")) {
            net.layers.emplace_back();
            for (const auto& c : layer)
                net.layers.back().emplace_back(c.at(0).get<int>(), c.at(1).get<int>());
        }
        out.at(net.n) = std::move(net);
    }
    return out;
}

int newLabel(Program& p, const std::string& name) {
    p.labelNames.push_back(name);
    return static_cast<int>(p.labelNames.size()) - 1;
}

void emit(Program& p, Op op, Operand src, Operand dst) {
    p.code.push_back({op, src, dst});
}

} // namespace

const Network& sortingNetwork(int n) {
    static const std::vector<Network> nets = loadNetworks();
    if (n < 2 || n > 16 || nets[n].n != n)
        throw std::invalid_argument("no sorting network for n = " + std::to_string(n) + " (2..16)");
    return nets[n];
}

void appendNetwork(Program& p, const Network& net, int firstSlot) {
    const Operand t = Operand::reg(net.n);
    for (int i = 0; i < net.n; ++i) emit(p, Op::Mov, Operand::mem(firstSlot + i), Operand::reg(i));
    for (const auto& layer : net.layers)
        for (auto [i, j] : layer) {
            Operand a = Operand::reg(i), b = Operand::reg(j);
            emit(p, Op::Mov, a, t);
            emit(p, Op::Cmp, b, a);
            emit(p, Op::Cmovg, b, a);
            emit(p, Op::Cmovg, t, b);
        }
    for (int i = 0; i < net.n; ++i) emit(p, Op::Mov, Operand::reg(i), Operand::mem(firstSlot + i));
}

Program humanBenchmark(const Task& task) {
    Program p;
    if (task.kind() == Task::Kind::Sort) {
        appendNetwork(p, sortingNetwork(task.n()), 0);
        return p;
    }
    // varsortN: n = 1 returns at once; n = 2..N-1 jump to their network; n = N falls
    // through to its network first.
    const int N = task.n();
    const Operand len = Operand::reg(0);
    const int end = newLabel(p, ".Lend");
    std::vector<int> block(N + 1, -1);
    for (int n = 2; n < N; ++n) block[n] = newLabel(p, ".Ln" + std::to_string(n));
    emit(p, Op::Mov, Operand::mem(0), len);
    emit(p, Op::Cmp, Operand::imm(2), len);
    emit(p, Op::Jl, {}, Operand::label(end));
    for (int n = 2; n < N; ++n) {
        if (n > 2) emit(p, Op::Cmp, Operand::imm(n), len);
        emit(p, Op::Je, {}, Operand::label(block[n]));
    }
    for (int n = N; n >= 2; --n) {
        if (n < N) emit(p, Op::Label, {}, Operand::label(block[n]));
        appendNetwork(p, sortingNetwork(n), 1);
        if (n > 2) emit(p, Op::Jmp, {}, Operand::label(end));
    }
    emit(p, Op::Label, {}, Operand::label(end));
    return p;
}

} // namespace superopt
