#!/bin/sh
# hostile.sh: inputs a converter fed from the internet meets.  Each case
# must finish within a time limit and a memory limit, end with the right
# exit status and a clear message, never leave a partial file under the
# final name, and (for XML formats) never write a character XML forbids.
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TOOLS=$(cd "${TOOLS:-build/tests}" && pwd)
[ -n "${CHECK_KIT:-}" ] && [ -d "$CHECK_KIT" ] && CHECK_KIT=$(cd "$CHECK_KIT" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-hostile.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pass=0 fail=0
formats=$("$BIN" --list-formats | tr '\n' ',' | sed 's/,$//')
TIME=/usr/bin/time
if [ ! -x $TIME ]; then
  TIME=""
  echo "hostile: memory limits SKIPPED - /usr/bin/time not installed (Debian: time)"
  [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && fail=$((fail + 1))
fi

# run SECONDS MAX_MB WANT_STATUS "message regex" command...
# HOSTILE_SLOWER=N multiplies both limits (sanitizer builds).
slower=${HOSTILE_SLOWER:-1}
run() {
  secs=$(($1 * slower)) mb=$(($2 * slower)) want=$3 pat=$4; shift 4
  if [ -n "$TIME" ]; then
    timeout "$secs" $TIME -f '%M' -o mem "$@" >stdout 2>err; st=$?
  else
    timeout "$secs" "$@" >stdout 2>err; st=$?; echo 0 > mem
  fi
  kb=$(tail -1 mem 2>/dev/null | tr -dc 0-9); kb=${kb:-0}
  if [ $st = 124 ]; then echo "FAIL: $* took over ${secs}s"; fail=$((fail + 1)); return; fi
  if [ "$st" != "$want" ]; then
    echo "FAIL: $* -> exit $st, expected $want"; head -3 err | sed 's/^/  /'; fail=$((fail + 1)); return
  fi
  if [ "$kb" -gt $((mb * 1024)) ]; then
    echo "FAIL: $* used $((kb / 1024)) MB (limit $mb)"; fail=$((fail + 1)); return
  fi
  if [ -n "$pat" ] && ! grep -Eq -- "$pat" err; then
    echo "FAIL: $* -> message not /$pat/:"; head -3 err | sed 's/^/  /'; fail=$((fail + 1)); return
  fi
  pass=$((pass + 1))
}

# Every XML part of every zip output must parse (tool_zipdump + xmllint-free
# check: the fuzz-grade check lives in tool_preserve, which parses them).
xml_ok() { "$TOOLS/tool_preserve" "$1" >preserve.log 2>&1 || { echo "FAIL: $1: $(grep -v ' 0 lost' preserve.log | head -3)"; fail=$((fail + 1)); }; }

: > empty.txt
run 10 50 1 'empty file' "$BIN" -t "$formats" -o out/ empty.txt
printf 'x' > one.txt
run 10 50 0 '' "$BIN" -q --force -t "$formats" -o out/ one.txt
head -c 200000 /dev/urandom > random.bin; cp random.bin random.txt
run 10 50 1 'binary data' "$BIN" -t txt -o out/ random.txt
printf '\377\376\375\374\200\201\202' > bad.txt
run 10 50 0 '' "$BIN" -q --force -t "$formats" -o out/ bad.txt

# NUL bytes inside an HTML page: a warning with a count, the rest kept.
printf '<html><body><h1>标题</h1><p>正文\000第一段。</p><p>第二\000段。</p></body></html>' > nul.html
run 10 50 0 'NUL' "$BIN" --force -t "$formats" -o out/ nul.html

# Every kind of broken UTF-8 and GB18030, and XML-forbidden controls.
{ printf '标题\n\n控制字符\001\002\013\014\033\177和C1\302\200\302\237，非字符\357\277\276\357\277\277。\n';
  printf '截断\344\270，代理\355\240\200，过长\300\257\340\200\257，越界\364\220\200\200。\n'; } > forbidden.txt
run 10 50 0 'replaced by U\+FFFD' "$BIN" --force -t "$formats" -o out/ forbidden.txt
xml_ok forbidden.txt
printf '\261\352\314\342\n\n\325\375\316\304\265\332\322\273\266\316\241\243\201\060\377\070\215\n' > gb.txt
run 10 50 0 '' "$BIN" -q --force -t "$formats" -o out/ gb.txt

# 100 MB on one line, no newline.
awk 'BEGIN { s = "很长的一行没有换行符，"; while (length(r) < 4096) r = r s; for (i = 0; i < 25000; i++) printf "%s", r }' > longline.txt
run 120 1500 0 '' "$BIN" -q --force -t txt,md -o out/ longline.txt
[ "$(wc -c < out/longline.txt)" -gt 100000000 ] && pass=$((pass + 1)) || { echo "FAIL: long line truncated"; fail=$((fail + 1)); }

# 100 000 nested tags; entity bombs and external entities.
awk 'BEGIN { printf "<html><body><h1>深</h1>"; for (i = 0; i < 100000; i++) printf "<div>"; printf "<p>最深处的文字。</p>"; for (i = 0; i < 100000; i++) printf "</div>"; printf "</body></html>" }' > nested.html
run 30 300 0 '' "$BIN" -q --force -t "$formats" -o out/ nested.html
grep -q '最深处的文字' out/nested.txt && pass=$((pass + 1)) || { echo "FAIL: text in nested tags lost"; fail=$((fail + 1)); }
cat > bomb.html <<'EOB'
<?xml version="1.0"?>
<!DOCTYPE html [
<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
<!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<html><body><h1>炸弹</h1><p>&h;</p><p>&ext;</p><p>正文还在。</p></body></html>
EOB
run 10 100 0 '' "$BIN" -q --force -t "$formats" -o out/ bomb.html
grep -q 'root:' out/bomb.txt && { echo "FAIL: external entity expanded"; fail=$((fail + 1)); } || pass=$((pass + 1))
[ "$(wc -c < out/bomb.txt)" -lt 100000 ] && pass=$((pass + 1)) || { echo "FAIL: entity bomb expanded"; fail=$((fail + 1)); }

# 10 000 headings and a million points.
awk 'BEGIN { print "标题\n"; for (i = 1; i <= 10000; i++) printf "一、第%d个主题\n正文第%d段。\n", i, i }' > headings.txt
run 60 300 0 '' "$BIN" -q --force -t "$formats" -o out/ headings.txt
awk 'BEGIN { print "标题\n"; for (p = 0; p < 100; p++) { for (i = 1; i <= 10000; i++) printf "%s是要点。", (i % 2 ? "一" : "二"); print "" } }' > points.txt
run 120 1500 0 '' "$BIN" -q --force -t txt,md,json,epub -o out/ points.txt

# A 10 MB article that is one paragraph.  libxml2 refuses text nodes over
# 10 MB (without --huge) and older EPUB engines chapter files over about
# 300 KB: every XML part of the EPUB and DOCX must read in xmllint without
# --huge, no XHTML file may pass 300 KB, nothing may be lost
# (tool_preserve), the bytes must be the same twice, and with the check
# kit EPUBCheck and the ECMA-376 schemas must pass.
awk 'BEGIN { printf "一段十兆字节的文章\n\n"; s = "这是一个没有换行的很长的段落，每一句话都以句号结束。";
  for (n = 0; n < 10485760; n += length(s)) printf "%s", s; printf "\n" }' > onepara.txt
run 60 800 0 '' "$BIN" -q --force -t epub,docx -o big1/ onepara.txt
run 60 800 0 '' "$BIN" -q --force -t epub,docx -o big2/ onepara.txt
for f in onepara.epub onepara.docx; do
  cmp -s "big1/$f" "big2/$f" && pass=$((pass + 1)) || { echo "FAIL: $f differs between two runs"; fail=$((fail + 1)); }
  rm -rf "x-$f" && mkdir "x-$f" && "$TOOLS/tool_zipdump" -x "x-$f" "big1/$f"
done
if command -v xmllint >/dev/null 2>&1; then
  n=0 bad=0
  for part in $(find x-onepara.epub x-onepara.docx -type f \( -name '*.xml' -o -name '*.xhtml' \
      -o -name '*.opf' -o -name '*.ncx' -o -name '*.rels' -o -name '*.svg' \)); do
    n=$((n + 1))
    xmllint --noout --nonet "$part" 2>xmllint.err || { bad=$((bad + 1)); echo "FAIL: xmllint $part: $(head -1 xmllint.err)"; }
  done
  echo "hostile: 10 MB paragraph: $n XML parts, $bad refused by xmllint (without --huge)"
  [ $bad = 0 ] && [ $n -gt 10 ] && pass=$((pass + 1)) || fail=$((fail + 1))
else
  echo "hostile: xmllint SKIPPED - not installed (Debian: libxml2-utils)"
  [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && fail=$((fail + 1))
fi
largest=$(ls -S x-onepara.epub/OEBPS/*.xhtml | head -1)
chapters=$(ls x-onepara.epub/OEBPS/*.xhtml | wc -l)
echo "hostile: 10 MB paragraph: $chapters XHTML files, largest $(wc -c < "$largest") bytes"
[ "$(wc -c < "$largest")" -le 307200 ] && pass=$((pass + 1)) || { echo "FAIL: $largest over 300 KB"; fail=$((fail + 1)); }
"$TOOLS/tool_preserve" -t epub,docx onepara.txt > preserve.log 2>&1 && grep -q ' 0 lost' preserve.log &&
  ! grep -v ' 0 lost$' preserve.log | grep -q lost && pass=$((pass + 1)) ||
  { echo "FAIL: 10 MB paragraph: $(grep -v ' 0 lost$' preserve.log | head -3)"; fail=$((fail + 1)); }
if [ -n "${CHECK_KIT:-}" ] && [ -x "$CHECK_KIT/check-epub.sh" ] && command -v java >/dev/null 2>&1 &&
    command -v python3 >/dev/null 2>&1; then
  "$CHECK_KIT/check-epub.sh" --no-ace big1/onepara.epub > kit.log 2>&1 && pass=$((pass + 1)) ||
    { echo "FAIL: EPUBCheck on the 10 MB paragraph:"; tail -5 kit.log; fail=$((fail + 1)); }
  "$CHECK_KIT/check-docx.sh" --no-consumers big1/onepara.docx > kit.log 2>&1 && pass=$((pass + 1)) ||
    { echo "FAIL: ECMA-376 check on the 10 MB paragraph:"; tail -5 kit.log; fail=$((fail + 1)); }
else
  echo "hostile: EPUBCheck and ECMA-376 schemas on the 10 MB paragraph SKIPPED - no check kit, java or python3"
  [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && fail=$((fail + 1))
fi

# File names with spaces, quotes and Chinese characters.
cp nul.html "文章 \"引号\" 'x'.html"
run 10 50 0 '' "$BIN" -q --force -t "$formats" -o "输出 目录/" "文章 \"引号\" 'x'.html"
[ -s "输出 目录/文章 \"引号\" 'x'.epub" ] && pass=$((pass + 1)) || { echo "FAIL: odd file name"; fail=$((fail + 1)); }

# Outputs that cannot be written (a full disk, a read-only folder, a full
# file system) and interrupted runs: tests/attack.sh.

# An input that disappears in the middle of a batch.
mkdir -p vanish
i=0; while [ $i -lt 200 ]; do cp headings.txt "vanish/a$i.txt"; i=$((i + 1)); done
( sleep 0.5; rm -f vanish/a1[5-9]*.txt ) &
run 120 500 1 'No such file' "$BIN" -j 1 -t txt -o vout/ vanish
wait
grep -q 'failed: vanish/a1' err && pass=$((pass + 1)) || { echo "FAIL: vanished inputs not named in the summary"; fail=$((fail + 1)); }
find vout -name '.*' -type f | grep -q . && { echo "FAIL: temporary files left"; fail=$((fail + 1)); }

# Hostile Word files (tests/tool_hostile_docx.c writes them): refused
# with a one-line reason, or read, always in bounded time and memory;
# nothing is ever written outside the output, no external entity read.
mkdir -p dx
"$TOOLS/tool_hostile_docx" dx
run 10 100 1 'outside the package: refused' "$BIN" -t md -o out/ dx/dotdot.docx
[ -e evil.txt ] || [ -e ../evil.txt ] && { echo "FAIL: ../ entry extracted"; fail=$((fail + 1)); }
run 10 100 1 'more than 256 MB are refused' "$BIN" -t md -o out/ dx/bomb.docx
run 10 100 1 'expands past its declared size' "$BIN" -t md -o out/ dx/liar.docx
run 20 300 1 'announces 1000003 entries' "$BIN" -t md -o out/ dx/entries.docx
run 10 100 1 'declares a DTD.*refused' "$BIN" -t "$formats" -o out/ dx/xxe.docx
grep -q 'root:' out/xxe.* 2>/dev/null && { echo "FAIL: external entity read"; fail=$((fail + 1)); }
run 10 100 1 'not well-formed|DTD' "$BIN" -t md -o out/ dx/laughs.docx
run 10 100 1 'not well-formed' "$BIN" -t md -o out/ dx/nested.docx
run 10 100 1 'without word/document.xml' "$BIN" -t md -o out/ dx/nodoc.docx
run 10 100 1 'zip cannot be read' "$BIN" -t md -o out/ dx/truncated.docx
run 10 100 1 'damaged' "$BIN" -t md -o out/ dx/crc.docx
run 10 100 1 'Word 97-2003 .doc file.*save it as DOCX' "$BIN" -t md -o out/ dx/word97.doc
run 10 100 1 'encrypted' "$BIN" -t md -o out/ dx/encrypted.docx
run 10 100 1 'not a DOCX file' "$BIN" -f docx -t md -o out/ one.txt
run 60 500 0 '' "$BIN" -q --force -t "$formats" -o out/ dx/many.docx
run 60 500 0 '' "$BIN" -q --force -t txt,md,html -o out/ dx/runs.docx
run 10 100 0 '' "$BIN" -q --force -t "$formats" -o out/ dx/valid.docx
xml_ok dx/valid.docx

echo "hostile: $pass passed, $fail failed"
[ $fail = 0 ]
