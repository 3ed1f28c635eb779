#!/usr/bin/env bash
# Runs every command in every format and dialect on the bundled rules, the golden tests' rules
# and two generated registers, and writes what each printed (standard output, standard error,
# exit status) and every file it wrote into OUT_DIR, one file per run. Two builds' directories
# are compared by tests/snapshot/compare.sh; a change of output must be one a commit intends.
#   usage: tests/snapshot/outputs.sh TILSYN_BINARY OUT_DIR
set -uo pipefail
binary=$(realpath "${1:?usage: outputs.sh TILSYN_BINARY OUT_DIR}")
out=${2:?usage: outputs.sh TILSYN_BINARY OUT_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$root/tests/golden/fixtures
rm -rf "$out" && mkdir -p "$out" && out=$(realpath "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A clean, pinned environment, as the golden tests have.
export TZ=Europe/Copenhagen LC_ALL=C.UTF-8 HOME=$work/home TILSYN_USER=snapshot
export TILSYN_CACHE_DIR=
unset TILSYN_DB SOURCE_DATE_EPOCH XDG_CACHE_HOME
mkdir -p "$HOME"

n=0
# run NAME ARGS...: one run of tilsyn; its outputs land in $out/NAME.{out,err,rc}, with the
# work directory's path written as $W.
run() {
  local name=$1; shift
  n=$((n + 1))
  (cd "$work" && "$binary" "$@" > "$out/$name.out" 2> "$out/$name.err"; echo $? > "$out/$name.rc")
  sed -i "s|$work|\$W|g" "$out/$name.out" "$out/$name.err"
}
# keep NAME PATH: a file or directory a run wrote, copied beside its outputs.
keep() {
  if [ -e "$2" ]; then cp -r "$2" "$out/$1"; fi
  if [ -f "$out/$1" ]; then sed -i "s|$work|\$W|g" "$out/$1"; fi
}

cp -r "$root/rules" "$work/bundled" && rm -f "$work"/bundled/tilsyn.db*
for f in minimal remind rerating workload sampling; do cp -r "$fixtures/$f" "$work/$f"; done
python3 "$root/bench/gen_register.py" --areas 2000 --centers 4 --seed 3 --out "$work/gen" > /dev/null
python3 "$root/bench/gen_register.py" --areas 600 --centers 2 --leaders 4 --hours 4,3,2 \
  --hour-overrides 0.2 --cadence-overrides 0.2 --blackout-month 7 --seed 5 --out "$work/genw" > /dev/null

# Plans and workloads, every format and filter, levelled and not.
for rules in bundled minimal remind rerating workload gen genw; do
  for year in 2026 2027 2028; do
    for format in table csv json ics; do
      run "$rules-plan-$year-$format" --rules $rules --today 2026-12-01 plan --year $year --format $format
    done
    run "$rules-plan-$year-csv-excel" --rules $rules --today 2026-12-01 plan --year $year --format csv --dialect excel-da
    run "$rules-plan-$year-nolevel" --rules $rules --today 2026-12-01 plan --year $year --no-level --format ics
    run "$rules-plan-$year-nolevel-table" --rules $rules --today 2026-12-01 plan --year $year --no-level
    for format in table csv json; do
      run "$rules-workload-$year-$format" --rules $rules --today 2026-12-01 workload --year $year --format $format
    done
    run "$rules-workload-$year-csv-excel" --rules $rules --today 2026-12-01 workload --year $year --format csv --dialect excel-da
    run "$rules-workload-$year-nolevel" --rules $rules --today 2026-12-01 workload --year $year --no-level
    run "$rules-workload-$year-lp" --rules $rules --today 2026-12-01 workload --year $year --lp -
  done
  run "$rules-calendar" --rules $rules calendar --year 2027
  run "$rules-validate" --rules $rules validate
done
run bundled-plan-center --rules bundled --today 2026-12-01 plan --year 2027 --center jc --format ics
run bundled-plan-leader --rules bundled --today 2026-12-01 plan --year 2027 --leader akb
run bundled-plan-leader-csv --rules bundled --today 2026-12-01 plan --year 2027 --center ydelsen --leader pvj --format csv
run bundled-workload-leader --rules bundled --today 2026-12-01 workload --year 2027 --leader thn --format json
run bundled-workload-center-lp --rules bundled --today 2026-12-01 workload --year 2027 --center jc --lp -
run bundled-plan-file --rules bundled --today 2026-12-01 plan --year 2027 --format ics -o plan.ics
keep bundled-plan-file.ics "$work/plan.ics"
run bundled-workload-file --rules bundled --today 2026-12-01 workload --year 2027 --format csv -o wl.csv --lp wl.lp
keep bundled-workload-file.csv "$work/wl.csv"
keep bundled-workload-file.lp "$work/wl.lp"
for y in 2023 2024 2030; do run "calendar-$y" --rules bundled calendar --year $y; done

# Reading commands before anything is recorded.
for rules in bundled minimal; do
  run "$rules-remind-empty" --rules $rules --today 2027-03-10 remind
  run "$rules-log-empty" --rules $rules log
  run "$rules-verify-empty" --rules $rules verify
  run "$rules-rerate-empty" --rules $rules --today 2027-03-10 rerate
  run "$rules-report-empty" --rules $rules --today 2027-03-10 report --year 2027
done
(cd "$work" && ls bundled minimal) > "$out/files-after-reads.txt"

# A log on the golden tests' minimal rules: supervisions, findings, actions, a sample, an
# import, a correction and decisions.
m="--rules minimal --db $work/m.db"
run m-record-1 $m --today 2027-03-15 record --area bc-sygedagpenge --date 2027-01-12 --cases 10 --errors-sagsbehandling 2 --note "Stikprøve af opfølgninger"
run m-record-2 $m --today 2027-03-15 record --file "$fixtures/records/full.toml"
run m-record-3 $m --today 2027-03-15 record --file "$fixtures/records/ad-hoc.toml"
run m-record-4 $m --today 2027-03-15 record --area bc-sygedagpenge --date 2027-02-09 --cases 8 --errors-statsrefusion 3
run m-record-dup $m --today 2027-03-15 record --area bc-sygedagpenge --date 2027-02-10 --cases 8
i="--rules minimal --db $work/i.db"
run i-import $i --today 2027-05-20 import --supervisions "$fixtures/import/supervisions.csv" --findings "$fixtures/import/findings.csv" --actions "$fixtures/import/actions.csv"
run i-import-excel --rules minimal --db "$work/ix.db" --today 2027-05-20 import --supervisions "$fixtures/import/excel-supervisions.csv" --findings "$fixtures/import/excel-findings.csv" --actions "$fixtures/import/excel-actions.csv"
run i-import-again $i --today 2027-05-20 import --supervisions "$fixtures/import/supervisions.csv"
for format in table csv json; do run "i-log-$format" $i log --format $format; done
run i-rerate $i --today 2027-05-20 rerate
run i-remind $i --today 2027-05-20 remind
run i-report $i --today 2027-12-31 report --year 2027
run m-sample --rules minimal --today 2027-03-15 sample bc-sygedagpenge --cases "$fixtures/sampling/cases-40.csv"
for format in csv json; do
  run "m-sample-$format" --rules minimal --today 2027-03-15 sample bc-sygedagpenge --cases "$fixtures/sampling/cases-120.csv" --occurrence 2027-M04 --format $format
done
run m-record-sample $m --today 2027-04-20 record --area bc-sygedagpenge --date 2027-04-14 --sample "$fixtures/sampling/cases-40.csv"
run m-verify-sample $m verify-sample 9 --cases "$fixtures/sampling/cases-40.csv"
run m-rerate $m --today 2027-05-20 rerate
run m-rerate-accept $m --today 2027-05-20 rerate --accept bc-enkeltydelser --reason "Enig i forslaget"
run m-rerate-set $m --today 2027-05-21 rerate --set bc-boligstoette gul --reason "Ny lovgivning"
run m-correct $m --today 2027-05-22 correct 4 --reason "Registreret på forkert område"
for a in bc-sygedagpenge bc-enkeltydelser bc-boligstoette; do run "m-history-$a" $m history $a; done
for format in table csv json; do run "m-log-$format" $m log --format $format; done
run m-log-csv-excel $m log --format csv --dialect excel-da
run m-log-filter $m log --area bc-sygedagpenge --from 2027-02-01 --to 2027-04-30
run m-verify $m verify
run m-verify-head $m verify --head "$(sed -n 's/.*head \([0-9a-f]*\).*/\1/p' "$out/m-verify.out" | head -1)"
for today in 2027-01-04 2027-03-10 2027-06-28 2027-12-20; do
  for format in text mail json; do run "m-remind-$today-$format" $m --today $today remind --format $format; done
done
run m-remind-leader $m --today 2027-06-28 remind --leader bsn --within 20
for year in 2026 2027 2028; do
  run "m-plan-$year" $m --today 2027-06-01 plan --year $year
  run "m-plan-$year-ics" $m --today 2027-06-01 plan --year $year --format ics
  run "m-workload-$year" $m --today 2027-06-01 workload --year $year
  run "m-report-$year" $m --today 2027-12-31 report --year $year
done
run m-plan-register-only $m --today 2027-06-01 plan --year 2027 --register-only
run m-audit $m --today 2027-12-31 audit --year 2027 --out pack-m
keep m-audit-pack "$work/pack-m"
run m-audit-excel $m --today 2027-12-31 audit --year 2027 --out pack-mx --dialect excel-da --center bc
keep m-audit-excel-pack "$work/pack-mx"

# A log on the bundled rules, and every reading command over it.
b="--rules bundled --db $work/b.db"
run b-record-1 $b --today 2027-02-01 record --area jc-sygedagpenge --date 2027-01-20 --cases 8 --errors-statsrefusion 2
run b-record-2 $b --today 2027-02-01 record --area jc-forsikrede-ledige --date 2027-01-25 --cases 10 --errors-sagsbehandling 4 --errors-statsrefusion 1
run b-record-3 $b --today 2027-04-02 record --area yd-las-27-27a --date 2027-03-30 --cases 12
run b-rerate $b --today 2027-04-02 rerate
run b-rerate-reject $b --today 2027-04-02 rerate --reject jc-sygedagpenge --reason "Afventer næste tilsyn"
run b-history $b history jc-sygedagpenge
for today in 2027-01-04 2027-04-05 2027-09-15; do
  for format in text mail json; do run "b-remind-$today-$format" $b --today $today remind --format $format; done
done
run b-log $b log
run b-log-json $b log --format json
run b-verify $b verify
run b-report $b --today 2027-12-31 report --year 2027
run b-report-center $b --today 2027-12-31 report --year 2027 --center jc --leader thn
run b-plan $b --today 2027-04-02 plan --year 2027 --format ics
run b-audit $b --today 2027-12-31 audit --year 2027 --out pack-b
keep b-audit-pack "$work/pack-b"

# The rerating and remind fixtures with a log of their own.
for f in rerating remind; do
  run "$f-record" --rules $f --db "$work/$f.db" --today 2027-03-15 record --file "$fixtures/records/minimal.toml"
  run "$f-record-2" --rules $f --db "$work/$f.db" --today 2027-03-15 record --area bc-sygedagpenge --date 2027-02-08 --cases 10 --errors-sagsbehandling 3
  run "$f-rerate" --rules $f --db "$work/$f.db" --today 2027-03-15 rerate
  run "$f-remind" --rules $f --db "$work/$f.db" --today 2027-03-15 remind --format json
done
run sampling-record --rules minimal --db "$work/s.db" --today 2027-03-15 record --file "$fixtures/sampling/record.toml"
run sampling-log --rules minimal --db "$work/s.db" log --format json

# Help, completion and usage errors.
run help-overview help
for c in plan workload calendar validate sample record import correct rerate history log report audit verify verify-sample remind completion; do
  run "help-$c" help $c
done
run completion completion
run version --version
run unknown-command plann
run no-command
run bad-year --rules bundled plan --year 20x7
ls "$work" > "$out/work-files.txt"
echo "outputs.sh: $n runs written to $out"
