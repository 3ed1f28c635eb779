#!/usr/bin/python3
"""Generate tests/data/dk_public_holidays_2000_2035.tsv, the reference table of Danish
public holidays used by tests/unit/rules/holidays_test.cpp.

The table must NOT be derived from tilsyn's own code (src/rules/holidays.cpp). Sources:

  1. Debian's python3-holidays package (holidays.Denmark), run with the system
     interpreter /usr/bin/python3 (not a pyenv/venv python).
  2. Easter Sunday cross-checks, independent of python3-holidays:
       a. a published table of Western (Gregorian) Easter dates, transcribed below
          (EASTER_PUBLISHED), and
       b. an in-script computus (Knuth, TAOCP vol. 1, sec. 1.3.2, exercise 14: golden
          number / epact method), a different formulation from both python3-holidays'
          dateutil.easter (Oudin/Tondering) and tilsyn's Meeus/Jones/Butcher code.
     dateutil.easter is also compared, but note that python3-holidays itself computes
     Easter with dateutil.easter, so that comparison alone is not independent.

Corrections applied to the python3-holidays 0.10.1 data (see also the TSV header):
  * names normalised to the ones used by tilsyn ("Anden påskedag" -> "2. påskedag", etc.);
  * "Palmesøndag" dropped: it is always a Sunday and is not one of the named holidays
    (it is not in the lukkeloven list of helligdage);
  * "Store bededag" dropped from 2024 on: abolished as a public holiday from 1 January
    2024 (lov om konsekvenser ved afskaffelsen af store bededag som helligdag, L 13,
    adopted by Folketinget 28 February 2023);
  * non-holidays that some versions list (Juleaftensdag, Grundlovsdag, Nytårsaftensdag,
    1. maj) are dropped if present. Any other unknown name aborts the script.

Usage:
  /usr/bin/python3 tests/data/make_dk_holidays.py            # (re)write the TSV next to this script
  /usr/bin/python3 tests/data/make_dk_holidays.py --check    # compare with the committed TSV, exit 1 on diff
  /usr/bin/python3 tests/data/make_dk_holidays.py -o FILE    # write elsewhere
"""

import argparse
import datetime as dt
import os
import sys

import holidays  # Debian python3-holidays
import dateutil
from dateutil.easter import easter as dateutil_easter

FIRST_YEAR = 2000
LAST_YEAR = 2035
LAST_YEAR_WITH_STORE_BEDEDAG = 2023
TSV_NAME = "dk_public_holidays_2000_2035.tsv"

# python3-holidays name -> tilsyn name
NAME_MAP = {
    "Nytårsdag": "Nytårsdag",
    "Skærtorsdag": "Skærtorsdag",
    "Langfredag": "Langfredag",
    "Påskedag": "Påskedag",
    "Anden påskedag": "2. påskedag",
    "2. påskedag": "2. påskedag",
    "Store bededag": "Store bededag",
    "Kristi himmelfartsdag": "Kristi himmelfartsdag",
    "Pinsedag": "Pinsedag",
    "Anden pinsedag": "2. pinsedag",
    "2. pinsedag": "2. pinsedag",
    "Juledag": "Juledag",
    "Anden juledag": "2. juledag",
    "2. juledag": "2. juledag",
}

# Days some python3-holidays versions list that are not Danish public holidays.
NOT_HOLIDAYS = {
    "Palmesøndag",       # always a Sunday; not a separately named helligdag
    "Juleaftensdag",     # Christmas Eve: shops closed by lukkeloven, but no helligdag
    "Juleaften",
    "Grundlovsdag",      # Constitution Day: not a helligdag
    "Nytårsaftensdag",   # New Year's Eve
    "Nytårsaften",
    "Arbejdernes kampdag",  # 1 May: only by collective agreement
    "1. maj",
}

# Offset from Easter Sunday (days) and ISO weekday (Mon=1..Sun=7) of each movable feast;
# fixed-date holidays as (month, day).
MOVABLE = {
    "Skærtorsdag": (-3, 4),
    "Langfredag": (-2, 5),
    "Påskedag": (0, 7),
    "2. påskedag": (1, 1),
    "Store bededag": (26, 5),  # 4th Friday after Easter
    "Kristi himmelfartsdag": (39, 4),
    "Pinsedag": (49, 7),
    "2. pinsedag": (50, 1),
}
FIXED = {"Nytårsdag": (1, 1), "Juledag": (12, 25), "2. juledag": (12, 26)}

# Western (Gregorian) Easter Sunday, transcribed from published tables:
#   2001-2035: Wikipedia, "List of dates for Easter", table "Gregorian Easter 2001-2045"
#              (https://en.wikipedia.org/wiki/List_of_dates_for_Easter);
#   2000-2035: "List of Easter Sunday Dates 2000-2099",
#              http://jtsoftware.tripod.com/easter/index.htm (agrees with the above).
EASTER_PUBLISHED = {
    2000: (4, 23), 2001: (4, 15), 2002: (3, 31), 2003: (4, 20), 2004: (4, 11),
    2005: (3, 27), 2006: (4, 16), 2007: (4, 8), 2008: (3, 23), 2009: (4, 12),
    2010: (4, 4), 2011: (4, 24), 2012: (4, 8), 2013: (3, 31), 2014: (4, 20),
    2015: (4, 5), 2016: (3, 27), 2017: (4, 16), 2018: (4, 1), 2019: (4, 21),
    2020: (4, 12), 2021: (4, 4), 2022: (4, 17), 2023: (4, 9), 2024: (3, 31),
    2025: (4, 20), 2026: (4, 5), 2027: (3, 28), 2028: (4, 16), 2029: (4, 1),
    2030: (4, 21), 2031: (4, 13), 2032: (3, 28), 2033: (4, 17), 2034: (4, 9),
    2035: (3, 25),
}


def easter_knuth(year):
    """Gregorian Easter, Knuth TAOCP 1.3.2 ex. 14 (epact method)."""
    g = year % 19 + 1                      # golden number
    c = year // 100 + 1                    # century
    x = 3 * c // 4 - 12                    # dropped leap years
    z = (8 * c + 5) // 25 - 5              # moon-orbit correction
    d = 5 * year // 4 - x - 10             # March ((-d) mod 7) is a Sunday
    e = (11 * g + 20 + z - x) % 30         # epact
    if (e == 25 and g > 11) or e == 24:
        e += 1
    n = 44 - e                             # paschal full moon: March n
    if n < 21:
        n += 30
    n = n + 7 - (d + n) % 7                # following Sunday
    return dt.date(year, 4, n - 31) if n > 31 else dt.date(year, 3, n)


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def cross_check_easter():
    # Knuth vs dateutil over the whole range dateutil supports.
    for y in range(1583, 4100):
        check(easter_knuth(y) == dateutil_easter(y),
              f"Easter {y}: Knuth {easter_knuth(y)} != dateutil {dateutil_easter(y)}")
    # Published table vs both algorithms.
    check(sorted(EASTER_PUBLISHED) == list(range(FIRST_YEAR, LAST_YEAR + 1)),
          "published Easter table does not cover the year range")
    for y, (m, d) in EASTER_PUBLISHED.items():
        pub = dt.date(y, m, d)
        check(pub.isoweekday() == 7, f"published Easter {pub} is not a Sunday")
        check(pub == easter_knuth(y), f"Easter {y}: published {pub} != Knuth {easter_knuth(y)}")


def holidays_for_year(year, corrections):
    raw = holidays.Denmark(years=year)
    out = []
    for day, raw_name in sorted(raw.items()):
        # HolidayBase joins names of coinciding holidays with ", ".
        for part in raw_name.split(", "):
            if part in NOT_HOLIDAYS:
                corrections.setdefault(f"dropped {part!r} (not a public holiday in its own right)", []).append(year)
                continue
            check(part in NAME_MAP, f"{day}: unknown holiday name {part!r} from python3-holidays")
            name = NAME_MAP[part]
            if name != part:
                corrections.setdefault(f"renamed {part!r} -> {name!r}", []).append(year)
            if name == "Store bededag" and year > LAST_YEAR_WITH_STORE_BEDEDAG:
                corrections.setdefault("dropped 'Store bededag' (abolished from 2024)", []).append(year)
                continue
            out.append((day, name))
    return out


def validate_year(year, rows):
    names = [n for _, n in rows]
    expected = set(FIXED) | set(MOVABLE)
    if year > LAST_YEAR_WITH_STORE_BEDEDAG:
        expected.discard("Store bededag")
    check(len(names) == len(set(names)), f"{year}: duplicate names {names}")
    check(set(names) == expected, f"{year}: names {sorted(names)} != expected {sorted(expected)}")
    check(all(d.year == year for d, _ in rows), f"{year}: date outside year")
    days = [d for d, _ in rows]
    check(days == sorted(days) and len(set(days)) == len(days), f"{year}: dates not strictly increasing")
    easter = dt.date(year, *EASTER_PUBLISHED[year])
    for day, name in rows:
        if name in FIXED:
            check((day.month, day.day) == FIXED[name], f"{day} {name}: wrong fixed date")
        else:
            off, wd = MOVABLE[name]
            check(day == easter + dt.timedelta(days=off),
                  f"{day} {name}: not Easter({easter}) + {off} days")
            check(day.isoweekday() == wd, f"{day} {name}: wrong weekday")


def build():
    cross_check_easter()
    corrections = {}
    rows = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        yr = holidays_for_year(year, corrections)
        validate_year(year, yr)
        rows.extend(yr)

    def span(years):
        return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])

    header = [
        f"# Danish public holidays (helligdage) {FIRST_YEAR}-{LAST_YEAR}: YYYY-MM-DD<TAB>name, sorted by date.",
        "# Reference data for tests/unit/rules/holidays_test.cpp; independent of src/rules/holidays.cpp.",
        "# Generated by tests/data/make_dk_holidays.py (run with /usr/bin/python3; the TSV is the reference).",
        f"# Source: Debian python3-holidays {holidays.__version__} (holidays.Denmark), with corrections:",
    ]
    for what in sorted(corrections):
        years = corrections[what]
        header.append(f"#   - {what}: {span(years)}")
    header += [
        "#   Palmesøndag is always a Sunday and not a separately named holiday (not in the lukkeloven",
        "#   list of helligdage); Store bededag was abolished as a public holiday from 1 January 2024",
        "#   (lov om konsekvenser ved afskaffelsen af store bededag som helligdag, L 13, adopted",
        "#   28 February 2023). Juleaftensdag, Grundlovsdag, Nytårsaftensdag and 1. maj are not",
        "#   helligdage and would be dropped if listed (python3-holidays 0.10.1 lists none of them).",
        "# Easter cross-checked against published tables (Wikipedia \"List of dates for Easter\";",
        "#   jtsoftware.tripod.com/easter \"List of Easter Sunday Dates 2000-2099\") and against an",
        "#   independent computus (Knuth TAOCP 1.3.2 ex. 14), which also equals python-dateutil",
        f"#   {dateutil.__version__} dateutil.easter for 1583-4099. Every movable feast was checked to be",
        "#   Easter-3/-2/0/+1/+26/+39/+49/+50 days with the right weekday.",
    ]
    lines = header + [f"{d.isoformat()}\t{n}" for d, n in rows]
    return "\n".join(lines) + "\n", len(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output",
                    default=os.path.join(os.path.dirname(os.path.abspath(__file__)), TSV_NAME))
    ap.add_argument("--check", action="store_true",
                    help="compare with the existing output file instead of writing it")
    args = ap.parse_args()
    try:
        text, nrows = build()
    except Failure as e:
        print(f"make_dk_holidays: FAILED: {e}", file=sys.stderr)
        return 2
    if args.check:
        with open(args.output, encoding="utf-8") as f:
            if f.read() != text:
                print(f"make_dk_holidays: {args.output} differs from generated table", file=sys.stderr)
                return 1
        print(f"make_dk_holidays: {args.output} is up to date")
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"make_dk_holidays: wrote {args.output} ({nrows} holidays)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
