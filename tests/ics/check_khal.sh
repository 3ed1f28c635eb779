#!/usr/bin/env bash
# Import a tilsyn .ics into khal (Debian khal 0.10.x) and check that khal
# sees exactly the plan's occurrences, as single all-day events on the
# planned dates.
#
# usage: check_khal.sh [--after EARLIER_ICS]... ICS_FILE PLAN_JSON_FILE
#
# With --after, the earlier calendars are imported first, as a leader who
# imported each published version would have: khal must then still show
# exactly the plan's occurrences, and every other event it holds (each UID of
# the earlier calendars that the plan dropped) as cancelled.
#
# Everything happens in a throw-away directory (config, vdir, sqlite cache,
# HOME, XDG dirs), removed on exit; the real home is never touched.
# Exit codes: 0 ok, 1 check failed, 2 usage / setup / unreadable input.

set -euo pipefail

NAME=check_khal
PY=/usr/bin/python3   # khal's own interpreter; the JSON is read with its stdlib

die()  { echo "$NAME: error: $*" >&2; exit 2; }
fail() { echo "$NAME: FAIL: $ICS: $*" >&2; exit 1; }

EARLIER=()
while [[ ${1:-} == --after ]]; do
    [[ $# -ge 2 ]] || die "--after needs a file"
    [[ -r $2 ]] || die "cannot read $2"
    EARLIER+=("$2")
    shift 2
done
[[ $# -eq 2 ]] || die "usage: $0 [--after EARLIER_ICS]... ICS_FILE PLAN_JSON_FILE"
ICS=$1
JSON=$2
[[ -r $ICS ]] || die "cannot read $ICS"
[[ -r $JSON ]] || die "cannot read plan JSON $JSON"
command -v khal >/dev/null 2>&1 || die "khal not found on PATH (apt-get install khal)"
[[ -x $PY ]] || die "$PY not found"

export TZ=Europe/Copenhagen
export LC_ALL=C.UTF-8
unset LANG LANGUAGE

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tilsyn-khal.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT
mkdir -p "$TMP/home" "$TMP/config/khal" "$TMP/data" "$TMP/cache" "$TMP/vdir/tilsyn"
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" \
       XDG_CACHE_HOME="$TMP/cache"

# khal 0.10 needs at least one calendar under [calendars]; the [locale]
# formats are pinned so that dates on the command line and in the output are
# ISO 8601 regardless of the machine's locale.
CONF="$TMP/config/khal/config"
cat >"$CONF" <<EOF
[calendars]
[[tilsyn]]
path = $TMP/vdir/tilsyn
type = calendar

[sqlite]
path = $TMP/data/khal.db

[locale]
local_timezone = Europe/Copenhagen
default_timezone = Europe/Copenhagen
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
firstweekday = 0

[default]
default_calendar = tilsyn
EOF

# Date range to list: the plan's year, widened to cover every planned_date.
read -r YEAR FIRST LAST COUNT < <("$PY" - "$JSON" <<'EOF'
import datetime as dt, json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
occ = plan["occurrences"]
year = int(plan.get("year") or dt.date.fromisoformat(occ[0]["planned_date"]).year)
dates = [dt.date.fromisoformat(o["planned_date"]) for o in occ]
first = min(dates + [dt.date(year, 1, 1)]) - dt.timedelta(days=1)
last = max(dates + [dt.date(year, 12, 31)]) + dt.timedelta(days=1)
print(year, first.isoformat(), last.isoformat(), len(occ))
EOF
) || die "cannot read occurrences from plan JSON $JSON"

khal_() { khal --no-color -v WARNING -l "$TMP/khal.log" -c "$CONF" "$@"; }

# 1. import, the earlier versions first
for f in "${EARLIER[@]}" "$ICS"; do
    if ! khal_ import --batch -a tilsyn "$f" >>"$TMP/import.out" 2>&1; then
        echo "$NAME: khal import output:" >&2
        tail -n 15 "$TMP/import.out" >&2
        fail "khal import --batch exited non-zero (importing $f)"
    fi
done
cat "$TMP/khal.log" >>"$TMP/import.out" 2>/dev/null || true
if grep -qiE 'warning|error|critical|traceback' "$TMP/import.out"; then
    echo "$NAME: khal import output:" >&2
    head -n 15 "$TMP/import.out" >&2
    fail "khal import logged warnings/errors"
fi
FILES=$(find "$TMP/vdir/tilsyn" -type f -name '*.ics' | wc -l)

# 2. list everything back: one line per event, tab-separated, ISO dates.
# --once prints an event once even if it spans days; the day headers are
# switched off, and the EVT prefix keeps any stray log line out of the count.
: >"$TMP/khal.log"
khal_ list --once --day-format '' \
    --format 'EVT{tab}{uid}{tab}{start-date}{tab}{end-date}{tab}{all-day}{tab}{status}{tab}{title}' \
    "$FIRST" "$LAST" >"$TMP/list.out" 2>&1 || {
    tail -n 15 "$TMP/list.out" >&2
    fail "khal list exited non-zero"
}
# (event lines are left out: a title may well contain the word "error")
grep -v $'^EVT\t' "$TMP/list.out" >>"$TMP/khal.log" || true
if grep -qiE 'warning|error|critical|traceback' "$TMP/khal.log"; then
    grep -iE 'warning|error|critical|traceback' "$TMP/khal.log" | head -n 10 >&2
    fail "khal list logged warnings/errors"
fi

# 3. compare with the plan
"$PY" - "$JSON" "$TMP/list.out" "$FILES" "$ICS" "${EARLIER[@]}" <<'EOF'
import json, re, sys
plan_path, list_path, files, ics = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
occ = json.load(open(plan_path, encoding="utf-8"))["occurrences"]
want = {o["uid"]: o["planned_date"] for o in occ}
# Every UID a calendar khal imported carried (tilsyn's UIDs are never folded).
def uids(path):
    return set(re.findall(r"^UID:(\S+)\r?$", open(path, encoding="utf-8").read(), re.M))
seen = set().union(*(uids(p) for p in [ics] + sys.argv[5:]))
got, cancelled, problems = {}, set(), []
for line in open(list_path, encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    if not line.startswith("EVT\t"):
        continue
    _, uid, start, end, allday, status, title = (line.split("\t") + [""] * 7)[:7]
    if uid in got or uid in cancelled:
        problems.append(f"khal lists UID {uid} twice")
    if status.strip() == "CANCELLED":
        cancelled.add(uid)
        if uid in want:
            problems.append(f"{uid}: in the plan, but cancelled in khal")
        continue
    got[uid] = start
    if allday != "True":
        problems.append(f"{uid}: not an all-day event in khal")
    elif end != start:  # khal shows the inclusive last day of an all-day event
        problems.append(f"{uid}: spans {start}..{end} in khal, expected the single day {start}")
    if not title.strip():
        problems.append(f"{uid}: empty title in khal")
    if uid in want and start != want[uid]:
        problems.append(f"{uid}: on {start} in khal, planned_date is {want[uid]}")
if files != len(want) + len(cancelled):
    problems.append(f"khal stored {files} events in the vdir, the plan has {len(want)} occurrences"
                    f" and khal shows {len(cancelled)} cancelled")
stale = sorted(seen - set(want) - cancelled)
if stale:
    problems.append(f"{len(stale)} event(s) the plan dropped are not cancelled in khal, e.g. {stale[:3]}")
if len(got) != len(want):
    problems.append(f"khal list shows {len(got)} events, the plan has {len(want)} occurrences")
missing = sorted(set(want) - set(got))
extra = sorted(set(got) - set(want))
if missing:
    problems.append(f"{len(missing)} plan UID(s) not listed by khal, e.g. {missing[:3]}")
if extra:
    problems.append(f"{len(extra)} UID(s) listed by khal are not in the plan, e.g. {extra[:3]}")
if problems:
    print(f"check_khal: FAIL: {ics}: {len(problems)} problem(s)", file=sys.stderr)
    for p in problems[:25]:
        print(f"  {p}", file=sys.stderr)
    sys.exit(1)
EOF

echo "khal $(khal --version | awk '{print $NF}'): $COUNT events ok (vdir holds $FILES, after ${#EARLIER[@]} earlier version(s); plan year $YEAR listed $FIRST..$LAST, TZ=$TZ)"
