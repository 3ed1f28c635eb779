#!/usr/bin/env bash
# Diagnostics benchmark (issue 20): how long `tilsyn validate` takes to refuse a register full
# of mistakes, which once grew with the square of their number (every problem re-read its file
# for the excerpt, and every unknown key re-sorted its table's known keys). Two registers of
# N problems each (default N=20000):
#   keys   one register with N unknown top-level keys;
#   areas  one register with N areas, each with one unknown key.
# Prints the median wall time of RUNS runs (default 5), from hyperfine if it is installed, else
# from a loop around bash's clock. Build first, e.g.:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build build-rel -j2
#   bench/diagnostics_bench.sh build-rel/src/tilsyn
set -euo pipefail
binary=$(realpath "${1:?usage: bench/diagnostics_bench.sh TILSYN_BINARY}")
n=${N:-20000}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# gen KIND DIR: a rules directory (built-in policy) holding one register of KIND.
gen() {
  mkdir -p "$2"
  python3 - "$1" "$n" > "$2/center.toml" << 'EOF'
import sys
kind, n = sys.argv[1], int(sys.argv[2])
out = ['id = "bc"', 'name = "Borgercenter"']
if kind == "keys":
    out += [f"unknown{i:06d} = {i}" for i in range(n)]
out += ["[[leaders]]", 'id = "ahl"', 'name = "Anne Holm"', 'email = "ahl@bench.example"']
area = ('[[areas]]\nid = "a{i:06d}"\nname = "Område {i}"\nkind = "målgruppe"\nleader = "ahl"\n'
        'focus = "Opfølgning"\n{extra}  [[areas.assessments]]\n  date = 2026-10-01\n'
        '  sagsbehandling = {{ likelihood = 2, consequence = 2 }}\n'
        '  statsrefusion = {{ likelihood = 2, consequence = 2 }}\n  reason = "Grøn"')
count = n if kind == "areas" else 1
out += [area.format(i=i, extra=f"populaton = {i}\n" if kind == "areas" else "")
        for i in range(count)]
print("\n".join(out))
EOF
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# time_validate DIR: the median wall time in seconds of `tilsyn validate` on DIR (which fails).
time_validate() {
  if command -v hyperfine > /dev/null; then
    hyperfine --runs "$runs" --warmup 1 --ignore-failure --style none \
      --export-json "$work/h.json" "'$binary' --rules '$1' validate" > /dev/null 2> "$work/h.err" ||
      { cat "$work/h.err" >&2; return 1; }
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' \
      "$work/h.json"
  else
    for _ in $(seq "$runs"); do
      local start end
      start=$(date +%s%N)
      "$binary" --rules "$1" validate > /dev/null 2>&1 || true
      end=$(date +%s%N)
      echo "($end - $start) / 1000000000" | bc -l
    done | median
  fi
}

echo "tilsyn $("$binary" --version | cut -d' ' -f2) ($binary), $runs runs each, median wall time"
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
printf '%-6s %9s %9s %12s\n' input problems listed "wall"
for kind in keys areas; do
  gen "$kind" "$work/$kind"
  "$binary" --rules "$work/$kind" validate > /dev/null 2> "$work/err" && status=0 || status=$?
  [[ $status == 2 ]] ||
    { echo "diagnostics_bench.sh: validate exited $status on '$kind', expected 2" >&2; exit 1; }
  problems=$(sed -n 's/^tilsyn: \([0-9]*\) problems found.*/\1/p' "$work/err")
  listed=$(grep -c '^tilsyn: error: ' "$work/err")
  printf '%-6s %9s %9s %10.3f s\n' "$kind" "$problems" "$listed" "$(time_validate "$work/$kind")"
done
echo "load average after measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
