#!/usr/bin/env python3
"""What `tilsyn serve` promises about logins, sessions and hostile requests, over HTTP against
the real binary (tests/serve/fixture.py's site, with single sign-on from 127.0.0.2):

- single sign-on: the header is believed only from a trusted proxy; from anyone else, and for
  a user access.toml does not know, 403 and no session;
- CSRF: a form without the session's token, or with another session's, is refused; so is the
  login form without its cookie;
- the session cookie: HttpOnly, SameSite=Strict, Path=/, Secure exactly when a trusted proxy
  says the browser came over https; a new random id at every login (a planted one is never
  accepted); logout ends it on the server;
- time-outs: the server's clock is pinned (SOURCE_DATE_EPOCH), so the server is restarted at
  later seconds over the same login store: a session used every 4 minutes lives past its
  5 idle minutes, one left idle for 6 dies; one used steadily dies after its absolute hour;
- security headers on every response the test saw (pages, errors, redirects, the style sheet,
  the calendar): a CSP with default-src 'self' and frame-ancestors 'none' and no
  'unsafe-inline', nosniff, a Referrer-Policy;
- login throttling (429 with Retry-After after 5 failures, even for the right password), no
  open redirect through next=, no header injection through it, 413 for a body over 1 MiB,
  a half-sent request closed within 15 s while others are served, 404 for an unknown path, and
  no file outside the server's own for a path with "..".

Usage: security.py TILSYN          (about 30 s)
"""
import calendar
import datetime
import os
import re
import socket
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture  # noqa: E402
from fixture import Client, Failures, Server  # noqa: E402

PROXY = "127.0.0.2"  # the trusted reverse proxy
THROTTLED = "127.0.0.3"  # the address that guesses passwords
ACCESS_LOGIN = """\
[login]
sso_header      = "X-Remote-User"
trusted_proxies = ["127.0.0.2"]
idle_minutes    = {idle}
absolute_hours  = 1
"""
# 2027-06-15 10:00 in Copenhagen.
T0 = calendar.timegm(datetime.datetime(2027, 6, 15, 8, 0, 0).timetuple())
MINUTE = 60

failures = Failures()
check = failures.check
seen = []  # every (method, target, response) of the test's clients


def client(server, source=None):
    return Client(server.port, source=source, seen=seen)


def set_access(site, idle):
    with open(os.path.join(fixture.RULES, "access.toml"), encoding="utf-8") as f:
        site.write_access(ACCESS_LOGIN.format(idle=idle) + "\n" + f.read())


def session_cookie(response):
    """The Set-Cookie header of tilsyn_session, or None."""
    values = [v for v in response.all("Set-Cookie") if v.startswith("tilsyn_session=")]
    check(len(values) <= 1, "one response sets tilsyn_session %d times" % len(values))
    return values[0] if values else None


def attributes(set_cookie):
    parts = [p.strip() for p in set_cookie.split(";")]
    return parts[0].partition("=")[2], {p.partition("=")[0].lower(): p.partition("=")[2]
                                        for p in parts[1:]}


def logged_in(c, name):
    """Whether C's session shows a page as the user NAME."""
    r = c.get("/min-dag")
    return r.status == 200 and name in r.text


# --- single sign-on ---------------------------------------------------------------------------

def single_sign_on(server):
    header = {"X-Remote-User": "akb"}
    direct = client(server)
    r = direct.get("/min-dag", headers=header)
    check(r.status == 403, "SSO header from 127.0.0.1 (not a trusted proxy): %d, expected 403"
          % r.status)
    check(session_cookie(r) is None, "SSO header from 127.0.0.1 got a session")
    r = direct.get("/min-dag")
    check(r.status == 303, "after the refused SSO header, without it: %d, expected 303" %
          r.status)

    proxied = client(server, source=PROXY)
    r = proxied.get("/min-dag", headers=header)
    check(r.status == 200 and "Anne Krogh Bech" in r.text,
          "SSO header akb from the trusted proxy: %d, expected 200 as Anne Krogh Bech" % r.status)
    cookie = session_cookie(r)
    check(cookie is not None, "SSO login from the trusted proxy set no session")
    if cookie:
        value, attrs = attributes(cookie)
        check("secure" not in attrs, "SSO session without X-Forwarded-Proto: https is Secure")
        # The session is tilsyn's own: its form token works for logout.
        token = proxied.csrf()
        r = proxied.post("/logout", {"csrf": token}, headers=header)
        check(r.status == 303, "logout of an SSO session: %d" % r.status)

    # By e-mail, in another case: as a directory may send it.
    r = client(server, source=PROXY).get("/min-dag", headers={
        "X-Remote-User": "PVJ@Lejre.Example", "X-Forwarded-Proto": "https"})
    check(r.status == 200 and "Peter Vinther Jensen" in r.text,
          "SSO header with pvj's e-mail in upper case: %d, expected 200" % r.status)
    cookie = session_cookie(r)
    check(cookie is not None and "secure" in attributes(cookie)[1],
          "SSO session over https (X-Forwarded-Proto from the trusted proxy) not Secure: %r"
          % cookie)

    r = client(server, source=PROXY).get("/min-dag", headers={"X-Remote-User": "ukendt"})
    check(r.status == 403, "unknown SSO user: %d, expected 403" % r.status)
    check(session_cookie(r) is None, "unknown SSO user got a session")
    # An empty header names no one: as if the proxy had sent none (the login page).
    r = client(server, source=PROXY).get("/min-dag", headers={"X-Remote-User": ""})
    check(r.status == 303 and session_cookie(r) is None,
          "empty SSO header from the proxy: %d, expected 303 to the login page" % r.status)


# --- the session cookie, fixation, logout, CSRF -------------------------------------------------

def cookies_and_sessions(server):
    c = client(server)
    planted = os.urandom(32).hex()
    c.cookies["tilsyn_session"] = (planted, "/")
    r = c.login("akb")
    cookie = session_cookie(r)
    if not check(cookie is not None, "login set no session cookie"):
        return
    value, attrs = attributes(cookie)
    check(re.fullmatch(r"[0-9a-f]{64}", value) is not None,
          "session id %r is not 64 hex digits" % value)
    check(value != planted, "login kept the session id the client planted")
    check("httponly" in attrs and attrs.get("samesite") == "Strict" and
          attrs.get("path") == "/" and "secure" not in attrs,
          "session cookie flags over plain http: %r" % cookie)
    check(logged_in(c, "Anne Krogh Bech"), "after login, /min-dag is not akb's")
    planter = client(server)
    planter.cookies["tilsyn_session"] = (planted, "/")
    check(planter.get("/min-dag").status == 303, "the planted session id opens a session")
    other = client(server)
    other.login("akb")
    check(other.session not in (None, value), "two logins got the same session id")

    # X-Forwarded-Proto counts only from a trusted proxy.
    for source, secure in ((None, False), (PROXY, True)):
        b = client(server, source=source)
        form = b.get("/login")
        r = b.post("/login", {"csrf": form.form_value("csrf"), "next": "/", "login": "mhc",
                              "password": fixture.password_of("mhc")},
                   headers={"X-Forwarded-Proto": "https"})
        cookie = session_cookie(r)
        check(r.status == 303 and cookie is not None and ("secure" in attributes(cookie)[1])
              == secure, "X-Forwarded-Proto: https from %s: %d, Secure %s expected %s" % (
                  source or "127.0.0.1", r.status, cookie and "secure" in
                  attributes(cookie)[1], secure))
        # Only the POST said https: the form's own cookie came over plain http.
        login_cookie = [v for v in form.all("Set-Cookie") if v.startswith("tilsyn_login=")]
        check(len(login_cookie) == 1 and "Secure" not in login_cookie[0] and
              "HttpOnly" in login_cookie[0] and "SameSite=Strict" in login_cookie[0],
              "the login form's cookie: %r" % login_cookie)
    b = client(server, source=PROXY)
    form = b.get("/login", headers={"X-Forwarded-Proto": "https"})
    login_cookie = [v for v in form.all("Set-Cookie") if v.startswith("tilsyn_login=")]
    check(len(login_cookie) == 1 and "Secure" in login_cookie[0],
          "the login form's cookie over https from the proxy: %r" % login_cookie)

    # CSRF: no token, another session's token.
    token = c.csrf()
    r = c.post("/logout", {})
    check(r.status == 403, "POST /logout without csrf: %d, expected 403" % r.status)
    r = c.post("/logout", {"csrf": other.csrf()})
    check(r.status == 403, "POST /logout with another session's csrf: %d, expected 403" %
          r.status)
    r = c.post("/logout", {"csrf": token[:-1] + ("0" if token[-1] != "0" else "1")})
    check(r.status == 403, "POST /logout with a csrf one digit off: %d, expected 403" %
          r.status)
    check(logged_in(c, "Anne Krogh Bech"), "a refused logout ended the session")

    # Logout ends the session on the server, not only in the browser.
    old = c.session
    r = c.post("/logout", {"csrf": token})
    check(r.status == 303 and r.header("Location") == "/login",
          "logout: %d %s, expected 303 /login" % (r.status, r.header("Location")))
    cleared = session_cookie(r)
    check(cleared is not None and attributes(cleared)[1].get("max-age") == "0",
          "logout does not clear the cookie: %r" % cleared)
    replay = client(server)
    replay.cookies["tilsyn_session"] = (old, "/")
    r = replay.get("/min-dag")
    check(r.status == 303 and r.header("Location").startswith("/login"),
          "the logged-out session id still works: %d" % r.status)
    check(logged_in(other, "Anne Krogh Bech"), "logout ended the user's other session too")

    # The login form's own token: without its cookie, or with a token that is not the cookie's.
    b = client(server)
    form = b.get("/login")
    fields = {"csrf": form.form_value("csrf"), "next": "/", "login": "akb",
              "password": fixture.password_of("akb")}
    r = b.post("/login", fields, cookies=False)
    check(r.status == 403 and session_cookie(r) is None,
          "login without the tilsyn_login cookie: %d, expected 403" % r.status)
    r = b.post("/login", dict(fields, csrf=os.urandom(32).hex()))
    check(r.status == 403 and session_cookie(r) is None,
          "login with a csrf that is not the cookie's: %d, expected 403" % r.status)
    # (Each refused form set a new cookie: a browser would show the new form.)
    form = b.get("/login")
    r = b.post("/login", dict(fields, csrf=form.form_value("csrf")))
    check(r.status == 303, "the same login with its cookie: %d, expected 303" % r.status)


# --- redirects after login --------------------------------------------------------------------

def redirects(server):
    # Browsers drop tabs and line breaks from an address: "/<TAB>/evil.example" is
    # "//evil.example" to them.
    for next_path in ("//evil.example", "https://evil.example", "/\\evil.example",
                      "http:/evil.example", "\\\\evil.example", "/\t/evil.example",
                      "/\x0b/evil.example", " //evil.example"):
        c = client(server)
        r = c.login("akb", next_path=next_path)
        check(r.header("Location") == "/min-dag",
              "login with next=%s went to %s, expected the home page" % (
                  next_path, r.header("Location")))
        # The same next= posted directly, past the form.
        c = client(server)
        form = c.get("/login")
        r = c.post("/login", {"csrf": form.form_value("csrf"), "next": next_path,
                              "login": "akb", "password": fixture.password_of("akb")})
        check(r.header("Location") == "/min-dag", "login posting next=%s went to %s" % (
            next_path, r.header("Location")))
    c = client(server)
    r = c.login("akb", next_path="/min-dag?x=1")
    check(r.header("Location") == "/min-dag?x=1", "a local next= is not followed: %s" %
          r.header("Location"))

    # CR LF in next, and in a path that is sent to the login page with next=.
    injected = "/min-dag\r\nSet-Cookie: evil=1\r\nX-Injected: ja"
    c = client(server)
    form = c.get("/login?next=" + urllib.parse.quote(injected, safe=""))
    r = c.post("/login", {"csrf": form.form_value("csrf"), "next": injected, "login": "akb",
                          "password": fixture.password_of("akb")})
    for target in ("/min-dag%0d%0aX-Injected:%20ja", "/min-dag%0aX-Injected:%20ja",
                   "/login?next=%2Fmin-dag%0d%0aX-Injected:%20ja"):
        seen_before = len(seen)
        client(server).get(target)
        r2 = seen[seen_before][2]
        check(r2.status in (200, 303, 400, 404), "GET %s: %d" % (target, r2.status))
    for method, target, resp in seen:
        names = [n.lower() for n, _ in resp.headers]
        check("x-injected" not in names and not any(
            v.startswith("evil=") for v in resp.all("Set-Cookie")),
            "%s %s: an injected header came back: %r" % (method, target, resp.headers))
    check(r.header("Location") == "/min-dag", "login with CR LF in next went to %r" %
          r.header("Location"))


# --- throttling --------------------------------------------------------------------------------

def throttling(server):
    guesser = client(server, source=THROTTLED)
    statuses = []
    for i in range(5):
        statuses.append(guesser.login("pvj", password="forkert-kode-%d-xx" % i,
                                      expect=None).status)
    check(statuses == [401] * 5, "5 wrong passwords: %r, expected 401 each" % statuses)
    r = guesser.login("pvj", expect=None)
    retry = r.header("Retry-After") or ""
    check(r.status == 429 and retry.isdigit() and int(retry) > 0 and
          session_cookie(r) is None,
          "6th attempt with the right password: %d Retry-After %r, expected 429 with a wait"
          % (r.status, retry))
    # Per login (from another address) and per address (for another login).
    r = client(server).login("pvj", expect=None)
    check(r.status == 429, "pvj from another address after 5 failures: %d, expected 429" %
          r.status)
    r = client(server, source=THROTTLED).login("mhc", expect=None)
    check(r.status == 429, "another login from the guessing address: %d, expected 429" %
          r.status)
    r = client(server).login("mhc", expect=None)
    check(r.status == 303, "mhc from 127.0.0.1, not throttled: %d, expected 303" % r.status)


# --- hostile requests -------------------------------------------------------------------------

def raw_request(server, data, timeout=20):
    """Sends DATA on a fresh socket; the bytes the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except (ConnectionResetError, TimeoutError):
            pass
        return out


def parsed(target, answer):
    """A raw answer as a Response, kept with those checked for headers."""
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1]) if lines[0].startswith("HTTP/1.1 ") else 0
    headers = [tuple(x.strip() for x in line.split(":", 1)) for line in lines[1:] if ":" in line]
    r = fixture.Response(status, headers, body)
    seen.append(("POST", target, r))
    return r


def oversize(server, c):
    token = c.csrf()
    big = 1024 * 1024 + 1
    session = "tilsyn_session=" + c.session
    head = ("POST /logout HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: %s\r\nContent-Type: "
            "application/x-www-form-urlencoded\r\nContent-Length: %d\r\nConnection: close\r\n"
            "\r\n" % (session, big)).encode()
    body = ("csrf=" + token + "&x=").encode()
    body += b"a" * (big - len(body))
    # The body is sent too: httplib reads what was announced before it answers, so a client
    # that only announces waits for the read time-out (10 s) for its 413.
    answer = raw_request(server, head + body)
    check(parsed("/logout", answer).status == 413, "a body of 1 MiB + 1: %r" % answer[:40])
    chunked = head.replace(b"Content-Length: %d" % big, b"Transfer-Encoding: chunked")
    answer = raw_request(server, chunked + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n")
    check(parsed("/logout", answer).status == 413, "a chunked body of 1 MiB + 1: %r" %
          answer[:40])
    check(logged_in(c, "Anne Krogh Bech"), "an oversize logout ended the session")


def traversal(server, c):
    anonymous = client(server)
    for target in ("/static/../rules/policy.toml", "/static/%2e%2e/rules/policy.toml",
                   "/static/..%2frules%2fpolicy.toml", "/static/%2e%2e%2frules%2fpolicy.toml",
                   "/static/..%5crules%5cpolicy.toml", "/static/tilsyn.css/../../rules/policy.toml",
                   "/static/%252e%252e/rules/policy.toml", "/%2e%2e/rules/policy.toml",
                   "/static/../../../../etc/passwd", "/kalender/abonnement/../../tilsyn.db",
                   "/static/../tilsyn-login.db"):
        # Anonymous: the login page, or 404 under the calendar's prefix (no login there).
        for who, statuses, browser in (("logged in", (404,), c),
                                       ("anonymous", (303, 404), anonymous)):
            r = browser.get(target)
            leak = any(s in r.body for s in (b"red_from", b"root:", b"SQLite format"))
            check(r.status in statuses and not leak,
                  "GET %s %s: %d%s, expected %s" % (target, who, r.status,
                                                    " WITH THE FILE" if leak else "",
                                                    " or ".join(map(str, statuses))))


def unknown_path(c):
    r = c.get("/findes-ikke")
    check(r.status == 404 and "Siden findes ikke" in r.text and
          (r.header("Content-Type") or "").startswith("text/html"),
          "unknown path: %d, expected the 404 page" % r.status)


def slow_client(server, c):
    """Half a request, then silence: the server must hang up, and serve others meanwhile. Starts
    two stalled connections and returns the function that waits for their end: the other
    checks run in between."""
    stalled = []
    for _ in range(2):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=20)
        s.sendall(b"GET /min-dag HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: tilsyn_")
        stalled.append(s)
    started = time.monotonic()
    closed_after = [None] * len(stalled)

    def wait_close(i, s):
        try:
            while s.recv(4096):
                pass
        except OSError:
            pass
        closed_after[i] = time.monotonic() - started

    waiters = [threading.Thread(target=wait_close, args=(i, s)) for i, s in
               enumerate(stalled)]
    for w in waiters:
        w.start()

    def finish():
        served = []
        while any(w.is_alive() for w in waiters) and time.monotonic() - started < 17:
            t = time.monotonic()
            ok = c.get("/min-dag").status == 200
            served.append((ok, time.monotonic() - t))
            time.sleep(0.5)
        for w in waiters:
            w.join(5)
        for s in stalled:
            s.close()
        # The read time-out is 10 s; the server then answers 400 and keeps the connection for
        # its 5 s keep-alive before closing: some 15 s in all.
        check(all(a is not None and a <= 16 for a in closed_after),
              "stalled connections closed after %r s, expected within 16" % closed_after)
        check(all(ok and took < 3 for ok, took in served),
              "requests while two connections stalled: %r" % served)

    return finish


def headers_everywhere():
    kinds = set()
    for method, target, r in seen:
        kinds.add(r.status)
        csp = r.header("Content-Security-Policy") or ""
        directives = {d.strip().split(" ")[0]: d.strip() for d in csp.split(";")}
        check("'self'" in directives.get("default-src", "").split() and
              directives.get("frame-ancestors") == "frame-ancestors 'none'" and
              "unsafe-inline" not in csp and "unsafe-eval" not in csp,
              "%s %s (%d): Content-Security-Policy %r" % (method, target, r.status, csp))
        check(r.header("X-Content-Type-Options") == "nosniff",
              "%s %s (%d): no X-Content-Type-Options: nosniff" % (method, target, r.status))
        check(r.header("Referrer-Policy") in ("no-referrer", "same-origin", "strict-origin"),
              "%s %s (%d): Referrer-Policy %r" % (method, target, r.status,
                                                 r.header("Referrer-Policy")))
    # The test must have looked at every kind of response it claims to.
    for status in (200, 303, 401, 403, 404, 413, 429):
        check(status in kinds, "no %d response among those checked for headers" % status)
    check(any(t == "/static/tilsyn.css" for _, t, _ in seen), "the style sheet not checked")


# --- time-outs across restarts ----------------------------------------------------------------

def timeouts(site):
    """The clock only moves between runs: restart the server at later seconds."""
    at = lambda minutes: Server(site, epoch=T0 + minutes * MINUTE)  # noqa: E731

    def still(session, minutes):
        with at(minutes) as server:
            c = client(server)
            c.cookies["tilsyn_session"] = (session, "/")
            return c.get("/min-dag").status == 200

    set_access(site, idle=5)
    with at(0) as server:
        c = client(server)
        c.login("akb")
        session = c.session
    check(still(session, 4), "a session used after 4 of its 5 idle minutes ended")
    check(still(session, 8), "a session used every 4 minutes ended after 8 (idle 5)")
    check(not still(session, 14), "a session idle for 6 minutes (of 5 allowed) still works")

    set_access(site, idle=60)
    with at(0) as server:
        c = client(server)
        c.login("akb")
        session = c.session
    check(still(session, 50), "a session used after 50 of its 60 idle minutes ended")
    check(not still(session, 65), "a session used steadily still works 65 minutes after "
          "login (absolute_hours = 1)")
    # And a session started on one pinned day does not work on the next.
    with Server(site, today="2027-06-15") as server:
        c = client(server)
        c.login("akb")
        session = c.session
    with Server(site, today="2027-06-16") as server:
        c = client(server)
        c.cookies["tilsyn_session"] = (session, "/")
        check(c.get("/min-dag").status == 303, "yesterday's session works today")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="serve-security-") as tmp:
        site = fixture.make_site(argv[1], os.path.join(tmp, "site"))
        set_access(site, idle=5)
        with Server(site, epoch=T0) as server:
            akb = client(server)
            akb.login("akb")
            # Every kind of response, for the header check.
            client(server).get("/static/tilsyn.css")
            client(server).get(site.feed_path)
            client(server).get("/kalender/abonnement/" + "0" * 64 + ".ics")
            client(server).post("/min-dag", {})
            admin = client(server)
            admin.login("it-admin", expect=None)
            admin.get("/min-dag")
            # Every check below runs while two connections hang half-sent.
            slow_client_ends = slow_client(server, akb)
            single_sign_on(server)
            cookies_and_sessions(server)
            redirects(server)
            unknown_path(akb)
            traversal(server, akb)
            oversize(server, akb)
            throttling(server)
            slow_client_ends()
            check(server.alive(), "the server died")
        headers_everywhere()
        timeouts(site)
    return failures.finish("serve.security")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
