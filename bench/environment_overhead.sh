#!/usr/bin/env bash
# The environment protocol's cost, in steps per second (docs/environments.md):
#   1. the Python cart-pole stepping itself, no protocol (its own loop, one process);
#   2. the same environment through ConvNEAT's worker pipe: one episode at a time in JSON, and
#      with --batch all of a genome's episodes (10, 100, 1000) in lockstep, numbers in base64;
#   3. the built-in single_pole task, all C++.
# The pipe costs less than the environment itself when 2 is more than half of 1.
#   bench/environment_overhead.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
echo "1. Python cart-pole alone (balancing policy, 200,000 steps):"
/usr/bin/python3 - <<'PYTHON'
import random, sys, time
sys.path.insert(0, "experiments/environments")
import cart_pole as c
steps, start = 0, time.perf_counter()
for episode in range(200):
    draw = random.Random(episode)
    state = tuple(draw.uniform(-0.05, 0.05) for _ in range(4))
    for _ in range(1000):
        o = c.observe(state)
        state = c.step(state, o[2] + 0.5 * o[3] > 0)
        steps += 1
        if abs(state[0]) > c.X_LIMIT or abs(state[2]) > c.THETA_LIMIT:
            break
seconds = time.perf_counter() - start
print("   %d steps in %.2f s: %.0f steps/s" % (steps, seconds, steps / seconds))
PYTHON
echo "2. and 3. through convneat (Google Benchmark; steps_per_second):"
"$build/bench/convneat_bench" --benchmark_filter='PythonCartPole|BuiltInSinglePole' \
  --benchmark_min_time=2 2>/dev/null | grep -E 'BM_|Benchmark'
