#!/usr/bin/env bash
# Reminder benchmark: `tilsyn remind` on synthetic rules and a findings log whose supervisions
# fulfil the plan's real occurrences (bench/gen_remind.py), at SIZES given as AREAS:FINDINGS
# (default "40:400 1000:20000 20000:1000000"). remind loads the rules and the log's decisions,
# makes and levels the plans of last year and this year, and asks the log what is fulfilled.
# Per size: hyperfine's median, min and max wall time over RUNS runs (default 21, after 3
# warm-ups) on a typical day (TODAY, default 2027-06-15) and on a peak day (PEAK, default
# 2027-06-24, when every cadence's period ends within 5 working days), output to /dev/null, and
# the peak resident memory. Needs hyperfine and GNU time (apt-get install hyperfine time).
# Build a release binary first:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build build-rel -j2
#   bench/remind_bench.sh build-rel/src/tilsyn
# KEEP=DIR generates into DIR and keeps it: the input (the import of a million findings takes
# a few minutes) is then made once per size and seed.
set -euo pipefail
binary=$(realpath "${1:?usage: bench/remind_bench.sh TILSYN_BINARY}")
sizes=${SIZES:-40:400 1000:20000 20000:1000000}
today=${TODAY:-2027-06-15}
peak=${PEAK:-2027-06-24}
seed=${SEED:-1}
runs=${RUNS:-21}
here=$(cd "$(dirname "$0")" && pwd)
if [[ -n ${KEEP:-} ]]; then
  mkdir -p "$KEEP"; keep=$(realpath "$KEEP")
else
  keep=$(mktemp -d); trap 'rm -rf "$keep"' EXIT
fi
for tool in hyperfine sqlite3; do
  command -v $tool > /dev/null || { echo "remind_bench.sh: needs $tool (apt-get install $tool)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "remind_bench.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

echo "tilsyn $("$binary" --version | cut -d' ' -f2); load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
for size in $sizes; do
  areas=${size%%:*} findings=${size##*:}
  centers=$(( areas < 2000 ? 2 : areas / 1000 ))
  work=$keep/$areas-$findings-$seed
  stamp="areas=$areas findings=$findings today=$today seed=$seed"
  if [[ ! -f $work/input.done || $(cat "$work/input.done") != "$stamp" ]]; then
    rm -rf "$work" && mkdir -p "$work"
    /usr/bin/python3 "$here/gen_remind.py" --tilsyn "$binary" --out "$work" --areas "$areas" --centers "$centers" \
      --findings "$findings" --today "$today" --seed "$seed" > "$work/input.txt"
    sqlite3 "$work/remind.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
    echo "$stamp" > "$work/input.done"
  fi
  tilsyn=("$binary" --rules "$work/rules" --db "$work/remind.db")
  echo
  echo "$areas areas in $centers registers; log: $(sqlite3 "$work/remind.db" "SELECT count(*) FROM supervision;") supervisions," \
       "$(sqlite3 "$work/remind.db" "SELECT count(*) FROM finding;") findings, $(du -h "$work/remind.db" | cut -f1)"
  for day in "$today" "$peak"; do
    label="remind --today $day"
    [[ $day == "$peak" ]] && label="$label (peak day)"
    hyperfine -N -i --warmup 3 --runs "$runs" --style none --export-json "$work/h.json" -- \
      "$(printf '%q ' "${tilsyn[@]}" --today "$day" remind)" > /dev/null 2>&1
    /usr/bin/time -q -f "%M" -o "$work/rss" "${tilsyn[@]}" --today "$day" remind > "$work/out.txt" || [[ $? == 1 ]]
    /usr/bin/python3 - "$work/h.json" "$label" "$(cat "$work/rss")" "$(wc -l < "$work/out.txt")" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"  {sys.argv[2]:36s} median {r['median'] * 1000:7.1f} ms   min {r['min'] * 1000:7.1f}   max {r['max'] * 1000:7.1f}"
      f"   peak RSS {int(sys.argv[3]) / 1024:6.1f} MB   {sys.argv[4]} lines   ({len(r['times'])} runs)")
PY
  done
done
echo "load average after measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
