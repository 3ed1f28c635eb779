#!/usr/bin/env bash
# A calendar subscription kept in sync with vdirsyncer (Debian vdirsyncer 0.19): the published
# tilsyn .ics is the read-only source, a local vdir (what khal, Evolution or a CalDAV server
# reads) the copy. Sync the earlier version, replace it with the changed one as a web server
# would, sync again, and check that the copy holds exactly the changed plan: the plan's
# occurrences on their planned dates with the new calendar's SEQUENCE, and nothing else that
# is not cancelled.
#
# usage: check_vdirsyncer.sh EARLIER_ICS ICS_FILE PLAN_JSON_FILE
#
# Everything happens in a throw-away directory (config, status, vdir, HOME), removed on exit.
# Exit codes: 0 ok, 1 check failed, 2 usage / setup / unreadable input.

set -euo pipefail

NAME=check_vdirsyncer
PY=/usr/bin/python3   # vdirsyncer's interpreter, which has python3-icalendar beside it

die()  { echo "$NAME: error: $*" >&2; exit 2; }
fail() { echo "$NAME: FAIL: $*" >&2; exit 1; }

[[ $# -eq 3 ]] || die "usage: $0 EARLIER_ICS ICS_FILE PLAN_JSON_FILE"
EARLIER=$1
ICS=$2
JSON=$3
for f in "$EARLIER" "$ICS" "$JSON"; do [[ -r $f ]] || die "cannot read $f"; done
command -v vdirsyncer >/dev/null 2>&1 || die "vdirsyncer not found on PATH (apt-get install vdirsyncer)"

export LC_ALL=C.UTF-8
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tilsyn-vdirsyncer.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT
mkdir -p "$TMP/home" "$TMP/status" "$TMP/vdir"
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config"

cat >"$TMP/config" <<EOF
[general]
status_path = "$TMP/status/"

[pair subscription]
a = "published"
b = "local"
collections = null
conflict_resolution = "a wins"

[storage published]
type = "singlefile"
path = "$TMP/published.ics"
read_only = true

[storage local]
type = "filesystem"
path = "$TMP/vdir/"
fileext = ".ics"
EOF

sync() {
    cp -- "$1" "$TMP/published.ics"
    if ! vdirsyncer -c "$TMP/config" sync >"$TMP/sync.out" 2>&1; then
        tail -n 20 "$TMP/sync.out" >&2
        fail "vdirsyncer sync of $1 exited non-zero"
    fi
    if grep -qiE 'error|critical|traceback' "$TMP/sync.out"; then
        grep -iE 'error|critical|traceback' "$TMP/sync.out" | head -n 10 >&2
        fail "vdirsyncer logged errors syncing $1"
    fi
}
cp -- "$EARLIER" "$TMP/published.ics"
if ! vdirsyncer -c "$TMP/config" discover subscription </dev/null >"$TMP/discover.out" 2>&1; then
    tail -n 20 "$TMP/discover.out" >&2
    fail "vdirsyncer discover exited non-zero"
fi
sync "$EARLIER"
sync "$ICS"

"$PY" - "$JSON" "$ICS" "$TMP/vdir" <<'EOF'
import json, pathlib, sys
from icalendar import Calendar

plan_path, ics, vdir = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
occ = json.load(open(plan_path, encoding="utf-8"))["occurrences"]
want = {o["uid"]: o["planned_date"] for o in occ}
published = {}
for e in Calendar.from_ical(open(ics, "rb").read()).walk("VEVENT"):
    published[str(e["UID"])] = e
problems, live, cancelled = [], {}, set()
for item in sorted(vdir.glob("*.ics")):
    events = Calendar.from_ical(item.read_bytes()).walk("VEVENT")
    if len(events) != 1:
        problems.append(f"{item.name}: {len(events)} events in one item")
        continue
    e = events[0]
    uid = str(e["UID"])
    if uid in live or uid in cancelled:
        problems.append(f"{uid} is in the vdir twice")
    if str(e.get("STATUS", "")) == "CANCELLED":
        cancelled.add(uid)
    else:
        live[uid] = e["DTSTART"].dt.isoformat()
    if uid not in published:
        problems.append(f"{uid}: in the vdir, not in the published calendar")
    elif int(e.get("SEQUENCE", 0)) != int(published[uid].get("SEQUENCE", 0)):
        problems.append(f"{uid}: SEQUENCE {e.get('SEQUENCE')} in the vdir, "
                        f"{published[uid].get('SEQUENCE')} published")
for uid, day in sorted(want.items()):
    if uid not in live:
        problems.append(f"{uid}: in the plan, not live in the vdir")
    elif live[uid] != day:
        problems.append(f"{uid}: on {live[uid]} in the vdir, planned {day}")
for uid in sorted(set(live) - set(want)):
    problems.append(f"{uid}: live in the vdir, not in the plan")
if problems:
    print(f"check_vdirsyncer: FAIL: {ics}: {len(problems)} problem(s)", file=sys.stderr)
    for p in problems[:25]:
        print(f"  {p}", file=sys.stderr)
    sys.exit(1)
print(f"vdirsyncer: {len(live)} events live as planned, {len(cancelled)} cancelled")
EOF
