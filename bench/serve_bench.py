#!/usr/bin/env python3
"""Web server benchmark: `tilsyn serve` on 127.0.0.1 under a steady load of users, per page.

    bench/serve_bench.py build-rel/src/tilsyn

The input is bench/gen_serve.py's: 200 areas in 4 centers, ten years of log, an access.toml
with every role. The server runs with --today TODAY and its default 8 threads; the benchmark
logs in as BENCH_USER (default the first centerchef: a center's 50 areas, the largest scope most
users have) and, for each page, runs USERS users who each ask for the page every INTERVAL
seconds (50 every 2 s: 25 requests a second), each from a random phase, for DURATION seconds,
RUNS times (once when the first run has errors); it prints the median of each figure over the
runs. Then, for each page that met the goal (p99 at most GOAL_MS and no error), it looks for the
highest rate the page sustains: the same users asking more often, the rate doubled from 25
until a step misses the goal, then the interval between the last step that met it and the first
that did not halved twice, each step STEP seconds.

The load is open: requests leave on a fixed schedule whatever the answers take, and a request's
latency counts from when it was due, so a server that falls behind is seen falling behind. Each
request has a connection of its own, as a browser's click does (the server answers one request
per connection). An error is a request not answered with 200 within 2 s; a run stops after 20
errors (the server still answers every request given up on). The generator is Python's
asyncio in this process; any lag it has counts against the server. (wrk 4.1 has no constant-rate mode; its delay() pauses
after connecting, so each pause would hold one of the server's threads on an idle connection.)

Pages that the binary does not have (404 with the probe) are skipped with a note.

Environment (defaults in brackets):
  KEEP=DIR       generate the input into DIR and keep it (the import takes a while) [a temp dir]
  AREAS [200] SEED [1] TODAY [2027-06-15]
  BENCH_USER     the login [the first centerchef]
  PAGES          the paths, space-separated [/min-dag /plan /register /arbejdsbyrde /log /kalender
                 /downloads /download/plan.ics /download/plan.csv /download/log.csv
                 /download/rapport.html]
  USERS [50] INTERVAL [2] DURATION [30] RUNS [3]
  STEP [10]      seconds of each step of the search; SEARCH=0 skips the search
  GOAL_MS [50] THREADS [8] (the server's --threads)
Quick: DURATION=5 RUNS=1 STEP=3 bench/serve_bench.py BINARY
"""
import asyncio
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = ("/min-dag /plan /register /arbejdsbyrde /log /kalender /downloads /download/plan.ics "
         "/download/plan.csv /download/log.csv /download/rapport.html")


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

    def settle(self):
        """Waits until the server has finished what an earlier run left it (requests given up
        on are still answered), so that one page's backlog is not the next page's latency."""
        while True:
            cpu = self.cpu_seconds()
            time.sleep(0.5)
            if self.cpu_seconds() - cpu < 0.02:
                return

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:  # still working through requests given up on
            self.proc.kill()
            self.proc.wait()
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


async def fetch(port, request, timeout):
    """One request on a connection of its own, as a browser opens one when the user clicks (the
    server closes it after the answer); the status, or an error's name."""
    reader = writer = None
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            await reader.read()  # the rest, until the server closes
            return int(status_line.split()[1])
    except TimeoutError:
        return "timeout"
    except (OSError, IndexError, ValueError) as e:
        return type(e).__name__
    finally:
        if writer:
            writer.close()


async def steady(port, cookie, path, users, rate, seconds, timeout=2.0):
    """USERS users, each asking for PATH every USERS/RATE seconds from a random phase on, for
    SECONDS: a fixed schedule, whatever the answers take. Latency is counted from the moment a
    request was due, so a late start (the previous answer of the same user still awaited, or the
    generator behind) counts against the server, not for it."""
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
               "Connection: close\r\n\r\n").encode()
    period = users / rate
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.1
    latencies, failures = [], {}

    async def user(phase):
        due = start + phase
        # A page far over its budget stops early: every request given up on is still answered
        # by the server, and a long backlog would only delay the next page.
        while due < start + seconds and sum(failures.values()) < 20:
            await asyncio.sleep(max(0.0, due - loop.time()))
            result = await fetch(port, request, timeout)
            if result == 200:
                latencies.append(loop.time() - due)
            else:
                failures[result] = failures.get(result, 0) + 1
            due += period

    rnd = random.Random(1)
    await asyncio.gather(*(user(rnd.uniform(0, period)) for _ in range(users)))
    return latencies, failures, min(seconds, loop.time() - start)


def run(server, cookie, path, users, rate, seconds):
    """One steady run; a dict of figures (latencies in ms)."""
    cpu = server.cpu_seconds()
    latencies, failures, elapsed = asyncio.run(steady(server.port, cookie, path, users, rate, seconds))
    cpu = server.cpu_seconds() - cpu
    done = len(latencies) + sum(failures.values())
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else float("inf")

    return {"asked": rate, "rate": done / elapsed, "requests": done, "p50": pct(50), "p99": pct(99),
            "max": latencies[-1] * 1000 if latencies else float("inf"),
            "errors": sum(failures.values()), "failures": failures, "cpu_ms": cpu * 1000 / max(1, done)}


def meets(r, goal_ms):
    return r["requests"] > 0 and r["p99"] <= goal_ms and r["errors"] == 0


def median_run(runs):
    keys = ("rate", "requests", "p50", "p99", "max", "errors", "cpu_ms")
    return {k: statistics.median(r[k] for r in runs) for k in keys}


def row(page, r, note=""):
    return (f"| {page} | {r['rate']:.1f} | {r['requests']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['max']:.1f} "
            f"| {r['errors']:.0f} | {r['cpu_ms']:.2f} |{note}")


def search(server, cookie, path, users, step, goal_ms, start):
    """The highest served rate that met the goal, and the steps tried."""
    tried = []

    def attempt(rate):
        r = run(server, cookie, path, users, rate, step)
        server.settle()
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
                cpu, started = server.cpu_seconds(), time.monotonic()
                status, size = probe(server.port, cookie, path)
                alone = f"{(time.monotonic() - started) * 1000:.1f} ms, {(server.cpu_seconds() - cpu) * 1000:.0f} ms CPU"
                if status == 404:
                    print(f"  {path}: 404, not in this binary: skipped")
                elif status != 200:
                    print(f"  {path}: {status} for {user}: skipped")
                else:
                    pages.append(path)
                    print(f"  {path}: {size} bytes; alone {alone}")
            print()
            print("| page | rate/s | requests | p50 ms | p99 ms | max ms | errors | server CPU ms/request |")
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            sustained = []
            for path in pages:
                results = []
                for _ in range(runs):
                    results.append(run(server, cookie, path, users, users / interval, duration))
                    server.settle()
                    if results[-1]["errors"]:
                        break  # far over its budget: more runs would say the same, slowly
                m = median_run(results)
                if meets(m, goal_ms):
                    sustained.append(path)
                failures = {}
                for r in results:
                    for k, v in r["failures"].items():
                        failures[k] = failures.get(k, 0) + v
                print(row(path, m, "" if meets(m, goal_ms) else f" misses the goal (p99 <= {goal_ms:g} ms, 0 errors)"
                          + (f"; errors over the runs: {failures}" if failures else "")), flush=True)
            if env("SEARCH", 1):
                print()
                print(f"Highest rate with p99 <= {goal_ms:g} ms and no errors ({users} users, steps of {step} s):")
                print()
                print("| page | highest rate/s | p50 ms | p99 ms | server CPU ms/request | steps (asked: served, p99) |")
                print("| --- | ---: | ---: | ---: | ---: | --- |")
                for path in pages:
                    if path not in sustained:
                        print(f"| {path} | below {users / interval:g} | | | | (not searched) |")
                        continue
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
