#!/usr/bin/env bash
# How well the dynamic threshold holds /species/target_species on one shipped config: for each
# seed, the species count every 10 generations and how many generations from 30 on held the
# target ± 25 %; then the total over the seeds. Runs never stop at a solution.
#   bench/species_control.sh CONFIG [SEEDS=5] [GENERATIONS=100] [--set KEY=VALUE ...]
# e.g. proportional control with merging, against the default (additive) on the same seeds:
#   bench/species_control.sh experiments/configs/digits_shared.json 3 100 \
#     --set species.threshold_control=proportional --set species.merge_species=true \
#     --set species.threshold_min=1e-6
#   bench/species_control.sh experiments/configs/digits_shared.json 3 100
set -euo pipefail
config=$(realpath "$1")
cd "$(dirname "$0")/.."
seeds=${2:-5}
generations=${3:-100}
shift $(($# < 3 ? $# : 3))
cli=./build/experiments/convneat
scripts/build >/dev/null  # incremental: a stale binary would not know newer keys
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

total_inside=0
total_generations=0
for seed in $(seq 1 "$seeds"); do
  "$cli" run "$config" --seed "$seed" --generations "$generations" --set stop.when_solved=false "$@" \
    --out "$out/run" --overwrite > /dev/null
  target=$(sed -n 's/.*"target_species": *\([0-9]*\).*/\1/p' "$out/run/config.json")  # the run's resolved config
  # generations.csv: generation (column 1), species count (5), compatibility threshold (12).
  read -r counts inside considered threshold < <(awk -F, -v target="$target" '
    NR > 1 {
      if ($1 % 10 == 0) counts = counts (counts == "" ? "" : ",") $5
      if ($1 >= 30) { considered++; if ($5 >= 0.75 * target && $5 <= 1.25 * target) inside++ }
      threshold = $12
    }
    END { printf "%s %d %d %.4g\n", counts, inside, considered, threshold }' "$out/run/generations.csv")
  echo "seed $seed: species every 10 generations $counts; target $target ± 25 % in $inside of $considered generations from 30 on; last threshold $threshold"
  total_inside=$((total_inside + inside))
  total_generations=$((total_generations + considered))
done
echo "$config: $total_inside of $total_generations generations in the band ($*)"
