#!/usr/bin/env python3
"""Writes the input of the findings-import benchmark: a rules directory, supervisions.csv and
findings.csv for `tilsyn import`, and, with --tilsyn, the rows tilsyn stores for them.

    bench/gen_findings.py --supervisions 100000 --per 10 --out /tmp/findings-1m \\
        [--areas 1000] [--seed 1] [--tilsyn build-rel/src/tilsyn]

The rules are bench/gen_register.py's (AREAS areas in 20 center files, first assessments dated
2026-10-15). The supervisions are ad hoc (occurrence "ad-hoc": the one-per-period rule does not
limit how many an area can have), performed between 2026-10-15 and 2026-11-20, so an import
with --today 2026-11-23 accepts them all; each has PER findings. Every finding has an amount,
because the sqlite3 shell's .import cannot store NULL (an empty field is the text '', which a
STRICT INTEGER column refuses); texts have Danish letters, commas and quotes (so the CSV is
quoted), and case numbers are never CPR-like.

With --tilsyn BINARY the output is imported once into OUT/reference.db, and its rows are written
as the sqlite3 shell's side of the comparison: OUT/rows/entry.csv, supervision.csv and
finding.csv (with a header line, exactly the rows and values tilsyn stored), and OUT/empty.db,
an empty database created by tilsyn itself (same schema, triggers, STRICT tables, WAL mode and
user_version).
"""
import argparse
import csv
import datetime
import os
import random
import shutil
import subprocess
import sys

TODAY = "2026-11-23"
FIRST = datetime.date(2026, 10, 15)  # the areas' first assessment (gen_register.py)
DAYS = 37                            # performed 2026-10-15 .. 2026-11-20

CATEGORIES = ["Manglende partshøring", "Forkert beregning", "Mangelfuld dokumentation",
              "Overskredet frist", "Forkert refusionssats", "Manglende opfølgning",
              "Bevilling uden hjemmel", "Fejl i modregning"]
DESCRIPTIONS = [
    "Partshøring mangler før afgørelsen; borgeren blev ikke hørt om oplysningerne.",
    "Ydelsen er beregnet af et forkert grundlag, så der er udbetalt for meget.",
    'Journalnotatet "samtale afholdt" dokumenterer ikke, hvad der blev aftalt.',
    "Opfølgningen lå 3 uger efter fristen, og der er ingen begrundelse i sagen.",
    "Refusionen er hjemtaget med 80 %, men forløbet berettiger kun til 50 %.",
    "Modregning, tilbagebetaling og afdrag er ikke koordineret; kravet er dobbelt.",
    "Bevillingen hviler på en lægeerklæring, der ikke ligger i sagen.",
    "Sagen mangler begrundelse, klagevejledning og henvisning til lovgrundlaget.",
]
NOTES = ["Stikprøve fra fagsystemet, uge 44.", "Ekstra tilsyn efter henvendelse fra revisionen.",
         "Opfølgning på sidste kvartals fund; få fejl i løbende sager.", ""]


def amount(rnd):
    """Kroner as people type them: 12.500,50, 950, 1234,5."""
    ore = rnd.randrange(100, 5_000_000)
    kroner, rest = divmod(ore, 100)
    style = rnd.randrange(3)
    if style == 0:
        return f"{kroner:,}".replace(",", ".") + f",{rest:02d}"
    if style == 1:
        return str(kroner)
    return f"{kroner},{rest // 10}"


def write_inputs(args, rnd):
    areas = [f"a{n:07d}" for n in range(args.areas)]
    sup_path = os.path.join(args.out, "supervisions.csv")
    fin_path = os.path.join(args.out, "findings.csv")
    with open(sup_path, "w", encoding="utf-8", newline="") as sf, \
         open(fin_path, "w", encoding="utf-8", newline="") as ff:
        sw = csv.writer(sf, lineterminator="\n")
        fw = csv.writer(ff, lineterminator="\n")
        sw.writerow(["ref", "area", "date", "cases", "leader", "occurrence",
                     "errors_sagsbehandling", "errors_statsrefusion", "note"])
        fw.writerow(["supervision", "case", "axis", "category", "severity", "amount", "description"])
        for s in range(args.supervisions):
            ref = f"T{s:07d}"
            cases = rnd.randrange(args.per, 40)
            date = FIRST + datetime.timedelta(days=rnd.randrange(DAYS))
            # Every third names its leader (by id); the others get the area's own.
            leader = f"l{rnd.randrange(10)}" if s % 3 == 0 else ""
            sw.writerow([ref, rnd.choice(areas), date.isoformat(), cases, leader, "ad-hoc",
                         rnd.randrange(cases // 2 + 1), rnd.randrange(cases // 3 + 1), rnd.choice(NOTES)])
            for f in range(args.per):
                axis = "statsrefusion" if rnd.random() < 0.4 else "sagsbehandling"
                fw.writerow([ref, f"SAG-2026-{rnd.randrange(10**7):07d}", axis, rnd.choice(CATEGORIES),
                             "væsentlig" if rnd.random() < 0.3 else "mindre", amount(rnd),
                             rnd.choice(DESCRIPTIONS)])
    return sup_path, fin_path


def export_rows(args, sup_path, fin_path):
    binary = os.path.realpath(args.tilsyn)
    rules = os.path.join(args.out, "rules")
    ref_db = os.path.join(args.out, "reference.db")
    empty_db = os.path.join(args.out, "empty.db")
    for db in (ref_db, empty_db):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
    # An empty log made by tilsyn itself: an import of a header-only file creates the schema.
    header_only = os.path.join(args.out, "no-supervisions.csv")
    with open(header_only, "w", encoding="utf-8") as f:
        f.write("ref,area,date,cases\n")
    common = [binary, "--rules", rules, "--today", TODAY]
    subprocess.run(common + ["--db", empty_db, "import", "--supervisions", header_only],
                   check=True, stdout=subprocess.DEVNULL)
    os.remove(header_only)
    subprocess.run(["sqlite3", empty_db, "PRAGMA wal_checkpoint(TRUNCATE);"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(common + ["--db", ref_db, "import", "--supervisions", sup_path, "--findings", fin_path],
                   check=True)
    rows = os.path.join(args.out, "rows")
    os.makedirs(rows, exist_ok=True)
    script = [".headers on", ".mode csv"]
    for table in ("entry", "signing_key", "supervision", "finding"):
        key = "seq" if table == "entry" else "entry"
        script += [f".once {os.path.join(rows, table + '.csv')}", f"SELECT * FROM {table} ORDER BY {key};"]
    subprocess.run(["sqlite3", "-bail", ref_db], input="\n".join(script) + "\n", text=True, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--supervisions", type=int, default=100_000)
    ap.add_argument("--per", type=int, default=10, help="findings per supervision")
    ap.add_argument("--areas", type=int, default=1000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tilsyn", help="binary to import once with, exporting the stored rows")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    rules = os.path.join(args.out, "rules")
    shutil.rmtree(rules, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(here, "gen_register.py"), "--areas", str(args.areas),
                    "--centers", "20", "--out", rules, "--seed", str(args.seed)], check=True)
    sup_path, fin_path = write_inputs(args, random.Random(args.seed))
    if args.tilsyn:
        export_rows(args, sup_path, fin_path)


if __name__ == "__main__":
    main()
