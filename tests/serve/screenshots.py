#!/usr/bin/python3
"""Screenshots of tilsyn serve's main pages for docs/serve.md, from the browser test's site.

usage: screenshots.py TILSYN [OUT_DIR]      (OUT_DIR defaults to docs/screenshots)

Serves fixture.make_site's populated site and photographs, 1280 px wide, the login form and
each page of the navigation once, as the role that sees most of it (the center manager for the
domain's pages, the auditor for what only the auditor has, the administrator for
Administration). A page longer than MAX_HEIGHT is cut there: the pictures show what a page
looks like, not all of it. Each PNG is named for its navigation label ("Min dag" ->
min-dag.png), has 256 colours (with python3-pil) and is optimised with optipng when that is
installed. Prints the Markdown lines that docs/serve.md's "Screenshots" section uses.
"""
import base64
import io
import os
import shutil
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By

import browser
import fixture

MAX_HEIGHT = 1200
# Who photographs the pages: the first role whose navigation has a page takes its picture,
# except where another role sees more (only the auditor has the pack to download).
ROLES = ["centerchef", "revisor", "admin", "leder"]
SHOWN_BY = {"Downloads": "revisor"}


def slug(label):
    s = label.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        s = s.replace(a, b)
    return "-".join("".join(c if c.isalnum() else " " for c in s).split())


def shoot(b, file):
    """The page at 1280 px wide and its own height, at most MAX_HEIGHT."""
    d = b.driver
    height = d.execute_script("return document.documentElement.scrollHeight;")
    height = max(400, min(int(height), MAX_HEIGHT))
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": browser.WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False})
    try:
        png = d.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    data = base64.b64decode(png)
    try:
        # 256 colours are plenty for text on flat colours and a third of the size.
        from PIL import Image
        Image.open(io.BytesIO(data)).convert("RGB").quantize(
            colors=256, dither=Image.Dither.NONE).save(file, optimize=True)
    except ImportError:  # python3-pil is optional here
        with open(file, "wb") as f:
            f.write(data)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", file], check=True)


def run(tilsyn, out, root):
    os.makedirs(out, exist_ok=True)
    site = fixture.make_site(tilsyn, os.path.join(root, "site"))
    taken = []  # (label, file, who)
    with fixture.Server(site) as server:
        tour = browser.Tour(fixture.Failures(), server.url)
        b = browser.Browser(root, hide_scrollbars=True)
        try:
            b.open(tour.url("/login"))
            shoot(b, os.path.join(out, "login.png"))
            taken.append(("Log ind", "login.png", "anonymous"))
            for role in ROLES:
                login = fixture.ROLE_LOGIN[role]
                b.reset()
                browser.login_with_form(tour, b, login, fixture.password_of(login))
                nav = b.links('nav[aria-label="Hovedmenu"] a')
                if not nav:
                    print("screenshots: %s: no navigation after login (%s, status %s)" % (
                        role, b.path, b.status()))
                for path, label in nav:
                    name = slug(label) + ".png"
                    if any(t[1] == name for t in taken) or SHOWN_BY.get(label, role) != role:
                        continue
                    b.open(tour.url(path))
                    if b.status() != 200:
                        print("screenshots: %s %s: status %s, not taken" % (role, path,
                                                                            b.status()))
                        continue
                    shoot(b, os.path.join(out, name))
                    taken.append((label, name, "%s (%s)" % (role, login)))
                for logout in b.driver.find_elements(By.CSS_SELECTOR,
                                                     'form.who button[type="submit"]'):
                    logout.click()
        finally:
            b.quit()  # before the server stops (browser.in_browser says why)
    for label, name, who in taken:
        size = os.path.getsize(os.path.join(out, name))
        print("%-24s %-28s %-22s %4d KiB" % (label, name, who, (size + 1023) // 1024))
    print()
    for label, name, who in taken:
        print("![%s, as %s](screenshots/%s)" % (label, who, name))
    return 0


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[2] if len(argv) == 3 else os.path.join(fixture.SOURCE, "docs", "screenshots")
    root = tempfile.mkdtemp(prefix="tilsyn-screenshots-")
    try:
        return run(argv[1], os.path.abspath(out), root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
