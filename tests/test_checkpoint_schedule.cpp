// When checkpoints are written (neat/checkpoint.hpp, CheckpointSchedule): by the run's clock,
// once that much time passed since the previous checkpoint — counted from the clock a resumed
// run starts at — and never by time with 0.
#include <catch2/catch.hpp>

#include "background_cli.hpp"
#include "cli_support.hpp"
#include "neat/checkpoint.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

// Ends a generation at `seconds` on the run's clock, then advances: whether that wrote a
// checkpoint (written on a thread of the reporter's, waited for; the file is removed after
// each look).
bool writes_after(CheckpointReporter& reporter, const Population& population, double seconds, const fs::path& file) {
  GenerationReport report;
  report.seconds = seconds;
  reporter.on_generation(report, population);
  reporter.on_advance(population);
  reporter.wait_for_write();
  const bool written = fs::exists(file);
  fs::remove(file);
  return written;
}

}  // namespace

TEST_CASE("the clock schedule writes a checkpoint once its seconds have passed since the previous one",
          "[checkpoint]") {
  ScratchDirectory scratch("checkpoint-schedule");
  const Population population{NeatConfig{}};
  const fs::path file = scratch / "checkpoint.cbor";
  CheckpointReporter reporter(scratch.path(), {0, 5.0}, 100.0, nullptr, CheckpointFormat::binary);
  CHECK_FALSE(writes_after(reporter, population, 103.0, file));  // 3 s into a run resumed at 100 s
  CHECK(writes_after(reporter, population, 105.5, file));
  CHECK_FALSE(writes_after(reporter, population, 110.0, file));  // 4.5 s after the last one
  CHECK(writes_after(reporter, population, 110.5, file));
}

TEST_CASE("a checkpoint written beside the run holds the state it was due with, and a failed write is reported",
          "[checkpoint]") {
  ScratchDirectory scratch("checkpoint-beside");
  const Population population{NeatConfig{}};
  CheckpointReporter reporter(scratch.path(), {1, 0.0}, 0.0, nullptr, CheckpointFormat::binary);
  GenerationReport report;
  report.seconds = 2.5;
  reporter.on_generation(report, population);
  reporter.on_advance(population);
  reporter.wait_for_write();
  const LoadedCheckpoint loaded = read_checkpoint(scratch / "checkpoint.cbor");
  CHECK(loaded.population.save_state() == population.save_state());
  CHECK(loaded.seconds == 2.5);

  CheckpointReporter nowhere(scratch / "missing" / "folder", {1, 0.0}, 0.0, nullptr, CheckpointFormat::binary);
  nowhere.on_generation(report, population);
  nowhere.on_advance(population);  // the write fails on the reporter's thread …
  CHECK_THROWS(nowhere.wait_for_write());  // … and says so to whoever waits for it
}

TEST_CASE("0 seconds and interval 0 write no checkpoint before the end", "[checkpoint]") {
  ScratchDirectory scratch("checkpoint-schedule-off");
  const Population population{NeatConfig{}};
  CheckpointReporter reporter(scratch.path(), {0, 0.0}, 0.0, nullptr, CheckpointFormat::json);
  for (double seconds : {1.0, 100.0, 1e6})
    CHECK_FALSE(writes_after(reporter, population, seconds, scratch / "checkpoint.json"));
}

TEST_CASE("a run killed between the clock's checkpoints resumes from the last of them", "[checkpoint]") {
  ScratchDirectory scratch("checkpoint-by-clock");
  const std::string xor_config = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                 " --set stop.when_solved=false --set output.checkpoint_format=binary";
  const fs::path out = scratch / "run";
  // No checkpoint by generation count: one appears mid-run only by the clock.
  BackgroundCli run("run " + xor_config + " --generations 1000000 --set output.checkpoint_seconds=0.2 --out " +
                        quoted(out),
                    scratch / "run.log");
  REQUIRE(run.wait_until([&] { return fs::exists(out / "checkpoint.cbor"); }));
  run.signal(SIGKILL);
  CHECK(run.wait() == 128 + SIGKILL);
  const LoadedCheckpoint saved = read_checkpoint(out / "checkpoint.cbor");
  const std::size_t generation = saved.population.generation();
  CHECK(generation > 0);
  CHECK(saved.seconds >= 0.2);
  const std::string generations = " --generations " + std::to_string(generation + 3);
  run_ok("run --resume " + quoted(out / "checkpoint.cbor") + generations);
  run_ok("run " + xor_config + generations + " --out " + quoted(scratch / "straight"));
  CHECK(read_text(out / "champion.json") == read_text(scratch / "straight" / "champion.json"));
  CHECK(deterministic_rows(out / "generations.csv") ==
        deterministic_rows(scratch / "straight" / "generations.csv"));
}
