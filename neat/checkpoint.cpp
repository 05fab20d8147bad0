#include "neat/checkpoint.hpp"

#include <fstream>

#include <boost/crc.hpp>

#include "neat/atomic_file.hpp"
#include "neat/config_document.hpp"
#include "neat/json_limits.hpp"
#include "neat/strict_json.hpp"

namespace convneat {
namespace {

constexpr const char* kFormat = "convneat-checkpoint";
constexpr int kVersion = 1;

std::uint32_t crc_of(const std::string& text) {
  boost::crc_32_type crc;
  crc.process_bytes(text.data(), text.size());
  return crc.checksum();
}

nlohmann::json parse_checkpoint_text(const std::string& text, const std::string& name) {
  if (auto problem = json_limit_problem(text, name, kCheckpointLimits)) throw CheckpointError(*problem);
  try {
    return parse_json_refusing_duplicate_keys(text);
  } catch (const DuplicateKeyError& duplicate) {
    throw CheckpointError(name + ": " + duplicate.what());
  } catch (const nlohmann::json::exception&) {
    throw CheckpointError(name + ": not a valid checkpoint (truncated or corrupt JSON)");
  }
}

}  // namespace

void write_checkpoint(const std::filesystem::path& path, const Population& population, double seconds,
                      const nlohmann::json& statistics) {
  nlohmann::json payload = {{"config", config_to_json(population.config())},
                            {"population", population.save_state()},
                            {"seconds", seconds}};
  if (!statistics.is_null()) payload["statistics"] = statistics;
  const std::string text = payload.dump();
  const nlohmann::json document = {
      {"format", kFormat}, {"version", kVersion}, {"crc32", crc_of(text)}, {"payload", std::move(payload)}};
  write_file_atomically(path, document.dump() + "\n");
}

LoadedCheckpoint read_checkpoint(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ignored;  // a path that cannot be inspected is reported by the open below
  if (std::filesystem::is_directory(path, ignored))
    throw CheckpointError(name + ": is a directory, expected a checkpoint");
  if (file_larger_than(path, kCheckpointLimits.max_bytes))
    throw CheckpointError(size_limit_message(name, kCheckpointLimits));
  std::ifstream file(path, std::ios::binary);
  if (!file) throw CheckpointError(name + ": cannot open the checkpoint");
  const std::optional<std::string> text = read_at_most(file, kCheckpointLimits.max_bytes);
  if (!text) throw CheckpointError(size_limit_message(name, kCheckpointLimits));
  if (file.bad()) throw CheckpointError(name + ": cannot read the checkpoint");
  return read_checkpoint_text(*text, name);
}

LoadedCheckpoint read_checkpoint_text(const std::string& text, const std::string& name) {
  const nlohmann::json document = parse_checkpoint_text(text, name);
  if (!document.is_object() || document.value("format", nlohmann::json()) != kFormat)
    throw CheckpointError(name + ": not a ConvNEAT checkpoint (/format is not \"" + kFormat + "\")");
  if (document.value("version", nlohmann::json()) != kVersion)
    throw CheckpointError(name + ": checkpoint version " + excerpt(document.value("version", nlohmann::json()).dump()) +
                          " is not supported (expected " + std::to_string(kVersion) + ")");
  if (!document.contains("payload") || !document.contains("crc32") ||
      document["crc32"] != crc_of(document["payload"].dump()))
    throw CheckpointError(name + ": checkpoint is corrupt (CRC mismatch)");
  const nlohmann::json& payload = document["payload"];
  try {
    NeatConfig config = config_from_json(payload.at("config"), name + " /payload/config");
    return {Population::restore(std::move(config), payload.at("population")), payload.at("seconds").get<double>(),
            payload.value("statistics", nlohmann::json())};
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& error) {
    throw CheckpointError(name + ": checkpoint content is invalid: " + error.what());
  }
}

void CheckpointReporter::on_advance(const Population& population) {
  if (interval_ > 0 && population.generation() % interval_ == 0)
    write_checkpoint(path_, population, seconds_, statistics_ ? statistics_->fingerprints() : nlohmann::json());
}

}  // namespace convneat
