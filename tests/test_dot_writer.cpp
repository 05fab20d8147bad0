// genome_to_dot: a node's label shows its aggregation and response only when they are not the
// original NEAT node's (sum, response 1); a legend explains the edges; an image champion's
// readout is drawn by groups; a crowded drawing keeps its weights in tooltips.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "export/dot_writer.hpp"
#include "genome/genome.hpp"
#include "genome/spatial/geometry.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

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

TEST_CASE("DOT of a genome whose nodes all sum with response 1 shows no node genes, and a legend for the edges") {
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
        "  legend [shape=note, fontsize=9, label=\"edges\\lblue: weight > 0\\lred: weight < 0\\ldashed grey: "
        "disabled\\lwidth: 0.5 + |weight| (a group's: mean |weight|), at most 5\\l\"];\n"
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

TEST_CASE("an image champion's readout is drawn one node per image and channel, its links to a node as one edge") {
  RandomStream rng(31);
  const ImageShape input{1, 6, 6};
  SpatialLayerGene layer = random_layer(rng, SharingMode::shared, input);
  layer.out_channels = 3;
  layer.pooling = Pooling::none;
  layer.padding = {Padding::Kind::same, 0};
  layer.stride = 1;
  layer.kernel_size = 3;
  layer.kernels.assign(3 * 9, 0.1);
  layer.biases.assign(3, 0.0);
  SpatialStack stack = make_stack(input, {layer});
  stack.copies = 2;
  const Genome genome = genome_with_front_end(stack, 2, rng);  // every readout input feeds the hidden node and both outputs
  const std::string dot = genome_to_dot(genome, "image");

  // 2 images × 3 channels: six group nodes of 36 inputs each, no node per input.
  for (std::size_t copy = 0; copy < 2; ++copy)
    for (std::size_t channel = 0; channel < 3; ++channel) {
      std::ostringstream group, label;
      group << 'g' << copy << '_' << channel;
      label << "image " << copy << "\\nchannel " << channel << "\\n36 inputs (6x6)";
      CHECK_THAT(node_line(dot, group.str()), Catch::Contains(label.str()));
    }
  for (const NodeId readout : readout_nodes(stack)) {
    std::ostringstream line;
    line << "  n" << readout << " [";
    CHECK(dot.find(line.str()) == std::string::npos);
  }
  // Each group's 36 links into each of the three nodes are one edge with their sum; 6 × 3
  // group edges and the bias and hidden edges to the outputs: 22 edges, labels kept.
  const NodeId hidden = 3;
  double sum = 0.0;
  for (const ConnectionGene& c : genome.connections)
    if (c.out == hidden && is_readout_node_id(c.in) && readout_source(c.in).channel == 1 && readout_source(c.in).copy == 0)
      sum += c.weight;
  std::ostringstream expected;
  expected.precision(4);
  expected << "  g0_1 -> n3 [label=\"36 links\\nsum " << sum << "\"";
  CHECK_THAT(dot, Catch::Contains(expected.str()));
  std::size_t edges = 0;  // lines "  FROM -> TO [...]"
  std::istringstream lines(dot);
  for (std::string line; std::getline(lines, line);)
    edges += line.starts_with("  ") && line.find(" -> ") != std::string::npos && line.find(' ', 2) == line.find(" -> ");
  CHECK(edges == 6 * 3 + 4 + 1);  // + the front end's arrow into the readout cluster
  CHECK_THAT(dot, !Catch::Contains("hover"));
  if (std::system("dot -V > /dev/null 2>&1") == 0) {  // Graphviz reads it
    const auto file = std::filesystem::temp_directory_path() / "convneat-grouped-readout.dot";
    std::ofstream(file) << dot;
    CHECK(std::system(("dot -Tcanon '" + file.string() + "' > /dev/null").c_str()) == 0);
    std::filesystem::remove(file);
  }
}

TEST_CASE("past 40 edges the weights move from labels to tooltips, and the legend says so") {
  Genome genome;
  genome.insert_node({0, NodeKind::output, Activation::identity, 0.0});
  for (NodeId input = 1; input <= 41; ++input) {
    genome.insert_node({input, NodeKind::input, Activation::identity, 0.0});
    genome.insert_connection({input, input, 0, 0.25 * static_cast<double>(input), true});
  }
  const std::string dot = genome_to_dot(genome);
  CHECK_THAT(dot, Catch::Contains("  n41 -> n0 [tooltip=\"10.25\", color=blue") &&
                      Catch::Contains("weights: hover over an edge (SVG)") && !Catch::Contains("label=\"10.25\""));
  genome.connections.pop_back();
  CHECK_THAT(genome_to_dot(genome), Catch::Contains("  n40 -> n0 [label=\"10\", color=blue"));
}

TEST_CASE("a task's names label its input and output nodes, escaped, above their ids") {
  const std::string dot = genome_to_dot(small_genome(), "g", {{"cart \"x\""}, {"push\nright"}});
  CHECK(node_line(dot, "n0") == "  n0 [label=\"cart \\\"x\\\"\\nin 0\", shape=box, style=filled, fillcolor=lightgrey];");
  CHECK(node_line(dot, "n2") == "  n2 [label=\"push right\\nout 2\\ntanh\", shape=box, style=filled, fillcolor=lightblue];");
  CHECK(node_line(dot, "n1") == "  n1 [label=\"bias\", shape=box, style=filled, fillcolor=lightgrey];");
  CHECK(genome_to_dot(small_genome(), "g", {}) == genome_to_dot(small_genome(), "g"));  // no names: as before
}
