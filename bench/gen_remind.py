#!/usr/bin/env python3
"""Writes the input of the reminder benchmark: a rules directory and a findings log whose
supervisions fulfil the plan's real occurrences, so that what the log fulfils matters.

    bench/gen_remind.py --tilsyn build-rel/src/tilsyn --out /tmp/remind-20k \\
        [--areas 20000] [--centers 20] [--findings 1000000] [--today 2027-06-15] [--done 0.99] \\
        [--current 0.4] [--seed 1]

The rules are bench/gen_register.py's (AREAS areas in CENTERS center files, first assessments dated
2026-10-15, so the plans of 2026 and 2027 both have occurrences to remind of). The occurrences
come from `tilsyn plan --format csv` for 2026 and 2027 itself, only those assessed by the end
of their period (the ones `remind` asks about):

  * due before TODAY: recorded with probability DONE (the rest are the overdue ones);
  * begun but not yet due (this month, quarter, half year): recorded with probability CURRENT;
  * not begun: not recorded.

Each recorded supervision names its occurrence and is performed in its period (from the first
assessment on, before TODAY); one in ten is done late, up to 15 days after the due date. The
FINDINGS findings are spread at random over the supervisions (texts and amounts as in
bench/gen_findings.py). Everything is written to OUT/supervisions.csv and OUT/findings.csv and
imported once with `tilsyn import --today TODAY` into OUT/remind.db. Prints what it made.
"""
import argparse
import csv
import datetime
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_findings import CATEGORIES, DESCRIPTIONS, NOTES, amount  # noqa: E402

FIRST = datetime.date(2026, 10, 15)  # the areas' first assessment (gen_register.py)
YEARS = (2026, 2027)


def day(text):
    return datetime.date.fromisoformat(text)


def occurrences(binary, rules, out, today, years=YEARS, first=FIRST):
    """(area, occurrence code, period start, period end, due) of every occurrence of YEARS
    assessed by the end of its period (FIRST: the areas' first assessment)."""
    result = []
    for year in years:
        path = os.path.join(out, f"plan-{year}.csv")
        subprocess.run([binary, "--rules", rules, "--today", today.isoformat(), "plan", "--year", str(year),
                        "--format", "csv", "-o", path], check=True)
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                area = row["area_id"]
                # uid = "<area>-<period code>@<domain>"
                code = row["uid"][len(area) + 1:row["uid"].index("@")]
                start, end, due = day(row["period_start"]), day(row["period_end"]), day(row["due_date"])
                if end >= first:
                    result.append((area, code, start, end, due))
        os.remove(path)
    return result


def choose(occs, rnd, today, done, current_share, first=FIRST):
    """The supervisions recorded, as (performed, area, code) sorted by date, and counts of the
    occurrences due before TODAY, those of them left open, and those begun and not yet due."""
    last = today - datetime.timedelta(days=1)
    chosen = []
    overdue = due_before = current = 0
    for area, code, start, end, due in occs:
        if due < today:
            due_before += 1
            if rnd.random() >= done:
                overdue += 1
                continue
        elif start < today:
            current += 1
            if rnd.random() >= current_share:
                continue
        else:
            continue
        lo = max(start, first)
        hi = min(end, last)
        if rnd.random() < 0.1:  # late
            hi = min(due + datetime.timedelta(days=15), last)
        # Done late into the next year is allowed (an earlier period), two years late is not.
        hi = min(hi, datetime.date(start.year + 1, 12, 31))
        performed = lo + datetime.timedelta(days=rnd.randrange((hi - lo).days + 1))
        chosen.append((performed, area, code))
    chosen.sort()
    return chosen, due_before, overdue, current


def write_csv(chosen, findings, rnd, out):
    """OUT/supervisions.csv and OUT/findings.csv: the chosen supervisions and FINDINGS findings
    spread at random over them; returns both paths."""
    counts = [0] * len(chosen)
    for _ in range(findings):
        counts[rnd.randrange(len(chosen))] += 1

    sup_path = os.path.join(out, "supervisions.csv")
    fin_path = os.path.join(out, "findings.csv")
    with open(sup_path, "w", encoding="utf-8", newline="") as sf, \
         open(fin_path, "w", encoding="utf-8", newline="") as ff:
        sw = csv.writer(sf, lineterminator="\n")
        fw = csv.writer(ff, lineterminator="\n")
        sw.writerow(["ref", "area", "date", "cases", "occurrence", "errors_sagsbehandling",
                     "errors_statsrefusion", "note"])
        fw.writerow(["supervision", "case", "axis", "category", "severity", "amount", "description"])
        for s, (performed, area, code) in enumerate(chosen):
            ref = f"R{s:07d}"
            cases = rnd.randrange(max(counts[s], 5), 40)
            sw.writerow([ref, area, performed.isoformat(), cases, code, rnd.randrange(cases // 2 + 1),
                         rnd.randrange(cases // 3 + 1), rnd.choice(NOTES)])
            for _ in range(counts[s]):
                axis = "statsrefusion" if rnd.random() < 0.4 else "sagsbehandling"
                fw.writerow([ref, f"SAG-{performed.year}-{rnd.randrange(10**7):07d}", axis, rnd.choice(CATEGORIES),
                             "væsentlig" if rnd.random() < 0.3 else "mindre", amount(rnd),
                             rnd.choice(DESCRIPTIONS)])
    return sup_path, fin_path


def import_log(binary, rules, db, today, sup_path, fin_path):
    """A fresh log DB with both files imported by `tilsyn import`; returns the seconds it took."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    started = time.monotonic()
    subprocess.run([binary, "--rules", rules, "--db", db, "--today", today.isoformat(), "import",
                    "--supervisions", sup_path, "--findings", fin_path], check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tilsyn", required=True, help="the binary that plans and imports")
    ap.add_argument("--out", required=True)
    ap.add_argument("--areas", type=int, default=20_000)
    ap.add_argument("--centers", type=int, default=20)
    ap.add_argument("--findings", type=int, default=1_000_000)
    ap.add_argument("--today", default="2027-06-15")
    ap.add_argument("--done", type=float, default=0.99, help="share of the occurrences due before today recorded")
    ap.add_argument("--current", type=float, default=0.4, help="share of the begun, not yet due ones recorded")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    binary = os.path.realpath(args.tilsyn)
    today = day(args.today)
    rnd = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    rules = os.path.join(args.out, "rules")
    subprocess.run([sys.executable, os.path.join(here, "gen_register.py"), "--areas", str(args.areas),
                    "--centers", str(args.centers), "--out", rules, "--seed", str(args.seed)], check=True)

    occs = occurrences(binary, rules, args.out, today)
    chosen, due_before, overdue, current = choose(occs, rnd, today, args.done, args.current)
    sup_path, fin_path = write_csv(chosen, args.findings, rnd, args.out)
    print(f"occurrences assessed in {YEARS[0]}-{YEARS[-1]}: {len(occs)}; due before {today}: {due_before}, "
          f"{overdue} left open (overdue); begun, not yet due: {current}")
    print(f"supervisions: {len(chosen)}; findings: {args.findings}")
    seconds = import_log(binary, rules, os.path.join(args.out, "remind.db"), today, sup_path, fin_path)
    print(f"import: {seconds:.1f} s")


if __name__ == "__main__":
    main()
