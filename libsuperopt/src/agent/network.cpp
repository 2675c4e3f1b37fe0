// The network: forward pass, hand-written backpropagation, Adam, weight files.
#include "superopt/agent/network.hpp"

#include "superopt/core/files.hpp"
#include "superopt/core/random.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace superopt::agent {

namespace {

enum Block { ProgW, ProgB, LaneW, LaneB, TorsoW, TorsoB, PolicyW, PolicyB, ValueW, ValueB };
constexpr const char* kMagic = "SOPTNET";

Eigen::MatrixXd relu(const Eigen::MatrixXd& z) {
    return z.cwiseMax(0.0);
}
Eigen::MatrixXd reluGrad(const Eigen::MatrixXd& z, const Eigen::MatrixXd& d) {
    return (z.array() > 0).cast<double>() * d.array();
}

} // namespace

NetworkShape shapeFor(const Game& game, int hidden, int laneHidden) {
    const GameConfig& c = game.config();
    NetworkShape s;
    s.game = game.name() + " r" + std::to_string(c.registers) + " len" +
             std::to_string(c.maxLength) + " hist" + std::to_string(c.history);
    s.programFeatures = game.programFeatures();
    s.laneFeatures = game.laneFeatures();
    s.codesPerLane = game.codesPerLane();
    s.actions = game.actionCount();
    s.hidden = hidden;
    s.laneHidden = laneHidden;
    return s;
}

std::vector<double> policy(const Prediction& p, const std::vector<int>& legal) {
    std::vector<double> out(legal.size());
    double top = -INFINITY, sum = 0;
    for (int a : legal) top = std::max(top, p.logits[a]);
    for (size_t i = 0; i < legal.size(); ++i) sum += out[i] = std::exp(p.logits[legal[i]] - top);
    for (double& x : out) x /= sum;
    return out;
}

const char* Network::blockName(int b) {
    static const char* names[kBlocks] = {"program encoder weights", "program encoder bias",
                                         "lane encoder weights",    "lane encoder bias",
                                         "torso weights",           "torso bias",
                                         "policy head weights",     "policy head bias",
                                         "value heads weights",     "value heads bias"};
    return names[b];
}

Network::Network(NetworkShape shape, uint64_t seed) : shape_(std::move(shape)) {
    const int h = shape_.hidden, hl = shape_.laneHidden;
    const int rows[kBlocks] = {h, h, hl, hl, h, h, shape_.actions, shape_.actions, 2, 2};
    const int cols[kBlocks] = {
        shape_.programFeatures, 1, shape_.laneFeatures, 1, h + hl, 1, h, 1, h, 1};
    // He initialisation; a one-hot layer's fan-in is the number of features on at once.
    const double fanIn[kBlocks] = {
        16, 1, double(shape_.codesPerLane), 1, double(h + hl), 1, double(h), 1, double(h), 1};
    const double gain[kBlocks] = {2, 0, 2, 0, 2, 0, 0.01, 0, 0.01, 0};
    Rng rng(seed);
    std::normal_distribution<double> normal;
    for (int b = 0; b < kBlocks; ++b) {
        Eigen::MatrixXd w(rows[b], cols[b]);
        const double sd = std::sqrt(gain[b] / fanIn[b]);
        for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = sd * normal(rng);
        params_.push_back(std::move(w));
    }
    adamM_ = adamV_ = zeroGradients();
}

std::vector<Eigen::MatrixXd> Network::zeroGradients() const {
    std::vector<Eigen::MatrixXd> g;
    for (const auto& p : params_) g.push_back(Eigen::MatrixXd::Zero(p.rows(), p.cols()));
    return g;
}

struct Network::Trace {
    Eigen::VectorXd zp, hp, m, x, zt, t;
    Eigen::MatrixXd zu;
};

Prediction Network::forward(const Observation& o, Trace& tr) const {
    const auto& W = params_;
    tr.zp = W[ProgB];
    for (int i : o.program) tr.zp += W[ProgW].col(i);
    tr.hp = relu(tr.zp);
    const int codes = shape_.codesPerLane, lanes = static_cast<int>(o.lanes.size()) / codes;
    tr.zu.resize(shape_.laneHidden, lanes);
    for (int l = 0; l < lanes; ++l) {
        Eigen::VectorXd z = W[LaneB];
        for (int c = 0; c < codes; ++c) z += W[LaneW].col(o.lanes[size_t(l) * codes + c]);
        tr.zu.col(l) = z;
    }
    tr.m = relu(tr.zu).rowwise().mean();
    tr.x.resize(shape_.hidden + shape_.laneHidden);
    tr.x << tr.hp, tr.m;
    tr.zt = W[TorsoW] * tr.x + W[TorsoB];
    tr.t = relu(tr.zt);
    Prediction p;
    p.logits = W[PolicyW] * tr.t + W[PolicyB];
    Eigen::Vector2d v = W[ValueW] * tr.t + W[ValueB];
    p.correctness = v[0];
    p.length = v[1];
    return p;
}

Prediction Network::predict(const Observation& o) const {
    Trace t;
    return forward(o, t);
}

void Network::backward(const Example& e, const Trace& tr, const Eigen::VectorXd& dLogits,
                       const Eigen::Vector2d& dValue, std::vector<Eigen::MatrixXd>& grad) const {
    const auto& W = params_;
    grad[PolicyW].noalias() += dLogits * tr.t.transpose();
    grad[PolicyB] += dLogits;
    grad[ValueW].noalias() += dValue * tr.t.transpose();
    grad[ValueB] += dValue;
    const Eigen::VectorXd dzt =
        reluGrad(tr.zt, W[PolicyW].transpose() * dLogits + W[ValueW].transpose() * dValue);
    grad[TorsoW].noalias() += dzt * tr.x.transpose();
    grad[TorsoB] += dzt;
    const Eigen::VectorXd dx = W[TorsoW].transpose() * dzt;
    const Eigen::VectorXd dzp = reluGrad(tr.zp, dx.head(shape_.hidden));
    grad[ProgB] += dzp;
    for (int i : e.observation.program) grad[ProgW].col(i) += dzp;
    const int codes = shape_.codesPerLane, lanes = static_cast<int>(tr.zu.cols());
    const Eigen::VectorXd dm = dx.tail(shape_.laneHidden) / lanes;
    for (int l = 0; l < lanes; ++l) {
        const Eigen::VectorXd dzu = reluGrad(tr.zu.col(l), dm);
        grad[LaneB] += dzu;
        for (int c = 0; c < codes; ++c)
            grad[LaneW].col(e.observation.lanes[size_t(l) * codes + c]) += dzu;
    }
}

LossParts Network::loss(const std::vector<const Example*>& batch,
                        std::vector<Eigen::MatrixXd>* grad) const {
    LossParts out;
    const double scale = 1.0 / double(batch.size());
    Trace tr;
    for (const Example* e : batch) {
        Prediction p = forward(e->observation, tr);
        std::vector<double> pi = policy(p, e->legal);
        Eigen::VectorXd dLogits = Eigen::VectorXd::Zero(shape_.actions);
        for (size_t i = 0; i < e->legal.size(); ++i) {
            out.policy -= scale * e->target[i] * std::log(std::max(pi[i], 1e-300));
            dLogits[e->legal[i]] = scale * (pi[i] - e->target[i]);
        }
        const Eigen::Vector2d err(p.correctness - e->correctness, p.length - e->length);
        out.value += scale * 0.5 * valueWeight * err.squaredNorm();
        if (grad) backward(*e, tr, dLogits, scale * valueWeight * err, *grad);
    }
    for (int b = ProgW; b < kBlocks; b += 2) {
        out.regularisation += l2 * params_[b].squaredNorm();
        if (grad) (*grad)[b] += 2 * l2 * params_[b];
    }
    return out;
}

LossParts Network::train(const std::vector<const Example*>& batch, double learningRate) {
    // One gradient buffer for every step: a fresh one would map and unmap its megabytes
    // (the program encoder's weights) each step.
    if (grad_.empty()) grad_ = zeroGradients();
    for (auto& g : grad_) g.setZero();
    std::vector<Eigen::MatrixXd>& grad = grad_;
    LossParts l = loss(batch, &grad);
    constexpr double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    ++steps_;
    const double c1 = 1 - std::pow(b1, double(steps_)), c2 = 1 - std::pow(b2, double(steps_));
    for (int b = 0; b < kBlocks; ++b) {
        adamM_[b] = b1 * adamM_[b] + (1 - b1) * grad[b];
        adamV_[b] = b2 * adamV_[b] + (1 - b2) * grad[b].cwiseProduct(grad[b]);
        params_[b].array() -=
            learningRate * (adamM_[b].array() / c1) / ((adamV_[b].array() / c2).sqrt() + eps);
    }
    return l;
}

namespace {

template <class T> void put(std::string& out, const T& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

std::string describe(const NetworkShape& s) {
    std::ostringstream o;
    o << "'" << s.game << "', " << s.actions << " actions, " << s.programFeatures << "+"
      << s.laneFeatures << " features, hidden " << s.hidden << "/" << s.laneHidden;
    return o.str();
}

} // namespace

void Network::save(const std::string& path) const {
    std::string out(kMagic, 8);
    put(out, int32_t(kVersion));
    put(out, int32_t(shape_.game.size()));
    out += shape_.game;
    for (int v : {shape_.programFeatures, shape_.laneFeatures, shape_.codesPerLane, shape_.actions,
                  shape_.hidden, shape_.laneHidden})
        put(out, int32_t(v));
    for (const auto& p : params_)
        out.append(reinterpret_cast<const char*>(p.data()), p.size() * sizeof(double));
    writeFileAtomic(path, out);
}

Network Network::load(const std::string& path, const NetworkShape& expected) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open the weights file");
    auto fail = [&](const std::string& why) { return std::runtime_error(path + ": " + why); };
    auto get = [&](auto& v) {
        if (!in.read(reinterpret_cast<char*>(&v), sizeof v)) throw fail("truncated weights file");
    };
    char magic[8] = {};
    in.read(magic, 8);
    if (!in || std::memcmp(magic, kMagic, 8) != 0) throw fail("not a superopt agent weights file");
    int32_t version = 0, n = 0;
    get(version);
    if (version != kVersion)
        throw fail("weights file version " + std::to_string(version) +
                   ", this build reads version " + std::to_string(kVersion));
    get(n);
    if (n < 0 || n > 1000) throw fail("corrupt weights file");
    NetworkShape s;
    s.game.resize(n);
    in.read(s.game.data(), n);
    for (int* v : {&s.programFeatures, &s.laneFeatures, &s.codesPerLane, &s.actions, &s.hidden,
                   &s.laneHidden}) {
        int32_t x = 0;
        get(x);
        *v = x;
    }
    if (!(s == expected))
        throw fail("the weights are for " + describe(s) + ", but this run needs " +
                   describe(expected));
    Network net(s, 0);
    for (auto& p : net.params_)
        if (!in.read(reinterpret_cast<char*>(p.data()), p.size() * sizeof(double)))
            throw fail("truncated weights file");
    if (in.peek() != std::char_traits<char>::eof()) throw fail("trailing bytes after the weights");
    return net;
}

} // namespace superopt::agent
