#pragma once
// Novelty search (Lehman & Stanley 2011, "Abandoning objectives"): a genome's novelty is the
// mean distance from its behaviour to the k nearest behaviours among the rest of its
// generation and an archive of earlier ones. The archive remembers where the search has
// been, so that returning there stops paying; which behaviours enter it is a rule:
//   most_novel — the `archive_per_generation` most novel genomes of each generation;
//   threshold  — every genome more novel than a threshold that moves (Lehman & Stanley: ×1.2
//                after a generation adding more than four, ×0.95 after one adding none), so
//                its start value need only be of the right order;
//   random     — each genome with probability `archive_probability` (Gomes, Mariano &
//                Christensen 2015 found this as good as novelty-based rules);
//   none       — novelty relative to the current generation only.
// The archive keeps at most `archive_limit` behaviours (the oldest leave first) and is part of
// a checkpoint: resume continues with the same archive.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "genome/genome.hpp"
#include "genome/name_table.hpp"
#include "neat/behaviour.hpp"

namespace convneat {

enum class ArchiveRule { most_novel, threshold, random, none };

inline constexpr auto kArchiveRules = name_table<ArchiveRule>({
    {ArchiveRule::most_novel, "most_novel"},
    {ArchiveRule::threshold, "threshold"},
    {ArchiveRule::random, "random"},
    {ArchiveRule::none, "none"},
});

struct NoveltySettings {
  std::size_t neighbours = 15;  // k (Lehman & Stanley's value)
  ArchiveRule archive_rule = ArchiveRule::most_novel;
  std::size_t archive_per_generation = 2;  // most_novel
  double archive_threshold = 1.0;          // threshold: the start value, in the descriptor's distance
  double archive_probability = 0.01;       // random
  std::size_t archive_limit = 2500;        // 0: no limit
};

// Novelty of each genome of a generation (0 for one without a behaviour: its evaluation
// failed). Each genome's figure depends only on the behaviours, so it is computed in
// parallel on `threads` threads and is the same for any count.
std::vector<double> novelty_scores(const std::vector<Behaviour>& behaviours, const std::vector<Behaviour>& archive,
                                   std::size_t neighbours, BehaviourMetric metric, std::size_t threads);

class NoveltyArchive {
 public:
  explicit NoveltyArchive(const NoveltySettings& settings = {}) : threshold_(settings.archive_threshold) {}

  // Adds this generation's behaviours that the rule picks among the `eligible` ones (a
  // behaviour, and the minimal criterion met), then drops the oldest beyond the limit.
  // `genomes` give the ids the random rule draws by; `seed` and `generation` key its streams.
  void add_generation(const NoveltySettings& settings, const std::vector<Behaviour>& behaviours,
                      const std::vector<double>& novelty, const std::vector<bool>& eligible,
                      const std::vector<Genome>& genomes, std::uint64_t seed, std::size_t generation);

  const std::vector<Behaviour>& behaviours() const { return behaviours_; }
  double threshold() const { return threshold_; }

  nlohmann::json save_state() const;
  // Throws std::runtime_error naming the bad field.
  void load_state(const nlohmann::json& state);

 private:
  std::vector<std::size_t> chosen(const NoveltySettings& settings, const std::vector<double>& novelty,
                                  const std::vector<bool>& eligible, const std::vector<Genome>& genomes,
                                  std::uint64_t seed, std::size_t generation);

  std::vector<Behaviour> behaviours_;  // oldest first
  double threshold_;
};

}  // namespace convneat
