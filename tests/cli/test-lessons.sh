#!/bin/sh
# Every shipped lesson builds into a session whose title and notes
# `hopfield info` shows, and whose recall ends as the lesson's `expect:`
# line says (what the notes tell the class they will see).
# Usage: test-lessons.sh HOPFIELD LESSON_DIR
set -eu
hopfield=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=0
for lesson in "$dir"/*.lesson; do
  name=$(basename "$lesson" .lesson)
  out="$tmp/$name.hfsession"
  "$hopfield" lesson "$lesson" -o "$out" -q
  title=$(sed -n 's/^title: *//p' "$lesson")
  "$hopfield" info "$out" >"$tmp/info"
  grep -qF "title:       $title" "$tmp/info" || { echo "FAIL $name: no title"; exit 1; }
  grep -q '^  notes:' "$tmp/info" || { echo "FAIL $name: no notes"; exit 1; }
  first=$(sed -n '/^---$/{n;p;q}' "$lesson") # the notes' first line
  grep -qF "    $first" "$tmp/info" || { echo "FAIL $name: notes lost"; exit 1; }
  expect=$(sed -n 's/^expect: *//p' "$lesson")
  [ -n "$expect" ] || { echo "FAIL $name: no expect line"; exit 1; }
  got=$("$hopfield" recall "$out" | sed -n 's/^outcome: //p')
  case "$got" in
  "$expect"*) ;;
  *)
    echo "FAIL $name: recall gives '$got', the lesson expects '$expect'"
    exit 1
    ;;
  esac
  count=$((count + 1))
done
[ "$count" -ge 14 ] || { echo "FAIL: only $count lessons (7, and 7 in German)"; exit 1; }
# a translated lesson (NAME.LANG.lesson) is the same lesson: every line
# before its notes but the title equals the original's
for lesson in "$dir"/*.*.lesson; do
  original="$dir/$(basename "$lesson" | sed 's/\.[a-z]*\.lesson$/.lesson/')"
  [ -f "$original" ] || { echo "FAIL: $lesson has no original"; exit 1; }
  sed '/^---$/q' "$original" | grep -v '^title:' >"$tmp/a"
  sed '/^---$/q' "$lesson" | grep -v '^title:' >"$tmp/b"
  if ! cmp -s "$tmp/a" "$tmp/b"; then
    echo "FAIL: $(basename "$lesson") is not the same lesson as $(basename "$original")"
    exit 1
  fi
done
# a malformed lesson gets a message with its line, and no session
printf 'title: x\nrule: nonsense\n---\nnotes\n' >"$tmp/bad.lesson"
if "$hopfield" lesson "$tmp/bad.lesson" -o "$tmp/bad.hfsession" 2>"$tmp/err"; then
  echo "FAIL: a bad rule was accepted"
  exit 1
fi
grep -q 'bad.lesson:2: rule: unknown rule' "$tmp/err" || { cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/bad.hfsession" ] || { echo "FAIL: a session was written"; exit 1; }
printf 'title: x\nrandom: 3\n' >"$tmp/nonotes.lesson"
if "$hopfield" lesson "$tmp/nonotes.lesson" -o "$tmp/x.hfsession" 2>"$tmp/err"; then
  echo "FAIL: a lesson without '---' was accepted"
  exit 1
fi
echo "$count lessons build, show their notes and recall as they say"
