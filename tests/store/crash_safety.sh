#!/usr/bin/env bash
# Crash safety of `tilsyn import` (tests/store/crash_safety.sh TILSYN).
#
# A large import (CRASH_SUPERVISIONS supervisions with CRASH_FINDINGS findings, one entry each)
# is started CRASH_ITERATIONS times on a log that already holds committed entries, and SIGKILLed
# part-way. After every kill: PRAGMA integrity_check is ok; the log holds exactly what it held
# before or that plus the whole import, never a part; the entries committed before are
# untouched (`verify --head` with the head from before passes) and the chain verifies.
#
# Each iteration imports its own file (its rows are tagged with the iteration): all its
# supervisions are ad hoc except one, which fulfils the next still-open planned occurrence of
# bc-sygedagpenge, so a rolled-back import must leave that occurrence open for the next one,
# and a second import of the same occurrences would be refused.
#
# Where the kills land: two imports are first left to finish, watching /proc/PID/io, to learn
# how long the import reads and checks before it writes, and how many bytes a whole import
# writes (the WAL during the transaction, the checkpoint into the database after the commit).
# The kills are then spread evenly (with jitter) over the import: the first fifth by time over
# the reading phase, the rest by bytes written, from the first page written to the end of the
# checkpoint. Steering by bytes rather than time keeps the spread right on a loaded CI machine,
# where an import's duration varies 2x from run to run. The test fails unless at least one kill
# landed while rows were being written and was rolled back, and at least one was kept whole.
# Without /proc/PID/io (not Linux) the kills are spread by time over the measured duration.
#
# Measured on the 2-core CI machine, under load from other jobs (load average 4-7). Default
# (2,500 + 12,500 rows: 15,000 entries and 13 MB written per import, 0.9-1.3 s each): the
# whole test about 90 s, most of it `verify` checking the signatures of a log grown to 120,000
# entries; kills split about 2 before writing / 7 rolled back mid-write / 6 after the commit
# (the commit lands about halfway through the bytes; the checkpoint is the other half). The
# issue's size, CRASH_SUPERVISIONS=20000 CRASH_FINDINGS=100000 (120,000 entries per import)
# grows the log to 840,000 entries: too slow for CI.
set -euo pipefail
export LC_ALL=C  # $EPOCHREALTIME with a decimal point

tilsyn=${1:?usage: crash_safety.sh path/to/tilsyn}
n_sup=${CRASH_SUPERVISIONS:-2500}
n_fin=${CRASH_FINDINGS:-12500}
iterations=${CRASH_ITERATIONS:-15}
fixture="$(cd "$(dirname "${BASH_SOURCE[0]}")/../golden/fixtures/minimal" && pwd)"
sqlite=/usr/bin/sqlite3

work=$(mktemp -d)
child=
cleanup() {
    if [[ -n $child ]]; then kill -KILL "$child" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "crash_safety: FAIL: $*" >&2; exit 1; }
say() { echo "crash_safety: $*"; }
us() { echo "${EPOCHREALTIME/./}"; }  # microseconds
sec() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1e6 }'; }

cp -r "$fixture" "$work/rules"
db="$work/log.db"
# --today late enough that bc-sygedagpenge (red, monthly from 2026-10) has 27 occurrences.
today=2028-12-31
tl() { "$tilsyn" --rules "$work/rules" --db "$db" --today "$today" "$@"; }
q() { "$sqlite" -batch "$db" "$1"; }
count() { q 'SELECT count(*) FROM entry'; }
head_of() { sed -n 's/.*verified; head \([0-9a-f]\{64\}\)$/\1/p' <<<"$1"; }
per_import=$((n_sup + n_fin))

# gen TAG MONTH: the import files of one iteration. Row r0 fulfils bc-sygedagpenge's occurrence
# in month MONTH after 2026-09 (1 = October 2026); every other supervision is ad hoc.
gen() {
    /usr/bin/python3 - "$work" "$1" "$2" "$n_sup" "$n_fin" <<'PY'
import sys
work, tag, month, n_sup, n_fin = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
areas = ["bc-sygedagpenge", "bc-enkeltydelser", "bc-boligstoette"]
y, m = 2026 + (9 + month - 1) // 12, (9 + month - 1) % 12 + 1
with open(f"{work}/s-{tag}.csv", "w") as f:
    f.write("ref,area,date,cases,occurrence,errors_sagsbehandling,errors_statsrefusion,note\n")
    f.write(f"r0,bc-sygedagpenge,{y}-{m:02d}-15,25,,3,1,crash {tag} planlagt\n")
    for i in range(1, n_sup):
        f.write(f"r{i},{areas[i % 3]},2027-{1 + i % 12:02d}-{1 + i % 28:02d},{5 + i % 30},ad-hoc,"
                f"{i % 4},{i % 3},\"crash {tag} række {i}, ad hoc\"\n")
with open(f"{work}/f-{tag}.csv", "w") as f:
    f.write("supervision,case,axis,category,severity,amount,description\n")
    for j in range(n_fin):
        amount = f"\"{1 + j % 97}.{j % 1000:03d},{j % 100:02d}\"" if j % 2 else ""
        f.write(f"r{j % n_sup},crash-{tag}-{j},{'sagsbehandling' if j % 3 else 'statsrefusion'},"
                f"frist,{'mindre' if j % 5 else 'væsentlig'},{amount},Fund {j} i kørsel {tag}\n")
PY
}

have_io=false
[[ -r /proc/self/io ]] && have_io=true
mkfifo "$work/tick"
exec 9<>"$work/tick"

# run_import TAG MODE LIMIT: starts the import of TAG's files and SIGKILLs it when MODE is
# "time" and LIMIT microseconds have passed, or MODE is "bytes" and it has written LIMIT bytes
# (MODE "none": never). Sets rc (137 when killed), elapsed (us), written (bytes written at the
# end, "?" without /proc) and first_write (us until it had written a page; 0 if never seen).
run_import() {
    local tag=$1 mode=$2 limit=$3 start now key value
    # tilsyn itself in the background, not through tl: $! must be tilsyn's own pid (a function
    # would run in a subshell, and killing that would leave tilsyn running).
    "$tilsyn" --rules "$work/rules" --db "$db" --today "$today" \
        import --supervisions "$work/s-$tag.csv" --findings "$work/f-$tag.csv" \
        >"$work/import.out" 2>"$work/import.err" &
    child=$!
    start=$(us) written="?" first_write=0
    # The loop forks nothing (read -t on a FIFO is the sleep, /proc is read by a builtin): a
    # forking loop would take CPU from the import on a 2-core machine.
    while kill -0 "$child" 2>/dev/null; do
        now=${EPOCHREALTIME/./}
        if $have_io; then
            while read -r key value; do
                if [[ $key == wchar: ]]; then written=$value; fi
            done <"/proc/$child/io" 2>/dev/null || true
            if [[ $written != "?" ]] && ((first_write == 0 && written >= 4096)); then first_write=$((now - start)); fi
        fi
        if [[ $mode == time ]] && ((now - start >= limit)); then break; fi
        if [[ $mode == bytes && $written != "?" ]] && ((written >= limit)); then break; fi
        read -rt 0.003 -u 9 || true
    done
    [[ $mode == none ]] || kill -KILL "$child" 2>/dev/null || true
    rc=0
    wait "$child" 2>/dev/null || rc=$?  # 2>/dev/null: no "Killed" job notice
    child=
    elapsed=$(($(us) - start))
    [[ $rc == 0 || $rc == 137 ]] || fail "import $tag failed by itself (exit $rc): $(head -n 5 "$work/import.err")"
}

# --- committed entries, and the shape of an import -------------------------------------------
for i in 1 2 3; do
    tl record --area bc-enkeltydelser --date "2027-0$i-10" --cases 10 --ad-hoc --note "seed $i" >/dev/null
done
month=1 duration=0 reading=0 total_written=
for c in 1 2; do
    gen "calibration$c" "$month"
    run_import "calibration$c" none 0
    [[ $rc == 0 ]] || fail "calibration import $c failed"
    month=$((month + 1))
    ((elapsed > duration)) && duration=$elapsed
    ((first_write > reading)) && reading=$first_write
    if $have_io; then  # the last value seen, a little short of the whole: the smaller of the two
        [[ -z $total_written ]] || ((written < total_written)) && total_written=$written
    fi
done
out=$(tl verify) || fail "verify after the calibration imports: $out"
expected=$((4 + 2 * per_import))  # the key, 3 records, 2 imports
[[ $(count) == "$expected" ]] || fail "expected $expected entries after the calibration imports, found $(count)"
head=$(head_of "$out")
say "an import of $n_sup supervisions + $n_fin findings ($per_import entries) takes $(sec "$duration") s," \
    "$(sec "$reading") s of it before it writes, and writes ${total_written:-?} bytes; log: $expected entries"
if $have_io && ((reading == 0 || total_written < 65536)); then
    say "warning: /proc/PID/io did not show the import writing; spreading the kills by time"
    have_io=false
fi

t0=$(us)
for ((i = 1; i <= iterations; i++)); do gen "$i" 0; done  # row r0's month is set per iteration
say "generated $iterations import files in $(sec $(($(us) - t0))) s"

# --- kill, check, repeat -----------------------------------------------------------------------
before_writing=0 rolled_back=0 after_commit=0 finished=0
t0=$(us)
for ((i = 1; i <= iterations; i++)); do
    y=$((2026 + (9 + month - 1) / 12)) m=$(((9 + month - 1) % 12 + 1))
    sed -i "2s/^r0,bc-sygedagpenge,[0-9-]*,/r0,bc-sygedagpenge,$y-$(printf %02d $m)-15,/" "$work/s-$i.csv"
    before=$(count)
    # u: where in the import this kill aims, evenly spread over 0..1 with jitter.
    u=$(awk -v i="$i" -v n="$iterations" -v r="$RANDOM" 'BEGIN { printf "%.4f", (i - 1 + r / 32768) / n }')
    if ! $have_io; then
        mode=time limit=$(awk -v u="$u" -v d="$duration" 'BEGIN { printf "%d", u * 1.2 * d }')
        aim="after $(sec "$limit") s"
    elif awk -v u="$u" 'BEGIN { exit !(u < 0.2) }'; then
        mode=time limit=$(awk -v u="$u" -v d="$reading" 'BEGIN { printf "%d", u / 0.2 * d }')
        aim="after $(sec "$limit") s"
    else
        mode=bytes limit=$(awk -v u="$u" -v w="$total_written" 'BEGIN { printf "%d", 4096 + (u - 0.2) / 0.8 * (w - 4096) }')
        aim="after $limit bytes"
    fi
    run_import "$i" "$mode" "$limit"

    # Alternate who opens the killed database first (and so recovers its WAL): tilsyn or sqlite3.
    if ((i % 2)); then
        out=$(tl verify --head "$head") || fail "iteration $i: verify --head (the head from before) failed: $out"
    fi
    integrity=$(q 'PRAGMA integrity_check')
    [[ $integrity == ok ]] || fail "iteration $i: PRAGMA integrity_check: $integrity"
    after=$(count)
    if ((i % 2 == 0)); then
        out=$(tl verify --head "$head") || fail "iteration $i: verify --head (the head from before) failed: $out"
    fi
    new_head=$(head_of "$out")
    [[ $out == "$after entries verified; head $new_head"$'\n'"signed by key "*": entries 1-$after"$'\n'* ]] ||
        fail "iteration $i: verify: $out"
    tagged=$(q "SELECT (SELECT count(*) FROM supervision WHERE note LIKE 'crash $i %') || ' ' ||
                       (SELECT count(*) FROM finding WHERE case_ref LIKE 'crash-$i-%')")
    if ((after == before)); then
        [[ $rc == 137 ]] || fail "iteration $i: the import ended well, but nothing is in the log"
        [[ $new_head == "$head" && $tagged == "0 0" ]] ||
            fail "iteration $i: nothing imported, yet the log changed (head $head -> $new_head; rows of this import: $tagged)"
        if [[ $written != "?" ]] && ((written >= 4096)); then
            outcome="killed while writing, rolled back"
            rolled_back=$((rolled_back + 1))
        else
            outcome="killed before writing, nothing imported"
            before_writing=$((before_writing + 1))
        fi
    elif ((after == before + per_import)); then
        [[ $tagged == "$n_sup $n_fin" ]] || fail "iteration $i: $per_import entries were added, but not this import's ($tagged)"
        [[ $(q "SELECT count(*) FROM supervision WHERE note = 'crash $i planlagt' AND occurrence IS NOT NULL") == 1 ]] ||
            fail "iteration $i: the planned supervision is not stored as fulfilling its occurrence"
        [[ $(q "SELECT count(*) FROM entry WHERE imported = 1 AND seq > $before") == "$per_import" ]] ||
            fail "iteration $i: the imported entries are not all marked as imported"
        if ((rc == 137)); then
            outcome="killed after the commit, all imported"
            after_commit=$((after_commit + 1))
        else
            outcome="finished before the kill, all imported"
            finished=$((finished + 1))
        fi
        month=$((month + 1))
    else
        fail "iteration $i: $before entries before, $after after: neither nothing nor the whole import (+$per_import)"
    fi
    head=$new_head
    say "$(printf '%2d' "$i"): kill $aim: at $(sec "$elapsed") s, $written bytes written: $outcome;" \
        "$after entries, integrity ok, verify ok"
done

say "$iterations kills in $(sec $(($(us) - t0))) s: $before_writing before writing," \
    "$rolled_back rolled back mid-write, $after_commit killed after the commit, $finished finished first"
nothing=$((before_writing + rolled_back)) whole=$((after_commit + finished))
say "outcomes: nothing imported $nothing, fully imported $whole, partly imported 0"
if $have_io; then
    ((rolled_back > 0)) || fail "no kill landed while the import was writing"
else
    ((nothing > 0)) || fail "no kill left the log as it was; the test proved nothing"
fi
((whole > 0)) || fail "no import was kept whole; the test proved nothing"

# One more import, left to finish, on the database after all those kills.
gen final "$month"
tl import --supervisions "$work/s-final.csv" --findings "$work/f-final.csv" >/dev/null ||
    fail "an import after the kills failed"
out=$(tl verify --head "$head") || fail "final verify: $out"
[[ $(q 'PRAGMA integrity_check') == ok ]] || fail "final integrity_check"
say "a final import after the kills works: $out"
say "ok"
