#!/usr/bin/python3
"""Parse a tilsyn .ics with python3-icalendar and check it against the plan.

usage: check_python_icalendar.py ICS_FILE PLAN_JSON_FILE

Uses Debian's python3-icalendar (4.0.3 on bookworm; also what khal uses), so
it must run under /usr/bin/python3, not a pyenv/venv interpreter.

Checks: exactly one VCALENDAR with VERSION 2.0 and PRODID; the parser logged
no errors on any component; each VEVENT has a unique non-empty UID, a UTC
DTSTAMP, DTSTART;VALUE=DATE (a date, not a date-time), DTEND the day after,
a non-empty SUMMARY; VALARM triggers are negative durations; the UID set is
the plan's and each DTSTART is the occurrence's planned_date. Then
round-trips: to_ical() of the parsed calendar parses again to the same
events with the same UID, SUMMARY, DESCRIPTION and dates.

Exit codes: 0 ok, 1 check failed, 2 usage / setup / unreadable input.
"""

import datetime as dt
import json
import sys

NAME = "check_python_icalendar"
MAX_REPORTED = 25


def die(msg, code=2):
    print(f"{NAME}: error: {msg}", file=sys.stderr)
    sys.exit(code)


try:
    import icalendar
    from icalendar import Calendar
except ImportError as e:
    die(f"cannot import icalendar under {sys.executable} ({e}); "
        "install the Debian package python3-icalendar and run with /usr/bin/python3")


def is_date(value):
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def parse_all(data, problems):
    try:
        comps = Calendar.from_ical(data, multiple=True)
    except Exception as e:  # icalendar raises ValueError and friends
        problems.append(f"Calendar.from_ical rejected the file: {type(e).__name__}: {e}")
        return None
    if not comps:
        problems.append("no complete top-level component (BEGIN/END unbalanced?)")
        return None
    if len(comps) != 1:
        problems.append(f"expected exactly one top-level component, got {len(comps)}")
        return None
    cal = comps[0]
    if cal.name != "VCALENDAR":
        problems.append(f"top-level component is {cal.name}, expected VCALENDAR")
        return None
    for comp in cal.walk():
        for prop, err in getattr(comp, "errors", []):
            problems.append(f"{comp.name}: parser error{f' in {prop}' if prop else ''}: {err}")
    return cal


def event_key(ev):
    """What must survive a round trip."""
    def s(name):
        v = ev.get(name)
        return None if v is None else str(v)

    def d(name):
        v = ev.get(name)
        return None if v is None else v.dt
    return (s("UID"), s("SUMMARY"), s("DESCRIPTION"), d("DTSTART"), d("DTEND"),
            tuple(a.decoded("TRIGGER") for a in ev.walk("VALARM") if "TRIGGER" in a))


def main(argv):
    if len(argv) != 3:
        die(f"usage: {argv[0]} ICS_FILE PLAN_JSON_FILE")
    ics_path, json_path = argv[1], argv[2]
    try:
        with open(ics_path, "rb") as f:
            data = f.read()
    except OSError as e:
        die(f"cannot read {ics_path}: {e}")
    try:
        with open(json_path, encoding="utf-8") as f:
            plan = json.load(f)
        occurrences = plan["occurrences"]
        # What the year's changes dropped is published too, as cancelled.
        cancelled = plan.get("cancelled", [])
        wanted = {o["uid"]: dict(o, status="CONFIRMED") for o in occurrences}
        wanted.update({o["uid"]: dict(o, status="CANCELLED") for o in cancelled})
    except (OSError, ValueError, KeyError, TypeError) as e:
        die(f"cannot read plan JSON {json_path}: {e}")

    problems = []

    def finish():
        if problems:
            print(f"{NAME}: FAIL: {ics_path}: {len(problems)} problem(s) "
                  f"(icalendar {icalendar.__version__})", file=sys.stderr)
            for msg in problems[:MAX_REPORTED]:
                print(f"  {msg if len(msg) <= 300 else msg[:300] + '...'}", file=sys.stderr)
            if len(problems) > MAX_REPORTED:
                print(f"  ... and {len(problems) - MAX_REPORTED} more", file=sys.stderr)
            sys.exit(1)

    # icalendar would silently substitute U+FFFD for bad bytes; don't let it.
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(f"not valid UTF-8 at octet {e.start}: "
                        f"{data[max(0, e.start - 10):e.end + 10]!r}")
        finish()

    cal = parse_all(data, problems)
    finish()

    if str(cal.get("VERSION", "")) != "2.0":
        problems.append(f"VERSION is {str(cal.get('VERSION'))!r}, expected '2.0'")
    if not str(cal.get("PRODID", "")).strip():
        problems.append("PRODID missing")

    events = cal.walk("VEVENT")
    seen = {}
    alarms = 0
    for i, ev in enumerate(events, 1):
        uid = ev.get("UID")
        uid = None if uid is None else str(uid)
        where = f"VEVENT #{i}" + (f" ({uid})" if uid else "")
        if not uid or not uid.strip():
            problems.append(f"{where}: UID missing or empty")
        elif uid in seen:
            problems.append(f"{where}: duplicate UID (also VEVENT #{seen[uid]})")
        else:
            seen[uid] = i

        stamp = ev.get("DTSTAMP")
        if stamp is None:
            problems.append(f"{where}: DTSTAMP missing")
        elif not (isinstance(stamp.dt, dt.datetime) and stamp.dt.tzinfo is not None
                  and stamp.dt.utcoffset() == dt.timedelta(0)):
            problems.append(f"{where}: DTSTAMP {stamp.to_ical().decode()} is not a UTC date-time")

        start, end = ev.get("DTSTART"), ev.get("DTEND")
        if start is None:
            problems.append(f"{where}: DTSTART missing")
        elif not is_date(start.dt):
            problems.append(f"{where}: DTSTART {start.dt} is a date-time, expected a DATE")
        else:
            if start.params.get("VALUE", "").upper() != "DATE":
                problems.append(f"{where}: DTSTART has no VALUE=DATE parameter")
            if end is None:
                problems.append(f"{where}: DTEND missing")
            elif not is_date(end.dt):
                problems.append(f"{where}: DTEND {end.dt} is not a DATE")
            elif end.dt != start.dt + dt.timedelta(days=1):
                problems.append(f"{where}: DTEND {end.dt} is not the day after DTSTART {start.dt}")
            occ = wanted.get(uid)
            if occ is not None and start.dt.isoformat() != occ.get("planned_date"):
                problems.append(f"{where}: DTSTART {start.dt} but the plan's planned_date "
                                f"is {occ.get('planned_date')}")

        want = wanted.get(uid)
        if want is not None:
            status = str(ev.get("STATUS", "CONFIRMED"))
            if status != want["status"]:
                problems.append(f"{where}: STATUS {status}, the plan says {want['status']}")
            sequence = int(ev.get("SEQUENCE", 0))
            if sequence != want.get("sequence", 0):
                problems.append(f"{where}: SEQUENCE {sequence}, the plan says {want.get('sequence', 0)}")
            if want["status"] == "CANCELLED" and ev.walk("VALARM"):
                problems.append(f"{where}: a cancelled event with an alarm")

        summary = ev.get("SUMMARY")
        if summary is None or not str(summary).strip():
            problems.append(f"{where}: SUMMARY missing or empty")

        for alarm in ev.walk("VALARM"):
            alarms += 1
            if "TRIGGER" not in alarm:
                problems.append(f"{where}: VALARM without TRIGGER")
                continue
            trig = alarm.decoded("TRIGGER")
            if not isinstance(trig, dt.timedelta):
                problems.append(f"{where}: VALARM TRIGGER {trig} is not a duration")
            elif trig >= dt.timedelta(0):
                problems.append(f"{where}: VALARM TRIGGER {alarm['TRIGGER'].to_ical().decode()} "
                                "is not negative (alarm would fire after the start)")
            if "ACTION" not in alarm:
                problems.append(f"{where}: VALARM without ACTION")

    if len(events) != len(occurrences) + len(cancelled):
        problems.append(f"{len(events)} VEVENTs but {len(occurrences)} occurrences and "
                        f"{len(cancelled)} cancelled in the plan")
    missing = sorted(set(wanted) - set(seen))
    extra = sorted(set(seen) - set(wanted))
    if missing:
        problems.append(f"{len(missing)} plan UID(s) have no VEVENT, e.g. {missing[:3]}")
    if extra:
        problems.append(f"{len(extra)} VEVENT UID(s) are not in the plan, e.g. {extra[:3]}")
    finish()

    # Round trip through icalendar's own serializer.
    try:
        out = cal.to_ical()
    except Exception as e:
        problems.append(f"to_ical() failed: {type(e).__name__}: {e}")
        finish()
    again = parse_all(out, problems)
    if again is None:
        problems.insert(0, "round trip: to_ical() output does not parse again")
        finish()
    events2 = again.walk("VEVENT")
    if len(events2) != len(events):
        problems.append(f"round trip: {len(events)} VEVENTs became {len(events2)}")
    else:
        for i, (a, b) in enumerate(zip(events, events2), 1):
            ka, kb = event_key(a), event_key(b)
            if ka != kb:
                problems.append(f"round trip: VEVENT #{i} changed: {ka!r} -> {kb!r}")
    finish()

    print(f"python-icalendar {icalendar.__version__}: {len(events)} events ok "
          f"({alarms} alarm{'' if alarms == 1 else 's'}, round trip ok)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
