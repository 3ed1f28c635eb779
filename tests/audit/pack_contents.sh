#!/usr/bin/env bash
# The auditor's pack, file by file (tests/audit/pack_contents.sh TILSYN).
#
# Builds a year's log on the golden fixture rules with tilsyn itself: supervisions on time (one
# on its due date), one late, one ad hoc, a material finding with amounts, an accepted
# re-rating that makes a yellow area monthly from April, a rejected proposal, a withdrawn
# supervision and a withdrawn decision, a supervision on time but registered late, and one
# brought in by `tilsyn import` months after it was done (imported, never late). Then writes the pack twice (all centers in RFC 4180;
# --center bc in the excel-da dialect) and checks:
#   - every CSV and text file byte for byte against tests/audit/expected/<pack>/ (report.html
#     is not compared here);
#   - `sha256sum -c SHA256SUMS` in the pack, and that SHA256SUMS covers every other file;
#   - log.csv is exactly `tilsyn log --format csv` (with the same dialect);
#   - verify.txt is exactly what `tilsyn verify` prints, and the head passes `verify --head`;
#   - public-key.pem is the signing key's public half (openssl agrees), and passes
#     `verify --key`;
#   - an empty directory at --out is replaced by the pack, and no temporary is left behind.
# UPDATE=1 rewrites the expected files from this run (review the diff before committing).
set -euo pipefail

tilsyn=${1:?usage: pack_contents.sh path/to/tilsyn}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rules="$here/../golden/fixtures/minimal"
expected="$here/expected"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "pack_contents: FAIL: $*" >&2; exit 1; }
say() { echo "pack_contents: $*"; }
export TZ=Europe/Copenhagen LC_ALL=C.UTF-8 TILSYN_USER=revisor-test
# Entries recorded at fixed times and signed with the golden tests' key: the expected files
# stay byte for byte the same (Ed25519 signatures are deterministic).
export TILSYN_TEST_RECORDED_AT=2028-01-15T09:00:00Z TILSYN_SIGNING_KEY="$work/golden.key"
install -m 0600 "$here/../golden/fixtures/keys/golden.key" "$TILSYN_SIGNING_KEY"
db="$work/t.db"
tl() { "$tilsyn" --rules "$rules" --db "$db" "$@"; }
# Each step recorded at 10:00 on its day, as if entered then.
on() { local day=$1; shift; TILSYN_TEST_RECORDED_AT="${day}T10:00:00Z" tl --today "$day" "$@" >/dev/null; }

# --- the year's log ------------------------------------------------------------------------
on 2027-01-12 record --area bc-sygedagpenge --date 2027-01-12 --cases 10 --errors-sagsbehandling 2 --note "Stikprøve af opfølgninger"
on 2027-01-20 record --file "$rules/../records/ad-hoc.toml"
on 2027-02-10 record --file "$rules/../records/full.toml"
# The material finding proposes red for bc-enkeltydelser: accepted, monthly from April.
on 2027-02-15 rerate --accept bc-enkeltydelser --reason "Væsentligt fund; enig"
# Late: 2027-M02 was due Friday 26 February.
on 2027-03-01 record --area bc-sygedagpenge --date 2027-03-01 --occurrence 2027-M02 --cases 8 --errors-statsrefusion 1
# On the due date itself (Friday 30 April).
on 2027-04-30 record --area bc-enkeltydelser --date 2027-04-30 --cases 5 --note "Opfølgning; \"nye\" sager, tjekket"
on 2027-05-03 record --area bc-boligstoette --date 2027-05-03 --cases 6 --errors-sagsbehandling 2
on 2027-05-10 rerate --reject bc-boligstoette --reason "Enkeltstående fejl"
# Recorded on the wrong area, withdrawn, then recorded again.
on 2027-06-01 record --area bc-sygedagpenge --date 2027-06-01 --cases 4
on 2027-06-02 correct 14 --reason "Registreret på forkert område"
on 2027-06-02 record --area bc-sygedagpenge --date 2027-06-02 --cases 4
# A manual colour withdrawn again.
on 2027-08-02 rerate --set bc-boligstoette gul --reason "Ny lovgivning"
on 2027-08-03 correct 17 --reason "Besluttet på forkert grundlag"
# Performed on time (2027-M09 is due 30 September), registered 20 working days later: late.
on 2027-10-04 record --area bc-sygedagpenge --date 2027-09-06 --cases 5 --note "Skrevet ind sent"
# July's supervision, kept in a spreadsheet and imported in November: imported, never late.
printf 'ref,area,date,leader,occurrence,cases,errors_sagsbehandling,errors_statsrefusion,note\r\ns1,bc-sygedagpenge,2027-07-05,ahl,2027-M07,6,0,0,Fra regnearket\r\n' >"$work/july.csv"
on 2027-11-01 import --supervisions "$work/july.csv"

# --- the packs -----------------------------------------------------------------------------
pack_all="$work/pack-all"
pack_bc="$work/pack-bc-excel"
mkdir "$pack_bc"   # an empty directory is replaced by the pack
tl --today 2028-01-15 audit --year 2027 --out "$pack_all" >"$work/out-all"
tl --today 2028-01-15 audit --year 2027 --out "$pack_bc" --center bc --dialect excel-da >"$work/out-bc"
grep -q "^Revisionspakke for 2027 skrevet til $pack_all: 11 filer; kæden: 20 poster, hoved [0-9a-f]\{64\}$" "$work/out-all" \
    || fail "unexpected output: $(cat "$work/out-all")"
leftovers=$(find "$work" -maxdepth 1 -name '.*tmp-*' | wc -l)
[ "$leftovers" -eq 0 ] || fail "temporary directories left behind"
say "two packs written (an empty directory replaced), no temporary left"

check_pack() {
    local pack=$1 name=$2 dialect=$3
    shift 3  # the rest: the filter the pack was made with (for the report)
    local want="$expected/$name"
    local files
    files=$(cd "$pack" && ls -A | LC_ALL=C sort | tr '\n' ' ')
    [ "$files" = "README.txt SHA256SUMS colour-history.csv decisions.csv log.csv measurements.csv public-key.pem report.html timeliness-summary.csv timeliness.csv verify.txt " ] \
        || fail "$name: unexpected files: $files"
    if [ "${UPDATE:-}" = 1 ]; then
        rm -rf "$want"
        mkdir -p "$want"
    fi
    for f in $files; do
        [ "$f" = report.html ] && continue  # compared with `tilsyn report` below
        if [ "${UPDATE:-}" = 1 ]; then
            cp "$pack/$f" "$want/$f"
        else
            [ -f "$want/$f" ] || fail "$name: no expected file $want/$f (run with UPDATE=1)"
            cmp -s "$pack/$f" "$want/$f" || { diff -u "$want/$f" "$pack/$f" >&2 || true; fail "$name/$f differs from expected"; }
        fi
    done
    (cd "$pack" && sha256sum --quiet --strict -c SHA256SUMS) || fail "$name: sha256sum -c SHA256SUMS"
    local listed
    listed=$(cut -c67- "$pack/SHA256SUMS" | LC_ALL=C sort | tr '\n' ' ')
    [ "$listed" = "$(echo "$files" | tr ' ' '\n' | grep -v '^SHA256SUMS$' | grep -v '^$' | LC_ALL=C sort | tr '\n' ' ')" ] \
        || fail "$name: SHA256SUMS does not cover every other file: $listed"
    # report.html is what `tilsyn report` writes for the same year, day and filter (its bytes
    # are pinned through SHA256SUMS, and its content is checked in a browser by report.chromium).
    tl --today 2028-01-15 report --year 2027 "$@" >"$work/report.html"
    cmp -s "$work/report.html" "$pack/report.html" || fail "$name: report.html is not what 'tilsyn report' writes"
    tl --today 2028-01-15 log --format csv --dialect "$dialect" >"$work/log.csv"
    cmp -s "$work/log.csv" "$pack/log.csv" || fail "$name: log.csv is not what 'tilsyn log --format csv' writes"
    tl --today 2028-01-15 verify >"$work/verify.txt"
    cmp -s "$work/verify.txt" "$pack/verify.txt" || fail "$name: verify.txt is not what 'tilsyn verify' prints"
    local head
    head=$(sed -n 's/.*head \([0-9a-f]\{64\}\)$/\1/p' "$pack/verify.txt")
    tl --today 2028-01-15 verify --head "$head" >/dev/null || fail "$name: verify --head $head"
    grep -q "Kædens hoved: $head" "$pack/README.txt" || fail "$name: README.txt does not name the head"
    tl --today 2028-01-15 verify --key "$pack/public-key.pem" >/dev/null || fail "$name: verify --key public-key.pem"
    openssl pkey -pubin -in "$pack/public-key.pem" -noout 2>/dev/null || fail "$name: openssl cannot read public-key.pem"
    cmp -s <(openssl pkey -in "$TILSYN_SIGNING_KEY" -pubout) "$pack/public-key.pem" ||
        fail "$name: public-key.pem is not the public half of the signing key"
    say "$name: every file as expected; checksums, log.csv and verify.txt agree with tilsyn"
}
check_pack "$pack_all" all rfc4180
check_pack "$pack_bc" bc-excel-da excel-da --center bc

# Altered afterwards, the checksums show it.
printf 'x' >>"$pack_all/measurements.csv"
if (cd "$pack_all" && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1); then fail "an altered file passed sha256sum -c"; fi
say "an altered file fails sha256sum -c"
[ "${UPDATE:-}" = 1 ] && say "expected files rewritten in $expected"
say "ok"
