#!/usr/bin/env bash
# Runs tests/snapshot/outputs.sh with two tilsyn binaries and shows every difference between
# what they print and write. Exit 0 when the outputs are the same byte for byte.
#   usage: tests/snapshot/compare.sh OLD_BINARY NEW_BINARY [KEEP_DIR]
set -euo pipefail
old=${1:?usage: compare.sh OLD_BINARY NEW_BINARY [KEEP_DIR]}
new=${2:?usage: compare.sh OLD_BINARY NEW_BINARY [KEEP_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
dir=${3:-$(mktemp -d)}
"$here/outputs.sh" "$old" "$dir/old"
"$here/outputs.sh" "$new" "$dir/new"
if diff -r "$dir/old" "$dir/new" > "$dir/diff.txt"; then
  echo "compare.sh: the same outputs"
else
  cat "$dir/diff.txt"
  echo "compare.sh: the outputs differ ($dir/diff.txt)" >&2
  exit 1
fi
