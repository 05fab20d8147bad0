#include "neat/mpi_messages.hpp"

#include <bit>
#include <utility>

#include "genome/genome_json.hpp"

namespace convneat {
namespace {

using nlohmann::json;

// Parses and checks the message's kind; every decoding error becomes a MessageError that
// says which message was bad and why.
template <class Decode>
auto decode(const std::string& text, const char* kind, Decode&& body) {
  try {
    const json message = json::parse(text);
    if (message.at("kind") != kind) throw MessageError(std::string("expected a \"") + kind + "\" message");
    return body(message);
  } catch (const MessageError&) {
    throw;
  } catch (const std::exception& error) {
    throw MessageError(std::string("cannot decode a \"") + kind + "\" message: " + error.what());
  }
}

// Each switch of TrainableKinds by the name it travels under.
constexpr std::pair<const char*, bool TrainableKinds::*> kKindSwitches[] = {
    {"graph", &TrainableKinds::graph},         {"kernels", &TrainableKinds::kernels},
    {"biases", &TrainableKinds::biases},       {"normalisation", &TrainableKinds::normalisation},
    {"centroids", &TrainableKinds::centroids}, {"shapes", &TrainableKinds::shapes}};

json kinds_to_json(const TrainableKinds& kinds) {
  json message = json::object();
  for (const auto& [name, member] : kKindSwitches) message[name] = kinds.*member;
  return message;
}

TrainableKinds kinds_from_json(const json& message) {
  TrainableKinds kinds;
  for (const auto& [name, member] : kKindSwitches) kinds.*member = message.at(name).get<bool>();
  return kinds;
}

json training_to_json(const TrainingSettings& training) {
  const OptimiserSettings& optimiser = training.optimiser;
  return {{"mode", kTrainingModes.name(training.mode)},
          {"optimiser", kOptimisers.name(optimiser.kind)},
          {"learning_rate", optimiser.learning_rate},
          {"momentum", optimiser.momentum},
          {"beta1", optimiser.beta1},
          {"beta2", optimiser.beta2},
          {"epsilon", optimiser.epsilon},
          {"weight_decay", optimiser.weight_decay},
          {"limit", optimiser.limit},
          {"steps", training.steps},
          {"batch_size", training.batch_size},
          {"kinds", kinds_to_json(training.kinds)},
          {"augment_shift", training.augmentation.shift},
          {"augment_flip", training.augmentation.flip},
          {"dropout", training.dropout},
          {"schedule", kLearningRateSchedules.name(training.schedule.kind)},
          {"final_learning_rate", training.schedule.final_learning_rate},
          {"generations", training.generations},
          {"dense_layers", training.dense_layers}};
}

template <class Enum, std::size_t N>
Enum named(const json& value, const NameTable<Enum, N>& table) {
  const auto parsed = table.parse(value.get<std::string>());
  if (!parsed) throw MessageError("unknown name " + value.dump());
  return *parsed;
}

TrainingSettings training_from_json(const json& message) {
  TrainingSettings training;
  OptimiserSettings& optimiser = training.optimiser;
  training.mode = named(message.at("mode"), kTrainingModes);
  optimiser.kind = named(message.at("optimiser"), kOptimisers);
  optimiser.learning_rate = message.at("learning_rate").get<double>();
  optimiser.momentum = message.at("momentum").get<double>();
  optimiser.beta1 = message.at("beta1").get<double>();
  optimiser.beta2 = message.at("beta2").get<double>();
  optimiser.epsilon = message.at("epsilon").get<double>();
  optimiser.weight_decay = message.at("weight_decay").get<double>();
  optimiser.limit = message.at("limit").get<double>();
  training.steps = message.at("steps").get<std::size_t>();
  training.batch_size = message.at("batch_size").get<std::size_t>();
  training.kinds = kinds_from_json(message.at("kinds"));
  training.augmentation.shift = message.at("augment_shift").get<std::size_t>();
  training.augmentation.flip = message.at("augment_flip").get<bool>();
  training.dropout = message.at("dropout").get<double>();
  training.schedule.kind = named(message.at("schedule"), kLearningRateSchedules);
  training.schedule.final_learning_rate = message.at("final_learning_rate").get<double>();
  training.generations = message.at("generations").get<std::size_t>();
  training.dense_layers = message.at("dense_layers").get<bool>();
  return training;
}

json phenotype_to_json(const Phenotype& phenotype) {
  const NetworkSettings& network = phenotype.network;
  return {{"feed_forward", phenotype.feed_forward},
          {"kind", kNetworkKinds.name(network.kind)},
          {"integration", kIntegrations.name(network.integration)},
          {"time_step", network.time_step},
          {"steps_per_activation", network.steps_per_activation},
          {"spike_output", kSpikeOutputs.name(network.spike_output)},
          {"dense_layers", network.dense_layers}};
}

Phenotype phenotype_from_json(const json& message) {
  Phenotype phenotype;
  NetworkSettings& network = phenotype.network;
  phenotype.feed_forward = message.at("feed_forward").get<bool>();
  network.kind = named(message.at("kind"), kNetworkKinds);
  network.integration = named(message.at("integration"), kIntegrations);
  network.time_step = message.at("time_step").get<double>();
  network.steps_per_activation = message.at("steps_per_activation").get<std::size_t>();
  network.spike_output = named(message.at("spike_output"), kSpikeOutputs);
  network.dense_layers = message.at("dense_layers").get<bool>();
  return phenotype;
}

}  // namespace

std::string encode_setup(const EvaluationSetup& setup) {
  return json{{"kind", "setup"},
              {"task", setup.task},
              {"phenotype", phenotype_to_json(setup.settings.phenotype)},
              {"seed", setup.settings.seed},
              {"threads", setup.settings.threads},
              {"time_limit_seconds", setup.settings.time_limit_seconds},
              {"training", training_to_json(setup.settings.training)},
              {"describe_behaviour", setup.settings.describe_behaviour}}
      .dump();
}

EvaluationSetup decode_setup(const std::string& text) {
  return decode(text, "setup", [](const json& message) {
    return EvaluationSetup{message.at("task"),
                           {phenotype_from_json(message.at("phenotype")), message.at("seed").get<std::uint64_t>(),
                            message.at("threads").get<std::size_t>(), message.at("time_limit_seconds").get<double>(),
                            training_from_json(message.at("training")),
                            message.at("describe_behaviour").get<bool>()}};
  });
}

std::string encode_work(std::size_t generation, std::size_t first, std::span<const Genome> genomes) {
  json list = json::array();
  for (const Genome& genome : genomes) list.push_back(genome_to_json(genome));
  return json{{"kind", "work"}, {"generation", generation}, {"first", first}, {"genomes", std::move(list)}}.dump();
}

WorkItem decode_work(const std::string& text) {
  return decode(text, "work", [](const json& message) {
    WorkItem item{message.at("generation").get<std::size_t>(), message.at("first").get<std::size_t>(), {}};
    for (const json& genome : message.at("genomes")) item.genomes.push_back(genome_from_json(genome));
    return item;
  });
}

std::string encode_result(std::size_t first, const std::vector<Evaluation>& evaluations) {
  json list = json::array();
  for (const Evaluation& e : evaluations) {
    json behaviour = json::array();  // bit for bit, as the fitness
    for (double x : e.behaviour) behaviour.push_back(std::bit_cast<std::uint64_t>(x));
    json item = {std::bit_cast<std::uint64_t>(e.fitness), e.solved, e.failed, e.failure, std::move(behaviour)};
    if (e.trained) item.push_back(genome_to_json(*e.trained));
    list.push_back(std::move(item));
  }
  return json{{"kind", "result"}, {"first", first}, {"evaluations", std::move(list)}}.dump();
}

WorkResult decode_result(const std::string& text) {
  return decode(text, "result", [](const json& message) {
    WorkResult result{message.at("first").get<std::size_t>(), {}};
    for (const json& e : message.at("evaluations")) {
      if (!e.is_array() || (e.size() != 5 && e.size() != 6) || !e.at(4).is_array())
        throw MessageError(
            "an evaluation is not [fitness bits, solved, failed, failure, [behaviour bits], trained genome if any]");
      Evaluation evaluation{std::bit_cast<double>(e.at(0).get<std::uint64_t>()), e.at(1).get<bool>(),
                            e.at(2).get<bool>(), e.at(3).get<std::string>()};
      for (const json& x : e.at(4)) evaluation.behaviour.push_back(std::bit_cast<double>(x.get<std::uint64_t>()));
      if (e.size() == 6) evaluation.trained = genome_from_json(e.at(5));
      result.evaluations.push_back(std::move(evaluation));
    }
    return result;
  });
}

}  // namespace convneat
