// A run's output directory belongs to one run at a time (experiments/run_directory.hpp): a
// second run into a directory holding a run is refused unless told to replace it, a second
// process is refused while the first holds the directory, a resume checks that the
// statistics rows beside its checkpoint are the ones it was written after, and a file grown
// past `ulimit -f` stops the run with the file named.
#include <catch2/catch.hpp>

#include <signal.h>

#include "background_cli.hpp"
#include "cli_support.hpp"
#include "neat/checkpoint.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXor = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                         " --set output.checkpoint_format=json" +
                         " --set stop.when_solved=false --threads 1";

std::string first_line_of_data(const fs::path& csv) {
  std::istringstream rows(read_text(csv));
  std::string header, row;
  std::getline(rows, header);
  std::getline(rows, row);
  return row;
}

}  // namespace

TEST_CASE("a second run into a directory holding a finished run is refused, saying both ways out, and leaves that run as it was") {
  ScratchDirectory scratch("run-twice");
  const fs::path out = scratch / "out";
  run_ok("run " + kXor + " --generations 5 --out " + quoted(out));
  const std::string champion = read_text(out / "champion.json"), checkpoint = read_text(out / "checkpoint.json");
  const std::string statistics = read_text(out / "generations.csv");

  const CliResult again = run_cli("run " + kXor + " --generations 5 --seed 2 --out " + quoted(out));
  INFO(again.output);
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.output, Catch::Contains(out.string() + ": holds another run's files (config.json, generations.csv") &&
                               Catch::Contains("--out DIR") && Catch::Contains("--overwrite"));
  CHECK(read_text(out / "champion.json") == champion);
  CHECK(read_text(out / "checkpoint.json") == checkpoint);
  CHECK(read_text(out / "generations.csv") == statistics);

  SECTION("with --overwrite the new run replaces the old one whole") {
    const CliResult replaced = run_cli("run " + kXor + " --generations 3 --seed 2 --out " + quoted(out) + " --overwrite");
    INFO(replaced.output);
    CHECK(replaced.exit_code == 0);
    CHECK(read_text(out / "champion.json") != champion);
    CHECK(line_count(out / "generations.csv") == 4);  // header and the new run's three generations
  }
  SECTION("a resume into another directory holding a run is refused too") {
    const fs::path other = scratch / "other";
    run_ok("run " + kXor + " --generations 2 --out " + quoted(other));
    const CliResult resumed = run_cli("run --resume " + quoted(out / "checkpoint.json") + " --generations 8 --out " + quoted(other));
    CHECK(resumed.exit_code == 2);
    CHECK_THAT(resumed.output, Catch::Contains(other.string() + ": holds another run's files"));
  }
  SECTION("a resume in the run's own directory is no second run") {
    run_ok("run --resume " + quoted(out / "checkpoint.json") + " --generations 8");
    CHECK(line_count(out / "generations.csv") == 9);
  }
  SECTION("nor is a copied checkpoint resumed into the run's directory, whose rows are its own") {
    fs::create_directories(scratch / "backup");
    fs::copy_file(out / "checkpoint.json", scratch / "backup" / "checkpoint.json");
    run_ok("run --resume " + quoted(scratch / "backup" / "checkpoint.json") + " --generations 8 --out " + quoted(out));
    CHECK(line_count(out / "generations.csv") == 9);  // the five rows kept, three more
    CHECK(read_text(out / "generations.csv").starts_with(statistics));
  }
}

TEST_CASE("a run is refused at once while another process holds its output directory, naming the holder") {
  ScratchDirectory scratch("run-locked");
  const fs::path out = scratch / "out";
  BackgroundCli first("run " + kXor + " --generations 1000000 --set output.checkpoint_interval=1 --out " + quoted(out),
                      scratch / "first.log");
  REQUIRE(first.wait_until([&] { return fs::exists(out / "checkpoint.json"); }));

  const CliResult second = run_cli("run " + kXor + " --generations 5 --out " + quoted(out) + " --overwrite");
  INFO(second.output);
  CHECK(second.exit_code == 1);
  CHECK_THAT(second.output, Catch::Contains(out.string() + ": in use by another convneat process (pid " +
                                            std::to_string(first.pid()) + " since ") &&
                                Catch::Contains(": convneat run ") && Catch::Contains("choose another output directory"));
  const CliResult resume = run_cli("run --resume " + quoted(out / "checkpoint.json") + " --generations 2000000");
  CHECK(resume.exit_code == 1);
  CHECK_THAT(resume.output, Catch::Contains("in use by another convneat process"));

  // The lock dies with its holder, even a killed one: the run then resumes where it was.
  first.signal(SIGKILL);
  CHECK(first.wait() == 128 + SIGKILL);
  const std::size_t generation = convneat::read_checkpoint(out / "checkpoint.json").population.generation();
  run_ok("run --resume " + quoted(out / "checkpoint.json") + " --generations " + std::to_string(generation + 2));
}

TEST_CASE("a resume refuses statistics that are not the rows its checkpoint was written after, and --overwrite starts them at its generation") {
  ScratchDirectory scratch("resume-foreign-rows");
  const fs::path out = scratch / "out";
  run_ok("run " + kXor + " --generations 10 --out " + quoted(out));
  const fs::path saved = scratch / "seed-1-checkpoint.json";
  fs::copy_file(out / "checkpoint.json", saved);

  SECTION("another seed's run wrote over the directory since") {
    run_ok("run " + kXor + " --generations 12 --seed 2 --out " + quoted(out) + " --overwrite");
  }
  SECTION("the statistics were cut short") {
    const std::string rows = read_text(out / "generations.csv");
    write_text(out / "generations.csv", rows.substr(0, rows.size() / 2));
  }
  SECTION("a row was edited") {
    std::string rows = read_text(out / "species.csv");
    rows[rows.size() - 2] = rows[rows.size() - 2] == '1' ? '2' : '1';
    write_text(out / "species.csv", rows);
  }
  fs::copy_file(saved, out / "checkpoint.json", fs::copy_options::overwrite_existing);
  const CliResult refused = run_cli("run --resume " + quoted(out / "checkpoint.json") + " --generations 15");
  INFO(refused.output);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains(".csv: does not begin with the rows written before this checkpoint") &&
                                 Catch::Contains("--overwrite"));
  CHECK(convneat::read_checkpoint(out / "checkpoint.json").population.generation() == 10);  // nothing was touched

  const CliResult repaired = run_cli("run --resume " + quoted(out / "checkpoint.json") + " --generations 15 --overwrite");
  INFO(repaired.output);
  CHECK(repaired.exit_code == 0);
  CHECK_THAT(repaired.output, Catch::Contains("the statistics files start at generation 10"));
  CHECK_THAT(first_line_of_data(out / "generations.csv"), Catch::StartsWith("10,"));
  CHECK(line_count(out / "generations.csv") == 6);
}

TEST_CASE("a file grown past ulimit -f stops the run naming the file, instead of dying from SIGXFSZ") {
  ScratchDirectory scratch("file-size-limit");
  const fs::path out = scratch / "out";
  // 64 blocks (32 or 64 KiB, as the shell counts them) hold the statistics but no checkpoint.
  const CliResult result =
      run_cli("run " + kXor + " --generations 5 --set output.checkpoint_interval=1 --out " + quoted(out), "ulimit -f 64; ");
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains((out / "checkpoint.json").string() + ": cannot write: File too large"));
  CHECK(fs::exists(out / "generations.csv"));
}

TEST_CASE("an output directory name that is not UTF-8 is refused with one line, not a JSON exception") {
  const CliResult result = run_cli("run " + kXor + " --generations 1 --out \"$(printf '/tmp/bad-\\377-name')\"");
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("--out: the directory name is not valid UTF-8") && !Catch::Contains("json.exception"));
}
