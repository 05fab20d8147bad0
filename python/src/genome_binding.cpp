// convneat.Genome (genes read-only, a fitness that an eval_genomes function sets) and
// convneat.load_champion (a run's champion.json).
#include <filesystem>

#include "bindings.hpp"
#include "experiments/champion_file.hpp"
#include "experiments/export_command.hpp"
#include "genome/genome_json.hpp"
#include "genome/graph_checks.hpp"
#include "neat/config_document.hpp"
#include "nets/compile_network.hpp"
#include "python_task.hpp"

namespace convneat::python {
namespace {

NetworkHandle compile(const GenomeHandle& handle) {
  return {std::shared_ptr<Network>(compile_network(*handle.genome, handle.phenotype))};
}

py::dict champion_dict(const Champion& champion) {
  py::dict result;
  result["genome"] = GenomeHandle{std::make_shared<const Genome>(champion.genome), champion.phenotype};
  result["feed_forward"] = champion.phenotype.feed_forward;
  result["task"] = from_json(champion.task);
  for (const char* key : {"solved", "generations", "evaluations", "evaluations_to_solve", "champion_test", "software"})
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
      .def("network", &compile, "Compiles the phenotype (feed-forward or recurrent, as the run was).")
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
"champion_test" and "software". Raises ValueError naming the file and the problem.)");
}

}  // namespace convneat::python
