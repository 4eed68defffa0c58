#!/bin/sh
# fuzz.sh [long]: builds the libFuzzer targets (tests/fuzz_*.c) with clang
# and AddressSanitizer + UndefinedBehaviorSanitizer, replays the saved
# regression inputs (fixtures/fuzz/), then fuzzes.
#
#   fuzz.sh        (make fuzz) each target in turn for FUZZ_SECONDS
#                  (default 60), corpus in build-fuzz/corpus/NAME
#   fuzz.sh long   (make fuzz-long) every target at once for
#                  FUZZ_LONG_SECONDS (default 3600), each with a persistent
#                  corpus FUZZ_CORPUS_DIR/corpus-NAME (default build-fuzz,
#                  outside git), -print_final_stats, and a summary table
#                  of executions, coverage and findings at the end
#
# Seeds come from fixtures/ (and, for fuzz-long, $CORPUS when set), by the target's
# name: fuzz_read_KIND takes the files of that kind (text, html, md, docx,
# or whatever extensions the reader of that name claims); fuzz_pipeline
# takes all of them behind an option byte; fuzz_resource takes
# references.  Dictionaries: tests/fuzz/*.dict, combined per kind below.
# A finding is saved as fixtures/fuzz/NAME-crash-... (or -timeout-, -oom-)
# and fails the run; make unit replays everything in fixtures/fuzz/.
set -u
mode=${1:-short}
CC=${FUZZ_CC:-clang}
rss=${FUZZ_RSS_MB:-2048}
command -v "$CC" >/dev/null || { echo "fuzz: SKIPPED - $CC not installed"; [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && exit 1; exit 0; }
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
make --no-print-directory BUILD=build-fuzz CC="$CC" \
  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $san" \
  build-fuzz/libartconv.a || exit 1
cflags=$(make --no-print-directory -s print-cflags)
libs=$(make --no-print-directory -s print-libs)
mkdir -p build-fuzz
# The corpus of real articles seeds the long runs only: loading it takes
# longer than a short run lasts.
corpus=""
[ "$mode" = long ] && corpus=${CORPUS:-}

# byte HEX: writes that byte (dash's printf knows octal escapes, not \x).
byte() { printf "\\$(printf '%03o' "0x$1")"; }
# kind NAME: which seeds and dictionaries a target takes.
kind() {
  case $1 in
    fuzz_read_*) echo "${1#fuzz_read_}" ;;
    fuzz_resource) echo resource ;;
    *) echo pipeline ;;
  esac
}
# Extensions of a reader's files.
exts() {
  case $1 in
    text) echo txt ;;
    html) echo "html htm" ;;
    md) echo "md markdown" ;;
    *) echo "$1" ;;
  esac
}
dicts() {
  case $1 in
    text) echo chinese ;;
    html) echo "html xml chinese" ;;
    md) echo "markdown html chinese" ;;
    docx|odt|xml) echo "xml chinese" ;;
    resource) echo paths ;;
    *) echo "html markdown xml chinese" ;;
  esac
}

# seeds KIND DIR: fills DIR with seed inputs (64 KB at most each).
seeds() {
  k=$1 dir=$2
  rm -rf "$dir"; mkdir -p "$dir"
  case $k in
    resource)
      i=0
      for s in in.png sub/in2.png sub/rel.png dirlink/in2.png 'page_files/a%20b.png' \
        ../art/in.png sub/up/in.png sub/out abs outdir/secret toextra/x.png x.png \
        'file:///etc/passwd' http://example.com/a.png //host/a.png /etc/passwd \
        '%2e%2e/secret' 'in.png?x=1#y' loop fifo self/in.png; do
        for m in 00 01 02 03 05; do { byte $m; printf '%s' "$s"; } > "$dir/$m-$i"; done
        i=$((i + 1))
      done
      return ;;
    pipeline)
      for f in fixtures/*.txt fixtures/*.html fixtures/*.md fixtures/images/*.html \
        ${corpus:+"$corpus"/*.txt "$corpus"/*.html "$corpus"/*.md}; do
        [ -f "$f" ] || continue
        case $f in *.expected.*|*.body.*) continue ;; esac
        b=$(basename "$f")
        for sel in 00 01 1a 5b 82 c3; do
          { byte $sel; head -c 65536 "$f"; } > "$dir/$sel-$b"
        done
      done
      return ;;
    docx)
      # The DOCX fixtures' parts joined by NUL bytes (document, numbering,
      # styles, footnotes), which the target packs into a zip itself.
      for d in tests/docx/*/; do
        w="$d/word"
        { cat "$w/document.xml"; printf '\000'
          [ -f "$w/numbering.xml" ] && cat "$w/numbering.xml"; printf '\000'
          [ -f "$w/styles.xml" ] && cat "$w/styles.xml"; printf '\000'
          [ -f "$w/footnotes.xml" ] && cat "$w/footnotes.xml"
        } > "$dir/parts-$(basename "$d")"
      done ;;
  esac
  for e in $(exts "$k"); do
    for f in fixtures/*."$e" fixtures/*/*."$e" ${corpus:+"$corpus"/*."$e"}; do
      [ -f "$f" ] || continue
      case $f in *.expected.*|*.body.*) continue ;; esac
      head -c 65536 "$f" > "$dir/$(basename "$f")"
    done
  done
  # At least one seed, or libFuzzer starts from nothing.
  ls "$dir" | grep -q . || printf '\n' > "$dir/empty"
}

# dict KIND FILE: one dictionary of the kind's parts.
dict() {
  : > "$2"
  for d in $(dicts "$1"); do
    [ -f "tests/fuzz/$d.dict" ] && cat "tests/fuzz/$d.dict" >> "$2"
  done
}

fail=0
targets=""
for src in tests/fuzz_*.c; do
  name=$(basename "$src" .c)
  t=build-fuzz/$name
  # cli/util.c: the command line's message escaping (fuzz_resource).
  # shellcheck disable=SC2086
  $CC $cflags -O1 -g -fsanitize=fuzzer $san "$src" cli/util.c build-fuzz/libartconv.a $libs -o "$t" || exit 1
  if ls fixtures/fuzz/* >/dev/null 2>&1; then
    "$t" -runs=0 -rss_limit_mb="$rss" fixtures/fuzz/* >"$t.replay.log" 2>&1 ||
      { echo "fuzz: $t fails on a saved regression input:"; tail -30 "$t.replay.log"; fail=1; continue; }
  fi
  k=$(kind "$name")
  seeds "$k" "build-fuzz/seeds-$name"
  dict "$k" "build-fuzz/$name.dict"
  targets="$targets $name"
done
[ $fail = 0 ] || exit 1

if [ "$mode" != long ]; then
  secs=${FUZZ_SECONDS:-60}
  for name in $targets; do
    t=build-fuzz/$name
    echo "fuzz: $t for ${secs}s"
    mkdir -p "build-fuzz/corpus/$name"
    "$t" -max_total_time="$secs" -max_len=200000 -rss_limit_mb="$rss" -timeout=20 -report_slow_units=20 \
      -dict="build-fuzz/$name.dict" -artifact_prefix="fixtures/fuzz/$name-" \
      "build-fuzz/corpus/$name" "build-fuzz/seeds-$name" >"$t.log" 2>&1 ||
      { echo "fuzz: $t found a problem (input saved in fixtures/fuzz/):"; tail -40 "$t.log"; fail=1; continue; }
    grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units' "$t.log" | tail -1
  done
  [ $fail = 0 ] && echo "fuzz: no findings"
  exit $fail
fi

# --- long: every target at once, persistent corpora ------------------------
secs=${FUZZ_LONG_SECONDS:-3600}
cdir=${FUZZ_CORPUS_DIR:-build-fuzz}
maxlen=${FUZZ_MAX_LEN:-65536}
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done' INT TERM
echo "fuzz-long: $(echo $targets | wc -w) targets in parallel for ${secs}s, corpora in $cdir/corpus-NAME"
for name in $targets; do
  mkdir -p "$cdir/corpus-$name"
  before=$(ls "$cdir/corpus-$name" | wc -l)
  echo "$before" > "build-fuzz/$name.before"
  "build-fuzz/$name" -max_total_time="$secs" -max_len="$maxlen" -rss_limit_mb="$rss" \
    -timeout=60 -report_slow_units=30 -print_final_stats=1 -dict="build-fuzz/$name.dict" \
    -artifact_prefix="fixtures/fuzz/$name-" \
    "$cdir/corpus-$name" "build-fuzz/seeds-$name" >"build-fuzz/$name.long.log" 2>&1 &
  pids="$pids $!"
  echo "fuzz-long: started $name (pid $!, log build-fuzz/$name.long.log, corpus had $before inputs)"
done
st=0
set -- $pids
for name in $targets; do
  wait "$1" || { st=1; echo "fuzz-long: $name stopped early: a finding (see build-fuzz/$name.long.log)"; }
  shift
done
summary=build-fuzz/fuzz-long-summary.txt
{
  printf '%-18s %14s %10s %8s %8s %9s %8s %s\n' target executions exec/s cov ft corpus rss_mb result
  for name in $targets; do
    log=build-fuzz/$name.long.log
    ex=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    mem=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    n=$(ls "$cdir/corpus-$name" | wc -l)
    # A finding is a crash, leak, timeout or out-of-memory artifact; a
    # slow unit (often a stall of a loaded machine) is only noted.
    res=ok
    found=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | grep -v -- '-slow-unit-' | tr '\n' ' ')
    [ -n "$found" ] && res="FINDING: $found"
    slow=$(grep -c 'slow-unit-' "$log")
    [ "$slow" -gt 0 ] && res="$res (slow units: $slow, see the log)"
    printf '%-18s %14s %10s %8s %8s %9s %8s %s\n' "$name" "${ex:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
      "$(cat "build-fuzz/$name.before")->$n" "${mem:-?}" "$res"
  done
} | tee "$summary"
echo "fuzz-long: summary in $summary"
exit $st
