#!/bin/sh
# Installs the build into a temporary DESTDIR, validates every installed
# data file, and starts the installed studio the way its desktop file says.
# Usage: test-install.sh BUILD_DIR (needs a display for the last check).
set -eu
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

meson install -C "$build" --destdir "$tmp" --no-rebuild --quiet >"$tmp.log" 2>&1 ||
  { cat "$tmp.log" >&2; rm -f "$tmp.log"; fail "meson install"; }
rm -f "$tmp.log"

find_one() {
  f=$(find "$tmp" -path "*$1" | head -n 1)
  [ -n "$f" ] || fail "not installed: $1"
  echo "$f"
}
studio=$(find_one /bin/hopfield-studio)
find_one /bin/hopfield >/dev/null
desktop=$(find_one /share/applications/org.hopfieldstudio.HopfieldStudio.desktop)
metainfo=$(find_one /share/metainfo/org.hopfieldstudio.HopfieldStudio.metainfo.xml)
find_one /share/icons/hicolor/scalable/apps/org.hopfieldstudio.HopfieldStudio.svg >/dev/null
find_one /share/icons/hicolor/symbolic/apps/org.hopfieldstudio.HopfieldStudio-symbolic.svg >/dev/null
# the preferences schema, valid (the studio without it remembers nothing)
schema=$(find_one /share/glib-2.0/schemas/org.hopfieldstudio.HopfieldStudio.gschema.xml)
glib-compile-schemas --strict --dry-run "$(dirname "$schema")" || fail "invalid schema: $schema"
# the ready-made lessons, each a valid session with a title
lessons=$(find "$tmp" -path '*/share/hopfield-studio/lessons/*.hfsession' | wc -l)
[ "$lessons" -ge 7 ] || fail "only $lessons lessons installed"
hopfield=$(find_one /bin/hopfield)
for lesson in $(find "$tmp" -path '*/share/hopfield-studio/lessons/*.hfsession'); do
  "$hopfield" info "$lesson" | grep -q '^  title:' || fail "no title in $lesson"
done
for svg in $(find "$tmp" -name '*.svg'); do
  xmllint --noout "$svg" || fail "not valid XML: $svg"
done
# every language in po/LINGUAS has its catalogue installed
for lang in $(grep -v '^#' "$(dirname "$0")/../../po/LINGUAS" 2>/dev/null || true); do
  find_one "/share/locale/$lang/LC_MESSAGES/hopfield-studio.mo" >/dev/null
done

desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
appstreamcli validate --no-net --explain "$metainfo" || fail "appstreamcli validate $metainfo"
grep -q '<screenshot' "$metainfo" || fail "the metainfo has no screenshot"
grep -q '<release .*>' "$metainfo" && grep -q '<description>' "$metainfo" ||
  fail "the metainfo has no release notes"

# Start the studio from the Exec line of the installed desktop file, with
# the installed bin directory first on PATH, in a session bus of its own as a
# desktop would; it must still run after 4 s and
# print no critical or warning.
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n 1 | sed 's/ *%[fFuU]//g')
[ -n "$exec_line" ] || fail "no Exec line in $desktop"
bindir=$(dirname "$studio")
status=0
PATH="$bindir:$PATH" G_DEBUG=fatal-criticals timeout 4 \
  dbus-run-session -- sh -c "exec $exec_line" \
  >"$tmp/out.log" 2>&1 || status=$?
[ "$status" -eq 124 ] || { cat "$tmp/out.log" >&2; fail "the installed studio exited with $status"; }
if grep -Eq 'CRITICAL|WARNING' "$tmp/out.log"; then
  cat "$tmp/out.log" >&2
  fail "the installed studio printed warnings"
fi
echo "installed, validated and started: $studio"
