#pragma once
// The settings-table rows of the spatial front end (/genome/spatial/...), kept apart from
// config_schema.cpp because the layer list needs its own parser.
#include <string>
#include <vector>

#include "neat/config_schema.hpp"

namespace convneat {

std::vector<Setting> spatial_settings();

// Checks what single keys cannot: that every configured layer fits the image it receives
// (`spatial.input`, set from the task), that a grid holds K centroids, that inserted layers
// have an odd kernel. Throws ConfigError naming `source` and the key. Returns the shape of
// the last feature map.
ImageShape check_spatial_config(const SpatialConfig& spatial, const std::string& source);

}  // namespace convneat
