#!/bin/sh
# The hopfield command line: real runs, and bad input that must give one
# clear line and a non-zero exit, never a crash.
set -u
H="$1"
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
expect_err () { # needle
  if grep -q "$1" "$T/err" && [ "$(wc -l <"$T/err")" -le 2 ]; then ok; else bad "stderr lacks '$1': $(cat "$T/err")"; fi
}

expect_code 0 "train mpf on digits" "$H" train -q -R mpf -p sample:digits-16 -o "$T/d.hfnet"
grep -q "10 of 10 patterns are fixed points" "$T/out" && ok || bad "mpf did not store the digits"
expect_code 0 "recall" "$H" recall "$T/d.hfnet" -p sample:digits-16 -k 4 -F 0.2 -S 3
grep -q "outcome: recalled pattern 4" "$T/out" && ok || bad "recall did not return digit 4"
expect_code 0 "info on a network" "$H" info "$T/d.hfnet"
grep -q "rule:        mpf" "$T/out" && ok || bad "info does not name the rule"
expect_code 0 "corrupt" "$H" corrupt -p sample:letters-16 -k 2 --flip 30 -S 5 -o "$T/c.txt"
expect_code 0 "recall from a probe file" "$H" recall "$T/d.hfnet" -P "$T/c.txt" -p sample:digits-16
expect_code 0 "sync recall" "$H" recall "$T/d.hfnet" -p sample:digits-16 -k 1 -m sync -F 0.1
expect_code 0 "experiment" "$H" experiment capacity -R hebbian -n 32 -m 2,4 -t 2 --csv
grep -q "^2,1.0000" "$T/out" && ok || bad "capacity table: $(cat "$T/out")"
[ ! -s "$T/err" ] && ok || bad "progress written to a captured stderr: $(od -c "$T/err" | head -3)"
expect_code 0 "denoise, stderr captured" "$H" experiment denoise -R hebbian -n 32 -m 2,3 -k 0,4 -t 2
[ ! -s "$T/err" ] && ok || bad "denoise progress written to a captured stderr"
# On a terminal: one line redrawn in place, erased before the tables, and
# nothing after them (script(1) gives the command a pseudo-terminal).
if command -v script >/dev/null 2>&1; then
  script -qec "\"$H\" experiment denoise -R hebbian -n 32 -m 2,3 -k 0,4 -t 2" /dev/null \
    >"$T/tty" 2>&1
  grep -q "% done" "$T/tty" && ok || bad "no progress on a terminal: $(od -c "$T/tty" | head -3)"
  tr '\r' '\n' <"$T/tty" | sed -n '/# hebbian/,$p' | grep -q "% done" \
    && bad "progress after a table: $(cat "$T/tty")" || ok
  [ "$(tr -cd '\n' <"$T/tty" | wc -c)" -eq 8 ] && ok \
    || bad "progress took lines of its own: $(od -c "$T/tty" | head)"
fi
# The lab's experiments: one series per rule in a valid SVG, tables that do
# not depend on --threads, Fig. 1's per-image CSV, bad options refused.
expect_code 0 "capacity plot" "$H" experiment capacity -R opr01,perceptron,mpf -n 32 -m 4,16,40 -t 2 --plot "$T/c.svg"
xmllint --noout "$T/c.svg" && ok || bad "capacity SVG is not valid XML"
[ "$(grep -c 'stroke-width:2;' "$T/c.svg")" -eq 6 ] && ok || bad "capacity SVG: not one line (and one legend swatch) per rule"
expect_code 0 "denoise 1 thread" "$H" experiment denoise --quick --csv --threads 1
cp "$T/out" "$T/d1"
expect_code 0 "denoise 2 threads" "$H" experiment denoise --quick --csv --threads 2
cmp -s "$T/d1" "$T/out" && ok || bad "denoise table differs between 1 and 2 threads"
expect_code 0 "images" "$H" experiment images --originals sample:digits-16 --images 5 --steps 40 --csv
head -1 "$T/out" | grep -q "^image,fixed_point,recalled" && ok || bad "images CSV header: $(head -1 "$T/out")"
[ "$(grep -c '^[0-9]*,[01],[01]' "$T/out")" -eq 5 ] && ok || bad "images CSV rows: $(cat "$T/out")"
expect_code 0 "scaling" "$H" experiment scaling -m 32,64,128 -t 1
grep -q "fitted over n >= 128" "$T/out" && ok || bad "scaling prints no exponent"
expect_code 2 "bad plot name" "$H" experiment capacity --plot "$T/c.txt"
expect_err "svg or .png"
# a value split in two words ("perceptron, mpf") is refused, not half read
expect_code 2 "split value" "$H" experiment capacity --rule perceptron, mpf -n 32 -m 4 -t 1
expect_err "unexpected argument"
expect_code 2 "bad threads" "$H" experiment capacity --threads 0
expect_code 2 "unknown kind" "$H" experiment fig9
expect_code 1 "too few images" "$H" experiment images --originals sample:digits-16 --images 11
expect_err "fewer than"

expect_code 2 "no command" "$H"
expect_code 2 "unknown command" "$H" frobnicate
expect_err "unknown command"
expect_code 2 "unknown rule" "$H" train -R nope -r 3 -s 4x4 -o "$T/x"
expect_err "unknown rule 'nope'"
expect_code 2 "zero size" "$H" train -r 3 -s 0x4 -o "$T/x"
expect_code 2 "size too large" "$H" train -r 3 -s 200x200 -o "$T/x"
expect_err "at most 16384 neurons"
expect_code 2 "negative temperature" "$H" recall "$T/d.hfnet" -p sample:digits-16 -k 1 -T -1
expect_code 2 "bad mode" "$H" recall "$T/d.hfnet" -p sample:digits-16 -k 1 -m fast
expect_code 2 "no patterns" "$H" train -o "$T/x"
expect_code 1 "pinv on dependent patterns" "$H" train -q -R pinv -p sample:digits-16 -p sample:digits-16 -o "$T/x"
expect_err "linearly dependent"
printf 'garbage' > "$T/g.hfnet"
expect_code 1 "info on garbage" "$H" info "$T/g.hfnet"
expect_err "g.hfnet"
head -c 100 "$T/d.hfnet" > "$T/t.hfnet"
expect_code 1 "recall with a truncated network" "$H" recall "$T/t.hfnet" -p sample:digits-16 -k 1
expect_err "truncated header"
expect_code 1 "missing file" "$H" info "$T/none"
expect_err "No such file"
[ -f "$T/d.hfnet" ] && ok || bad "the good network vanished"
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
