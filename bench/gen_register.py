#!/usr/bin/env python3
"""Writes a synthetic rules directory: a policy and N areas spread over C center registers.

    bench/gen_register.py --areas 100000 --centers 20 --out /tmp/rules-100k [--seed 1]

The areas' scores are drawn so that roughly a third is red, a third yellow and a third green,
every tenth area has a second, dated assessment (so cadences change mid-year), and every
fiftieth has a cadence override; texts have Danish letters and characters that iCalendar must
escape, so the generated plan exercises the same code paths as a real one.
"""
import argparse
import os
import random

POLICY = """[ics]
uid_domain = "bench.tilsyn.invalid"
reminder = { time = "09:00", working_days_before = 1 }
"""

NAMES = ["Kontanthjælp", "Uddannelseshjælp", "Sygedagpenge", "Ressourceforløb", "Jobafklaring",
         "Ledighedsydelse", "Fleksjob", "Revalidering", "Enkeltydelser", "Løntilskud",
         "Virksomhedspraktik", "Mentorstøtte", "Forsikrede ledige", "Tilbagebetalingskrav"]
FOCUS = ["Opstart af nye sager", "Rettidighed, dokumentation og afgørelser",
         "Beregning; modregning, refusion", "Bevillingsgrundlag og opfølgning"]
# (likelihood, consequence) pairs by colour: products 20 (red), 9 (yellow), 2 (green).
SCORES = [(4, 5), (3, 3), (1, 2)]


def axes(rnd):
    """Both axes of an area whose colour (the worse axis) is red, yellow or green with equal odds."""
    colour = rnd.randrange(3)
    other = rnd.randrange(colour, 3)
    return (SCORES[colour], SCORES[other]) if rnd.random() < 0.5 else (SCORES[other], SCORES[colour])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--areas", type=int, required=True)
    ap.add_argument("--centers", type=int, default=20)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "policy.toml"), "w", encoding="utf-8") as f:
        f.write(POLICY)
    per_center = (args.areas + args.centers - 1) // args.centers
    n = 0
    for c in range(args.centers):
        lines = [f'id = "c{c:03d}"', f'name = "Center {c:03d} for Job og Ydelse"', ""]
        for l in range(10):
            lines += ["[[leaders]]", f'id = "l{l}"', f'name = "Leder {l} Sørensen"',
                      f'email = "l{l}.c{c:03d}@kommune.invalid"', ""]
        for _ in range(per_center):
            if n >= args.areas:
                break
            s1, s2 = axes(rnd)
            name = rnd.choice(NAMES)
            lines += ["[[areas]]", f'id = "a{n:07d}"', f'name = "{name} {n}"',
                      f'kind = "{rnd.choice(["målgruppe", "ydelsestype"])}"',
                      f'leader = "l{rnd.randrange(10)}"', f'focus = "{rnd.choice(FOCUS)}"',
                      "  [[areas.assessments]]", "  date = 2026-10-15",
                      f"  sagsbehandling = {{ likelihood = {s1[0]}, consequence = {s1[1]} }}",
                      f"  statsrefusion = {{ likelihood = {s2[0]}, consequence = {s2[1]} }}",
                      '  reason = "Syntetisk vurdering: fejl i opstartsfasen, få fejl i løbende sager."']
            if n % 50 == 0:
                lines.append('  cadence = { value = "every 2 months", reason = "Udvalgets ønske." }')
            if n % 10 == 0:
                s3, s4 = axes(rnd)
                lines += ["  [[areas.assessments]]", "  date = 2027-07-01",
                          f"  sagsbehandling = {{ likelihood = {s3[0]}, consequence = {s3[1]} }}",
                          f"  statsrefusion = {{ likelihood = {s4[0]}, consequence = {s4[1]} }}",
                          '  reason = "Genvurdering efter tilsyn i 2. kvartal."']
            lines.append("")
            n += 1
        with open(os.path.join(args.out, f"center-{c:03d}.toml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))


if __name__ == "__main__":
    main()
