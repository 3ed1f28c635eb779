#!/usr/bin/env bash
# Reminder benchmark: `tilsyn remind` on a log of 100,000 areas (AREAS) and 1,000,000 findings
# (FINDINGS) whose supervisions fulfil the plan's real occurrences (bench/gen_remind.py), side by
# side with the same indexed query in the sqlite3 shell. Prints:
#   * the cold run (the first after the rules or decisions changed: builds the plan cache),
#     COLD_RUNS runs (default 3), each on a fresh copy of the imported database;
#   * hot runs, RUNS each (default 21, after 3 warm-up runs), median, min and max wall time, of
#     a typical day (TODAY, default 2027-06-15: overdue and little due soon), one leader, JSON,
#     and a peak day (PEAK, default 2027-06-24: every monthly, quarterly and half-yearly area
#     due within 5 working days), all with the output to /dev/null;
#   * the sqlite3 shell's run of the same query (bound values inlined, output to /dev/null),
#     the same number of runs, with the rows it returns and its EXPLAIN QUERY PLAN;
#   * the peak resident memory of a hot run (GNU time).
# Needs: hyperfine, sqlite3, GNU time (apt-get install hyperfine sqlite3 time). Build a release
# binary first:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build build-rel -j2
#   bench/remind_bench.sh build-rel/src/tilsyn
# Set KEEP=DIR to generate into (and keep) DIR instead of a temporary directory; the input
# (rules, CSV, imported database: about 10 minutes on 2 CPUs) is then made only once, and used
# again as long as AREAS, FINDINGS, TODAY and SEED are the same.
set -euo pipefail
binary=$(realpath "${1:?usage: bench/remind_bench.sh TILSYN_BINARY}")
areas=${AREAS:-100000}
findings=${FINDINGS:-1000000}
today=${TODAY:-2027-06-15}
peak=${PEAK:-2027-06-24}
seed=${SEED:-1}
runs=${RUNS:-21}
cold_runs=${COLD_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
if [[ -n ${KEEP:-} ]]; then
  mkdir -p "$KEEP"; work=$(realpath "$KEEP")
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
for tool in hyperfine sqlite3; do
  command -v $tool > /dev/null || { echo "remind_bench.sh: needs $tool (apt-get install $tool)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "remind_bench.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

# The input, made once per parameter set: base.db is the log right after the import, without a
# plan cache; db is the copy the runs use.
stamp="areas=$areas findings=$findings today=$today seed=$seed"
base=$work/base.db db=$work/bench.db
if [[ ! -f $work/input.done || $(cat "$work/input.done") != "$stamp" ]]; then
  rm -f "$work/input.done"
  /usr/bin/python3 "$here/gen_remind.py" --tilsyn "$binary" --out "$work" --areas "$areas" \
    --findings "$findings" --today "$today" --seed "$seed" | tee "$work/input.txt"
  sqlite3 "$work/remind.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
  mv "$work/remind.db" "$base"; rm -f "$work/remind.db-wal" "$work/remind.db-shm"
  echo "$stamp" > "$work/input.done"
else
  echo "input: kept in $work ($stamp)"; cat "$work/input.txt"
fi
fresh() { rm -f "$db" "$db-wal" "$db-shm"; cp "$base" "$db"; }
count() { sqlite3 "$base" "SELECT count(*) FROM $1;"; }
echo "log: $(count supervision) supervisions, $(count finding) findings, $(count entry) entries;" \
     "rules: $areas areas, $(du -sh "$work/rules" | cut -f1) of TOML"
echo "sqlite3 shell $(sqlite3 --version | cut -d' ' -f1);" \
     "tilsyn linked to $(readlink -f "$(ldd "$binary" | awk '/libsqlite3/ { print $3 }')")"
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
tilsyn=("$binary" --rules "$work/rules" --db "$db")

# Cold: a fresh copy of the imported log each time, so every run builds the cache for 2026 and
# 2027 (plan from the TOML rules, ~1.3 million rows, done flags from the log).
: > "$work/times.cold"
for _ in $(seq "$cold_runs"); do
  fresh
  /usr/bin/time -q -f "%e %M" -o "$work/t" "${tilsyn[@]}" --today "$today" remind > /dev/null || [[ $? == 1 ]]
  cat "$work/t" >> "$work/times.cold"
done
printf '%-44s median wall %7.2f s   peak RSS %6.1f MB   (%d runs, wall: %s)\n' "cold remind (builds the plan cache)" \
  "$(cut -d' ' -f1 < "$work/times.cold" | median)" "$(echo "$(cut -d' ' -f2 < "$work/times.cold" | median) / 1024" | bc -l)" \
  "$cold_runs" "$(cut -d' ' -f1 < "$work/times.cold" | tr '\n' ' ' | sed 's/ $//')"
echo "database after the cold run: $(du -h "$db" | cut -f1) ($(sqlite3 "$db" "SELECT count(*) FROM planned;") planned rows," \
     "$(sqlite3 "$db" "SELECT count(*) FROM planned WHERE done = 0;") open)"

# The query remind runs, with the values it binds inlined: overdue_since (1 January of last
# year) and due_until (TODAY plus the policy's 5 working days), as remind's own JSON states them.
window() {  # today -> "since horizon"
  { "${tilsyn[@]}" --today "$1" remind --format json || true; } |
    /usr/bin/python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["overdue_since"], d["due_until"])'
}
leader_email=l3.c007@kommune.invalid
query() {  # today, leader (or nothing)
  local since horizon leader=NULL
  read -r since horizon < <(window "$1")
  [[ -z ${2:-} ]] || leader="'$2'"
  cat <<EOF
SELECT center, center_name, leader, leader_name, leader_email, area, area_name, colour, focus, occurrence, period, planned, due
FROM planned WHERE done = 0 AND due >= '$since' AND due <= '$horizon'
  AND ($leader IS NULL OR leader = $leader OR leader_name = $leader OR leader_email = $leader)
ORDER BY due, area, occurrence;
EOF
}
for case in typical leader peak; do
  case $case in
    typical) query "$today" ;;
    leader) query "$today" "$leader_email" ;;
    peak) query "$peak" ;;
  esac > "$work/query-$case.sql"
  { echo ".output /dev/null"; cat "$work/query-$case.sql"; } > "$work/shell-$case.sql"
done
echo "query plan: $(sqlite3 "$db" "EXPLAIN QUERY PLAN $(cat "$work/query-typical.sql")" | tr '\n' ' ')"

# Hot runs: hyperfine without a shell (-N), its output to /dev/null; remind exits 1 when
# something is overdue (-i). Its JSON gives every run's wall time, and the mean CPU time, which
# a busy machine disturbs less than the wall time.
exec 3>&1  # results go to fd 3
hot() {  # name, label, then the command
  local name=$1 label=$2; shift 2
  hyperfine -N -i --warmup 3 --runs "$runs" --style none --export-json "$work/$name.json" -- "$(printf '%q ' "$@")" > /dev/null 2>&1
  /usr/bin/python3 - "$work/$name.json" "$label" "$runs" >&3 <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]:44s} median {r['median'] * 1000:7.1f} ms   min {r['min'] * 1000:7.1f}   max {r['max'] * 1000:7.1f}"
      f"   CPU {(r['user'] + r['system']) * 1000:6.1f} ms (mean user + sys)   ({sys.argv[3]} runs)")
EOF
}
rows() { sqlite3 "$db" < "$work/query-$1.sql" | wc -l; }
for case in typical leader peak; do
  echo "rows $case: $(rows "$case")"
done
hot typical "remind --today $today (typical day)" "${tilsyn[@]}" --today "$today" remind
hot shell-typical "  sqlite3 shell, same query" sqlite3 "$db" ".read $work/shell-typical.sql"
hot leader "remind --leader (one leader)" "${tilsyn[@]}" --today "$today" remind --leader "$leader_email"
hot shell-leader "  sqlite3 shell, same query" sqlite3 "$db" ".read $work/shell-leader.sql"
hot json "remind --format json" "${tilsyn[@]}" --today "$today" remind --format json
hot peak "remind --today $peak (peak day)" "${tilsyn[@]}" --today "$peak" remind
hot shell-peak "  sqlite3 shell, same query" sqlite3 "$db" ".read $work/shell-peak.sql"
hot peak-json "remind --today $peak --format json" "${tilsyn[@]}" --today "$peak" remind --format json
hot version "tilsyn --version (process start only)" "$binary" --version

# Memory of a hot run, and the size of what it prints.
for day in "$today" "$peak"; do
  /usr/bin/time -q -f "%M" -o "$work/t" "${tilsyn[@]}" --today "$day" remind > "$work/out.txt" || [[ $? == 1 ]]
  echo "hot remind --today $day: peak RSS $(echo "$(cat "$work/t") / 1024" | bc -l | xargs printf '%.1f') MB," \
       "output $(wc -l < "$work/out.txt") lines, $(du -h "$work/out.txt" | cut -f1)"
done
echo "load average after measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
