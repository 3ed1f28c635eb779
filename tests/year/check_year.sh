#!/usr/bin/env bash
# Fjordby Kommune's year (tests/year/README.md): runs run_year.sh, compares every output with
# tests/year/expected/ (UPDATE=1 rewrites it: review the diff), then checks the calendars as
# their users meet them: each version keeps the days of what lies before the change's month
# boundary and counts SEQUENCE up for what it changes, khal holds exactly the last plan after
# importing every version in turn, and a vdirsyncer subscription synced from the first
# version to the last holds it too. For the whole municipality and for one leader.
# usage: check_year.sh TILSYN
set -euo pipefail
tilsyn=${1:?usage: check_year.sh TILSYN}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ics="$here/../ics"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "check_year: FAIL: $*" >&2; exit 1; }

bash "$here/run_year.sh" "$tilsyn" "$out/year"
if [[ ${UPDATE:-} == 1 ]]; then
    rm -rf "$here/expected" && cp -r "$out/year" "$here/expected"
    echo "check_year: rewrote $here/expected"
fi
diff -r "$here/expected" "$out/year" >"$out/diff" || {
    head -n 60 "$out/diff" >&2
    fail "the year's outputs differ from tests/year/expected (UPDATE=1 rewrites them)"
}

# The days each version was published on, in order (run_year.sh's calendars steps).
days=(2026-12-01 2027-02-23 2027-04-12 2027-06-17 2027-09-01)
for who in plan hbj; do
    /usr/bin/python3 - "$out/year" "$who" "${days[@]}" <<'PY'
import datetime as dt, json, sys
base, who, days = sys.argv[1], sys.argv[2], sys.argv[3:]
problems = []
def load(n):
    doc = json.load(open(f"{base}/{n}-{who}.json", encoding="utf-8"))
    live = {o["uid"]: o for o in doc["occurrences"]}
    gone = {o["uid"]: o for o in doc["cancelled"]}
    return live, gone
for n in range(2, len(days) + 1):
    old, old_gone = load(n - 1)
    new, new_gone = load(n)
    published = dt.date.fromisoformat(days[n - 1])
    boundary = (published.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    for uid, o in old.items():
        if uid in new and o["planned_date"] < boundary.isoformat() and \
                new[uid]["period_end"] >= o["planned_date"] and new[uid]["planned_date"] != o["planned_date"]:
            problems.append(f"version {n}: {uid} moved from {o['planned_date']} to "
                            f"{new[uid]['planned_date']}, before the boundary {boundary}")
        if uid in new and new[uid] != o and new[uid]["sequence"] <= o["sequence"]:
            problems.append(f"version {n}: {uid} changed, SEQUENCE {o['sequence']} -> {new[uid]['sequence']}")
        if uid not in new and uid not in new_gone:
            problems.append(f"version {n}: {uid} vanished without being cancelled")
    for uid, o in old_gone.items():
        if uid not in new and uid not in new_gone:
            problems.append(f"version {n}: cancelled {uid} vanished")
if problems:
    print(f"check_year: FAIL: {who}: {len(problems)} problem(s)", file=sys.stderr)
    for p in problems[:20]:
        print(f"  {p}", file=sys.stderr)
    sys.exit(1)
print(f"check_year: {who}: {len(days)} versions keep what lies before each change's boundary")
PY
    after=()
    for n in 1 2 3 4; do after+=(--after "$out/year/$n-$who.ics"); done
    bash "$ics/check_khal.sh" "${after[@]}" "$out/year/5-$who.ics" "$out/year/5-$who.json"
    bash "$ics/check_vdirsyncer.sh" "$out/year/1-$who.ics" "$out/year/5-$who.ics" "$out/year/5-$who.json"
done
echo "check_year: ok"
