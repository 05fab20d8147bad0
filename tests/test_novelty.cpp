// Novelty search (neat/novelty.hpp): distances, k-nearest novelty against the generation and
// the archive, and the archive's rules, their checkpoint state included.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "genome/random.hpp"
#include "neat/novelty.hpp"

using namespace convneat;

namespace {

std::vector<Genome> genomes_with_ids(std::size_t count) {
  std::vector<Genome> genomes(count);
  for (std::size_t i = 0; i < count; ++i) genomes[i].id = 100 + i;
  return genomes;
}

}  // namespace

TEST_CASE("behaviour distances: euclidean, and the fraction of positions that differ") {
  CHECK(behaviour_distance({0, 0}, {3, 4}, BehaviourMetric::euclidean) == 5.0);
  CHECK(behaviour_distance({1, 2, 3, 4}, {1, 0, 3, 9}, BehaviourMetric::mismatch) == 0.5);
  CHECK(behaviour_distance({2, 2}, {2, 2}, BehaviourMetric::mismatch) == 0.0);
  CHECK_THROWS_WITH(behaviour_distance({1}, {1, 2}, BehaviourMetric::euclidean), Catch::Contains("different lengths"));
}

TEST_CASE("novelty is the mean distance to the k nearest of the others and the archive") {
  // One-dimensional behaviours 0, 1, 3 and an archive {10}; k = 2.
  const std::vector<Behaviour> generation{{0}, {1}, {3}};
  const std::vector<Behaviour> archive{{10}};
  const std::vector<double> novelty = novelty_scores(generation, archive, 2, BehaviourMetric::euclidean, 1);
  CHECK(novelty[0] == (1.0 + 3.0) / 2);   // neighbours 1 and 3
  CHECK(novelty[1] == (1.0 + 2.0) / 2);   // 0 and 3
  CHECK(novelty[2] == (2.0 + 3.0) / 2);   // 1 and 0 (10 is 7 away)
  // A large k takes everything there is: the two others and the archive.
  CHECK(novelty_scores(generation, archive, 50, BehaviourMetric::euclidean, 1)[0] == (1.0 + 3.0 + 10.0) / 3);
}

TEST_CASE("a genome without a behaviour (a failed evaluation) has novelty 0 and is nobody's neighbour") {
  const std::vector<Behaviour> generation{{0}, {}, {4}};
  const std::vector<double> novelty = novelty_scores(generation, {}, 1, BehaviourMetric::euclidean, 1);
  CHECK(novelty == std::vector<double>{4.0, 0.0, 4.0});
}

TEST_CASE("novelty is the same on one thread and on four") {
  RandomStream random(7, 0, 0, Purpose::task_data);
  std::vector<Behaviour> generation(300, Behaviour(6));
  for (Behaviour& b : generation)
    for (double& x : b) x = random.normal(0, 1);
  std::vector<Behaviour> archive(50, Behaviour(6));
  for (Behaviour& b : archive)
    for (double& x : b) x = random.normal(0, 2);
  CHECK(novelty_scores(generation, archive, 15, BehaviourMetric::euclidean, 1) ==
        novelty_scores(generation, archive, 15, BehaviourMetric::euclidean, 4));
}

TEST_CASE("most_novel archives the n most novel eligible behaviours, ties to the earlier genome") {
  NoveltySettings settings;
  settings.archive_per_generation = 2;
  NoveltyArchive archive(settings);
  const std::vector<Behaviour> behaviours{{0}, {1}, {2}, {3}, {4}};
  const std::vector<double> novelty{0.5, 0.9, 0.9, 0.9, 2.0};
  const std::vector<bool> eligible{true, true, true, true, false};  // the most novel fails the criterion
  archive.add_generation(settings, behaviours, novelty, eligible, genomes_with_ids(5), 1, 0);
  CHECK(archive.behaviours() == std::vector<Behaviour>{{1}, {2}});
}

TEST_CASE("threshold: those above it enter, and it rises 20 % after more than four, falls 5 % after none") {
  NoveltySettings settings;
  settings.archive_rule = ArchiveRule::threshold;
  settings.archive_threshold = 1.0;
  NoveltyArchive archive(settings);
  const std::vector<Behaviour> behaviours{{0}, {1}, {2}, {3}, {4}, {5}};
  const std::vector<bool> all(6, true);
  archive.add_generation(settings, behaviours, {0.5, 1.5, 1.0, 2.0, 0.1, 0.2}, all, genomes_with_ids(6), 1, 0);
  CHECK(archive.behaviours() == std::vector<Behaviour>{{1}, {3}});  // strictly above 1.0
  CHECK(archive.threshold() == 1.0);                                 // two added: unchanged
  archive.add_generation(settings, behaviours, {2, 2, 2, 2, 2, 0}, all, genomes_with_ids(6), 1, 1);
  CHECK(archive.behaviours().size() == 7);
  CHECK(archive.threshold() == Approx(1.2).epsilon(1e-15));
  archive.add_generation(settings, behaviours, std::vector<double>(6, 0.0), all, genomes_with_ids(6), 1, 2);
  CHECK(archive.threshold() == Approx(1.2 * 0.95).epsilon(1e-15));
}

TEST_CASE("random: each genome enters with the given chance, drawn from its own stream") {
  NoveltySettings settings;
  settings.archive_rule = ArchiveRule::random;
  settings.archive_probability = 0.1;
  settings.archive_limit = 0;
  const std::size_t count = 5000;
  std::vector<Behaviour> behaviours;
  for (std::size_t i = 0; i < count; ++i) behaviours.push_back({static_cast<double>(i)});
  const std::vector<double> novelty(count, 1.0);
  const std::vector<bool> all(count, true);
  NoveltyArchive first(settings), again(settings), other_seed(settings), reordered(settings);
  first.add_generation(settings, behaviours, novelty, all, genomes_with_ids(count), 1, 3);
  again.add_generation(settings, behaviours, novelty, all, genomes_with_ids(count), 1, 3);
  other_seed.add_generation(settings, behaviours, novelty, all, genomes_with_ids(count), 2, 3);
  // 500 expected; sd ≈ 21.
  CHECK(first.behaviours().size() > 420);
  CHECK(first.behaviours().size() < 580);
  CHECK(first.behaviours() == again.behaviours());
  CHECK(first.behaviours() != other_seed.behaviours());
  // Whether a genome enters depends on its id, not on where it stands in the generation.
  std::vector<Genome> reversed = genomes_with_ids(count);
  std::reverse(reversed.begin(), reversed.end());
  std::vector<Behaviour> reversed_behaviours(behaviours.rbegin(), behaviours.rend());
  reordered.add_generation(settings, reversed_behaviours, novelty, all, reversed, 1, 3);
  std::vector<Behaviour> entered = reordered.behaviours();
  std::reverse(entered.begin(), entered.end());
  CHECK(entered == first.behaviours());
}

TEST_CASE("the archive keeps at most its limit, the oldest leaving first") {
  NoveltySettings settings;
  settings.archive_per_generation = 3;
  settings.archive_limit = 4;
  NoveltyArchive archive(settings);
  const std::vector<bool> all(3, true);
  archive.add_generation(settings, {{1}, {2}, {3}}, {1, 1, 1}, all, genomes_with_ids(3), 1, 0);
  archive.add_generation(settings, {{4}, {5}, {6}}, {1, 1, 1}, all, genomes_with_ids(3), 1, 1);
  CHECK(archive.behaviours() == std::vector<Behaviour>{{3}, {4}, {5}, {6}});
}

TEST_CASE("the archive's state survives a save and load exactly, and bad state is refused") {
  NoveltySettings settings;
  settings.archive_rule = ArchiveRule::threshold;
  settings.archive_threshold = 0.1 + 0.2;
  NoveltyArchive archive(settings);
  archive.add_generation(settings, {{0.1 + 0.7, -1e-300}, {1, 2}}, {1.0, 0.0}, {true, true}, genomes_with_ids(2), 1, 0);
  NoveltyArchive loaded;
  loaded.load_state(nlohmann::json::parse(archive.save_state().dump()));
  CHECK(loaded.behaviours() == archive.behaviours());
  CHECK(loaded.threshold() == archive.threshold());
  CHECK_THROWS_WITH(loaded.load_state({{"threshold", 1}}), Catch::Contains("/population/novelty_archive"));
  CHECK_THROWS_WITH(loaded.load_state({{"threshold", 1}, {"behaviours", {{1, 2}, {3}}}}),
                    Catch::Contains("different lengths"));
  CHECK_THROWS_WITH(loaded.load_state({{"threshold", 1}, {"behaviours", {{1, "x"}}}}),
                    Catch::Contains("list of finite numbers"));
  CHECK_THROWS_WITH(loaded.load_state({{"threshold", 1}, {"behaviours", {{1, std::nan("")}}}}),
                    Catch::Contains("list of finite numbers"));
  CHECK_THROWS_WITH(loaded.load_state({{"threshold", 0}, {"behaviours", nlohmann::json::array()}}),
                    Catch::Contains("above 0"));
}
