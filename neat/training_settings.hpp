#pragma once
// The settings-table rows of gradient training (/training/...), kept apart from
// config_schema.cpp as the spatial ones are: one section, one file.
#include <vector>

#include "neat/config_schema.hpp"

namespace convneat {

std::vector<Setting> training_settings();

}  // namespace convneat
