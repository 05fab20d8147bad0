#include "genome/spatial/names.hpp"

namespace convneat {
std::string_view sharing_mode_name(SharingMode mode) { return kSharingModes.name(mode); }
std::optional<SharingMode> parse_sharing_mode(std::string_view name) { return kSharingModes.parse(name); }
std::string sharing_mode_names() { return kSharingModes.names(); }

std::string_view pooling_name(Pooling pooling) { return kPoolings.name(pooling); }
std::optional<Pooling> parse_pooling(std::string_view name) { return kPoolings.parse(name); }
std::string pooling_names() { return kPoolings.names(); }

std::string_view readout_name(ReadoutKind readout) { return kReadouts.name(readout); }
std::optional<ReadoutKind> parse_readout(std::string_view name) { return kReadouts.parse(name); }
std::string readout_names() { return kReadouts.names(); }

std::string_view centroid_init_name(CentroidInit init) { return kCentroidInits.name(init); }
std::optional<CentroidInit> parse_centroid_init(std::string_view name) { return kCentroidInits.parse(name); }
std::string centroid_init_names() { return kCentroidInits.names(); }

nlohmann::json padding_to_json(const Padding& padding) {
  switch (padding.kind) {
    case Padding::Kind::valid: return "valid";
    case Padding::Kind::same: return "same";
    case Padding::Kind::explicit_amount: return padding.amount;
  }
  return nullptr;
}

std::optional<Padding> padding_from_json(const nlohmann::json& value) {
  if (value == "valid") return Padding{Padding::Kind::valid, 0};
  if (value == "same") return Padding{Padding::Kind::same, 0};
  if (value.is_number_unsigned() && value.get<std::uint64_t>() <= 1024)
    return Padding{Padding::Kind::explicit_amount, value.get<std::size_t>()};
  return std::nullopt;
}

}  // namespace convneat
