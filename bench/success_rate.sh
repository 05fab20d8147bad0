#!/usr/bin/env bash
# Success rate and evaluations to solve of one shipped config over many seeds, as the
# literature reports them (mean, median, failures). Runs seeds one after another, each with
# every core; evaluations to solve count whole generations.
#   bench/success_rate.sh CONFIG [SEEDS=100] [extra convneat run options...]
# SEEDS is a count (seeds 1..SEEDS) or a range FIRST-LAST, e.g. 101-150 to check a config on
# seeds it was not tuned on.
# e.g. bench/success_rate.sh experiments/configs/double_pole_nv.json 50
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:?usage: bench/success_rate.sh CONFIG [SEEDS|FIRST-LAST] [options]}
range=${2:-100}
shift $(( $# >= 2 ? 2 : 1 ))
if [[ $range =~ ^([0-9]+)-([0-9]+)$ ]]; then
  first_seed=$((10#${BASH_REMATCH[1]})) last_seed=$((10#${BASH_REMATCH[2]}))
elif [[ $range =~ ^[0-9]+$ ]]; then
  first_seed=1 last_seed=$((10#$range))
else
  last_seed=-1
fi
if (( last_seed < first_seed )); then
  echo "bench/success_rate.sh: SEEDS must be a count or FIRST-LAST with FIRST <= LAST, not '$range'" >&2
  exit 2
fi
seeds=$(( last_seed - first_seed + 1 ))
cli=./build/experiments/convneat
[ -x "$cli" ] || scripts/build >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
: > "$out/solved.txt"
: > "$out/generalisation.txt"
for seed in $(seq "$first_seed" "$last_seed"); do
  "$cli" run "$config" --seed "$seed" --out "$out/run" --overwrite "$@" > "$out/log.txt"
  sed -n 's/^stopped:.*solved at evaluation \([0-9]*\).*/\1/p' "$out/log.txt" >> "$out/solved.txt"
  # DPNV: the generalisation score of the network that passed the champion test
  sed -n 's/.*generalisation \([0-9]*\) .* passed.*/\1/p' "$out/log.txt" >> "$out/generalisation.txt"
done
sort -n "$out/solved.txt" | awk -v seeds="$seeds" -v config="$config" '
  { e[NR] = $1; sum += $1 }
  END {
    n = NR
    if (n == 0) { printf "%s: 0/%d solved\n", config, seeds; exit }
    median = (n % 2) ? e[(n + 1) / 2] : (e[n / 2] + e[n / 2 + 1]) / 2
    printf "%s: %d/%d solved (%d failures), evaluations to solve mean %.0f, median %.0f, min %d, max %d\n",
           config, n, seeds, seeds - n, sum / n, median, e[1], e[n]
  }'
if [ -s "$out/generalisation.txt" ]; then
  sort -n "$out/generalisation.txt" | awk '{ g[NR] = $1; sum += $1 }
    END { printf "winning generalisation scores: mean %.0f of 625, min %d, max %d\n", sum / NR, g[1], g[NR] }'
fi
