#!/usr/bin/env bash
# Leveling benchmark (issue 5): how close `tilsyn workload`'s month leveling comes to the optimum.
#   (a) Small and medium random registers (bench/gen_register.py, one center: 5 to 400 areas per
#       leader, counted in supervisions or in hours, with per-area hours, other cadences and
#       blacked-out months, no re-assessment inside the year), ROUNDS rounds (default 1) of different seeds. Each leader's month
#       problem is written with `tilsyn workload --center C --leader L --lp` and solved by GLPK
#       (`glpsol --tmlim TMLIM`, default 60 s). The objective is a sum of independent per-leader
#       peaks, so an instance's optimum is the sum of its leaders' optima, and one by one GLPK
#       proves far more of them than the whole file at once. Printed per instance: the leaders
#       GLPK proved optimal, its time (sum and slowest leader), the sum of its optima, ours (the
#       sum of our peak months in minutes), how many proved leaders we match, and whether GLPK's
#       LP relaxation of the whole file (--nomip) is the sum of our lp_bound (to the JSON's
#       rounding, 0.8 minutes per leader).
#   (b) AREAS areas (default 10,000) in 20 centers of 10 leaders, with hours per colour, a fifth
#       of the areas with their own hours and a fifth with another cadence: `tilsyn workload`
#       timed by hyperfine (RUNS runs, default 10, after 2 warm-ups; median) beside --no-level,
#       the gap between the leveled peaks and the LP bounds, overall (sum of peaks against sum
#       of bounds) and for the worst leader, and GLPK on the leaders of the first BIG_CENTERS
#       centers (default 1) as in (a).
# Needs glpsol (apt-get install glpk-utils) and hyperfine. Build a release binary first:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build build-rel -j2
#   bench/workload_bench.sh build-rel/src/tilsyn
# ONLY=a or ONLY=b runs one part; SIZES="5 20" sets the areas per leader of part (a).
set -euo pipefail
binary=$(realpath "${1:?usage: bench/workload_bench.sh TILSYN_BINARY}")
tmlim=${TMLIM:-60}
runs=${RUNS:-10}
rounds=${ROUNDS:-1}
areas=${AREAS:-10000}
big_centers=${BIG_CENTERS:-1}
only=${ONLY:-}
sizes=${SIZES:-5 10 20 40 80 150 250 400}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in glpsol hyperfine; do
  command -v $tool > /dev/null || { echo "workload_bench.sh: needs $tool" >&2; exit 2; }
done
figures() { python3 "$here/workload_figures.py" "$@"; }
now() { date +%s.%N; }

# Solves, one by one, the leaders of the rules in $1 whose workload JSON is $2 (only centers
# matching $3, a regular expression); sets proved, matched, optimum, ours, glpk_time, glpk_max, n,
# and, for the leaders GLPK did not prove, how our peak compares with its best solution:
# below, same, above (the totals over all calls too).
below_total=0 same_total=0 above_total=0
solve_leaders() {
  local rules=$1 json=$2 centers=$3 center leader peak lp status objective start seconds
  proved=0 matched=0 optimum=0 ours=0 glpk_time=0 glpk_max=0 n=0 below=0 same=0 above=0
  while read -r _ center leader peak lp; do
    [[ $center =~ $centers ]] || continue
    n=$((n + 1)); ours=$((ours + peak))
    "$binary" --rules "$rules" --today 2026-12-01 workload --year 2027 --center "$center" \
      --leader "$leader" --format json --lp "$work/leader.lp" > /dev/null
    start=$(now)
    timeout $((tmlim + 60)) glpsol --lp "$work/leader.lp" --tmlim "$tmlim" -o "$work/leader.txt" > /dev/null || true
    seconds=$(echo "$(now) - $start" | bc)
    glpk_time=$(echo "$glpk_time + $seconds" | bc)
    glpk_max=$(echo "if ($seconds > $glpk_max) $seconds else $glpk_max" | bc)
    read -r status objective < <(figures glpk "$work/leader.txt")
    if [[ $status == INTEGER_OPTIMAL ]]; then
      proved=$((proved + 1)); optimum=$((optimum + objective))
      if [[ $objective == "$peak" ]]; then matched=$((matched + 1)); fi
    elif [[ $objective != - ]]; then
      if ((peak < objective)); then below=$((below + 1)); elif ((peak == objective)); then same=$((same + 1)); else above=$((above + 1)); fi
    fi
  done < <(figures peaks "$json")
  below_total=$((below_total + below)) same_total=$((same_total + same)) above_total=$((above_total + above))
}

# name, areas per leader, leaders, seed, then gen_register.py's options.
instances() {
  local seed
  for round in $(seq "$rounds"); do
    seed=$((100 * (round - 1)))
    for apl in $sizes; do
      seed=$((seed + 1))
      echo "counts-$apl-$seed      $apl 2 $seed"
      echo "hours-$apl-$seed       $apl 2 $seed --hours"
      echo "own-hours-$apl-$seed   $apl 2 $seed --hours --hour-overrides 0.3"
      echo "cadences-$apl-$seed    $apl 2 $seed --hours --hour-overrides 0.3 --cadence-overrides 0.3"
      echo "blackout-$apl-$seed    $apl 2 $seed --hours --hour-overrides 0.3 --cadence-overrides 0.3 --blackout-month 5"
      echo "mixed-$apl-$seed       $apl 3 $seed --hours 1.5,1,0.5 --cadence-overrides 0.5 --blackout-month 2 --blackout-month 8"
    done
  done
}

if [[ $only != b ]]; then
  echo "(a) GLPK $(glpsol --version | head -1 | awk '{ print $NF }'), --tmlim $tmlim per leader; minutes;" \
       "load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs"
  printf '%-22s %6s %7s %8s %9s %9s %9s %7s %6s %s\n' instance areas leaders optimal "glpk s" "glpk max" \
    optimum ours match "lp=sum(lp_bound)"
  total_leaders=0 total_proved=0 total_matched=0 total_instances=0 total_equal=0
  while read -r name apl leaders seed opts; do
    dir=$work/$name
    # No re-assessment inside the year: the year is then the one problem --lp writes (after a
    # dated change, leveling keeps the days already planned; docs/rules.md).
    # shellcheck disable=SC2086  # opts is a list of options
    python3 "$here/gen_register.py" --areas $((apl * leaders)) --centers 1 --leaders "$leaders" --no-reassessments \
      --seed "$seed" --out "$dir/rules" $opts
    "$binary" --rules "$dir/rules" --today 2026-12-01 workload --year 2027 --format json \
      -o "$dir/w.json" --lp "$dir/all.lp"
    glpsol --lp "$dir/all.lp" --nomip -o "$dir/relax.txt" > /dev/null
    read -r _ relax < <(figures glpk "$dir/relax.txt")
    lp_sum=$(figures peaks "$dir/w.json" | awk '{ s += $5 } END { print s }')
    solve_leaders "$dir/rules" "$dir/w.json" .
    lp_ok=$(echo "d = $relax - $lp_sum; if (d < 0) d = -d; d <= 0.8 * $n" | bc)
    [[ $lp_ok == 1 ]] && lp_ok="yes ($relax)" || lp_ok="NO ($relax against $lp_sum)"
    [[ $proved == "$n" ]] || optimum="-"
    printf '%-22s %6d %7d %8s %9.1f %9.1f %9s %7d %6s %s\n' "$name" "$((apl * leaders))" "$n" "$proved/$n" \
      "$glpk_time" "$glpk_max" "$optimum" "$ours" "$matched/$proved" "$lp_ok"
    total_instances=$((total_instances + 1)); total_leaders=$((total_leaders + n))
    total_proved=$((total_proved + proved)); total_matched=$((total_matched + matched))
    if [[ $proved == "$n" && $matched == "$n" ]]; then total_equal=$((total_equal + 1)); fi
  done < <(instances)
  echo "leaders: $total_proved of $total_leaders proved optimal by GLPK within ${tmlim} s; ours equal on $total_matched of them"
  echo "  the others, ours against GLPK's best solution: $below_total below, $same_total the same, $above_total above"
  echo "instances: $total_equal of $total_instances with every leader proved and matched"
fi

if [[ $only != a ]]; then
  rules=$work/big
  python3 "$here/gen_register.py" --areas "$areas" --centers 20 --hours --hour-overrides 0.2 \
    --cadence-overrides 0.2 --out "$rules"
  t=("$binary" --rules "$rules" --today 2026-12-01 workload --year 2027 --format json)
  "${t[@]}" -o "$work/big.json"
  read -r n peaks lps overall worst < <(figures gap "$work/big.json")
  echo "(b) $areas areas, $n leaders; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs"
  hyperfine --style none --warmup 2 --runs "$runs" --export-json "$work/h.json" \
    -n leveled "${t[*]}" -n no-level "${t[*]} --no-level" > /dev/null
  python3 - "$work/h.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"  workload --format json ({r['command']}): median {r['median'] * 1000:.0f} ms, "
          f"min {r['min'] * 1000:.0f}, max {r['max'] * 1000:.0f} ({len(r['times'])} runs)")
EOF
  echo "  sum of peak months $peaks min, sum of LP bounds $lps min: overall gap $overall %, worst leader $worst %"
  centers=$(printf 'c%03d|' $(seq 0 $((big_centers - 1))))
  solve_leaders "$rules" "$work/big.json" "^(${centers%|})$"
  echo "  GLPK on the $n leaders of the first $big_centers centers (--tmlim $tmlim): $proved proved optimal" \
       "in $(printf '%.0f' "$glpk_time") s (slowest $(printf '%.1f' "$glpk_max") s); ours equal on $matched of them;" \
       "the others, ours against GLPK's best solution: $below below, $same the same, $above above"
fi
