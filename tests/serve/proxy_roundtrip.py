#!/usr/bin/env python3
"""Requests through a running reverse proxy (nginx or Apache with contrib's configuration) to a
stand-in for `tilsyn serve` that records what reaches it, and checks what the server would be
told: no X-Remote-User a client made up, the right Host, X-Forwarded-For and
X-Forwarded-Proto, HSTS, the redirect from plain HTTP, the upload limit (unless
--no-body-limit); with --sso, what an auth_request to a stand-in for oauth2-proxy lets through.

Usage: proxy_roundtrip.py NAME --https PORT --http PORT --backend PORT [--sso AUTH_PORT]
                          [--no-body-limit]
Prints one line per failure and exits 1 on any; prints "ok: ..." otherwise.
"""
import argparse
import http.client
import http.server
import ssl
import sys
import threading

SERVER_NAME = "tilsyn.kommune.example"
SSO_USER = "ahl@kommune.dk"
LIMIT = 20 * 1024 * 1024

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers 200 to everything and keeps each request's path, headers and body length."""
    seen = []

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        type(self).seen.append((self.command, self.path, list(self.headers.items()), len(body)))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_POST = do_HEAD = handle_any

    def log_message(self, *args):
        pass


class Backend(Recorder):
    seen = []


class FakeOauth2Proxy(Recorder):
    """/oauth2/auth as oauth2-proxy answers nginx's auth_request: 202 with the user's name for a
    signed-in session (a cookie here), 202 without a name for "nameless", 401 otherwise."""
    seen = []

    def do_GET(self):
        if self.path != "/oauth2/auth":
            return self.handle_any()
        type(self).seen.append((self.command, self.path, list(self.headers.items()), 0))
        cookie = self.headers.get("Cookie") or ""
        self.send_response(202 if "session=" in cookie else 401)
        if "session=ahl" in cookie:
            self.send_header("X-Auth-Request-User", "0f3c-opaque-subject")
            self.send_header("X-Auth-Request-Preferred-Username", SSO_USER)
        self.send_header("Content-Length", "0")
        self.end_headers()


def serve(handler, port):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def request(port, method, path, headers, body=None, tls=True):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", SERVER_NAME)
    for name, value in headers:
        conn.putheader(name, value)
    if body is not None:
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders()
    if body is not None:
        try:
            conn.send(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the proxy answered (413) before the whole body was sent
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


# What a client might send to pass as someone else, or to look as if it came over HTTPS.
FORGED = [
    ("X-Remote-User", "admin"),
    ("x-remote-user", "root"),
    ("X_Remote_User", "admin"),
    ("X-Forwarded-For", "10.6.6.6"),
    ("X-Forwarded-Proto", "http"),
]


def values(headers, name):
    """Every value of a header, matching names as a lenient server would: any case, "_" as "-"."""
    key = name.lower().replace("_", "-")
    return [v for n, v in headers if n.lower().replace("_", "-") == key]


def check_forwarded(name, what, headers, user):
    check(values(headers, "Host") == [SERVER_NAME], f"{name}: {what}: Host {values(headers, 'Host')}")
    check(values(headers, "X-Forwarded-For") == ["127.0.0.1"],
          f"{name}: {what}: X-Forwarded-For {values(headers, 'X-Forwarded-For')}, expected the client's address alone")
    check(values(headers, "X-Forwarded-Proto") == ["https"],
          f"{name}: {what}: X-Forwarded-Proto {values(headers, 'X-Forwarded-Proto')}")
    expected = [user] if user else []
    check(values(headers, "X-Remote-User") == expected,
          f"{name}: {what}: X-Remote-User (any spelling) {values(headers, 'X-Remote-User')}, expected {expected}")


def plain(name, args):
    seen = Backend.seen
    r = request(args.https, "GET", "/plan?year=2027", FORGED)
    check(r.status == 200, f"{name}: GET /plan: status {r.status}")
    hsts = r.getheader("Strict-Transport-Security") or ""
    check(hsts.startswith("max-age=") and int(hsts.split("=")[1].split(";")[0]) >= 31536000,
          f"{name}: Strict-Transport-Security '{hsts}', expected max-age of a year or more")
    check(len(seen) == 1, f"{name}: GET /plan reached the server {len(seen)} times")
    if seen:
        method, path, headers, _ = seen[-1]
        check(path == "/plan?year=2027", f"{name}: the server got path {path}")
        check_forwarded(name, "GET /plan", headers, None)

    body = b"x" * (1024 * 1024)
    r = request(args.https, "POST", "/sample", FORGED, body=body)
    check(r.status == 200, f"{name}: POST of 1 MB: status {r.status}")
    check(len(seen) == 2 and seen[-1][3] == len(body), f"{name}: POST of 1 MB did not reach the server whole")

    if args.body_limit:
        before = len(seen)
        r = request(args.https, "POST", "/import", [], body=b"x" * (LIMIT + 1))
        check(r.status == 413, f"{name}: POST above 20 MB: status {r.status}, expected 413")
        check(len(seen) == before, f"{name}: POST above 20 MB reached the server")

    before = len(seen)
    r = request(args.http, "GET", "/plan?year=2027", FORGED, tls=False)
    location = r.getheader("Location")
    check(r.status == 301 and location == f"https://{SERVER_NAME}/plan?year=2027",
          f"{name}: plain HTTP: {r.status} to {location}, expected 301 to https://{SERVER_NAME}/plan?year=2027")
    check(len(seen) == before, f"{name}: a plain HTTP request reached the server")


def sso(name, args):
    seen = Backend.seen
    r = request(args.https, "GET", "/plan", FORGED)
    check(r.status == 403, f"{name}: not signed in: status {r.status}, expected 403 (oauth2-proxy's sign-in page)")
    check(not seen, f"{name}: a request that was not signed in reached the server")
    check(any(p == "/oauth2/sign_in" for _, p, _, _ in FakeOauth2Proxy.seen),
          f"{name}: not signed in: oauth2-proxy's sign-in page was not asked for")

    r = request(args.https, "GET", "/plan", FORGED + [("Cookie", "session=ahl")])
    check(r.status == 200, f"{name}: signed in: status {r.status}")
    check(len(seen) == 1, f"{name}: signed in: reached the server {len(seen)} times")
    if seen:
        check_forwarded(name, "signed in", seen[-1][2], SSO_USER)
    auth = [h for _, p, h, _ in FakeOauth2Proxy.seen if p == "/oauth2/auth"]
    check(auth and values(auth[-1], "X-Forwarded-Uri") == ["/plan"],
          f"{name}: the auth subrequest did not carry X-Forwarded-Uri /plan")

    r = request(args.https, "GET", "/plan", FORGED + [("Cookie", "session=nameless")])
    check(r.status == 200, f"{name}: signed in without a name: status {r.status}")
    if len(seen) == 2:
        check_forwarded(name, "signed in without a name", seen[-1][2], None)
    else:
        check(False, f"{name}: signed in without a name: reached the server {len(seen) - 1} times")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--https", type=int, required=True)
    parser.add_argument("--http", type=int, required=True)
    parser.add_argument("--backend", type=int, required=True)
    parser.add_argument("--sso", type=int, metavar="AUTH_PORT")
    parser.add_argument("--no-body-limit", dest="body_limit", action="store_false",
                        help="the proxy passes bodies of any size on (Apache)")
    args = parser.parse_args()
    serve(Backend, args.backend)
    if args.sso:
        serve(FakeOauth2Proxy, args.sso)
        sso(args.name, args)
    else:
        plain(args.name, args)
    for failure in failures:
        print("FAIL:", failure)
    if failures:
        sys.exit(1)
    print(f"ok: {args.name}")


if __name__ == "__main__":
    main()
