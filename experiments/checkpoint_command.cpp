#include "experiments/checkpoint_command.hpp"

#include <filesystem>
#include <iostream>

#include <boost/program_options.hpp>

#include "experiments/command_line.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/checkpoint.hpp"

namespace convneat {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

po::options_description checkpoint_options() {
  po::options_description options(
      "usage: convneat checkpoint CHECKPOINT --format json|binary [-o OUT]\n\n"
      "Writes the checkpoint in the format given: binary (checkpoint.cbor) as JSON to read, or\n"
      "JSON as binary. The copy resumes to the same results. OUT defaults to checkpoint.json or\n"
      "checkpoint.cbor beside CHECKPOINT.\n\noptions");
  options.add_options()("help,h", "show this help")("format", po::value<std::string>(), "json or binary")(
      "output,o", po::value<std::string>(), "the file to write");
  return options;
}

CheckpointFormat format_option(const std::string& text) {
  if (const auto format = kCheckpointFormats.parse(text)) return *format;
  throw ConfigError("checkpoint --format: unknown format \"" + excerpt(text) + "\" (allowed: " +
                    kCheckpointFormats.names() + ")");
}

}  // namespace

int checkpoint_command(const std::vector<std::string>& arguments) {
  const po::options_description visible = checkpoint_options();
  const po::variables_map values = parse_command_line(arguments, visible, "checkpoint");
  const bool complete = values.count("checkpoint") && values.count("format");
  if (const auto exit_code = help_or_usage_exit(values, visible, complete)) return *exit_code;
  const CheckpointFormat format = format_option(values["format"].as<std::string>());
  const fs::path input = values["checkpoint"].as<std::string>();
  const fs::path output =
      values.count("output") ? fs::path(values["output"].as<std::string>()) : input.parent_path() / checkpoint_file_name(format);
  std::error_code ignored;
  if (fs::exists(output, ignored) && fs::equivalent(input, output, ignored))
    throw ConfigError("checkpoint: " + excerpt(output.string()) + " is the checkpoint being read; give -o another file");

  const LoadedCheckpoint checkpoint = read_checkpoint(input);
  write_checkpoint(output, checkpoint.population, checkpoint.seconds, checkpoint.statistics, format);
  std::cout << "generation " << checkpoint.population.generation() << " written to " << output.string() << '\n';
  return 0;
}

}  // namespace convneat
