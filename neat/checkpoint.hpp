#pragma once
// Checkpoints: the resolved config, the whole population state (genomes, species,
// innovation record, counters) and the wall time so far, in one JSON document with a CRC
// of its payload. There is no generator state to save: every draw is derived from
// (seed, generation, key, purpose). A checkpoint is written between generations, after
// reproduction, so resuming starts by evaluating the generation it holds.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "neat/population.hpp"
#include "neat/reporter.hpp"
#include "neat/statistics_reporter.hpp"

namespace convneat {

class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `statistics`: StatisticsReporter::fingerprints() of the rows written so far, or null.
void write_checkpoint(const std::filesystem::path& path, const Population& population, double seconds,
                      const nlohmann::json& statistics = nullptr);

struct LoadedCheckpoint {
  Population population;
  double seconds = 0.0;
  nlohmann::json statistics;  // null in checkpoints written without (or before) fingerprints
};

// Refuses (CheckpointError, naming the file and the problem) anything that is not an
// intact checkpoint: unreadable, truncated, malformed, wrong format or version, CRC
// mismatch, missing or ill-typed fields, above kCheckpointLimits (neat/json_limits.hpp).
LoadedCheckpoint read_checkpoint(const std::filesystem::path& path);
// The same for a checkpoint's text already in memory; `name` names it in messages.
LoadedCheckpoint read_checkpoint_text(const std::string& text, const std::string& name);

// Writes `directory`/checkpoint.json every `interval` generations, with the fingerprints of
// `statistics`' files when given.
class CheckpointReporter final : public Reporter {
 public:
  CheckpointReporter(std::filesystem::path directory, std::size_t interval,
                     const StatisticsReporter* statistics = nullptr)
      : path_(std::move(directory) / "checkpoint.json"), interval_(interval), statistics_(statistics) {}
  void on_generation(const GenerationReport& report, const Population&) override { seconds_ = report.seconds; }
  void on_advance(const Population& population) override;
  double seconds() const { return seconds_; }

 private:
  std::filesystem::path path_;
  std::size_t interval_;
  const StatisticsReporter* statistics_;
  double seconds_ = 0.0;
};

}  // namespace convneat
