#!/usr/bin/env python3
"""Opens CSV files the way a Danish LibreOffice Calc does and checks that nothing tilsyn wrote
as text became a date (tests/csv/libreoffice_text.sh runs it).

    check_libreoffice.py SOFFICE WORKDIR FILE.csv...

Each file is converted with `soffice --headless --convert-to fods` through the CSV import
filter set as a Danish user opening it would have it at worst: language da-DK, "quoted field as
text" off and "detect special numbers" on (with it off, LibreOffice only ever reads plain
numbers). The separator is the file's: ';' after a UTF-8 BOM (the excel-da dialect), ',' else.
Then every cell LibreOffice typed as a date or a time must be one tilsyn wrote as a date
(YYYY-MM-DD) or a month (YYYY-MM), and every cell the CSV holds with the apostrophe tilsyn puts
before date-like text must be text. Exits 1 listing every cell that is not.
"""
import csv
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
ISO = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def read_csv(path):
    raw = open(path, "rb").read()
    excel = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))
    return rows, excel


def read_fods(path):
    """The first sheet's cells as (value-type, text) rows, repeats expanded."""
    tree = ET.parse(path)
    table = tree.find(".//table:table", NS)
    rows = []
    q = lambda ns, name: "{%s}%s" % (NS[ns], name)
    for row in table.iter(q("table", "table-row")):
        cells = []
        for cell in row:
            if cell.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                continue
            repeat = int(cell.get(q("table", "number-columns-repeated"), "1"))
            kind = cell.get(q("office", "value-type"), "")
            text = "\n".join("".join(p.itertext()) for p in cell)
            cells.extend([(kind, text)] * min(repeat, 200))
        repeat = int(row.get(q("table", "number-rows-repeated"), "1"))
        rows.extend([cells] * min(repeat, 10))
    return rows


def convert(soffice, workdir, path, excel):
    # Field separator, text delimiter ("), UTF-8 (76), from line 1, no column types, da-DK
    # (1030), quoted field as text off, detect special numbers on.
    options = f"CSV:{59 if excel else 44},34,76,1,,1030,false,true"
    env = dict(os.environ, HOME=os.path.join(workdir, "home"))
    subprocess.run([soffice, "--headless", f"--infilter={options}", "--convert-to", "fods",
                    "--outdir", workdir, path], check=True, capture_output=True, env=env,
                   timeout=180)
    return os.path.join(workdir, os.path.splitext(os.path.basename(path))[0] + ".fods")


def main():
    soffice, workdir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    problems, cells, guarded = [], 0, 0
    for path in files:
        rows, excel = read_csv(path)
        sheet = read_fods(convert(soffice, workdir, path, excel))
        name = os.path.basename(path)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == "":
                    continue
                cells += 1
                kind, shown = sheet[r][c] if r < len(sheet) and c < len(sheet[r]) else ("", "")
                where = f"{name}: row {r + 1}, column {c + 1} ({rows[0][c]})"
                if kind in ("date", "time") and not ISO.match(value):
                    problems.append(f"{where}: {value!r} became a {kind} ({shown!r})")
                if value.startswith("'"):
                    guarded += 1
                    if kind != "string":
                        problems.append(f"{where}: {value!r} is not text but {kind!r}")
    for p in problems:
        print("FAIL " + p)
    print(f"check_libreoffice: {len(files)} files, {cells} cells, {guarded} kept as text by the "
          f"apostrophe, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
