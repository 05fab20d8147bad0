#!/usr/bin/env bash
# Runs two of neat-python's own examples (from a clone of neat-python's public source) on
# ConvNEAT, changing only their import line: `import neat` becomes `import convneat.neat as
# neat`. Their `visualize` helper (graphviz and matplotlib drawings) is replaced by a module of
# no-op functions.
#   - examples/xor/evolve-feedforward.py with its config-feedforward;
#   - examples/single-pole-balancing/evolve-ctrnn.py with its config-ctrnn: a CTRNN
#     (neat.ctrnn.CTRNN) scored in worker processes (neat.ParallelEvaluator), the winner pickled.
#   bench/neat_python_example.sh NEAT_PYTHON_CHECKOUT [BUILD_DIR]
set -euo pipefail
checkout=$(cd "$1" && pwd)
build=$(cd "${2:-$(dirname "$0")/../build}" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# run_example FOLDER SCRIPT: copies the example's folder, edits the import, runs the script.
run_example() {
  local folder=$1 script=$2
  mkdir -p "$scratch/$folder"
  cp -r "$checkout/examples/$folder/." "$scratch/$folder/"
  sed -i 's/^import neat$/import convneat.neat as neat/' "$scratch/$folder/$script"
  printf 'def draw_net(*args, **kwargs): pass\ndef plot_stats(*args, **kwargs): pass\ndef plot_species(*args, **kwargs): pass\n' \
    > "$scratch/$folder/visualize.py"
  echo "=== examples/$folder/$script; the example's changes:"
  diff "$checkout/examples/$folder/$script" "$scratch/$folder/$script" || true
  (cd "$scratch/$folder" && PYTHONPATH="$build/python" /usr/bin/python3 "$script")
}

run_example xor evolve-feedforward.py
run_example single-pole-balancing evolve-ctrnn.py
