// convneat.Genome (genes read-only, a fitness that an eval_genomes function sets) and
// convneat.load_champion (a run's champion.json).
#include <filesystem>
#include <map>

#include "bindings.hpp"
#include "experiments/champion_file.hpp"
#include "experiments/export_command.hpp"
#include "genome/activation.hpp"
#include "genome/aggregation.hpp"
#include "genome/genome_json.hpp"
#include "genome/graph_checks.hpp"
#include "neat/config_document.hpp"
#include "nets/compile_network.hpp"
#include "python_task.hpp"

namespace convneat::python {
namespace {

using namespace pybind11::literals;

NetworkHandle compile(const GenomeHandle& handle) {
  return {std::shared_ptr<Network>(compile_network(*handle.genome, handle.phenotype))};
}

py::dict champion_dict(const Champion& champion) {
  py::dict result;
  result["genome"] = GenomeHandle{std::make_shared<const Genome>(champion.genome), champion.phenotype};
  result["feed_forward"] = champion.phenotype.feed_forward;
  result["task"] = from_json(champion.task);
  for (const char* key :
       {"solved", "generations", "evaluations", "evaluations_to_solve", "champion_test", "names", "software"})
    if (champion.document.contains(key)) result[key] = from_json(champion.document[key]);
  return result;
}

// A genome written as to_dict() gives it (docs/champion-format.md), checked as champion.json's;
// `network`, when given, is a /network section (a CTRNN's kind, integration and steps).
GenomeHandle genome_from_dict(const py::dict& document, bool feed_forward, const py::object& network) {
  try {
    Phenotype phenotype{.feed_forward = feed_forward};
    if (!network.is_none())
      phenotype.network = config_from_json({{"network", to_json(network, "network")}}, "network").network;
    auto genome = std::make_shared<Genome>(genome_from_json(to_json(document, "genome")));
    if (feed_forward && has_cycle(*genome))
      throw std::runtime_error("genome: holds a cycle; give feed_forward=False for a recurrent genome");
    return GenomeHandle{std::move(genome), phenotype};
  } catch (const std::runtime_error& error) {
    throw py::value_error(error.what());
  }
}

// neat-python's key of every node: inputs −1, −2, … in id order and then the bias node, if
// any (an input that is always 1), outputs 0, 1, … in id order; hidden nodes keep their id,
// which is never below the number of inputs and outputs, so no two keys are equal.
std::map<NodeId, long long> neat_python_keys(const Genome& genome) {
  std::map<NodeId, long long> keys;
  long long source = 0, output = 0;
  for (NodeKind kind : {NodeKind::input, NodeKind::bias})
    for (const NodeGene& node : genome.nodes)
      if (node.kind == kind) keys[node.id] = -++source;
  for (const NodeGene& node : genome.nodes) {
    if (node.kind == NodeKind::output) keys[node.id] = output++;
    if (node.kind == NodeKind::hidden) keys[node.id] = static_cast<long long>(node.id);
  }
  return keys;
}

// genome.nodes as neat-python has it: {key: gene} for outputs and hidden nodes (inputs are no
// genes in neat-python), each gene with key, bias, response, activation, aggregation and
// time_constant.
py::dict node_genes(const GenomeHandle& handle) {
  const std::map<NodeId, long long> keys = neat_python_keys(*handle.genome);
  const py::object gene = py::module_::import("types").attr("SimpleNamespace");
  py::dict nodes;
  for (const NodeGene& node : handle.genome->nodes) {
    if (node.kind != NodeKind::output && node.kind != NodeKind::hidden) continue;
    const long long key = keys.at(node.id);
    nodes[py::int_(key)] = gene("key"_a = key, "id"_a = node.id, "bias"_a = node.bias, "response"_a = node.response,
                                "activation"_a = std::string(activation_name(node.activation)),
                                "aggregation"_a = std::string(kAggregationNames.name(node.aggregation)),
                                "time_constant"_a = node.time_constant);
  }
  return nodes;
}

// genome.connections as neat-python has it: {(in key, out key): gene}, disabled ones too,
// each gene with key, weight, enabled and ConvNEAT's innovation number.
py::dict connection_genes(const GenomeHandle& handle) {
  const std::map<NodeId, long long> keys = neat_python_keys(*handle.genome);
  const py::object gene = py::module_::import("types").attr("SimpleNamespace");
  py::dict connections;
  for (const ConnectionGene& connection : handle.genome->connections) {
    const py::tuple key = py::make_tuple(keys.at(connection.in), keys.at(connection.out));
    connections[key] = gene("key"_a = key, "weight"_a = connection.weight, "enabled"_a = connection.enabled,
                            "innovation"_a = connection.innovation);
  }
  return connections;
}

// The phenotype `network()` compiles: the genome's own, or a /network section given instead
// (a CTRNN of the genome, whatever the run was).
NetworkHandle compile_as(const GenomeHandle& handle, const py::object& settings) {
  if (settings.is_none()) return compile(handle);
  Phenotype phenotype = handle.phenotype;
  try {
    phenotype.network = config_from_json({{"network", to_json(settings, "network")}}, "network").network;
  } catch (const std::runtime_error& error) {
    throw py::value_error(error.what());
  }
  if (phenotype.network.kind != NetworkKind::graph) phenotype.feed_forward = false;
  return {std::shared_ptr<Network>(compile_network(*handle.genome, phenotype))};
}

// Pickling (multiprocessing, saving a winner): the genome as to_dict() writes it, its
// phenotype and its fitness.
py::tuple pickled_genome(const GenomeHandle& handle) {
  py::object network = py::none();
  if (handle.phenotype.network.kind != NetworkKind::graph) {
    NeatConfig config;
    config.network = handle.phenotype.network;
    network = from_json(config_to_json(config)["network"]);
  }
  return py::make_tuple(from_json(genome_to_json(*handle.genome)), handle.phenotype.feed_forward, network,
                        handle.fitness);
}

}  // namespace

void bind_genome(py::module_& module) {
  py::class_<GenomeHandle>(module, "Genome", R"(A genome: node and connection genes (read-only here)
and, optionally, a convolutional front end.

fitness is None until set: an eval_genomes function (Population.run) sets it for every
genome it is given.)")
      .def_property_readonly("id", [](const GenomeHandle& handle) { return handle.genome->id; })
      .def_property_readonly("key", [](const GenomeHandle& handle) { return handle.genome->id; },
                             "The id, by neat-python's name.")
      .def_readwrite("fitness", &GenomeHandle::fitness)
      .def_property_readonly("feed_forward", [](const GenomeHandle& handle) { return handle.phenotype.feed_forward; })
      .def_property_readonly("node_count", [](const GenomeHandle& handle) { return handle.genome->nodes.size(); })
      .def_property_readonly("connection_count",
                             [](const GenomeHandle& handle) { return handle.genome->enabled_connection_count(); },
                             "Enabled connections.")
      .def_property_readonly("has_front_end", [](const GenomeHandle& handle) { return handle.genome->spatial.has_value(); })
      .def("network", &compile_as, py::arg("settings") = py::none(),
           R"(Compiles the phenotype: feed-forward, recurrent, CTRNN or spiking, as the run was; or,
with settings (a config's /network section, e.g. {"kind": "ctrnn", "time_step": 0.01}), as
they say.)")
      .def_property_readonly("nodes", &node_genes,
                             R"({key: gene} of the output and hidden nodes, keyed as neat-python keys them
(outputs 0, 1, ...; hidden nodes by id); each gene has key, id (ConvNEAT's), bias, response,
activation, aggregation and time_constant.)")
      .def_property_readonly("connections", &connection_genes,
                             R"({(in key, out key): gene} of every connection, disabled ones too, keyed as
neat-python keys them (inputs -1, -2, ..., then the bias node, if any; outputs 0, 1, ...);
each gene has key, weight, enabled and innovation.)")
      .def(py::pickle(&pickled_genome,
                      [](const py::tuple& state) {
                        if (state.size() != 4) throw py::value_error("Genome: not a pickled convneat.Genome");
                        GenomeHandle handle = genome_from_dict(state[0].cast<py::dict>(), state[1].cast<bool>(), state[2]);
                        handle.fitness = state[3];
                        return handle;
                      }))
      .def("to_dict", [](const GenomeHandle& handle) { return from_json(genome_to_json(*handle.genome)); },
           "The genome as champion.json holds it (docs/champion-format.md).")
      .def_static("from_dict", &genome_from_dict, py::arg("genome"), py::arg("feed_forward") = true,
                  py::arg("network") = py::none(),
                  R"(A genome from a dict as to_dict() gives it: nodes (id, kind, activation, bias and,
when not sum, 1 and 1, aggregation, response and time_constant) and connections. network, when
given, is a config's /network section, e.g. {"kind": "ctrnn", "time_step": 0.01,
"steps_per_activation": 5}: network() then compiles a CTRNN. Raises ValueError naming the field
that is wrong, or the cycle in a genome said to be feed-forward.)")
      .def("__repr__", [](const GenomeHandle& handle) {
        return "<convneat.Genome " + std::to_string(handle.genome->id) + ": " +
               std::to_string(handle.genome->nodes.size()) + " nodes, " +
               std::to_string(handle.genome->enabled_connection_count()) + " enabled connections" +
               (handle.genome->spatial ? ", a front end>" : ">");
      });

  module.def(
      "export",
      [](const py::object& champion, const std::string& format, const py::object& output) {
        const std::vector<std::string> arguments{path_text(champion), "--format", format, "--output", path_text(output)};
        const py::gil_scoped_release release;  // svg and png wait for Graphviz
        export_command(arguments, python_tasks());
      },
      py::arg("champion"), py::arg("format"), py::arg("output"),
      R"(Writes a run's champion (champion.json, or the run's directory) to `output` as `convneat
export` does: "json" (lossless), "dot", "svg" or "png" (Graphviz `dot`), or "onnx" (any champion
but a spiking one). Raises ValueError with the CLI's message for an unknown format or a bad file.)");

  module.def(
      "load_champion",
      [](const py::object& path) {
        return champion_dict(load_champion(path_text(path)));
      },
      py::arg("path"),
      R"(A run's champion: champion.json, or the run's output directory. Returns a dict with
"genome" (a Genome), "feed_forward", "task" (the run's /task section), "solved",
"generations", "evaluations" and, when the file has them, "evaluations_to_solve",
"champion_test", "names" (the task's input and output names) and "software". Raises ValueError naming the file and the problem.)");
}

}  // namespace convneat::python
