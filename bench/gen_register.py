#!/usr/bin/env python3
"""Writes a synthetic rules directory: a policy and N areas spread over C center registers.

    bench/gen_register.py --areas 100000 --centers 20 --out /tmp/rules-100k [--seed 1]

The areas' scores are drawn so that roughly a third is red, a third yellow and a third green,
every tenth area has a second, dated assessment (so cadences change mid-year), and every
fiftieth has a cadence override; texts have Danish letters and characters that iCalendar must
escape, so the generated plan exercises the same code paths as a real one.

Options for the leveling benchmark (bench/workload_bench.sh), all off by default so that the
registers above stay byte for byte what they were:

    --leaders N            leaders per center (default 10); areas are spread over them at random
    --hours [R,Y,G]        a [workload] hours table (default 4,3,2 hours for red, yellow, green)
    --hour-overrides F     a share F of the areas gets its own hours (1 to 8, in half hours)
    --cadence-overrides F  a share F of the areas gets every 2 or 4 months or yearly
    --blackout-month M     also black out all of month M (repeatable), so some periods lose a month

For a log of many years (bench/gen_serve.py):

    --first-assessment D   the date of every area's first assessment (default 2026-10-15)
"""
import argparse
import calendar
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
    ap.add_argument("--leaders", type=int, default=10)
    ap.add_argument("--hours", nargs="?", const="4,3,2")
    ap.add_argument("--hour-overrides", type=float, default=0.0)
    ap.add_argument("--cadence-overrides", type=float, default=0.0)
    ap.add_argument("--blackout-month", type=int, action="append", default=[])
    ap.add_argument("--first-assessment", default="2026-10-15")
    # Without the re-assessments of 1 July, the year has no dated change: leveling solves one
    # problem, which GLPK can check (tests/workload/glpk_optimum.sh).
    ap.add_argument("--no-reassessments", action="store_true")
    args = ap.parse_args()
    if args.hour_overrides and not args.hours:
        ap.error("--hour-overrides needs --hours")
    rnd = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    policy = POLICY
    if args.hours:
        red, yellow, green = args.hours.split(",")
        policy += f"\n[workload]\nhours = {{ red = {red}, yellow = {yellow}, green = {green} }}\n"
    if args.blackout_month:
        # Christmas stays blacked out: a [blackout] periods list replaces the default one.
        spans = ['{ from = "12-22", to = "01-02" }'] + [
            f'{{ from = "{m:02d}-01", to = "{m:02d}-{calendar.monthrange(2027, m)[1]:02d}" }}'
            for m in args.blackout_month]
        policy += f"\n[blackout]\nperiods = [{', '.join(spans)}]\n"
    with open(os.path.join(args.out, "policy.toml"), "w", encoding="utf-8") as f:
        f.write(policy)
    per_center = (args.areas + args.centers - 1) // args.centers
    n = 0
    for c in range(args.centers):
        lines = [f'id = "c{c:03d}"', f'name = "Center {c:03d} for Job og Ydelse"', ""]
        for l in range(args.leaders):
            lines += ["[[leaders]]", f'id = "l{l}"', f'name = "Leder {l} Sørensen"',
                      f'email = "l{l}.c{c:03d}@kommune.invalid"', ""]
        for _ in range(per_center):
            if n >= args.areas:
                break
            s1, s2 = axes(rnd)
            name = rnd.choice(NAMES)
            lines += ["[[areas]]", f'id = "a{n:07d}"', f'name = "{name} {n}"',
                      f'kind = "{rnd.choice(["målgruppe", "ydelsestype"])}"',
                      f'leader = "l{rnd.randrange(args.leaders)}"', f'focus = "{rnd.choice(FOCUS)}"']
            # The extra draws happen only when asked for, so the default registers do not change.
            if args.hour_overrides and rnd.random() < args.hour_overrides:
                lines.append(f"hours = {rnd.randrange(2, 17) / 2:g}")
            lines += ["  [[areas.assessments]]", f"  date = {args.first_assessment}",
                      f"  sagsbehandling = {{ likelihood = {s1[0]}, consequence = {s1[1]} }}",
                      f"  statsrefusion = {{ likelihood = {s2[0]}, consequence = {s2[1]} }}",
                      '  reason = "Syntetisk vurdering: fejl i opstartsfasen, få fejl i løbende sager."']
            if n % 50 == 0:
                lines.append('  cadence = { value = "every 2 months", reason = "Udvalgets ønske." }')
            elif args.cadence_overrides and rnd.random() < args.cadence_overrides:
                cadence = rnd.choice(["every 2 months", "every 4 months", "yearly"])
                lines.append(f'  cadence = {{ value = "{cadence}", reason = "Udvalgets ønske." }}')
            if n % 10 == 0:
                s3, s4 = axes(rnd)  # drawn either way: the same register otherwise
            if n % 10 == 0 and not args.no_reassessments:
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
