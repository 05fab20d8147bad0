#pragma once
// Small builders shared by the tests: hand-made genomes and a default XOR config.
#include <functional>
#include <initializer_list>
#include <memory>

#include "genome/genome.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/node_layout.hpp"
#include "genome/random.hpp"
#include "neat/config.hpp"

namespace convneat::testing {

inline Genome make_genome(std::initializer_list<NodeGene> nodes, std::initializer_list<ConnectionGene> connections) {
  Genome genome;
  for (const NodeGene& n : nodes) genome.insert_node(n);
  for (const ConnectionGene& c : connections) genome.insert_connection(c);
  return genome;
}

inline NodeGene input(NodeId id) { return {id, NodeKind::input, Activation::identity, 0.0}; }
inline NodeGene bias_node(NodeId id) { return {id, NodeKind::bias, Activation::identity, 0.0}; }
inline NodeGene output(NodeId id, Activation a = Activation::identity, double bias = 0.0) {
  return {id, NodeKind::output, a, bias};
}
inline NodeGene hidden(NodeId id, Activation a = Activation::identity, double bias = 0.0) {
  return {id, NodeKind::hidden, a, bias};
}
inline ConnectionGene link(InnovationId innovation, NodeId in, NodeId out, double weight, bool enabled = true) {
  return {innovation, in, out, weight, enabled};
}

inline NeatConfig xor_config(std::uint64_t seed, InnovationPolicyKind policy = InnovationPolicyKind::per_generation) {
  NeatConfig config;
  config.seed = seed;
  config.innovation_policy = policy;
  config.genome.num_inputs = 2;
  config.genome.num_outputs = 1;
  return config;
}

// A policy of the given kind and two start genomes made through it, with the next
// generation begun: the common set-up of the innovation-policy tests.
struct PolicyFixture {
  GenomeConfig config;
  std::unique_ptr<InnovationPolicy> policy;
  Genome first, second;

  explicit PolicyFixture(InnovationPolicyKind kind, GenomeConfig genome_config = {})
      : config(std::move(genome_config)),
        policy(make_innovation_policy(kind, NodeLayout(config).first_free_node)) {
    RandomStream random(1, 0, 0, Purpose::initial_population);
    first = make_initial_genome(0, config, *policy, random);
    second = make_initial_genome(1, config, *policy, random);
    policy->begin_generation();
  }
};

// (f(p + h) − f(p − h)) / 2h, the parameter restored afterwards: the numeric side of the
// gradient checks.
inline double central_difference(double& parameter, const std::function<double()>& loss, double step = 1e-6) {
  const double kept = parameter;
  parameter = kept + step;
  const double up = loss();
  parameter = kept - step;
  const double down = loss();
  parameter = kept;
  return (up - down) / (2.0 * step);
}

}  // namespace convneat::testing
