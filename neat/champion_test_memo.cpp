#include "neat/champion_test_memo.hpp"

namespace convneat {
namespace {

// Same phenotype: the same genes, whatever the genome's id and fitness.
bool same_genes(const Genome& a, const Genome& b) {
  return a.nodes == b.nodes && a.connections == b.connections && a.spatial == b.spatial;
}

}  // namespace

ChampionTestResult ChampionTestMemo::test(Evaluator& evaluator, const Genome& genome) {
  if (tested_ && same_genes(*tested_, genome)) {
    ++reused_;
    return result_;
  }
  result_ = evaluator.test_champion(genome, ChampionTestScope::generation);
  tested_ = genome;
  return result_;
}

}  // namespace convneat
