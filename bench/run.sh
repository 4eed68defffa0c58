#!/bin/sh
# bench/run.sh - the benchmark behind `make bench` (not a test: it measures).
#
#  1. Generates 1000 articles in a temporary folder: copies and variants
#     (renumbered titles, repeated and shuffled paragraphs) of the project's
#     sample and, when $CORPUS is set, of the corpus text files.
#  2. artconv: wall time, articles per second and peak memory
#     (/usr/bin/time) converting all of them to txt, md, epub and docx,
#     with one worker and with all cores; three runs of each after sync,
#     the median reported (this kind of virtual machine varies by a fifth
#     from run to run).
#  3. pandoc, as users run it: one process per file and format (md→epub,
#     md→docx, md→plain) on the Markdown artconv wrote; on a sample of
#     $PANDOC_SAMPLE files (default 40) and scaled, because 3000 pandoc runs
#     take most of an hour.  Skipped, saying so, without pandoc.
#  4. The floor: `zip -q -6` deflating the same unpacked EPUB and DOCX parts
#     (one zip per book), and the same bytes as a single gzip -6 stream.
#  5. Scaling: one article of 1 KB, 100 KB, 10 MB and 100 MB.
# Prints one table; README.md keeps the last one.
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
top=$(pwd)
N=${BENCH_ARTICLES:-1000}
PS=${PANDOC_SAMPLE:-40}
cores=$(nproc 2>/dev/null || echo 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/artconv-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
TIME=/usr/bin/time
[ -x $TIME ] || { echo "bench: /usr/bin/time not found (Debian package: time)"; exit 1; }

# Runs a command; prints "SECONDS MAXRSS_KB" from GNU time.
measure() {
  $TIME -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" ||
    { echo "bench: failed: $*" >&2; tail -3 "$work/stderr" >&2; return 1; }
  cat "$work/time"
}

echo "bench: generating $N articles in $work/in"
mkdir -p "$work/in" "$work/seeds"
cp "$top/fixtures/sample.txt" "$work/seeds/"
if [ -n "${CORPUS:-}" ] && [ -d "$CORPUS" ]; then
  for f in "$CORPUS"/[0-9]*.txt; do
    case $f in *gb18030*) iconv -f GB18030 -t UTF-8 "$f" > "$work/seeds/$(basename "$f")" 2>/dev/null ;;
      *) cp "$f" "$work/seeds/" ;; esac
  done
fi
seeds=$(ls "$work/seeds")
nseeds=$(echo "$seeds" | wc -l)
i=0
while [ $i -lt "$N" ]; do
  k=$((i % nseeds + 1))
  seed=$(echo "$seeds" | sed -n "${k}p")
  d="$work/in/$((i / 100))"
  mkdir -p "$d"
  case $((i % 3)) in
    0) cp "$work/seeds/$seed" "$d/a$i.txt" ;;
    1) sed "1s/\$/（第$i期）/" "$work/seeds/$seed" > "$d/a$i.txt" ;;
    2) awk -v n=$i 'NR > 1 && length($0) > 60 && NR % 5 == n % 5 { print; print "" } { print }' \
         "$work/seeds/$seed" > "$d/a$i.txt" ;;
  esac
  i=$((i + 1))
done
bytes=$(du -sb "$work/in" | cut -f1)
echo "bench: $N articles, $((bytes / 1024)) KB, from $nseeds seed files; $cores cores"

# Runs artconv three times with JOBS workers into fresh folders OUT.1..3,
# each after sync (so the previous run's disk writeback is not charged to
# this one); prints "MEDIAN_SECONDS MAX_RSS_KB ALL_THREE_SECONDS".
run3() {
  jobs=$1 out=$2 all="" mem=0
  for k in 1 2 3; do
    sync
    set -- $(measure "$BIN" -q -j "$jobs" -t txt,md,epub,docx -o "$out.$k/" "$work/in") || return 1
    all="$all $1"
    [ "$2" -gt "$mem" ] && mem=$2
  done
  med=$(echo $all | tr ' ' '\n' | sort -n | sed -n 2p)
  echo "$med $mem$(echo $all | tr ' ' '/' | sed 's/^/ /')"
}

echo "bench: artconv, 4 formats, three runs each"
set -- $(run3 1 "$work/out1") || exit 1
t1=$1 m1=$2 all1=$3
set -- $(run3 "$cores" "$work/outn") || exit 1
tn=$1 mn=$2 alln=$3
for k in 2 3; do
  diff -r "$work/out1.1" "$work/out1.$k" >/dev/null &&
    diff -r "$work/out1.1" "$work/outn.$k" >/dev/null ||
    echo "bench: WARNING: outputs of repeated runs differ"
done
mv "$work/out1.1" "$work/out1"; mv "$work/outn.1" "$work/outn"
rm -rf "$work"/out1.? "$work"/outn.?
diff -r "$work/out1" "$work/outn" >/dev/null || echo "bench: WARNING: -j1 and -j$cores outputs differ"

# pandoc on a sample of the Markdown artconv wrote.
pandoc_line="pandoc: not installed, skipped"
tp=""
if [ "$PS" -eq 0 ]; then
  pandoc_line="pandoc: PANDOC_SAMPLE=0, skipped"
elif command -v pandoc >/dev/null 2>&1; then
  echo "bench: pandoc, $PS files x (epub, docx, plain), one process each"
  ls "$work/out1"/*/*.md | head -n "$PS" > "$work/sample.list"
  cat > "$work/pandoc.sh" <<'EOS'
while read -r f; do
  pandoc --quiet "$f" -o "$f.epub" && pandoc --quiet "$f" -o "$f.docx" && pandoc --quiet "$f" -t plain -o "$f.plain" || exit 1
done
EOS
  sync
  set -- $(measure sh "$work/pandoc.sh" < "$work/sample.list") || exit 1
  tps=$1 mp=$2
  ns=$(wc -l < "$work/sample.list")
  tp=$(echo "$tps $ns $N" | awk '{ printf "%.1f", $1 / $2 * $3 }')
  pandoc_line=$(echo "$tps $ns $mp" | awk '{ printf "pandoc (%d files measured, scaled to all)", $2 }')
fi

# The floor: deflating the same parts with zip -6.
echo "bench: zip -q -6 floor"
mkdir -p "$work/parts"
j=0
for z in "$work/out1"/*/*.epub "$work/out1"/*/*.docx; do
  mkdir -p "$work/parts/$j"; (cd "$work/parts/$j" && unzip -q "$z"); j=$((j + 1))
done
cat > "$work/zip.sh" <<'EOS'
for d in "$1"/*; do (cd "$d" && zip -q -6 -r -X "../$(basename "$d").zip" .) || exit 1; done
EOS
sync
set -- $(measure sh "$work/zip.sh" "$work/parts") || exit 1
tz=$1
# A stricter floor without zip's per-file costs: the same bytes as one
# gzip -6 stream.
find "$work/parts" -type f ! -name '*.zip' | sort > "$work/parts.list"
cat > "$work/gzip.sh" <<'EOS'
tr '\n' '\0' < "$1" | xargs -0 cat | gzip -6 > /dev/null
EOS
set -- $(measure sh "$work/gzip.sh" "$work/parts.list") || exit 1
tg=$1

rate1=$(echo "$N $t1" | awk '{ printf "%.0f", $1 / ($2 > 0 ? $2 : 0.01) }')
raten=$(echo "$N $tn" | awk '{ printf "%.0f", $1 / ($2 > 0 ? $2 : 0.01) }')
echo
echo "| run | wall s | articles/s | peak memory |"
echo "| --- | ---: | ---: | ---: |"
echo "| artconv -j 1, txt+md+epub+docx (median of $all1 s) | $t1 | $rate1 | $((m1 / 1024)) MB |"
echo "| artconv -j $cores, txt+md+epub+docx (median of $alln s) | $tn | $raten | $((mn / 1024)) MB |"
if [ -n "$tp" ]; then
  ratep=$(echo "$N $tp" | awk '{ printf "%.1f", $1 / $2 }')
  echo "| $pandoc_line, epub+docx+plain | $tp | $ratep | $((mp / 1024)) MB |"
fi
echo "| zip -q -6 of the same EPUB/DOCX parts, one zip per book | $tz | | |"
echo "| gzip -6 of the same parts as one stream | $tg | | |"
echo
if [ -z "$tp" ]; then
  echo "$pandoc_line"
else
  echo "$tp $t1 $tn" | awk '{ printf "artconv vs pandoc: %.0fx (one worker), %.0fx (all cores)\n", $1 / $2, $1 / $3 }'
fi
echo "$t1 $tz $tg" | awk '{ printf "artconv (one worker, 4 formats incl. reading) vs the zip floor: %.2fx; vs one gzip stream: %.1fx\n", $1 / $2, $1 / $3 }'

# Scaling: one article of growing size.
echo
echo "| article | bytes | wall s | peak memory | s per MB |"
echo "| --- | ---: | ---: | ---: | ---: |"
para=$(sed -n '15p' "$top/fixtures/sample.txt")
for size in 1024 102400 10485760 104857600; do
  f="$work/size-$size.txt"
  { printf '规模测试\n\n'; while :; do printf '%s\n\n' "$para"; done; } | head -c "$size" > "$f"
  set -- $(measure "$BIN" -q --force -t txt,md,epub,docx -o "$work/sizes/" "$f") || exit 1
  echo "$size $1 $2" | awk '{ printf "| %s | %d | %.2f | %d MB | %.3f |\n", \
    ($1 >= 1048576 ? $1 / 1048576 " MB" : $1 / 1024 " KB"), $1, $2, $3 / 1024, $2 / ($1 / 1048576) }'
done
