#!/usr/bin/python3
"""Renders `tilsyn report` in a real browser (Debian's chromium, headless) and checks it.

    check_report.py TILSYN_BINARY RULES_DIR [--keep DIR]

Builds a findings log for 2027 from the bundled rules with `tilsyn record`, `rerate` and
`correct`, every command with a fixed --today: supervisions on time, late (one recorded with an
explicit earlier occurrence), a missing month, a material finding, an accepted, a rejected and
a withdrawn decision. Then generates the report as of 2027-06-15 and has chromium write a
screenshot (1240x1754), an A4 PDF and the DOM. It checks:

- the HTML is self-contained: no URL, no script, no stylesheet link, no @import, no url(),
  no external image or frame;
- the DOM: every area of the rules (id and name) appears; both heat maps hold every area once,
  each in the cell of its likelihood and consequence, every cell coloured as the policy's
  thresholds say; the wheel has one mark per planned occurrence (counted from `tilsyn plan
  --format json` on the same log) with the status expected from what was recorded; known
  figures (on-time percentages, an error rate, an amount, the decisions) are where they belong;
- the PDF: a PDF, A4 pages, a sane page count, the title and axis labels in its text;
- the screenshot: a PNG of 1240x1754 with the risk colours in it, not blank.

Every expected value is worked out here from the inputs, not read from the report. With --keep
the rendered files stay in DIR for a human to look at.
"""
import collections
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

TODAY = "2027-06-15"
YEAR = 2027
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def run(args, **kw):
    p = subprocess.run(args, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"FAILED: {' '.join(args)}\n{p.stdout}\n{p.stderr}")
    return p.stdout


class Tilsyn:
    def __init__(self, binary, rules, db):
        self.base = [binary, "--rules", rules, "--db", db]

    def __call__(self, today, *args):
        return run(self.base + ["--today", today] + list(args))


def build_log(t, tmp):
    """The year so far. Returns what the test expects from it."""
    # Forsikrede ledige (red, monthly): Jan, Feb, May on time; March done in April (late);
    # April never done (missing by 15 June).
    t("2027-01-20", "record", "--area", "jc-forsikrede-ledige", "--date", "2027-01-20", "--cases", "10",
      "--errors-sagsbehandling", "1")
    t("2027-02-15", "record", "--area", "jc-forsikrede-ledige", "--date", "2027-02-15", "--cases", "10")
    t("2027-04-06", "record", "--area", "jc-forsikrede-ledige", "--date", "2027-04-06", "--occurrence",
      "2027-M03", "--cases", "10", "--errors-sagsbehandling", "2")
    t("2027-05-12", "record", "--area", "jc-forsikrede-ledige", "--date", "2027-05-12", "--cases", "8")
    # Sygedagpenge (jobcenter, yellow, quarterly): 3 of 12 with statsrefusion errors, a proposal
    # to go red, accepted: red and monthly from 1 April.
    t("2027-03-10", "record", "--area", "jc-sygedagpenge", "--date", "2027-03-10", "--cases", "12",
      "--errors-statsrefusion", "3")
    t("2027-03-15", "rerate", "--accept", "jc-sygedagpenge", "--reason", "Enig: for mange refusionsfejl",
      "--by", "Anne Krogh Bech")
    t("2027-04-05", "record", "--area", "jc-sygedagpenge", "--date", "2027-04-05", "--cases", "10")
    # Enkeltydelser (yellow, quarterly): a material finding with an amount; the proposal to go
    # red is rejected.
    with open(os.path.join(tmp, "enkeltydelser.toml"), "w", encoding="utf-8") as f:
        f.write('area = "yd-enkeltydelser"\ndate = 2027-02-10\ncases = 12\n'
                'errors = { sagsbehandling = 1, statsrefusion = 2 }\nnote = "Stikprøve <nye> & gamle"\n'
                '[[findings]]\ncase = "2027-004512"\naxis = "statsrefusion"\ncategory = "refusionsperiode"\n'
                'severity = "væsentlig"\namount = "12.500,50"\ndescription = "Refusion for forkert periode"\n')
    t("2027-02-10", "record", "--file", os.path.join(tmp, "enkeltydelser.toml"))
    t("2027-02-12", "rerate", "--reject", "yd-enkeltydelser", "--reason", "Enkeltstående fejl <rettet>",
      "--by", "Peter Vinther Jensen")
    # LAS § 27 (red, monthly): January to May on time.
    for month in range(1, 6):
        date = f"2027-{month:02d}-1{month}"
        t(date, "record", "--area", "yd-las-27-27a", "--date", date, "--cases", "5")
    # Ledighedsydelse (jobcenter, yellow): Q1 done 2 April, late.
    t("2027-04-02", "record", "--area", "jc-ledighedsydelse", "--date", "2027-04-02", "--occurrence", "2027-Q1",
      "--cases", "6")
    # Fleksjob set yellow by hand, then the decision is withdrawn: listed, marked, no effect.
    t("2027-05-03", "rerate", "--set", "jc-fleksjob", "yellow", "--reason", "Ny lovgivning", "--by", "Thomas Hvid Nielsen")
    entries = json.loads(t("2027-05-04", "log", "--format", "json"))["entries"]
    seq = entries[-1]["seq"]
    t("2027-05-04", "correct", str(seq), "--reason", "Besluttet på forkert grundlag")
    return {
        "fulfilled": {
            ("jc-forsikrede-ledige", "2027-M01"): ("2027-01-20", "on-time"),
            ("jc-forsikrede-ledige", "2027-M02"): ("2027-02-15", "on-time"),
            ("jc-forsikrede-ledige", "2027-M03"): ("2027-04-06", "late"),
            ("jc-forsikrede-ledige", "2027-M05"): ("2027-05-12", "on-time"),
            ("jc-sygedagpenge", "2027-Q1"): ("2027-03-10", "on-time"),
            ("jc-sygedagpenge", "2027-M04"): ("2027-04-05", "on-time"),
            ("yd-enkeltydelser", "2027-Q1"): ("2027-02-10", "on-time"),
            ("jc-ledighedsydelse", "2027-Q1"): ("2027-04-02", "late"),
            **{("yd-las-27-27a", f"2027-M{m:02d}"): (f"2027-{m:02d}-1{m}", "on-time") for m in range(1, 6)},
        },
        "withdrawn_seq": seq,
    }


class Dom(html.parser.HTMLParser):
    """Elements with their attributes and text, enough for the checks below."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs, [text parts]) in document order
        self.stack = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        el = (tag, dict(attrs), [])
        self.elements.append(el)
        if tag not in ("meta", "br", "input", "img", "link", "rect", "circle", "path", "line"):
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), []))

    def handle_endtag(self, tag):
        while self.stack:
            el = self.stack.pop()
            if el[0] == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        for el in self.stack:
            el[2].append(data)

    def find(self, tag=None, **attrs):
        out = []
        for t, a, txt in self.elements:
            if tag and t != tag:
                continue
            if all(a.get(k.replace("_", "-")) == v or (v is True and k.replace("_", "-") in a) for k, v in attrs.items()):
                out.append((t, a, "".join(txt)))
        return out

    def by_class(self, cls, tag=None):
        return [(t, a, "".join(txt)) for t, a, txt in self.elements
                if (not tag or t == tag) and cls in a.get("class", "").split()]


def check_self_contained(raw):
    # The report holds no URL at all: inline SVG takes its namespace from HTML.
    for pattern, what in [(r"https?:", "a URL"), (r"<script", "a script"), (r"<link", "a <link>"),
                          (r"@import", "an @import"), (r"url\(", "a url()"), (r"<img", "an <img>"),
                          (r"<iframe|<object|<embed", "an embedded object"), (r"\bsrc\s*=", "a src attribute"),
                          (r"\bhref\s*=\s*[\"'](?!#)", "a link out")]:
        found = re.search(pattern, raw, re.IGNORECASE)
        check(not found, f"self-containment: the report holds {what}: {found.group(0) if found else ''!r}")


def policy_colour(policy, l, c):
    rating = policy.get("rating", {})
    score = l * c if rating.get("method", "product") == "product" else l + c
    if score >= rating.get("red_from", 15):
        return "red"
    if score >= rating.get("yellow_from", 6):
        return "yellow"
    return "green"


# Injected into a copy of the report (never the report itself): lays the body out at the width
# of an A4 page's content (210 mm less the 2 x 12 mm margins of the report's @page) and lists
# every element that reaches past it, so a table or figure that would be cut off in print fails.
MEASURE = """<script>
(function () {
  var b = document.body;
  b.style.maxWidth = 'none'; b.style.width = '186mm'; b.style.padding = '0'; b.style.margin = '0';
  var limit = b.getBoundingClientRect().right + 0.5, out = [];
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > limit)
      out.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' +' + Math.round(r.right - limit) + 'px');
  });
  var pre = document.createElement('pre');
  pre.id = 'overflow-report';
  pre.textContent = JSON.stringify(out);
  b.appendChild(pre);
})();
</script>"""


def check_print_width(chrome, tmp, raw):
    page = os.path.join(tmp, "measure.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(raw.replace("</body>", MEASURE + "</body>"))
    dom = run(chrome + ["--window-size=900,1200", "--dump-dom", "file://" + page], timeout=60)
    found = re.search(r'<pre id="overflow-report">(.*?)</pre>', dom, re.S)
    if check(found, "the width measurement did not run"):
        import html as h
        wide = json.loads(h.unescape(found.group(1)))
        check(not wide, f"{len(wide)} element(s) reach past the A4 content width: {wide[:8]}")
    for rule in (r"@page\s*\{\s*size:\s*A4", r"print-color-adjust:\s*exact", r"tr\s*\{\s*break-inside:\s*avoid",
                 r"figure\s*\{[^}]*break-inside:\s*avoid"):
        check(re.search(rule, raw), f"the print CSS lacks {rule}")


TINTS = {"red": "#f6bcb5", "yellow": "#fce7a1", "green": "#c3e6cb"}


def check_dom(dom, raw_text, rules_dir, plan, expected):
    with open(os.path.join(rules_dir, "policy.toml"), "rb") as f:
        policy = tomllib.load(f)
    areas = {}
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith(".toml") and name != "policy.toml":
            with open(os.path.join(rules_dir, name), "rb") as f:
                reg = tomllib.load(f)
            for a in reg["areas"]:
                areas[a["id"]] = a
    text = "".join(dom.text)
    check(len(areas) >= 15, f"the rules hold {len(areas)} areas; expected the bundled ~20")
    for aid, a in areas.items():
        check(aid in raw_text, f"area id {aid} is not in the report")
        check(a["name"] in text, f"area name {a['name']!r} is not in the report's text")

    check(dom.find("html") and dom.find("html")[0][1].get("lang") == "da", "<html lang=\"da\"> missing")
    check(f"Ledelsestilsyn {YEAR}" in text, "title missing")
    check("Sandsynlighed" in text and "Konsekvens" in text, "heat map axis labels missing")

    # Heat maps: both axes, 25 cells each in the policy's colours, every area once in its cell.
    maps = dom.by_class("heatmap", "svg")
    check(len(maps) == 2, f"expected 2 heat maps, found {len(maps)}")
    cells = dom.by_class("cell", "rect")
    check(len(cells) == 50, f"expected 2 x 25 heat-map cells, found {len(cells)}")
    for _, a, _ in cells:
        want = TINTS[policy_colour(policy, int(a["data-l"]), int(a["data-c"]))]
        check(a["fill"] == want, f"cell L{a['data-l']} K{a['data-c']} is {a['fill']}, expected {want}")
    placed = dom.by_class("heat-area", "g")
    check(len(placed) == 2 * len(areas), f"expected {2 * len(areas)} areas on the heat maps, found {len(placed)}")
    seen = collections.Counter(a["data-area"] for _, a, _ in placed)
    check(all(seen[aid] == 2 for aid in areas), f"not every area is on both heat maps once: {seen}")
    # The first placed group of each area is on the sagsbehandling map (it comes first).
    circles = [a for t, a, _ in dom.elements if t == "circle"]
    first_seen = {}
    for _, a, _ in placed:
        first_seen.setdefault(a["data-area"], a)
    for aid, a in areas.items():
        last = a["assessments"][-1]  # every bundled area's last assessment is dated before TODAY
        s = last["sagsbehandling"]
        got = first_seen.get(aid, {})
        check((got.get("data-l"), got.get("data-c")) == (str(s["likelihood"]), str(s["consequence"])),
              f"{aid} is in cell L{got.get('data-l')} K{got.get('data-c')} on the sagsbehandling map, "
              f"expected L{s['likelihood']} K{s['consequence']}")
    # Geometry: a placed ring lies inside the rectangle of its cell.
    rects = {}
    for _, a, _ in cells[:25]:
        rects[(a["data-l"], a["data-c"])] = tuple(float(a[k]) for k in ("x", "y", "width", "height"))
    idx = [i for i, (t, a, _) in enumerate(dom.elements) if t == "g" and "heat-area" in a.get("class", "")]
    for i in idx[: len(areas)]:
        g = dom.elements[i][1]
        c = next(a for t, a, _ in dom.elements[i:] if t == "circle")
        x, y, w, h = rects[(g["data-l"], g["data-c"])]
        cx, cy, r = float(c["cx"]), float(c["cy"]), float(c["r"])
        check(x <= cx - r and cx + r <= x + w and y <= cy - r and cy + r <= y + h,
              f"{g['data-area']}'s ring ({cx},{cy},r={r}) is outside its cell {x, y, w, h}")
    del circles

    # The wheel: one mark per planned occurrence, each with the status the log gives it.
    wheels = dom.by_class("wheel", "svg")
    check(len(wheels) == 1, f"expected one year wheel, found {len(wheels)}")
    marks = dom.by_class("mark", "g")
    check(len(marks) == len(plan), f"the wheel has {len(marks)} marks; the plan has {len(plan)} occurrences")
    by_key = {(a["data-area"], a["data-period"]): a["data-status"] for _, a, _ in marks}
    expected_count = collections.Counter()
    for o in plan:
        key = (o["area_id"], o["period"])
        if key in expected["fulfilled"]:
            want = expected["fulfilled"][key][1]
        else:
            want = "missing" if o["due_date"] < TODAY else "pending"
        expected_count[want] += 1
        check(by_key.get(key) == want, f"mark {key}: status {by_key.get(key)}, expected {want}")
    check(len(expected["fulfilled"]) == expected_count["on-time"] + expected_count["late"],
          "not every recorded supervision fulfils a planned occurrence")
    months = [txt for _, _, txt in dom.by_class("month", "text")]
    check(months[:1] == ["januar"] and len(months) == 12, f"month labels: {months}")

    # Figures. Forsikrede ledige: 12 planned; on time Jan, Feb, May; March late; April missing;
    # 3 of 5 due on time = 60,0 %; sagsbehandling 3 errors in 38 cases = 7,9 %.
    def row(cls, aid):
        rows = [r for r in dom.find("tr", data_area=aid) if True]
        tables = [i for i, (t, a, _) in enumerate(dom.elements) if t == "table" and cls in a.get("class", "")]
        start = tables[0] if tables else 0
        for i in range(start, len(dom.elements)):
            t, a, txt = dom.elements[i]
            if t == "tr" and a.get("data-area") == aid:
                cells_ = []
                for t2, a2, txt2 in dom.elements[i + 1:]:
                    if t2 == "tr":
                        break
                    if t2 == "td":
                        cells_.append("".join(txt2).strip())
                return cells_
        del rows
        return []

    r = row("timeliness", "jc-forsikrede-ledige")
    check(r[-6:] == ["12", "3", "1", "1", "7", "60,0 %"], f"forsikrede ledige timeliness row: {r}")
    r = row("timeliness", "yd-las-27-27a")
    check(r[-6:] == ["12", "5", "0", "0", "7", "100,0 %"], f"LAS § 27 timeliness row: {r}")
    r = row("errors", "jc-forsikrede-ledige")
    check(len(r) > 4 and r[2] == "4" and r[3] == "38" and r[4].startswith("7,9 %"), f"forsikrede ledige errors row: {r}")
    r = row("errors", "jc-sygedagpenge")
    check(len(r) > 5 and r[5].startswith("13,6 %"), f"sygedagpenge statsrefusion rate (3 of 22): {r}")
    r = row("errors", "yd-enkeltydelser")
    check(len(r) > 9 and r[7] == "1" and r[9] == "12.500,50 kr.", f"enkeltydelser material finding and amount: {r}")
    total = ["".join(txt) for _, a, txt in dom.elements if a.get("id") == "on-time-total"]
    due = expected_count["on-time"] + expected_count["late"] + expected_count["missing"]
    want = (expected_count["on-time"] * 2000 + due) // (2 * due)
    check(total == [f"{want // 10},{want % 10} %"], f"on-time total {total}, expected {want} per mille")

    # Colour changes and decisions: the accepted one changes the plan, the rejected and the
    # withdrawn one are listed and marked.
    changes = "".join(txt for _, _, txt in dom.by_class("changes", "table"))
    check("Sygemeldte (sygedagpenge)" in changes and "Enig: for mange refusionsfejl" in changes,
          "the accepted decision's colour change is not listed with its reason")
    check("Mentorstøtte" in changes, "the register's own colour change (Mentorstøtte) is not listed")
    decisions = dom.by_class("decisions", "table")
    dtext = "".join(txt for _, _, txt in decisions)
    check("forslag afvist" in dtext and "Enkeltstående fejl <rettet>" in dtext, "the rejected decision is missing")
    check(len(dom.find("tr", **{"class": "withdrawn"})) == 1 and "Trukket tilbage" in dtext,
          "the withdrawn decision is not marked")
    check("&lt;rettet&gt;" in raw_text, "log text is not HTML-escaped")


def check_pdf(path):
    with open(path, "rb") as f:
        head = f.read(5)
    check(head == b"%PDF-", "the PDF does not start with %PDF-")
    info = run(["pdfinfo", path])
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    check(3 <= pages <= 12, f"the PDF has {pages} pages; expected 3-12")
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    check(size and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2,
          f"the PDF's pages are not A4: {size.group(0) if size else info}")
    text = run(["pdftotext", "-layout", path, "-"])
    for needle in (f"Ledelsestilsyn {YEAR}", "Sandsynlighed", "Konsekvens", "Årshjul", "Arbejdsbyrde"):
        check(needle in text, f"{needle!r} is not in the PDF's text")
    return pages


def check_png(path):
    from PIL import Image
    img = Image.open(path)
    check(img.format == "PNG", f"the screenshot is {img.format}, not PNG")
    check(img.size == (1240, 1754), f"the screenshot is {img.size}, expected 1240x1754")
    rgb = img.convert("RGB")
    colours = rgb.getcolors(maxcolors=1 << 20) or []
    check(len(colours) > 50, f"the screenshot has only {len(colours)} colours: blank?")
    common = max(colours)[0] if colours else 0
    check(common < 0.95 * img.size[0] * img.size[1], "the screenshot is almost one colour")
    present = {c for _, c in colours}
    for name, tint in TINTS.items():
        want = tuple(int(tint[i:i + 2], 16) for i in (1, 3, 5))
        check(want in present, f"the {name} heat-map tint {tint} is not in the screenshot")


def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i:i + 2]
    binary, rules = os.path.abspath(args[0]), os.path.abspath(args[1])
    tmp = tempfile.mkdtemp(prefix="tilsyn-report-")
    try:
        t = Tilsyn(binary, rules, os.path.join(tmp, "t.db"))
        expected = build_log(t, tmp)
        plan = json.loads(t(TODAY, "plan", "--year", str(YEAR), "--format", "json"))["occurrences"]
        report = os.path.join(tmp, "report.html")
        t(TODAY, "report", "--year", str(YEAR), "-o", report)
        with open(report, encoding="utf-8") as f:
            raw = f.read()
        check_self_contained(raw)

        profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
        chrome = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                  "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--disable-sync",
                  "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND"]
        url = "file://" + report
        png, pdf = os.path.join(tmp, "report.png"), os.path.join(tmp, "report.pdf")
        run(chrome + [f"--screenshot={png}", "--window-size=1240,1754", url], timeout=60)
        run(chrome + [f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url], timeout=60)
        dom_text = run(chrome + ["--dump-dom", url], timeout=60)
        check_print_width(chrome, tmp, raw)
        dom = Dom()
        dom.feed(dom_text)
        check_dom(dom, raw, rules, plan, expected)
        pages = check_pdf(pdf)
        check_png(png)
        if keep:
            os.makedirs(keep, exist_ok=True)
            for name in ("report.html", "report.png", "report.pdf"):
                shutil.copy(os.path.join(tmp, name), keep)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed:")
        for f in failures:
            print("  - " + f)
        return 1
    print(f"report OK: {len(plan)} marks, {pages} A4 pages, screenshot and DOM checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
