#!/usr/bin/env python3
"""The read-only pages of `tilsyn serve` over HTTP (Planen, Risikoregistret with an area's
history, Arbejdsbyrde): a server on a free port over a copy of the example rules, logged in as
the leader akb, each page 200 with its heading, the strict CSP and no inline style, an area of
another leader 403 and an unknown one 404. What each role may reach is the route x role table's
test; what the pages hold is tests/unit/web/pages_test.cpp.

Usage: pages_smoke.py TILSYN RULES_DIR
Prints one line per failure and exits 1 on any; prints "ok: ..." otherwise.
"""
import http.client
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

PASSWORD = "hemmelig-kode-123"
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def cookie_of(response, name):
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";", 1)[0]
    return None


def request(port, method, path, cookie=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    text = response.read().decode("utf-8")
    conn.close()
    return response, text


def login(port, user):
    response, text = request(port, "GET", "/login")
    form_cookie = cookie_of(response, "tilsyn_login")
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', text).group(1)
    body = urllib.parse.urlencode(
        {"csrf": csrf, "next": "/", "login": user, "password": PASSWORD})
    response, _ = request(port, "POST", "/login", form_cookie, body)
    check(response.status == 303, f"login as {user}: {response.status}, not 303")
    return cookie_of(response, "tilsyn_session")


def main():
    tilsyn, rules = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="tilsyn-pages-") as tmp:
        work = Path(tmp)
        shutil.copytree(rules, work / "rules")
        base = [tilsyn, "--rules", str(work / "rules"), "--db", str(work / "tilsyn.db"),
                "--today", "2027-03-10"]
        subprocess.run(base + ["passwd", "akb"], input=PASSWORD + "\n", text=True, check=True,
                       capture_output=True)
        server = subprocess.Popen(base + ["serve", "--listen", "127.0.0.1:0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            first = server.stdout.readline()
            port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", first).group(1))
            session = login(port, "akb")
            check(session is not None, "no session cookie after login")
            pages = [("/plan", "Planen for 2027"), ("/plan?aar=2027&farve=gul", "Planen for 2027"),
                     ("/register", "Risikoregistret"), ("/arbejdsbyrde", "Arbejdsbyrde 2027"),
                     ("/register/omraade/jc-fleksjob", "Historik for Fleksjob")]
            for path, heading in pages:
                response, text = request(port, "GET", path, session)
                check(response.status == 200, f"{path}: {response.status}, not 200")
                check(f"<h1>{heading}</h1>" in text, f"{path}: no <h1>{heading}</h1>")
                csp = response.getheader("Content-Security-Policy") or ""
                check("style-src 'self'" in csp, f"{path}: CSP {csp!r}")
                check(" style=" not in text and "<style" not in text,
                      f"{path}: inline style, which the CSP blocks")
            # The navigation lists the three pages for a leader.
            _, text = request(port, "GET", "/plan", session)
            for label in ("Planen", "Risikoregistret", "Arbejdsbyrde"):
                check(f">{label}</a>" in text, f"navigation without {label}")
            for path, status in (("/register/omraade/jc-jobafklaring", 403),
                                 ("/register/omraade/ingen-saadan", 404),
                                 ("/plan?farve=lilla", 400), ("/plan?leder=jc%2Fthn", 403)):
                response, _ = request(port, "GET", path, session)
                check(response.status == status, f"{path}: {response.status}, not {status}")
            response, _ = request(port, "GET", "/plan")
            check(response.status == 303, f"/plan without a session: {response.status}")
        finally:
            server.terminate()
            server.wait(timeout=20)
    for f in failures:
        print(f)
    if failures:
        return 1
    print("ok: the pages answer, with their headings, the CSP and the scope's refusals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
