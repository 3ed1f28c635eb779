#!/usr/bin/env python3
"""tilsyn serve picks up changed rules and a growing log without a restart, and keeps serving
the last valid rules while a file is broken, showing the problems (file:line:col) to the
administrator and the center manager, and to nobody else.

    tests/serve/reload.py TILSYN

One server runs through it all, on the site of tests/serve/fixture.py:
1. a register's area renamed on disk: the next page shows the new name;
2. the register broken (an unknown key): pages keep the last valid rules, the center manager and
   the administrator see the problem with its place, a leader does not;
3. the register repaired: the problem is gone;
4. a supervision recorded with the command line: the log page counts one more entry;
5. a user taken out of access.toml: their session ends at their next request.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture  # noqa: E402
from fixture import Client, Failures, Server  # noqa: E402

failures = Failures()
check = failures.check

OLD_NAME = 'name   = "Forsikrede ledige (dagpengemodtagere)"'
NEW_NAME = 'name   = "Forsikrede ledige (a-dagpenge)"'
BROKEN = "ukendt_noegle = 1\n"


def register_path(site):
    return os.path.join(site.rules, "job-og-social.toml")


def edit(path, change):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(change(text))


def logged_in(server, login):
    c = Client(server.port)
    c.login(login)
    return c


def problems_shown(page):
    return "Reglerne på disken kan ikke indlæses" in page.text


def entries_counted(page):
    m = re.search(r"(\d+) poster, hoved", page.text)
    return int(m.group(1)) if m else None


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    import tempfile
    with tempfile.TemporaryDirectory(prefix="serve-reload-") as tmp:
        site = fixture.make_site(argv[1], os.path.join(tmp, "site"))
        path = register_path(site)
        with Server(site) as server:
            mhc = logged_in(server, "mhc")
            akb = logged_in(server, "akb")
            admin = logged_in(server, "it-admin")
            pvj = logged_in(server, "pvj")
            page = mhc.get("/register")
            check(page.status == 200 and "Forsikrede ledige (dagpengemodtagere)" in page.text,
                  "the register page before any change")

            # 1. A renamed area, picked up without a restart.
            edit(path, lambda t: t.replace(OLD_NAME, NEW_NAME))
            page = mhc.get("/register")
            check("Forsikrede ledige (a-dagpenge)" in page.text,
                  "a renamed area shows on the next page")

            # 2. A broken register: the last valid rules stay, the problem is shown to those
            # who can fix it, with its place.
            edit(path, lambda t: BROKEN + t)
            page = mhc.get("/register")
            check(page.status == 200, "the register page while a file is broken: %d" % page.status)
            check("Forsikrede ledige (a-dagpenge)" in page.text,
                  "the last valid rules are served while a file is broken")
            check(problems_shown(page), "the center manager is shown the problem")
            check(re.search(r"job-og-social\.toml:1:1: [^<]*ukendt_noegle", page.text) is not None,
                  "the problem names file:line:col and the key: %s" %
                  re.findall(r"<code>([^<]*)</code>", page.text))
            check(problems_shown(admin.get("/admin")), "the administrator is shown the problem")
            page = akb.get("/min-dag")
            check(page.status == 200 and not problems_shown(page),
                  "a leader is served and not shown the problem")

            # 3. Repaired: the problem is gone.
            edit(path, lambda t: t.replace(BROKEN, "", 1))
            check(not problems_shown(mhc.get("/register")), "the repaired file's problem is gone")

            # 4. The log grows through the command line; the page follows.
            before = entries_counted(mhc.get("/log"))
            site.run(fixture.TODAY, "record", "--area", fixture.AREA_OF_AKB, "--date",
                     "2027-06-14", "--cases", "6", "--note", "Ekstra tilsyn")
            after = entries_counted(mhc.get("/log"))
            check(before is not None and after == before + 1,
                  "the log page counts the new entry: %s -> %s" % (before, after))

            # 5. A user removed from access.toml loses their session at the next request.
            check(pvj.get("/min-dag").status == 200, "pvj is logged in")
            edit(os.path.join(site.rules, "access.toml"),
                 lambda t: re.sub(r'\[\[user\]\][^\[]*login = "pvj".*?(?=\[\[user\]\])', "", t,
                                  flags=re.S))
            r = pvj.get("/min-dag")
            check(r.status == 303 and (r.header("Location") or "").startswith("/login"),
                  "a user taken out of access.toml is sent to the login: %d" % r.status)
            check(server.alive(), "the server died")
    return failures.finish("serve.reload")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
