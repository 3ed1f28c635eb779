#!/usr/bin/env bash
# Period names and other date-like text stay text when a Danish LibreOffice Calc opens the CSV
# files tilsyn writes (tests/csv/libreoffice_text.sh TILSYN).
#
# Builds a log on the golden fixture rules (monthly periods are named "januar 2027", ... ; a note
# "12-3" and a category "1/2" are text that looks like a date), writes the auditor's pack in both
# dialects and the log as CSV, and opens every CSV file in LibreOffice (check_libreoffice.py).
# Without soffice (Debian: libreoffice-calc-nogui) it is skipped with exit status 77.
set -euo pipefail

tilsyn=${1:?usage: libreoffice_text.sh path/to/tilsyn}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
soffice=$(command -v soffice || true)
if [ -z "$soffice" ]; then
    echo "libreoffice_text: SKIPPED: soffice not found (apt-get install --no-install-recommends libreoffice-calc-nogui)"
    exit 77
fi
rules="$here/../golden/fixtures/minimal"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=Europe/Copenhagen LC_ALL=C.UTF-8 TILSYN_SIGNING_KEY="$work/golden.key"
install -m 0600 "$here/../golden/fixtures/keys/golden.key" "$TILSYN_SIGNING_KEY"
tl() { "$tilsyn" --rules "$rules" --db "$work/t.db" "$@" >/dev/null; }
on() { local day=$1; shift; TILSYN_TEST_RECORDED_AT="${day}T10:00:00Z" tl --today "$day" "$@"; }

on 2027-01-12 record --area bc-sygedagpenge --date 2027-01-12 --cases 10 --note "12-3"
on 2027-03-01 record --area bc-sygedagpenge --date 2027-02-10 --cases 8 --note "januar 2027"
on 2027-03-01 record --file "$rules/../records/full.toml"
tl --today 2027-12-31 audit --year 2027 --out "$work/pack"
tl --today 2027-12-31 audit --year 2027 --out "$work/pack-da" --dialect excel-da
tl --today 2027-12-31 log --format csv -o "$work/log.csv"
mkdir "$work/out" "$work/out/home"
python3 "$here/check_libreoffice.py" "$soffice" "$work/out" "$work"/pack/*.csv "$work"/pack-da/*.csv "$work/log.csv"
