#pragma once
// `convneat checkpoint CHECKPOINT --format json|binary [-o OUT]`: writes a checkpoint in the
// other format — a binary checkpoint as JSON to read, or a JSON one as binary — with the same
// population, wall time and statistics fingerprints, so either resumes to the same results.
#include <string>
#include <vector>

namespace convneat {

int checkpoint_command(const std::vector<std::string>& arguments);

}  // namespace convneat
