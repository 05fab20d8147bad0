#pragma once
// The names of the spatial enums, as they appear in configs and genome files.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "genome/name_table.hpp"
#include "genome/spatial_config.hpp"
#include "genome/spatial_gene.hpp"

namespace convneat {

inline constexpr auto kSharingModes = name_table<SharingMode>({
    {SharingMode::shared, "shared"},
    {SharingMode::local, "local"},
    {SharingMode::centroid, "centroid"},
});

inline constexpr auto kPoolings = name_table<Pooling>({
    {Pooling::none, "none"},
    {Pooling::max, "max"},
    {Pooling::mean, "mean"},
});

inline constexpr auto kReadouts = name_table<ReadoutKind>({
    {ReadoutKind::flatten, "flatten"},
    {ReadoutKind::mean, "mean"},
    {ReadoutKind::max, "max"},
});

inline constexpr auto kCentroidInits = name_table<CentroidInit>({
    {CentroidInit::grid, "grid"},
    {CentroidInit::random, "random"},
});

std::string_view sharing_mode_name(SharingMode mode);
std::optional<SharingMode> parse_sharing_mode(std::string_view name);
std::string sharing_mode_names();  // "shared, local, centroid"

std::string_view pooling_name(Pooling pooling);
std::optional<Pooling> parse_pooling(std::string_view name);
std::string pooling_names();

std::string_view readout_name(ReadoutKind readout);
std::optional<ReadoutKind> parse_readout(std::string_view name);
std::string readout_names();

std::string_view centroid_init_name(CentroidInit init);
std::optional<CentroidInit> parse_centroid_init(std::string_view name);
std::string centroid_init_names();

// "valid", "same" or a whole number of cells.
nlohmann::json padding_to_json(const Padding& padding);
std::optional<Padding> padding_from_json(const nlohmann::json& value);

}  // namespace convneat
