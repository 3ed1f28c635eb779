#!/usr/bin/env python3
"""A populated site for testing `tilsyn serve` over HTTP, a running server, and a browser-like
client.

- make_site(tilsyn, dir) copies the bundled rules/ (with rules/access.toml: akb and pvj leder,
  mhc centerchef of "jc", revisor, it-admin admin) into dir, gives every user a password with
  `tilsyn passwd`, builds a signed log with `tilsyn record`, `rerate` and `correct` (recorded
  at pinned times with the golden tests' key, as tests/year/run_year.sh does), and makes pvj a
  secret calendar address.
- Server(site) starts `tilsyn serve --listen 127.0.0.1:0` with --today pinned, reads the port
  from its first line and, on leaving, stops it with SIGTERM and insists that it exits 0 within
  a few seconds.
- Client(port) speaks HTTP/1.1 with http.client: no redirect is followed, cookies are kept (by
  name and path, Max-Age=0 deletes), and login(user) goes through the form as a browser would.

As a command, it builds a site and serves it until Ctrl-C, for trying pages by hand:
    python3 tests/serve/fixture.py build/src/tilsyn [DIR]
"""
import hashlib
import http.client
import os
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
RULES = os.path.join(SOURCE, "rules")
GOLDEN_KEY = os.path.join(SOURCE, "tests", "golden", "fixtures", "keys", "golden.key")

# The day the server believes it is: the log below is from the first half of 2027.
TODAY = "2027-06-15"
# Who acts for each role in the tests, and everyone's password.
ROLE_LOGIN = {"leder": "akb", "centerchef": "mhc", "revisor": "revisor", "admin": "it-admin"}
USERS = ["akb", "pvj", "mhc", "revisor", "it-admin"]


def password_of(login):
    return "korrekt-hest-" + login + "-2027"


# Areas in the bundled rules, by whose scope they are in.
AREA_OF_AKB = "jc-ledighedsydelse"  # akb's (yellow), center jc
AREA_OF_THN = "jc-jobafklaring"  # another leader's in the same center jc
AREA_OF_PVJ = "yd-enkeltydelser"  # pvj's (yellow), center ydelsen

# One supervision with findings of both axes and two actions, in akb's area: 25 % errors, so
# the rules propose red (left open).
RECORD_AKB = """\
area  = "jc-ledighedsydelse"
date  = 2027-02-10
cases = 12
errors = { sagsbehandling = 3, statsrefusion = 1 }
note  = "Stikprøve af kontaktforløb"

[[findings]]
case        = "2027-004512"
axis        = "sagsbehandling"
category    = "kontaktforløb"
severity    = "mindre"
description = "Samtale ikke holdt til tiden"

[[findings]]
case        = "2027-004530"
axis        = "statsrefusion"
category    = "refusionsperiode"
severity    = "mindre"
amount      = "4.250,00"
description = "Refusion hjemtaget for forkert periode"

[[actions]]
text  = "Gennemgå kontaktforløbene fra januar"
owner = "akb"
due   = 2027-04-30

[[actions]]
text  = "Instruks om rettidige samtaler til teamet"
owner = "Anne Krogh Bech"
due   = 2027-03-31
"""

# A material finding in pvj's area: the rules propose red at once.
RECORD_PVJ = """\
area  = "yd-enkeltydelser"
date  = 2027-03-05
cases = 10
errors = { statsrefusion = 2 }
note  = "Bevillinger uden hjemmel"

[[findings]]
case        = "2027-007001"
axis        = "statsrefusion"
category    = "refusion"
severity    = "væsentlig"
amount      = "38.000,00"
description = "Refusion hjemtaget for en bevilling uden hjemmel"

[[actions]]
text  = "Tilbagebetal refusionen og gennemgå årets bevillinger"
owner = "pvj"
due   = 2027-05-31
"""


class Site:
    """A rules directory, a log and a login store in one temporary directory."""

    def __init__(self, tilsyn, root):
        self.tilsyn = os.path.abspath(tilsyn)
        self.root = root
        self.rules = os.path.join(root, "rules")
        self.db = os.path.join(root, "tilsyn.db")
        self.key = os.path.join(root, "golden.key")
        self.calendar_token = None  # pvj's secret calendar address

    @property
    def feed_path(self):
        """pvj's secret calendar address."""
        return "/kalender/abonnement/%s.ics" % self.calendar_token

    @property
    def login_db(self):
        return os.path.join(self.root, "tilsyn-login.db")

    def env(self, day):
        env = dict(os.environ)
        for name in ("SOURCE_DATE_EPOCH", "TILSYN_RULES", "TILSYN_DB"):
            env.pop(name, None)
        env.update(TZ="Europe/Copenhagen", LC_ALL="C.UTF-8", TILSYN_USER="centerchef",
                   TILSYN_SIGNING_KEY=self.key, TILSYN_TEST_RECORDED_AT=day + "T09:00:00Z")
        return env

    def run(self, day, *args, stdin=None):
        """`tilsyn ARGS` as on DAY; raises with its messages when it fails."""
        cmd = [self.tilsyn, "--rules", self.rules, "--db", self.db, "--today", day, *args]
        p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=self.env(day),
                           cwd=self.root)
        if p.returncode != 0:
            raise RuntimeError("%s: exit %d\n%s%s" % (" ".join(args), p.returncode, p.stdout,
                                                      p.stderr))
        return p.stdout

    def set_password(self, login, password):
        self.run(TODAY, "passwd", login, stdin=password + "\n")

    def write_access(self, text):
        with open(os.path.join(self.rules, "access.toml"), "w", encoding="utf-8") as f:
            f.write(text)


def make_site(tilsyn, root, access_prefix=None, log=True):
    """The site in ROOT (created): the bundled rules, a password for every user, the log.
    ACCESS_PREFIX, when given, is put before the bundled access.toml's users (a [login] table)."""
    os.makedirs(root, exist_ok=True)
    site = Site(tilsyn, root)
    shutil.copytree(RULES, site.rules)
    if access_prefix:
        with open(os.path.join(RULES, "access.toml"), encoding="utf-8") as f:
            site.write_access(access_prefix + "\n" + f.read())
    shutil.copyfile(GOLDEN_KEY, site.key)
    os.chmod(site.key, 0o600)
    for login in USERS:
        site.set_password(login, password_of(login))
    if log:
        build_log(site)
    site.calendar_token = make_calendar_token(site, "pvj")
    return site


def build_log(site):
    """Supervisions with findings and actions, a rerating decision and a correction."""
    def record_file(day, name, text):
        path = os.path.join(site.root, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        site.run(day, "record", "--file", path)

    # Withdrawn below: recorded on the wrong area.
    out = site.run("2027-01-20", "record", "--area", "jc-sygedagpenge", "--date", "2027-01-20",
                   "--cases", "10", "--errors-sagsbehandling", "2", "--note", "Stikprøve")
    wrong = re.search(r"Tilsyn #(\d+) registreret", out).group(1)
    record_file("2027-02-11", "akb.toml", RECORD_AKB)
    record_file("2027-03-06", "pvj.toml", RECORD_PVJ)
    # The material finding's proposal taken; later a manual override elsewhere.
    site.run("2027-03-08", "rerate", "--accept", AREA_OF_PVJ, "--reason",
             "Væsentligt fund i refusionen")
    site.run("2027-04-12", "record", "--area", AREA_OF_THN, "--date", "2027-04-12",
             "--cases", "8", "--note", "Ingen fejl")
    site.run("2027-04-13", "correct", wrong, "--reason", "Registreret på forkert område")
    site.run("2027-04-20", "rerate", "--set", "jc-fleksjob", "gul", "--reason",
             "Ny lovgivning fra 1. juli")


def make_calendar_token(site, login):
    """A live secret calendar address for LOGIN, stored as the server stores one (its SHA-256):
    the page that makes them may not exist yet, and the feed must be testable without it."""
    token = os.urandom(32).hex()
    with sqlite3.connect(site.login_db) as db:
        db.execute("INSERT OR REPLACE INTO calendar (login, digest, created) VALUES (?, ?, ?)",
                   (login, hashlib.sha256(token.encode()).hexdigest(), 1800000000))
    return token


class ServerFailed(AssertionError):
    pass


class Server:
    """`tilsyn serve` on a free port of 127.0.0.1 for the length of a with block."""

    def __init__(self, site, today=TODAY, epoch=None, args=()):
        """The server's clock is pinned: to TODAY at midnight, or with EPOCH (seconds since
        1970, given as SOURCE_DATE_EPOCH) to that second."""
        self.site = site
        self.today = today
        self.epoch = epoch
        self.args = list(args)
        self.proc = None
        self.port = None
        self.url = None
        self.stderr_path = None

    def __enter__(self):
        fd, self.stderr_path = tempfile.mkstemp(prefix="serve-stderr-", dir=self.site.root)
        pinned = ["--today", self.today] if self.epoch is None else []
        cmd = [self.site.tilsyn, "--rules", self.site.rules, "--db", self.site.db, *pinned,
               "serve", "--listen", "127.0.0.1:0", *self.args]
        env = self.site.env(self.today)
        del env["TILSYN_TEST_RECORDED_AT"]
        if self.epoch is not None:
            env["SOURCE_DATE_EPOCH"] = str(self.epoch)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=fd, env=env, start_new_session=True,
                                     cwd=self.site.root)
        os.close(fd)
        ready, _, _ = select.select([self.proc.stdout], [], [], 20)
        line = self.proc.stdout.readline().decode() if ready else ""
        m = re.match(r"tilsyn serve: (http://127\.0\.0\.1:(\d+)/) ", line)
        if not m:
            self.proc.kill()
            self.proc.wait()
            raise ServerFailed("serve did not start: %r\n%s" % (line, self.messages()))
        self.url, self.port = m.group(1), int(m.group(2))
        return self

    def messages(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        """SIGTERM; the server must exit 0 within 5 seconds, saying it stopped."""
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        if proc.poll() is not None:
            raise ServerFailed("serve had already exited with %d\n%s" % (proc.returncode,
                                                                        self.messages()))
        proc.send_signal(signal.SIGTERM)
        try:
            rest = proc.communicate(timeout=5)[0].decode()
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise ServerFailed("serve did not stop within 5 s of SIGTERM")
        if proc.returncode != 0:
            raise ServerFailed("serve exited %d on SIGTERM\n%s" % (proc.returncode,
                                                                   self.messages()))
        if "tilsyn serve: stopped" not in rest:
            raise ServerFailed("serve exited without saying it stopped: %r" % rest)

    def __exit__(self, kind, value, tb):
        if kind is None:
            self.stop()
        elif self.proc is not None:  # already failing: stop it, and report the first failure
            self.proc.kill()
            self.proc.wait()
            self.proc = None
        return False


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # [(name, value)] as sent, in order
        self.body = body

    def header(self, name):
        """The value of the one header NAME (None when absent); more than one is an error."""
        values = self.all(name)
        if len(values) > 1:
            raise AssertionError("%d %s headers: %r" % (len(values), name, values))
        return values[0] if values else None

    def all(self, name):
        return [v for n, v in self.headers if n.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def form_value(self, field):
        m = re.search(r'name="%s" value="([^"]*)"' % re.escape(field), self.text)
        return m.group(1) if m else None

    def __repr__(self):
        return "<%d %s>" % (self.status, self.header("Location") or "")


class Client:
    """One browser: its cookies, and requests on a fresh connection each (no keep-alive)."""

    def __init__(self, port, source=None, timeout=10, seen=None):
        self.port = port
        self.source = source  # the client socket's own address, e.g. "127.0.0.2"
        self.timeout = timeout
        self.cookies = {}  # name -> (value, path)
        self.seen = seen  # a list to append (method, target, response) to, when given

    def connection(self):
        return http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=self.timeout,
            source_address=(self.source, 0) if self.source else None)

    def cookie_header(self, path):
        pairs = ["%s=%s" % (n, v) for n, (v, p) in sorted(self.cookies.items())
                 if path == p or path.startswith(p.rstrip("/") + "/") or p == "/"]
        return "; ".join(pairs)

    def keep_cookies(self, response):
        for value in response.all("Set-Cookie"):
            parts = [p.strip() for p in value.split(";")]
            name, _, val = parts[0].partition("=")
            attrs = {a.partition("=")[0].lower(): a.partition("=")[2] for a in parts[1:]}
            if attrs.get("max-age") == "0" or val == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = (val, attrs.get("path", "/"))

    def request(self, method, target, form=None, body=None, headers=None, cookies=True):
        """METHOD TARGET; FORM (a dict or pairs) is sent url-encoded. Returns a Response."""
        h = {}
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        path = target.split("?")[0]
        if cookies and self.cookie_header(path):
            h["Cookie"] = self.cookie_header(path)
        h.update(headers or {})
        conn = self.connection()
        try:
            conn.request(method, target, body=body, headers=h)
            r = conn.getresponse()
            response = Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()
        self.keep_cookies(response)
        if self.seen is not None:
            self.seen.append((method, target, response))
        return response

    def get(self, target, **kw):
        return self.request("GET", target, **kw)

    def post(self, target, form=None, **kw):
        return self.request("POST", target, form=form if form is not None else {}, **kw)

    @property
    def session(self):
        c = self.cookies.get("tilsyn_session")
        return c[0] if c else None

    def login(self, login, password=None, next_path=None, expect=303):
        """The login form as a browser fills it in: GET /login (its csrf field and the
        tilsyn_login cookie), then POST. Returns the POST's response."""
        form_page = self.get("/login" + ("?next=" + urllib.parse.quote(next_path, safe="")
                                         if next_path else ""))
        if form_page.status != 200:
            raise AssertionError("GET /login: %d" % form_page.status)
        fields = {"csrf": form_page.form_value("csrf"), "next": form_page.form_value("next"),
                  "login": login, "password": password or password_of(login)}
        r = self.post("/login", fields)
        if expect is not None and r.status != expect:
            raise AssertionError("login %s: %d, expected %d\n%s" % (login, r.status, expect,
                                                                    r.text[:500]))
        return r

    def csrf(self):
        """The session's form token, from the logout form every page with the layout has (an
        unknown path's page has it too)."""
        r = self.get("/findes-ikke-csrf")
        token = r.form_value("csrf")
        if not token:
            raise AssertionError("no csrf field on a page (status %d)" % r.status)
        return token


class Failures:
    """Collects failed checks and prints them; the test exits 1 if there were any."""

    def __init__(self):
        self.failed = []
        self.checked = 0

    def check(self, ok, what):
        self.checked += 1
        if not ok:
            self.failed.append(what)
            print("FAIL:", what, flush=True)
        return ok

    def finish(self, name):
        if self.failed:
            print("%s: %d of %d checks failed" % (name, len(self.failed), self.checked))
            return 1
        print("%s: ok, %d checks" % (name, self.checked))
        return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[2] if len(argv) > 2 else tempfile.mkdtemp(prefix="tilsyn-serve-")
    site = make_site(argv[1], root)
    with Server(site) as server:
        print("serving %s (rules %s, log %s); passwords: %s" % (
            server.url, site.rules, site.db,
            ", ".join("%s %s" % (u, password_of(u)) for u in USERS)))
        print("pvj's calendar: %skalender/abonnement/%s.ics" % (server.url, site.calendar_token))
        try:
            while server.alive():
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
