#!/usr/bin/env bash
# Test the .ics checkers themselves, on the hand-made fixtures.
#
# usage: self_test.sh [raw|icaljs|python|khal]...   (default: all four)
#
#  * fixtures/ matches what fixtures/make_fixtures.py generates;
#  * fixtures/sample.ics passes every selected checker (positive control);
#  * every fixtures/bad_*.ics is rejected (exit 1, not a setup error) by
#    each checker listed for it below, with the expected reason in its
#    message; every bad fixture is listed for at least one checker.
#
# Prints one line per case and a final "N passed, N failed" line.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FIX="$HERE/fixtures"
PLAN="$FIX/sample.json"

declare -A CHECKER=(
    [raw]="$HERE/check_raw.py"
    [icaljs]="$HERE/check_icaljs.mjs"
    [python]="$HERE/check_python_icalendar.py"
    [khal]="$HERE/check_khal.sh"
)

# checker  fixture (without bad_ and .ics)  substring expected in the message
EXPECT=$(cat <<'EOF'
raw     lf_endings           end in bare LF instead of CRLF
raw     bare_lf              end in bare LF instead of CRLF
raw     bare_cr              end in bare CR instead of CRLF
raw     line_76              76 octets, more than 75
raw     split_utf8           a fold split a multi-byte character
raw     latin1               file is not valid UTF-8
raw     bom                  byte order mark
raw     unescaped_comma      unescaped ',' in TEXT value
raw     unescaped_semicolon  unescaped ';' in TEXT value
raw     backslash_escape     backslash followed by 'D'
raw     duplicate_uid        duplicate UID
raw     unbalanced           END:VEVENT closes BEGIN:VALARM
raw     missing_dtstamp      DTSTAMP missing
raw     dtstamp_local        is not a UTC date-time
raw     missing_prodid       PRODID missing
raw     missing_event        17 VEVENTs in the .ics but 18 occurrences
raw     foreign_uid          are not in the plan
raw     sequence             SEQUENCE 3, the plan says 0
raw     cancelled_status     STATUS CANCELLED, the plan says CONFIRMED
icaljs  latin1               not valid UTF-8
icaljs  split_utf8           not valid UTF-8
icaljs  bom                  ICAL.parse rejected the file
icaljs  bare_cr              ICAL.parse rejected the file
icaljs  unbalanced           ICAL.parse rejected the file
icaljs  duplicate_uid        duplicate UID
icaljs  missing_dtstamp      DTSTAMP missing
icaljs  dtstamp_local        is not UTC
icaljs  missing_prodid       PRODID missing
icaljs  missing_event        17 VEVENTs but 18 occurrences
icaljs  foreign_uid          are not in the plan
icaljs  dtend_same_day       is not the day after DTSTART
icaljs  dtstart_datetime     is a DATE-TIME, expected a DATE
icaljs  wrong_date           but the plan's planned_date is
icaljs  positive_trigger     is not negative
icaljs  empty_summary        SUMMARY missing or empty
icaljs  sequence             SEQUENCE 3, the plan says 0
icaljs  cancelled_status     STATUS CANCELLED, the plan says CONFIRMED
python  latin1               not valid UTF-8
python  split_utf8           not valid UTF-8
python  bom                  Calendar.from_ical rejected the file
python  bare_lf              parser error
python  unbalanced           BEGIN/END unbalanced
python  duplicate_uid        duplicate UID
python  missing_dtstamp      DTSTAMP missing
python  dtstamp_local        is not a UTC date-time
python  missing_prodid       PRODID missing
python  missing_event        17 VEVENTs but 18 occurrences
python  foreign_uid          are not in the plan
python  dtend_same_day       is not the day after DTSTART
python  dtstart_datetime     is a date-time, expected a DATE
python  wrong_date           but the plan's planned_date is
python  sequence             SEQUENCE 3, the plan says 0
python  cancelled_status     STATUS CANCELLED, the plan says CONFIRMED
python  positive_trigger     is not negative
python  empty_summary        SUMMARY missing or empty
khal    unbalanced           khal import --batch exited non-zero
khal    bom                  khal import --batch exited non-zero
khal    dtstart_datetime     khal import --batch exited non-zero
khal    duplicate_uid        khal list shows 17 events
khal    missing_event        not listed by khal
khal    foreign_uid          are not in the plan
khal    wrong_date           planned_date is 2027-01-04
khal    empty_summary        empty title in khal
EOF
)

if [[ $# -eq 0 ]]; then set -- raw icaljs python khal; fi
declare -A SELECTED=()
for c in "$@"; do
    [[ -n ${CHECKER[$c]:-} ]] || { echo "self_test: unknown checker '$c'" >&2; exit 2; }
    SELECTED[$c]=1
done

passed=0
failed=0
ok()  { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tilsyn-ics-selftest.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT

# 0. the committed fixtures are exactly what the generator writes
if /usr/bin/python3 "$FIX/make_fixtures.py" "$TMP" 2>"$TMP/gen.err"; then
    drift=""
    for f in "$TMP"/*.ics "$TMP"/*.json; do
        cmp -s "$f" "$FIX/$(basename "$f")" || drift+=" $(basename "$f")"
    done
    for f in "$FIX"/bad_*.ics; do
        [[ -e "$TMP/$(basename "$f")" ]] || drift+=" $(basename "$f")(stale)"
    done
    if [[ -z $drift ]]; then ok "fixtures match make_fixtures.py"
    else bad "fixtures differ from make_fixtures.py output:$drift (re-run it)"; fi
else
    bad "make_fixtures.py failed: $(tail -n 3 "$TMP/gen.err")"
fi

# 1. every bad fixture is expected to fail somewhere
for f in "$FIX"/bad_*.ics; do
    b=$(basename "$f" .ics); b=${b#bad_}
    if ! awk -v b="$b" '$2 == b { found = 1 } END { exit !found }' <<<"$EXPECT"; then
        bad "fixtures/bad_$b.ics is not listed in self_test.sh's EXPECT table"
    fi
done

# 2. positive control
for c in raw icaljs python khal; do
    [[ -n ${SELECTED[$c]:-} ]] || continue
    if out=$("${CHECKER[$c]}" "$FIX/sample.ics" "$PLAN" 2>&1); then
        ok "$c accepts sample.ics: $out"
    else
        bad "$c rejects sample.ics (exit $?):"$'\n'"$out"
    fi
done

# 3. negative cases
while read -r c b want; do
    [[ -n $c && -n ${SELECTED[$c]:-} ]] || continue
    f="$FIX/bad_$b.ics"
    if [[ ! -e $f ]]; then bad "$c bad_$b.ics: fixture missing"; continue; fi
    out=$("${CHECKER[$c]}" "$f" "$PLAN" 2>&1); rc=$?
    if [[ $rc -ne 1 ]]; then
        bad "$c bad_$b.ics: expected exit 1, got $rc:"$'\n'"$out"
    elif [[ $out != *"$want"* ]]; then
        bad "$c bad_$b.ics: rejected, but without '$want':"$'\n'"$out"
    else
        ok "$c rejects bad_$b.ics ($want)"
    fi
done <<<"$EXPECT"

echo "self_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
