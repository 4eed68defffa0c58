#!/bin/sh
# cli.sh: the command line end to end - options, output naming, refusing
# to overwrite, and bad input (empty, binary, invalid UTF-8, directories,
# unreadable files, huge articles).  Each case checks the exit status and
# the one-line message.
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TOOLS=$(cd "${TOOLS:-build/tests}" && pwd)
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-cli.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect STATUS "message regex" -- command...
expect() {
  want=$1 pattern=$2; shift 3
  "$@" >"$tmp/stdout" 2>"$tmp/err"
  got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $* -> exit $got, expected $want"; sed 's/^/  /' "$tmp/err" | head -5
    fail=$((fail + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$tmp/err"; then
    echo "FAIL: $* -> message does not match /$pattern/:"; sed 's/^/  /' "$tmp/err" | head -5
    fail=$((fail + 1)); return
  fi
  pass=$((pass + 1))
}

sample=$top/fixtures/sample.txt
cd "$tmp" || exit 1

# Help, version, formats.
expect 0 "" -- "$BIN" --help
grep -q "^  txt " stdout || { echo "FAIL: --help lacks the format list"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" --version
expect 0 "" -- "$BIN" --list-formats
grep -qx md stdout || { echo "FAIL: --list-formats lacks md"; fail=$((fail + 1)); }
expect 2 "unknown format" -- "$BIN" -t pdf "$sample"

# --convert, --vertical, -t pandoc-json.
expect 2 'unknown conversion "s2x"' -- "$BIN" --convert s2x "$sample"
expect 0 "" -- "$BIN" --convert s2tw -t json "$sample"
grep -q '"title":"浙江嘉興“紅船銀暉”黨建引領' stdout && grep -q '"lang":"zh-TW"' stdout ||
  { echo "FAIL: --convert s2tw: title or language not converted"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" --convert s2t --lang zh-MO -t md "$sample"
grep -q '^lang: "zh-MO"' stdout || { echo "FAIL: --lang does not win over --convert"; fail=$((fail + 1)); }
expect 0 "converted \(t2s, zh-CN\): 0 characters changed" -- "$BIN" -v --convert t2s -t txt "$sample"
expect 0 "" -- "$BIN" --vertical -t txt "$sample"
cmp -s stdout "$top/fixtures/sample.expected.txt" ||
  { echo "FAIL: --vertical changed the text output"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" --force -t epub,pandoc-json -o formats/ "$sample"
[ -s formats/sample.epub ] && [ -s formats/sample.pandoc.json ] ||
  { echo "FAIL: -o DIR/ with pandoc-json: $(ls formats)"; fail=$((fail + 1)); }
expect 2 "try 'artconv --help'" -- "$BIN" --no-such-option
expect 2 "--wrap takes" -- "$BIN" --wrap abc "$sample"
expect 2 "unknown metadata key" -- "$BIN" -M colour=red "$sample"
expect 2 "several formats need a folder" -- "$BIN" -t txt,md -o one.txt "$sample"
# -o - is standard output: one file only, and never a folder named "-".
expect 2 "-o - writes one file to standard output" -- "$BIN" -t txt,md -o - "$sample"
[ ! -e ./- ] || { echo "FAIL: -o - with two formats made a folder named -"; fail=$((fail + 1)); rm -rf ./-; }
expect 2 "several inputs" -- "$BIN" -t txt -o - "$sample" "$sample"
expect 0 "" -- "$BIN" -t txt -o - "$sample"
grep -q "红船银晖" stdout || { echo "FAIL: -o - did not write to standard output"; fail=$((fail + 1)); }

# The outline overruled: --outline none keeps paragraphs only, --levels
# names the heading levels; bad values are usage errors.
expect 2 "--outline takes auto or none" -- "$BIN" --outline flat "$sample"
expect 2 "--levels: \"x\" is not an outline marker" -- "$BIN" --levels '一、,x' "$sample"
expect 2 "--levels: .* listed twice" -- "$BIN" --levels '一、,二、' "$sample"
expect 0 "" -- "$BIN" -t md "$sample"
grep -q '^## 一、' stdout || { echo "FAIL: the sample's 一、 headings"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" --outline none -t md "$sample"
grep -q '^## ' stdout && { echo "FAIL: --outline none made headings"; fail=$((fail + 1)); }
grep -q '^一、添彩' stdout || { echo "FAIL: --outline none lost a line"; fail=$((fail + 1)); }
grep -q '\*\*一是' stdout && { echo "FAIL: --outline none made points"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" --levels '（一）' -t md "$sample"
grep -q '^## ' stdout && { echo "FAIL: --levels （一） kept 一、 headings"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" --levels '1.,一、' -t md "$sample"
grep -q '^### 一、' stdout || { echo "FAIL: --levels 1.,一、 (一、 is level 2)"; fail=$((fail + 1)); }

# Output naming: -t from the -o extension, stdout, folder of formats.
expect 0 "" -- "$BIN" -o a.md "$sample"
head -1 a.md | grep -q '^---$' || { echo "FAIL: -o a.md did not write Markdown"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" -t txt "$sample"
grep -q '浙江嘉兴' stdout || { echo "FAIL: stdout output"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" -t txt,md,json -o out/ "$sample"
for f in out/sample.txt out/sample.md out/sample.json; do
  [ -s "$f" ] || { echo "FAIL: $f not written"; fail=$((fail + 1)); }
done
expect 0 "" -- sh -c "\"$BIN\" -t txt - < \"$sample\""
grep -q '浙江嘉兴' stdout || { echo "FAIL: stdin input"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" -t json -M title=新标题 -M source= "$sample"
grep -q '"title":"新标题"' stdout || { echo "FAIL: -M title"; fail=$((fail + 1)); }
grep -q '"source"' stdout && { echo "FAIL: -M source= should clear it"; fail=$((fail + 1)); }
# The same input gives the same bytes, whatever the time zone (zip entry
# times are written from the article's date, not the local clock), also
# for a date that does not exist in New York (2021-03-14 02:30, the hour
# skipped by daylight saving, is 10:30 in Beijing).
printf '夏令时测试\n\n2021-03-14 10:30　来源：测试\n\n正文。\n' > dst.txt
for tz in UTC America/New_York Asia/Shanghai Australia/Lord_Howe; do
  d=tz-$(echo "$tz" | tr / _)
  expect 0 "" -- env TZ=$tz "$BIN" -t epub,docx -o "$d/" "$sample" dst.txt
done
for f in sample.epub sample.docx dst.epub dst.docx; do
  for d in tz-America_New_York tz-Asia_Shanghai tz-Australia_Lord_Howe; do
    cmp -s "tz-UTC/$f" "$d/$f" || { echo "FAIL: $d/$f differs from tz-UTC/$f"; fail=$((fail + 1)); }
  done
done
# Metadata from the command line that is not UTF-8 is repaired, not trusted.
expect 0 "" -- "$BIN" -t epub -o badmeta.epub -M "title=$(printf 'a\377b')" "$sample"
"$TOOLS/tool_zipdump" -p OEBPS/content.opf badmeta.epub 2>/dev/null | grep -q "a$(printf '\357\277\275')b" ||
  { echo "FAIL: -M with invalid UTF-8 not repaired"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" -t txt --keep-punctuation "$sample"
grep -q '添彩,齐绘' stdout || { echo "FAIL: --keep-punctuation"; fail=$((fail + 1)); }
expect 0 "punctuation repaired: 80" -- "$BIN" -v -t txt "$sample"

# --images embeds a local picture (EPUB, DOCX); without it, only the caption.
if "$BIN" --list-formats | grep -qx epub; then
  expect 0 "" -- "$BIN" --images -o img.epub "$top/fixtures/images/page.html"
  "$TOOLS/tool_zipdump" img.epub | grep -q 'OEBPS/images/.*\.png ' || { echo "FAIL: --images did not embed into EPUB"; fail=$((fail + 1)); }
  expect 0 "" -- "$BIN" -o noimg.epub "$top/fixtures/images/page.html"
  "$TOOLS/tool_zipdump" noimg.epub | grep -q 'OEBPS/images/' && { echo "FAIL: image embedded without --images"; fail=$((fail + 1)); }
fi
if "$BIN" --list-formats | grep -qx docx; then
  expect 0 "" -- "$BIN" --images -o img.docx "$top/fixtures/images/page.html"
  "$TOOLS/tool_zipdump" img.docx | grep -q 'word/media/' || { echo "FAIL: --images did not embed into DOCX"; fail=$((fail + 1)); }
fi

# Never overwrite without --force; nothing written then.
echo keep > exists.md
expect 3 "exists; use --force" -- "$BIN" -o exists.md "$sample"
[ "$(cat exists.md)" = keep ] || { echo "FAIL: exists.md was changed"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" --force -o exists.md "$sample"
grep -q '浙江嘉兴' exists.md || { echo "FAIL: --force did not replace"; fail=$((fail + 1)); }
ls -a | grep -q '^\.exists' && { echo "FAIL: temporary file left behind"; fail=$((fail + 1)); }

# Bad input.
: > empty.txt
expect 1 "empty.txt: empty file" -- "$BIN" -t txt empty.txt
printf '\177ELF\002\001\001\000\000\000\000\000' > binary.txt
expect 1 "binary.txt: binary data" -- "$BIN" -t txt binary.txt
printf '标题\n\n正文\377\376第一段。\n' > invalid.txt
expect 0 "warning: 2 invalid UTF-8 byte sequences replaced" -- "$BIN" -t txt invalid.txt
expect 2 "need an output folder" -- "$BIN" -t txt "$tmp"
expect 1 "No such file" -- "$BIN" -t txt missing.txt
if [ "$(id -u)" != 0 ]; then
  cp "$sample" unreadable.txt; chmod 000 unreadable.txt
  expect 1 "Permission denied" -- "$BIN" -t txt unreadable.txt
fi
# Outputs that cannot be written (full disk, read-only folder, a full
# file system): tests/attack.sh.

# A 50 MB article converts, whole.
awk 'BEGIN { printf "大文章\n\n"; for (i = 0; i < 180000; i++) printf "第%d段，这是一段很长的测试文字，用来检查大文件的处理是否完整而且不会截断。\n", i }' > big.txt
expect 0 "" -- "$BIN" -t txt -o big.out.txt big.txt
tail -1 big.out.txt | grep -q '第179999段' || { echo "FAIL: 50 MB article truncated"; fail=$((fail + 1)); }

# Input that is one 20 MB line without a newline.
awk 'BEGIN { for (i = 0; i < 700000; i++) printf "长行没有换行符。" }' > longline.txt
expect 0 "" -- "$BIN" -t md -o longline.md longline.txt

# Web pages: -o page.html picks the HTML writer; no scripts, no requests.
expect 0 "" -- "$BIN" -o page.html "$sample"
grep -q '^<!DOCTYPE html>' page.html && grep -q '<html lang="zh-CN">' page.html &&
  grep -q '<nav class="toc"' page.html && grep -q 'href="#a1"' page.html ||
  { echo "FAIL: page.html lacks doctype, lang or contents"; fail=$((fail + 1)); }
grep -Eiq '<script|<link |src="https?:|@import|url\(' page.html &&
  { echo "FAIL: page.html has a script or an external request"; fail=$((fail + 1)); }
expect 0 "" -- "$BIN" -t html-fragment -o frag.html "$sample"
grep -q '<h2 class="l1" id="a1">' frag.html && ! grep -q '<html' frag.html ||
  { echo "FAIL: the fragment is not the body alone"; fail=$((fail + 1)); }
# --template: variables, $if$ … $else$ … $endif$, $$; errors are one line.
printf '<t>$title$|$if(author)$A$else$noauthor$endif$|$if(source)$$source$$endif$|$$|$lang$</t>\n$body$' > t.tpl
expect 0 "" -- "$BIN" -t html --template t.tpl -o t.html "$sample"
head -1 t.html | grep -qx '<t>浙江嘉兴“红船银晖”党建引领银晖聚力添彩，齐绘“共富”篇章|noauthor|嘉兴老干部|\$|zh-CN</t>' ||
  { echo "FAIL: template variables: $(head -1 t.html)"; fail=$((fail + 1)); }
printf '$titel$' > bad.tpl
expect 1 "unknown variable \\\$titel\\\$" -- "$BIN" -t html --template bad.tpl -o bad.html "$sample"
printf '$if(title)$x' > open.tpl
expect 1 "without \\\$endif" -- "$BIN" -t html --template open.tpl -o open.html "$sample"
expect 2 "No such file" -- "$BIN" -t html --template no-such.tpl "$sample"

# Word files: read by content whatever the name; hostile ones in hostile.sh.
cp "$top/fixtures/word-plain.docx" word.bin
expect 0 "" -- "$BIN" -t md -o word.md word.bin
grep -q '^## 一、充分肯定过去一年的成绩' word.md || { echo "FAIL: a DOCX named .bin not read as DOCX"; fail=$((fail + 1)); }
expect 0 "comment" -- "$BIN" -v -t txt -o word.txt "$top/fixtures/word-official.docx"
expect 0 "" -- "$BIN" --images -t epub -o word.epub "$top/fixtures/word-official.docx"
"$TOOLS/tool_zipdump" word.epub | grep -q 'OEBPS/images/img001.png' ||
  { echo "FAIL: --images lost the picture inside the DOCX"; fail=$((fail + 1)); }

# -v messages quote the article's text cut short: cut between characters,
# never inside one (a long bold heading, a long CJK front-matter key); a
# cut character would show as "\xe6\x95".
printf '<html><head><title>工作总结</title></head><body><h1>工作总结</h1><div class="content"><p>今年以来，我们扎实推进各项工作，取得了明显成效，群众满意度持续提升。</p><p><b>2024年全面推进乡村振兴战略实施取得显著成效并持续巩固脱贫攻坚成果</b></p><p>全年完成投资12亿元，新建道路30公里，改造危房120户。</p><p><b>2025年持续深化农村改革工作并全面推进和美乡村建设行动取得新成效</b></p><p>基础仍不牢固，还需要继续努力，久久为功。</p></div></body></html>\n' > longhead.html
expect 0 "level-1 heading \(bold stand-alone line\): 2024年" -- "$BIN" -v -t txt -o /dev/null longhead.html
grep -q '\\x[0-9a-f][0-9a-f]' err &&
  { echo "FAIL: -v cut a heading inside a character"; fail=$((fail + 1)); }
printf -- '---\n这是一个非常非常非常长的中文键名字段: 值\n---\n# 标题\n\n正文。\n' > longkey.md
expect 0 "front matter: not used: 这是一个非常非常非常 " -- "$BIN" -v -t txt -o /dev/null longkey.md
grep -q '\\x[0-9a-f][0-9a-f]' err &&
  { echo "FAIL: -v cut a front-matter key inside a character"; fail=$((fail + 1)); }

echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
