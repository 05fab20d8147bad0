#pragma once
// Pictures of a champion's spatial front end and of its run's curves, drawn with gnuplot:
// per layer the kernels (and for a centroid layer the dominant-KCP map and the locally
// weighted kernels), and the fitness / accuracy curves when generations.csv is beside it.
#include <string>
#include <vector>

namespace convneat {

// `convneat picture CHAMPION.json|RUN_DIR [-o FOLDER]`. Exit 0 when every picture was
// drawn; 1 when gnuplot is missing or failed (the data and scripts are still written).
int picture_command(const std::vector<std::string>& arguments);

}  // namespace convneat
