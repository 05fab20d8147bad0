#include "neat/species.hpp"

#include <algorithm>

#include "genome/compatibility.hpp"
#include "genome/genome_json.hpp"
#include "genome/json_fields.hpp"

namespace convneat {

void SpeciesSet::speciate(const std::vector<Genome>& genomes, const GenomeConfig& config, double threshold,
                          std::size_t generation, DistanceMemo* memo) {
  const std::size_t carried = species_.size();
  std::vector<std::vector<double>> member_distance(carried);
  for (Species& s : species_) s.members.clear();

  for (std::size_t g = 0; g < genomes.size(); ++g) {
    std::size_t nearest = species_.size();
    double nearest_distance = threshold;
    for (std::size_t s = 0; s < species_.size(); ++s) {
      const auto compute = [&] { return compatibility_distance(genomes[g], species_[s].representative, config); };
      // A species founded in this speciation is known by its founder, its first member.
      const double distance =
          memo == nullptr ? compute()
          : s < carried   ? memo->get(DistanceMemo::Pair::genome_to_carried, g, species_[s].id, compute)
                          : memo->get(DistanceMemo::Pair::genome_to_founder, g, species_[s].members.front(), compute);
      if (distance < nearest_distance) nearest = s, nearest_distance = distance;
    }
    if (nearest == species_.size()) {
      species_.push_back({next_species_id_++, genomes[g], {g}, generation, generation});
      member_distance.push_back({0.0});
    } else {
      species_[nearest].members.push_back(g);
      if (nearest < member_distance.size()) member_distance[nearest].push_back(nearest_distance);
    }
  }
  for (std::size_t s = 0; s < carried; ++s) {
    Species& species = species_[s];
    if (species.members.empty()) continue;
    const auto& distances = member_distance[s];
    const auto closest = std::min_element(distances.begin(), distances.end()) - distances.begin();
    species.representative = genomes[species.members[static_cast<std::size_t>(closest)]];
  }
  std::erase_if(species_, [](const Species& s) { return s.members.empty(); });
}

void SpeciesSet::merge_close_species(const GenomeConfig& config, double threshold, DistanceMemo* memo) {
  std::vector<Species> kept;
  for (Species& species : species_) {  // ordered by id: oldest first
    Species* into = nullptr;
    double nearest_distance = threshold;
    for (Species& older : kept) {
      const auto compute = [&] { return compatibility_distance(species.representative, older.representative, config); };
      const double distance =
          memo == nullptr ? compute()
                          : memo->get(DistanceMemo::Pair::carried_to_carried, species.id, older.id, compute);
      if (distance < nearest_distance) into = &older, nearest_distance = distance;
    }
    if (into == nullptr) {
      kept.push_back(std::move(species));
      continue;
    }
    into->last_improved_generation = std::max(into->last_improved_generation, species.last_improved_generation);
    into->best_fitness_ever = std::max(into->best_fitness_ever, species.best_fitness_ever);
    into->tested_fitness = std::max(into->tested_fitness, species.tested_fitness);
  }
  species_ = std::move(kept);
}

nlohmann::json SpeciesSet::save_state(GeneLists lists) const {
  nlohmann::json list = nlohmann::json::array();
  for (const Species& s : species_)
    list.push_back({{"id", s.id},
                    {"representative", genome_to_json(s.representative, lists)},
                    {"members", s.members},
                    {"created_generation", s.created_generation},
                    {"last_improved_generation", s.last_improved_generation},
                    {"best_fitness_ever", s.best_fitness_ever},
                    {"tested_fitness", s.tested_fitness}});
  return {{"next_species_id", next_species_id_}, {"species", list}};
}

void SpeciesSet::load_state(const nlohmann::json& state) {
  next_species_id_ = field<std::uint64_t>(state, "next_species_id", "/species");
  species_.clear();
  // JSON has no infinity: -inf (never evaluated / never tested) is written as null.
  auto fitness_or_lowest = [](const nlohmann::json& value) {
    return value.is_null() ? -std::numeric_limits<double>::infinity() : value.get<double>();
  };
  for (const auto& entry : state.at("species"))
    species_.push_back({field<std::uint64_t>(entry, "id", "/species"), genome_from_json(entry.at("representative")),
                        whole_numbers<std::size_t>(member(entry, "members", "/species"), "/species/members"),
                        field<std::size_t>(entry, "created_generation", "/species"),
                        field<std::size_t>(entry, "last_improved_generation", "/species"),
                        fitness_or_lowest(entry.at("best_fitness_ever")), fitness_or_lowest(entry.at("tested_fitness"))});
}

}  // namespace convneat
