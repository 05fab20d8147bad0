#include "neat/reproduction.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "genome/crossover.hpp"
#include "genome/mutation.hpp"
#include "genome/mutation_schedule.hpp"
#include "neat/on_threads.hpp"

namespace convneat {
namespace {

// Members best first; ties to the lower genome id so the order never depends on chance.
std::vector<const Genome*> ranked_members(const Species& species, const std::vector<Genome>& genomes) {
  std::vector<const Genome*> ranked;
  for (std::size_t member : species.members) ranked.push_back(&genomes[member]);
  std::sort(ranked.begin(), ranked.end(), [](const Genome* a, const Genome* b) {
    return a->fitness != b->fitness ? a->fitness > b->fitness : a->id < b->id;
  });
  return ranked;
}

std::size_t survivor_count(std::size_t size, double survival_threshold) {
  const auto count = static_cast<std::size_t>(std::ceil(survival_threshold * static_cast<double>(size)));
  return std::clamp<std::size_t>(count, 1, size);
}

// One offspring as chosen: its parents (`second` null for a clone; the same genome twice is a
// clone too) and its id, which keys its own random stream.
struct OffspringPlan {
  const Genome* first = nullptr;
  const Genome* second = nullptr;
  GenomeId id = 0;
  std::size_t slot = 0;  // its place in the next generation
};

class ParentPicker {
 public:
  ParentPicker(const std::vector<std::vector<const Genome*>>& parents, ReproductionContext& context)
      : parents_(parents), context_(context) {}

  OffspringPlan plan(std::size_t species_index, RandomStream& selection, std::size_t slot) {
    const auto& own = parents_[species_index];
    OffspringPlan plan{own[selection.index(own.size())], nullptr, context_.next_genome_id++, slot};
    if (selection.chance(context_.config.reproduction.crossover_rate)) {
      const Genome* second = &pick_mate(species_index, selection);
      if (second != plan.first) plan.second = second;
    }
    return plan;
  }

 private:
  const Genome& pick_mate(std::size_t species_index, RandomStream& selection) {
    std::size_t mate_species = species_index;
    if (parents_.size() > 1 && selection.chance(context_.config.reproduction.interspecies_mating_rate)) {
      mate_species = selection.index(parents_.size() - 1);
      if (mate_species >= species_index) ++mate_species;  // any species but this one
    }
    const auto& pool = parents_[mate_species];
    return *pool[selection.index(pool.size())];
  }

  const std::vector<std::vector<const Genome*>>& parents_;
  ReproductionContext& context_;
};

}  // namespace

// The offspring are made in four passes so that the parallel ones cannot change a result: who
// breeds with whom (each species' selection stream, in order), crossover (each offspring from
// its own stream, in parallel), structural mutation (in offspring order: it draws innovation
// numbers from the shared records), parametric mutation (in parallel). Each offspring's stream
// runs through its passes in the order mutate() would draw from it, so any thread count gives
// the same generation.
std::vector<Genome> reproduce(const std::vector<Genome>& genomes, const std::vector<Species>& species,
                              const std::vector<std::size_t>& allotment, ReproductionContext& context) {
  const ReproductionConfig& config = context.config.reproduction;
  std::vector<std::vector<const Genome*>> ranked, parents;
  for (const Species& s : species) {
    ranked.push_back(ranked_members(s, genomes));
    const auto& all = ranked.back();
    parents.emplace_back(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(
                                                        survivor_count(all.size(), config.survival_threshold)));
  }

  ParentPicker picker(parents, context);
  // By slot in the next generation: the elite copied there, or null where an offspring goes.
  std::vector<const Genome*> copied;
  std::vector<OffspringPlan> plans;
  for (std::size_t s = 0; s < species.size(); ++s) {
    std::size_t elite_count = 0;
    if (ranked[s].size() >= config.elitism_min_species_size)
      elite_count = std::min({config.elitism, allotment[s], ranked[s].size()});
    for (std::size_t e = 0; e < elite_count; ++e) copied.push_back(ranked[s][e]);
    RandomStream selection(context.seed, context.generation, species[s].id, Purpose::parent_selection);
    for (std::size_t k = elite_count; k < allotment[s]; ++k) {
      plans.push_back(picker.plan(s, selection, copied.size()));
      copied.push_back(nullptr);
    }
  }

  const GenomeConfig mutation_config = with_scaled_mutate_powers(
      context.config.genome, mutate_power_scale(context.config.genome, context.generation));
  std::vector<Genome> next(copied.size());
  std::vector<RandomStream> streams;
  streams.reserve(plans.size());
  for (const OffspringPlan& plan : plans)
    streams.emplace_back(context.seed, context.generation, plan.id, Purpose::reproduction);
  on_threads(context.threads, [&](auto for_each) {
    for_each(next.size(), [&](std::size_t slot) {
      if (copied[slot] != nullptr) next[slot] = *copied[slot];
    });
    // Every offspring's stream draws (in its structural mutation at least), so their first
    // draws are readied here, a group at a time: one by one, each stream's seeding chain is
    // serial work at its first draw, which for a clone falls in the serial structural pass.
    const std::size_t groups = (plans.size() + streams_readied_together - 1) / streams_readied_together;
    for_each(groups, [&](std::size_t group) {
      const std::size_t begin = group * streams_readied_together;
      const std::size_t end = std::min(plans.size(), begin + streams_readied_together);
      ready_first_draws(std::span(streams).subspan(begin, end - begin));
      for (std::size_t i = begin; i < end; ++i) {
        const OffspringPlan& plan = plans[i];
        Genome& child = next[plan.slot];
        child = plan.second ? crossover(*plan.first, *plan.second, context.config.genome, streams[i])
                            : offspring_copy(*plan.first);
        child.id = plan.id;
        child.fitness = 0.0;
      }
    });
    for (std::size_t i = 0; i < plans.size(); ++i) {
      MutationContext mutation{mutation_config, context.innovations, streams[i]};
      mutate_structure(next[plans[i].slot], mutation);
    }
    for_each(plans.size(), [&](std::size_t i) { mutate_parameters(next[plans[i].slot], mutation_config, streams[i]); });
  });
  return next;
}

}  // namespace convneat
