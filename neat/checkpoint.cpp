#include "neat/checkpoint.hpp"

#include <fstream>
#include <sstream>

#include <boost/crc.hpp>

#include "neat/atomic_file.hpp"
#include "neat/config_schema.hpp"

namespace convneat {
namespace {

constexpr const char* kFormat = "convneat-checkpoint";
constexpr int kVersion = 1;

std::uint32_t crc_of(const std::string& text) {
  boost::crc_32_type crc;
  crc.process_bytes(text.data(), text.size());
  return crc.checksum();
}

nlohmann::json parse_checkpoint_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw CheckpointError(path.string() + ": cannot open the checkpoint");
  std::ostringstream buffer;
  buffer << file.rdbuf();
  nlohmann::json document = nlohmann::json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    throw CheckpointError(path.string() + ": not a valid checkpoint (truncated or corrupt JSON)");
  return document;
}

}  // namespace

void write_checkpoint(const std::filesystem::path& path, const Population& population, double seconds) {
  nlohmann::json payload = {{"config", config_to_json(population.config())},
                            {"population", population.save_state()},
                            {"seconds", seconds}};
  const std::string text = payload.dump();
  const nlohmann::json document = {
      {"format", kFormat}, {"version", kVersion}, {"crc32", crc_of(text)}, {"payload", std::move(payload)}};
  write_file_atomically(path, document.dump() + "\n");
}

LoadedCheckpoint read_checkpoint(const std::filesystem::path& path) {
  const nlohmann::json document = parse_checkpoint_text(path);
  const std::string name = path.string();
  if (!document.is_object() || document.value("format", nlohmann::json()) != kFormat)
    throw CheckpointError(name + ": not a ConvNEAT checkpoint (/format is not \"" + kFormat + "\")");
  if (document.value("version", nlohmann::json()) != kVersion)
    throw CheckpointError(name + ": checkpoint version " + document.value("version", nlohmann::json()).dump() +
                          " is not supported (expected " + std::to_string(kVersion) + ")");
  if (!document.contains("payload") || !document.contains("crc32") ||
      document["crc32"] != crc_of(document["payload"].dump()))
    throw CheckpointError(name + ": checkpoint is corrupt (CRC mismatch)");
  const nlohmann::json& payload = document["payload"];
  try {
    NeatConfig config = config_from_json(payload.at("config"), name + " /payload/config");
    return {Population::restore(std::move(config), payload.at("population")), payload.at("seconds").get<double>()};
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& error) {
    throw CheckpointError(name + ": checkpoint content is invalid: " + error.what());
  }
}

void CheckpointReporter::on_advance(const Population& population) {
  if (interval_ > 0 && population.generation() % interval_ == 0) write_checkpoint(path_, population, seconds_);
}

}  // namespace convneat
