#!/usr/bin/env python3
"""Runs one Ledger-style golden test case against the real tilsyn binary.

A case file (tests/golden/cases/NAME.test) holds one test:

    # free comment lines
    env SOURCE_DATE_EPOCH=1796083200      (optional, repeatable)
    test plan --rules fixtures/minimal --year 2027 -> 2
    <expected standard output, exactly>
    __ERROR__
    <expected standard error, exactly>      (optional section)
    end test

The command runs with tests/golden as working directory, in a clean environment (only PATH,
HOME and TMPDIR pointing into a fresh temporary directory, TZ=Europe/Copenhagen,
LC_ALL=C.UTF-8, and the case's own `env` lines). `$TMP` in the command and in the expected
text stands for that temporary directory. CRLF in the output is compared as LF: the raw bytes of
.ics and CSV are checked by their own tests. When the expected exit status is not 0 the test also
requires that the temporary directory is left empty: a failed command must not leave a
half-written file behind.

    run_golden.py [--update] TILSYN_BINARY CASE_FILE

--update rewrites the case's expected output and exit status with what the binary printed
(review the diff before committing it).
"""
import os
import shlex
import subprocess
import sys
import tempfile


def parse_case(path):
    env, command, status = {}, None, None
    out_lines, err_lines, section = [], [], None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if section is None:
                if line.startswith("#") or not line.strip():
                    continue
                if line.startswith("env "):
                    key, _, value = line[4:].partition("=")
                    env[key.strip()] = value
                    continue
                if line.startswith("test "):
                    spec = line[5:]
                    command, arrow, code = spec.rpartition(" -> ")
                    if not arrow:
                        command, code = spec, "0"
                    status = int(code)
                    section = "out"
                    continue
                raise SystemExit(f"{path}: unexpected line before 'test': {line!r}")
            if line == "end test":
                section = "done"
                break
            if line == "__ERROR__" and section == "out":
                section = "err"
                continue
            (out_lines if section == "out" else err_lines).append(line)
    if section != "done":
        raise SystemExit(f"{path}: missing 'end test'")
    join = lambda lines: "".join(l + "\n" for l in lines)
    return env, command, status, join(out_lines), join(err_lines)


def main():
    args = sys.argv[1:]
    update = bool(args) and args[0] == "--update"
    if update:
        args = args[1:]
    if len(args) != 2:
        raise SystemExit("usage: run_golden.py [--update] TILSYN_BINARY CASE_FILE")
    binary, case = os.path.abspath(args[0]), args[1]
    env_extra, command, status, want_out, want_err = parse_case(case)
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory(prefix="tilsyn-golden-") as tmp:
        work = os.path.join(tmp, "work")
        home = os.path.join(tmp, "home")
        os.mkdir(work)
        os.mkdir(home)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TMPDIR": home,
               "TZ": "Europe/Copenhagen", "LC_ALL": "C.UTF-8"}
        env.update({k: v.replace("$TMP", work) for k, v in env_extra.items()})
        argv = [binary] + [a.replace("$TMP", work) for a in shlex.split(command)]
        proc = subprocess.run(argv, cwd=here, env=env, capture_output=True, stdin=subprocess.DEVNULL)
        got_out = proc.stdout.decode("utf-8", "replace").replace("\r\n", "\n")
        got_err = proc.stderr.decode("utf-8", "replace").replace("\r\n", "\n")
        want_out, want_err = want_out.replace("$TMP", work), want_err.replace("$TMP", work)
        failures = []
        if proc.returncode != status:
            failures.append(f"exit status {proc.returncode}, expected {status}")
        if got_out != want_out:
            failures.append("standard output differs:\n" + diff(want_out, got_out))
        if got_err != want_err:
            failures.append("standard error differs:\n" + diff(want_err, got_err))
        if status != 0 and os.listdir(work):
            failures.append(f"a failed command left files behind: {sorted(os.listdir(work))}")
    if failures and update:
        rewrite(case, proc.returncode, got_out.replace(work, "$TMP"), got_err.replace(work, "$TMP"))
        print(f"updated {case}")
        return 0
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
    import difflib
    return "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                        "expected", "actual"))


if __name__ == "__main__":
    sys.exit(main())
