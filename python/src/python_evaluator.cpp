#include "python_evaluator.hpp"

#include <pybind11/numpy.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <cmath>
#include <optional>
#include <utility>

#include "nets/compile_network.hpp"

namespace convneat::python {
namespace {

Evaluation failed(std::string why) {
  Evaluation evaluation;
  evaluation.failed = true;
  evaluation.failure = std::move(why);
  return evaluation;
}

}  // namespace

// Every genome's network, compiled on the threads of the arena it is called in (it takes no
// GIL): compiling is pure C++ and, on small networks, was a sixth of a run whose fitness is
// vectorised.
std::vector<PythonEvaluator::Compiled> PythonEvaluator::compile_all(const std::vector<Genome>& genomes) {
  std::vector<Compiled> compiled(genomes.size());
  tbb::parallel_for(std::size_t{0}, genomes.size(), [&](std::size_t i) {
    try {
      compiled[i].network = NetworkHandle{std::shared_ptr<Network>(compile_network(genomes[i], phenotype_))};
    } catch (const std::exception& error) {
      compiled[i].failure = failed(error.what());
    }
  });
  return compiled;
}

Evaluation evaluation_of(const py::handle& value) {
  double fitness = 0.0;
  if (PyFloat_Check(value.ptr())) {  // float, and numpy.float64 (a subclass): no conversion to run
    fitness = PyFloat_AS_DOUBLE(value.ptr());
  } else {
    // bool (and numpy's bool_) is a number to Python, but a fitness of True is far likelier a
    // mistake than a score.
    const std::string type = type_name(value);
    if (PyBool_Check(value.ptr()) || type == "bool_" || !PyNumber_Check(value.ptr()))
      return failed("fitness is not a number (" + type + ")");
    fitness = PyFloat_AsDouble(value.ptr());
    if (fitness == -1.0 && PyErr_Occurred()) {
      PyErr_Clear();
      return failed("fitness is not a real number (" + type + ")");
    }
  }
  return fitness_value(fitness);
}

Evaluation fitness_value(double fitness) {
  if (!std::isfinite(fitness)) return failed("non-finite fitness");
  Evaluation evaluation;
  evaluation.fitness = fitness;
  return evaluation;
}

PythonEvaluator::PythonEvaluator(py::object function, FitnessForm form, const Phenotype& phenotype,
                                 std::optional<double> solved_at, py::object config, std::size_t threads)
    : function_(std::move(function)),
      form_(form),
      phenotype_(phenotype),
      solved_at_(solved_at),
      config_(std::move(config)),
      arena_(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads)) {}

Evaluation PythonEvaluator::judged(const py::handle& value) const { return judged(evaluation_of(value)); }

Evaluation PythonEvaluator::judged(Evaluation evaluation) const {
  evaluation.solved = !evaluation.failed && solved_at_ && evaluation.fitness >= *solved_at_;
  return evaluation;
}

void PythonEvaluator::prepare_while(const std::vector<Genome>& genomes, std::size_t generation,
                                    const std::function<void()>& meanwhile) {
  prepared_.reset();
  if (form_ == FitnessForm::eval_genomes) {
    meanwhile();
    return;
  }
  std::vector<Compiled> networks;
  arena_.execute([&] {
    // The other threads compile; this one speciates, then helps them finish.
    tbb::task_group compiling;
    compiling.run([&] { networks = compile_all(genomes); });
    meanwhile();
    compiling.wait();
  });
  prepared_ = Prepared{&genomes, generation, std::move(networks)};
}

// The networks prepare_while compiled for these genomes, or else compiled now (the first
// generation, or a population driven step by step).
std::vector<PythonEvaluator::Compiled> PythonEvaluator::networks_of(const std::vector<Genome>& genomes,
                                                                    std::size_t generation) {
  std::optional<Prepared> prepared = std::exchange(prepared_, std::nullopt);
  if (prepared && prepared->genomes == &genomes && prepared->generation == generation &&
      prepared->networks.size() == genomes.size())
    return std::move(prepared->networks);
  const py::gil_scoped_release release;
  return compile_all(genomes);
}

std::vector<Evaluation> PythonEvaluator::evaluate(const std::vector<Genome>& genomes, std::size_t generation) {
  const py::gil_scoped_acquire gil;
  std::vector<Evaluation> evaluations;
  arena_.execute([&] {
    switch (form_) {
      case FitnessForm::network: evaluations = per_network(networks_of(genomes, generation)); break;
      case FitnessForm::batch: evaluations = in_one_batch(networks_of(genomes, generation)); break;
      case FitnessForm::eval_genomes: evaluations = by_eval_genomes(genomes); break;
    }
  });
  return evaluations;
}

std::vector<Evaluation> PythonEvaluator::per_network(std::vector<Compiled> compiled) {
  std::vector<Evaluation> evaluations;
  evaluations.reserve(compiled.size());
  for (Compiled& each : compiled)
    evaluations.push_back(each.network ? judged(function_(*each.network)) : each.failure);
  return evaluations;
}

std::vector<Evaluation> PythonEvaluator::in_one_batch(std::vector<Compiled> all) {
  // Genomes that do not compile are left out of the batch; the function sees the others in order.
  std::vector<Evaluation> evaluations(all.size());
  std::vector<std::size_t> batched;
  std::vector<std::shared_ptr<Network>> networks;
  for (std::size_t i = 0; i < all.size(); ++i) {
    Compiled& compiled = all[i];
    if (!compiled.network) {
      evaluations[i] = compiled.failure;
      continue;
    }
    networks.push_back(std::move(compiled.network->network));
    batched.push_back(i);
  }
  const py::object values = function_(py::cast(NetworkList(std::move(networks))));
  if (!PySequence_Check(values.ptr()) || py::len(values) != batched.size())
    throw py::value_error("batch_fitness: returned " +
                          (PySequence_Check(values.ptr()) ? std::to_string(py::len(values)) + " values"
                                                          : "a " + type_name(values)) +
                          " for " + std::to_string(batched.size()) + " networks; expected one number per network");
  // A vectorised fitness's usual answer, a plain float64 ndarray, is read in place (subclasses
  // such as masked arrays go the general way, so that what they mask is not read).
  if (values.get_type().is(py::module_::import("numpy").attr("ndarray")) && py::isinstance<py::array_t<double>>(values)) {
    const auto scores = py::reinterpret_borrow<py::array_t<double>>(values);
    if (scores.ndim() == 1) {
      const auto score = scores.unchecked<1>();
      for (std::size_t k = 0; k < batched.size(); ++k)
        evaluations[batched[k]] = judged(fitness_value(score(static_cast<py::ssize_t>(k))));
      return evaluations;
    }
  }
  const auto scores = py::reinterpret_borrow<py::sequence>(values);
  for (std::size_t k = 0; k < batched.size(); ++k) evaluations[batched[k]] = judged(scores[k]);
  return evaluations;
}

std::vector<Evaluation> PythonEvaluator::by_eval_genomes(const std::vector<Genome>& genomes) {
  py::list pairs;
  std::vector<py::object> handles;
  for (const Genome& genome : genomes) {
    py::object handle = py::cast(GenomeHandle{std::make_shared<const Genome>(genome), phenotype_});
    pairs.append(py::make_tuple(genome.id, handle));
    handles.push_back(std::move(handle));
  }
  function_(pairs, config_);
  std::vector<Evaluation> evaluations;
  evaluations.reserve(genomes.size());
  for (const py::object& handle : handles) {
    const py::object fitness = handle.cast<GenomeHandle&>().fitness;
    evaluations.push_back(fitness.is_none() ? failed("eval_genomes left its fitness None") : judged(fitness));
  }
  return evaluations;
}

}  // namespace convneat::python
