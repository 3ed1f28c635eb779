#!/usr/bin/env bash
# contrib/check-layers on a made-up tree: it must pass a good one and name every kind of
# problem in a bad one (an upward include, an include cycle, a file outside the layers).
set -euo pipefail
check=$(cd "$(dirname "$0")/../.." && pwd)/contrib/check-layers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/src/base" "$work/src/plan/export" "$work/src/log"
printf '#pragma once\n' > "$work/src/base/dates.h"
printf '#include "base/dates.h"\n' > "$work/src/plan/plan.h"
printf '#include "plan/plan.h"\n' > "$work/src/plan/export/ics.cpp"
printf '#include "plan/plan.h"\n#include "base/dates.h"\n' > "$work/src/log/store.cpp"
printf 'int main() {}\n' > "$work/src/main.cpp"
"$check" "$work/src" > "$work/out" || fail "a good tree was refused: $(cat "$work/out")"

printf '#include "log/store.h"\n' >> "$work/src/plan/plan.h"
printf '#pragma once\n#include "plan/plan.h"\n' > "$work/src/log/store.h"
printf '#include "plan/export/ics.h"\n' > "$work/src/plan/plan.cpp"
printf '#pragma once\n' > "$work/src/plan/export/ics.h"
printf '#include "base/b.h"\n' > "$work/src/base/a.h"
printf '#include "base/a.h"\n' > "$work/src/base/b.h"
printf 'int stray;\n' > "$work/src/stray.cpp"
if "$check" "$work/src" > "$work/out" 2>&1; then fail "a bad tree passed"; fi
grep -q 'plan/plan.h:2: plan includes "log/store.h" of log, a layer above it' "$work/out" || fail "upward include: $(cat "$work/out")"
grep -q 'plan/plan.cpp:1: plan includes "plan/export/ics.h" of plan/export, a layer above it' "$work/out" || fail "sub-layer: $(cat "$work/out")"
grep -q 'include cycle: base/a -> base/b -> base/a' "$work/out" || fail "cycle: $(cat "$work/out")"
grep -q 'stray.cpp:1: not in a layer folder' "$work/out" || fail "stray file: $(cat "$work/out")"
echo "check-layers self test: ok"
