// convneat.Network: a compiled phenotype. Inputs arrive as any sequence or ndarray of numbers,
// outputs leave as float64 ndarrays; C++ runs with the GIL released.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <vector>

#include "bindings.hpp"

namespace convneat::python {
namespace {

using Numbers = py::array_t<double, py::array::c_style | py::array::forcecast>;
using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Rows of inputs (N, inputs) as numpy holds them, in the networks' column-major layout.
Eigen::MatrixXd input_rows(const Numbers& rows) {
  return Eigen::Map<const RowMajor>(rows.data(), rows.shape(0), rows.shape(1));
}

[[noreturn]] void refuse_inputs(const Network& network, const std::string& got) {
  throw py::value_error("activate: expected " + std::to_string(network.input_count()) + " inputs, got " + got +
                        " (activate_batch takes rows of inputs)");
}

// The inputs of one activation in `buffer`. A list or tuple is read in place (a fitness
// function's usual argument: building an ndarray from it would cost more than the network);
// anything else goes through numpy's conversion.
void read_inputs(const Network& network, const py::handle& inputs, std::vector<double>& buffer) {
  buffer.resize(network.input_count());
  if (PyList_Check(inputs.ptr()) || PyTuple_Check(inputs.ptr())) {
    const py::ssize_t size = PySequence_Fast_GET_SIZE(inputs.ptr());
    if (static_cast<std::size_t>(size) != buffer.size()) refuse_inputs(network, std::to_string(size));
    // Plain floats and ints only: their conversion runs no Python code, so the list cannot
    // change under the loop. Anything else (numpy scalars, objects with __float__) goes to numpy.
    PyObject** items = PySequence_Fast_ITEMS(inputs.ptr());
    bool plain = true;
    for (py::ssize_t i = 0; plain && i < size; ++i) {
      if (PyFloat_CheckExact(items[i])) buffer[static_cast<std::size_t>(i)] = PyFloat_AS_DOUBLE(items[i]);
      else if (PyLong_CheckExact(items[i])) buffer[static_cast<std::size_t>(i)] = PyLong_AsDouble(items[i]);
      else plain = false;
    }
    if (PyErr_Occurred()) throw py::error_already_set();  // an int too large for a double
    if (plain) return;
  }
  const auto array = py::cast<Numbers>(inputs);
  if (array.ndim() != 1) refuse_inputs(network, "an array of " + std::to_string(array.ndim()) + " dimensions");
  if (static_cast<std::size_t>(array.size()) != buffer.size()) refuse_inputs(network, std::to_string(array.size()));
  std::copy(array.data(), array.data() + array.size(), buffer.begin());
}

py::array_t<double> activate(NetworkHandle& handle, const py::handle& inputs) {
  Network& network = *handle.network;
  read_inputs(network, inputs, handle.inputs);
  py::array_t<double> outputs(static_cast<py::ssize_t>(network.output_count()));
  network.activate(handle.inputs, std::span<double>(outputs.mutable_data(), network.output_count()));
  return outputs;  // too short a call to be worth releasing the GIL
}

Eigen::MatrixXd activate_batch(NetworkHandle& handle, const Numbers& rows) {
  Network& network = *handle.network;
  if (rows.ndim() != 2 || static_cast<std::size_t>(rows.shape(1)) != network.input_count())
    throw py::value_error("activate_batch: expected an array of shape (N, " + std::to_string(network.input_count()) +
                          "), one row of inputs per instance");
  const Eigen::MatrixXd inputs = input_rows(rows);
  py::gil_scoped_release release;
  return network.activate_batch(inputs);
}

bool all_distinct(const std::vector<std::shared_ptr<Network>>& networks) {
  std::vector<const Network*> seen;
  seen.reserve(networks.size());
  for (const auto& network : networks) seen.push_back(network.get());
  std::sort(seen.begin(), seen.end());
  return std::adjacent_find(seen.begin(), seen.end()) == seen.end();
}

// The networks of a convneat.Networks, or of any sequence of convneat.Network. Shared, not
// borrowed: with the GIL released another thread could drop the sequence's items.
std::vector<std::shared_ptr<Network>> networks_in(const py::object& networks) {
  if (py::isinstance<NetworkList>(networks)) return networks.cast<const NetworkList&>().networks();
  if (!PySequence_Check(networks.ptr()))
    throw py::type_error("activate_all: networks must be a sequence of convneat.Network, got a " + type_name(networks));
  std::vector<std::shared_ptr<Network>> each;
  each.reserve(py::len(networks));
  for (const py::handle& item : py::reinterpret_borrow<py::sequence>(networks)) {
    if (!py::isinstance<NetworkHandle>(item))
      throw py::type_error("activate_all: networks[" + std::to_string(each.size()) + "] is a " + type_name(item) +
                           ", not a convneat.Network");
    each.push_back(item.cast<NetworkHandle&>().network);
  }
  return each;
}

// Every network of `networks` on the same rows, as one (networks, rows, outputs) array: the
// whole of a generation's batch fitness in one call, so that a vectorised fitness spends no
// Python time per genome.
py::array_t<double> activate_all(const py::object& networks, const Numbers& rows) {
  const std::vector<std::shared_ptr<Network>> each = networks_in(networks);
  const std::size_t input_count = each.empty() ? 0 : each.front()->input_count();
  const std::size_t output_count = each.empty() ? 0 : each.front()->output_count();
  for (std::size_t k = 0; k < each.size(); ++k)
    if (each[k]->input_count() != input_count || each[k]->output_count() != output_count)
      throw py::value_error("activate_all: every network must have the same inputs and outputs; networks[" +
                            std::to_string(k) + "] has " + std::to_string(each[k]->input_count()) + " and " +
                            std::to_string(each[k]->output_count()) + ", networks[0] " +
                            std::to_string(input_count) + " and " + std::to_string(output_count));
  if (rows.ndim() != 2 || (!each.empty() && static_cast<std::size_t>(rows.shape(1)) != input_count))
    throw py::value_error("activate_all: expected an array of shape (N, " +
                          (each.empty() ? std::string("inputs") : std::to_string(input_count)) +
                          "), one row of inputs per instance");
  const py::ssize_t row_count = rows.shape(0);
  py::array_t<double> outputs({static_cast<py::ssize_t>(each.size()), row_count,
                               static_cast<py::ssize_t>(output_count)});
  const Eigen::MatrixXd inputs = input_rows(rows);
  double* out = outputs.mutable_data();
  const std::size_t block = static_cast<std::size_t>(row_count) * output_count;
  const auto run = [&](std::size_t k) {
    Eigen::Map<RowMajor>(out + k * block, row_count, static_cast<Eigen::Index>(output_count)) =
        each[k]->activate_batch(inputs);
  };
  py::gil_scoped_release release;
  // Networks in parallel, each writing only its own block: within a run's batch fitness on the
  // run's threads (python_evaluator.hpp), elsewhere on every core. A network is not safe to share
  // between threads (a recurrent one keeps its batch's state), so a list that holds one network
  // twice runs in order.
  if (all_distinct(each)) tbb::parallel_for(std::size_t{0}, each.size(), run);
  else for (std::size_t k = 0; k < each.size(); ++k) run(k);
  return outputs;
}

// Index `index` of a sequence of `size` items, Python's way (negative from the end).
std::size_t sequence_index(py::ssize_t index, std::size_t size) {
  const auto count = static_cast<py::ssize_t>(size);
  if (index < 0) index += count;
  if (index < 0 || index >= count) throw py::index_error("Networks index out of range");
  return static_cast<std::size_t>(index);
}

py::list all_items(NetworkList& list) {
  py::list items;
  for (std::size_t k = 0; k < list.size(); ++k) items.append(list.item(k));
  return items;
}

void bind_network_list(py::module_& module) {
  py::class_<NetworkList>(module, "Networks", R"(A generation's networks, as a batch_fitness receives them.

A read-only sequence of convneat.Network (len, indexing, slicing, iteration), in the
generation's order; convneat.activate_all takes it whole without making a Python object per
network. networks[k] is the same object each time.)")
      .def("__len__", &NetworkList::size)
      .def("__getitem__",
           [](NetworkList& list, py::ssize_t index) { return list.item(sequence_index(index, list.size())); })
      .def("__getitem__",
           [](NetworkList& list, const py::slice& slice) {
             py::size_t start = 0, stop = 0, step = 0, length = 0;
             if (!slice.compute(list.size(), &start, &stop, &step, &length)) throw py::error_already_set();
             py::list items;
             for (py::size_t i = 0; i < length; ++i) items.append(list.item(start + i * step));
             return items;
           })
      .def("__iter__", [](NetworkList& list) { return py::iter(all_items(list)); })
      .def("__reversed__",
           [](NetworkList& list) { return py::module_::import("builtins").attr("reversed")(all_items(list)); })
      .def("__contains__", [](NetworkList& list, const py::object& value) { return all_items(list).contains(value); })
      // Sequence's index and count, as a list of the same items gives them.
      .def("index", [](NetworkList& list, const py::args& args) { return all_items(list).attr("index")(*args); })
      .def("count", [](NetworkList& list, const py::object& value) { return all_items(list).attr("count")(value); })
      .def("__repr__",
           [](const NetworkList& list) { return "<convneat.Networks of " + std::to_string(list.size()) + ">"; });
}

}  // namespace

py::object NetworkList::item(std::size_t k) {
  if (!items_[k]) items_[k] = py::cast(NetworkHandle{networks_[k]});
  return items_[k];
}

void bind_network(py::module_& module) {
  module.def("activate_all", &activate_all, py::arg("networks"), py::arg("inputs"),
             R"(Outputs of every network on the same rows of inputs, shape (len(networks), N, outputs).

inputs has shape (N, inputs), as for Network.activate_batch, and every network must have the
same numbers of inputs and outputs. One call for a whole generation: a batch_fitness can then
score all networks with numpy and no Python loop. Each network's rows are exactly what its
activate_batch gives; the GIL is released while the networks run, in parallel (inside a run's
batch_fitness on the run's threads, elsewhere on every core).)");
  py::class_<NetworkHandle>(module, "Network", R"(A genome's compiled phenotype (Genome.network()).

A feed-forward network is a function of its inputs; a recurrent one keeps state between
activations (reset() clears it). Not safe to share between threads.)")
      .def("activate", &activate, py::arg("inputs"),
           "Outputs (a float64 ndarray) for one input vector (a sequence or ndarray). A recurrent network "
           "advances its state by one step.")
      .def("activate_batch", &activate_batch, py::arg("inputs"),
           "Outputs (N, outputs) for N rows of inputs (N, inputs). The GIL is released while it runs. For a "
           "recurrent network each row is an independent instance with its own state, kept while N stays the same.")
      .def("reset", [](NetworkHandle& handle) { handle.network->reset(); }, "Clears recurrent state (feed-forward: no-op).")
      .def_property_readonly("input_count", [](const NetworkHandle& handle) { return handle.network->input_count(); })
      .def_property_readonly("output_count", [](const NetworkHandle& handle) { return handle.network->output_count(); })
      .def_property_readonly("recurrent", [](const NetworkHandle& handle) { return handle.network->keeps_state(); },
                             "Whether outputs depend on earlier activations.")
      .def("__repr__", [](const NetworkHandle& handle) {
        return "<convneat.Network " + std::to_string(handle.network->input_count()) + " → " +
               std::to_string(handle.network->output_count()) +
               (handle.network->keeps_state() ? ", recurrent>" : ", feed-forward>");
      });
  bind_network_list(module);
}

}  // namespace convneat::python
