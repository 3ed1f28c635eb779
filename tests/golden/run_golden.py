#!/usr/bin/env python3
"""Runs one Ledger-style golden test case against the real tilsyn binary.

A case file (tests/golden/cases/NAME.test) holds one test:

    # free comment lines
    env SOURCE_DATE_EPOCH=1796083200      (optional, repeatable)
    run record --rules fixtures/minimal --db $TMP/t.db ...   (optional, repeatable)
    run sqlite3 $TMP/t.db "DROP TRIGGER ...; UPDATE ..."     (optional: the sqlite3 shell)
    test plan --rules fixtures/minimal --year 2027 -> 2
    <expected standard output, exactly>
    __ERROR__
    <expected standard error, exactly>      (optional section)
    end test

Every command runs with tests/golden as working directory, in a clean environment (only PATH,
HOME and TMPDIR pointing into a fresh temporary directory, TZ=Europe/Copenhagen,
LC_ALL=C.UTF-8, TILSYN_TEST_RECORDED_AT=2026-12-01T09:00:00Z, which pins the time entries are
recorded at, TILSYN_SIGNING_KEY naming a copy of fixtures/keys/golden.key (mode 0600, outside
$TMP), so that every log is signed with the same key and its hashes are the same from run to
run, and the case's own `env` lines, which hold for every command of the case and may change
those; `env TILSYN_SIGNING_KEY=` gives the log a key of its own beside it).
`$TMP` in the commands, in `env` values and in the expected text stands for a fresh, empty
temporary directory shared by all commands of the case.

`run` lines are setup: they run in order before the `test` command, exactly like it, and each
must exit 0 (its output is not compared); if one does not, the case fails showing its standard
output and error. A `run` line whose first word is `sqlite3` runs the sqlite3 shell
(/usr/bin/sqlite3 -batch) instead of tilsyn, for a case that edits the log behind its back. The `test` command's exit status, standard output and standard error are then
compared with the expectation. CRLF in the output is compared as LF: the raw bytes of .ics and
CSV are checked by their own tests.

When the expected exit status is not 0, the test also requires that the failed command left
$TMP exactly as it found it: the same file and directory names, and the same content, compared
as a SHA-256 hash of each file's bytes. An SQLite database (any file that starts with the
SQLite header, e.g. $TMP/t.db) is compared by its logical content instead: `sqlite3 .dump` plus
its `PRAGMA user_version`, taken from a copy of the file and its -wal, so a checkpoint that
rewrites pages without changing data does not count. SQLite's `-wal` and `-shm` side files are
not compared on their own. This is how a case proves that a refused input stored nothing: no
half-written file, no new entry, and no database created by a command that failed.

    run_golden.py [--update] TILSYN_BINARY CASE_FILE

--update rewrites the case's expected output and exit status with what the binary printed
(review the diff before committing it). Failing `run` lines and a changed $TMP are still
reported as failures in --update mode, after the rewrite.
"""
import difflib
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

SQLITE3 = "/usr/bin/sqlite3"
SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")


def parse_case(path):
    env, runs, command, status = {}, [], None, None
    out_lines, err_lines, section = [], [], None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if section is None:
                if line.startswith("#") or not line.strip():
                    continue
                if line.startswith("env "):
                    key, _, value = line[4:].partition("=")
                    env[key.strip()] = value
                    continue
                if line.startswith("run "):
                    runs.append((number, line[4:]))
                    continue
                if line.startswith("test "):
                    spec = line[5:]
                    command, arrow, code = spec.rpartition(" -> ")
                    if not arrow:
                        command, code = spec, "0"
                    status = int(code)
                    section = "out"
                    continue
                raise SystemExit(f"{path}:{number}: unexpected line before 'test': {line!r}")
            if line == "end test":
                section = "done"
                break
            if line == "__ERROR__" and section == "out":
                section = "err"
                continue
            (out_lines if section == "out" else err_lines).append(line)
    if command is None:
        raise SystemExit(f"{path}: no 'test' line")
    if section != "done":
        raise SystemExit(f"{path}: missing 'end test'")
    join = lambda lines: "".join(l + "\n" for l in lines)
    return env, runs, command, status, join(out_lines), join(err_lines)


def sqlite_dump(path, scratch):
    """The logical content of an SQLite database, read from a copy so the original (and its
    -wal) stay untouched by the observer."""
    copy_dir = tempfile.mkdtemp(dir=scratch)
    copy = os.path.join(copy_dir, "copy.db")
    shutil.copyfile(path, copy)
    if os.path.exists(path + "-wal"):
        shutil.copyfile(path + "-wal", copy + "-wal")
    proc = subprocess.run([SQLITE3, copy, ".dump", "PRAGMA user_version;"], capture_output=True,
                          stdin=subprocess.DEVNULL)
    shutil.rmtree(copy_dir)
    if proc.returncode != 0:
        return "sqlite3 .dump failed: " + proc.stderr.decode("utf-8", "replace")
    return proc.stdout.decode("utf-8", "replace")


def snapshot(work, scratch):
    """{relative path: description} of everything under work; descriptions compare equal when
    the content is the same. SQLite databases are described by their dump."""
    state = {}
    for root, dirs, files in os.walk(work):
        dirs.sort()
        rel_root = os.path.relpath(root, work)
        for d in dirs:
            state[os.path.normpath(os.path.join(rel_root, d)) + "/"] = ("directory", None)
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.normpath(os.path.join(rel_root, name))
            if name.endswith(SIDE_FILES):
                continue
            if os.path.islink(path):
                state[rel] = ("symlink", os.readlink(path))
                continue
            if not os.path.isfile(path):  # a FIFO or socket a test made: never opened
                state[rel] = ("special", None)
                continue
            with open(path, "rb") as f:
                data = f.read()
            if data.startswith(SQLITE_MAGIC):
                dump = sqlite_dump(path, scratch)
                state[rel] = ("sqlite", hashlib.sha256(dump.encode()).hexdigest(), dump)
            else:
                state[rel] = ("file", hashlib.sha256(data).hexdigest())
    return state


def compare_snapshots(before, after):
    problems = []
    for name in sorted(set(before) | set(after)):
        b, a = before.get(name), after.get(name)
        if b is None:
            problems.append(f"  created: {name}")
        elif a is None:
            problems.append(f"  removed: {name}")
        elif b[:2] != a[:2]:
            if b[0] == "sqlite" and a[0] == "sqlite":
                problems.append(f"  changed database content: {name}\n" + diff(b[2], a[2]))
            else:
                problems.append(f"  changed: {name} ({b[0]} -> {a[0]})")
    return problems


def main():
    args = sys.argv[1:]
    update = bool(args) and args[0] == "--update"
    if update:
        args = args[1:]
    if len(args) != 2:
        raise SystemExit("usage: run_golden.py [--update] TILSYN_BINARY CASE_FILE")
    binary, case = os.path.abspath(args[0]), args[1]
    env_extra, runs, command, status, want_out, want_err = parse_case(case)
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory(prefix="tilsyn-golden-") as tmp:
        work = os.path.join(tmp, "work")
        home = os.path.join(tmp, "home")
        scratch = os.path.join(tmp, "scratch")
        for d in (work, home, scratch):
            os.mkdir(d)
        key = os.path.join(home, "golden.key")
        shutil.copyfile(os.path.join(here, "fixtures", "keys", "golden.key"), key)
        os.chmod(key, 0o600)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TMPDIR": home,
               "TZ": "Europe/Copenhagen", "LC_ALL": "C.UTF-8",
               "TILSYN_TEST_RECORDED_AT": "2026-12-01T09:00:00Z", "TILSYN_SIGNING_KEY": key}
        env.update({k: v.replace("$TMP", work) for k, v in env_extra.items()})

        def execute(cmd):
            words = shlex.split(cmd)
            program = [SQLITE3, "-batch"] if words[:1] == ["sqlite3"] else [binary]
            if words[:1] == ["sqlite3"]:
                words = words[1:]
            argv = program + [a.replace("$TMP", work) for a in words]
            proc = subprocess.run(argv, cwd=here, env=env, capture_output=True, stdin=subprocess.DEVNULL)
            out = proc.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
            err = proc.stderr.decode("utf-8", "replace").replace("\r\n", "\n")
            return proc.returncode, out, err

        for number, cmd in runs:
            code, out, err = execute(cmd)
            if code != 0:
                print(f"FAIL {case}:{number}: setup 'run {cmd}' exited {code}, expected 0")
                print("--- its standard output:\n" + out.replace(work, "$TMP"), end="")
                print("--- its standard error:\n" + err.replace(work, "$TMP"), end="")
                return 1

        before = snapshot(work, scratch)
        code, got_out, got_err = execute(command)
        want_out, want_err = want_out.replace("$TMP", work), want_err.replace("$TMP", work)
        failures, tmp_failures = [], []
        if code != status:
            failures.append(f"exit status {code}, expected {status}")
        if got_out != want_out:
            failures.append("standard output differs:\n" + diff(want_out, got_out))
        if got_err != want_err:
            failures.append("standard error differs:\n" + diff(want_err, got_err))
        if (code if update else status) != 0:
            changes = compare_snapshots(before, snapshot(work, scratch))
            if changes:
                tmp_failures.append("a failed command changed $TMP:\n" + "\n".join(changes))
        failures = [f.replace(work, "$TMP") for f in failures]
        tmp_failures = [f.replace(work, "$TMP") for f in tmp_failures]
    if failures and update:
        rewrite(case, code, got_out.replace(work, "$TMP"), got_err.replace(work, "$TMP"))
        print(f"updated {case}")
        failures = []
    failures += tmp_failures
    if failures:
        print(f"FAIL {case}: tilsyn {command}")
        for f in failures:
            print(f)
        return 1
    print(f"ok {os.path.basename(case)}")
    return 0


def rewrite(case, status, out, err):
    with open(case, encoding="utf-8") as f:
        lines = f.read().split("\n")
    head = []
    for line in lines:
        if line.startswith("test "):
            spec = line[5:]
            command, arrow, _ = spec.rpartition(" -> ")
            head.append(f"test {command if arrow else spec} -> {status}")
            break
        head.append(line)
    body = out + ("__ERROR__\n" + err if err else "")
    with open(case, "w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n" + body + "end test\n")


def diff(want, got):
    return "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                        "expected", "actual"))


if __name__ == "__main__":
    sys.exit(main())
