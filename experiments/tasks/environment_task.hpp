#pragma once
// The `environment` task: an environment written in any language, run as worker processes
// that speak a line-based JSON protocol over their stdin and stdout (docs/environments.md).
// The network runs inside ConvNEAT; the worker holds the world:
//
//   → {"type": "spaces"}                       ← {"observations": N, "actions": M}   (once per worker)
//   → {"type": "reset", "seed": S}             ← {"observation": [N numbers]}
//   → {"type": "step", "action": [M numbers]}  ← {"observation": [...], "reward": r, "done": bool}
//
// or, when the spaces answer says "batch": true, all of a genome's episodes in lockstep (one
// message per step for all of them: what makes the pipe cheap), vectors flat, and with
// "encoding": "base64" as base64 of little-endian float64 instead of JSON arrays:
//
//   → {"type": "reset_batch", "seeds": [E seeds]}   ← {"observations": E·N}
//   → {"type": "step_batch", "actions": K·M}        ← {"observations": K·N, "rewards": K, "dones": K}
//                                                     (K: the episodes not yet done, in order)
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
