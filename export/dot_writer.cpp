#include "export/dot_writer.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "genome/spatial/geometry.hpp"
#include "genome/spatial/names.hpp"

namespace convneat {
namespace {

std::string node_name(NodeId id) {
  std::string name = "n";  // built by append: GCC 12 warns falsely (-Wrestrict) on "n" + string
  name += std::to_string(id);
  return name;
}

// A readout input is named by what it reads: "c2 (3,4)" for channel 2, row 3, column 4 of
// the last map, or "c2 max" for a pooled readout.
std::string readout_label(NodeId id, const SpatialStack& stack) {
  const auto [copy, channel, cell] = readout_source(id);
  std::ostringstream label;
  if (stack.copies > 1) label << "image " << copy << ' ';
  label << 'c' << channel;
  if (stack.readout != ReadoutKind::flatten) {
    label << ' ' << readout_name(stack.readout);
  } else {
    const std::size_t width = final_map_shape(stack).width;
    label << " (" << cell / width << ',' << cell % width << ')';
  }
  return label.str();
}

// A spiking neuron's parameters: the name of the paper's set they are, or the four values.
std::string izhikevich_text(const IzhikevichParameters& parameters) {
  for (const SpikingPreset preset : kSpikingPresets.values())
    if (preset_parameters(preset) == parameters) return std::string(kSpikingPresets.name(preset));
  std::ostringstream text;
  text.precision(4);
  text << "a=" << parameters.a << " b=" << parameters.b << " c=" << parameters.c << " d=" << parameters.d;
  return text.str();
}

// A computed node's aggregation, response, time constant and Izhikevich parameters on a line
// of their own ("max r=0.5 τ=0.05"), each only where it is not the default (sum, 1, 1, regular
// spiking); nothing for the original NEAT node, whose label stays as it always was.
std::string node_genes_line(const NodeGene& node) {
  std::vector<std::string> parts;
  if (node.aggregation != Aggregation::sum) parts.emplace_back(kAggregationNames.name(node.aggregation));
  std::ostringstream value;
  value.precision(4);  // as the edge weights
  if (node.response != 1.0) {
    value << "r=" << node.response;
    parts.push_back(value.str());
  }
  if (!node.has_default_time_constant()) {
    value.str("");
    value << "τ=" << node.time_constant;
    parts.push_back(value.str());
  }
  if (!node.has_default_izhikevich()) parts.push_back(izhikevich_text(node.izhikevich));
  std::string line;
  for (const std::string& part : parts) {
    line += line.empty() ? "\\n" : " ";
    line += part;
  }
  return line;
}

// A name as DOT label text: quotes and backslashes escaped, no line breaks.
std::string label_text(const std::string& name) {
  std::string text;
  for (char c : name) {
    if (c == '"' || c == '\\') text += '\\';
    text += c == '\n' || c == '\r' ? ' ' : c;
  }
  return text;
}

// The name the task gives node `ordinal` of its kind (the ordinal-th input or output in the
// genome's order), as a first label line; nothing when it names none.
std::string name_line(const std::vector<std::string>& names, std::size_t ordinal) {
  return ordinal < names.size() ? label_text(names[ordinal]) + "\\n" : std::string();
}

std::string node_label(const NodeGene& node, const Genome& genome, const NodeNames& names, std::size_t ordinal) {
  std::ostringstream label;
  if (node.kind == NodeKind::input && !(genome.spatial && is_readout_node_id(node.id)))
    label << name_line(names.inputs, ordinal);
  if (node.kind == NodeKind::output) label << name_line(names.outputs, ordinal);
  switch (node.kind) {
    case NodeKind::input:
      if (genome.spatial && is_readout_node_id(node.id))
        label << readout_label(node.id, *genome.spatial);
      else
        label << "in " << node.id;
      break;
    case NodeKind::bias: label << "bias"; break;
    case NodeKind::hidden:
      label << node.id << "\\n" << activation_name(node.activation) << node_genes_line(node);
      break;
    case NodeKind::output:
      label << "out " << node.id << "\\n" << activation_name(node.activation) << node_genes_line(node);
      break;
  }
  return label.str();
}

std::string shape_text(const ImageShape& shape) {
  return std::to_string(shape.channels) + "x" + std::to_string(shape.height) + "x" + std::to_string(shape.width);
}

// A flattened readout of more than one cell per channel is drawn one node per (image,
// channel): thousands of input boxes side by side make a picture nobody can read.
bool groups_readout(const Genome& genome) {
  return genome.spatial && genome.spatial->readout == ReadoutKind::flatten && final_map_shape(*genome.spatial).cells() > 1;
}

// The group node of readout input `id`: "g<copy>_<channel>".
std::string group_name(NodeId id) {
  const ReadoutSource source = readout_source(id);
  std::string name = "g";  // built by append, as node_name (GCC 12's false -Wrestrict)
  name += std::to_string(source.copy);
  name += '_';
  name += std::to_string(source.channel);
  return name;
}

// Whether `node` is drawn by its group (`grouping`: groups_readout(genome), computed once).
bool grouped(bool grouping, const NodeGene& node) {
  return grouping && node.kind == NodeKind::input && is_readout_node_id(node.id);
}

// The group nodes, each labelled with its image (when tied), channel and number of inputs.
void write_readout_groups(std::ostringstream& dot, const Genome& genome) {
  const SpatialStack& stack = *genome.spatial;
  const ImageShape map = final_map_shape(stack);
  std::vector<std::string> written;
  for (const NodeGene& node : genome.nodes) {
    if (!grouped(true, node)) continue;
    const std::string name = group_name(node.id);
    if (std::find(written.begin(), written.end(), name) != written.end()) continue;
    written.push_back(name);
    const ReadoutSource source = readout_source(node.id);
    dot << "    " << name << " [label=\"";
    if (stack.copies > 1) dot << "image " << source.copy << "\\n";
    dot << "channel " << source.channel << "\\n" << map.cells() << " inputs (" << map.height << 'x' << map.width
        << ")\", shape=box3d, style=filled, fillcolor=lightgrey];\n";
  }
}

// The front end as one box, a line per layer, above a cluster holding the readout inputs.
void write_spatial_block(std::ostringstream& dot, const Genome& genome) {
  const SpatialStack& stack = *genome.spatial;
  const auto geometry = stack_geometry(stack);
  dot << "  spatial [shape=box, style=filled, fillcolor=lightyellow, label=\"image " << shape_text(stack.input);
  for (std::size_t i = 0; i < stack.layers.size(); ++i) {
    const SpatialLayerGene& layer = stack.layers[i];
    dot << "\\nlayer " << layer.innovation << ": " << sharing_mode_name(layer.mode);
    if (layer.mode == SharingMode::centroid) dot << " K=" << layer.banks;
    dot << ' ' << layer.kernel_size << 'x' << layer.kernel_size << " stride " << layer.stride << ' '
        << activation_name(layer.activation);
    if (layer.virtual_batch_norm) dot << ", virtual batch norm";
    if (layer.pooling != Pooling::none) dot << ", " << pooling_name(layer.pooling) << " pool";
    dot << " -> " << shape_text(geometry[i].output);
  }
  if (stack.copies > 1) dot << "\\ntied: applied to each of " << stack.copies << " images";
  dot << "\\nreadout " << readout_name(stack.readout) << " (" << stack.copies * readout_size(stack) << " inputs)\"];\n";
  dot << "  subgraph cluster_readout {\n    label=\"readout\";\n";
  std::string first;
  const bool grouping = groups_readout(genome);
  if (grouping) write_readout_groups(dot, genome);
  for (const NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::input) {
      const std::string name = grouped(grouping, node) ? group_name(node.id) : node_name(node.id);
      if (first.empty()) first = name;
      if (!grouped(grouping, node)) dot << "    " << name << ";\n";
    }
  dot << "  }\n";
  if (!first.empty()) dot << "  spatial -> " << first << " [lhead=cluster_readout, style=bold];\n";
}

// What the edges' colours, styles and widths mean.
void write_legend(std::ostringstream& dot, bool weights_on_hover) {
  dot << "  legend [shape=note, fontsize=9, label=\"edges\\lblue: weight > 0\\lred: weight < 0\\l"
         "dashed grey: disabled\\lwidth: 0.5 + |weight| (a group's: mean |weight|), at most 5\\l"
      << (weights_on_hover ? "weights: hover over an edge (SVG)\\l" : "") << "\"];\n";
}

void write_edge_style(std::ostringstream& dot, bool enabled, double weight, double magnitude) {
  if (enabled)
    dot << ", color=" << (weight < 0 ? "red" : "blue") << ", penwidth=" << std::clamp(0.5 + magnitude, 0.5, 5.0);
  else
    dot << ", style=dashed, color=grey";
}

// Connections from one readout group to one node, drawn as one edge: how many, their sum
// (its sign gives the colour) and their mean magnitude (the width).
struct GroupEdge {
  std::size_t count = 0;
  double sum = 0.0, magnitude = 0.0;
};

// Past this many edges their labels crowd the drawing apart; they become tooltips (shown by
// an SVG viewer on hover) and the legend says so.
constexpr std::size_t kLabelledEdges = 40;

// Returns whether the weights went into tooltips.
bool write_connections(std::ostringstream& dot, const Genome& genome) {
  const bool grouping = groups_readout(genome);
  std::map<std::tuple<std::string, NodeId, bool>, GroupEdge> group_edges;
  std::vector<std::tuple<std::string, std::string, std::string, bool, double, double>> edges;  // from, to, text, ...
  for (const ConnectionGene& c : genome.connections) {
    const NodeGene* source = genome.find_node(c.in);
    if (source != nullptr && grouped(grouping, *source)) {
      GroupEdge& edge = group_edges[{group_name(c.in), c.out, c.enabled}];
      ++edge.count, edge.sum += c.weight, edge.magnitude += std::abs(c.weight);
      continue;
    }
    std::ostringstream text;
    text.precision(4);
    text << c.weight;
    edges.emplace_back(node_name(c.in), node_name(c.out), text.str(), c.enabled, c.weight, std::abs(c.weight));
  }
  for (const auto& [key, edge] : group_edges) {
    const auto& [group, target, enabled] = key;
    std::ostringstream text;
    text.precision(4);
    text << edge.count << (enabled ? " links\\nsum " : " disabled\\nsum ") << edge.sum;
    edges.emplace_back(group, node_name(target), text.str(), enabled, edge.sum,
                       edge.magnitude / static_cast<double>(edge.count));
  }
  const char* attribute = edges.size() > kLabelledEdges ? "tooltip" : "label";
  for (const auto& [from, to, text, enabled, weight, magnitude] : edges) {
    dot << "  " << from << " -> " << to << " [" << attribute << "=\"" << text << "\"";
    write_edge_style(dot, enabled, weight, magnitude);
    dot << "];\n";
  }
  return edges.size() > kLabelledEdges;
}

void write_rank(std::ostringstream& dot, const Genome& genome, const char* rank, auto predicate) {
  dot << "  { rank=" << rank << ";";
  for (const NodeGene& node : genome.nodes)
    if (predicate(node.kind)) dot << ' ' << node_name(node.id) << ';';
  dot << " }\n";
}

}  // namespace

std::string genome_to_dot(const Genome& genome, const std::string& title, const NodeNames& names) {
  std::ostringstream dot;
  dot.precision(4);
  dot << "digraph \"" << title << "\" {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n";
  if (genome.spatial) dot << "  compound=true;\n";
  const bool grouping = groups_readout(genome);
  std::size_t inputs = 0, outputs = 0;  // ordinals of the next input and output node
  for (const NodeGene& node : genome.nodes) {
    const std::size_t ordinal = node.kind == NodeKind::input ? inputs++ : node.kind == NodeKind::output ? outputs++ : 0;
    if (grouped(grouping, node)) continue;  // drawn by its group
    const char* shape = node.kind == NodeKind::hidden ? "circle" : "box";
    const char* fill = node.kind == NodeKind::output ? "lightblue" : node.kind == NodeKind::hidden ? "white" : "lightgrey";
    dot << "  " << node_name(node.id) << " [label=\"" << node_label(node, genome, names, ordinal) << "\", shape=" << shape
        << ", style=filled, fillcolor=" << fill << "];\n";
  }
  if (genome.spatial) {
    write_spatial_block(dot, genome);  // the readout inputs sit in their cluster below it
    write_rank(dot, genome, "source", [](NodeKind k) { return k == NodeKind::bias; });
  } else {
    write_rank(dot, genome, "source", [](NodeKind k) { return k == NodeKind::input || k == NodeKind::bias; });
  }
  write_rank(dot, genome, "sink", [](NodeKind k) { return k == NodeKind::output; });
  write_legend(dot, write_connections(dot, genome));
  dot << "}\n";
  return dot.str();
}

}  // namespace convneat
