// genome_to_dot: a node's label shows its aggregation and response only when they are not the
// original NEAT node's (sum, response 1), so a default genome's DOT is what it always was.
#include <catch2/catch.hpp>

#include <string>

#include "export/dot_writer.hpp"
#include "genome/genome.hpp"

using namespace convneat;

namespace {

// Input 0, bias 1, output 2 (tanh), hidden 3 (sigmoid); 0 → 3 → 2 and 1 → 2.
Genome small_genome() {
  Genome genome;
  genome.nodes = {{0, NodeKind::input, Activation::identity, 0.0},
                  {1, NodeKind::bias, Activation::identity, 0.0},
                  {2, NodeKind::output, Activation::tanh, 0.0},
                  {3, NodeKind::hidden, Activation::sigmoid, 0.0}};
  genome.connections = {{0, 0, 3, 0.5, true}, {1, 3, 2, -1.25, true}, {2, 1, 2, 2.0, false}};
  return genome;
}

std::string node_line(const std::string& dot, const std::string& name) {
  const std::size_t begin = dot.find("  " + name + " [");
  REQUIRE(begin != std::string::npos);
  return dot.substr(begin, dot.find('\n', begin) - begin);
}

}  // namespace

TEST_CASE("DOT of a genome whose nodes all sum with response 1 is as before aggregation and response") {
  CHECK(genome_to_dot(small_genome(), "g") ==
        "digraph \"g\" {\n"
        "  rankdir=TB;\n"
        "  node [fontname=\"Helvetica\", fontsize=10];\n"
        "  n0 [label=\"in 0\", shape=box, style=filled, fillcolor=lightgrey];\n"
        "  n1 [label=\"bias\", shape=box, style=filled, fillcolor=lightgrey];\n"
        "  n2 [label=\"out 2\\ntanh\", shape=box, style=filled, fillcolor=lightblue];\n"
        "  n3 [label=\"3\\nsigmoid\", shape=circle, style=filled, fillcolor=white];\n"
        "  { rank=source; n0; n1; }\n"
        "  { rank=sink; n2; }\n"
        "  n0 -> n3 [label=\"0.5\", color=blue, penwidth=1];\n"
        "  n3 -> n2 [label=\"-1.25\", color=red, penwidth=1.75];\n"
        "  n1 -> n2 [label=\"2\", style=dashed, color=grey];\n"
        "}\n");
}

TEST_CASE("DOT labels show an aggregation other than sum, a response and a time constant other than 1, on a line of their own") {
  Genome genome = small_genome();
  NodeGene& output = genome.nodes[2];
  NodeGene& hidden = genome.nodes[3];

  hidden.aggregation = Aggregation::max;
  CHECK(node_line(genome_to_dot(genome), "n3") ==
        "  n3 [label=\"3\\nsigmoid\\nmax\", shape=circle, style=filled, fillcolor=white];");

  hidden.aggregation = Aggregation::sum;
  hidden.response = 0.5;
  CHECK(node_line(genome_to_dot(genome), "n3") ==
        "  n3 [label=\"3\\nsigmoid\\nr=0.5\", shape=circle, style=filled, fillcolor=white];");

  output.aggregation = Aggregation::median;
  output.response = -1.25;
  CHECK(node_line(genome_to_dot(genome), "n2") ==
        "  n2 [label=\"out 2\\ntanh\\nmedian r=-1.25\", shape=box, style=filled, fillcolor=lightblue];");

  output.time_constant = 0.05;  // a CTRNN time constant other than 1 joins the line
  CHECK(node_line(genome_to_dot(genome), "n2") ==
        "  n2 [label=\"out 2\\ntanh\\nmedian r=-1.25 τ=0.05\", shape=box, style=filled, fillcolor=lightblue];");
  hidden.response = 1.0;
  hidden.time_constant = 2.5;
  CHECK(node_line(genome_to_dot(genome), "n3") ==
        "  n3 [label=\"3\\nsigmoid\\nτ=2.5\", shape=circle, style=filled, fillcolor=white];");

  hidden.time_constant = 1.0;  // a spiking neuron's parameters: the paper's name for them, or the values
  hidden.izhikevich = preset_parameters(SpikingPreset::chattering);
  CHECK(node_line(genome_to_dot(genome), "n3") ==
        "  n3 [label=\"3\\nsigmoid\\nchattering\", shape=circle, style=filled, fillcolor=white];");
  hidden.izhikevich.a = 0.03;
  CHECK(node_line(genome_to_dot(genome), "n3") ==
        "  n3 [label=\"3\\nsigmoid\\na=0.03 b=0.2 c=-50 d=2\", shape=circle, style=filled, fillcolor=white];");

  // Inputs and the bias node never show them (they aggregate nothing).
  genome.nodes[0].aggregation = Aggregation::product;
  genome.nodes[0].response = 3.0;
  CHECK(node_line(genome_to_dot(genome), "n0") ==
        "  n0 [label=\"in 0\", shape=box, style=filled, fillcolor=lightgrey];");
}
