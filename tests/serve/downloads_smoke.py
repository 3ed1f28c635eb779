#!/usr/bin/python3
"""Smoke test of tilsyn serve's downloads through HTTP: a temporary copy of rules/ with a small
signed log, the server started on a free port, a login as the auditor and as a leader, and every
download fetched: its status, Content-Type and file name; the .ics run through the checkers of
tests/ics/ against the downloaded plan.json; the auditor's pack unzipped and compared, file for
file, with what `tilsyn audit` writes; a leader kept to their own areas and refused the pack.

usage: downloads_smoke.py TILSYN SOURCE_DIR
Prints "ok: ..." and exits 0, or one line per failure and exits 1.
"""
import http.client
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
import zipfile

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    tilsyn, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="tilsyn-downloads-")
    server = None
    try:
        rules, db = os.path.join(work, "rules"), os.path.join(work, "tilsyn.db")
        shutil.copytree(os.path.join(source, "rules"), rules)
        env = {"PATH": "/usr/bin:/bin", "TZ": "Europe/Copenhagen", "LC_ALL": "C.UTF-8",
               "TILSYN_SIGNING_KEY": os.path.join(work, "test.key"), "TILSYN_USER": "mhc"}

        def tl(args, day="2027-03-10", stdin=None):
            e = dict(env, TILSYN_TEST_RECORDED_AT=day + "T09:00:00Z")
            return subprocess.run([tilsyn, "--rules", rules, "--db", db, "--today", day] + args,
                                  env=e, input=stdin, capture_output=True, text=True, check=True)

        tl(["record", "--area", "jc-forsikrede-ledige", "--date", "2027-01-20", "--cases", "10",
            "--errors-sagsbehandling", "2", "--note", "Stikprøve"], "2027-01-21")
        tl(["record", "--area", "yd-las-27-27a", "--date", "2027-02-10", "--cases", "8"],
           "2027-02-10")
        password = "hemmelig-kode-123"
        for login in ("revisor", "akb"):
            tl(["passwd", login], stdin=password + "\n")
        audit_dir = os.path.join(work, "audit")
        tl(["audit", "--year", "2027", "--out", audit_dir])

        server = subprocess.Popen(
            [tilsyn, "--rules", rules, "--db", db, "--today", "2027-03-10", "serve", "--listen",
             "127.0.0.1:0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        first = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        if not match:
            print(f"FAIL: serve printed {first!r}")
            return 1
        port = int(match.group(1))

        def request(method, path, cookies, body=None):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
            if body is not None:
                body = urllib.parse.urlencode(body)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request(method, path, body=body, headers=headers)
            res = conn.getresponse()
            data = res.read()
            for value in res.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";")[0]
            conn.close()
            return res, data

        def login(name):
            cookies = {}
            _, form = request("GET", "/login", cookies)
            csrf = re.search(rb'name="csrf" value="([0-9a-f]{64})"', form).group(1).decode()
            # The form is urlencoded: the server must read its fields from the body.
            res, _ = request("POST", "/login", cookies,
                             {"csrf": csrf, "next": "/", "login": name, "password": password})
            check(res.status == 303 and "tilsyn_session" in cookies, f"login {name}: {res.status}")
            return cookies

        auditor = login("revisor")
        res, page = request("GET", "/downloads?aar=2027", auditor)
        check(res.status == 200, f"/downloads: {res.status}")
        check(b"/download/revisionspakke.zip?aar=2027" in page, "/downloads: no pack link")

        expected = {
            "/download/plan.ics?aar=2027": ("text/calendar", "tilsynsplan-2027.ics"),
            "/download/plan.csv?aar=2027": ("text/csv", "tilsynsplan-2027.csv"),
            "/download/plan.csv?aar=2027&dialekt=excel-da": ("text/csv", "tilsynsplan-2027.csv"),
            "/download/plan.json?aar=2027": ("application/json", "tilsynsplan-2027.json"),
            "/download/log.csv?aar=2027": ("text/csv", "tilsynslog-2027.csv"),
            "/download/rapport.html?aar=2027": ("text/html", "tilsynsrapport-2027.html"),
            "/download/revisionspakke.zip?aar=2027": ("application/zip",
                                                      "revisionspakke-2027.zip"),
        }
        bodies = {}
        for path, (kind, name) in expected.items():
            res, data = request("GET", path, auditor)
            check(res.status == 200, f"{path}: status {res.status}")
            check(res.headers.get("Content-Type", "").startswith(kind),
                  f"{path}: Content-Type {res.headers.get('Content-Type')}")
            check(res.headers.get("Content-Disposition") == f'attachment; filename="{name}"',
                  f"{path}: Content-Disposition {res.headers.get('Content-Disposition')}")
            bodies[path] = data
        check(bodies["/download/plan.csv?aar=2027&dialekt=excel-da"].startswith(b"\xef\xbb\xbf"),
              "excel-da CSV without its BOM")

        # The .ics against the downloaded plan, by the checkers the CLI's .ics passes.
        ics = os.path.join(work, "tilsynsplan-2027.ics")
        plan_json = os.path.join(work, "tilsynsplan-2027.json")
        with open(ics, "wb") as f:
            f.write(bodies["/download/plan.ics?aar=2027"])
        with open(plan_json, "wb") as f:
            f.write(bodies["/download/plan.json?aar=2027"])
        for checker in ("check_raw.py", "check_python_icalendar.py"):
            run = subprocess.run(["/usr/bin/python3", os.path.join(source, "tests", "ics", checker),
                                  ics, plan_json], capture_output=True, text=True)
            check(run.returncode == 0, f"{checker}: {run.stdout.strip()} {run.stderr.strip()}")

        # The pack: what `tilsyn audit` wrote, file for file.
        with zipfile.ZipFile(io.BytesIO(bodies["/download/revisionspakke.zip?aar=2027"])) as z:
            check(z.testzip() is None, "the zip has a bad member")
            packed = {n: z.read(n) for n in z.namelist()}
        written = {}
        for top, _, names in os.walk(audit_dir):
            for n in names:
                full = os.path.join(top, n)
                with open(full, "rb") as f:
                    written["revisionspakke-2027/" + os.path.relpath(full, audit_dir)] = f.read()
        check(set(packed) == set(written),
              f"pack files differ: {sorted(set(packed) ^ set(written))}")
        for n in set(packed) & set(written):
            check(packed[n] == written[n], f"pack file {n} differs from tilsyn audit's")

        # A leader: their own areas only, no pack, a bad date named.
        leader = login("akb")
        res, data = request("GET", "/download/plan.csv?aar=2027", leader)
        check(res.status == 200 and b"jc-forsikrede-ledige" in data and b"yd-" not in data,
              "leader's plan.csv is not their own")
        res, data = request("GET", "/download/log.csv", leader)
        check(b"Stikpr" in data and b"yd-las-27-27a" not in data, "leader's log.csv not scoped")
        res, _ = request("GET", "/download/revisionspakke.zip?aar=2027", leader)
        check(res.status == 403, f"leader got the pack: {res.status}")
        res, data = request("GET", "/log?fra=2027-13-01", leader)
        check(res.status == 400 and b"fra" in data, f"/log with a bad date: {res.status}")
        res, _ = request("GET", "/download/log.csv?omraade=yd-las-27-27a", leader)
        check(res.status == 403, f"leader got another's area: {res.status}")
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print("ok: downloads of tilsyn serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
