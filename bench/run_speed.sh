#!/usr/bin/env bash
# Whole-run speed of one shipped config over a fixed number of generations, with the ratios
# the image-speed work is judged by, all measured in this one call:
#   - wall time on 1 and on 2 threads (the scaling 1 -> 2);
#   - the in-run rate (evaluations per second of the run's own clock, generations.csv);
#   - what a checkpoint every generation costs (binary and JSON) over the final one alone;
#   - on 2 threads, the wide vector units (/vector_units avx2 and avx512) this processor has
#     and this build made (convneat-avx2, convneat-avx512), against portable.
# Every variant runs ROUNDS times, alternating, and its median is reported.
#   bench/run_speed.sh [CONFIG=experiments/configs/fashion_mnist_shared.json] [GENERATIONS=100] [ROUNDS=3]
# e.g. bench/run_speed.sh experiments/configs/xor.json 100 5 (runs never stop at a solution)
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-experiments/configs/fashion_mnist_shared.json}
generations=${2:-100}
rounds=${3:-3}
cli=./build/experiments/convneat
[ -x "$cli" ] || scripts/build >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs one variant once; appends "wall_seconds evaluations in_run_seconds" to $out/NAME.
run_variant() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  "$cli" run "$config" --generations "$generations" --set stop.when_solved=false --out "$out/run" --overwrite \
    "$@" > /dev/null
  end=$(date +%s.%N)
  # The last row: evaluations so far (column 9) and the run's clock (the last column).
  tail -n 1 "$out/run/generations.csv" | awk -F, -v s="$start" -v e="$end" '{ print e - s, $9, $NF }' >> "$out/$name"
}

median() {  # the median of column $2 of file $1
  sort -n -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

variants=(one_thread two_threads binary_every_generation json_every_generation)
wide=()
flags=$(grep -m 1 '^flags' /proc/cpuinfo || true)
[ -x "$cli-avx2" ] && [[ $flags == *" avx2 "* && $flags == *" fma "* ]] && wide+=(avx2)
[ -x "$cli-avx512" ] && [[ $flags == *" avx512f "* && $flags == *" avx512bw "* ]] && wide+=(avx512)
for units in "${wide[@]}"; do variants+=("two_threads_$units"); done
for round in $(seq 1 "$rounds"); do
  run_variant one_thread --threads 1
  run_variant two_threads --threads 2
  run_variant binary_every_generation --threads 2 --set output.checkpoint_interval=1 --set output.checkpoint_format=binary
  run_variant json_every_generation --threads 2 --set output.checkpoint_interval=1 --set output.checkpoint_format=json
  for units in "${wide[@]}"; do run_variant "two_threads_$units" --threads 2 --set "vector_units=$units"; done
done

echo "$config, $generations generations, median of $rounds rounds"
printf '%-26s %12s %14s %22s\n' variant "wall s" "in-run s" "evaluations/s in run"
for name in "${variants[@]}"; do
  wall=$(median "$out/$name" 1)
  in_run=$(median "$out/$name" 3)
  evaluations=$(head -n 1 "$out/$name" | awk '{ print $2 }')
  awk -v n="$name" -v w="$wall" -v r="$in_run" -v e="$evaluations" 'BEGIN { printf "%-26s %12.2f %14.2f %22.0f\n", n, w, r, e / r }'
done
one=$(median "$out/one_thread" 1)
two=$(median "$out/two_threads" 1)
binary=$(median "$out/binary_every_generation" 1)
json=$(median "$out/json_every_generation" 1)
awk -v one="$one" -v two="$two" -v binary="$binary" -v json="$json" 'BEGIN {
  printf "scaling 1 -> 2 threads (wall): %.2fx\n", one / two
  printf "checkpoint every generation, binary: %+.1f %% wall\n", (binary / two - 1) * 100
  printf "checkpoint every generation, JSON:   %+.1f %% wall\n", (json / two - 1) * 100
}'
for units in "${wide[@]}"; do
  awk -v two="$two" -v w="$(median "$out/two_threads_$units" 1)" -v u="$units" \
    'BEGIN { printf "vector units %s over portable, 2 threads (wall): %.2fx\n", u, two / w }'
done
