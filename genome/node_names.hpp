#pragma once
// What a task calls its inputs and outputs (Task::input_names, output_names), in their order:
// drawings of a genome label its input and output nodes with them, and champion.json keeps
// them so that an export drawn later has them without loading the task's data.
#include <string>
#include <vector>

namespace convneat {

struct NodeNames {
  std::vector<std::string> inputs, outputs;  // either may be empty: no names
  bool empty() const { return inputs.empty() && outputs.empty(); }
  bool operator==(const NodeNames&) const = default;
};

}  // namespace convneat
