#pragma once
// The last champion test a population ran, kept so that testing the same phenotype again —
// an elite copied unchanged into the next generation, a species champion that stays its
// species' best — costs nothing. A champion test is a pure function of the phenotype
// (Task::has_champion_test), so the reused result is the one a new test would give; the memo
// is therefore no part of a checkpoint (a resumed run tests once more and gets the same figures).
#include <cstddef>
#include <optional>

#include "genome/genome.hpp"
#include "neat/evaluator.hpp"

namespace convneat {

class ChampionTestMemo {
 public:
  // The generation-scope champion test of the genome: the last result when its genes are
  // those last tested, else a new test.
  ChampionTestResult test(Evaluator& evaluator, const Genome& genome);
  // How many tests were answered from the memo.
  std::size_t reused() const { return reused_; }

 private:
  std::optional<Genome> tested_;
  ChampionTestResult result_;
  std::size_t reused_ = 0;
};

}  // namespace convneat
