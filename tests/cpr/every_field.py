#!/usr/bin/env python3
"""The CPR corpus against every field of every command and of the rules (tests/cpr/every_field.sh).

usage: every_field.py TILSYN [--jobs N] [--identifiers] [--every N] [--only TEXT] [--group G]
                       [--keep]

Every variant of variants.txt, alone and inside a sentence ("Borger <variant> ringede"), is
offered to one field at a time; the command must exit 2, name the field (the flag; file:line:col
and the key; the CSV row and column), not repeat the number on either output stream (compared
as digits: ASCII and every Unicode decimal digit, after NFKC), and store nothing (`tilsyn
verify` prints the same count and head as before, the key file is unchanged; for the rules:
`validate` and `plan` both refuse). Every trap of traps.txt, alone and in the sentence, must be
accepted in the free-text fields of record (flags, record file), import, correct, rerate,
rotate-key, the case list and the rules, and be found in the log afterwards.

Before the corpus, each field is tried once with its ordinary value (the "control"), which must
be accepted: a refusal is then the variant's doing, not a broken template.

Groups of fields:
  free-text    notes, descriptions, reasons, names, case numbers, ... (the CPR guard's fields)
  toml-string  every other string value of a record file, a register or the policy: one check
               (TableReader::string) guards them all, so a CPR number there is refused too
  identifier   (only with --identifiers) flags and CSV columns that are not text at all (area,
               leader, date, counts, axis, ...) and the closing days' keys: any value with a CPR
               number is invalid there anyway; checked that the refusal stores nothing and does
               not repeat the number
"""

import argparse
import collections
import concurrent.futures
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
MINIMAL = os.path.join(TESTS, "golden", "fixtures", "minimal")
TODAY = "2027-03-15"
SENTENCE = "Borger {} ringede"
TIMEOUT = 60  # seconds for one run of tilsyn


# ---------------------------------------------------------------------------------------------
# The corpus


def decode(line):
    """A corpus line with \\t, \\n, \\uXXXX and \\UXXXXXXXX made into their characters, exactly
    as tests/unit/base/cpr_corpus_test.cpp reads it."""
    out = []
    i = 0
    while i < len(line):
        c = line[i]
        if c != "\\" or i + 1 == len(line):
            out.append(c)
            i += 1
            continue
        kind = line[i + 1]
        i += 2
        if kind == "t":
            out.append("\t")
        elif kind == "n":
            out.append("\n")
        elif kind in "uU":
            n = 4 if kind == "u" else 8
            out.append(chr(int(line[i:i + n], 16)))
            i += n
        else:
            out.append("\\" + kind)
    return "".join(out)


def corpus(name):
    """[(the line as written, the text)] of a corpus file; '#' lines and empty lines skipped."""
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    return [(line, decode(line)) for line in lines if line and not line.startswith("#")]


def digits(text):
    """The decimal digits of a text, ASCII and Unicode alike (after NFKC), as ASCII digits."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        d = unicodedata.decimal(ch, None)
        if d is not None:
            out.append(str(d))
    return "".join(out)


def shown(text, limit=300):
    """A text on one line for a report: control, format and space characters escaped."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == " " or (ch.isprintable() and unicodedata.category(ch) not in ("Zs", "Cf")):
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            out.append("\\U%08x" % ord(ch))
        else:
            out.append("\\u%04x" % ord(ch))
    s = "".join(out)
    return s if len(s) <= limit else s[:limit] + "..."


# ---------------------------------------------------------------------------------------------
# Writing values into files


def toml_str(s):
    """A TOML basic string holding s: the characters as they are, but quotes, backslashes,
    line breaks and other control characters escaped (a tab may stand as it is)."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch != "\t" and (ord(ch) < 0x20 or ord(ch) == 0x7F):
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def csv_cell(s):
    return '"' + s.replace('"', '""') + '"'


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def render(template, values):
    """The TOML template's lines with each {key} replaced by the TOML string of values[key];
    returns the text and {key: (line, column)} of each value's opening quote (1-based)."""
    lines, places = [], {}
    for n, line in enumerate(template, 1):
        m = re.search(r"\{(\w+)\}", line)
        if m:
            key = m.group(1)
            places[key] = (n, m.start() + 1)
            line = line[:m.start()] + toml_str(values[key]) + line[m.end():]
        lines.append(line)
    return "\n".join(lines) + "\n", places


# ---------------------------------------------------------------------------------------------
# Inputs: the record file, the import files, the case list, the rules

RECORD = [
    "# every_field.py: one supervision with a finding and an action",
    "area       = {area}",
    "date       = 2027-03-01",
    "leader     = {leader}",
    "occurrence = {occurrence}",
    "cases      = 6",
    "note       = {note}",
    "",
    "[errors]",
    "sagsbehandling = 1",
    "",
    "[[findings]]",
    "case        = {case}",
    "axis        = {axis}",
    "category    = {category}",
    "severity    = {severity}",
    "amount      = {amount}",
    "description = {description}",
    "",
    "[[actions]]",
    "text  = {text}",
    "owner = {owner}",
    "due   = 2027-04-30",
]
RECORD_VALUES = {
    "area": "bc-sygedagpenge", "leader": "ahl", "occurrence": "2027-M03", "note": "Stikprøve",
    "case": "2027-000101", "axis": "sagsbehandling", "category": "partshøring",
    "severity": "mindre", "amount": "12.500,50", "description": "Mangler", "text": "Ret sagen",
    "owner": "ahl",
}

RECORD_SAMPLE = [
    "# every_field.py: a supervision of a sample drawn from cases.csv",
    "area = {area}",
    "date = 2027-03-12",
    "note = {note}",
    "",
    "[sample]",
    "cases_file = {cases_file}",
    "seed       = {seed}",
]
RECORD_SAMPLE_VALUES = {"area": "bc-sygedagpenge", "note": "Stikprøve", "cases_file": "cases.csv",
                        "seed": "frø-1"}

# For the traps: an ad hoc supervision (any number of them fit in one log).
TRAP_RECORD = [
    "area   = \"bc-enkeltydelser\"",
    "date   = 2027-03-01",
    "ad_hoc = true",
    "cases  = 4",
    "note   = {note}",
    "",
    "[[findings]]",
    "case        = {case}",
    "axis        = \"statsrefusion\"",
    "category    = {category}",
    "severity    = \"mindre\"",
    "description = {description}",
    "",
    "[[actions]]",
    "text  = {text}",
    "owner = {owner}",
    "due   = 2027-04-30",
]

IMPORT_FILES = {
    "sup.csv": (["ref", "area", "date", "leader", "occurrence", "cases", "errors_sagsbehandling",
                 "errors_statsrefusion", "note"],
                ["s1", "bc-sygedagpenge", "2027-03-01", "ahl", "2027-M03", "6", "1", "0",
                 "Stikprøve"]),
    "fin.csv": (["supervision", "case", "axis", "category", "severity", "amount", "description"],
                ["s1", "2027-000101", "sagsbehandling", "partshøring", "mindre", "12.500,50",
                 "Mangler"]),
    "act.csv": (["supervision", "text", "owner", "due"], ["s1", "Ret sagen", "ahl", "2027-04-30"]),
}
IMPORT_ARGS = ["import", "--supervisions", "sup.csv", "--findings", "fin.csv", "--actions",
               "act.csv"]


def write_import(d, changes):
    """The three import files with one data row each; changes: {(file, column): value}."""
    for name, (header, row) in IMPORT_FILES.items():
        row = [changes.get((name, col), v) for col, v in zip(header, row)]
        write(os.path.join(d, name),
              ",".join(header) + "\n" + ",".join(csv_cell(v) for v in row) + "\n")


CASES = ["2026-%06d" % (700001 + 37 * i) for i in range(40)]


def write_case_list(path, header2="note", row3=None, note3=None):
    """A case list of 40 cases (header "sagsnummer,<header2>"); the case number and the note of
    row 3 (the second case) may be given."""
    lines = ["sagsnummer," + csv_cell(header2)]
    for i, case in enumerate(CASES):
        ref, note = case, ""
        if i == 1:
            ref = row3 if row3 is not None else case
            note = note3 if note3 is not None else ""
        lines.append(csv_cell(ref) + "," + csv_cell(note))
    write(path, "\n".join(lines) + "\n")


# The rules fields are the fixture's (tests/golden/fixtures/minimal), with a colour and a
# cadence override on the last assessment and the policy tables that hold strings added.
CENTER_EXTRA = ('  colour  = { value = "red", reason = "Ny lovgivning" }\n'
                '  cadence = { value = "monthly", reason = "Ny lovgivning" }\n')
POLICY_EXTRA = ('\n[reminders]\nfrom     = "tilsyn@test.example"\n'
                'sendmail = "/usr/sbin/sendmail -t -oi"\n'
                '\n[sampling]\nmethod = "fixed"\n'
                '\n[blackout]\nperiods = [{ from = "12-22", to = "01-02" }]\n')


def rules_texts():
    with open(os.path.join(MINIMAL, "center.toml"), encoding="utf-8") as f:
        center = f.read()
    with open(os.path.join(MINIMAL, "policy.toml"), encoding="utf-8") as f:
        policy = f.read()
    assert center.rstrip("\n").endswith('reason = "Få fejl ved seneste tilsyn."'), \
        "the fixture's register no longer ends with the assessment the overrides go into"
    return {"center.toml": center.rstrip("\n") + "\n" + CENTER_EXTRA,
            "policy.toml": policy.rstrip("\n") + "\n" + POLICY_EXTRA}


def replace_string(text, line_re, nth, key, value, as_key=False):
    """text with the string value of `key` on the nth line matching line_re replaced by value's
    TOML string (or, with as_key, the key itself); returns the text, line and column."""
    lines = text.split("\n")
    seen = -1
    for n, line in enumerate(lines):
        if not re.search(line_re, line):
            continue
        seen += 1
        if seen != nth:
            continue
        m = re.search(r"(?:^|[\s{,])(" + re.escape(key) + r")\s*=\s*(\"[^\"]*\")", line)
        assert m, "no %s on line %d" % (key, n + 1)
        start, end = (m.start(1), m.end(1)) if as_key else (m.start(2), m.end(2))
        lines[n] = line[:start] + toml_str(value) + line[end:]
        return "\n".join(lines), n + 1, start + 1
    raise AssertionError("no line %d matching %s" % (nth, line_re))


# ---------------------------------------------------------------------------------------------
# The fields


class Field:
    """One place a text can come in. kind: "log" (a command that writes the log), "read" (a
    command that only reads: sample) or "rules". build(dir, value) writes what the run needs
    into dir and returns (args, env, places); places is a list of alternatives, each a list of
    texts that must all be on one line of the message."""

    def __init__(self, group, name, kind, default, build):
        self.group, self.name, self.kind, self.default, self.build = (group, name, kind, default,
                                                                       build)


def flag_field(group, name, kind, default, args_of, place, env_of=None):
    def build(d, v):
        return args_of(v), (env_of(v) if env_of else {}), place

    return Field(group, name, kind, default, build)


def record_file_field(group, key, template=RECORD, values=RECORD_VALUES, shown_key=None):
    def build(d, v):
        text, places = render(template, dict(values, **{key: v}))
        write(os.path.join(d, "rec.toml"), text)
        line, col = places[key]
        return (["record", "--file", "rec.toml"], {},
                [["rec.toml:%d:%d:" % (line, col), shown_key or key]])

    return Field(group, "record file: " + (shown_key or key), "log", values[key], build)


def import_field(group, file, column):
    header, row = IMPORT_FILES[file]
    index = header.index(column)

    def build(d, v):
        write_import(d, {(file, column): v})
        return IMPORT_ARGS, {}, [["%s: row 2, column %d (%s):" % (file, index + 1, column)]]

    return Field(group, "import %s: %s" % (file, column), "log", row[index], build)


def case_list_field(group, command, where):
    """A CPR number in the case list: the case number or the note of row 3, or the header."""
    def build(d, v):
        if where == "case":
            write_case_list(os.path.join(d, "cl.csv"), row3=v)
            place = "cl.csv: row 3: column 1 (sagsnummer):"
        elif where == "note":
            write_case_list(os.path.join(d, "cl.csv"), note3=v)
            place = "cl.csv: row 3: column 2 (note):"
        else:
            write_case_list(os.path.join(d, "cl.csv"), header2=v)
            place = "cl.csv: row 1: the header"
        if command == "sample":
            args = ["sample", "bc-sygedagpenge", "--cases", "cl.csv"]
        else:
            args = ["record", "--area", "bc-sygedagpenge", "--date", "2027-03-12", "--sample",
                    "cl.csv"]
        return args, {}, [[place]]

    default = {"case": CASES[1], "note": "", "header": "note"}[where]
    label = {"case": "case number", "note": "another column", "header": "the header"}[where]
    return Field(group, "case list (%s): %s" % (command, label),
                 "read" if command == "sample" else "log", default, build)


def rules_field(group, name, file, line_re, nth, key, default, as_key=False, shown_key=None):
    def build(d, v):
        texts = rules_texts()
        texts[file], line, col = replace_string(texts[file], line_re, nth, key, v, as_key)
        for f, t in texts.items():
            write(os.path.join(d, "rx", f), t)
        return None, {}, [["rx/%s:%d:%d:" % (file, line, col),
                                 key if shown_key is None else shown_key]]

    return Field(group, name, "rules", default, build)


RECORD_FLAGS = {"--area": "bc-sygedagpenge", "--date": "2027-03-01", "--cases": "6",
                "--leader": "ahl", "--occurrence": "2027-M03", "--errors-sagsbehandling": "1",
                "--errors-statsrefusion": "0", "--note": "Stikprøve"}


def record_flags(flag, v):
    args = ["record"]
    for f, value in RECORD_FLAGS.items():
        args += [f, v if f == flag else value]
    return args


def fields():
    F, T, I = "free-text", "toml-string", "identifier"
    out = [
        # Command-line flags
        flag_field(F, "record --note", "log", "Stikprøve",
                   lambda v: record_flags("--note", v), [["--note:"]]),
        flag_field(F, "record --sample --seed", "log", "frø-1",
                   lambda v: ["record", "--area", "bc-sygedagpenge", "--date", "2027-03-12",
                              "--sample", "cases.csv", "--seed", v], [["--seed:"]]),
        flag_field(F, "sample --seed", "read", "frø-1",
                   lambda v: ["sample", "bc-sygedagpenge", "--cases", "cases.csv", "--seed", v],
                   [["--seed:"]]),
        flag_field(F, "rerate --accept --reason", "log", "Enig",
                   lambda v: ["rerate", "--accept", "bc-boligstoette", "--reason", v],
                   [["--reason:"]]),
        flag_field(F, "rerate --set --reason", "log", "Ny lovgivning",
                   lambda v: ["rerate", "--set", "bc-boligstoette", "gul", "--reason", v],
                   [["--reason:"]]),
        flag_field(F, "rerate --set --by", "log", "Mette Holm",
                   lambda v: ["rerate", "--set", "bc-boligstoette", "gul", "--reason",
                              "Ny lovgivning", "--by", v], [["--by:"]]),
        flag_field(F, "rerate --set, $TILSYN_USER", "log", "mette",
                   lambda v: ["rerate", "--set", "bc-boligstoette", "gul", "--reason",
                              "Ny lovgivning"], [["--by:"], ["TILSYN_USER"]],
                   env_of=lambda v: {"TILSYN_USER": v}),
        flag_field(F, "correct --reason", "log", "Forkert område",
                   lambda v: ["correct", "2", "--reason", v], [["--reason:"]]),
        flag_field(F, "rotate-key --reason", "log", "En fratrådt kunne læse nøglen",
                   lambda v: ["rotate-key", "--reason", v], [["--reason:"]]),
        # The record file
        record_file_field(F, "note"),
        record_file_field(F, "case"),
        record_file_field(F, "category"),
        record_file_field(F, "description"),
        record_file_field(F, "text"),
        record_file_field(F, "owner"),
        record_file_field(F, "seed", RECORD_SAMPLE, RECORD_SAMPLE_VALUES),
        # Import
        import_field(F, "sup.csv", "note"),
        import_field(F, "fin.csv", "case"),
        import_field(F, "fin.csv", "category"),
        import_field(F, "fin.csv", "description"),
        import_field(F, "act.csv", "text"),
        import_field(F, "act.csv", "owner"),
        # The case list (sample, record --sample)
        case_list_field(F, "sample", "case"),
        case_list_field(F, "sample", "note"),
        case_list_field(F, "sample", "header"),
        case_list_field(F, "record --sample", "case"),
        case_list_field(F, "record --sample", "note"),
        # The register
        rules_field(F, "register: center name", "center.toml", r"^name\s*=", 0, "name",
                    "Borgercenter"),
        rules_field(F, "register: leader name", "center.toml", r"^name\s*=", 1, "name",
                    "Anne Holm"),
        rules_field(F, "register: area name", "center.toml", r"^name\s*=", 3, "name",
                    "Sygedagpenge"),
        rules_field(F, "register: focus", "center.toml", r"^focus\s*=", 0, "focus",
                    "Rettidig opfølgning"),
        rules_field(F, "register: assessment reason", "center.toml", r"^\s+reason\s*=", 0,
                    "reason", "Mange for sene opfølgninger."),
        rules_field(F, "register: colour override reason", "center.toml", r"^\s*colour\s*=", 0,
                    "reason", "Ny lovgivning"),
        rules_field(F, "register: cadence override reason", "center.toml", r"^\s*cadence\s*=", 0,
                    "reason", "Ny lovgivning"),
        # The policy's free texts
        rules_field(F, "policy: closing day name", "policy.toml", r'^"12-24"', 0, '"12-24"',
                    "Juleaftensdag", shown_key="12-24"),
        rules_field(F, "policy: ics calendar_name", "policy.toml", r"^calendar_name", 0,
                    "calendar_name", "Ledelsestilsyn"),
        # Every other string of a record file
        record_file_field(T, "area"),
        record_file_field(T, "leader"),
        record_file_field(T, "occurrence"),
        record_file_field(T, "axis"),
        record_file_field(T, "severity"),
        record_file_field(T, "amount"),
        record_file_field(T, "cases_file", RECORD_SAMPLE, RECORD_SAMPLE_VALUES,
                          shown_key="cases_file"),
        # ... of the register
        rules_field(T, "register: center id", "center.toml", r"^id\s*=", 0, "id", "bc"),
        rules_field(T, "register: leader id", "center.toml", r"^id\s*=", 1, "id", "ahl"),
        rules_field(T, "register: leader email", "center.toml", r"^email\s*=", 0, "email",
                    "ahl@test.example"),
        rules_field(T, "register: area id", "center.toml", r"^id\s*=", 3, "id",
                    "bc-sygedagpenge"),
        rules_field(T, "register: area kind", "center.toml", r"^kind\s*=", 0, "kind",
                    "målgruppe"),
        rules_field(T, "register: area leader", "center.toml", r"^leader\s*=", 0, "leader",
                    "ahl"),
        rules_field(T, "register: colour override value", "center.toml", r"^\s*colour\s*=", 0,
                    "value", "red"),
        rules_field(T, "register: cadence override value", "center.toml", r"^\s*cadence\s*=", 0,
                    "value", "monthly"),
        # ... and of the policy
        rules_field(T, "policy: rating method", "policy.toml", r"^method\s*=", 0, "method",
                    "product"),
        rules_field(T, "policy: cadence red", "policy.toml", r"^red\s*=", 0, "red", "monthly"),
        rules_field(T, "policy: ics uid_domain", "policy.toml", r"^uid_domain", 0, "uid_domain",
                    "tilsyn.test.example"),
        rules_field(T, "policy: ics reminder time", "policy.toml", r"^reminder\s*=", 0, "time",
                    "09:00"),
        rules_field(T, "policy: reminders from", "policy.toml", r"^from\s*=", 0, "from",
                    "tilsyn@test.example"),
        rules_field(T, "policy: reminders sendmail", "policy.toml", r"^sendmail\s*=", 0,
                    "sendmail", "/usr/sbin/sendmail -t -oi"),
        rules_field(T, "policy: sampling method", "policy.toml", r"^method\s*=", 1, "method",
                    "fixed"),
        rules_field(T, "policy: blackout period from", "policy.toml", r"^periods\s*=", 0, "from",
                    "12-22"),
        rules_field(T, "policy: blackout period to", "policy.toml", r"^periods\s*=", 0, "to",
                    "01-02"),
    ]
    # Not text at all: flags and columns whose values are ids, dates, counts and words.
    for flag in ["--area", "--date", "--cases", "--leader", "--occurrence",
                 "--errors-sagsbehandling", "--errors-statsrefusion"]:
        out.append(flag_field(I, "record " + flag, "log", RECORD_FLAGS[flag],
                              lambda v, flag=flag: record_flags(flag, v), [[flag + ":"]]))
    out += [
        flag_field(I, "rerate --accept AREA", "log", "bc-boligstoette",
                   lambda v: ["rerate", "--accept", v, "--reason", "Enig"], [["--accept:"]]),
        flag_field(I, "rerate --set AREA", "log", "bc-boligstoette",
                   lambda v: ["rerate", "--set", v, "gul", "--reason", "Enig"], [["--set:"]]),
        flag_field(I, "rerate --set COLOUR", "log", "gul",
                   lambda v: ["rerate", "--set", "bc-boligstoette", v, "--reason", "Enig"],
                   [["--set:"]]),
        flag_field(I, "correct ENTRY", "log", "2",
                   lambda v: ["correct", v, "--reason", "Forkert område"], [["--entry:"]]),
        flag_field(I, "sample AREA", "read", "bc-sygedagpenge",
                   lambda v: ["sample", v, "--cases", "cases.csv"], [["sample:"], ["--area:"]]),
        flag_field(I, "sample --occurrence", "read", "2027-M03",
                   lambda v: ["sample", "bc-sygedagpenge", "--cases", "cases.csv",
                              "--occurrence", v], [["--occurrence:"]]),
        flag_field(I, "sample --size", "read", "5",
                   lambda v: ["sample", "bc-sygedagpenge", "--cases", "cases.csv", "--size", v],
                   [["--size:"]]),
    ]
    for file, column in [("sup.csv", "area"), ("sup.csv", "date"), ("sup.csv", "leader"),
                         ("sup.csv", "occurrence"), ("sup.csv", "cases"),
                         ("sup.csv", "errors_sagsbehandling"), ("sup.csv", "errors_statsrefusion"),
                         ("fin.csv", "supervision"), ("fin.csv", "axis"),
                         ("fin.csv", "severity"), ("fin.csv", "amount"),
                         ("act.csv", "supervision"), ("act.csv", "due")]:
        out.append(import_field(I, file, column))
    out.append(rules_field(I, "policy: closing day key", "policy.toml", r'^"12-24"', 0, '"12-24"',
                           "12-24", as_key=True, shown_key="closing day"))
    return out


# ---------------------------------------------------------------------------------------------
# Running tilsyn


class Runner:
    def __init__(self, tilsyn):
        self.tilsyn = tilsyn
        self.runs = 0
        self.lock = threading.Lock()
        env = {k: v for k, v in os.environ.items() if not k.startswith("TILSYN_")}
        env.update({"TZ": "Europe/Copenhagen", "LC_ALL": "C.UTF-8", "TILSYN_USER": "mette",
                    "TILSYN_TEST_RECORDED_AT": "2026-12-01T09:00:00Z"})
        self.env = env

    def run(self, d, args, rules="rules", env=None):
        """tilsyn --rules RULES --db t.db --today TODAY ARGS in directory d."""
        e = dict(self.env, TILSYN_SIGNING_KEY=os.path.join(d, "t.key"))
        e.update(env or {})
        argv = [self.tilsyn, "--rules", rules, "--db", "t.db", "--today", TODAY] + args
        with self.lock:
            self.runs += 1
        try:
            p = subprocess.run(argv, cwd=d, env=e, stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return -999, "", "(no answer within %d s)" % TIMEOUT
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"))

    def head(self, d):
        rc, out, err = self.run(d, ["verify"])
        first = out.split("\n", 1)[0]
        return first if rc == 0 else "verify exit %d: %s" % (rc, shown(err.strip(), 200))


def count_of(head_line):
    m = re.match(r"(\d+) entries verified; head [0-9a-f]{64}$", head_line)
    return int(m.group(1)) if m else None


def posts(stdout):
    """N of the "Loggens hoved: HASH (N poster)" a writing command prints."""
    m = re.search(r"Loggens hoved: [0-9a-f]{64} \((\d+) poster\)", stdout)
    return int(m.group(1)) if m else None


def exit_text(rc):
    if rc == 0:
        return "accepted (exit 0)"
    if rc == 3:
        return "internal error (exit 3)"
    if rc == -999:
        return "hung"
    if rc < 0:
        return "killed by signal %d" % -rc
    return "exit %d" % rc


# ---------------------------------------------------------------------------------------------
# Working directories


def make_template(runner, root):
    """rules/ (the fixture), cases.csv (40 cases), and a log with one valid supervision (whose
    error rate proposes a re-rating of bc-boligstoette) signed with t.key."""
    d = os.path.join(root, "template")
    os.makedirs(d)
    shutil.copytree(MINIMAL, os.path.join(d, "rules"))
    os.makedirs(os.path.join(d, "rx"))
    write_case_list(os.path.join(d, "cases.csv"))
    rc, out, err = runner.run(d, ["record", "--area", "bc-boligstoette", "--date", "2027-01-05",
                                  "--cases", "3", "--errors-sagsbehandling", "1", "--note",
                                  "Opstart"])
    if rc != 0:
        sys.exit("every_field: the log could not be made (exit %d): %s" % (rc, err.strip()))
    head = runner.head(d)
    if count_of(head) != 2:
        sys.exit("every_field: unexpected log after one record: " + head)
    return d, head


class Worker:
    """One directory with its own copy of the template, for one job at a time."""

    def __init__(self, template, path):
        shutil.copytree(template, path)
        self.dir = path
        with open(os.path.join(path, "t.db"), "rb") as f:
            self.db = f.read()
        with open(os.path.join(path, "t.key"), "rb") as f:
            self.key = f.read()

    def key_now(self):
        try:
            with open(os.path.join(self.dir, "t.key"), "rb") as f:
                return f.read()
        except OSError:
            return None

    def restore(self):
        for name in ("t.db-wal", "t.db-shm", "t.db-journal", "t.key.new"):
            try:
                os.remove(os.path.join(self.dir, name))
            except FileNotFoundError:
                pass
        with open(os.path.join(self.dir, "t.db"), "wb") as f:
            f.write(self.db)
        with open(os.path.join(self.dir, "t.key"), "wb") as f:
            f.write(self.key)


# ---------------------------------------------------------------------------------------------
# Checks


def names_field(err, places):
    lines = err.split("\n")
    return any(any(all(p in line for p in alt) for line in lines) for alt in places)


def first_line(err):
    for line in err.split("\n"):
        if line.strip():
            return line.strip()
    return "(nothing on standard error)"


def echoes(value, out, err):
    """Where the output repeats the number (its digits, or the text as given): the line that
    does, or the first line when it is spread over several; None when it does not."""
    number = digits(value)
    both = err + "\n" + out
    if not ((len(number) >= 10 and number in digits(both)) or value.strip() in both):
        return None
    for line in both.split("\n"):
        if (len(number) >= 10 and number in digits(line)) or value.strip() in line:
            return line.strip()
    return first_line(both)


def place_text(places):
    return " or ".join(" ... ".join(alt) for alt in places)


def check_refusal(runner, field, value, w, baseline):
    """The problems with offering value to field (empty: refused as it must be)."""
    problems = []
    args, env, places = field.build(w.dir, value)
    if field.kind == "rules":
        for command in (["validate"], ["plan", "--year", "2027"]):
            rc, out, err = runner.run(w.dir, command, rules="rx", env=env)
            what = command[0]
            if rc != 2:
                problems.append("%s: %s, expected exit 2 (%s)" % (what, exit_text(rc),
                                                                  shown(first_line(err), 200)))
            if rc != 0 and command == ["validate"] and not names_field(err, places):
                problems.append("validate: the message does not name the field (%s): %s"
                                % (place_text(places), shown(first_line(err), 200)))
            echo = echoes(value, out, err)
            if echo is not None:
                problems.append("%s: the output repeats the number: %s"
                                % (what, shown(echo, 200)))
        return problems
    rc, out, err = runner.run(w.dir, args, env=env)
    if rc != 2:
        problems.append("%s, expected exit 2 (%s)" % (exit_text(rc), shown(first_line(err), 200)))
    if rc != 0 and not names_field(err, places):
        problems.append("the message does not name the field (%s): %s"
                        % (place_text(places), shown(first_line(err), 200)))
    echo = echoes(value, out, err)
    if echo is not None:
        problems.append("the output repeats the number: %s" % shown(echo, 200))
    if field.kind == "log":
        head = runner.head(w.dir)
        key = w.key_now()
        if head != baseline or key != w.key or os.path.exists(os.path.join(w.dir, "t.key.new")):
            if head != baseline:
                problems.append("stored: verify now says '%s' (before: %d entries)"
                                % (head, count_of(baseline)))
            if key != w.key:
                problems.append("the signing key was replaced")
            if os.path.exists(os.path.join(w.dir, "t.key.new")):
                problems.append("a new key was left beside the key file")
            w.restore()
    return problems


def check_control(runner, field, template, root, n):
    """The field with its ordinary value: accepted, so that its template is sound."""
    d = os.path.join(root, "control-%d" % n)
    shutil.copytree(template, d)
    args, env, _ = field.build(d, field.default)
    if field.kind == "rules":
        problems = []
        for command in (["validate"], ["plan", "--year", "2027"]):
            rc, out, err = runner.run(d, command, rules="rx", env=env)
            if rc != 0:
                problems.append("%s: %s: %s" % (command[0], exit_text(rc),
                                                shown(first_line(err), 200)))
        return problems
    rc, out, err = runner.run(d, args, env=env)
    if rc != 0:
        return ["%s: %s" % (exit_text(rc), shown(first_line(err), 300))]
    if field.kind == "log" and posts(out) is None:
        return ["accepted but printed no head line: " + shown(out, 200)]
    return []


# ---------------------------------------------------------------------------------------------
# Traps


class TrapWorker:
    """A log of its own, to which every accepted trap is appended."""

    def __init__(self, template, path, runner):
        shutil.copytree(template, path)
        self.dir, self.runner = path, runner
        self.entries = 2
        self.colour = "grøn"  # bc-boligstoette's colour in force (the register's)
        self.expected = []  # (what, text) that must be in the log

    def write_run(self, what, args, value, more, copies, env=None, rules="rules"):
        """Runs args, which must be accepted and append `more` entries holding the value
        `copies` times (in as many fields)."""
        rc, out, err = self.runner.run(self.dir, args, rules=rules, env=env)
        if rc != 0:
            return ["%s: refused (%s): %s" % (what, exit_text(rc), shown(first_line(err), 300))]
        if more:
            n = posts(out)
            if n != self.entries + more:
                return ["%s: accepted, but the log has %s entries, expected %d"
                        % (what, n, self.entries + more)]
            self.entries = n
            self.expected.append((what, value, copies))
        return []

    def check(self, value):
        problems = []
        d = self.dir
        # record --note, then correct --reason on that supervision
        args = ["record", "--area", "bc-enkeltydelser", "--date", "2027-03-01", "--ad-hoc",
                "--cases", "3", "--note", value]
        p = self.write_run("record --note", args, value, 1, 1)
        problems += p
        if not p:
            problems += self.write_run("correct --reason",
                                       ["correct", str(self.entries), "--reason", value], value, 1,
                                       1)
        # the record file: note, case, category, description, action text and owner
        text, _ = render(TRAP_RECORD, {k: value for k in ("note", "case", "category",
                                                          "description", "text", "owner")})
        write(os.path.join(d, "trap.toml"), text)
        problems += self.write_run("record file (note, case, category, description, text, "
                                   "owner)", ["record", "--file", "trap.toml"], value, 3, 6)
        # import: the same six columns
        write_import(d, {("sup.csv", "area"): "bc-enkeltydelser", ("sup.csv", "leader"): "",
                         ("sup.csv", "occurrence"): "ad-hoc", ("sup.csv", "note"): value,
                         ("fin.csv", "case"): value, ("fin.csv", "category"): value,
                         ("fin.csv", "description"): value, ("act.csv", "text"): value,
                         ("act.csv", "owner"): value, ("act.csv", "due"): "2027-04-30"})
        problems += self.write_run("import (note, case, category, description, text, owner)",
                                   IMPORT_ARGS, value, 3, 6)
        # rerate --set --reason --by
        to = "gul" if self.colour == "grøn" else "grøn"
        p = self.write_run("rerate --set --reason --by",
                           ["rerate", "--set", "bc-boligstoette", to, "--reason", value, "--by",
                            value], value, 1, 2)
        problems += p
        if not p:
            self.colour = to
        # rotate-key --reason
        problems += self.write_run("rotate-key --reason", ["rotate-key", "--reason", value],
                                   value, 1, 1)
        # the case list: the trap as a case number and in another column; and as the seed
        write_case_list(os.path.join(d, "tl.csv"), row3=value, note3=value)
        problems += self.write_run("sample (case list: case number, note; --seed)",
                                   ["sample", "bc-sygedagpenge", "--cases", "tl.csv", "--seed",
                                    value], value, 0, 0)
        problems += self.write_run("record --sample --seed (case list: case number, note)",
                                   ["record", "--area", "bc-enkeltydelser", "--date", "2027-03-01",
                                    "--ad-hoc", "--sample", "tl.csv", "--seed", value],
                                   value, 1, 1)
        # the rules: every free text of the register, a closing day's name, the calendar's name
        texts = rules_texts()
        for line_re, nth, key in [(r"^name\s*=", 0, "name"), (r"^name\s*=", 1, "name"),
                                  (r"^name\s*=", 2, "name"), (r"^name\s*=", 3, "name"),
                                  (r"^name\s*=", 4, "name"), (r"^name\s*=", 5, "name"),
                                  (r"^focus\s*=", 0, "focus"), (r"^focus\s*=", 1, "focus"),
                                  (r"^\s+reason\s*=", 0, "reason"),
                                  (r"^\s+reason\s*=", 2, "reason"),
                                  (r"^\s*colour\s*=", 0, "reason"),
                                  (r"^\s*cadence\s*=", 0, "reason")]:
            texts["center.toml"] = replace_string(texts["center.toml"], line_re, nth, key,
                                                  value)[0]
        texts["policy.toml"] = replace_string(texts["policy.toml"], r'^"12-24"', 0, '"12-24"',
                                              value)[0]
        texts["policy.toml"] = replace_string(texts["policy.toml"], r"^calendar_name", 0,
                                              "calendar_name", value)[0]
        for f, t in texts.items():
            write(os.path.join(d, "rx", f), t)
        for command in (["validate"], ["plan", "--year", "2027"]):
            problems += self.write_run("rules (%s): names, focus, reasons, closing day, "
                                       "calendar_name" % command[0], command, value, 0, 0,
                                       rules="rx")
        return problems

    def finish(self):
        """The log verifies and holds every trap that was accepted, as it was given."""
        head = self.runner.head(self.dir)
        if count_of(head) != self.entries:
            return ["the trap log: verify says '%s', expected %d entries" % (head, self.entries)]
        rc, out, err = self.runner.run(self.dir, ["log", "--format", "json"])
        if rc != 0:
            return ["the trap log: log --format json: %s: %s" % (exit_text(rc), first_line(err))]
        strings = collections.Counter()

        def walk(x):
            if isinstance(x, str):
                strings[x] += 1
            elif isinstance(x, dict):
                for v in x.values():
                    walk(v)
            elif isinstance(x, list):
                for v in x:
                    walk(v)

        walk(json.loads(out))
        wanted = collections.Counter()
        for what, value, copies in self.expected:
            wanted[value] += copies
        return ["the trap log holds '%s' %d times, expected at least %d (%s)"
                % (shown(value), strings[value], copies,
                   "; ".join(w for w, v, _ in self.expected if v == value))
                for value, copies in wanted.items() if strings[value] < copies]


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tilsyn")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("CPR_JOBS", "3")))
    ap.add_argument("--identifiers", action="store_true",
                    help="also the flags and columns that are not text (see the doc string)")
    ap.add_argument("--every", type=int, default=1,
                    help="offer only every Nth variant (1: all)")
    ap.add_argument("--only", help="only the fields whose name contains this text")
    ap.add_argument("--group", choices=["free-text", "toml-string", "identifier"],
                    help="only the fields of this group (identifier implies --identifiers)")
    ap.add_argument("--keep", action="store_true", help="keep the working directory")
    opts = ap.parse_args()
    tilsyn = os.path.abspath(opts.tilsyn)
    if not os.access(tilsyn, os.X_OK):
        sys.exit("every_field: %s is not an executable" % tilsyn)

    started = time.monotonic()
    variants = corpus("variants.txt")[::max(1, opts.every)]
    traps = corpus("traps.txt")
    for raw, text in variants:
        if len(digits(text)) != 10:
            sys.exit("every_field: variant '%s' does not have 10 digits" % raw)
    selected = [f for f in fields()
                if (opts.identifiers or opts.group == "identifier" or f.group != "identifier")
                and (not opts.group or f.group == opts.group)
                and (not opts.only or opts.only in f.name)]
    forms = [("alone", "{}"), ("in a sentence", SENTENCE)]

    root = tempfile.mkdtemp(prefix="cpr-every-field-")
    runner = Runner(tilsyn)
    failures = []  # (field, variant as written, form, problem)
    try:
        template, baseline = make_template(runner, root)
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs))

        # 1. Controls: every field takes its ordinary value.
        broken = set()
        for f, problems in zip(selected, pool.map(
                lambda nf: check_control(runner, nf[1], template, root, nf[0]),
                enumerate(selected))):
            for p in problems:
                failures.append((f, "(control: its ordinary value)", "", p))
                broken.add(f.name)

        # 2. Every variant, alone and in a sentence, to every field.
        workers = queue.Queue()
        for i in range(max(1, opts.jobs)):
            workers.put(Worker(template, os.path.join(root, "worker-%d" % i)))
        jobs = [(f, raw, form, fmt.format(text)) for f in selected if f.name not in broken
                for raw, text in variants for form, fmt in forms]

        def job(j):
            f, raw, form, value = j
            w = workers.get()
            try:
                return check_refusal(runner, f, value, w, baseline)
            finally:
                workers.put(w)

        per_field = {}
        for (f, raw, form, value), problems in zip(jobs, pool.map(job, jobs)):
            per_field.setdefault(f.name, [0, 0])
            per_field[f.name][0] += 1
            if problems:
                per_field[f.name][1] += 1
            for p in problems:
                failures.append((f, raw, form, p))

        # 3. Every trap, alone and in a sentence, accepted.
        trap_jobs = [(raw, form, fmt.format(text)) for raw, text in traps for form, fmt in forms]
        trap_workers = [TrapWorker(template, os.path.join(root, "traps-%d" % i), runner)
                        for i in range(max(1, opts.jobs))]
        trap_failures = []

        def trap_run(i):
            tw = trap_workers[i]
            out = []
            for raw, form, value in trap_jobs[i::len(trap_workers)]:
                out += [(raw, form, p) for p in tw.check(value)]
            out += [("(the trap log)", "", p) for p in tw.finish()]
            return out

        for result in pool.map(trap_run, range(len(trap_workers))):
            trap_failures += result
        pool.shutdown()
    finally:
        if opts.keep:
            print("every_field: working directory kept: " + root)
        else:
            shutil.rmtree(root, ignore_errors=True)

    # Report
    elapsed = time.monotonic() - started
    groups = {}
    for f in selected:
        groups.setdefault(f.group, []).append(f)
    if failures:
        print("Variants that were not refused as they must be:")
        for f, raw, form, p in failures:
            print("FAIL  %-42s %-14s '%s': %s" % (f.name, form, raw, p))
        print()
    if trap_failures:
        print("Traps that were not accepted as they must be:")
        for raw, form, p in trap_failures:
            print("FAIL  trap %-14s '%s': %s" % (form, raw, p))
        print()
    print("CPR corpus against every field (%s)" % tilsyn)
    failed_fields = {f.name for f, _, _, _ in failures}
    for group, fs in groups.items():
        bad = [f for f in fs if f.name in failed_fields]
        print("  %-12s %2d fields x %d variants x 2 = %5d cases; %d field%s with failures%s"
              % (group, len(fs), len(variants), len(fs) * len(variants) * 2, len(bad),
                 "" if len(bad) == 1 else "s",
                 (": " + ", ".join(f.name for f in bad)) if bad else ""))
    for name in sorted(failed_fields):
        if name in per_field:
            print("      %-42s %3d of %d cases fail" % (name, per_field[name][1],
                                                       per_field[name][0]))
        else:
            print("      %-42s its control fails: the field was not checked" % name)
    print("  traps        %d traps x 2 = %d cases, each through 11 commands and fields; "
          "%d failure%s" % (len(traps), len(trap_jobs), len(trap_failures),
                            "" if len(trap_failures) == 1 else "s"))
    if opts.every > 1:
        print("  (every %d. variant only)" % opts.every)
    print("  %d runs of tilsyn in %.0f s with %d workers" % (runner.runs, elapsed, opts.jobs))
    total = len(failures) + len(trap_failures)
    print("%s: %d failure%s" % ("FAILED" if total else "ok", total, "" if total == 1 else "s"))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
