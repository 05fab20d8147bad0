#pragma once
// Work of the population's own (reproduction, checkpoint state) on the run's threads, the
// /evaluation/threads count the evaluator's arena has too (0: every core). Each pass is a
// loop over indices whose steps touch nothing of each other's, so its result cannot depend
// on the thread count.
#include <cstddef>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace convneat {

// Calls passes(for_each), where for_each(count, step) runs step(i) for every i in [0, count):
// in parallel in one arena of `threads` threads, or in this thread alone for one — work of
// well under a millisecond (a generation of XOR genomes) costs less than an arena to start.
template <class Passes>
void on_threads(std::size_t threads, Passes passes) {
  if (threads == 1) {
    passes([](std::size_t count, auto step) {
      for (std::size_t i = 0; i < count; ++i) step(i);
    });
    return;
  }
  tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
  arena.execute([&] {
    passes([](std::size_t count, auto step) { tbb::parallel_for(std::size_t{0}, count, step); });
  });
}

}  // namespace convneat
