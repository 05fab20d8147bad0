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

// How many lines a file has now (0 when it is missing).
inline std::size_t line_count(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::size_t lines = 0;
  for (std::string line; std::getline(file, line);) ++lines;
  return lines;
}

}  // namespace convneat::testing
