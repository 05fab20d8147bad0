#include "nets/dot_writer.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace convneat {
namespace {

std::string node_name(NodeId id) {
  std::string name = "n";  // built by append: GCC 12 warns falsely (-Wrestrict) on "n" + string
  name += std::to_string(id);
  return name;
}

std::string node_label(const NodeGene& node) {
  std::ostringstream label;
  switch (node.kind) {
    case NodeKind::input: label << "in " << node.id; break;
    case NodeKind::bias: label << "bias"; break;
    case NodeKind::hidden: label << node.id << "\\n" << activation_name(node.activation); break;
    case NodeKind::output: label << "out " << node.id << "\\n" << activation_name(node.activation); break;
  }
  return label.str();
}

void write_rank(std::ostringstream& dot, const Genome& genome, const char* rank, auto predicate) {
  dot << "  { rank=" << rank << ";";
  for (const NodeGene& node : genome.nodes)
    if (predicate(node.kind)) dot << ' ' << node_name(node.id) << ';';
  dot << " }\n";
}

}  // namespace

std::string genome_to_dot(const Genome& genome, const std::string& title) {
  std::ostringstream dot;
  dot.precision(4);
  dot << "digraph \"" << title << "\" {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n";
  for (const NodeGene& node : genome.nodes) {
    const char* shape = node.kind == NodeKind::hidden ? "circle" : "box";
    const char* fill = node.kind == NodeKind::output ? "lightblue" : node.kind == NodeKind::hidden ? "white" : "lightgrey";
    dot << "  " << node_name(node.id) << " [label=\"" << node_label(node) << "\", shape=" << shape
        << ", style=filled, fillcolor=" << fill << "];\n";
  }
  write_rank(dot, genome, "source", [](NodeKind k) { return k == NodeKind::input || k == NodeKind::bias; });
  write_rank(dot, genome, "sink", [](NodeKind k) { return k == NodeKind::output; });
  for (const ConnectionGene& c : genome.connections) {
    dot << "  " << node_name(c.in) << " -> " << node_name(c.out) << " [label=\"" << c.weight << "\"";
    if (c.enabled)
      dot << ", color=" << (c.weight < 0 ? "red" : "blue")
          << ", penwidth=" << std::clamp(0.5 + std::abs(c.weight), 0.5, 5.0);
    else
      dot << ", style=dashed, color=grey";
    dot << "];\n";
  }
  dot << "}\n";
  return dot.str();
}

}  // namespace convneat
