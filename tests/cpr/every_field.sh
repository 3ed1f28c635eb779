#!/usr/bin/env bash
# The CPR corpus against every field: every variant of tests/cpr/variants.txt, alone and inside
# a sentence ("Borger <variant> ringede"), is offered to every free-text field of every command
# and of the rules, one field at a time, and must be refused: exit 2, a message that names the
# field (the flag; file:line:col and the key; the CSV file, row and column) and does not repeat
# the number (none of its ten digits in sequence on either output stream, ASCII and Unicode
# digits alike), and nothing stored (`tilsyn verify` prints the same count and head and the key
# file is unchanged; for a register or policy text, both `validate` and `plan` refuse). Every
# trap of tests/cpr/traps.txt, alone and in the sentence, must be accepted and then be found in
# the log as it was given.
#
# The fields (tests/cpr/every_field.py lists them with their templates):
#   flags        record --note; record --sample --seed; sample --seed; rerate --accept --reason;
#                rerate --set --reason, --by and $TILSYN_USER; correct --reason;
#                rotate-key --reason
#   record file  note; findings' case, category, description; actions' text, owner;
#                [sample] seed; and every other string of the file (area, leader, occurrence,
#                axis, severity, amount, [sample] cases_file)
#   import CSV   supervisions' note; findings' case, category, description; actions' text, owner
#   case list    a case number, another column and the header (sample and record --sample)
#   register     center name, leader name, area name, focus, assessment reason, the reasons of
#                a colour and a cadence override; and every other string (ids, e-mail, kind,
#                leader, override values)
#   policy       a closing day's name, the calendar's name; and every other string (rating and
#                sampling method, cadence, uid_domain, reminder time, reminders' from and
#                sendmail, blackout periods)
# Every field is first tried with its ordinary value, which must be accepted (so that a refusal
# is the variant's doing). The traps go through record --note, correct --reason, a record file
# and an import (note, case, category, description, action text and owner at once),
# rerate --set --reason --by, rotate-key --reason, the case list and --seed of sample and
# record --sample, and the rules (every register text, a closing day's name, calendar_name).
#
# Every variant is offered to every field (no sampling): 60 fields x 47 variants x 2 = 5,640
# refusals, each followed by `verify` (or `validate` and `plan`), and 88 trap cases through 11
# commands each: some 12,000 runs of tilsyn in about 95 s with 3 workers on 2 cores. One log per
# worker is reused for all refusals (a refusal must leave its head unchanged; a stored entry is
# reported and the log put back). `--every 3` offers every third variant only, `--jobs N` sets
# the workers (default 3, or $CPR_JOBS), `--only TEXT` the fields whose name contains TEXT.
# `--identifiers` also offers the variants to the flags and CSV columns that are not text (area,
# leader, date, counts, axis, severity, amount, due, a supervision's ref, the closing days'
# keys): refused there anyway, they are checked not to store and not to repeat the number.
#
# usage: every_field.sh TILSYN [--every N] [--jobs N] [--only TEXT] [--identifiers] [--keep]
# Prints every failure (field, variant as written in the corpus, what went wrong) and a summary;
# exits 1 on any failure.
set -u
if [ $# -lt 1 ]; then
  echo "usage: $0 TILSYN [--every N] [--jobs N] [--only TEXT] [--identifiers] [--keep]" >&2
  exit 2
fi
tilsyn=$(realpath "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
exec "$python" "$here/every_field.py" "$tilsyn" "$@"
