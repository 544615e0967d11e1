#!/bin/sh
# hopfield landscape / basins: real runs checked against an independent
# enumeration through 'hopfield recall', and bad input that must give one
# clear line and a non-zero exit.
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

# A 3x2 network with weights in {-1, 0, 1} (exact in float, so that recall
# and the map see the same ties); every neuron has two non-zero weights, so
# fields of 0 are common and the three tie rules give three maps.
printf '###\n...\n\n#..\n#..\n' > "$T/p.txt"
expect_code 0 "train" "$H" train -q -R hebbian --norm m -p "$T/p.txt" -o "$T/n.hfnet"

# Every one of the 64 start states through 'hopfield recall': the state it
# ends in, tallied into basins, must equal the landscape's rows.
enumerate () { # tie mode -> "state basin" lines, sorted
  tie=$1; mode=$2
  i=0
  : > "$T/ends"
  while [ $i -lt 64 ]; do
    k=0; g=""
    while [ $k -lt 6 ]; do
      if [ $(( (i >> k) & 1 )) -eq 1 ]; then g="$g#"; else g="$g."; fi
      [ $k -eq 2 ] && g="$g
"
      k=$((k + 1))
    done
    printf '%s\n' "$g" > "$T/probe.txt"
    "$H" recall "$T/n.hfnet" -P "$T/probe.txt" --tie "$tie" -m "$mode" -o "$T/end.txt" >/dev/null 2>&1 \
      || bad "recall from state $i"
    grep -v '^;' "$T/end.txt" | tr -d '\n' | tr '#.' '10' >> "$T/ends"
    echo >> "$T/ends"
    i=$((i + 1))
  done
  sort "$T/ends" | uniq -c | awk '{print $2, $1}'
}

for tie in off keep on; do
  expect_code 0 "landscape --tie $tie" "$H" landscape "$T/n.hfnet" -p "$T/p.txt" --tie "$tie" --csv
  head -1 "$T/out" | grep -q '^state,energy,basin,kind,pattern' && ok || bad "csv header: $(head -1 "$T/out")"
  tail -n +2 "$T/out" | awk -F, '{print $1, $3}' | sort > "$T/map"
  enumerate "$tie" sequential > "$T/ref"
  if cmp -s "$T/map" "$T/ref"; then ok; else bad "tie $tie: landscape and recall disagree"; diff "$T/map" "$T/ref"; fi
  total=$(tail -n +2 "$T/out" | awk -F, '{s += $3} END {print s}')
  [ "$total" = 64 ] && ok || bad "tie $tie: basins sum to $total, not 64"
done
grep -q ',pattern,0,' "$T/out" && ok || bad "pattern 0 is not named: $(cat "$T/out")"
grep -q ',inverse,1,' "$T/out" && ok || bad "inverse of pattern 1 is not named"
for tie in off on keep; do "$H" landscape "$T/n.hfnet" --tie $tie --csv | md5sum; done | sort -u > "$T/sums"
[ "$(wc -l < "$T/sums")" -eq 3 ] && ok || bad "the tie rules do not change the map"

# The tree: one merge fewer than minima; every row names two states.
expect_code 0 "tree" "$H" landscape "$T/n.hfnet" --tree --csv
head -1 "$T/out" | grep -q '^minimum,joins,barrier' && ok || bad "tree header"
merges=$(tail -n +2 "$T/out" | wc -l)
expect_code 0 "tree summary" "$H" landscape "$T/n.hfnet" --tree
grep -q "minima, $merges merges" "$T/out" && ok || bad "tree summary: $(head -3 "$T/out")"
minima=$(sed -n 's/^barrier tree: \([0-9]*\) minima.*/\1/p' "$T/out")
[ "$merges" -eq $((minima - 1)) ] && ok || bad "$minima minima but $merges merges"

# Synchronous dynamics: fixed points and 2-cycles; basins still sum to 2^n.
expect_code 0 "sync" "$H" landscape "$T/n.hfnet" --sync --csv
total=$(tail -n +2 "$T/out" | awk -F, '{s += $3} END {print s}')
[ "$total" = 64 ] && ok || bad "sync basins sum to $total"

# Larger networks: the plane and basin radii on the 16x16 digits.
expect_code 0 "train digits" "$H" train -q -R hebbian -p sample:digits-16 -o "$T/d.hfnet"
expect_code 0 "plane" "$H" landscape "$T/d.hfnet" -p sample:digits-16 --plane 0,1 --grid 5 --samples 4 --csv
[ "$(wc -l < "$T/out")" -eq 26 ] && ok || bad "plane rows: $(wc -l < "$T/out")"
head -1 "$T/out" | grep -q '^ma,mb,target_a,target_b,samples,energy_mean' && ok || bad "plane header"
expect_code 0 "plane summary" "$H" landscape "$T/d.hfnet" -p sample:digits-16 --plane 0,1 --grid 5 --samples 2
grep -q "overlap plane of patterns 0 and 1" "$T/out" && ok || bad "plane summary"
expect_code 0 "basins" "$H" basins "$T/d.hfnet" -p sample:digits-16 -t 16 --csv
[ "$(tail -n +2 "$T/out" | wc -l)" -eq 10 ] && ok || bad "basins rows: $(cat "$T/out")"
head -1 "$T/out" | grep -q '^pattern,radius,share,margin' && ok || bad "basins header"
"$H" basins "$T/d.hfnet" -p sample:digits-16 -t 16 --csv --threads 1 > "$T/one"
cmp -s "$T/out" "$T/one" && ok || bad "basin radii depend on the thread count"

# --plot: the pictures of the studio's views, as SVG and PNG, beside the
# summary or the CSV. A drawing has many paths (glyphs, branches, bars,
# arrows); the maps also carry their image (state space, heat map). An
# export that skipped the drawing would hold only the background.
png_ok () { # file what
  sig=$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')
  [ "$sig" = 89504e470d0a1a0a ] && ok || bad "$2: not a PNG (signature '$sig')"
  [ "$(wc -c < "$1")" -gt 6000 ] && ok || bad "$2: PNG of $(wc -c < "$1") bytes looks blank"
}
svg_ok () { # file what min-paths needs-image
  xmllint --noout "$1" 2>/dev/null && ok || bad "$2: not valid XML"
  paths=$(grep -o '<path' "$1" | wc -l)
  [ "$paths" -ge "$3" ] && ok || bad "$2: $paths paths in the SVG, wanted at least $3"
  if [ "$4" = image ]; then grep -q '<image' "$1" && ok || bad "$2: no image in the SVG"; fi
}
expect_code 0 "landscape --plot svg" "$H" landscape "$T/n.hfnet" -p "$T/p.txt" --csv --plot "$T/map.svg"
head -1 "$T/out" | grep -q '^state,energy,basin' && ok || bad "--plot dropped the CSV"
svg_ok "$T/map.svg" "landscape svg" 20 image
expect_code 0 "landscape --plot png" "$H" landscape "$T/n.hfnet" -p "$T/p.txt" --plot "$T/map.png"
grep -q 'attractors' "$T/out" && ok || bad "--plot dropped the summary"
png_ok "$T/map.png" "landscape png"
expect_code 0 "tree --plot svg" "$H" landscape "$T/n.hfnet" --tree --csv --plot "$T/tree.svg"
[ "$(tail -n +2 "$T/out" | wc -l)" -eq "$merges" ] && ok || bad "tree CSV with --plot"
svg_ok "$T/tree.svg" "tree svg" 20 image
expect_code 0 "tree --plot png" "$H" landscape "$T/n.hfnet" --tree --plot "$T/tree.png"
png_ok "$T/tree.png" "tree png"
expect_code 0 "plane --plot svg" "$H" landscape "$T/d.hfnet" -p sample:digits-16 --plane 0,1 --grid 7 --samples 4 --csv --plot "$T/plane.svg"
[ "$(wc -l < "$T/out")" -eq 50 ] && ok || bad "plane CSV with --plot: $(wc -l < "$T/out") lines"
svg_ok "$T/plane.svg" "plane svg" 20 image
expect_code 0 "plane --plot png" "$H" landscape "$T/d.hfnet" -p sample:digits-16 --plane 0,1 --grid 7 --samples 4 --plot "$T/plane.png"
png_ok "$T/plane.png" "plane png"
expect_code 0 "basins --plot svg" "$H" basins "$T/d.hfnet" -p sample:digits-16 -t 8 --csv --plot "$T/basins.svg"
[ "$(tail -n +2 "$T/out" | wc -l)" -eq 10 ] && ok || bad "basins CSV with --plot"
svg_ok "$T/basins.svg" "basins svg" 20 no
expect_code 0 "basins --plot png" "$H" basins "$T/d.hfnet" -p sample:digits-16 -t 8 --plot "$T/basins.png"
png_ok "$T/basins.png" "basins png"
# a name that says neither SVG nor PNG: usage error, nothing written
expect_code 2 "landscape --plot txt" "$H" landscape "$T/n.hfnet" --plot "$T/map.txt"
expect_err "ending in .svg or .png"
[ ! -e "$T/map.txt" ] && ok || bad "a bad --plot name still wrote a file"
expect_code 2 "plane --plot without extension" "$H" landscape "$T/d.hfnet" -p sample:digits-16 --plane 0,1 --plot "$T/plane"
expect_err "ending in .svg or .png"
expect_code 2 "basins --plot pdf" "$H" basins "$T/d.hfnet" -p sample:digits-16 --plot "$T/b.pdf"
expect_err "ending in .svg or .png"
expect_code 1 "plot into a missing folder" "$H" landscape "$T/n.hfnet" --plot "$T/none/map.svg"
[ -s "$T/err" ] && [ "$(wc -l < "$T/err")" -le 2 ] && ok || bad "unwritable --plot: $(cat "$T/err")"

# Bad input: one line, non-zero exit.
expect_code 1 "too many neurons for the map" "$H" landscape "$T/d.hfnet"
expect_err "at most 25 neurons"
expect_code 2 "bad tie" "$H" landscape "$T/n.hfnet" --tie sometimes
expect_err "off, on or keep"
expect_code 2 "plane without patterns" "$H" landscape "$T/n.hfnet" --plane 0,1
expect_err "needs the stored patterns"
expect_code 2 "bad plane" "$H" landscape "$T/n.hfnet" -p "$T/p.txt" --plane 0
expect_err "two pattern numbers"
expect_code 1 "plane of one pattern twice" "$H" landscape "$T/n.hfnet" -p "$T/p.txt" --plane 1,1
expect_err "two different stored patterns"
expect_code 1 "plane beyond the patterns" "$H" landscape "$T/n.hfnet" -p "$T/p.txt" --plane 0,7
expect_code 2 "basins without patterns" "$H" basins "$T/n.hfnet"
expect_err "give the stored patterns"
expect_code 1 "patterns of another size" "$H" basins "$T/n.hfnet" -p sample:digits-16
expect_err "neurons"
expect_code 2 "bad share" "$H" basins "$T/n.hfnet" -p "$T/p.txt" --share 1.5
expect_code 1 "missing network" "$H" landscape "$T/none.hfnet"
expect_err "none.hfnet"
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
