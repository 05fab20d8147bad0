#pragma once
// The pieces of the `convneat` Python module (module.cpp puts them together), and the values
// they pass to one another. Each bind_* function adds one concept's classes to the module.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genome/genome.hpp"
#include "neat/config.hpp"
#include "nets/network.hpp"
#include "nets/phenotype.hpp"

namespace convneat::python {

namespace py = pybind11;

// A config as the CLI reads it: the settled values and the document as written (whose keys
// say what the user chose, so a task's fixed sizes are checked against them alone).
struct ExperimentConfig {
  NeatConfig config;
  nlohmann::json document = nlohmann::json::object();
  std::string source;  // the file's name, or "config dict", in messages
};

// A compiled phenotype, shared by the Python objects that hold it.
struct NetworkHandle {
  std::shared_ptr<Network> network;
  std::vector<double> inputs{};  // activate()'s scratch: no allocation per call
};

// A generation's networks as a batch fitness receives them (convneat.Networks): a read-only
// sequence whose items become Python objects only when Python takes one, so that a vectorised
// fitness, which hands the whole sequence to activate_all, makes none (making and freeing 150
// of them was about a tenth of a run whose fitness is vectorised).
class NetworkList {
 public:
  explicit NetworkList(std::vector<std::shared_ptr<Network>> networks)
      : networks_(std::move(networks)), items_(networks_.size()) {}
  const std::vector<std::shared_ptr<Network>>& networks() const { return networks_; }
  std::size_t size() const { return networks_.size(); }
  // Network k's convneat.Network, the same object every time it is asked for.
  py::object item(std::size_t k);

 private:
  std::vector<std::shared_ptr<Network>> networks_;
  std::vector<py::object> items_;  // made on first access
};

// A genome as Python sees it: read-only genes, and a fitness an eval_genomes function sets.
struct GenomeHandle {
  std::shared_ptr<const Genome> genome;
  Phenotype phenotype{};  // how its network() is compiled
  py::object fitness = py::none();
};

// A path given as str or os.PathLike (pathlib.Path), as os.fspath reads it.
std::string path_text(const py::handle& path);

// The name of a value's type ("str", "ndarray"), for messages.
std::string type_name(const py::handle& value);

// Sets one key (dotted or a JSON pointer; `value_text` parsed as JSON, else a string) as
// `--set` does, and marks it in the document as chosen by the user. Errors name `source`.
void set_key(ExperimentConfig& config, const std::string& key, const std::string& value_text,
             const std::string& source);

// JSON values across the boundary (through Python's json module: exact for numbers). numpy
// scalars count as numbers; NaN, infinity and values JSON cannot hold are a ConfigError naming
// `where` (an override's key, "config dict").
nlohmann::json to_json(const py::handle& value, const std::string& where);
py::object from_json(const nlohmann::json& value);

void bind_config(py::module_& module);
void bind_network(py::module_& module);
void bind_genome(py::module_& module);
void bind_population(py::module_& module);

}  // namespace convneat::python
