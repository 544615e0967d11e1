#!/bin/sh
# The command line in German: with the built catalogue (HS_LOCALEDIR), a
# UTF-8 locale and LANGUAGE=de, errors (cli_fail's and the engine's) come in
# German; tables and CSV are the same bytes as in the C locale.
# Usage: test-cli-de.sh HOPFIELD LOCALEDIR
set -u
hopfield=$1
localedir=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hs-cli-de-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
de() { HS_LOCALEDIR=$localedir LANGUAGE=de LC_ALL=C.UTF-8 "$hopfield" "$@"; }
c() { LC_ALL=C LANGUAGE= "$hopfield" "$@"; }

# a bad option value: cli_fail's message
de train --size 3 >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] || fail "train --size 3: exit status $? (want 2)"
grep -q "^hopfield: --size braucht WxH mit höchstens 16384 Neuronen (erhalten: '3')$" "$tmp/err" ||
  fail "train --size 3 in German: $(cat "$tmp/err")"
# an engine (formats) message inside one of the CLI's
printf 'vx\n' >"$tmp/bad.txt"
de info "$tmp/bad.txt" >"$tmp/out" 2>"$tmp/err"
grep -q "unerwartetes Zeichen 'v' in Spalte 1" "$tmp/err" ||
  fail "info on a bad pattern file in German: $(cat "$tmp/err")"
# without the catalogue's language: English
c train --size 3 2>"$tmp/err"
grep -q "^hopfield: --size needs WxH" "$tmp/err" || fail "C locale: $(cat "$tmp/err")"

# machine output is not translated: CSV identical in both
c train -r 3 -s 3x3 -o "$tmp/net.hfnet" -q >/dev/null || fail "train a 3x3 network"
c landscape "$tmp/net.hfnet" --csv >"$tmp/c.csv" 2>&1
de landscape "$tmp/net.hfnet" --csv >"$tmp/de.csv" 2>&1
[ -s "$tmp/c.csv" ] || fail "landscape --csv wrote nothing"
cmp -s "$tmp/c.csv" "$tmp/de.csv" || fail "landscape --csv differs in German"

[ $failures -eq 0 ] && echo "ok: the command line in German"
exit $((failures > 0))
