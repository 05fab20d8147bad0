// The `convneat` Python module's native part, convneat._convneat (python/convneat/__init__.py
// re-exports it). docs/python.md is its guide.
#include "bindings.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_schema.hpp"
#include "neat/population.hpp"
#include "neat/software_version.hpp"

PYBIND11_MODULE(_convneat, module) {
  using namespace convneat::python;
  module.doc() = "ConvNEAT from Python: configs, populations with fitness functions in Python, networks.";
  // A config or file the CLI would refuse is a ValueError here, with the CLI's message.
  py::register_exception<convneat::ConfigError>(module, "ConfigError", PyExc_ValueError);
  py::register_exception<convneat::CheckpointError>(module, "CheckpointError", PyExc_ValueError);
  // Every species died out and /population/on_extinction says stop.
  py::register_exception<convneat::ExtinctionError>(module, "ExtinctionError", PyExc_RuntimeError);
  bind_config(module);
  bind_network(module);
  bind_genome(module);
  bind_population(module);
  module.attr("__version__") = convneat::software_version();
}
