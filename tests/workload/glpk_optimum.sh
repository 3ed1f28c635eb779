#!/usr/bin/env bash
# Leveling against GLPK: on small random registers (bench/gen_register.py, hours per colour and
# per area, other cadences, blacked-out months), each leader's month problem as
# `tilsyn workload --lp` writes it is solved by glpsol, which must prove its optimum, and the
# leader's peak month in `tilsyn workload --format json` must be that optimum. GLPK's LP
# relaxation of the whole file must also be the sum of the leaders' lp_bound. The instances
# are ones GLPK proves in well under a second; the whole test takes about 10 s. The registers
# have no re-assessment inside the year: after a dated change, supervisions already planned
# keep their days (docs/rules.md, "When the plan changes"), so the year is no longer the one
# problem `--lp` writes.
# Usage: glpk_optimum.sh TILSYN_BINARY
set -euo pipefail
tilsyn=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
bench=$here/../../bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v glpsol > /dev/null || fail "glpsol not found (apt-get install glpk-utils)"
figures() { python3 "$bench/workload_figures.py" "$@"; }

checked=0
# areas, leaders, seed, then gen_register.py's options
while read -r areas leaders seed opts; do
  name="$areas areas, $leaders leaders, seed $seed, $opts"
  dir=$work/$checked; mkdir -p "$dir"
  # shellcheck disable=SC2086  # opts is a list of options
  python3 "$bench/gen_register.py" --areas "$areas" --centers 1 --leaders "$leaders" --seed "$seed" \
    --out "$dir/rules" --no-reassessments $opts
  t=("$tilsyn" --rules "$dir/rules" --today 2026-12-01 workload --year 2027)
  "${t[@]}" --format json --lp "$dir/all.lp" > "$dir/w.json"
  glpsol --lp "$dir/all.lp" --nomip -o "$dir/relax.txt" > /dev/null
  read -r status relax < <(figures glpk "$dir/relax.txt")
  [[ $status == OPTIMAL ]] || fail "$name: the LP relaxation: GLPK says $status"
  lp_sum=0 n=0
  while read -r _ center leader peak lp; do
    n=$((n + 1)); lp_sum=$(echo "$lp_sum + $lp" | bc)
    "${t[@]}" --center "$center" --leader "$leader" --format json --lp "$dir/$leader.lp" > /dev/null
    glpsol --lp "$dir/$leader.lp" --tmlim 20 -o "$dir/$leader.txt" > /dev/null
    read -r status optimum < <(figures glpk "$dir/$leader.txt")
    [[ $status == INTEGER_OPTIMAL ]] || fail "$name, $leader: GLPK did not prove an optimum ($status)"
    [[ $peak == "$optimum" ]] || fail "$name, $leader: peak month $peak minutes, GLPK's optimum $optimum"
    checked=$((checked + 1))
  done < <(figures peaks "$dir/w.json")
  # lp_bound is rounded to two decimals of an hour in the JSON: 0.8 minutes per leader.
  [[ $(echo "d = $relax - $lp_sum; if (d < 0) d = -d; d <= 0.8 * $n" | bc) == 1 ]] ||
    fail "$name: GLPK's LP relaxation $relax minutes, the sum of lp_bound $lp_sum"
done <<'LIST'
15 3 1 --hours 1.5,1,0.5 --cadence-overrides 0.5 --blackout-month 2 --blackout-month 8
20 2 2 --hours --hour-overrides 0.3
20 2 2 --hours --hour-overrides 0.3 --cadence-overrides 0.3
20 2 2 --hours --hour-overrides 0.3 --cadence-overrides 0.3 --blackout-month 5
30 3 2 --hours 1.5,1,0.5 --cadence-overrides 0.5 --blackout-month 2 --blackout-month 8
40 2 3
40 2 3 --hours --hour-overrides 0.3
60 3 4 --hours 1.5,1,0.5 --cadence-overrides 0.5 --blackout-month 2 --blackout-month 8
LIST
echo "ok: $checked leaders at GLPK's optimum"
