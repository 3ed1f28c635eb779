#!/usr/bin/python3
"""Byte-level checks of a tilsyn .ics file against RFC 5545 (stdlib only).

usage: check_raw.py ICS_FILE PLAN_JSON_FILE

Checks what lenient parsers silently forgive:
  * valid UTF-8, no BOM, every line ends in CRLF, no bare CR or LF;
  * no physical line over 75 octets; every physical line is valid UTF-8 on its
    own (so no fold splits a multi-byte character); no empty lines;
  * after unfolding, TEXT values (SUMMARY, DESCRIPTION, LOCATION, COMMENT,
    X-WR-CALNAME, each CATEGORIES part) only use the escapes \\\\ \\; \\, \\n \\N,
    contain no control characters, and single-valued ones have no unescaped
    ';' or ',';
  * BEGIN/END balanced and properly nested, one VCALENDAR;
  * VERSION:2.0 and PRODID on the calendar; UID, DTSTAMP (UTC, ends in Z)
    and DTSTART exactly once on each VEVENT;
  * exactly one VEVENT per occurrence in the JSON plan: same count, unique
    UIDs, same UID set.

Prints one summary line and exits 0, or lists the problems and exits 1
(2 for usage or unreadable input).
"""

import json
import re
import sys

NAME = "check_raw"
MAX_OCTETS = 75
MAX_REPORTED = 25

TEXT_SINGLE = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "X-WR-CALNAME"}
TEXT_LIST = {"CATEGORIES"}
VALID_ESCAPES = set("\\;,nN")

NAME_RE = re.compile(r"[A-Za-z0-9-]+")
# param-value = paramtext / quoted-string (RFC 5545 3.1)
PARAM_RE = re.compile(r';([A-Za-z0-9-]+)=("[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
                      r'(?:,("[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*))*')
DTSTAMP_RE = re.compile(r"\d{8}T\d{6}Z")
CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
TERMINATOR_RE = re.compile(rb"\r\n|\n|\r")


class Problems:
    def __init__(self):
        self.items = []

    def add(self, msg):
        self.items.append(msg)

    def __bool__(self):
        return bool(self.items)


def die(msg, code=2):
    print(f"{NAME}: error: {msg}", file=sys.stderr)
    sys.exit(code)


def split_physical(data, p):
    """Split into physical lines at CRLF, bare LF or bare CR, and check that
    every terminator is CRLF."""
    if not data:
        p.add("file is empty")
        return []
    lines, bad = [], {"bare LF": [], "bare CR": []}
    pos = 0
    for m in TERMINATOR_RE.finditer(data):
        lines.append(data[pos:m.start()])
        if m.group(0) == b"\n":
            bad["bare LF"].append(len(lines))
        elif m.group(0) == b"\r":
            bad["bare CR"].append(len(lines))
        pos = m.end()
    if pos < len(data):
        lines.append(data[pos:])
        p.add(f"line {len(lines)}: last line has no CRLF terminator")
    for what, nos in bad.items():
        if nos:
            shown = ", ".join(str(n) for n in nos[:5]) + (", ..." if len(nos) > 5 else "")
            p.add(f"{len(nos)} line(s) end in {what} instead of CRLF (line {shown})")
    return lines


def check_physical(lines, p):
    folds = 0
    for no, line in enumerate(lines, 1):
        if len(line) > MAX_OCTETS:
            p.add(f"line {no}: {len(line)} octets, more than {MAX_OCTETS}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            where = ("at its start" if e.start <= 1 else
                     "at its end" if e.end >= len(line) else f"at octet {e.start}")
            p.add(f"line {no}: not valid UTF-8 on its own (broken sequence {where}: "
                  f"{line[max(0, e.start - 4):e.end + 4]!r}); a fold split a "
                  "multi-byte character, or the text is not UTF-8")
        if line == b"":
            p.add(f"line {no}: empty line")
        if line[:1] == b" ":
            folds += 1
            if no == 1:
                p.add("line 1: file starts with a continuation line")
        elif line[:1] == b"\t":
            p.add(f"line {no}: continuation line starts with TAB, expected one space")
    return folds


def unfold(lines):
    """Return [(first physical line number, unfolded str)]."""
    out = []
    for no, raw in enumerate(lines, 1):
        text = raw.decode("utf-8", errors="replace")
        if raw[:1] in (b" ", b"\t") and out:
            out[-1][1].append(text[1:])
        else:
            out.append((no, [text]))
    return [(no, "".join(parts)) for no, parts in out]


def parse_content_line(text):
    """name, params(dict name->raw value), value or None if malformed."""
    m = NAME_RE.match(text)
    if not m:
        return None
    name = m.group(0).upper()
    pos = m.end()
    params = {}
    while pos < len(text) and text[pos] == ";":
        pm = PARAM_RE.match(text, pos)
        if not pm:
            return None
        params[pm.group(1).upper()] = text[pm.start(2):pm.end()]
        pos = pm.end()
    if pos >= len(text) or text[pos] != ":":
        return None
    return name, params, text[pos + 1:]


def split_unescaped(value, sep):
    parts, cur, i = [], [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            cur.append(value[i:i + 2])
            i += 2
            continue
        if c == sep:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    parts.append("".join(cur))
    return parts


def check_text(no, name, value, single, p):
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1] if i + 1 < len(value) else ""
            if nxt not in VALID_ESCAPES or nxt == "":
                what = f"followed by {nxt!r}" if nxt else "at the end of the value"
                p.add(f"line {no}: {name}: backslash {what} "
                      f"(only \\\\ \\; \\, \\n \\N are allowed): ...{value[max(0, i - 15):i + 15]!r}...")
                i += 1
                continue
            i += 2
            continue
        if c == ";" or (single and c == ","):
            p.add(f"line {no}: {name}: unescaped {c!r} in TEXT value: "
                  f"...{value[max(0, i - 20):i + 20]!r}...")
        i += 1
    cm = CONTROL_RE.search(value)
    if cm:
        p.add(f"line {no}: {name}: control character {cm.group(0)!r} in TEXT value")


def check_structure(logical, p):
    """Walk the component tree. Returns list of VEVENT property dicts."""
    stack = []           # [(component name, {prop: [values]}, line no)]
    events = []
    calendars = 0
    for idx, (no, text) in enumerate(logical):
        parsed = parse_content_line(text)
        if parsed is None:
            p.add(f"line {no}: malformed content line: {text[:60]!r}")
            continue
        name, params, value = parsed
        if name == "BEGIN":
            comp = value.upper()
            if not stack and comp != "VCALENDAR":
                p.add(f"line {no}: BEGIN:{value} outside VCALENDAR")
            if comp == "VCALENDAR":
                calendars += 1
                if stack:
                    p.add(f"line {no}: nested VCALENDAR")
            stack.append((comp, {}, no))
            continue
        if name == "END":
            comp = value.upper()
            if not stack:
                p.add(f"line {no}: END:{value} without matching BEGIN")
                continue
            top, props, begin_no = stack.pop()
            if top != comp:
                p.add(f"line {no}: END:{value} closes BEGIN:{top} from line {begin_no}")
            if top == "VCALENDAR":
                check_calendar(begin_no, props, p)
            elif top == "VEVENT":
                check_event(begin_no, props, p)
                events.append(props)
            if not stack and idx != len(logical) - 1:
                p.add(f"line {logical[idx + 1][0]}: content after END:VCALENDAR")
            continue
        if not stack:
            p.add(f"line {no}: property {name} outside any component")
            continue
        stack[-1][1].setdefault(name, []).append((no, value))
        if name in TEXT_SINGLE:
            check_text(no, name, value, True, p)
        elif name in TEXT_LIST:
            for part in split_unescaped(value, ","):
                check_text(no, name, part, True, p)
        elif CONTROL_RE.search(value):
            p.add(f"line {no}: {name}: control character in value")
    for comp, _, begin_no in reversed(stack):
        p.add(f"line {begin_no}: BEGIN:{comp} is never closed (END missing)")
    if calendars != 1:
        p.add(f"expected exactly one VCALENDAR, found {calendars}")
    if logical and not logical[0][1].upper() == "BEGIN:VCALENDAR":
        p.add("line 1: file does not start with BEGIN:VCALENDAR")
    return events


def require_once(where, props, name, p):
    vals = props.get(name, [])
    if len(vals) != 1:
        p.add(f"{where}: {name} {'missing' if not vals else f'appears {len(vals)} times'}")
        return None
    return vals[0][1]


def check_calendar(no, props, p):
    where = f"VCALENDAR (line {no})"
    version = require_once(where, props, "VERSION", p)
    if version is not None and version != "2.0":
        p.add(f"{where}: VERSION is {version!r}, expected '2.0'")
    require_once(where, props, "PRODID", p)


def check_event(no, props, p):
    where = f"VEVENT at line {no}"
    uid = require_once(where, props, "UID", p)
    if uid is not None and not uid.strip():
        p.add(f"{where}: empty UID")
    stamp = require_once(where, props, "DTSTAMP", p)
    if stamp is not None and not DTSTAMP_RE.fullmatch(stamp):
        p.add(f"{where}: DTSTAMP {stamp!r} is not a UTC date-time (YYYYMMDDTHHMMSSZ)")
    require_once(where, props, "DTSTART", p)


def check_plan(events, plan, p):
    occ = plan.get("occurrences")
    if not isinstance(occ, list):
        p.add("plan JSON has no 'occurrences' list")
        return
    # What the year's changes dropped is published too, as cancelled.
    cancelled = plan.get("cancelled", [])
    status = {o.get("uid"): "CONFIRMED" for o in occ}
    status.update({o.get("uid"): "CANCELLED" for o in cancelled})
    sequence = {o.get("uid"): o.get("sequence", 0) for o in occ + cancelled}
    want = list(status)
    got = [props["UID"][0][1] for props in events if len(props.get("UID", [])) == 1]
    if len(events) != len(occ) + len(cancelled):
        p.add(f"{len(events)} VEVENTs in the .ics but {len(occ)} occurrences and "
              f"{len(cancelled)} cancelled in the plan JSON")
    for props in events:
        if len(props.get("UID", [])) != 1 or props["UID"][0][1] not in status:
            continue
        no, uid = props["UID"][0]
        got_status = props.get("STATUS", [(no, "CONFIRMED")])[0][1]
        if got_status != status[uid]:
            p.add(f"line {no}: {uid}: STATUS {got_status}, the plan says {status[uid]}")
        got_seq = props.get("SEQUENCE", [(no, "0")])[0][1]
        if got_seq != str(sequence[uid]):
            p.add(f"line {no}: {uid}: SEQUENCE {got_seq}, the plan says {sequence[uid]}")
    seen = {}
    for props in events:
        if len(props.get("UID", [])) != 1:
            continue
        no, uid = props["UID"][0]
        if uid in seen:
            p.add(f"line {no}: duplicate UID {uid!r} (first at line {seen[uid]})")
        else:
            seen[uid] = no
    missing = sorted(set(want) - set(got), key=str)
    extra = sorted(set(got) - set(want))
    if missing:
        p.add(f"{len(missing)} plan UID(s) have no VEVENT, e.g. {missing[:3]}")
    if extra:
        p.add(f"{len(extra)} VEVENT UID(s) are not in the plan, e.g. {extra[:3]}")


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
    except (OSError, ValueError) as e:
        die(f"cannot read plan JSON {json_path}: {e}")

    p = Problems()
    if data.startswith(b"\xef\xbb\xbf"):
        p.add("file starts with a UTF-8 byte order mark (BOM)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        p.add(f"file is not valid UTF-8: octet {e.start}: {data[max(0, e.start - 10):e.end + 10]!r}")

    lines = split_physical(data, p)
    folds = check_physical(lines, p)
    logical = unfold(lines)
    if data.startswith(b"\xef\xbb\xbf") and logical:
        logical[0] = (1, logical[0][1].lstrip("\ufeff"))
    events = check_structure(logical, p)
    check_plan(events, plan, p)

    if p:
        print(f"{NAME}: FAIL: {ics_path}: {len(p.items)} problem(s)", file=sys.stderr)
        for msg in p.items[:MAX_REPORTED]:
            print(f"  {msg}", file=sys.stderr)
        if len(p.items) > MAX_REPORTED:
            print(f"  ... and {len(p.items) - MAX_REPORTED} more", file=sys.stderr)
        return 1
    longest = max((len(l) for l in lines), default=0)
    print(f"{NAME}: {len(events)} events ok ({len(lines)} lines, {folds} folded, "
          f"longest {longest} octets, CRLF, UTF-8)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
