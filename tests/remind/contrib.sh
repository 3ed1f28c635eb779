#!/usr/bin/env bash
# The scheduling files in contrib/ do what the README says: the crontab line's command and the
# systemd service's ExecStart, with the binary and paths pointed at this build and the golden
# fixtures, send one mail per leader through a fake sendmail and print nothing; systemd accepts
# the service and the timer (systemd-analyze verify), and the timer fires on working-day
# mornings at 07:00 Danish time.
# Usage: contrib.sh TILSYN_BINARY
set -euo pipefail
tilsyn=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
contrib=$here/../../contrib
rules=$here/../golden/fixtures/remind
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat > "$work/fake-sendmail" <<'SH'
#!/bin/sh
cat > "$(mktemp "$CAPTURE/msg.XXXXXX")"
SH
chmod +x "$work/fake-sendmail"
export CAPTURE

# Runs a command line from contrib with this build's binary, rules and log, on a fixed day.
run_contrib() {
  local name=$1 line=$2
  CAPTURE=$work/$name; mkdir -p "$CAPTURE"
  local db=$work/$name.db
  "$tilsyn" --rules "$rules" --db "$db" --today 2027-01-20 record --area bc-sygedagpenge \
    --date 2027-01-18 --cases 10 > /dev/null
  line=${line//\/usr\/local\/bin\/tilsyn/$tilsyn}
  line=${line//\/etc\/tilsyn\/rules/$rules}
  line=${line//\/var\/lib\/tilsyn\/tilsyn.db/$db}
  local out status=0
  out=$(eval "$line --today 2027-03-25 --sendmail $work/fake-sendmail") || status=$?
  [ "$status" = 1 ] || fail "$name: exit status $status, expected 1 (overdue supervisions)"
  [ -z "$out" ] || fail "$name: printed output (cron would mail it): $out"
  [ "$(ls "$CAPTURE" | wc -l)" = 2 ] || fail "$name: expected 2 messages, got $(ls "$CAPTURE" | wc -l)"
  grep -q "^To: Anne Holm <ahl@test.example>" "$CAPTURE"/* || fail "$name: no message to ahl"
}

cron_line=$(grep -E '^[0-9*]' "$contrib/cron/tilsyn-remind")
gate='[ "$(TZ=Europe/Copenhagen date +\%H)" = 07 ] && '
[[ $cron_line == "0 * * * 1-5  tilsyn  $gate"* ]] || fail "unexpected crontab line: $cron_line"
run_contrib cron "${cron_line#*"$gate"}"
# The hour gate, as cron runs it ('\%' is '%'), with a date that answers for the time zone it
# is asked about: 07 in Copenhagen goes on, any other hour (or a gate that asked in UTC) does not.
mkdir "$work/bin"
cat > "$work/bin/date" <<'SH'
#!/bin/sh
[ "$TZ" = Europe/Copenhagen ] && [ "$1" = +%H ] && echo "$HOUR_IN_COPENHAGEN" || echo 99
SH
chmod +x "$work/bin/date"
cron_gate=${gate//\\%/%}
for hour in 06 07 08; do
  status=0
  HOUR_IN_COPENHAGEN=$hour PATH="$work/bin:$PATH" bash -c "${cron_gate}true" || status=$?
  if [ "$hour" = 07 ]; then [ "$status" = 0 ] || fail "cron gate: did not go on at 07 in Copenhagen"
  else [ "$status" != 0 ] || fail "cron gate: went on at $hour in Copenhagen"; fi
done

exec_start=$(sed -n 's/^ExecStart=//p' "$contrib/systemd/tilsyn-remind.service")
run_contrib systemd "$exec_start"

# systemd's own checks, on a copy whose ExecStart names a binary that exists here.
mkdir "$work/units"
sed "s|/usr/local/bin/tilsyn|$tilsyn|" "$contrib/systemd/tilsyn-remind.service" > "$work/units/tilsyn-remind.service"
cp "$contrib/systemd/tilsyn-remind.timer" "$work/units/"
( cd "$work/units" && systemd-analyze verify ./tilsyn-remind.service ./tilsyn-remind.timer ) \
  || fail "systemd-analyze verify rejected the units"
calendar=$(sed -n 's/^OnCalendar=//p' "$contrib/systemd/tilsyn-remind.timer")
# From Friday 2027-03-26 07:30 Danish time the next runs are Monday and Tuesday at 07:00.
next=$(TZ=Europe/Copenhagen systemd-analyze calendar --iterations=2 --base-time="2027-03-26 07:30" "$calendar" \
       | grep -E 'Next elapse|Iter' | grep -oE '2027-[0-9-]+ [0-9:]+ [A-Z]+')
expected=$'2027-03-29 07:00:00 CEST\n2027-03-30 07:00:00 CEST'
[ "$next" = "$expected" ] || fail "timer elapses at: $next; expected: $expected"
echo "ok: crontab command and ExecStart sent 2 messages each, silently; the crontab goes on only at 07 in Copenhagen; systemd accepts the units; timer at 07:00 on working days"
