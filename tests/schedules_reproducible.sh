#!/usr/bin/env bash
# Regenerates the example plan into a temporary directory and compares it byte for byte with
# what is committed under schedules/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
QUIET=1 "$root/schedules/regenerate" "$1" "$tmp"
status=0
for f in "$tmp"/*; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$root/schedules/$name"; then
    echo "schedules/$name differs from a fresh regeneration:"
    diff <(tr -d '\r' < "$root/schedules/$name") <(tr -d '\r' < "$f") | head -20 || true
    status=1
  fi
done
[ $status -eq 0 ] && echo "schedules: $(ls "$tmp" | wc -l) files reproduced byte for byte"
exit $status
