#!/usr/bin/env bash
# The monkey test (tests/app/monkey.py): the real studio, built with
# AddressSanitizer and UndefinedBehaviorSanitizer, driven by random X events.
#
#   tests/app/monkey.sh [SECONDS [SEED]]      (default: 45 s, a random seed)
#
# Builds the studio alone in build-monkey (MONKEY_BUILD overrides the
# directory) and runs it under a private Xvfb and D-Bus session bus.
# MONKEY_SHOTS=DIR saves a screenshot of the screen every 20 s. The seed is
# printed; run again with it to replay (the events are the same, their
# timing is not).
set -uo pipefail
seconds=${1:-45}
seed=${2:-}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${MONKEY_BUILD:-$src/build-monkey}
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$src" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all -Dgui=enabled -Dtests=false -Dwerror=true || exit 2
fi
# only the studio (and what it needs: the CLI builds the lessons, the schema)
meson compile -C "$build" hopfield-studio >/dev/null && ninja -C "$build" resources/gschemas.compiled >/dev/null || exit 2
args=(--app "$build/src/app/hopfield-studio" --source "$src" --schemas "$build/resources"
      --seconds "$seconds")
[ -n "$seed" ] && args+=(--seed "$seed")
[ -n "${MONKEY_SHOTS:-}" ] && args+=(--shots "$MONKEY_SHOTS")
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1366x768x24" \
  python3 "$src/tests/app/monkey.py" "${args[@]}"
