#include "neat/mpi_messages.hpp"

#include <bit>

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

}  // namespace

std::string encode_setup(const EvaluationSetup& setup) {
  return json{{"kind", "setup"},
              {"task", setup.task},
              {"feed_forward", setup.settings.feed_forward},
              {"seed", setup.settings.seed},
              {"threads", setup.settings.threads},
              {"time_limit_seconds", setup.settings.time_limit_seconds}}
      .dump();
}

EvaluationSetup decode_setup(const std::string& text) {
  return decode(text, "setup", [](const json& message) {
    return EvaluationSetup{message.at("task"),
                           {message.at("feed_forward").get<bool>(), message.at("seed").get<std::uint64_t>(),
                            message.at("threads").get<std::size_t>(), message.at("time_limit_seconds").get<double>()}};
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
  for (const Evaluation& e : evaluations)
    list.push_back({std::bit_cast<std::uint64_t>(e.fitness), e.solved, e.failed, e.failure});
  return json{{"kind", "result"}, {"first", first}, {"evaluations", std::move(list)}}.dump();
}

WorkResult decode_result(const std::string& text) {
  return decode(text, "result", [](const json& message) {
    WorkResult result{message.at("first").get<std::size_t>(), {}};
    for (const json& e : message.at("evaluations")) {
      if (!e.is_array() || e.size() != 4) throw MessageError("an evaluation is not [fitness bits, solved, failed, failure]");
      result.evaluations.push_back(Evaluation{std::bit_cast<double>(e.at(0).get<std::uint64_t>()), e.at(1).get<bool>(),
                                              e.at(2).get<bool>(), e.at(3).get<std::string>()});
    }
    return result;
  });
}

}  // namespace convneat
