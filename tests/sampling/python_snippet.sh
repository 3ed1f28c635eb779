#!/bin/bash
# The drawing is reproducible with standard tools: the Python lines printed in docs/sampling.md,
# run by the system's Python, draw exactly the cases `tilsyn sample` draws (for several lists,
# seeds and sizes, the whole list included). The snippet is taken from the document itself, so
# the documentation cannot drift from the code.
set -euo pipefail
tilsyn=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk '/<!-- snippet: draw.py -->/ {found = 1; next} found && /^```python/ {inside = 1; next}
     inside && /^```/ {exit} inside {print}' "$root/docs/sampling.md" > "$work/draw.py"
[ "$(wc -l < "$work/draw.py")" -eq 3 ] || { echo "FAIL: the snippet in docs/sampling.md is not 3 lines"; cat "$work/draw.py"; exit 1; }

fixtures="$root/tests/golden/fixtures"
# One-column lists, as the snippet reads them (the 40-case list has a second column: cut it).
cut -d';' -f1 "$fixtures/sampling/cases-40.csv" > "$work/cases-40.csv"
cp "$fixtures/sampling/cases-120.csv" "$fixtures/sampling/cases-40-shuffled.csv" "$work/"
printf 'sagsnummer\r\n2027-000001\r\n  2027-000002  \r\n\r\n2027-æøå-3\r\n' > "$work/crlf.csv"

fail=0
check() {  # list seed size
    local list=$1 seed=$2 size=$3
    "$tilsyn" sample bc-sygedagpenge --rules "$fixtures/minimal" --today 2027-03-15 --cases "$list" \
        --seed "$seed" --size "$size" --format csv | tail -n +2 | cut -d, -f2 | tr -d '\r' > "$work/tilsyn.out"
    /usr/bin/python3 "$work/draw.py" "$seed" "$size" "$list" > "$work/python.out"
    if cmp -s "$work/tilsyn.out" "$work/python.out"; then
        echo "ok    $(basename "$list"), seed '$seed', $size cases"
    else
        echo "FAIL  $(basename "$list"), seed '$seed', $size cases"
        diff "$work/tilsyn.out" "$work/python.out" || true
        fail=1
    fi
}
check "$work/cases-40.csv" "bc-sygedagpenge/2027-M03" 15
check "$work/cases-40-shuffled.csv" "bc-sygedagpenge/2027-M03" 15
check "$work/cases-40.csv" "revision 2027 – æøå" 40
check "$work/cases-120.csv" "jc-sygedagpenge/2027-Q1" 53
check "$work/crlf.csv" "x" 3
exit $fail
