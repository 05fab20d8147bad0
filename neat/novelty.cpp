#include "neat/novelty.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "genome/random.hpp"
#include "neat/on_threads.hpp"

namespace convneat {
namespace {

// Lehman & Stanley's (2011) adjustments of the threshold rule.
constexpr double kThresholdRaise = 1.2;
constexpr double kThresholdLower = 0.95;
constexpr std::size_t kRaiseAbove = 4;  // added in one generation

// Mean of the k smallest distances from `own` to every other described behaviour of the
// generation and to the archive: summed smallest first, so the figure never depends on order.
double novelty_of(std::size_t own, const std::vector<Behaviour>& behaviours, const std::vector<Behaviour>& archive,
                  std::size_t neighbours, BehaviourMetric metric) {
  std::vector<double> distances;
  distances.reserve(behaviours.size() + archive.size());
  for (std::size_t other = 0; other < behaviours.size(); ++other)
    if (other != own && !behaviours[other].empty())
      distances.push_back(behaviour_distance(behaviours[own], behaviours[other], metric));
  for (const Behaviour& remembered : archive) distances.push_back(behaviour_distance(behaviours[own], remembered, metric));
  const std::size_t k = std::min(neighbours, distances.size());
  if (k == 0) return 0.0;
  std::partial_sort(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(k), distances.end());
  return std::accumulate(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(k), 0.0) /
         static_cast<double>(k);
}

}  // namespace

std::vector<double> novelty_scores(const std::vector<Behaviour>& behaviours, const std::vector<Behaviour>& archive,
                                   std::size_t neighbours, BehaviourMetric metric, std::size_t threads) {
  std::vector<double> novelty(behaviours.size(), 0.0);
  on_threads(threads, [&](auto for_each) {
    for_each(behaviours.size(), [&](std::size_t i) {
      if (!behaviours[i].empty()) novelty[i] = novelty_of(i, behaviours, archive, neighbours, metric);
    });
  });
  return novelty;
}

std::vector<std::size_t> NoveltyArchive::chosen(const NoveltySettings& settings, const std::vector<double>& novelty,
                                                const std::vector<bool>& eligible, const std::vector<Genome>& genomes,
                                                std::uint64_t seed, std::size_t generation) {
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < novelty.size(); ++i)
    if (eligible[i]) candidates.push_back(i);
  std::vector<std::size_t> picked;
  switch (settings.archive_rule) {
    case ArchiveRule::none:
      break;
    case ArchiveRule::most_novel: {
      // Most novel first, ties to the earlier genome.
      std::stable_sort(candidates.begin(), candidates.end(),
                       [&](std::size_t a, std::size_t b) { return novelty[a] > novelty[b]; });
      const std::size_t count = std::min(settings.archive_per_generation, candidates.size());
      picked.assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(count));
      std::sort(picked.begin(), picked.end());
      break;
    }
    case ArchiveRule::threshold:
      for (std::size_t i : candidates)
        if (novelty[i] > threshold_) picked.push_back(i);
      threshold_ *= picked.size() > kRaiseAbove ? kThresholdRaise : picked.empty() ? kThresholdLower : 1.0;
      break;
    case ArchiveRule::random:
      for (std::size_t i : candidates) {
        RandomStream draw(seed, generation, genomes[i].id, Purpose::novelty_archive);
        if (draw.chance(settings.archive_probability)) picked.push_back(i);
      }
      break;
  }
  return picked;
}

void NoveltyArchive::add_generation(const NoveltySettings& settings, const std::vector<Behaviour>& behaviours,
                                    const std::vector<double>& novelty, const std::vector<bool>& eligible,
                                    const std::vector<Genome>& genomes, std::uint64_t seed, std::size_t generation) {
  for (std::size_t i : chosen(settings, novelty, eligible, genomes, seed, generation))
    behaviours_.push_back(behaviours[i]);
  if (settings.archive_limit > 0 && behaviours_.size() > settings.archive_limit)
    behaviours_.erase(behaviours_.begin(),
                      behaviours_.begin() + static_cast<std::ptrdiff_t>(behaviours_.size() - settings.archive_limit));
}

nlohmann::json NoveltyArchive::save_state() const { return {{"threshold", threshold_}, {"behaviours", behaviours_}}; }

void NoveltyArchive::load_state(const nlohmann::json& state) {
  // A checkpoint in CBOR can hold NaN and infinities, which JSON text cannot.
  const auto finite = [](const nlohmann::json& x) { return x.is_number() && std::isfinite(x.get<double>()); };
  if (!state.is_object() || !state.contains("threshold") || !finite(state.at("threshold")) ||
      !(state.at("threshold").get<double>() > 0.0) || !state.contains("behaviours") || !state.at("behaviours").is_array())
    throw std::runtime_error(
        "/population/novelty_archive: not {\"threshold\": a number above 0, \"behaviours\": [...]}");
  std::vector<Behaviour> behaviours;
  for (const nlohmann::json& entry : state.at("behaviours")) {
    if (!entry.is_array() || entry.empty() || !std::all_of(entry.begin(), entry.end(), finite))
      throw std::runtime_error(
          "/population/novelty_archive/behaviours: each must be a non-empty list of finite numbers");
    behaviours.push_back(entry.get<Behaviour>());
  }
  if (!behaviours.empty() && std::any_of(behaviours.begin(), behaviours.end(), [&](const Behaviour& b) {
        return b.size() != behaviours.front().size();
      }))
    throw std::runtime_error("/population/novelty_archive/behaviours: lists of different lengths");
  threshold_ = state.at("threshold").get<double>();
  behaviours_ = std::move(behaviours);
}

}  // namespace convneat
