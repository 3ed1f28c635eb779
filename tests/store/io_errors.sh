#!/usr/bin/env bash
# I/O errors name the file and what failed, exit 2, and leave nothing half-written
# (tests/store/io_errors.sh TILSYN). Each case runs a command that cannot succeed and checks
# its exit status, that its message names the file, and that the log still verifies with the
# entries it had:
#   - --db /dev/null (a device, not a file);
#   - the log in a directory the account may not write (run as `nobody` when this runs as
#     root, for whom permissions do not apply);
#   - a full disk while an import writes: the file size limit (ulimit -f) with SIGXFSZ
#     ignored, so the write fails with EFBIG as on a full disk instead of killing tilsyn;
#   - plan -o onto the same full disk and into a read-only directory.
# A few seconds.
set -euo pipefail

tilsyn=$(realpath "${1:?usage: io_errors.sh path/to/tilsyn}")
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rules="$here/../golden/fixtures/minimal"

work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
fail() { echo "io_errors: FAIL: $*" >&2; exit 1; }
say() { echo "io_errors: $*"; }
export TZ=Europe/Copenhagen LC_ALL=C.UTF-8 TILSYN_USER=io-test
export TILSYN_SIGNING_KEY="$work/t.key"

# expect_failure NAME PATTERN CMD...: CMD exits 2 and its message matches PATTERN.
expect_failure() {
  local name=$1 pattern=$2 status=0
  shift 2
  "$@" > "$work/out" 2> "$work/err" || status=$?
  [[ $status == 2 ]] || { cat "$work/err" >&2; fail "$name: exit $status, expected 2"; }
  grep -Eq -e "$pattern" "$work/err" || { cat "$work/err" >&2; fail "$name: message does not match '$pattern'"; }
  grep -q "internal error" "$work/err" && fail "$name: reported as an internal error"
  say "$name: $(head -n1 "$work/err")"
}

db="$work/t.db"
tl() { "$tilsyn" --rules "$rules" --db "$db" --today 2027-03-15 "$@"; }
tl record --area bc-boligstoette --date 2027-01-05 --cases 3 --note Opstart > /dev/null
head_of() { tl verify | sed -n 's/^\([0-9]*\) entries verified; head \([0-9a-f]*\)$/\2/p'; }
count_of() { tl verify | sed -n 's/^\([0-9]*\) entries verified.*/\1/p'; }
head_before=$(head_of)
[[ -n $head_before ]] || fail "verify printed no head"
# The log verifies and still ends where it did.
unchanged() {
  tl verify --head "$head_before" > /dev/null 2>&1 || fail "$1: the log changed or no longer verifies"
  [[ $(head_of) == "$head_before" ]] || fail "$1: the log has new entries"
}

# --- a device instead of a file ---------------------------------------------------------------
expect_failure "--db /dev/null" '--db: /dev/null is not a regular file' \
  "$tilsyn" --rules "$rules" --db /dev/null --today 2027-03-15 \
  record --area bc-boligstoette --date 2027-01-06 --cases 3 --note x

# --- a directory the account may not write --------------------------------------------------
mkdir "$work/ro"
if [[ $(id -u) == 0 ]]; then
  as_other() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
else
  as_other() { "$@"; }
fi
chmod 555 "$work/ro"
expect_failure "read-only directory" "--db: cannot open $work/ro/t.db for writing" \
  as_other env TILSYN_SIGNING_KEY="$work/ro/t.key" "$tilsyn" --rules "$rules" --db "$work/ro/t.db" \
  --today 2027-03-15 record --area bc-boligstoette --date 2027-01-06 --cases 3 --note x
[[ -z $(ls -A "$work/ro") ]] || fail "read-only directory: files appeared in it"
expect_failure "plan -o into a read-only directory" "$work/ro/plan.ics" \
  as_other "$tilsyn" --rules "$rules" plan --year 2027 --format ics -o "$work/ro/plan.ics"
[[ -z $(ls -A "$work/ro") ]] || fail "plan -o into a read-only directory: files appeared in it"

# --- a full disk ------------------------------------------------------------------------------
# 3,000 supervisions need some megabytes of write-ahead log, more than the 1 MiB allowed; the
# year's calendar is more than 4 KiB.
python3 - "$work/s.csv" << 'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("ref,area,date,cases,occurrence,note\n")
    for i in range(3000):
        f.write(f"r{i},bc-boligstoette,2027-02-{1 + i % 28:02d},3,ad-hoc,Stikprøve nummer {i} af en lang række\n")
EOF
# full_disk KIB CMD...: CMD may write files of at most KIB KiB.
full_disk() { local kib=$1; shift; (ulimit -f "$kib"; trap '' XFSZ; "$@"); }
expect_failure "import onto a full disk" "--db: cannot write to $db .*nothing was recorded" \
  full_disk 1024 "$tilsyn" --rules "$rules" --db "$db" --today 2027-03-15 import --supervisions "$work/s.csv"
unchanged "import onto a full disk"

expect_failure "plan -o onto a full disk" "$work/plan.ics" \
  full_disk 4 "$tilsyn" --rules "$rules" --today 2027-03-15 plan --year 2027 --format ics \
  --no-level -o "$work/plan.ics"
[[ ! -e $work/plan.ics ]] || fail "plan -o onto a full disk: a partial plan.ics was left"
ls "$work" | grep -q 'plan.ics.' && fail "plan -o onto a full disk: a temporary file was left"

# And with room again, the same import goes through whole.
tl import --supervisions "$work/s.csv" > /dev/null
[[ $(count_of) == 3002 ]] || fail "the import after the full disk is not whole"
say "ok"
