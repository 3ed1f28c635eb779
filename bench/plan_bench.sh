#!/usr/bin/env bash
# Plan benchmark: `tilsyn plan --format ics` against its straightforward Python peer
# (bench/peer_plan_ics.py: tomllib, dateutil and a holiday table), on synthetic registers of
# SIZES areas (default 40, 1,000, 20,000 and the 100,000-area stress size), RUNS runs each
# (default 5), side by side in one run. Before timing, it checks that the peer writes the same
# calendar as `tilsyn plan --no-level` byte for byte, once the year's history is taken out of
# tilsyn's (the cancelled events and the SEQUENCE, LAST-MODIFIED and STATUS lines): the peer
# neither levels nor follows the year's dated changes, so it does less than `tilsyn plan`. Prints, per size, the median wall time and peak memory of both and how
# many times faster tilsyn is. Build a release binary first:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build build-rel -j2
#   bench/plan_bench.sh build-rel/src/tilsyn
# Needs /usr/bin/python3 with python3-dateutil, and GNU time (apt-get install python3-dateutil time).
set -euo pipefail
binary=$(realpath "${1:?usage: bench/plan_bench.sh TILSYN_BINARY}")
sizes=${SIZES:-40 1000 20000 100000}
runs=${RUNS:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -x /usr/bin/time ]] || { echo "plan_bench.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
/usr/bin/python3 -c 'import dateutil, tomllib' 2> /dev/null ||
  { echo "plan_bench.sh: needs /usr/bin/python3 with dateutil (apt-get install python3-dateutil)" >&2; exit 2; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# measure OUT_PREFIX COMMAND...: RUNS runs with the output to /dev/null; writes the medians of
# the wall time (s) and the peak resident memory (MB) to OUT_PREFIX.wall and OUT_PREFIX.mb.
# The wall time is taken from bash's microsecond clock around GNU time (whose own is in
# hundredths, too coarse for 40 areas); GNU time's start-up is in both programs' figures.
measure() {
  local prefix=$1; shift
  : > "$prefix.times"
  for _ in $(seq "$runs"); do
    local start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$prefix.t" "$@" > /dev/null
    echo "$(echo "$EPOCHREALTIME - $start" | bc -l) $(cat "$prefix.t")" >> "$prefix.times"
  done
  cut -d' ' -f1 < "$prefix.times" | median > "$prefix.wall"
  echo "$(cut -d' ' -f2 < "$prefix.times" | median) / 1024" | bc -l > "$prefix.mb"
}

# tilsyn's calendar without what the year's history adds (docs/rules.md, "When the plan
# changes"): the events a change cancelled and the lines that count changes.
without_history() {
  /usr/bin/python3 -c '
import re, sys
ics = sys.stdin.buffer.read()
ics = re.sub(rb"BEGIN:VEVENT\r\n(?:(?!END:VEVENT).)*?\r\nSTATUS:CANCELLED\r\n.*?END:VEVENT\r\n", b"", ics, flags=re.S)
ics = re.sub(rb"\r\n(?:LAST-MODIFIED|SEQUENCE|STATUS):[^\r]*", b"", ics)
sys.stdout.buffer.write(ics)'
}

prodid="-//tilsyn//tilsyn $("$binary" --version | cut -d' ' -f2)//DA"
echo "tilsyn $("$binary" --version | cut -d' ' -f2) against bench/peer_plan_ics.py (Python $(/usr/bin/python3 -c 'import sys; print(sys.version.split()[0])')), $runs runs each, plan 2027, output to /dev/null"
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
printf '%8s %8s %10s | %12s %9s | %12s %9s | %7s\n' areas centers events \
  "tilsyn wall" "peak MB" "peer wall" "peak MB" "faster"
for n in $sizes; do
  centers=$(( n < 2000 ? 2 : n / 1000 ))
  rules=$work/rules-$n
  python3 "$here/gen_register.py" --areas "$n" --centers "$centers" --out "$rules" > /dev/null
  tilsyn=("$binary" --rules "$rules" --today 2026-12-01 plan --year 2027)
  "${tilsyn[@]}" --no-level --format ics | without_history > "$work/tilsyn.ics"
  /usr/bin/python3 "$here/peer_plan_ics.py" "$rules" 2027 2026-12-01 "$prodid" > "$work/peer.ics"
  cmp -s "$work/tilsyn.ics" "$work/peer.ics" ||
    { echo "plan_bench.sh: the peer's calendar differs from tilsyn's for $n areas" >&2; exit 1; }
  events=$(grep -c '^BEGIN:VEVENT' "$work/tilsyn.ics")
  measure "$work/t" "${tilsyn[@]}" --format ics
  measure "$work/p" /usr/bin/python3 "$here/peer_plan_ics.py" "$rules" 2027 2026-12-01 "$prodid"
  printf '%8d %8d %10d | %10.3f s %9.1f | %10.3f s %9.1f | %6.1fx\n' "$n" "$centers" "$events" \
    "$(cat "$work/t.wall")" "$(cat "$work/t.mb")" "$(cat "$work/p.wall")" "$(cat "$work/p.mb")" \
    "$(echo "$(cat "$work/p.wall") / $(cat "$work/t.wall")" | bc -l)"
  rm -rf "$rules"
done
echo "load average after measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
