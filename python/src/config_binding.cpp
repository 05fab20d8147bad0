// convneat.Config: an experiment config read from a JSON file or a dict, with --set-style
// overrides, validated by the same table (and with the same messages) as the CLI's.
#include <algorithm>
#include <filesystem>

#include "bindings.hpp"
#include "experiments/config_file.hpp"
#include "neat/config_document.hpp"
#include "python_task.hpp"

namespace convneat::python {
namespace {

ExperimentConfig read_config(const py::object& source) {
  if (py::isinstance<py::dict>(source)) {
    const std::string text = to_json(source, "config dict").dump();
    LoadedExperiment experiment = load_experiment_text(text, "config dict");
    return {std::move(experiment.config), std::move(experiment.document), "config dict"};
  }
  if (!py::isinstance<py::str>(source) && !py::hasattr(source, "__fspath__"))
    throw py::type_error("Config: expected a JSON file's path or a dict, got " + type_name(source));
  const std::filesystem::path path = path_text(source);
  LoadedExperiment experiment = load_experiment(path);
  return {std::move(experiment.config), std::move(experiment.document), path.string()};
}

// A whole task section replaces the config's. Its name is checked here; its parameters, by the
// task when it is made (run() names this override's keys then, as /task/...).
void replace_task(ExperimentConfig& config, nlohmann::json task, const std::string& where) {
  const std::vector<std::string> names = python_tasks().names();
  if (!task.contains("name") || !task["name"].is_string() ||
      std::find(names.begin(), names.end(), task["name"].get<std::string>()) == names.end()) {
    std::string allowed;
    for (const std::string& name : names) allowed += (allowed.empty() ? "\"" : ", \"") + name + "\"";
    throw ConfigError(where + ": /task/name: expected one of " + allowed);
  }
  config.config.task = task;
  config.document["task"] = std::move(task);
}

void apply_overrides(ExperimentConfig& config, const py::object& overrides) {
  if (overrides.is_none()) return;
  if (py::isinstance<py::dict>(overrides)) {
    for (const auto& [key, value] : overrides.cast<py::dict>()) {
      const std::string name = py::str(key).cast<std::string>();
      const std::string where = "overrides[\"" + name + "\"]";
      if (to_json_pointer(name) == "/task" && py::isinstance<py::dict>(value)) {
        replace_task(config, to_json(value, where), where);
        continue;
      }
      set_key(config, name, to_json(value, where).dump(), where);
    }
    return;
  }
  if (py::isinstance<py::str>(overrides))
    throw py::type_error("overrides: expected a dict or a list of \"KEY=VALUE\" strings, got one string");
  for (const py::handle item : overrides) {
    const std::string assignment = py::str(item).cast<std::string>();
    const auto equals = assignment.find('=');
    if (equals == std::string::npos)
      throw ConfigError("overrides: \"" + assignment + "\": expected KEY=VALUE, e.g. population.size=300");
    set_key(config, assignment.substr(0, equals), assignment.substr(equals + 1), "");
  }
}

ExperimentConfig make_config(const py::object& source, const py::object& overrides) {
  ExperimentConfig config = read_config(source);
  apply_overrides(config, overrides);
  return config;
}

py::object value_at(const ExperimentConfig& config, const std::string& key) {
  const nlohmann::json document = config_to_json(config.config);
  try {
    const nlohmann::json::json_pointer pointer(to_json_pointer(key));
    if (document.contains(pointer)) return from_json(document[pointer]);
  } catch (const nlohmann::json::exception&) {  // not a JSON pointer at all ("/~")
  }
  throw py::key_error(key + ": no such key (docs/config.md lists them)");
}

}  // namespace

std::string path_text(const py::handle& path) { return py::module_::import("os").attr("fspath")(path).cast<std::string>(); }

std::string type_name(const py::handle& value) {
  return py::str(py::type::of(value).attr("__name__")).cast<std::string>();
}

void set_key(ExperimentConfig& config, const std::string& key, const std::string& value_text,
             const std::string& source) {
  const std::string pointer = apply_override(config.config, key, value_text, source);
  config.document[nlohmann::json::json_pointer(pointer)] = true;  // the document lists every key chosen
}

nlohmann::json to_json(const py::handle& value, const std::string& where) {
  // numpy's scalars (np.int64, np.float32, …) become Python's own numbers through .item().
  const py::object as_plain = py::cpp_function([](const py::handle& unknown) -> py::object {
    if (py::hasattr(unknown, "item")) return unknown.attr("item")();
    throw py::type_error(type_name(unknown) +
                         " is not a config value (numbers, strings, booleans, None, lists and dicts are)");
  });
  std::string text;
  try {
    text = py::module_::import("json").attr("dumps")(value, py::arg("allow_nan") = false, py::arg("default") = as_plain)
               .cast<std::string>();
  } catch (const py::error_already_set& error) {
    if (error.matches(PyExc_TypeError)) throw ConfigError(where + ": " + py::str(error.value()).cast<std::string>());
    if (error.matches(PyExc_ValueError))
      throw ConfigError(where + ": NaN and infinity are not config values (JSON has no such numbers)");
    throw;
  }
  return nlohmann::json::parse(text);
}

py::object from_json(const nlohmann::json& value) { return py::module_::import("json").attr("loads")(value.dump()); }

void bind_config(py::module_& module) {
  py::class_<ExperimentConfig>(module, "Config", R"(An experiment config, as `convneat run` reads it.

Config(source, overrides=None)

source: a JSON file's path, or a dict with the file's structure (docs/config.md lists
every key). overrides: a dict {"population.size": 300, "task.name": "xor"} or a list of
"KEY=VALUE" strings as `convneat run --set` takes them; in a dict, "task" may be given a
whole section, which replaces the config's: {"task": {"name": "python", "inputs": 2,
"outputs": 1}}. A bad key or value raises
ValueError naming its JSON path and what is allowed, exactly as the CLI says it.)")
      .def(py::init(&make_config), py::arg("source"), py::arg("overrides") = py::none())
      .def("with_overrides",
           [](const ExperimentConfig& config, const py::object& overrides) {
             ExperimentConfig copy = config;
             apply_overrides(copy, overrides);
             return copy;
           },
           py::arg("overrides"), "A copy with more overrides (a dict or \"KEY=VALUE\" strings).")
      .def("to_dict", [](const ExperimentConfig& config) { return from_json(config_to_json(config.config)); },
           "Every key with its value: what a run writes to config.json.")
      .def("__getitem__", &value_at, py::arg("key"),
           "One value by dotted key or JSON pointer: config[\"population.size\"].")
      .def_property_readonly("source", [](const ExperimentConfig& config) { return config.source; },
                             "The file it was read from, or \"config dict\".")
      .def(py::pickle(  // for multiprocessing: every value, the keys the source chose, where it came from
          [](const ExperimentConfig& config) {
            return py::make_tuple(from_json(config_to_json(config.config)), from_json(config.document), config.source);
          },
          [](const py::tuple& state) {
            if (state.size() != 3) throw py::value_error("Config: not a pickled convneat.Config");
            const std::string source = state[2].cast<std::string>();
            return ExperimentConfig{config_from_json(to_json(state[0], "config"), source), to_json(state[1], "config"),
                                    source};
          }))
      .def("__repr__", [](const ExperimentConfig& config) {
        return "<convneat.Config from " + config.source + ": task " + config.config.task.value("name", "?") + ", seed " +
               std::to_string(config.config.seed) + ">";
      });
}

}  // namespace convneat::python
