#pragma once
// Parsing a subcommand's arguments: its visible options plus one positional argument (the
// config, spec or champion file), stored under `positional_name`.
#include <charconv>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "genome/message_excerpt.hpp"
#include "neat/config_schema.hpp"

namespace convneat {

inline boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& arguments, const boost::program_options::options_description& visible,
    const char* positional_name) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()(positional_name, po::value<std::string>());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add(positional_name, 1);
  po::variables_map values;
  po::store(po::command_line_parser(arguments).options(all).positional(positional).run(), values);
  po::notify(values);
  return values;
}

// --help prints the options and exits 0; arguments that are not `complete` print them to
// stderr and exit 2. Otherwise nothing: the command goes on.
inline std::optional<int> help_or_usage_exit(const boost::program_options::variables_map& values,
                                             const boost::program_options::options_description& visible,
                                             bool complete) {
  if (values.count("help")) {
    std::cout << visible << '\n';
    return 0;
  }
  if (!complete) {
    std::cerr << visible << '\n';
    return 2;
  }
  return std::nullopt;
}

// The whole number an option's text gives. Options are read as text and converted here
// because program_options reads "-1" into an unsigned option as 2^64 - 1; a sign, a
// fraction or a number outside [low, high] is a ConfigError naming the option and the range.
inline std::uint64_t whole_number_option(const std::string& option, const std::string& text, std::uint64_t low,
                                         std::uint64_t high) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < low || value > high)
    throw ConfigError(option + ": expected a whole number in [" + std::to_string(low) + ", " + std::to_string(high) +
                      "], got " + excerpt(text));
  return value;
}

}  // namespace convneat
