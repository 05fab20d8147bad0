#!/usr/bin/env bash
# Evaluations per second of the MPI evaluator on 1, 2 and 3 ranks (and of the plain TBB
# evaluator for reference), on a task whose evaluation dominates: double pole balancing
# without velocities, population 1000, the champion test included as in a real run. The
# figure is evaluations / the run's own wall time (generations.csv's seconds column: MPI
# start-up excluded, reproduction on rank 0 included). Never pass/fail.
#   bench/mpi_scaling.sh [GENERATIONS=10] [extra convneat run options...]
# Rank 0 only coordinates, so N ranks give N-1 evaluating ranks (1 rank: rank 0 evaluates);
# each rank uses every core with oneTBB unless --threads says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
generations=${1:-10}
shift $(( $# >= 1 ? 1 : 0 ))
cli=${CONVNEAT_CLI:-./build/experiments/convneat}
[ -x "$cli" ] || { echo "no $cli: build first, or set CONVNEAT_CLI" >&2; exit 1; }
command -v mpirun >/dev/null || { echo "mpirun not found (apt-get install openmpi-bin)" >&2; exit 1; }
root=(); [ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
config=(experiments/configs/double_pole_nv.json --set stop.when_solved=false --generations "$generations")

rate() {  # evaluations per second of the run in $1
  local evaluations seconds
  evaluations=$(sed -n 's/^ *"evaluations": \([0-9]*\),$/\1/p' "$1/champion.json" | head -1)
  seconds=$(tail -1 "$1/generations.csv" | awk -F, '{ print $NF }')
  awk -v e="$evaluations" -v s="$seconds" 'BEGIN { printf "%8d evaluations in %7.2f s: %9.0f evaluations/s", e, s, e / s }'
}

echo "double_pole_no_velocity, population 1000, $generations generations, $(nproc) cores"
"$cli" run "${config[@]}" --out "$out/tbb" "$@" > /dev/null
echo "tbb (one process)   $(rate "$out/tbb")"
for ranks in 1 2 3; do
  mpirun "${root[@]}" --oversubscribe -np "$ranks" "$cli" run "${config[@]}" --evaluator mpi \
    --out "$out/np$ranks" "$@" > /dev/null
  same=$(cmp -s "$out/tbb/champion.json" "$out/np$ranks/champion.json" && echo "same champion" || echo "CHAMPION DIFFERS")
  echo "mpi -np $ranks          $(rate "$out/np$ranks")  ($same)"
done
