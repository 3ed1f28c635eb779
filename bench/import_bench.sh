#!/usr/bin/env bash
# Findings-import benchmark: SUPERVISIONS ad hoc supervisions (default 100,000) with PER findings
# each (default 10, so 1,000,000 findings) imported by `tilsyn import` into a fresh database,
# hash chain and signatures included, side by side with the sqlite3 shell's .import of exactly
# the rows tilsyn stores (entry, signing_key, supervision, finding) into the same, empty tilsyn
# database, in one transaction with the same pragmas (WAL, synchronous=FULL, foreign_keys=ON). RUNS runs each (default 5);
# prints the median wall time, the median peak resident memory, rows per second and the ratio
# tilsyn / sqlite3 (the goal is at most 2.0), then the same figures for `tilsyn verify` of the
# imported log. Build a release binary first:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build build-rel -j2
#   bench/import_bench.sh build-rel/src/tilsyn
# Set KEEP=DIR to generate into (and keep) DIR instead of a temporary directory.
set -euo pipefail
binary=$(realpath "${1:?usage: bench/import_bench.sh TILSYN_BINARY}")
supervisions=${SUPERVISIONS:-100000}
per=${PER:-10}
runs=${RUNS:-5}
here=$(cd "$(dirname "$0")" && pwd)
if [[ -n ${KEEP:-} ]]; then
  mkdir -p "$KEEP"; work=$(realpath "$KEEP")
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
command -v sqlite3 > /dev/null || { echo "import_bench.sh: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "import_bench.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

# Every import signs with the same key and records the same time, so that each run stores
# exactly the reference's rows (the key's own entry, #1, included).
export TILSYN_SIGNING_KEY="$work/bench.key" TILSYN_TEST_RECORDED_AT=2026-11-23T09:00:00Z
rm -f "$TILSYN_SIGNING_KEY"

# Inputs, one reference import, and the rows it stored (rows/*.csv) for the sqlite3 side.
python3 "$here/gen_findings.py" --supervisions "$supervisions" --per "$per" --out "$work" \
  --tilsyn "$binary" > /dev/null
entries=$(( $(wc -l < "$work/rows/entry.csv") - 1 ))
findings=$(( $(wc -l < "$work/findings.csv") - 1 ))
echo "input: $supervisions supervisions ($(du -h "$work/supervisions.csv" | cut -f1)), $findings findings" \
     "($(du -h "$work/findings.csv" | cut -f1)); $entries log entries;" \
     "database $(du -h "$work/reference.db" | cut -f1)"
echo "sqlite3 shell $(sqlite3 --version | cut -d' ' -f1);" \
     "tilsyn linked to $(readlink -f "$(ldd "$binary" | awk '/libsqlite3/ { print $3 }')")"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fresh() { rm -f "$1" "$1-wal" "$1-shm"; }

# The sqlite3 side. .import binds every field as text: STRICT INTEGER columns take '12' as 12,
# but an empty field stays '' (never NULL), so supervisions go through a temporary table to store
# the NULL occurrence of an ad hoc supervision, as tilsyn does. Findings all have amounts.
cat > "$work/shell.sql" <<EOF
.bail on
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
.import --csv --skip 1 $work/rows/entry.csv entry
CREATE TEMP TABLE signing_key_csv (entry, public_key, replaces, reason);
.import --csv --skip 1 --schema temp $work/rows/signing_key.csv signing_key_csv
INSERT INTO signing_key SELECT entry, public_key, NULLIF(replaces, ''), reason FROM temp.signing_key_csv;
DROP TABLE temp.signing_key_csv;
CREATE TEMP TABLE supervision_csv (entry, area, center, leader, performed, occurrence, cases,
                                   errors_sagsbehandling, errors_statsrefusion, note);
.import --csv --skip 1 --schema temp $work/rows/supervision.csv supervision_csv
INSERT INTO supervision SELECT entry, area, center, leader, performed, NULLIF(occurrence, ''), cases,
                               errors_sagsbehandling, errors_statsrefusion, note FROM temp.supervision_csv;
DROP TABLE temp.supervision_csv;
.import --csv --skip 1 $work/rows/finding.csv finding
COMMIT;
EOF

exec 3>&1  # results go to fd 3, so a measured command's own output can be discarded
run_tilsyn() {
  fresh "$work/tilsyn.db"
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$binary" --rules "$work/rules" --db "$work/tilsyn.db" \
    --today 2026-11-23 import --supervisions "$work/supervisions.csv" --findings "$work/findings.csv" > /dev/null
  cat "$work/t" >> "$work/times.tilsyn"
}
run_shell() {
  fresh "$work/shell.db"
  cp "$work/empty.db" "$work/shell.db"
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" sqlite3 "$work/shell.db" < "$work/shell.sql" > /dev/null
  cat "$work/t" >> "$work/times.shell"
}
declare -A wall cpu rss
report() {  # which, label
  local times=$work/times.$1
  wall[$1]=$(cut -d' ' -f1 < "$times" | median)
  rss[$1]=$(cut -d' ' -f2 < "$times" | median)
  cpu[$1]=$(awk '{ print $3 + $4 }' < "$times" | median)
  printf '%-40s median wall %6.2f s  CPU %6.2f s  peak RSS %6.1f MB  %7.0f entries/s  (%d runs, wall: %s)\n' \
    "$2" "${wall[$1]}" "${cpu[$1]}" "$(echo "${rss[$1]} / 1024" | bc -l)" "$(echo "$entries / ${wall[$1]}" | bc -l)" \
    "$runs" "$(cut -d' ' -f1 < "$times" | tr '\n' ' ' | sed 's/ $//')" >&3
}

# The two sides take turns, so a busy spell on a shared machine slows both rather than one.
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
: > "$work/times.tilsyn"; : > "$work/times.shell"
for _ in $(seq "$runs"); do
  run_tilsyn
  run_shell
done
report tilsyn "tilsyn import (check, hash, sign, insert)"
report shell "sqlite3 shell .import of the same rows"
echo "load average after measuring: $(cut -d' ' -f1-3 /proc/loadavg)"

# The two databases must hold the same rows, value for value and type for type.
for table in entry signing_key supervision finding; do
  differ=$(sqlite3 "$work/shell.db" "ATTACH '$work/tilsyn.db' AS t;
    SELECT (SELECT count(*) FROM (SELECT * FROM main.$table EXCEPT SELECT * FROM t.$table))
         + (SELECT count(*) FROM (SELECT * FROM t.$table EXCEPT SELECT * FROM main.$table));")
  [[ $differ == 0 ]] || { echo "import_bench.sh: $table differs in $differ rows between the two databases" >&2; exit 1; }
done
"$binary" --rules "$work/rules" --db "$work/shell.db" verify > /dev/null ||
  { echo "import_bench.sh: tilsyn verify fails on the sqlite3 shell's database" >&2; exit 1; }
echo "same rows in both databases; tilsyn verify accepts the sqlite3 shell's"
# verify on the imported log: every hash recomputed and every signature checked.
: > "$work/times.verify"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$binary" --rules "$work/rules" --db "$work/tilsyn.db" \
    verify > /dev/null
  cat "$work/t" >> "$work/times.verify"
done
report verify "tilsyn verify of the imported log"
printf 'ratio tilsyn / sqlite3: wall %.2f, CPU %.2f (goal: at most 2.00)\n' \
  "$(echo "${wall[tilsyn]} / ${wall[shell]}" | bc -l)" "$(echo "${cpu[tilsyn]} / ${cpu[shell]}" | bc -l)"
