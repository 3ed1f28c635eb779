#!/usr/bin/python3
"""tilsyn serve's pages in a real browser: Debian's Chromium driven by Selenium (chromium-driver).

usage: browser.py TILSYN

Builds a populated site (fixture.make_site) and serves it, then for each role (leder akb,
centerchef mhc, revisor, admin it-admin):
  * logs in through the login form, typing into its fields (after one wrong password);
  * opens every page in that role's navigation, found in the page (so a new page is covered
    as soon as the route table lists it), and the first page of each kind they link to (an
    area, an entry): each must answer 200 with one <h1>, be no error page and be no wider
    than the 1280 px window;
  * runs axe-core (tests/serve/node_modules, `npm ci --prefix tests/serve`) on each page for
    WCAG 2.1 A and AA: 0 violations, else each one's rule, impact and elements are printed;
  * reads the browser's console after each page: no Content-Security-Policy violation and no
    other error;
  * on the Downloads page, clicks each download and checks the file: the .ics with
    tests/ics's checkers against the plan's JSON, CSV in its dialect (RFC 4180, or Danish
    Excel's with BOM and ';'), JSON, the auditor's zip against the pack's files and its
    SHA256SUMS, the HTML report's <h1>;
  * on the Kalender page, makes a secret calendar address with its button (the address serves
    the plan) and deletes it (it serves nothing); on Administration, sets pvj's password with
    the form (two that differ first: the error is announced), and pvj then logs in with it;
    the pages these forms answer with are checked like the others;
  * logs out with the header's button, after which a page sends the browser to the login.
Then the same site with single sign-on ([login] sso_header from trusted 127.0.0.1): each role
arrives by the X-Remote-User header alone, sent by Chrome (DevTools' extra headers).

Prints one FAIL line per failed check, the axe results per role and page, and exits 1 if any
check failed. Needs /usr/bin/python3 (python3-selenium), chromium and chromium-driver.
"""
import csv
import hashlib
import html.parser
import http.client
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import zipfile

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

import fixture

HERE = os.path.dirname(os.path.abspath(__file__))
AXE = os.path.join(HERE, "node_modules", "axe-core", "axe.min.js")
ICS_CHECKS = os.path.join(fixture.SOURCE, "tests", "ics")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTH = 1280

# The titles of the server's error and message pages (server.cpp, page handlers).
ERROR_TITLES = {"Siden findes ikke", "Ingen adgang", "Forkert forespørgsel", "Findes ikke",
                "Siden kan ikke vises", "Serverfejl", "Fejl", "Adgang nægtet",
                "Formularen er udløbet", "For stor forespørgsel", "Log ind"}
# Where the server's own links lead without being pages to look at.
NOT_PAGES = ("/download/", "/kalender/abonnement/", "/static/", "/logout")
# What each role's Downloads page must offer, by the file's name in its path.
DOWNLOADS = ["plan.ics", "plan.csv", "plan.json", "log.csv", "rapport.html"]
AUDITOR_DOWNLOADS = DOWNLOADS + ["revisionspakke.zip"]
# The auditor's pack (report/audit_pack.cpp); public-key.pem only when the log is signed.
PACK_FILES = {"log.csv", "decisions.csv", "colour-history.csv", "timeliness.csv",
              "timeliness-summary.csv", "measurements.csv", "verify.txt", "public-key.pem",
              "report.html", "README.txt", "SHA256SUMS"}


class Browser:
    """Headless Chromium with a fresh profile, its console kept, downloads into one folder."""

    def __init__(self, root, height=900, hide_scrollbars=False):
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=root)
        self.downloads = tempfile.mkdtemp(prefix="downloads-", dir=root)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new",
                    "--no-sandbox",  # the tests run as root
                    "--no-proxy-server",  # a proxy in some sandboxes intercepts even 127.0.0.1
                    "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
                    "--no-first-run", "--disable-background-networking",
                    "--lang=da-DK", "--window-size=%d,%d" % (WIDTH, height),
                    "--user-data-dir=" + self.profile):
            options.add_argument(arg)
        if hide_scrollbars:
            options.add_argument("--hide-scrollbars")
        options.add_experimental_option("prefs", {
            "download.default_directory": self.downloads,
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        })
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(60)
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": self.downloads})
        self.driver.execute_cdp_cmd("Network.enable", {})
        with open(AXE, encoding="utf-8") as f:
            self.axe_source = f.read()

    def quit(self):
        self.driver.quit()

    def reset(self):
        """A blank page and no cookies: a new visitor. The blank page first, so that nothing
        still loading (a redirect loop) sets a cookie afterwards; then every cookie, whatever
        the site (WebDriver's own call clears only the current page's)."""
        self.driver.get("about:blank")
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})

    def headers(self, headers):
        """Extra HTTP headers on every request from now on, as a proxy in front would add."""
        self.driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": headers})

    @property
    def path(self):
        """The current page's path and query."""
        u = urllib.parse.urlsplit(self.driver.current_url)
        return u.path + ("?" + u.query if u.query else "")

    def status(self):
        """The HTTP status of the page now shown (after redirects), from Navigation Timing."""
        return self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return n ? n.responseStatus : null;")

    def open(self, url):
        self.driver.get(url)

    def click_and_wait(self, element, timeout=20):
        """Clicks a link or a submit button and waits until the next page has replaced this."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        WebDriverWait(self.driver, timeout).until(expected_conditions.staleness_of(old))
        WebDriverWait(self.driver, timeout).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def h1s(self):
        return [e.text.strip() for e in self.driver.find_elements(By.TAG_NAME, "h1")]

    def links(self, css):
        """[(path with query, text)] of the same-origin links under CSS."""
        here = urllib.parse.urlsplit(self.driver.current_url)
        found = []
        for a in self.driver.find_elements(By.CSS_SELECTOR, css):
            u = urllib.parse.urlsplit(a.get_attribute("href") or "")
            if u.scheme in ("http", "https") and u.netloc == here.netloc:
                found.append((u.path + ("?" + u.query if u.query else ""), a.text.strip()))
        return found

    def axe(self):
        """axe-core's WCAG 2.1 A and AA rules on the page: (violations, number of rules passed)."""
        if not self.driver.execute_script("return typeof window.axe === 'object';"):
            self.driver.execute_script(self.axe_source)
        result = self.driver.execute_async_script("""
            const tags = arguments[0], done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => done({
                passes: r.passes.length,
                violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                                              summary: n.failureSummary}))}))
            }), e => done({error: String(e)}));
        """, WCAG)
        if "error" in result:
            raise AssertionError("axe-core failed: " + result["error"])
        return result["violations"], result["passes"]

    def console(self):
        """The console's messages since the last call."""
        return self.driver.get_log("browser")

    def wider_than_window(self):
        return self.driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;")


class Tour:
    """The checks of one run, shared by the roles: failures, and axe's results per page."""

    def __init__(self, f, base=""):
        self.base = base.rstrip("/")
        self.f = f
        self.axe_results = []  # (who, path, violations, passes)
        self.covered = {}  # role -> [paths]
        self.admin_set_pvj = False

    def url(self, path):
        return self.base + path

    def check_console(self, b, who, path):
        for entry in b.console():
            text = entry.get("message", "")
            if "Content Security Policy" in text or "Content-Security-Policy" in text:
                self.f.check(False, "%s %s: CSP violation: %s" % (who, path, text))
            elif "Failed to load resource" in text and "/static/" not in text:
                # A page's own status is checked with the page (a wrong password's form is
                # 401 on purpose); Chrome's own request for /favicon.ico is not a page's.
                continue
            elif entry.get("level") == "SEVERE":
                self.f.check(False, "%s %s: browser console: %s" % (who, path, text))

    def check_axe(self, b, who, path):
        violations, passes = b.axe()
        self.axe_results.append((who, path, len(violations), passes))
        for v in violations:
            nodes = "; ".join(n["target"] for n in v["nodes"][:8])
            self.f.check(False, "%s %s: axe %s (%s): %s; %d element(s): %s" % (
                who, path, v["id"], v["impact"], v["help"], len(v["nodes"]), nodes))
            for n in v["nodes"][:3]:
                print("    %s\n      %s" % (n["html"][:200], (n["summary"] or "").replace(
                    "\n", "\n      ")))
        if not violations:
            self.f.check(True, "")

    def check_page(self, b, who, path, expect_current=None, statuses=(200,)):
        """The page now shown: 200 (or one of STATUSES), one non-empty <h1>, no error page,
        fits the window; axe and the console."""
        status = b.status()
        h1 = b.h1s()
        title = h1[0] if h1 else ""
        ok = self.f.check(status in statuses, "%s %s: status %s (%r)" % (
            who, path, status, title))
        ok &= self.f.check(len(h1) == 1 and title != "",
                           "%s %s: expected one non-empty <h1>, found %r" % (who, path, h1))
        if ok:
            ok &= self.f.check(title not in ERROR_TITLES,
                               "%s %s: an error page: %r" % (who, path, title))
            # The window's title names the page too (a tab, a bookmark, a screen reader).
            name = b.driver.title.split(" – ")[0]
            self.f.check(name != "" and (name in title or title in name),
                         "%s %s: the <title> %r does not name the page %r" % (
                             who, path, b.driver.title, title))
        if expect_current is not None:
            current = b.links('nav a[aria-current="page"]')
            self.f.check([p for p, _ in current] == [expect_current],
                         "%s %s: the navigation marks %r as the current page" % (
                             who, path, current))
        self.f.check(not b.wider_than_window(),
                     "%s %s: the page is wider than a %d px window" % (who, path, WIDTH))
        self.check_axe(b, who, path)
        self.check_console(b, who, path)
        self.covered.setdefault(who, []).append("%s (%s)" % (path, title))
        return ok


def login_with_form(tour, b, login, password, first_path="/"):
    """Opens FIRST_PATH without a session (-> the login form), types the login and password,
    submits. Returns the path the browser landed on."""
    b.open(tour.url(first_path))
    expected = "/login" if first_path == "/" else "/login?next=" + urllib.parse.quote(
        first_path, safe="")
    tour.f.check(b.path == expected, "%s: %s without a session went to %r, not %r" % (
        login, first_path, b.path, expected))
    field = b.driver.find_element(By.ID, "login")
    field.clear()
    field.send_keys(login)
    b.driver.find_element(By.ID, "password").send_keys(password)
    b.click_and_wait(b.driver.find_element(By.CSS_SELECTOR,
                                           'form[action="/login"] button[type="submit"]'))
    return b.path


def pattern_of(path):
    """A link's kind: its path without the last segment when that names one thing (an area, an
    entry), and its query's names; one link of each kind is enough."""
    u = urllib.parse.urlsplit(path)
    parts = u.path.rstrip("/").split("/")
    if len(parts) > 2:
        parts[-1] = "*"
    names = sorted({k for k, _ in urllib.parse.parse_qsl(u.query, keep_blank_values=True)})
    return "/".join(parts) + ("?" + "&".join(names) if names else "")


def tour_role(tour, b, role, login):
    """One role through the password login, its navigation, the pages they link to, the
    downloads and the logout."""
    b.reset()
    who = "%s (%s)" % (role, login)

    landed = login_with_form(tour, b, login, fixture.password_of(login))
    if not tour.f.check(not landed.startswith("/login") and b.status() == 200,
                        "%s: login did not lead to a page: %s, status %s, %r" % (
                            who, landed, b.status(), b.h1s())):
        return
    nav = b.links('nav[aria-label="Hovedmenu"] a')
    tour.f.check(nav != [], "%s: no navigation after login (landed on %s, %r)" % (
        who, landed, b.h1s()))
    tour.f.check(not nav or landed == nav[0][0],
                 "%s: login landed on %s, not the first page of the navigation %s" % (
                     who, landed, nav[0][0] if nav else None))
    name = b.driver.find_element(By.CSS_SELECTOR, "form.who span").text
    tour.f.check(name.endswith("(%s)" % role), "%s: the header says %r" % (who, name))

    linked = {}  # kind of page -> (path, from)
    for path, label in nav:
        link = b.driver.find_element(By.CSS_SELECTOR,
                                     'nav[aria-label="Hovedmenu"] a[href="%s"]' % path)
        b.click_and_wait(link)
        tour.f.check(b.path == path, "%s: the link %r led to %s, not %s" % (
            who, label, b.path, path))
        tour.check_page(b, who, path, expect_current=path)
        for target, _ in b.links("main a[href]"):
            if target.startswith(NOT_PAGES) or any(target == p for p, _ in nav):
                continue
            linked.setdefault(pattern_of(target), (target, path))
    for target, source in linked.values():
        b.open(tour.url(target))
        tour.check_page(b, who, target + " (from " + source + ")")

    if any(path == "/downloads" for path, _ in nav):
        b.open(tour.url("/downloads"))
        check_downloads(tour, b, who, AUDITOR_DOWNLOADS if role == "revisor" else DOWNLOADS)
    else:
        print("%s: no Downloads page in the navigation; downloads not checked" % who)

    if any(path == "/kalender" for path, _ in nav):
        calendar_forms(tour, b, who)
    if any(path == "/admin" for path, _ in nav):
        admin_forms(tour, b, who)

    # Log out with the header's button: back at the login, and a page asks for it again.
    home = nav[0][0] if nav else "/"
    b.open(tour.url(home))
    b.click_and_wait(b.driver.find_element(By.CSS_SELECTOR, 'form.who button[type="submit"]'))
    tour.f.check(b.path == "/login", "%s: logout led to %s" % (who, b.path))
    b.open(tour.url(home))
    tour.f.check(b.path.startswith("/login"),
                 "%s: after logout %s showed %s, not the login" % (who, home, b.path))
    tour.check_console(b, who, "logout")


def submit(b, css):
    """Submits the form CSS with its button, as a user would."""
    b.click_and_wait(b.driver.find_element(By.CSS_SELECTOR, css + ' button[type="submit"]'))


def calendar_forms(tour, b, who):
    """A secret calendar address made with the page's button (shown once, and it serves the
    plan), then deleted with the other (and it serves nothing)."""
    f = tour.f
    b.open(tour.url("/kalender"))
    submit(b, 'main form[action="/kalender/ny"]')
    tour.check_page(b, who, "/kalender/ny (POST)")
    shown = b.driver.find_elements(By.CSS_SELECTOR, "main input#url")
    url = shown[0].get_attribute("value") if shown else ""
    prefix = tour.base + "/kalender/abonnement/"
    if f.check(url.startswith(prefix) and url.endswith(".ics"),
               "%s: the new calendar address is %r" % (who, url)):
        status, body = get_anonymously(tour, url)
        f.check(status == 200 and body.startswith(b"BEGIN:VCALENDAR\r\n"),
                "%s: the new calendar address answers %d: %r" % (who, status, body[:60]))
    submit(b, 'main form[action="/kalender/slet"]')
    tour.check_page(b, who, "/kalender/slet (POST)")
    f.check(b.driver.find_elements(By.CSS_SELECTOR, 'main [role="status"]') != [],
            "%s: no confirmation that the calendar address was deleted" % who)
    if url.startswith(prefix):
        status, _ = get_anonymously(tour, url)
        f.check(status == 404, "%s: a deleted calendar address answers %d" % (who, status))


def get_anonymously(tour, url):
    """GET URL from this server without the browser's cookies: as a calendar program would."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    try:
        conn.request("GET", u.path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


NEW_PASSWORD = "en-helt-ny-adgangskode-til-pvj"


def admin_forms(tour, b, who):
    """pvj's password set on the Administration page: first two that differ (the error is
    announced and accessible), then the same twice; pvj logs in with it afterwards."""
    f = tour.f
    form = '#bruger-pvj form[action="/admin/adgangskode"]'
    for second, state in (("noget-helt-andet-123", "different passwords"),
                          (NEW_PASSWORD, "set")):
        b.open(tour.url("/admin"))
        b.driver.find_element(By.ID, "password-pvj").send_keys(NEW_PASSWORD)
        b.driver.find_element(By.ID, "password2-pvj").send_keys(second)
        submit(b, form)
        # A form sent back with its errors may say so in its status (400 or 422).
        tour.check_page(b, who, "/admin/adgangskode (POST, %s)" % state,
                        statuses=(200,) if second == NEW_PASSWORD else (200, 400, 422))
        if second != NEW_PASSWORD:
            f.check(b.driver.find_elements(By.CSS_SELECTOR, 'main [role="alert"]') != [],
                    "%s: different passwords: no error in an alert" % who)
        else:
            f.check(b.driver.find_elements(By.CSS_SELECTOR, 'main [role="status"]') != [],
                    "%s: no confirmation that the password was set" % who)
    tour.admin_set_pvj = True


def wait_for_download(folder, timeout=30):
    """The one file that appears in FOLDER once Chrome has finished writing it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        names = os.listdir(folder)
        done = [n for n in names if not n.endswith((".crdownload", ".tmp")) and
                not n.startswith(".")]
        if done and len(done) == len(names):
            return os.path.join(folder, done[0])
        time.sleep(0.1)
    return None


def file_name(link):
    """The file a download link names: /download/plan.csv?aar=2027 -> plan.csv."""
    return urllib.parse.urlsplit(link).path.rsplit("/", 1)[-1]


def query(link):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(link).query))


def check_downloads(tour, b, who, expected):
    """Clicks each download link of the page shown and checks each file that arrives."""
    f = tour.f
    links = list(dict.fromkeys(p for p, _ in b.links('main a[href^="/download/"]')))
    offered = {file_name(p) for p in links}
    for name in expected:
        f.check(name in offered, "%s /downloads: no link to %s (links: %s)" % (
            who, name, links))
    files = {}  # link -> the downloaded file
    for link in links:
        for old in os.listdir(b.downloads):
            os.remove(os.path.join(b.downloads, old))
        started = time.monotonic()
        b.driver.find_element(By.CSS_SELECTOR, 'main a[href="%s"]' % link).click()
        got = wait_for_download(b.downloads)
        if not f.check(got is not None, "%s: %s was not downloaded" % (who, link)):
            continue
        kept = os.path.join(tempfile.mkdtemp(dir=os.path.dirname(b.downloads)),
                            os.path.basename(got))
        shutil.move(got, kept)
        files[link] = kept
        print("%s: downloaded %s as %s (%d bytes, %.1f s)" % (
            who, link, os.path.basename(got), os.path.getsize(kept), time.monotonic() - started))
    tour.check_console(b, who, "/downloads")
    for link, file in files.items():
        try:
            check_file(tour, who, link, file, files)
        except Exception as e:  # a file that does not even parse is a failed check
            f.check(False, "%s: %s: %s: %s" % (who, link, type(e).__name__, e))


def check_csv(f, what, data, excel, rows_needed=True):
    """RFC 4180 is comma-separated without a BOM, excel_da semicolon-separated with one; both
    end records in CRLF and have as many fields in each row as in the header."""
    bom = data.startswith(b"\xef\xbb\xbf")
    f.check(bom == excel, "%s: %s" % (what, "no BOM for Excel" if excel else "a BOM"))
    text = data.decode("utf-8-sig")
    delimiter = ";" if excel else ","
    f.check(text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""),
            "%s: records must end in CRLF" % what)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    f.check(len(rows) >= (2 if rows_needed else 1) and len(rows[0]) >= 2,
            "%s: expected a header and rows separated by %r: %r" % (what, delimiter, rows[:2]))
    bad = [i for i, r in enumerate(rows) if len(r) != len(rows[0])]
    f.check(not bad, "%s: rows %s have not the header's %d fields" % (
        what, bad[:5], len(rows[0]) if rows else 0))


def check_file(tour, who, link, file, files):
    f = tour.f
    name = file_name(link)
    what = "%s: %s" % (who, link)
    excel = query(link).get("dialekt") == "excel-da"
    with open(file, "rb") as fh:
        data = fh.read()
    f.check(len(data) > 0, "%s is empty" % what)
    if name.endswith(".ics"):
        # The plan's JSON of the same year lists the occurrences the calendar must have.
        plan_json = [files[p] for p in files if file_name(p) == "plan.json" and
                     query(p).get("aar") == query(link).get("aar")]
        if not f.check(plan_json != [], "%s: no plan.json of its year to check it by" % what):
            return
        checks = [["/usr/bin/python3", os.path.join(ICS_CHECKS, "check_raw.py")],
                  ["/usr/bin/python3", os.path.join(ICS_CHECKS, "check_python_icalendar.py")]]
        if os.path.isdir(os.path.join(ICS_CHECKS, "node_modules", "ical.js")):
            checks.append(["node", os.path.join(ICS_CHECKS, "check_icaljs.mjs")])
        else:
            print("%s: tests/ics/node_modules missing, ical.js not run" % what)
        for check in checks:
            p = subprocess.run(check + [file, plan_json[0]], capture_output=True, text=True)
            f.check(p.returncode == 0, "%s: %s: %s%s" % (
                what, os.path.basename(check[-1]), p.stdout, p.stderr))
    elif name.endswith(".csv"):
        check_csv(f, what, data, excel)
    elif name.endswith(".json"):
        value = json.loads(data.decode("utf-8"))
        f.check(bool(value), "%s: empty JSON" % what)
    elif name.endswith(".zip"):
        with zipfile.ZipFile(file) as z:
            f.check(z.testzip() is None, "%s: a damaged member" % what)
            members = {n.rsplit("/", 1)[-1]: n for n in z.namelist() if not n.endswith("/")}
            names = set(members)
            missing = PACK_FILES - {"public-key.pem"} - names
            f.check(not missing, "%s: the pack lacks %s (has %s)" % (
                what, sorted(missing), sorted(names)))
            f.check(names <= PACK_FILES, "%s: files not in the pack: %s" % (
                what, sorted(names - PACK_FILES)))
            # SHA256SUMS as `sha256sum -c` reads it, and each CSV in the asked dialect.
            sums = z.read(members["SHA256SUMS"]).decode() if "SHA256SUMS" in members else ""
            for line in sums.splitlines():
                digest, _, member = line.partition("  ")
                f.check(member in members and
                        hashlib.sha256(z.read(members[member])).hexdigest() == digest,
                        "%s: SHA256SUMS: %s does not match" % (what, member))
            for member in sorted(names):
                if member.endswith(".csv"):
                    check_csv(f, "%s: %s" % (what, member), z.read(members[member]), excel,
                              rows_needed=False)
    elif name.endswith(".html"):
        h1 = first_h1(data.decode("utf-8"))
        f.check(bool(h1), "%s: no <h1>" % what)
    else:
        f.check(False, "%s: a download the test does not know how to check" % what)


def first_h1(text):
    class H1(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside = False
            self.text = None

        def handle_starttag(self, tag, attrs):
            if tag == "h1" and self.text is None:
                self.inside, self.text = True, ""

        def handle_endtag(self, tag):
            if tag == "h1":
                self.inside = False

        def handle_data(self, data):
            if self.inside:
                self.text += data

    p = H1()
    p.feed(text)
    return (p.text or "").strip()


def login_with_new_password(tour, b):
    """The password the administrator set on the page is the one pvj logs in with."""
    if not tour.admin_set_pvj:
        print("no Administration page: pvj's password not set through it")
        return
    b.reset()
    landed = login_with_form(tour, b, "pvj", NEW_PASSWORD)
    tour.f.check(not landed.startswith("/login") and b.status() == 200,
                 "pvj with the password the administrator set: %s, status %s, %r" % (
                     landed, b.status(), b.h1s()))


def login_page_checks(tour, b):
    """The login form, fresh and after a wrong password (its error is announced)."""
    b.reset()
    b.open(tour.url("/login"))
    tour.check_page(b, "anonymous", "/login")
    login_with_form(tour, b, "akb", "forkert-adgangskode-123", "/min-dag")
    error = b.driver.find_elements(By.CSS_SELECTOR, '[role="alert"]')
    tour.f.check(len(error) == 1 and "Forkert" in error[0].text,
                 "a wrong password: no error in an alert: %r" % [e.text for e in error])
    tour.f.check(b.driver.find_element(By.ID, "login").get_attribute("value") == "akb",
                 "a wrong password: the login field was not kept")
    # The form's own status is 401; its page must still be accessible.
    violations, passes = b.axe()
    tour.axe_results.append(("anonymous", "/login (wrong password)", len(violations), passes))
    for v in violations:
        tour.f.check(False, "/login (wrong password): axe %s (%s): %s" % (
            v["id"], v["impact"], [n["target"] for n in v["nodes"]]))
    tour.check_console(b, "anonymous", "/login (wrong password)")


def sso_checks(tour, b):
    """Each role by the single sign-on header alone; a name nobody has is refused."""
    f = tour.f
    # The leader by e-mail, as Entra ID sends it; the others by login.
    for role, sent in (("leder", "AKB@lejre.example"), ("centerchef", "mhc"),
                       ("revisor", "revisor"), ("admin", "it-admin")):
        who = "sso %s (%s)" % (role, sent)
        b.reset()
        b.headers({"X-Remote-User": sent})
        b.open(tour.url("/"))
        if not f.check(not b.path.startswith("/login") and b.status() == 200,
                       "%s: / led to %s (status %s, %r)" % (who, b.path, b.status(), b.h1s())):
            continue
        name = b.driver.find_element(By.CSS_SELECTOR, "form.who span").text
        f.check(name.endswith("(%s)" % role), "%s: the header says %r" % (who, name))
        nav = b.links('nav[aria-label="Hovedmenu"] a')
        f.check(nav != [] and b.path == nav[0][0], "%s: landed on %s, navigation %s" % (
            who, b.path, nav))
        for path, _ in nav:
            b.open(tour.url(path))
            f.check(b.status() == 200 and b.h1s() and b.h1s()[0] not in ERROR_TITLES,
                    "%s %s: status %s, %r" % (who, path, b.status(), b.h1s()))
            tour.check_console(b, who, path)
        # The session tilsyn made for the header carries the CSRF token: logout is accepted.
        if nav:
            b.click_and_wait(b.driver.find_element(By.CSS_SELECTOR,
                                                   'form.who button[type="submit"]'))
            f.check(b.path == "/login" and b.status() == 200,
                    "%s: logout led to %s (status %s)" % (who, b.path, b.status()))
    b.reset()
    b.headers({"X-Remote-User": "ukendt@lejre.example"})
    b.open(tour.url("/min-dag"))
    f.check(b.status() == 403 and b.h1s() == ["Adgang nægtet"],
            "sso: a name nobody has got status %s, %r" % (b.status(), b.h1s()))
    b.headers({})
    b.reset()
    b.open(tour.url("/login"))
    tour.check_page(b, "anonymous (sso site)", "/login")


def print_summary(tour):
    print("axe-core %s, %s: violations per page" % (axe_version(), "+".join(WCAG)))
    for who, path, count, passes in tour.axe_results:
        print("  %-28s %-55s %d violations, %d rules passed" % (who, path, count, passes))


def axe_version():
    with open(os.path.join(HERE, "node_modules", "axe-core", "package.json")) as f:
        return json.load(f)["version"]


def short(e):
    """An exception in one line: WebDriver's come with a stack trace of addresses."""
    text = e.msg if isinstance(e, WebDriverException) else str(e)
    return "%s: %s" % (type(e).__name__, (text or "").strip().split("\n")[0])


def run(tilsyn, root):
    site = fixture.make_site(tilsyn, os.path.join(root, "site"))
    # The same site behind a single sign-on proxy on this machine.
    sso_root = os.path.join(root, "sso")
    shutil.copytree(site.root, sso_root)
    sso_site = fixture.Site(tilsyn, sso_root)
    with open(os.path.join(fixture.RULES, "access.toml"), encoding="utf-8") as f:
        sso_site.write_access('[login]\nsso_header = "X-Remote-User"\n'
                              'trusted_proxies = ["127.0.0.1"]\n\n' + f.read())

    tour = Tour(f=fixture.Failures())
    steps = [("login form", login_page_checks)]
    steps += [(role, lambda t, b, role=role, login=login: tour_role(t, b, role, login))
              for role, login in fixture.ROLE_LOGIN.items()]
    steps.append(("pvj's new password", login_with_new_password))
    in_browser(tour, site, root, steps)
    in_browser(tour, sso_site, root, [("single sign-on", sso_checks)])
    print("pages covered:")
    for who, paths in tour.covered.items():
        print("  %s: %s" % (who, ", ".join(paths)))
    print_summary(tour)
    return tour.f.finish("serve.browser")


def in_browser(tour, site, root, steps):
    """Serves SITE and runs each step (tour, browser) in a fresh browser; a step that stops on
    an exception is a failed check, and the next step goes on."""
    with fixture.Server(site) as server:
        tour.base = server.url.rstrip("/")
        b = Browser(root)
        try:
            for name, step in steps:
                started = time.monotonic()
                try:
                    step(tour, b)
                except (WebDriverException, TimeoutException, AssertionError) as e:
                    tour.f.check(False, "%s: stopped by %s" % (name, short(e)))
                print("%s: %.1f s" % (name, time.monotonic() - started), flush=True)
        finally:
            # Before the server stops: the browser's idle keep-alive connections would hold
            # the server's shutdown until they time out.
            b.quit()


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if not os.path.exists(AXE):
        print("browser.py: %s missing: npm ci --prefix tests/serve" % AXE, file=sys.stderr)
        return 2
    root = tempfile.mkdtemp(prefix="tilsyn-browser-")
    try:
        return run(argv[1], root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
