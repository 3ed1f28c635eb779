#!/usr/bin/env bash
# Plan benchmark: a synthetic register of AREAS areas (default 100,000) planned for 2027 and
# written as .ics (and as CSV and JSON for comparison), RUNS times each; prints the median wall
# time and the median peak resident memory. Build a release binary first:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build build-rel -j2
#   bench/plan_bench.sh build-rel/src/tilsyn
set -euo pipefail
binary=$(realpath "${1:?usage: bench/plan_bench.sh TILSYN_BINARY}")
areas=${AREAS:-100000}
runs=${RUNS:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/gen_register.py" --areas "$areas" --centers 20 --out "$work/rules"
echo "register: $areas areas, $(du -sh "$work/rules" | cut -f1) of TOML in 20 files"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

exec 3>&1  # results go to fd 3, so a measured command's own output can be discarded
fresh=""     # a file removed before each run (not timed), so that the run writes a new one
measure() {  # label, then the tilsyn arguments
  local label=$1; shift
  : > "$work/times"
  for _ in $(seq "$runs"); do
    if [ -n "$fresh" ]; then rm -f "$fresh"; fi
    /usr/bin/time -f "%e %M" -o "$work/t" "$binary" --rules "$work/rules" --today 2026-12-01 "$@"
    cat "$work/t" >> "$work/times"
  done
  local wall rss
  wall=$(cut -d' ' -f1 < "$work/times" | median)
  rss=$(cut -d' ' -f2 < "$work/times" | median)
  printf '%-28s median wall %6.2f s   median peak RSS %6.1f MB   (%d runs)\n' \
    "$label" "$wall" "$(echo "$rss / 1024" | bc -l)" "$runs" >&3
}

# The register cache lives in the work directory, never in the user's ~/.cache. Rows marked
# "parsed" run with --no-cache (toml++ every time); the others find every register cached,
# which is what a manager sees from the second run on.
export TILSYN_CACHE_DIR="$work/cache"
measure "validate, parsed" --no-cache validate > /dev/null
"$binary" --rules "$work/rules" validate > /dev/null  # fills the cache
echo "  register cache: $(du -sh "$work/cache" | cut -f1)"
measure "validate" validate > /dev/null
measure "plan ics -o FILE, parsed" --no-cache plan --year 2027 --format ics -o "$work/plan.ics"
# -o FILE replaces the file the run before wrote, as regenerating a plan does; freeing the old
# file is part of the rename. "-o NEW" removes it first, so the run only writes.
measure "plan --format ics -o FILE" plan --year 2027 --format ics -o "$work/plan.ics"
fresh="$work/plan.ics" measure "plan --format ics -o NEW" plan --year 2027 --format ics -o "$work/plan.ics"
echo "  events: $(grep -c '^BEGIN:VEVENT' "$work/plan.ics"), size: $(du -h "$work/plan.ics" | cut -f1)"
measure "plan --format ics > /dev/null" plan --year 2027 --format ics > /dev/null
measure "plan --no-level --format ics" plan --year 2027 --no-level --format ics > /dev/null
measure "plan --format csv -o FILE" plan --year 2027 --format csv -o "$work/plan.csv"
measure "plan --format json -o FILE" plan --year 2027 --format json -o "$work/plan.json"
