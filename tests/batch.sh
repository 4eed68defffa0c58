#!/bin/sh
# batch.sh: folders of articles - recursion and mirroring, hidden files,
# symbolic-link loops, --include/--exclude, --files-from (and -0),
# parallel runs identical to sequential ones, --update, --fail-fast,
# --shard, --combine with --order, outputs that would escape the output
# folder, and the summary and exit status.
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
cd "$tmp" || exit 1
formats=txt,md,json
command "$BIN" --list-formats | grep -qx epub && formats="$formats,epub"
command "$BIN" --list-formats | grep -qx docx && formats="$formats,docx"

# A tree of articles: nested folders, a hidden file, a loop, a non-article.
mkdir -p in/a/b in/.hidden
cp "$top/fixtures/sample.txt" in/one.txt
cp "$top/fixtures/sample.txt" in/a/two.txt
printf '第二篇\n\n正文第一段。\n' > in/a/b/three.txt
cp "$top/fixtures/sample.txt" in/.hidden/secret.txt
printf 'not an article\n' > in/a/notes.rst
ln -s .. in/a/b/loop

"$BIN" -q -j 1 -t "$formats" -o seq/ in 2>err && ok || bad "sequential batch: $(cat err)"
for f in one a/two a/b/three; do
  [ -s "seq/$f.md" ] && ok || bad "seq/$f.md missing (tree not mirrored)"
done
[ -e seq/.hidden ] && bad "hidden folder converted" || ok
[ -e seq/a/notes.md ] && bad "non-article converted" || ok
[ -e seq/a/b/loop ] && bad "symbolic-link loop followed into the output" || ok

# Parallel output is byte-identical to sequential.
"$BIN" -q -j 4 -t "$formats" -o par/ in 2>err && ok || bad "parallel batch: $(cat err)"
diff -r seq par >/dev/null && ok || bad "parallel output differs from sequential"

# Hidden on request; include/exclude.
"$BIN" -q --hidden -t md -o hid/ in && [ -s hid/.hidden/secret.md ] && ok || bad "--hidden"
"$BIN" -q --include 'two.*' -t md -o inc/ in && [ -s inc/a/two.md ] && [ ! -e inc/one.md ] && ok || bad "--include"
"$BIN" -q --exclude 'a/*' --exclude three.txt -t md -o exc/ in &&
  [ -s exc/one.md ] && [ ! -e exc/a/two.md ] && [ ! -e exc/a/b/three.md ] && ok || bad "--exclude"

# --files-from, newline and NUL separated, "-" for standard input.
printf 'in/one.txt\nin/a/b/three.txt\n' > list
"$BIN" -q --files-from list -t md -o ff/ && [ -s ff/one.md ] && [ -s ff/three.md ] && ok || bad "--files-from"
printf 'in/one.txt\0in/a/two.txt\0' | "$BIN" -q -0 --files-from - -t md -o ff0/ &&
  [ -s ff0/one.md ] && [ -s ff0/two.md ] && ok || bad "--files-from - -0"
printf 'in/one.txt\nin/nothere.txt\n' > list2
"$BIN" -q --files-from list2 -t md -o ff2/ 2>err; st=$?
[ $st = 1 ] && grep -q 'nothere.txt' err && [ -s ff2/one.md ] && ok || bad "missing listed path: exit $st"

# Two inputs that would write the same output are refused up front.
"$BIN" -q -t md -o clash/ in/one.txt in/a/two.txt "$top/fixtures/sample.txt" >/dev/null 2>err; st=$?
cp in/one.txt two.txt
"$BIN" -q -t md -o clash2/ two.txt in/a/two.txt 2>err; st=$?
[ $st = 2 ] && grep -q 'would write the same outputs' err && ok || bad "output clash: exit $st"

# Never overwrite without --force: a second run fails, files intact.
cp seq/one.md keep.md
"$BIN" -q -t md -o seq/ in 2>err; st=$?
[ $st = 3 ] && cmp -s keep.md seq/one.md && ok || bad "rerun without --force: exit $st"

# --update skips outputs newer than their inputs, converts changed ones.
sleep 1; touch in/a/two.txt
"$BIN" --update --force -t md -o seq/ in 2>err && grep -q '1 converted, 2 skipped' err && ok ||
  bad "--update: $(tail -1 err)"

# A failing article: keep going by default, stop with --fail-fast.
mkdir -p mixed
printf '\177ELF\002\001\001\000\000\000' > mixed/a-binary.txt
cp "$top/fixtures/sample.txt" mixed/b.txt
cp "$top/fixtures/sample.txt" mixed/c.txt
"$BIN" -j 1 -t md -o mo/ mixed 2>err; st=$?
[ $st = 1 ] && [ -s mo/b.md ] && [ -s mo/c.md ] && grep -q '2 converted, 0 skipped (up to date), 1 failed' err &&
  grep -q 'failed: mixed/a-binary.txt' err && ok || bad "keep-going: exit $st, $(tail -2 err)"
"$BIN" -j 1 --fail-fast -t md -o ff3/ mixed 2>err; st=$?
[ $st = 1 ] && [ ! -e ff3/c.md ] && grep -q 'not started' err && ok || bad "--fail-fast: exit $st, $(tail -2 err)"

# --shard: the shares are disjoint and together cover everything.
for k in 1 2 3; do "$BIN" -q --shard $k/3 -t md -o "sh$k/" in || bad "--shard $k/3"; done
total=$(find sh1 sh2 sh3 -name '*.md' | wc -l)
[ "$total" = 3 ] && ok || bad "--shard: $total outputs over 3 shares, expected 3"
for k in 1 2 3; do
  a=$(cd "sh$k" && find . -name '*.md' | sort)
  "$BIN" -q --shard $k/3 -t md -o "shb$k/" in
  b=$(cd "shb$k" && find . -name '*.md' | sort)
  [ "$a" = "$b" ] && ok || bad "--shard $k/3 not stable"
done

# --combine: one book, articles in name or date order.
printf '较早的文章\n\n2020-01-01 08:00| 来源: 甲\n\n早先的正文。\n' > in/a/b/old.txt
"$BIN" -q --combine -t md,json -o book/ in/a/two.txt in/a/b/old.txt && [ -s book/collection.md ] && ok || bad "--combine to a folder"
"$BIN" -q --combine --order date -t json -o book.json in/a/two.txt in/a/b/old.txt && ok || bad "--combine --order date"
first=$(grep -o '"title":"[^"]*"' book.json | sed -n 2p)
[ "$first" = '"title":"较早的文章"' ] && ok || bad "--order date put $first first"
grep -q '"articles":\[' book.json && ok || bad "--combine JSON has no articles"

# An output folder reached through a symbolic link outside is refused.
mkdir -p outside esc
ln -s ../outside esc/a
"$BIN" -q -t md -o esc/ in 2>err; st=$?
[ $st = 3 ] && grep -q 'outside the output folder' err && [ -z "$(ls outside)" ] && ok ||
  bad "symlink escape: exit $st, $(cat err)"

# Interrupted runs (SIGINT, SIGTERM, SIGHUP) and two runs into one folder
# at once: tests/attack.sh.

echo "batch: $pass passed, $fail failed"
[ $fail = 0 ]
