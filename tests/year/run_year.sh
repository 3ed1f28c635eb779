#!/usr/bin/env bash
# Fjordby Kommune's year with tilsyn (tests/year/README.md): three centers, 17 areas, every
# cadence. The register grows as the year goes ("#@ DATE" lines in rules/ are written into it
# on that day), the log fills with supervisions and decisions, and on each day that matters
# the outputs users see are written to OUT: the plan, the whole calendar and one leader's,
# reminders, history, messages and at the end the auditor's pack. Each step names the point
# of "The year as it really goes" it exercises.
#
# usage: run_year.sh TILSYN OUT
# Then: the outputs are compared with tests/year/expected/ (UPDATE=1 rewrites them), the
# calendars are re-imported into khal and synced with vdirsyncer version by version.
set -euo pipefail

tilsyn=$(realpath "${1:?usage: run_year.sh TILSYN OUT}")
out=${2:?usage: run_year.sh TILSYN OUT}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -rf "$out" && mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Relative paths from here on, so that messages naming a file read the same in every run.
cd "$work"
export TZ=Europe/Copenhagen LC_ALL=C.UTF-8 TILSYN_USER=centerchef
unset SOURCE_DATE_EPOCH TILSYN_RULES TILSYN_DB
# Signed with the golden tests' key, at fixed times: the outputs are the same byte for byte.
export TILSYN_SIGNING_KEY="$work/golden.key"
install -m 0600 "$here/../golden/fixtures/keys/golden.key" "$TILSYN_SIGNING_KEY"
rules=rules
db=fjordby.db

# The register as it stands on DAY: the lines dated on or before it written in.
register_on() {
    rm -rf "$rules" && mkdir -p "$rules"
    for f in "$here"/rules/*.toml; do
        # shellcheck disable=SC2016  # $2 is awk's
        awk -v day="$1" '
            /^#@ [0-9-]+ / { if ($2 <= day) { sub(/^#@ [0-9-]+ /, ""); print } ; next }
            { print }' "$f" >"$rules/$(basename "$f")"
    done
}
# tl DAY ARGS...: tilsyn as on DAY at 10:00 Copenhagen time.
tl() {
    local day=$1
    shift
    TILSYN_TEST_RECORDED_AT="${day}T09:00:00Z" "$tilsyn" --rules "$rules" --db "$db" --today "$day" "$@"
}
# keep NAME DAY ARGS...: the output of a command (and its status when not 0) as OUT/NAME.
keep() {
    local name=$1 status=0
    shift
    tl "$@" >"$out/$name" 2>"$work/stderr" || status=$?
    cat "$work/stderr" >>"$out/$name"
    if ((status != 0)); then echo "(exit $status)" >>"$out/$name"; fi
}
# calendars N DAY: the plan, the whole calendar and Hanne Bjerg's as published on DAY.
calendars() {
    local n=$1 day=$2
    keep "$n-plan.txt" "$day" plan --year 2027
    tl "$day" plan --year 2027 --format ics -o "$out/$n-plan.ics"
    tl "$day" plan --year 2027 --format json -o "$out/$n-plan.json"
    tl "$day" plan --year 2027 --leader hbj@fjordby.example --format ics -o "$out/$n-hbj.ics"
    tl "$day" plan --year 2027 --leader hbj@fjordby.example --format json -o "$out/$n-hbj.json"
}

# --- December 2026: the first plan -----------------------------------------------------------
register_on 2026-12-01
calendars 1 2026-12-01

# --- 4 January: the first morning (point 5) ----------------------------------------------------
# No log yet: nothing is overdue, the reminders go out from today.
keep punkt5-remind-first-morning.txt 2027-01-04 remind

# --- the year's supervisions ---------------------------------------------------------------------
keep record-jan.txt 2027-01-20 record --area jc-sygedagpenge --date 2027-01-20 --cases 10 --errors-sagsbehandling 2 --note "Stikprøve"
keep record-feb.txt 2027-02-10 record --area yc-enkeltydelser --date 2027-02-10 --cases 8 --errors-sagsbehandling 3 --note "Dokumentation mangler"
# Point 6: a supervision of no cases is refused.
keep punkt6-record-0-cases.txt 2027-02-11 record --area jc-sygedagpenge --date 2027-02-11 --cases 0
# Point 7: the same supervision twice is reported as a duplicate.
keep punkt7-record-duplicate.txt 2027-02-12 record --area jc-sygedagpenge --date 2027-01-20 --cases 10 --errors-sagsbehandling 2 --note "Stikprøve"

# --- 22 February: a yellow area raised to red (point 3) ------------------------------------------
keep punkt3-rerate-raise.txt 2027-02-22 rerate --set jc-kontanthjaelp rød --reason "Mange sager uden rettidig samtale"
# Point 7: setting the colour already in force points to --reject.
keep punkt7-rerate-same-colour.txt 2027-02-23 rerate --set jc-kontanthjaelp rød --reason "Igen"
calendars 2 2027-02-23

# --- 9 April: a red area lowered to green (point 3) ----------------------------------------------
register_on 2027-04-12
calendars 3 2027-04-12
keep record-apr.txt 2027-04-20 record --area jc-kontanthjaelp --date 2027-04-20 --cases 12 --errors-sagsbehandling 1 --note "Bedre"

# --- 16 June: a new area (point 1) ----------------------------------------------------------------
register_on 2027-06-17
calendars 4 2027-06-17
# Point 7: reminders for one center.
keep punkt7-remind-center.txt 2027-06-17 remind --center yc

# --- 1 September: an area closes on 30 September (point 2) ---------------------------------------
register_on 2027-09-01
calendars 5 2027-09-01
# Point 6: performed in March, recorded in September.
keep punkt6-record-late.txt 2027-09-01 record --area bs-pension --date 2027-03-15 --cases 6 --note "Registreret sent"
keep punkt7-workload-leader.txt 2027-09-01 workload --year 2027 --leader aks

# --- January 2028: the year looked back on ------------------------------------------------------------
for area in jc-kontanthjaelp yc-enkeltydelser yc-boligstoette jc-ledighedsydelse; do
    keep "history-$area.txt" 2028-01-20 history "$area"
done
keep remind-2028.txt 2028-01-20 remind
keep log-2027.txt 2028-01-20 log
tl 2028-01-20 audit --year 2027 --out "$out/audit-2027" >/dev/null
# The report's HTML is checked in a browser elsewhere (tests/report/); its checksum line goes too.
rm -f "$out/audit-2027/report.html"
sed -i '/report\.html$/d' "$out/audit-2027/SHA256SUMS"
