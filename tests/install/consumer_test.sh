#!/usr/bin/env bash
# Installs this build into a scratch prefix and builds and runs the example of docs/library.md
# against it, exactly as that page writes it, from the folder that holds parity/: every file marked `<!-- file: PATH -->` is
# copied out of the page, every shell block marked `<!-- run -->` is run as written (with HOME
# pointing into the scratch folder, so "$HOME/.local" is the prefix), and every command of a
# block marked `<!-- run: fails -->` must fail with the one-line message written below it.
#
#   consumer_test.sh BUILD_DIR SOURCE_DIR SCRATCH_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
scratch=$3
page="$source_dir/docs/library.md"

rm -rf "$scratch"
mkdir -p "$scratch/home"
export HOME="$scratch/home"
cmake --install "$build" --prefix "$HOME/.local" >/dev/null

# The page, cut into files and command lists.
cd "$scratch"
awk -v out="$scratch" '
  /^<!-- file: .* -->$/ { target = $3; kind = "file"; next }
  /^<!-- run -->$/ { kind = "run"; next }
  /^<!-- run: fails -->$/ { kind = "fails"; next }
  /^```/ {
    if (inside) { inside = 0; kind = ""; next }
    if (kind != "") {
      inside = 1
      if (kind == "file") { path = out "/" target; system("mkdir -p \"$(dirname \"" path "\")\""); printf "" > path }
      else if (kind == "run") path = out "/run.sh"
      else path = out "/fails.txt"
    }
    next
  }
  inside { print >> path }
' "$page"
for needed in parity/CMakeLists.txt parity/main.cpp parity/parity.json parity/compare.json run.sh fails.txt; do
  [ -s "$needed" ] || { echo "docs/library.md: no $needed in the page (its markers moved?)" >&2; exit 1; }
done

# The page's commands build the example with this build's compiler and flags, passed the way
# CMake reads them on a first configure (a sanitizer build's libraries need the sanitizer
# runtime in the program too): CXX, CXXFLAGS and LDFLAGS, set by the CTest test.
echo "--- the page's commands (CXX=${CXX:-} CXXFLAGS=${CXXFLAGS:-} LDFLAGS=${LDFLAGS:-})"
set -x
source "$scratch/run.sh"
set +x
cd "$scratch/parity"

# Expected failures: a command line, then "# MESSAGE".
command=""
while IFS= read -r line; do
  if [[ "$line" == "# "* ]]; then
    expected="${line#\# }"
    if actual=$(eval "$command" </dev/null 2>&1 >/dev/null); then
      echo "expected to fail: $command" >&2; exit 1
    fi
    [ "$actual" = "$expected" ] || { printf 'message of %s:\n  got      %s\n  expected %s\n' "$command" "$actual" "$expected" >&2; exit 1; }
    echo "refused as documented: $command"
  elif [ -n "$line" ]; then
    command="$line"
  fi
done < "$scratch/fails.txt"

# What the commands must have left.
for file in runs/parity/champion.json runs/parity/checkpoint.cbor runs/parity/generations.csv parity.dot \
            runs/parity4/champion.json runs/compare_parity/report.md; do
  [ -s "$file" ] || { echo "missing after the page's commands: $file" >&2; exit 1; }
done
grep -q '"solved": true' runs/parity/champion.json || { echo "3-bit parity was not solved" >&2; exit 1; }
echo "consumer test passed"
