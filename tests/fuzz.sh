#!/bin/sh
# fuzz.sh: builds the libFuzzer targets (tests/fuzz_*.c) with clang and
# AddressSanitizer + UndefinedBehaviorSanitizer, replays the saved
# regression inputs (fixtures/fuzz/), then fuzzes each target for
# FUZZ_SECONDS (default 60) from a seed corpus made of fixtures/.  A
# finding is saved under fixtures/fuzz/ and fails the run.
set -u
secs=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "fuzz: SKIPPED - $CC not installed"; [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && exit 1; exit 0; }
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
make --no-print-directory BUILD=build-fuzz CC="$CC" \
  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $san" \
  build-fuzz/libartconv.a || exit 1
cflags=$(make --no-print-directory -s print-cflags)
libs=$(make --no-print-directory -s print-libs)
mkdir -p build-fuzz/seeds build-fuzz/corpus
# Seeds: each fixture, prefixed with reader-selecting first bytes.
for f in fixtures/*.txt fixtures/*.html fixtures/*.md; do
  [ -f "$f" ] || continue
  case $f in *.expected.*) continue ;; esac
  b=$(basename "$f")
  for sel in 00 01 1a 5b; do
    { printf "\\x$sel"; head -c 65536 "$f"; } > "build-fuzz/seeds/$sel-$b"
  done
done
# The docx target's seeds: the DOCX fixtures as they are, and their parts
# joined by NUL bytes (document, numbering, styles, footnotes), which the
# target packs into a zip itself.
mkdir -p build-fuzz/seeds-docx
cp fixtures/*.docx build-fuzz/seeds-docx/ 2>/dev/null
for d in tests/docx/*/; do
  w="$d/word"
  { cat "$w/document.xml"; printf '\000'
    [ -f "$w/numbering.xml" ] && cat "$w/numbering.xml"; printf '\000'
    [ -f "$w/styles.xml" ] && cat "$w/styles.xml"; printf '\000'
    [ -f "$w/footnotes.xml" ] && cat "$w/footnotes.xml"
  } > "build-fuzz/seeds-docx/parts-$(basename "$d")"
done
fail=0
for src in tests/fuzz_*.c; do
  t=build-fuzz/$(basename "$src" .c)
  # shellcheck disable=SC2086
  $CC $cflags -O1 -g -fsanitize=fuzzer $san "$src" build-fuzz/libartconv.a $libs -o "$t" || exit 1
  if ls fixtures/fuzz/* >/dev/null 2>&1; then
    "$t" -runs=0 fixtures/fuzz/* >"$t.replay.log" 2>&1 ||
      { echo "fuzz: $t fails on a saved regression input:"; tail -30 "$t.replay.log"; fail=1; continue; }
  fi
  seeds=build-fuzz/seeds
  [ "${t##*/}" = fuzz_read_docx ] && seeds=build-fuzz/seeds-docx
  echo "fuzz: $t for ${secs}s"
  mkdir -p "build-fuzz/corpus/${t##*/}"
  "$t" -max_total_time="$secs" -max_len=200000 -rss_limit_mb=2048 -timeout=20 \
    -artifact_prefix=fixtures/fuzz/ "build-fuzz/corpus/${t##*/}" "$seeds" >"$t.log" 2>&1 ||
    { echo "fuzz: $t found a problem (input saved in fixtures/fuzz/):"; tail -40 "$t.log"; fail=1; continue; }
  grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units' "$t.log" | tail -1
done
[ $fail = 0 ] && echo "fuzz: no findings"
exit $fail
