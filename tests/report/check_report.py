#!/usr/bin/python3
"""Renders `tilsyn report` in a real browser (Debian's chromium, headless) and checks it.

    check_report.py TILSYN_BINARY RULES_DIR [--keep DIR]
    check_report.py TILSYN_BINARY --areas N [--keep DIR]

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
- the print layout at A4 width: nothing reaches past the page or out of its table cell, no
  style breaks words anywhere, and no word is broken on two lines but at a hyphen;
- the PDF, printed as Ctrl+P prints (the browser's header and footer at their default): A4
  pages, a sane page count, the title and axis labels in its text, "Side N af M" on every page
  and not the browser's footer;
- the year wheels: every area on one wheel, each wheel whole on one page, and no ring thinner
  than 2 mm on paper, measured from the band geometry in the SVG and the wheel's printed size
  in the PDF (the distance between its "januar" and "juli" labels);
- the screenshot: a PNG of 1240x1754 with the risk colours in it, not blank.

With --areas N the rules are a register of N areas from bench/gen_register.py, with a single
supervision recorded; the same print, wheel and PDF checks run on it.

Every expected value is worked out here from the inputs, not read from the report. With --keep
the rendered files stay in DIR for a human to look at.
"""
import collections
import html.parser
import json
import math
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
        # Soft hyphens mark where a long word may break; the checks read the words whole.
        data = data.replace("\xad", "")
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
# - every element that reaches past it, so a table or figure that would be cut off in print fails,
#   and every table cell whose content sticks out of it;
# - every element whose computed style breaks words anywhere (word-break: break-all or
#   break-word, overflow-wrap: anywhere or break-word), since such a break shows no hyphen;
# - every word of the page's text (outside the figures) that the layout puts on two lines at a
#   place other than a hyphen or a soft hyphen, found by measuring each character's line.
MEASURE = """<script>
(function () {
  var b = document.body;
  b.style.maxWidth = 'none'; b.style.width = '186mm'; b.style.padding = '0'; b.style.margin = '0';
  var limit = b.getBoundingClientRect().right + 0.5, wide = [], breakers = [], broken = [];
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > limit)
      wide.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' +' + Math.round(r.right - limit) + 'px');
    if ((el.tagName === 'TD' || el.tagName === 'TH') && el.scrollWidth > el.clientWidth + 1)
      wide.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' overflows its cell by ' +
                (el.scrollWidth - el.clientWidth) + 'px: ' + el.textContent.slice(0, 40));
    var cs = getComputedStyle(el);
    if (/break-all|break-word/.test(cs.wordBreak) || /anywhere|break-word/.test(cs.overflowWrap))
      breakers.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' word-break:' + cs.wordBreak +
                    ' overflow-wrap:' + cs.overflowWrap);
  });
  // The line a character is on. A range at the start of a line also reports a rect at the
  // end of the line before (empty, or the hyphen a soft hyphen printed there), and a soft
  // hyphen that does not break has no width: the last rect with width is the character's.
  function top(node, i) {
    var r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
    var rects = r.getClientRects();
    for (var k = rects.length - 1; k >= 0; k--) if (rects[k].width > 0) return rects[k].top;
    return null;
  }
  var walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT), node, words = 0;
  while ((node = walker.nextNode())) {
    if (node.parentElement.closest('svg, script, pre')) continue;
    var re = /\\S+/g, m;
    while ((m = re.exec(node.data))) {
      words++;
      var first = top(node, m.index), last = top(node, m.index + m[0].length - 1);
      if (first === null || last === null || Math.abs(last - first) < 2) continue;
      for (var i = 1; i < m[0].length; i++) {
        var t = top(node, m.index + i);
        if (t !== null && Math.abs(t - first) >= 2) {
          if ('-\\u00ad\\u2010'.indexOf(m[0][i - 1]) < 0)
            broken.push(m[0].slice(0, i) + '|' + m[0].slice(i) + ' (in ' + node.parentElement.tagName + '.' +
                        (node.parentElement.getAttribute('class') || '') + ')');
          break;
        }
      }
    }
  }
  var pre = document.createElement('pre');
  pre.id = 'print-measure';
  pre.textContent = JSON.stringify({wide: wide, breakers: breakers, broken: broken, words: words});
  b.appendChild(pre);
})();
</script>"""


def check_print_layout(chrome, tmp, raw):
    page = os.path.join(tmp, "measure.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(raw.replace("</body>", MEASURE + "</body>"))
    dom = run(chrome + ["--window-size=900,1200", "--dump-dom", "file://" + page], timeout=120)
    found = re.search(r'<pre id="print-measure">(.*?)</pre>', dom, re.S)
    if check(found, "the print-layout measurement did not run"):
        import html as h
        m = json.loads(h.unescape(found.group(1)))
        check(not m["wide"], f"{len(m['wide'])} element(s) reach past the A4 content width: {m['wide'][:8]}")
        check(not m["breakers"], f"{len(m['breakers'])} element(s) may break a word anywhere: {m['breakers'][:8]}")
        check(not m["broken"], f"{len(m['broken'])} word(s) broken without a hyphen: {m['broken'][:8]}")
        check(m["words"] > 300, f"only {m['words']} words measured: did the walk see the text?")
    for rule in (r"@page\s*\{\s*size:\s*A4", r"print-color-adjust:\s*exact", r"tr\s*\{\s*break-inside:\s*avoid",
                 r"figure\s*\{[^}]*break-inside:\s*avoid"):
        check(re.search(rule, raw), f"the print CSS lacks {rule}")


TINTS = {"red": "#f6bcb5", "yellow": "#fce7a1", "green": "#c3e6cb"}


def check_dom(dom, raw_text, rules_dir, plan, expected):
    with open(os.path.join(rules_dir, "policy.toml"), "rb") as f:
        policy = tomllib.load(f)
    areas = {}
    for name in sorted(os.listdir(rules_dir)):
        if name.endswith(".toml") and name not in ("policy.toml", "access.toml"):
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
    check(len(wheels) == 1, f"the bundled {len(areas)} areas fit one year wheel; found {len(wheels)}")
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
    check(months[:1] == ["januar"] and len(months) == 12 * len(wheels), f"month labels: {months}")

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


def check_pdf(path, min_pages=3, max_pages=12):
    """A4 pages, printed as a user's Ctrl+P prints them (the browser's own header and footer
    on), each numbered "Side N af M" by the report's page boxes. Returns the page count."""
    with open(path, "rb") as f:
        head = f.read(5)
    check(head == b"%PDF-", "the PDF does not start with %PDF-")
    info = run(["pdfinfo", path])
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    check(min_pages <= pages <= max_pages, f"the PDF has {pages} pages; expected {min_pages}-{max_pages}")
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    check(size and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2,
          f"the PDF's pages are not A4: {size.group(0) if size else info}")
    text = run(["pdftotext", "-layout", path, "-"])
    for needle in (f"Ledelsestilsyn {YEAR}", "Sandsynlighed", "Konsekvens", "Årshjul", "Arbejdsbyrde"):
        check(needle in text, f"{needle!r} is not in the PDF's text")
    per_page = text.split("\f")
    for n in range(1, pages + 1):
        page = per_page[n - 1] if n <= len(per_page) else ""
        check(page.count(f"Side {n} af {pages}") == 1, f"page {n} does not say 'Side {n} af {pages}' once")
    # The report's own page boxes replace the browser's header and footer, which would print
    # the file's path and the day of printing.
    check("file:" not in text, "the browser's footer (the file's path) is printed")
    return pages


def wheel_geometry(dom):
    """Each year wheel in document order: the radial thickness of its bands (SVG units), the
    y of its month labels, its track numbers and the areas of its marks."""
    wheels, cur = [], None
    for t, a, parts in dom.elements:
        txt = "".join(parts)
        classes = a.get("class", "").split()
        if t == "svg":
            cur = {"bands": [], "months": {}, "tracks": [], "areas": set()} if "wheel" in classes else None
            if cur is not None:
                wheels.append(cur)
        elif cur is None:
            continue
        elif t == "path" and "band" in classes:
            radii = [float(r) for r in re.findall(r"A([\d.]+) ", a["d"])]
            if check(len(radii) == 2, f"a band that is not a ring segment: {a['d']}"):
                cur["bands"].append(abs(radii[0] - radii[1]))
        elif t == "text" and "month" in classes:
            cur["months"][txt] = (float(a["x"]), float(a["y"]))
        elif t == "text" and "track" in classes:
            cur["tracks"].append(int(txt))
        elif t == "g" and "mark" in classes:
            cur["areas"].add(a["data-area"])
    return wheels


def printed_wheel_labels(pdf):
    """Where Chromium printed each wheel's "januar" and "juli" (in mm on the page), found in
    the PDF: the two labels sit opposite each other across the wheel, so the distance between
    them, against their distance in the SVG, is the wheel's printed scale. A page with a wheel
    has one of each."""
    bbox = run(["pdftotext", "-bbox", pdf, "-"])
    found = []
    for n, page in enumerate(re.split(r"<page ", bbox)[1:], start=1):
        words = collections.defaultdict(list)
        for x0, y0, x1, _, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            words[word].append(((float(x0) + float(x1)) / 2 * 25.4 / 72, float(y0) * 25.4 / 72))
        if len(words["januar"]) == 1 and len(words["juli"]) == 1 and words["juli"][0][1] > words["januar"][0][1]:
            found.append((n, words["januar"][0], words["juli"][0]))
    return found


def check_wheels(dom, pdf, n_areas):
    """Every area on exactly one wheel, every wheel printed whole on one page, and no band of
    any wheel thinner than 2 mm on the paper. Returns the thinnest band in mm."""
    wheels = wheel_geometry(dom)
    check(wheels, "no year wheel")
    numbers = [t for w in wheels for t in w["tracks"]]
    check(sorted(numbers) == list(range(1, n_areas + 1)),
          f"the wheels' tracks are not areas 1-{n_areas} once each: {sorted(numbers)[:10]}...")
    seen = collections.Counter(a for w in wheels for a in w["areas"])
    check(all(c == 1 for c in seen.values()), f"areas on more than one wheel: {[a for a, c in seen.items() if c > 1]}")
    printed = printed_wheel_labels(pdf)
    check(len(printed) == len(wheels), f"{len(wheels)} wheels, but {len(printed)} printed whole on a page")
    thinnest = None
    for w, (page, jan_mm, jul_mm) in zip(wheels, printed):
        months = w["months"]
        if not check("januar" in months and "juli" in months and w["bands"], "a wheel lacks months or bands"):
            continue
        # Label x is the middle of the word (text-anchor middle at the top and bottom).
        mm_per_unit = math.dist(jan_mm, jul_mm) / math.dist(months["januar"], months["juli"])
        band = min(w["bands"]) * mm_per_unit
        thinnest = band if thinnest is None else min(thinnest, band)
        check(band >= 2.0, f"the wheel on page {page} has a ring of {band:.2f} mm in print; the least is 2 mm")
    return thinnest, len(wheels)


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


def chromium(tmp):
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
    return [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
            "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND"]


def render(chrome, tmp, report, screenshot=True):
    """The report as Chromium prints it (to PDF, with the browser's header and footer left at
    their default, as Ctrl+P has them) and as its DOM; with a screenshot when asked."""
    url = "file://" + report
    png, pdf = os.path.join(tmp, "report.png"), os.path.join(tmp, "report.pdf")
    if screenshot:
        run(chrome + [f"--screenshot={png}", "--window-size=1240,1754", url], timeout=120)
    run(chrome + [f"--print-to-pdf={pdf}", url], timeout=180)
    dom = Dom()
    dom.feed(run(chrome + ["--dump-dom", url], timeout=120))
    return png, pdf, dom


def bundled(binary, rules, tmp):
    t = Tilsyn(binary, rules, os.path.join(tmp, "t.db"))
    expected = build_log(t, tmp)
    plan = json.loads(t(TODAY, "plan", "--year", str(YEAR), "--format", "json"))["occurrences"]
    report = os.path.join(tmp, "report.html")
    t(TODAY, "report", "--year", str(YEAR), "-o", report)
    with open(report, encoding="utf-8") as f:
        raw = f.read()
    check_self_contained(raw)
    chrome = chromium(tmp)
    png, pdf, dom = render(chrome, tmp, report)
    check_print_layout(chrome, tmp, raw)
    check_dom(dom, raw, rules, plan, expected)
    areas = len(dom.find("li")) - len(dom.by_class("center", "li"))
    pages = check_pdf(pdf)
    thinnest, wheels = check_wheels(dom, pdf, len(plan_areas(plan)))
    check(areas == 2 * len(plan_areas(plan)), f"the keys list {areas} areas; expected every area twice")
    check_png(png)
    return f"{len(plan)} marks, {pages} A4 pages, {wheels} wheel(s), thinnest ring {thinnest or 0:.2f} mm"


def plan_areas(plan):
    return {o["area_id"] for o in plan}


def generated(binary, n_areas, tmp):
    """A register of n_areas areas from the benchmark's generator: two centers of three leaders
    for 60 areas, four centers of two leaders (about 25 areas a leader) from 100 up, so that
    the wheels are split by center, by leader and a leader in parts."""
    rules = os.path.join(tmp, "rules")
    centers, leaders = (2, 3) if n_areas < 100 else (4, 2)
    gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "gen_register.py")
    run([sys.executable, gen, "--areas", str(n_areas), "--centers", str(centers), "--leaders", str(leaders),
         "--out", rules])
    t = Tilsyn(binary, rules, os.path.join(tmp, "t.db"))
    t("2027-02-03", "record", "--area", "a0000000", "--date", "2027-02-03", "--cases", "5")
    plan = json.loads(t(TODAY, "plan", "--year", str(YEAR), "--format", "json"))["occurrences"]
    check(len(plan_areas(plan)) == n_areas, f"the generated plan has {len(plan_areas(plan))} areas, not {n_areas}")
    report = os.path.join(tmp, "report.html")
    t(TODAY, "report", "--year", str(YEAR), "-o", report)
    with open(report, encoding="utf-8") as f:
        raw = f.read()
    check_self_contained(raw)
    chrome = chromium(tmp)
    _, pdf, dom = render(chrome, tmp, report, screenshot=False)
    check_print_layout(chrome, tmp, raw)
    marks = dom.by_class("mark", "g")
    check(len(marks) == len(plan), f"the wheels have {len(marks)} marks; the plan has {len(plan)} occurrences")
    pages = check_pdf(pdf, min_pages=4, max_pages=10 + n_areas // 4)
    thinnest, wheels = check_wheels(dom, pdf, n_areas)
    check(wheels > 1, f"{n_areas} areas on {wheels} wheel: the rings cannot be 2 mm")
    return f"{n_areas} areas: {len(plan)} marks, {pages} A4 pages, {wheels} wheels, thinnest ring {thinnest or 0:.2f} mm"


def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i:i + 2]
    binary = os.path.abspath(args[0])
    tmp = tempfile.mkdtemp(prefix="tilsyn-report-")
    try:
        if args[1] == "--areas":
            summary = generated(binary, int(args[2]), tmp)
        else:
            summary = bundled(binary, os.path.abspath(args[1]), tmp)
        if keep:
            os.makedirs(keep, exist_ok=True)
            for name in ("report.html", "report.png", "report.pdf"):
                if os.path.exists(os.path.join(tmp, name)):
                    shutil.copy(os.path.join(tmp, name), keep)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed:")
        for f in failures:
            print("  - " + f)
        return 1
    print("report OK: " + summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
