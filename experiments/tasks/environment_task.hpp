#pragma once
// The `environment` task: an environment written in any language, run as worker processes
// that speak a line-based JSON protocol over their stdin and stdout (docs/environments.md).
// The network runs inside ConvNEAT; the worker holds the world:
//
//   → {"type": "spaces"}                       ← {"observations": N, "actions": M}   (once per worker)
//   → {"type": "reset", "seed": S}             ← {"observation": [N numbers]}
//   → {"type": "step", "action": [M numbers]}  ← {"observation": [...], "reward": r, "done": bool}
//
// A genome's fitness is its mean episode return over /task/episodes episodes, each at most
// /task/max_steps steps; episode e's seed is derived from (run seed, generation, genome, e),
// so a run is reproducible when the environment is a pure function of its seeds. Workers are
// pooled: each evaluating thread takes an idle one (or starts one). A worker that dies,
// answers past /task/timeout_seconds or answers garbage fails the genome it was evaluating with
// a message naming the worker; it is killed and a fresh one takes its place, and the run goes on.
#include "experiments/tasks/task_registry.hpp"

namespace convneat {

TaskBuilder read_environment_task(TaskParameters& parameters);

}  // namespace convneat
