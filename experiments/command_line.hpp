#pragma once
// Parsing a subcommand's arguments: its visible options plus one positional argument (the
// config, spec or champion file), stored under `positional_name`.
#include <string>
#include <vector>

#include <boost/program_options.hpp>

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

}  // namespace convneat
