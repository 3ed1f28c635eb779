#!/usr/bin/env bash
# contrib/systemd/tilsyn-serve.service runs the documented command as the documented user, and
# is hardened: systemd accepts it (systemd-analyze verify, without a single warning) and
# `systemd-analyze security --offline=yes` rates its exposure OK or SAFE (4.9 or below; it was
# 0.9 SAFE with systemd 252 on Debian 12). Both work in a container without systemd as PID 1.
# Usage: contrib_units.sh TILSYN_BINARY
set -euo pipefail
tilsyn=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
unit=$here/../../contrib/systemd/tilsyn-serve.service
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v systemd-analyze > /dev/null || fail "systemd-analyze not found (contrib/install-deps installs systemd)"

# The settings docs/serve.md and the proxies' configuration rely on.
setting() { sed -n "s/^$1=//p" "$unit"; }
expect() {
  local got
  got=$(setting "$1")
  [ "$got" = "$2" ] || fail "$1=$got, expected $1=$2"
}
expect ExecStart "/usr/local/bin/tilsyn --rules /etc/tilsyn/rules --db /var/lib/tilsyn/tilsyn.db serve --listen 127.0.0.1:8080"
expect Type simple
expect User tilsyn
expect Group tilsyn
expect Restart on-failure
expect Environment TZ=Europe/Copenhagen
expect ProtectSystem strict
expect ReadWritePaths /var/lib/tilsyn
expect UMask 0077
expect CapabilityBoundingSet ""

# systemd's own check, on a copy whose ExecStart names a binary that exists here. verify exits
# 0 on unknown or misplaced keys and only prints them, so any output is a failure.
sed "s|/usr/local/bin/tilsyn|$tilsyn|" "$unit" > "$work/tilsyn-serve.service"
status=0
( cd "$work" && systemd-analyze verify ./tilsyn-serve.service ) > "$work/verify.out" 2>&1 || status=$?
[ "$status" = 0 ] && [ ! -s "$work/verify.out" ] \
  || fail "systemd-analyze verify (exit $status): $(cat "$work/verify.out")"

# The security rating of the unit as committed; again no warning is allowed (a misspelt
# hardening key would be ignored and only cost points).
status=0
systemd-analyze security --offline=yes --no-pager "$unit" > "$work/security.out" 2> "$work/security.err" \
  || status=$?
[ "$status" = 0 ] || fail "systemd-analyze security exited $status: $(cat "$work/security.err")"
[ ! -s "$work/security.err" ] || fail "systemd-analyze security warned: $(cat "$work/security.err")"
overall=$(grep -E '^→ Overall exposure level for tilsyn-serve.service: ' "$work/security.out") \
  || fail "no 'Overall exposure level' line in: $(cat "$work/security.out")"
read -r level rating < <(sed -E 's/.*: ([0-9]+\.[0-9]) ([A-Z]+).*/\1 \2/' <<< "$overall")
[[ $level =~ ^[0-9]+\.[0-9]$ ]] || fail "cannot read the exposure level from: $overall"
awk -v l="$level" 'BEGIN { exit !(l <= 4.9) }' || fail "exposure $level $rating, above 4.9: $overall"
case $rating in OK|SAFE) ;; *) fail "rated $rating, expected OK or SAFE: $overall" ;; esac
echo "ok: tilsyn-serve.service runs the documented command; systemd-analyze verify accepts it; exposure $level $rating"
