#!/bin/sh
# hopfield experiment show / hopfield info on a session keeping experiment
# results (made by kept-session-tool as the studio's Lab keeps them): the
# tables print as the Lab exports them, the printed "repeat with" command
# reproduces every number that does not measure time, plots are written,
# and bad input gives one clear line and a non-zero exit.
set -u
H="$1"
TOOL="$2"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
passes=0
ok () { passes=$((passes + 1)); }
bad () { echo "FAIL: $*"; fails=$((fails + 1)); }

expect_code () { # code description command...
  want=$1; what=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, wanted $want"; cat "$T/err"; fi
}
expect_out () { # needle
  if grep -qF -- "$1" "$T/out"; then ok; else bad "stdout lacks '$1':"; cat "$T/out"; fi
}
expect_err () { # needle
  if grep -qF -- "$1" "$T/err" && [ "$(wc -l <"$T/err")" -le 2 ]; then ok; else bad "stderr lacks '$1': $(cat "$T/err")"; fi
}

expect_code 0 "make the session" "$TOOL" "$T/k.hfsession"
S="$T/k.hfsession"

expect_code 0 "info" "$H" info "$S"
expect_out "kept results: 2"
expect_out '1. capacity "Before the break", kept 2026-11-18 '
expect_out "2. denoise, kept 2026-11-18 "

expect_code 0 "list" "$H" experiment show "$S"
expect_out "2 kept experiment results"
expect_out "8 rows of 8 columns"

# the table as the Lab's Export Table writes it
expect_code 0 "show 1 --csv" "$H" experiment show "$S" 1 --csv
cp "$T/out" "$T/kept1.csv"
if [ "$(head -1 "$T/kept1.csv")" = "m,fraction_stored,all_stored,seconds,iterations,fraction_sd,seconds_sd,rule" ]; then ok; else bad "header: $(head -1 "$T/kept1.csv")"; fi
if [ "$(wc -l <"$T/kept1.csv")" -eq 9 ]; then ok; else bad "rows: $(wc -l <"$T/kept1.csv")"; fi

# every number that is not a time, again from the command it prints
rerun () { # index -> $T/rerun.csv
  "$H" experiment show "$S" "$1" >"$T/out" 2>"$T/err" || bad "show $1"
  cmd=$(sed -n 's/^# repeat with: hopfield //p' "$T/out")
  [ -n "$cmd" ] && ok || bad "show $1 prints no command to repeat it"
  # shellcheck disable=SC2086
  "$H" $cmd --csv >"$T/rerun.csv" 2>"$T/err" || bad "rerun $1: $(cat "$T/err")"
}
rerun 1
expect_out "# repeat with: hopfield experiment capacity --rule perceptron,mpf --neurons 32 --patterns 8:56:16 --trials 2 --seed 3"
awk -F, 'NR > 1 { printf "%d %.4f %.4f %s\n", $1, $2, $3, $8 }' "$T/kept1.csv" >"$T/a"
awk -F, 'NR > 1 { printf "%d %.4f %.4f %s\n", $1, $2, $3, $7 }' "$T/rerun.csv" >"$T/b"
if [ -s "$T/a" ] && cmp -s "$T/a" "$T/b"; then ok; else bad "capacity rerun differs:"; diff "$T/a" "$T/b"; fi

expect_code 0 "show 2 --csv" "$H" experiment show "$S" 2 --csv
cp "$T/out" "$T/kept2.csv"
rerun 2
awk -F, 'NR > 1 { printf "%d %d %.4f %s\n", $1, $2, $3, $4 }' "$T/kept2.csv" >"$T/a"
awk -F, 'NR > 1 { printf "%d %d %.4f %s\n", $1, $2, $3, $4 }' "$T/rerun.csv" >"$T/b"
if [ "$(wc -l <"$T/a")" -eq 12 ] && cmp -s "$T/a" "$T/b"; then ok; else bad "denoise rerun differs:"; diff "$T/a" "$T/b"; fi

# plots, as the Lab draws them
expect_code 0 "plot svg" "$H" experiment show "$S" 1 --plot "$T/p.svg"
if grep -q "<svg" "$T/p.svg" 2>/dev/null; then ok; else bad "no SVG written"; fi
expect_code 0 "plot png" "$H" experiment show "$S" 2 --plot "$T/p.png"
if [ "$(head -c 4 "$T/p.png" | od -An -c | tr -d ' ')" = "211PNG" ]; then ok; else bad "no PNG written"; fi

# bad input
expect_code 1 "no such result" "$H" experiment show "$S" 3
expect_err "keeps 2 results; there is no result 3"
expect_code 2 "index 0" "$H" experiment show "$S" 0
expect_err "INDEX is 1 for the first"
expect_code 2 "csv without index" "$H" experiment show "$S" --csv
expect_err "need the INDEX"
expect_code 2 "bad plot name" "$H" experiment show "$S" 1 --plot "$T/p.txt"
expect_err "--plot needs"
expect_code 1 "missing file" "$H" experiment show "$T/none.hfsession"
expect_err "none.hfsession"
expect_code 2 "no session" "$H" experiment show
expect_code 0 "a session without results" "$TOOL" "$T/none.hfsession" --empty
expect_code 1 "nothing kept" "$H" experiment show "$T/none.hfsession"
expect_err "keeps no experiment results"
head -c 96 "$S" >"$T/trunc.hfsession"
expect_code 1 "truncated session" "$H" experiment show "$T/trunc.hfsession"
expect_err "trunc.hfsession"

echo "$passes checks passed, $fails failed"
[ "$fails" -eq 0 ]
