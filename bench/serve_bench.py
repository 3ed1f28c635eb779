#!/usr/bin/env python3
"""Web server benchmark: `tilsyn serve` on 127.0.0.1 under a steady load of users, per page.

    bench/serve_bench.py build-rel/src/tilsyn

The input is bench/gen_serve.py's: 200 areas in 4 centers, ten years of log, an access.toml
with every role. The server runs with --today TODAY and its default 8 threads; the benchmark
logs in as BENCH_USER (default the first centerchef: a center's 50 areas, the largest scope most
users have) and, for each page, runs wrk (bench/serve_steady.lua) with USERS connections, each
a user who asks for the page every INTERVAL seconds on average (50 every 2 s: 25 requests a
second) for DURATION seconds, RUNS times; it prints the median of each figure over the runs.
Then it looks for the highest rate the page sustains: the same users with shorter pauses, the
rate doubled from 25 until a step misses the goal (p99 at most GOAL_MS, no error, every answer
a 200), then halved twice between the last step that met it and the first that did not, each
step STEP seconds. The rate given is the one served (requests / seconds). wrk counts no request
that never got an answer, so a run also misses the goal when the served rate is below 90 % of
what the users ask for (USERS / (mean pause + median latency)): users the server keeps waiting.

Pages that the binary does not have (404 with the probe) are skipped with a note.

Environment (defaults in brackets):
  KEEP=DIR       generate the input into DIR and keep it (the import takes a while) [a temp dir]
  AREAS [200] SEED [1] TODAY [2027-06-15]
  BENCH_USER     the login [the first centerchef]
  PAGES          the paths, space-separated [/min-dag /plan /register /arbejdsbyrde /log
                 /downloads /download/plan.ics]
  USERS [50] INTERVAL [2] DURATION [30] RUNS [3]
  STEP [10]      seconds of each step of the search; SEARCH=0 skips the search
  GOAL_MS [50] THREADS [8] (the server's --threads)
Needs wrk (apt-get install wrk). Quick: DURATION=5 RUNS=1 STEP=3 bench/serve_bench.py BINARY
"""
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = "/min-dag /plan /register /arbejdsbyrde /log /downloads /download/plan.ics"


def env(name, default):
    return type(default)(os.environ.get(name, default))


def make_input(binary, keep, areas, seed, today):
    """The generated rules and log in KEEP, made again only when the stamp differs."""
    work = os.path.join(keep, f"{areas}-{seed}")
    stamp = f"areas={areas} seed={seed} today={today}"
    done = os.path.join(work, "input.done")
    if os.path.exists(done) and open(done).read() == stamp:
        return work
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    centers = max(1, areas // 50)
    with open(os.path.join(work, "input.txt"), "w") as out:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_serve.py"), "--tilsyn", binary, "--out", work,
                        "--areas", str(areas), "--centers", str(centers), "--today", today, "--seed", str(seed)],
                       check=True, stdout=out)
    with open(done, "w") as f:
        f.write(stamp)
    return work


class Server:
    def __init__(self, binary, work, today, threads):
        self.log = open(os.path.join(work, "serve.log"), "w")
        self.proc = subprocess.Popen(
            [binary, "--rules", os.path.join(work, "rules"), "--db", os.path.join(work, "log.db"), "--today", today,
             "serve", "--listen", "127.0.0.1:0", "--threads", str(threads)],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()  # "tilsyn serve: http://127.0.0.1:PORT/ (...)"
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            sys.exit(f"serve_bench.py: the server did not start: {line!r}; see {self.log.name}")
        self.port = int(m.group(1))

    def cpu_seconds(self):
        """The server's user and system CPU time so far."""
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def login(port, user, password):
    """The session cookie, through the login form as a browser gets it."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/login")
    r = c.getresponse()
    body = r.read().decode()
    form_cookie = r.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', body).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "login": user, "password": password, "next": "/"})
    c.request("POST", "/login", body=form,
              headers={"Cookie": form_cookie, "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    r.read()
    if r.status != 303 or "tilsyn_session=" not in (r.getheader("Set-Cookie") or ""):
        sys.exit(f"serve_bench.py: login as {user} failed ({r.status})")
    return r.getheader("Set-Cookie").split(";")[0]


def probe(port, cookie, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", path, headers={"Cookie": cookie})
    r = c.getresponse()
    body = r.read()
    return r.status, len(body)


def wrk(server, cookie, path, users, rate, seconds):
    """One wrk run: USERS connections at RATE requests a second in all; a dict of figures."""
    mean_ms = max(1, round(users / rate * 1000))
    cpu = server.cpu_seconds()
    out = subprocess.run(
        ["wrk", "-t1", f"-c{users}", f"-d{seconds}s", "--timeout", "2s", "-H", f"Cookie: {cookie}",
         "-s", os.path.join(HERE, "serve_steady.lua"), f"http://127.0.0.1:{server.port}{path}", "--", str(mean_ms)],
        check=True, capture_output=True, text=True).stdout
    cpu = server.cpu_seconds() - cpu
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    f = {k: int(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
    # What USERS users with that pause ask for when each answer takes the median latency; wrk
    # counts no request that never got an answer (its timeout count stays 0), so a user the
    # server keeps waiting shows only as a lower rate.
    expected = users / ((mean_ms + f["p50_us"] / 1000) / 1000)
    return {"asked": rate, "expected": expected, "rate": f["requests"] / (f["duration_us"] / 1e6),
            "requests": f["requests"],
            "p50": f["p50_us"] / 1000, "p99": f["p99_us"] / 1000, "max": f["max_us"] / 1000,
            "errors": f["connect"] + f["read"] + f["write"] + f["timeout"], "not_ok": f["not_ok"],
            "cpu_ms": cpu * 1000 / max(1, f["requests"])}


def meets(r, goal_ms):
    return (r["requests"] > 0 and r["p99"] <= goal_ms and r["errors"] == 0 and r["not_ok"] == 0
            and r["rate"] >= 0.9 * r["expected"])


def median_run(runs):
    keys = ("expected", "rate", "requests", "p50", "p99", "max", "errors", "not_ok", "cpu_ms")
    return {k: statistics.median(r[k] for r in runs) for k in keys}


def row(page, r, note=""):
    return (f"| {page} | {r['expected']:.1f} | {r['rate']:.1f} | {r['requests']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['max']:.1f} "
            f"| {r['errors']:.0f} | {r['not_ok']:.0f} | {r['cpu_ms']:.2f} |{note}")


def search(server, cookie, path, users, step, goal_ms, start):
    """The highest served rate that met the goal, and the steps tried."""
    tried = []

    def attempt(rate):
        r = wrk(server, cookie, path, users, rate, step)
        tried.append(r)
        return meets(r, goal_ms)

    good, bad = None, None
    rate = start
    while rate <= 20000:
        if attempt(rate):
            good = rate
            rate *= 2
        else:
            bad = rate
            break
    if good is not None and bad is not None:
        for _ in range(2):
            mid = (good + bad) // 2
            if attempt(mid):
                good = mid
            else:
                bad = mid
    best = max((r for r in tried if meets(r, goal_ms)), key=lambda r: r["rate"], default=None)
    return best, tried


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.realpath(sys.argv[1])
    if not shutil.which("wrk"):
        sys.exit("serve_bench.py: needs wrk (apt-get install wrk)")
    areas, seed, today = env("AREAS", 200), env("SEED", 1), env("TODAY", "2027-06-15")
    users, interval, duration, runs = env("USERS", 50), env("INTERVAL", 2.0), env("DURATION", 30), env("RUNS", 3)
    step, goal_ms, threads = env("STEP", 10), env("GOAL_MS", 50.0), env("THREADS", 8)
    keep = os.environ.get("KEEP")
    temp = None
    if keep:
        os.makedirs(keep, exist_ok=True)
    else:
        temp = tempfile.mkdtemp(prefix="serve-bench-")
        keep = temp
    try:
        work = make_input(binary, os.path.realpath(keep), areas, seed, today)
        with open(os.path.join(work, "users.json")) as f:
            accounts = json.load(f)
        user = os.environ.get("BENCH_USER") or accounts["users"]["centerchef"][0]
        version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"{version}; {open(os.path.join(work, 'input.txt')).read().strip()}")
        started = time.monotonic()
        server = Server(binary, work, today, threads)
        print(f"server up in {time.monotonic() - started:.1f} s (rules loaded, log verified), --threads {threads}; "
              f"logged in as {user}; {users} users, each a page every {interval:g} s on average "
              f"({users / interval:g} requests/s); {runs} runs of {duration} s, medians")
        print(f"load average before: {open('/proc/loadavg').read().split()[:3]} on {os.cpu_count()} CPUs")
        try:
            cookie = login(server.port, user, accounts["password"])
            pages = []
            for path in os.environ.get("PAGES", PAGES).split():
                status, size = probe(server.port, cookie, path)
                if status == 404:
                    print(f"  {path}: 404, not in this binary: skipped")
                elif status != 200:
                    print(f"  {path}: {status} for {user}: skipped")
                else:
                    pages.append(path)
                    print(f"  {path}: {size} bytes")
            print()
            print("| page | asked/s | served/s | requests | p50 ms | p99 ms | max ms | errors | not 200 "
                  "| server CPU ms/request |")
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for path in pages:
                results = [wrk(server, cookie, path, users, users / interval, duration) for _ in range(runs)]
                m = median_run(results)
                print(row(path, m, "" if meets(m, goal_ms) else f" misses the goal (p99 <= {goal_ms:g} ms, 0 errors, served >= 90 % of asked)"),
                      flush=True)
            if env("SEARCH", 1):
                print()
                print(f"Highest rate with p99 <= {goal_ms:g} ms and no errors ({users} users, steps of {step} s):")
                print()
                print("| page | highest rate/s | p50 ms | p99 ms | server CPU ms/request | steps (asked: served, p99) |")
                print("| --- | ---: | ---: | ---: | ---: | --- |")
                for path in pages:
                    best, tried = search(server, cookie, path, users, step, goal_ms, round(users / interval))
                    steps = ", ".join(f"{r['asked']:.0f}: {r['rate']:.0f}, {r['p99']:.0f} ms"
                                      + ("" if meets(r, goal_ms) else " x") for r in tried)
                    if best:
                        print(f"| {path} | {best['rate']:.0f} | {best['p50']:.1f} | {best['p99']:.1f} "
                              f"| {best['cpu_ms']:.2f} | {steps} |", flush=True)
                    else:
                        print(f"| {path} | none | | | | {steps} |", flush=True)
        finally:
            print(f"\nload average after: {open('/proc/loadavg').read().split()[:3]}")
            server.stop()
    finally:
        if temp:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
