#pragma once
// `convneat run CONFIG [options]`: one experiment from a JSON file.
#include <string>
#include <vector>

namespace convneat {

int run_command(const std::vector<std::string>& arguments);

}  // namespace convneat
