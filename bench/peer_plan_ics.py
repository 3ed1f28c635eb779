#!/usr/bin/python3
"""The straightforward peer of `tilsyn plan --format ics`, for bench/plan_bench.sh: what a
municipality's own script would do with the same rules, written the obvious way in Python
(tomllib for the rules, dateutil for Easter, a holiday table, the calendar written by hand).

    bench/peer_plan_ics.py RULES_DIR YEAR TODAY PRODID > plan.ics

It plans each supervision on the first plannable day of its period (tilsyn's `--no-level`; it
does not level, so it does less work than `tilsyn plan`) and writes the same calendar, byte for
byte, as `tilsyn --today TODAY plan --year YEAR --no-level --format ics`; plan_bench.sh checks
that before it times anything. It reads the subset of the rules that bench/gen_register.py
writes: the default scales, thresholds, cadences, closing days and blackout, the policy's
[ics] uid_domain and reminder, and registers with dated assessments and cadence overrides.
"""
import datetime as dt
import os
import sys
import tomllib

from dateutil.easter import easter

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december"]
COLOUR_DA = {0: "grøn", 1: "gul", 2: "rød"}
CADENCE_DA = {1: "månedligt", 3: "kvartalsvist", 6: "halvårligt", 12: "årligt"}
CADENCE_WORDS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}
DEFAULT_CADENCE = {0: 6, 1: 3, 2: 1}  # green, yellow, red
RED_FROM, YELLOW_FROM = 15, 6


def closed_days(year):
    e = easter(year)
    days = {dt.date(year, 1, 1), e - dt.timedelta(3), e - dt.timedelta(2), e, e + dt.timedelta(1),
            e + dt.timedelta(39), e + dt.timedelta(49), e + dt.timedelta(50),
            dt.date(year, 12, 25), dt.date(year, 12, 26), dt.date(year, 12, 24), dt.date(year, 12, 31)}
    if year <= 2023:
        days.add(e + dt.timedelta(26))
    return days


CLOSED = {}


def working(d):
    if d.year not in CLOSED:
        CLOSED[d.year] = closed_days(d.year)
    return d.weekday() < 5 and d not in CLOSED[d.year]


def blacked_out(d):
    md = d.month * 100 + d.day
    return d.isocalendar()[1] in (28, 29, 30, 31) or md >= 1222 or md <= 102


def days(start, end):
    d = start
    while d <= end:
        yield d
        d += dt.timedelta(1)


def first_plannable(start, end):
    for d in days(start, end):
        if working(d) and not blacked_out(d):
            return d
    return next(d for d in days(start, end) if working(d))


def last_working(start, end):
    return next(d for d in reversed(list(days(start, end))) if working(d))


def cadence_months(text):
    if text in CADENCE_WORDS:
        return CADENCE_WORDS[text]
    return int(text.split()[1])  # "every N months"


def colour(axis):
    score = axis["likelihood"] * axis["consequence"]
    return 2 if score >= RED_FROM else 1 if score >= YELLOW_FROM else 0


def slot_code(months, index):
    n = index + 1
    letter = {1: "M", 2: "B", 3: "Q", 4: "T", 6: "H"}.get(months, "Y")
    return f"M{n:02d}" if months == 1 else f"{letter}{n}"


def period_name(months, year, index):
    n = index + 1
    if months == 1:
        return f"{MONTHS[index]} {year}"
    if months == 3:
        return f"{n}. kvartal {year}"
    if months == 6:
        return f"{n}. halvår {year}"
    if months == 12:
        return str(year)
    first = index * months
    return f"{MONTHS[first]}-{MONTHS[first + months - 1]} {year}"


def danish_long(d):
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def escape(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for c in "\\;,":
        text = text.replace(c, "\\" + c)
    return text.replace("\n", "\\n")


def line(name, value):
    raw = f"{name}:{value}".encode()
    out, room = [], 75
    while len(raw) > room:
        take = room
        while take > 0 and (raw[take] & 0xC0) == 0x80:
            take -= 1
        out.append(raw[:take])
        raw = raw[take:]
        room = 74
    out.append(raw)
    return b"\r\n ".join(out) + b"\r\n"


def trigger(planned, hour, minute, before):
    day, n = planned, before
    while n > 0:
        day -= dt.timedelta(1)
        if working(day):
            n -= 1
    minutes = (planned - day).days * 1440 - (hour * 60 + minute)
    sign, m = ("-P" if minutes > 0 else "P"), abs(minutes)
    d, h, mm = m // 1440, m % 1440 // 60, m % 60
    out = sign + (f"{d}D" if d else "")
    if h or mm or not d:
        out += "T" + (f"{h}H" if h or not mm else "") + (f"{mm}M" if mm else "")
    return out


def main():
    rules_dir, year, today = sys.argv[1], int(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    with open(os.path.join(rules_dir, "policy.toml"), "rb") as f:
        ics = tomllib.load(f).get("ics", {})
    domain = ics.get("uid_domain", "tilsyn.invalid")
    reminder = ics.get("reminder")
    if reminder:
        hour, minute = (int(x) for x in reminder.get("time", "09:00").split(":"))
        before = reminder.get("working_days_before", 1)
    events = []
    files = sorted(f for f in os.listdir(rules_dir) if f.endswith(".toml") and f != "policy.toml")
    for c_index, name in enumerate(files):
        with open(os.path.join(rules_dir, name), "rb") as f:
            center = tomllib.load(f)
        leaders = {l["id"]: l for l in center["leaders"]}
        for a_index, area in enumerate(center["areas"]):
            assessments = sorted(area["assessments"], key=lambda a: a["date"])
            month = 1
            while month <= 12:
                start = dt.date(year, month, 1)
                current = [a for a in assessments if a["date"] <= start] or assessments[:1]
                a = current[-1]
                c1, c2 = colour(a["sagsbehandling"]), colour(a["statsrefusion"])
                col = max(c1, c2)
                months = cadence_months(a["cadence"]["value"]) if "cadence" in a else DEFAULT_CADENCE[col]
                index = (month - 1) // months
                last = (index + 1) * months
                end = (dt.date(year, last, 28) + dt.timedelta(4)).replace(day=1) - dt.timedelta(1)
                planned, due = first_plannable(start, end), last_working(start, end)
                leader = leaders[area["leader"]]
                cadence_da = CADENCE_DA.get(months, f"hver {months}. måned")
                text = (f"Fokus: {area['focus']}\nPeriode: {period_name(months, year, index)} "
                        f"({start} til {end})\nFrist: {danish_long(due)}\nBegrundelse: {a['reason']}\n"
                        f"Risiko: {COLOUR_DA[col]} (sagsbehandling {COLOUR_DA[c1]}, statsrefusion "
                        f"{COLOUR_DA[c2]}), {cadence_da}\nAnsvarlig: {leader['name']} <{leader['email']}>\n"
                        f"Center: {center['name']}")
                if "cadence" in a:
                    text += f"\nHyppighed fastsat manuelt: {a['cadence']['reason']}"
                e = [b"BEGIN:VEVENT\r\n",
                     line("UID", f"{area['id']}-{year}-{slot_code(months, index)}@{domain}"),
                     line("DTSTAMP", today.strftime("%Y%m%dT000000Z")),
                     line("DTSTART;VALUE=DATE", planned.strftime("%Y%m%d")),
                     line("DTEND;VALUE=DATE", (planned + dt.timedelta(1)).strftime("%Y%m%d")),
                     line("SUMMARY", f"Ledelsestilsyn ({COLOUR_DA[col]}): {escape(area['name'])}"),
                     line("DESCRIPTION", escape(text)),
                     line("CATEGORIES", f"Ledelsestilsyn,{COLOUR_DA[col]}"),
                     b"TRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n"]
                if reminder:
                    e += [b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
                          line("DESCRIPTION", f"Ledelsestilsyn: {escape(area['name'])}"),
                          line("TRIGGER", trigger(planned, hour, minute, before)), b"END:VALARM\r\n"]
                e.append(b"END:VEVENT\r\n")
                events.append(((planned, c_index, a_index, start), b"".join(e)))
                month = last + 1
    events.sort(key=lambda e: e[0])
    out = sys.stdout.buffer
    out.write(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + line("PRODID", sys.argv[4])
              + b"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
              + line("X-WR-CALNAME", escape(f"Ledelsestilsyn {year}")))
    for _, e in events:
        out.write(e)
    out.write(b"END:VCALENDAR\r\n")


if __name__ == "__main__":
    main()
