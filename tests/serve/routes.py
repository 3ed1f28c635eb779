#!/usr/bin/env python3
"""docs/serve.md's table "Who may open what", cell by cell, against a running `tilsyn serve`:
the documentation and the server cannot drift apart. A row whose page is not in the binary
fails (its cells say 200 or 403 where the server says 404); nothing is skipped.

Beside the cells: no page or download of a domain role names an area outside the user's scope
(by id, as the plan's downloads and the calendar carry them), no HTML page has inline script or
style, every link in a role's navigation is a row of the table, and a leader asking for another
leader's area page is refused while their own is shown.

Usage: routes.py TILSYN          (about 15 s)
"""
import os
import re
import sys
import tempfile
import tomllib
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture  # noqa: E402
from fixture import AREA_OF_AKB, AREA_OF_PVJ, Client, Failures, Server  # noqa: E402

DOC = os.path.join(fixture.SOURCE, "docs", "serve.md")
SECTION = "## Who may open what"
COLUMNS = ["leder", "centerchef", "revisor", "admin", "no session"]
UNKNOWN_TOKEN = "0" * 64

failures = Failures()


class Expect:
    """One cell: a status, and for 303 where to (an exact path, or the login page with next)."""

    def __init__(self, text):
        self.text = text
        m = re.fullmatch(r"(200|400|401|403|404)|303 (login|/\S*)", text)
        if not m:
            raise ValueError("cell %r is none of 200, 400, 401, 403, 404, '303 /path', "
                             "'303 login'" % text)
        self.status = int(m.group(1)) if m.group(1) else 303
        self.location = m.group(2)

    def location_for(self, path):
        if self.location == "login":
            return "/login?next=" + urllib.parse.quote(path, safe="")
        return self.location


def read_table(doc=DOC):
    """[(method, path, {column: Expect})] from the section's table, in order."""
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    if text.count(SECTION + "\n") != 1:
        raise ValueError("%s: no single section %r" % (doc, SECTION))
    body = text.split(SECTION + "\n", 1)[1].split("\n## ", 1)[0]
    lines = [line.strip() for line in body.splitlines() if line.strip().startswith("|")]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    if len(cells) < 3 or cells[0] != ["route"] + COLUMNS or not all(
            re.fullmatch(r":?-+:?", c) for c in cells[1]):
        raise ValueError("%s: the table must have the columns route, %s" %
                         (doc, ", ".join(COLUMNS)))
    rows = []
    seen = set()
    for row in cells[2:]:
        m = re.fullmatch(r"`(GET|POST) (/\S*)`", row[0])
        if not m or len(row) != len(COLUMNS) + 1:
            raise ValueError("%s: bad row %r" % (doc, row))
        if (m.group(1), m.group(2)) in seen:
            raise ValueError("%s: %s %s twice" % (doc, m.group(1), m.group(2)))
        seen.add((m.group(1), m.group(2)))
        rows.append((m.group(1), m.group(2), dict(zip(COLUMNS, map(Expect, row[1:])))))
    return rows


def areas_by_scope():
    """Every area id of the bundled rules, and those each test login may see."""
    every, by_leader_email, by_center = set(), {}, {}
    for name in sorted(os.listdir(fixture.RULES)):
        if name in ("policy.toml", "access.toml") or not name.endswith(".toml"):
            continue
        with open(os.path.join(fixture.RULES, name), "rb") as f:
            register = tomllib.load(f)
        emails = {l["id"]: l["email"].lower() for l in register.get("leaders", [])}
        for area in register.get("areas", []):
            every.add(area["id"])
            by_leader_email.setdefault(emails[area["leader"]], set()).add(area["id"])
            by_center.setdefault(register["id"], set()).add(area["id"])
    return every, {
        "akb": by_leader_email["akb@lejre.example"],
        "pvj": by_leader_email["pvj@lejre.example"],
        "mhc": by_center["jc"],
        "revisor": every,
    }


EVERY_AREA, SCOPE = areas_by_scope()


def outside_ids(login, body):
    """The ids of areas outside LOGIN's scope that BODY names."""
    text = body.decode("utf-8", errors="replace")
    return sorted(a for a in EVERY_AREA - SCOPE[login]
                  if re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(a), text))


def inline_code(body):
    """Inline script or style in an HTML page, which the CSP blocks: what it found."""
    text = body.decode("utf-8", errors="replace")
    found = []
    if re.search(r"<style\b", text, re.I):
        found.append("<style>")
    if re.search(r"<script\b(?![^>]*\bsrc=)", text, re.I):
        found.append("<script> without src")
    if re.search(r"<[^>]+\sstyle\s*=", text, re.I):
        found.append("style= attribute")
    if re.search(r"<[^>]+\son[a-z]+\s*=", text, re.I):
        found.append("on...= handler")
    if re.search(r"javascript:", text, re.I):
        found.append("javascript: URL")
    return found


def concrete(path, site):
    return path.replace("<token>", site.calendar_token).replace("<unknown-token>",
                                                                UNKNOWN_TOKEN)


def check_cell(client, login, csrf, method, path, expect, where):
    form = {"csrf": csrf} if csrf else {}
    r = client.post(path, form) if method == "POST" else client.get(path)
    got = "%d %s" % (r.status, r.header("Location") or "")
    ok = r.status == expect.status
    if ok and expect.status == 303:
        ok = r.header("Location") == expect.location_for(path)
    if not failures.check(ok, "%s: expected %s, got %s" % (where, expect.text, got.strip())):
        return False
    # A page the browser shows is held to the CSP; a file it saves (the report, which carries
    # its own style sheet to be read offline) is not shown under it.
    attachment = (r.header("Content-Disposition") or "").startswith("attachment")
    if r.status == 200 and (r.header("Content-Type") or "").startswith("text/html") \
            and not attachment:
        bad = inline_code(r.body)
        failures.check(not bad, "%s: inline code the CSP blocks: %s" % (where, ", ".join(bad)))
    if r.status == 200 and login in SCOPE and not path.startswith("/kalender/abonnement/"):
        leaked = outside_ids(login, r.body)
        failures.check(not leaked, "%s: names areas outside %s's scope: %s" %
                       (where, login, ", ".join(leaked)))
    return True


def nav_links(client):
    """The paths in the main navigation of the user's home page."""
    home = client.get("/")
    if home.status != 303:
        return None
    page = client.get(home.header("Location"))
    m = re.search(r'<nav aria-label="Hovedmenu">(.*?)</nav>', page.text, re.S)
    return re.findall(r'href="([^"]+)"', m.group(1)) if m else None


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    rows = read_table()
    failing_rows = []
    with tempfile.TemporaryDirectory(prefix="serve-routes-") as tmp:
        site = fixture.make_site(argv[1], os.path.join(tmp, "site"))
        with Server(site) as server:
            clients, tokens = {}, {}
            for role in COLUMNS[:-1]:
                login = fixture.ROLE_LOGIN[role]
                clients[role] = Client(server.port)
                clients[role].login(login)
                tokens[role] = clients[role].csrf()
            clients["no session"] = Client(server.port)
            tokens["no session"] = None

            for method, path, cells in rows:
                row_ok = True
                for column in COLUMNS:
                    client, csrf = clients[column], tokens[column]
                    login = fixture.ROLE_LOGIN.get(column)
                    if path == "/logout" and csrf:
                        # Logging out ends the session: a session of its own for that.
                        client = Client(server.port)
                        client.login(login)
                        csrf = client.csrf()
                    where = "%s %s as %s" % (method, path, column)
                    row_ok &= check_cell(client, login, csrf, method, concrete(path, site),
                                         cells[column], where)
                if not row_ok:
                    failing_rows.append("%s %s" % (method, path))

            # Every page a role's navigation offers is a row of the table.
            documented = {p for m, p, _ in rows if m == "GET"}
            for role in COLUMNS[:-1]:
                links = nav_links(clients[role])
                if failures.check(links is not None, "no navigation on %s's home page" % role):
                    for href in links:
                        failures.check(urllib.parse.urlsplit(href).path in documented,
                                       "%s's navigation links to %s, which the table of "
                                       "docs/serve.md lacks" % (role, href))

            # A leader: their own area's page, never another leader's.
            pvj = Client(server.port)
            pvj.login("pvj")
            for area, status in ((AREA_OF_PVJ, 200), (AREA_OF_AKB, 403)):
                r = pvj.get("/register/omraade/" + area)
                failures.check(r.status == status, "pvj GET /register/omraade/%s: expected %d, "
                               "got %d" % (area, status, r.status))
            # pvj's calendar: pvj's areas, no one else's.
            r = Client(server.port).get(concrete("/kalender/abonnement/<token>.ics", site))
            failures.check(r.status == 200 and AREA_OF_PVJ in r.text and
                           not outside_ids("pvj", r.body),
                           "pvj's calendar: %d, has %s: %s, areas outside: %s" % (
                               r.status, AREA_OF_PVJ, AREA_OF_PVJ in r.text,
                               outside_ids("pvj", r.body)))
            failures.check(server.alive(), "the server is still running")
    if failing_rows:
        print("rows of docs/serve.md the server does not do (%d of %d):" %
              (len(failing_rows), len(rows)))
        for row in failing_rows:
            print("  " + row)
    return failures.finish("serve.routes")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
