#include "experiments/graphviz_render.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "neat/atomic_file.hpp"

extern char** environ;

namespace convneat {
namespace {

// Runs `dot` with the given arguments (no shell, so paths need no quoting); returns its
// exit status.
int run_dot(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "dot");
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  const int spawned = ::posix_spawnp(&child, "dot", nullptr, nullptr, argv.data(), environ);
  if (spawned == ENOENT)
    throw std::runtime_error("Graphviz `dot` is not on PATH: install the Debian package graphviz");
  if (spawned != 0) throw std::runtime_error(std::string("cannot run Graphviz `dot`: ") + std::strerror(spawned));
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error(std::string("waiting for Graphviz `dot`: ") + std::strerror(errno));
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A temporary file removed at scope exit, so a failed render leaves nothing behind.
struct TemporaryFile {
  std::filesystem::path path;
  ~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

}  // namespace

void render_dot(const std::string& dot_text, const std::string& format,
                const std::optional<std::filesystem::path>& output) {
  const auto stamp = std::to_string(::getpid());
  const TemporaryFile source{std::filesystem::temp_directory_path() / ("convneat-export-" + stamp + ".dot")};
  write_file_atomically(source.path, dot_text);
  std::vector<std::string> arguments{"-T" + format, source.path.string()};
  if (!output) {
    if (run_dot(arguments) != 0) throw std::runtime_error("Graphviz `dot` failed to render the champion");
    return;
  }
  // Render beside the target and rename, so an existing picture is never left half-written.
  const TemporaryFile rendered{output->string() + ".tmp-" + stamp};
  arguments.insert(arguments.end(), {"-o", rendered.path.string()});
  if (run_dot(arguments) != 0) throw std::runtime_error("Graphviz `dot` failed to render the champion");
  std::filesystem::rename(rendered.path, *output);
}

}  // namespace convneat
