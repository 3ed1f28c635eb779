#!/usr/bin/env python3
"""Figures for bench/workload_bench.sh, read from `tilsyn workload --format json` and glpsol.

    workload_figures.py peaks W.JSON        one line per leader: id, peak and LP bound in minutes
    workload_figures.py glpk OUT.TXT        glpsol's status and objective ("INTEGER_OPTIMAL 2370")
    workload_figures.py gap W.JSON          sum of peaks, sum of LP bounds, overall and worst gap

Loads are taken from the months, not from peak_month_load: the months carry exact hours (two
decimals of whole minutes) or counts, and the peak in minutes is what the LP file minimises. A
policy without hours levels supervisions as 60 minutes each (WorkloadRules::minutes_of).
"""
import json
import sys


def leaders(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    hours = doc["unit"] == "hours"
    for row in doc["leaders"]:
        if hours:
            peak = max(round(m["hours"] * 60) for m in row["months"])
        else:
            peak = max(m["supervisions"] * 60 for m in row["months"])
        # lp_bound is in the document's unit, rounded to two decimals: good to 0.8 minutes.
        yield row["center_id"] + "/" + row["leader_id"], row["leader_id"], row["center_id"], peak, row["lp_bound"] * 60


def glpk(path):
    status, objective = "NO_OUTPUT", None
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("Status:"):
                    status = "_".join(line.split()[1:])
                elif line.startswith("Objective:"):
                    objective = float(line.split("=")[1].split()[0])
    except FileNotFoundError:
        pass
    return status, objective


def main():
    what, path = sys.argv[1], sys.argv[2]
    if what == "peaks":
        for key, leader, center, peak, lp in leaders(path):
            print(key, center, leader, peak, f"{lp:.1f}")
    elif what == "glpk":
        status, objective = glpk(path)
        print(status, "-" if objective is None else f"{objective:.0f}")
    elif what == "gap":
        rows = list(leaders(path))
        peaks = sum(r[3] for r in rows)
        lps = sum(r[4] for r in rows)
        worst = max((r[3] - r[4]) / r[4] * 100 for r in rows if r[4] > 0)
        print(f"{len(rows)} {peaks} {lps:.0f} {(peaks - lps) / lps * 100:.2f} {worst:.2f}")
    else:
        sys.exit(f"workload_figures.py: unknown figure '{what}'")


if __name__ == "__main__":
    main()
