#!/usr/bin/env python3
"""Runs the bad-input corpus (tests/bad_input/cases.toml) against the real tilsyn binary.

    run.py [-k SUBSTRING] [-v] [-j N] [--cases FILE] TILSYN_BINARY

-k runs only the cases whose name holds SUBSTRING; -v also prints each case's standard error;
-j runs N cases at a time (default: the number of processors); --cases reads another corpus.

Every case feeds tilsyn one bad input (a policy, a register, access.toml, a record file, an
import CSV, a case list or a command line) and asserts that tilsyn refuses it the way the issue
"Trust: no input can crash it" asks:

  * the exit status is the case's `exit` (2 unless said otherwise);
  * standard error names the place: the case's `place` (a regular expression, searched for)
    is found, and so is its `says` (another one, optional), on a line of its own with the place;
  * every line of standard error starts with `tilsyn:` or is the quoted source line of a TOML
    problem (indented), the first one with `tilsyn: error:`; it never says `internal error`;
  * standard output is empty (unless the case says `stdout = true`);
  * no CPR number in the case's own input (its files and its flags) is repeated on standard
    error or output, in any of the ways it may be written (DDMMYY-SSSS, DDMMYY SSSS, DDMMYYSSSS);
  * nothing in the case's directory changed: the same names, the same bytes (SHA-256), and for
    an SQLite file the same `sqlite3 .dump` plus `PRAGMA user_version` (taken from a copy with
    its -wal, so a checkpoint that rewrites pages without changing data does not count; -wal
    and -shm side files are not compared on their own), as tests/golden/run_golden.py does.

Each case runs in a fresh temporary directory (the working directory of every command) holding
a copy of tests/bad_input/base: `rules/` (policy.toml and center.toml, a copy of
tests/golden/fixtures/minimal), a case list `cases.csv` and valid import files
`supervisions.csv`, `findings.csv`, `actions.csv`. Unless the case says `log = false`, the
directory also holds a findings log `log.db` made by valid commands first (a copy of one made
once per run, see LOG_SETUP) and its signing key `key`. The environment is clean: TZ,
LC_ALL=C.UTF-8, TILSYN_TEST_RECORDED_AT, TILSYN_SIGNING_KEY=<dir>/key (created on first write)
and HOME/TMPDIR in <dir>/home. Every command gets `--rules rules --db log.db --today
2027-03-15` unless it gives that option itself (`--rules=X` counts too) or the case lists it in
`omit` (e.g. to test what happens without --db).

The case format is described in tests/bad_input/README.md. Exit status: 0 when every case
passes, 1 when one fails (one line each, then `N cases, M failed`), 2 for a corpus that cannot
be read.
"""
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata

# A case leaves the files it was given as they were: the golden tests' snapshot of a directory
# (SQLite databases by their dump) tells.
sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
from run_golden import snapshot  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases.toml")
BASE = os.path.join(HERE, "base")
TODAY = "2027-03-15"
DEFAULTS = [("--rules", "rules"), ("--db", "log.db"), ("--today", TODAY)]
# The log every case with `log = true` starts from: #1 the key, #2 a supervision without a
# sample, #3 one whose sample was drawn from cases.csv (for verify-sample), #4 a finding, #5 an
# action of it.
LOG_SETUP = [
    "record --area bc-boligstoette --date 2027-01-05 --cases 3 --note Opstart",
    "record --file record.toml",
]
CASE_KEYS = {"name", "area", "command", "exit", "place", "says", "log", "setup", "write",
             "replace", "append", "remove", "omit", "stdout", "note"}
AREAS = {"policy", "register", "access", "record", "import", "case-list", "command-line"}

# Templates in file contents and command words, for what TOML strings cannot hold or should not
# spell out: {{bytes:ef bb bf}} raw bytes (hex), {{repeat:N:TEXT}} TEXT N times (TEXT may not
# hold '}').
TEMPLATE = re.compile(r"\{\{(bytes|repeat):([^}]*)\}\}")


def expand(text):
    """The bytes of a template text."""
    out, at = bytearray(), 0
    for m in TEMPLATE.finditer(text):
        out += text[at:m.start()].encode("utf-8")
        if m.group(1) == "bytes":
            out += bytes.fromhex(m.group(2))
        else:
            count, _, what = m.group(2).partition(":")
            out += what.encode("utf-8") * int(count)
        at = m.end()
    out += text[at:].encode("utf-8")
    return bytes(out)


# A CPR number as the guard sees one: DDMMYY and SSSS, with up to three separators between,
# not part of a longer run of digits, DDMMYY a real date (29 February when YY divides by 4).
# Text is compared in NFKC, so full-width digits count as digits, as they do for the guard.
CPR = re.compile(r"(?<![0-9])([0-9]{6})[-/ ._\t]{0,3}([0-9]{4})(?![0-9])")
DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


# What tilsyn refuses in texts because it could steer a terminal (src/base/free_text.cpp): C0
# but line breaks and tabs, DEL and C1. Its messages must not carry them either.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalised(data):
    return unicodedata.normalize("NFKC", data.decode("utf-8", "replace"))


def cpr_numbers(data):
    found = set()
    for m in CPR.finditer(normalised(data)):
        d, mo, yy = int(m.group(1)[:2]), int(m.group(1)[2:4]), int(m.group(1)[4:])
        if 1 <= mo <= 12 and 1 <= d <= DAYS[mo - 1] and not (mo == 2 and d == 29 and yy % 4):
            found.add((m.group(1), m.group(2)))
    return found


def echoes_cpr(numbers, output):
    text = normalised(output)
    for head, tail in numbers:
        if m := re.search(re.escape(head) + r"[-/ ._\t]{0,3}" + re.escape(tail), text):
            return m.group(0)
    return None


def changes(before, after):
    out = []
    for name in sorted(set(before) | set(after)):
        b, a = before.get(name), after.get(name)
        if b is None:
            out.append("created " + name)
        elif a is None:
            out.append("removed " + name)
        elif b != a:
            out.append("changed " + name)
    return out


class Runner:
    def __init__(self, binary, scratch):
        self.binary = binary
        self.scratch = scratch

    def env(self, work):
        home = os.path.join(work, "home")
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TMPDIR": home,
                "TZ": "Europe/Copenhagen", "LC_ALL": "C.UTF-8",
                "TILSYN_TEST_RECORDED_AT": "2026-12-01T09:00:00Z",
                "TILSYN_SIGNING_KEY": os.path.join(work, "key")}

    def argv(self, command, omit=()):
        words = [expand(w) for w in shlex.split(command)]
        given = {w.split(b"=", 1)[0].decode("utf-8", "replace") for w in words if w.startswith(b"--")}
        for flag, value in DEFAULTS:
            if flag not in given and flag not in omit:
                words += [flag.encode(), value.encode()]
        return [self.binary.encode()] + words

    def execute(self, work, command, omit=()):
        argv = self.argv(command, omit)
        try:
            proc = subprocess.run(argv, cwd=work, env=self.env(work), capture_output=True,
                                  stdin=subprocess.DEVNULL, timeout=60)
        except subprocess.TimeoutExpired:
            return None, b"", b"(timed out after 60 s)", argv
        return proc.returncode, proc.stdout, proc.stderr, argv

    def fresh_dir(self, with_log):
        work = tempfile.mkdtemp(dir=self.scratch, prefix="case-")
        src = self.template if with_log else BASE
        shutil.copytree(src, work, dirs_exist_ok=True, symlinks=True)
        os.makedirs(os.path.join(work, "home"), exist_ok=True)
        return work

    def make_template(self):
        """The base directory with the log LOG_SETUP makes, copied into every case with a log."""
        self.template = os.path.join(self.scratch, "template")
        shutil.copytree(BASE, self.template, symlinks=True)
        os.makedirs(os.path.join(self.template, "home"))
        for command in LOG_SETUP:
            code, out, err, _ = self.execute(self.template, command)
            if code != 0:
                raise SystemExit(f"the base log could not be made: 'tilsyn {command}' exited "
                                 f"{code}:\n{err.decode('utf-8', 'replace')}")

    def run_case(self, case):
        work = self.fresh_dir(case.get("log", True))
        try:
            return self._run_case(case, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _run_case(self, case, work):
        omit = case.get("omit", [])
        for command in case.get("setup", []):
            code, out, err, _ = self.execute(work, command, omit)
            if code != 0:
                return [f"setup 'tilsyn {command}' exited {code}: "
                        + err.decode("utf-8", "replace").strip()], ""
        inputs = b""
        for path in case.get("remove", []):
            os.remove(os.path.join(work, path))
        for path, content in case.get("write", {}).items():
            data = expand(content)
            inputs += data
            full = os.path.join(work, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
        for path, content in case.get("append", {}).items():
            data = expand(content)
            inputs += data
            with open(os.path.join(work, path), "ab") as f:
                f.write(data)
        for path, old, new in case.get("replace", []):
            full = os.path.join(work, path)
            with open(full, "rb") as f:
                text = f.read()
            old_b, new_b = expand(old), expand(new)
            if text.count(old_b) != 1:
                return [f"replace: {old!r} occurs {text.count(old_b)} times in {path}, not once"], ""
            inputs += new_b
            with open(full, "wb") as f:
                f.write(text.replace(old_b, new_b))
        argv = self.argv(case["command"], omit)
        inputs += b"\0".join(argv[1:])
        numbers = cpr_numbers(inputs)
        if "cpr" in case["name"] and not numbers:
            return ["a CPR case whose input holds no CPR number the runner can see"], ""

        before = snapshot(work, self.scratch)
        code, out, err, _ = self.execute(work, case["command"], omit)
        after = snapshot(work, self.scratch)

        problems = []
        text = err.decode("utf-8", "replace")
        want = case.get("exit", 2)
        if code != want:
            got = ("no exit (timed out)" if code is None else
                   f"killed by signal {-code}" if code < 0 else f"exit {code}")
            problems.append(f"{got}, expected exit {want}")
        lines = text.splitlines()
        if not lines or not lines[0].startswith("tilsyn: error:"):
            problems.append("standard error does not start with 'tilsyn: error:'")
        for line in lines:
            if not (line.startswith("tilsyn: ") or line.startswith("    ")):
                problems.append(f"a line of standard error that is not tilsyn's: {line[:80]!r}")
                break
        if "internal error" in text:
            problems.append("standard error says 'internal error'")
        place = case["place"]
        says = case.get("says")
        matched = [l for l in lines if re.search(place, l)]
        if not matched:
            problems.append(f"the place /{place}/ is not named")
        elif says and not any(re.search(says, l) for l in matched):
            problems.append(f"/{says}/ is not said where /{place}/ is named")
        if out and not case.get("stdout", False):
            problems.append("standard output is not empty: "
                            + out.decode("utf-8", "replace").strip()[:80].replace("\n", " | "))
        if control := CONTROL.search(text):
            problems.append(f"standard error holds the control character "
                            f"U+{ord(control.group(0)):04X}, which could steer a terminal")
        if echoed := echoes_cpr(numbers, err + out):
            problems.append(f"the CPR number {echoed} is repeated in the output")
        if moved := changes(before, after):
            problems.append("the directory changed: " + ", ".join(moved))
        shown = "\n".join(lines).replace(work, "$TMP")
        if problems:
            first = lines[0][:160] if lines else "(no standard error)"
            problems.append("stderr: " + first.replace(work, "$TMP"))
        return problems, shown


def load_cases():
    with open(CASES, "rb") as f:
        doc = tomllib.load(f)
    cases = doc.get("case", [])
    names = set()
    for i, case in enumerate(cases, 1):
        unknown = set(case) - CASE_KEYS
        missing = {"name", "area", "command", "place"} - set(case)
        if unknown or missing:
            raise SystemExit(f"{CASES}: case {i} ({case.get('name', '?')}): "
                             f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        if case["area"] not in AREAS:
            raise SystemExit(f"{CASES}: case {case['name']}: area must be one of {sorted(AREAS)}")
        if case["name"] in names:
            raise SystemExit(f"{CASES}: two cases are named {case['name']}")
        names.add(case["name"])
    return cases


def main():
    args = sys.argv[1:]
    global CASES
    pattern, verbose, jobs = None, False, os.cpu_count() or 2
    while args and args[0].startswith("-"):
        flag = args.pop(0)
        if flag == "-k" and args:
            pattern = args.pop(0)
        elif flag == "--cases" and args:
            CASES = os.path.abspath(args.pop(0))
        elif flag == "-j" and args:
            jobs = int(args.pop(0))
        elif flag == "-v":
            verbose = True
        else:
            raise SystemExit(__doc__.split("\n\n")[1])
    if len(args) != 1:
        raise SystemExit("usage: run.py [-k SUBSTRING] [-v] [-j N] [--cases FILE] TILSYN_BINARY")
    binary = os.path.abspath(args[0])
    started = time.monotonic()
    cases = load_cases()
    if pattern:
        cases = [c for c in cases if pattern in c["name"]]
    with tempfile.TemporaryDirectory(prefix="tilsyn-bad-input-") as scratch:
        runner = Runner(binary, scratch)
        runner.make_template()
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            results = list(pool.map(runner.run_case, cases))
    failed = 0
    for case, (problems, shown) in zip(cases, results):
        if problems:
            failed += 1
            print(f"FAIL {case['name']}: " + "; ".join(problems))
        elif verbose:
            print(f"ok   {case['name']}")
        if verbose and shown:
            print("     " + shown.replace("\n", "\n     "))
    per_area = {}
    for case in cases:
        per_area[case["area"]] = per_area.get(case["area"], 0) + 1
    spread = ", ".join(f"{a} {n}" for a, n in sorted(per_area.items()))
    print(f"{len(cases)} cases, {failed} failed ({spread}; {time.monotonic() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
