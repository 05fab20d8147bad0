#pragma once
// Checkpoints: the resolved config, the whole population state (genomes, species,
// innovation record, counters) and the wall time so far, with a CRC-32 of that payload. There
// is no generator state to save: every draw is derived from (seed, generation, key, purpose).
// A checkpoint holds the state between generations, after reproduction, so resuming starts by
// evaluating the generation it holds (a run takes that state then, and writes it while the
// next generation runs: CheckpointReporter). Two formats (/output/checkpoint_format), read alike:
//
//   json    checkpoint.json: {"crc32": …, "format": "convneat-checkpoint", "payload": {…},
//           "version": 1}, the CRC over the payload's compact dump.
//   binary  checkpoint.cbor: one text line "convneat-checkpoint binary 2 crc32=<8 hex digits>
//           bytes=<n>", then the payload as n bytes of CBOR (RFC 8949), the CRC over those
//           bytes; each genome's node and connection lists, species representatives' too, are
//           packed byte strings, the connections in the compact form (genome/packed_genes.hpp).
//           Many times cheaper to write than JSON. Version 1 files (33-byte connection
//           records, representatives as objects) still resume.
//
// Both are written atomically (neat/atomic_file.hpp): a reader sees the old file or the new.
#include <filesystem>
#include <future>
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

// The file a run writes its checkpoints to, in its output directory: checkpoint.json or .cbor.
std::string checkpoint_file_name(CheckpointFormat format);

// Once a run's checkpoint is written in one format, the other format's file in its directory
// (left by the run before a resume that switched format) holds an older state of the same run:
// it is removed, so that nobody resumes from it by mistake.
void remove_superseded_checkpoint(const std::filesystem::path& directory, CheckpointFormat written);

// `statistics`: StatisticsReporter::fingerprints() of the rows written so far, or null.
void write_checkpoint(const std::filesystem::path& path, const Population& population, double seconds,
                      const nlohmann::json& statistics = nullptr, CheckpointFormat format = CheckpointFormat::json);
// The same, encoding into `buffer`: a writer that keeps it from one checkpoint to the next
// reuses its memory instead of allocating (and faulting in) tens of megabytes each time.
void write_checkpoint(const std::filesystem::path& path, const Population& population, double seconds,
                      const nlohmann::json& statistics, CheckpointFormat format, std::string& buffer);

struct LoadedCheckpoint {
  Population population;
  double seconds = 0.0;
  nlohmann::json statistics;  // null in checkpoints written without (or before) fingerprints
};

// Refuses (CheckpointError, naming the file and the problem) anything that is not an
// intact checkpoint of either format: unreadable, truncated, malformed, wrong format or
// version, CRC mismatch, missing or ill-typed fields, above kCheckpointLimits
// (neat/json_limits.hpp: size and nesting depth, for CBOR too).
LoadedCheckpoint read_checkpoint(const std::filesystem::path& path);
// The same for a checkpoint's text already in memory; `name` names it in messages.
LoadedCheckpoint read_checkpoint_text(const std::string& text, const std::string& name);

// When a run writes checkpoints besides the last: every `interval` generations (0: never so),
// and after any generation that ends `seconds` or more of the run's clock after the previous
// checkpoint, or the run's start (0: never so) — so that a run killed loses at most about
// that much work plus the generation in hand (and the one whose checkpoint was still being
// written: the file on disk is always the last complete one). Which generations the clock picks depends
// on the machine's speed; what a resume from any of them gives does not.
struct CheckpointSchedule {
  std::size_t interval = 0;
  double seconds = 0.0;
};

// Writes `directory`/checkpoint_file_name(format) on `schedule`, with the fingerprints of
// `statistics`' files when given. `seconds_before`: the run's clock when this process took it
// over (a resumed run's checkpoint time, else 0).
class CheckpointReporter final : public Reporter {
 public:
  CheckpointReporter(std::filesystem::path directory, CheckpointSchedule schedule, double seconds_before,
                     const StatisticsReporter* statistics, CheckpointFormat format)
      : path_(std::move(directory) / checkpoint_file_name(format)),
        schedule_(schedule),
        statistics_(statistics),
        format_(format),
        seconds_(seconds_before),
        last_written_(seconds_before) {}
  ~CheckpointReporter() override;  // waits for a write in progress
  CheckpointReporter(const CheckpointReporter&) = delete;
  CheckpointReporter& operator=(const CheckpointReporter&) = delete;

  void on_generation(const GenerationReport& report, const Population&) override { seconds_ = report.seconds; }
  // Takes the population's state when a checkpoint is due, and writes it on a thread of its
  // own while the run goes on (one write at a time). That thread is not one of the run's
  // /evaluation/threads: it encodes and syncs a file once per checkpoint, beside them.
  void on_advance(const Population& population) override;
  void on_finish(const RunResult&, const Population&) override { wait_for_write(); }
  // Waits for the checkpoint being written; throws what writing it threw. Call it before
  // anything else writes the checkpoint file, and before trusting that it is on disk (the
  // end of Population::run calls it through on_finish).
  void wait_for_write();
  double seconds() const { return seconds_; }

 private:
  bool due(const Population& population) const;

  std::filesystem::path path_;
  CheckpointSchedule schedule_;
  const StatisticsReporter* statistics_;
  CheckpointFormat format_;
  double seconds_;       // the run's clock at the end of the latest generation
  double last_written_;  // … when the latest checkpoint was written
  std::string buffer_;   // the last checkpoint's bytes, kept for their memory (used by the writing thread)
  std::future<void> writing_;  // the checkpoint being written, if any
};

}  // namespace convneat
