#pragma once
// Running the real `convneat` binary from tests, as a user would: exit code and output.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace convneat::testing {

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char ch : text) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return quoted + "'";
}

// Runs a shell command line (stderr joined to stdout by the caller's " 2>&1").
inline CliResult run_shell(const std::string& command) {
  CliResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline CliResult run_cli(const std::string& arguments, const std::string& prefix = "") {
  return run_shell(prefix + shell_quote(CONVNEAT_CLI) + " " + arguments + " 2>&1");
}

// Runs the CLI and requires success, showing its output when it fails; returns the output.
inline std::string run_ok(const std::string& arguments) {
  const CliResult result = run_cli(arguments);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return result.output;
}

// A fresh, empty directory under the system temporary directory, removed at scope exit.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("convneat-test-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_text(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

inline std::string quoted(const std::filesystem::path& path) { return shell_quote(path.string()); }

// generations.csv without its last column (wall time), which no two runs share.
inline std::string deterministic_rows(const std::filesystem::path& csv) {
  std::istringstream in(read_text(csv));
  std::string line, rows;
  while (std::getline(in, line)) rows += line.substr(0, line.rfind(',')) + '\n';
  return rows;
}

// The files two runs must share byte for byte: champion, species, generation rows.
inline void check_same_run_files(const std::filesystem::path& expected, const std::filesystem::path& actual) {
  INFO(actual.string() << " against " << expected.string());
  CHECK(read_text(actual / "champion.json") == read_text(expected / "champion.json"));
  CHECK(read_text(actual / "species.csv") == read_text(expected / "species.csv"));
  CHECK(deterministic_rows(actual / "generations.csv") == deterministic_rows(expected / "generations.csv"));
}

// `convneat run <run>` for `generations` straight through, and in each checkpoint format for
// `split` generations and then resumed from its checkpoint to `generations`: all three runs
// leave the same files.
inline void check_resume_in_both_formats(const std::string& run, int split, int generations,
                                         const std::filesystem::path& scratch) {
  const auto straight = scratch / "straight";
  run_ok("run " + run + " --generations " + std::to_string(generations) + " --out " + quoted(straight));
  for (const std::string format : {"binary", "json"}) {
    const auto pieces = scratch / format;
    const std::string with_format = run + " --set output.checkpoint_format=" + format;
    run_ok("run " + with_format + " --generations " + std::to_string(split) + " --out " + quoted(pieces));
    const auto checkpoint = pieces / (format == "binary" ? "checkpoint.cbor" : "checkpoint.json");
    run_ok("run " + with_format + " --generations " + std::to_string(generations) + " --resume " + quoted(checkpoint));
    check_same_run_files(straight, pieces);
  }
}

// `convneat <run>` for 4 generations on 2 threads, and on 1 thread for 2 generations resumed to
// 4 from its checkpoint: both leave the same files (a run's result depends on neither).
inline void check_threads_and_resume_agree(const std::string& run, const std::filesystem::path& scratch) {
  run_ok(run + " --generations 4 --threads 2 --out " + quoted(scratch / "straight"));
  run_ok(run + " --generations 2 --threads 1 --out " + quoted(scratch / "split"));
  run_ok(run + " --generations 4 --threads 1 --resume " + quoted(scratch / "split" / "checkpoint.cbor"));
  check_same_run_files(scratch / "straight", scratch / "split");
}

// How many lines a file has now (0 when it is missing).
inline std::size_t line_count(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::size_t lines = 0;
  for (std::string line; std::getline(file, line);) ++lines;
  return lines;
}

}  // namespace convneat::testing
