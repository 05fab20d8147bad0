#pragma once
// The output directory of a run or of a comparison, held for as long as one process writes
// there: created when missing, checked writable, and locked (flock on its `.convneat.lock`)
// so that a second process aiming at it is refused at once, naming the holder, instead of
// interleaving its files with the first one's. The lock goes with the process: a killed run
// leaves nothing to clean up.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace convneat {

class RunDirectoryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RunDirectory {
 public:
  // `holder` says who holds it, for the message another process gets ("convneat run xor.json").
  // Throws RunDirectoryError naming the directory when it cannot be created, written or locked.
  RunDirectory(std::filesystem::path path, const std::string& holder);
  ~RunDirectory();
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int lock_ = -1;
};

// The files `convneat run` writes into its output directory.
const std::vector<std::string>& run_file_names();
// Those of them present in `directory`.
std::vector<std::string> run_files_in(const std::filesystem::path& directory);
// Refuses (ConfigError) a directory holding another run's files, saying both ways out; with
// `overwrite` removes them instead, so the directory never holds a mix of two runs.
void claim_for_new_run(const std::filesystem::path& directory, bool overwrite);

}  // namespace convneat
