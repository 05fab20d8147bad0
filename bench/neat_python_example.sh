#!/usr/bin/env bash
# Runs neat-python's own XOR example (examples/xor/evolve-feedforward.py with its
# config-feedforward, from a clone of neat-python's public source) on ConvNEAT, changing only its
# import line: `import neat` becomes `import convneat.neat as neat`. Its `visualize` helper
# (graphviz and matplotlib drawings) is replaced by a module of no-op functions.
#   bench/neat_python_example.sh NEAT_PYTHON_CHECKOUT [BUILD_DIR]
set -euo pipefail
checkout=$(cd "$1" && pwd)
build=$(cd "${2:-$(dirname "$0")/../build}" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$checkout/examples/xor/evolve-feedforward.py" "$checkout/examples/xor/config-feedforward" "$scratch/"
sed -i 's/^import neat$/import convneat.neat as neat/' "$scratch/evolve-feedforward.py"
printf 'def draw_net(*args, **kwargs): pass\ndef plot_stats(*args, **kwargs): pass\ndef plot_species(*args, **kwargs): pass\n' \
  > "$scratch/visualize.py"
echo "--- the example's changes:"
diff "$checkout/examples/xor/evolve-feedforward.py" "$scratch/evolve-feedforward.py" || true
cd "$scratch"
PYTHONPATH="$build/python" /usr/bin/python3 evolve-feedforward.py
