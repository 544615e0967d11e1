#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined)
# and runs each for SECONDS (default 60) from the seed corpus in
# tests/fuzz/corpus/TARGET. New inputs go to fuzz-out/TARGET; crashes to
# fuzz-out/crash-*. Usage: tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
targets=${*:-png pbm netfile session}
out=fuzz-out
mkdir -p "$out"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE -std=c11"
inc="-Isrc/engine -Isrc/formats $(pkg-config --cflags libpng openblas)"
libs="-lgsl $(pkg-config --libs libpng zlib openblas) -lm"
# the sample data and its build-time generator are not needed by the decoders
srcs=$(ls src/engine/*.c src/formats/*.c | grep -v -e hf-samples.c -e gen-fingerprints.c)
status=0
for t in $targets; do
  bin="$out/fuzz-$t"
  clang $flags $inc tests/fuzz/fuzz-$t.c $srcs $libs -o "$bin"
  mkdir -p "$out/$t"
  echo "== fuzz-$t for $secs s"
  if ! "$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="$out/crash-$t-" -print_final_stats=1 "$out/$t" "tests/fuzz/corpus/$t" \
      2> "$out/$t.log"; then
    status=1
    echo "fuzz-$t FOUND A PROBLEM: see $out/$t.log"
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#.*DONE" "$out/$t.log" || true
  echo "corpus: $(ls "$out/$t" | wc -l) new inputs"
done
exit $status
