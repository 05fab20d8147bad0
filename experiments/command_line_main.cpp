#include "experiments/command_line_main.hpp"

#include <csignal>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options/errors.hpp>

#include "experiments/checkpoint_command.hpp"
#include "experiments/compare_command.hpp"
#include "experiments/eval_command.hpp"
#include "experiments/export_command.hpp"
#include "experiments/picture_command.hpp"
#include "experiments/train_command.hpp"
#include "experiments/run_command.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/config_document.hpp"
#include "neat/software_version.hpp"

namespace convneat {
namespace {

constexpr const char* kUsage =
    "usage: convneat COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run CONFIG          run an experiment (convneat run --help for options)\n"
    "  compare SPEC        compare config variants over tasks and seeds (convneat compare --help)\n"
    "  eval CHAMPION       evaluate a saved champion on a task (convneat eval --help)\n"
    "  train CHAMPION      fine-tune a champion by gradient on its task (convneat train --help)\n"
    "  export CHAMPION     write a champion as JSON, DOT, SVG, PNG or ONNX (convneat export --help)\n"
    "  picture CHAMPION    draw PNGs of a champion's spatial layers and its run's curves (convneat picture --help)\n"
    "  checkpoint FILE     write a checkpoint as JSON or binary (convneat checkpoint --help)\n"
    "  config-reference    print the reference of every config key (Markdown)\n"
    "  --version           print the version and the source commit this build was made from\n";

int dispatch(const std::string& command, const std::vector<std::string>& rest, const TaskRegistry& tasks) {
  if (command == "run") return convneat::run_command(rest, tasks);
  if (command == "compare") return convneat::compare_command(rest, tasks);
  if (command == "eval") return convneat::eval_command(rest, tasks);
  if (command == "train") return convneat::train_command(rest, tasks);
  if (command == "export") return convneat::export_command(rest, tasks);
  if (command == "picture") return convneat::picture_command(rest);
  if (command == "checkpoint") return convneat::checkpoint_command(rest);
  if (command == "config-reference") {
    std::cout << full_config_reference(tasks);
    return 0;
  }
  if (command == "--version" || command == "version") {
    std::cout << convneat::software_description() << '\n';
    return 0;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "convneat: unknown command \"" << convneat::excerpt(command) << "\"\n" << kUsage;
  return 2;
}

}  // namespace

std::string full_config_reference(const TaskRegistry& tasks) {
  return config_reference_markdown() + tasks.reference_markdown();
}

int command_line_main(int argc, char** argv, const TaskRegistry& tasks) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  // A file grown past `ulimit -f` would otherwise kill the process without a word (SIGXFSZ);
  // ignored, the write fails with EFBIG and is reported like a full disk, naming the file.
  std::signal(SIGXFSZ, SIG_IGN);
  // A progress line into a pipe whose reader is gone (Ctrl-C on `convneat run … | tee log`
  // ends tee too) must not kill the run before it writes its checkpoint: the write fails
  // quietly instead, and the run goes on to stop cleanly.
  std::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::string> rest(argv + 2, argv + argc);
  try {
    return dispatch(argv[1], rest, tasks);
  } catch (const convneat::ConfigError& error) {
    std::cerr << "convneat: " << error.what() << '\n';
    return 2;
  } catch (const boost::program_options::error& error) {
    std::cerr << "convneat " << argv[1] << ": " << error.what() << '\n';
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "convneat: " << error.what() << '\n';
    return 1;
  }
}

}  // namespace convneat
