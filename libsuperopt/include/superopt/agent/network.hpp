// The agent's network (Eigen, double precision): a program encoder (an MLP over
// the recent instructions and the rule state, one-hot, so its first layer is a sum of
// embedding columns), a machine-state encoder (an MLP applied to every test input's
// register and buffer ranks, mean-pooled over the inputs), a shared torso, a policy
// head over the action space and two scalar value heads (correctness and length
// returns). Hand-written backpropagation and Adam; weights in a versioned binary
// file whose shape is checked on load.
#pragma once

#include "superopt/agent/game.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace superopt::agent {

struct NetworkShape {
    std::string game; // what the features describe, e.g. "sort3 r4 len20 hist8"
    int programFeatures = 0, laneFeatures = 0, codesPerLane = 0, actions = 0;
    int hidden = 128, laneHidden = 64;
    friend bool operator==(const NetworkShape&, const NetworkShape&) = default;
};
// The shape that fits a game.
NetworkShape shapeFor(const Game& game, int hidden = 128, int laneHidden = 64);

struct Prediction {
    Eigen::VectorXd logits; // one per action
    double correctness = 0, length = 0;
    double value() const { return correctness + length; }
};
// Softmax of the logits over the legal actions only.
std::vector<double> policy(const Prediction& p, const std::vector<int>& legal);

// One training position: the observation, the legal actions, the search's visit
// distribution over them, and the returns that followed.
struct Example {
    Observation observation;
    std::vector<int> legal;
    std::vector<double> target;
    double correctness = 0, length = 0;
};

struct LossParts {
    double policy = 0, value = 0, regularisation = 0;
    double total() const { return policy + value + regularisation; }
};

class Network {
  public:
    // Blocks: program encoder, lane encoder, torso, policy head, value heads
    // (two rows: correctness, length); weights then bias for each.
    static constexpr int kBlocks = 10;
    static constexpr int kVersion = 1;
    static const char* blockName(int b);

    Network(NetworkShape shape, uint64_t seed);
    const NetworkShape& shape() const { return shape_; }

    Prediction predict(const Observation& o) const;
    // Mean loss over the batch; adds its gradient to `grad` when given (sized like
    // parameters()).
    LossParts loss(const std::vector<const Example*>& batch,
                   std::vector<Eigen::MatrixXd>* grad) const;
    // One Adam step on the batch; returns its loss.
    LossParts train(const std::vector<const Example*>& batch, double learningRate);

    std::vector<Eigen::MatrixXd>& parameters() { return params_; }
    const std::vector<Eigen::MatrixXd>& parameters() const { return params_; }
    std::vector<Eigen::MatrixXd> zeroGradients() const;

    // Throws std::runtime_error naming the file and what is wrong.
    void save(const std::string& path) const;
    static Network load(const std::string& path, const NetworkShape& expected);

    double valueWeight = 1.0, l2 = 1e-5;

  private:
    struct Trace;
    Prediction forward(const Observation& o, Trace& t) const;
    void backward(const Example& e, const Trace& t, const Eigen::VectorXd& dLogits,
                  const Eigen::Vector2d& dValue, std::vector<Eigen::MatrixXd>& grad) const;

    NetworkShape shape_;
    std::vector<Eigen::MatrixXd> params_, adamM_, adamV_, grad_;
    int64_t steps_ = 0;
};

} // namespace superopt::agent
