#!/usr/bin/env bash
# When standard output cannot be written (here: a full device), tilsyn must say so and exit 2
# instead of ending silently with a truncated plan.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
err=$("$1" --rules "$root/rules" plan --year 2027 --format ics 2>&1 >/dev/full)
status=$?
if [ "$status" -ne 2 ] || [ "$err" != "tilsyn: error: cannot write to standard output" ]; then
  echo "expected exit 2 and the standard-output error, got exit $status and: $err"
  exit 1
fi
echo "stdout failure: exit 2 with a clear message"
