#!/usr/bin/env bash
# `tilsyn remind` as mail, read back by independent parsers (Python's email and mailbox
# modules):
#   1. --send pipes one message per leader to a sendmail-compatible command: a fake sendmail
#      captures each message and its arguments; every message must parse, be addressed to the
#      leader's e-mail, decode its RFC 2047 subject and name, and carry the leader's areas.
#   2. --format mail writes an mbox stream that Python's mailbox.mbox splits into the same
#      messages, with bodies equal to what --send delivered.
#   3. A sendmail that fails makes remind exit 2 naming the command; cron's silent case sends
#      nothing at all.
# Usage: mail_clients.sh TILSYN_BINARY
set -euo pipefail
tilsyn=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
rules=$here/../golden/fixtures/remind
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/t.db

# The fake sendmail: every call writes its standard input and its arguments to a new file.
cat > "$work/fake-sendmail" <<'SH'
#!/bin/sh
n=$(ls "$CAPTURE" | grep -c '\.eml$' || true)
printf '%s\n' "$*" > "$CAPTURE/$n.args"
cat > "$CAPTURE/$n.eml"
SH
chmod +x "$work/fake-sendmail"
mkdir "$work/sent"
export CAPTURE=$work/sent

t() { "$tilsyn" --rules "$rules" --db "$db" "$@"; }
t --today 2027-01-20 record --area bc-sygedagpenge --date 2027-01-18 --cases 10 >/dev/null

# Cron's silent case: nothing due on 5 January, nothing sent, no output, exit 0.
out=$(t --today 2027-01-05 remind --send --sendmail "$work/fake-sendmail")
[ -z "$out" ] || { echo "FAIL: silent case printed: $out"; exit 1; }
[ -z "$(ls "$work/sent")" ] || { echo "FAIL: silent case sent mail"; exit 1; }

status=0
out=$(t --today 2027-03-25 remind --send --sendmail "$work/fake-sendmail -t -oi") || status=$?
[ "$status" = 1 ] || { echo "FAIL: --send with overdue supervisions exited $status, expected 1"; exit 1; }
[ -z "$out" ] || { echo "FAIL: --send printed to standard output: $out"; exit 1; }

set +e
t --today 2027-03-25 remind --format mail > "$work/remind.mbox"
status=$?
set -e
[ "$status" = 1 ] || { echo "FAIL: --format mail exited $status, expected 1"; exit 1; }

/usr/bin/python3 - "$work/sent" "$work/remind.mbox" <<'PY'
import email, email.policy, mailbox, pathlib, sys
from email.utils import parseaddr, parsedate_to_datetime

sent_dir, mbox_path = pathlib.Path(sys.argv[1]), sys.argv[2]
problems = []
def check(cond, what):
    if not cond: problems.append(what)

expected = {
    "ahl@test.example": ("Anne Holm", "Ledelsestilsyn: 1 forfaldent tilsyn, 1 med frist senest 5. april 2027",
                         ["bc-sygedagpenge", "februar 2027", "marts 2027", "27 dage over"]),
    "bsn@test.example": ("Bo Søndergaard", "Ledelsestilsyn: 1 med frist senest 5. april 2027",
                         ["bc-enkeltydelser", "1. kvartal 2027", "Kære Bo Søndergaard"]),
}
sent = {}
files = sorted(sent_dir.glob("*.eml"))
check(len(files) == 2, f"expected 2 messages sent, got {len(files)}")
for f in files:
    args = f.with_suffix(".args").read_text().strip()
    check(args == "-t -oi", f"{f.name}: sendmail arguments {args!r}")
    raw = f.read_bytes()
    check(not raw.startswith(b"From "), f"{f.name}: an mbox separator was sent to sendmail")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    check(not msg.defects, f"{f.name}: parser defects {msg.defects}")
    name, addr = parseaddr(str(msg["To"]))
    sent[addr] = msg
    if addr not in expected:
        problems.append(f"{f.name}: unexpected recipient {addr}"); continue
    want_name, want_subject, want_body = expected[addr]
    check(name == want_name, f"{addr}: To name {name!r}")
    check(str(msg["Subject"]) == want_subject, f"{addr}: subject {str(msg['Subject'])!r}")
    check(parseaddr(str(msg["From"]))[1] == "tilsyn@test.example", f"{addr}: From {msg['From']}")
    check(msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8",
          f"{addr}: content type {msg['Content-Type']}")
    check(str(parsedate_to_datetime(str(msg["Date"])).date()) == "2027-03-25", f"{addr}: Date {msg['Date']}")
    check(msg["Message-ID"].startswith("<remind-2027-03-25-"), f"{addr}: Message-ID {msg['Message-ID']}")
    check(msg["Auto-Submitted"] == "auto-generated", f"{addr}: Auto-Submitted missing")
    body = msg.get_content()
    for part in want_body:
        check(part in body, f"{addr}: body lacks {part!r}")
    for line in raw.split(b"\n"):
        check(len(line) <= 998, f"{addr}: a line longer than RFC 5322 allows")

box = mailbox.mbox(mbox_path)
keys = list(box.keys())
check(len(keys) == 2, f"mbox holds {len(keys)} messages, expected 2")
for key in keys:
    m = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
    addr = parseaddr(str(m["To"]))[1]
    if addr in sent:
        check(m.get_content() == sent[addr].get_content(), f"mbox body for {addr} differs from the sent one")
        check(str(m["Subject"]) == str(sent[addr]["Subject"]), f"mbox subject for {addr} differs")
    else:
        problems.append(f"mbox message to {addr} was not sent")
for p in problems: print("FAIL:", p)
sys.exit(1 if problems else 0)
PY

# A failing sendmail: exit 2 and an error naming the command and the recipient.
set +e
err=$(t --today 2027-03-25 remind --send --sendmail "exit 75" 2>&1 >/dev/null)
status=$?
set -e
[ "$status" = 2 ] || { echo "FAIL: failing sendmail exited $status, expected 2"; exit 1; }
case $err in
  *"sendmail command 'exit 75' for ahl@test.example: exit status 75"*) ;;
  *) echo "FAIL: failing sendmail message: $err"; exit 1 ;;
esac
echo "ok: 2 messages sent and parsed, mbox read back, silent case and failing sendmail checked"
