#!/bin/sh
# attack.sh: what a hostile page, a careless command line or a bad moment
# cannot do to the user's files.  Each case first states the promise it
# checks (promise "..."), then checks it; a case whose tool or permission
# is missing says that it skipped and why.
#
# Related cases live beside the features they test and are not repeated
# here: hostile.sh (hostile article content: binary data, broken
# encodings, XML-forbidden characters, entity bombs and external entities
# in pages, 100 000 nested tags, a 100 MB line, names with spaces and
# quotes: bounded time and memory), batch.sh (outputs never leave the -o
# folder through ".." or a symbolic link; symbolic-link loops), cli.sh
# (nothing is overwritten without --force).
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TOOLS=$(cd "${TOOLS:-build/tests}" && pwd)
top=$(pwd)
slower=${ATTACK_SLOWER:-1}	# sanitizer builds: longer time limits
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-attack.XXXXXX")
mounts=""
cleanup() {
  for m in $mounts; do umount "$m" 2>/dev/null; done
  chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$tmp" || exit 1
pass=0 fail=0 skip=0 cur=""
promise() { cur=$1; }
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $cur: $*"; fail=$((fail + 1)); }
skipped() { echo "attack: SKIPPED: $cur: $*"; skip=$((skip + 1)); }
# A missing tool is a skip on a user's machine, a failure in CI.
no_tool() { if [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ]; then bad "$* (ARTCONV_REQUIRE_ALL=1)"; else skipped "$*"; fi; }
sample=$top/fixtures/sample.txt
png=$top/fixtures/images/red\ square.png
limit() { secs_=$1; shift; timeout $((secs_ * slower)) "$@"; }
# st: the exit status of the command, its stderr in err.
st() { "$@" >out.log 2>err; echo $?; }
lines() { wc -l < "$1" | tr -d ' '; }
no_temp() { ! find "$@" -name '.*.??????' 2>/dev/null | grep -q .; }

have_xmllint=1
command -v xmllint >/dev/null || have_xmllint=0
# xml_ok PACKAGE: every XML part of a zip package is well-formed.
xml_ok() {
  rm -rf x.d; mkdir x.d
  "$TOOLS/tool_zipdump" -x x.d "$1" >/dev/null 2>&1 || { bad "$1 is not a readable zip"; return; }
  if [ $have_xmllint = 0 ]; then no_tool "xmllint not installed (Debian: libxml2-utils)"; return; fi
  n=0 broken=""
  for f in $(find x.d -type f \( -name '*.xml' -o -name '*.rels' -o -name '*.xhtml' \
      -o -name '*.opf' -o -name '*.ncx' -o -name '*.svg' \)); do
    n=$((n + 1))
    xmllint --noout --nonet "$f" 2>/dev/null || broken="$broken ${f#x.d/}"
  done
  [ -z "$broken" ] && [ $n -gt 3 ] && ok || bad "$1: not well-formed:$broken ($n parts)"
}
# in_zip PACKAGE STRING: does any part contain STRING?
in_zip() {
  rm -rf z.d; mkdir z.d
  "$TOOLS/tool_zipdump" -x z.d "$1" >/dev/null 2>&1
  grep -rqF -- "$2" z.d
}

# ------------------------------------------------------------ resources
mkdir -p art/page_files art/sub outside extra
cp "$png" art/page_files/ok.png
{ cat "$png"; printf 'INSIDE-MARKER'; } > art/page_files/inside.png
{ cat "$png"; printf 'SECRET-MARKER'; } > outside/secret.png
{ cat "$png"; printf 'EXTRA-MARKER'; } > extra/x.png
ln -s inside.png art/page_files/link-in.png
ln -s ../../outside/secret.png art/page_files/link-out.png
ln -s "$tmp/outside/secret.png" art/page_files/abs-link.png
ln -s ../outside art/page_files/dir-out
mkfifo art/page_files/fifo.png
cat > art/page.html <<EOF
<html><head><meta charset="utf-8"><title>图片</title></head><body><h1>图片测试</h1><p>正文第一段。</p>
<figure><img src="page_files/inside.png" alt="a"><figcaption>图为甲。</figcaption></figure>
<figure><img src="page_files/link-in.png" alt="b"><figcaption>图为乙。</figcaption></figure>
<figure><img src="page_files/link-out.png" alt="c"><figcaption>图为丙。</figcaption></figure>
<figure><img src="page_files/abs-link.png" alt="d"><figcaption>图为丁。</figcaption></figure>
<figure><img src="../outside/secret.png" alt="e"><figcaption>图为戊。</figcaption></figure>
<figure><img src="$tmp/outside/secret.png" alt="f"><figcaption>图为己。</figcaption></figure>
<figure><img src="file://$tmp/outside/secret.png" alt="g"><figcaption>图为庚。</figcaption></figure>
<figure><img src="http://127.0.0.1:9/x.png" alt="h"><figcaption>图为辛。</figcaption></figure>
<figure><img src="page_files/%2e%2e/%2e%2e/outside/secret.png" alt="i"><figcaption>图为壬。</figcaption></figure>
<figure><img src="page_files/dir-out/secret.png" alt="j"><figcaption>图为癸。</figcaption></figure>
<figure><img src="page_files/fifo.png" alt="k"><figcaption>图为子。</figcaption></figure>
<figure><img src="x.png" alt="l"><figcaption>图为丑。</figcaption></figure>
<p>正文完。</p></body></html>
EOF

promise "--images embeds pictures inside the article's folder, also through a link that stays inside"
s=$(st limit 20 "$BIN" --images -t epub,docx -o img/ art/page.html)
[ "$s" = 0 ] || bad "exit $s: $(head -3 err)"
for f in img/page.epub img/page.docx; do
  in_zip "$f" INSIDE-MARKER && ok || bad "$f lacks the picture inside the folder"
done
[ "$("$TOOLS/tool_zipdump" img/page.epub | grep -c '^OEBPS/images/')" = 2 ] && ok ||
  bad "expected 2 pictures in the EPUB: $("$TOOLS/tool_zipdump" img/page.epub | grep images)"

promise "--images reads nothing outside the article's folder (absolute path, .., %2e%2e, links out, file: URL) and names each refused picture in a warning"
for f in img/page.epub img/page.docx; do
  in_zip "$f" SECRET-MARKER && bad "$f holds a file from outside the article's folder" || ok
done
for src in page_files/link-out.png page_files/abs-link.png ../outside/secret.png "$tmp/outside/secret.png" \
    "file://$tmp/outside/secret.png" http://127.0.0.1:9/x.png page_files/%2e%2e/%2e%2e/outside/secret.png \
    page_files/dir-out/secret.png page_files/fifo.png x.png; do
  grep -qF "epub: image $src: " err && grep -qF "docx: image $src: " err && ok || bad "no warning names $src"
done
[ "$(grep -c 'warning: epub: image' err)" = 10 ] && ok || bad "$(grep -c 'warning: epub: image' err) EPUB warnings, expected 10"

promise "a refused picture keeps its caption in every format"
"$BIN" -q --images -t txt,md -o img/ art/page.html
for c in 甲 乙 丙 丁 戊 己 庚 辛 壬 癸 子 丑; do
  for f in img/page.txt img/page.md; do grep -q "图为$c" "$f" || bad "caption 图为$c lost in $f"; done
  in_zip img/page.epub "图为$c" || bad "caption 图为$c lost in the EPUB"
  in_zip img/page.docx "图为$c" || bad "caption 图为$c lost in the DOCX"
done
ok

promise "a network address is never fetched, a FIFO never waited on: the run ends at once"
s=$(st limit 10 "$BIN" --images -t epub -o net.epub art/page.html)
[ "$s" = 0 ] && grep -q 'http://127.0.0.1:9/x.png: a network address (never fetched)' err &&
  grep -q 'fifo.png: not a regular file' err && ok || bad "exit $s: $(grep -E 'http|fifo' err)"

promise "--resource-path DIR allows pictures from DIR, and only what is asked"
s=$(st limit 20 "$BIN" --images --resource-path "$tmp/outside:$tmp/extra" -t epub -o rp.epub art/page.html)
[ "$s" = 0 ] && in_zip rp.epub SECRET-MARKER && in_zip rp.epub EXTRA-MARKER && ok ||
  bad "exit $s; pictures from --resource-path missing"
grep -qF 'page_files/link-out.png: a symbolic link leading out' err && ok ||
  bad "a link out of the article's folder was followed into a --resource-path folder"
s=$(st "$BIN" --images --resource-path "$tmp/nothere" -t epub -o rp2.epub art/page.html)
[ "$s" = 2 ] && grep -q 'resource-path: .*nothere' err && ok || bad "missing --resource-path folder: exit $s"

promise "an article on standard input has no folder: no picture is read without --resource-path"
s=$(st sh -c "\"$BIN\" --images -f html -t epub -o stdin.epub - < art/page.html")
[ "$s" = 0 ] && grep -q 'standard input, which has no folder' err && ! in_zip stdin.epub INSIDE-MARKER && ok ||
  bad "exit $s: $(head -2 err)"

promise "--cover and --reference-doc take only regular files of the right type and a sane size"
mkfifo fifo.bin
printf 'not an image' > text.txt
{ cat "$png"; head -c 40000000 /dev/zero; } > huge.png
for c in "--cover /dev/zero:not a regular file" "--cover fifo.bin:not a regular file" \
    "--cover text.txt:JPEG or PNG" "--cover huge.png:too large" "--cover art:folder" \
    "--reference-doc /dev/zero:not a regular file" "--reference-doc fifo.bin:not a regular file" \
    "--reference-doc text.txt:Word file" "--reference-doc nothere.docx:No such file"; do
  opt=${c%%:*} want=${c#*:}
  # shellcheck disable=SC2086
  s=$(st limit 10 "$BIN" $opt -t epub,docx -o cov/ "$sample")
  [ "$s" = 2 ] && grep -q "$want" err && [ "$(lines err)" -le 2 ] && ok || bad "$opt: exit $s: $(head -2 err)"
done
[ -e cov ] && bad "outputs written after a refused option" || ok

# ------------------------------------------------------------ outputs never replace inputs
cp "$sample" in.txt; cp in.txt keep.txt

promise "--force never replaces an input with its own output"
s=$(st "$BIN" --force -t txt -o in.txt in.txt)
[ "$s" = 3 ] && grep -q 'in.txt: is an input of this run; not replaced, even with --force' err &&
  [ "$(lines err)" = 1 ] && cmp -s in.txt keep.txt && ok || bad "exit $s: $(cat err)"

promise "... nor through a hard link or a symbolic link to it"
ln in.txt hard.txt; ln -s in.txt sym.txt
for o in hard.txt sym.txt ./in.txt "$tmp/in.txt"; do
  s=$(st "$BIN" --force -t txt -o "$o" in.txt)
  [ "$s" = 3 ] && grep -q 'is an input' err && cmp -s in.txt keep.txt && ok || bad "-o $o: exit $s: $(cat err)"
done

promise "... nor with --combine"
printf '第二篇\n\n正文。\n' > two.txt; cp two.txt two.keep
s=$(st "$BIN" --force --combine -t txt -o two.txt in.txt two.txt)
[ "$s" = 3 ] && grep -q 'is an input' err && cmp -s two.txt two.keep && ok || bad "exit $s: $(cat err)"
cp in.txt in.md; cp in.md in.md.keep
s=$(st "$BIN" --force --combine -t md -o in.md in.md two.txt)
[ "$s" = 3 ] && cmp -s in.md in.md.keep && ok || bad "--combine -o in.md in.md: exit $s"

promise "... nor through standard input or output redirected to it"
s=$(st sh -c "\"$BIN\" --force -t txt -o in.txt - < in.txt")
[ "$s" = 3 ] && cmp -s in.txt keep.txt && ok || bad "-o in.txt - < in.txt: exit $s: $(cat err)"
s=$(st sh -c "\"$BIN\" -t txt in.txt >> in.txt")
[ "$s" = 3 ] && grep -q 'standard output: is an input' err && cmp -s in.txt keep.txt && ok ||
  bad "in.txt >> in.txt: exit $s: $(cat err)"

promise "... nor the reference document or cover it reads"
"$BIN" -q -t docx -o ref.docx "$sample"; cp ref.docx ref.keep
s=$(st "$BIN" --force --reference-doc ref.docx -t docx -o ref.docx "$sample")
[ "$s" = 3 ] && cmp -s ref.docx ref.keep && ok || bad "-o ref.docx --reference-doc ref.docx: exit $s: $(cat err)"

promise "-o DIR/ DIR/ (output folder = input folder) is a one-line error, status 2, nothing written"
mkdir -p arts; cp "$sample" arts/a.txt; cp art/page.html arts/b.html
ls -la arts > before
for o in arts/ arts ./arts/ "$tmp/arts/" arts/../arts/; do
  s=$(st "$BIN" -t md,txt -o "$o" arts/)
  [ "$s" = 2 ] && [ "$(lines err)" = 1 ] && grep -q 'the output folder is this input folder' err && ok ||
    bad "-o $o arts/: exit $s: $(cat err)"
done
ls -la arts > after
cmp -s before after && ok || bad "files written into arts/"

promise "named files convert beside themselves; only the output that is the input is refused"
s=$(st "$BIN" -t md,txt -o arts/ arts/a.txt arts/b.html)
[ "$s" = 3 ] && [ -s arts/a.md ] && [ -s arts/b.md ] && [ -s arts/b.txt ] && cmp -s arts/a.txt "$sample" &&
  [ "$(grep -c '^artconv: .*: is an input' err)" = 1 ] && ok || bad "exit $s: $(cat err)"

# ------------------------------------------------------------ metadata injection
payload=$(printf '</dc:title><dc:creator>EVIL</dc:creator>]]><![CDATA[x<w:t>\001\002\033[2J\013\014\177\302\205 \357\277\276\357\277\277 \342\200\256RTL\342\200\254 &amp; "q" '"'"'a'"'"' \\n')
payload_nl=$(printf '%s\n---\nevil: 1\n# heading' "$payload")
long=$(awk 'BEGIN { s = "长标题"; while (length(r) < 102400) r = r s; print r }')
xml_payload_ok() {
  xml_ok "$1"
  rm -rf y.d; mkdir y.d; "$TOOLS/tool_zipdump" -x y.d "$1" >/dev/null 2>&1
  if [ $have_xmllint = 1 ]; then
    for f in $(find y.d -name '*.opf' -o -name 'core.xml' -o -name '*.xhtml' -o -name 'document.xml'); do
      n=$(xmllint --xpath 'count(//*[local-name()="creator" and .="EVIL"] | //*[local-name()="t" and ancestor::*[local-name()="title"]])' "$f" 2>/dev/null)
      [ "${n:-0}" = 0 ] || bad "$1: ${f#y.d/}: the payload became markup"
    done
  fi
}
md_front_ok() {
  # The YAML block is the first lines between two "---"; "evil: 1" must not be a key of it.
  awk 'NR == 1 && $0 != "---" { exit 1 } NR > 1 && $0 == "---" { exit } NR > 1 && /^evil:/ { exit 1 }' "$1" &&
    ok || bad "$1: the title broke out of the front matter"
}
json_ok() {
  if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null && ok || bad "$1: invalid JSON"
  elif command -v jq >/dev/null; then
    jq . "$1" >/dev/null 2>&1 && ok || bad "$1: invalid JSON"
  else no_tool "no JSON checker installed (python3 or jq)"; fi
}

promise "-M title/author with markup, ]]>, C0 controls, U+FFFE, U+202E: every XML part of EPUB and DOCX well-formed, the payload stays text"
s=$(st limit 30 "$BIN" --force -t epub,docx,md,json,txt -M "title=$payload_nl" -M "author=$payload" -M "source=$payload" -o meta/ "$sample")
[ "$s" = 0 ] && ok || bad "exit $s: $(head -2 err)"
xml_payload_ok meta/sample.epub; xml_payload_ok meta/sample.docx
md_front_ok meta/sample.md; json_ok meta/sample.json

promise "the same payload in an HTML <title> and <h1>"
esc=$(printf '%s' "$payload" | sed 's/&/\&amp;/g; s/</\&lt;/g')
printf '<html><head><meta charset="utf-8"><title>%s</title><meta name="author" content="%s"></head><body><h1>%s</h1><p>正文第一段。</p></body></html>' \
  "$esc" "$(printf '%s' "$esc" | sed 's/"/\&quot;/g')" "$esc" > inj.html
s=$(st limit 30 "$BIN" --force -t epub,docx,md,json -o inj/ inj.html)
[ "$s" = 0 ] && ok || bad "exit $s: $(head -2 err)"
xml_payload_ok inj/inj.epub; xml_payload_ok inj/inj.docx; json_ok inj/inj.json

promise "the same payload in Markdown front matter"
yaml=$(printf '%s' "$payload" | sed "s/'/''/g")
printf -- "---\ntitle: '%s'\nauthor: '%s'\n---\n\n# 标题\n\n正文第一段。\n" "$yaml" "$yaml" > inj.md
s=$(st limit 30 "$BIN" --force -t epub,docx,md,json -o injmd/ inj.md)
[ "$s" = 0 ] && ok || bad "exit $s: $(head -2 err)"
xml_payload_ok injmd/inj.epub; xml_payload_ok injmd/inj.docx; md_front_ok injmd/inj.md; json_ok injmd/inj.json

promise "a 100 KB title: bounded time, every XML part (the SVG cover too) well-formed"
s=$(st limit 60 "$BIN" --force -t epub,docx,md -M "title=$long" -o long/ "$sample")
[ "$s" = 0 ] && ok || bad "exit $s: $(head -2 err)"
xml_ok long/sample.epub; xml_ok long/sample.docx
s=$(st limit 60 "$BIN" --force --svg-cover -t epub -M "title=$long" -o long-svg/ "$sample")
[ "$s" = 0 ] && ok || bad "--svg-cover: exit $s: $(head -2 err)"
xml_ok long-svg/sample.epub
"$TOOLS/tool_zipdump" long-svg/sample.epub | grep -q '\.svg ' && ok || bad "no SVG cover in the EPUB"
if "$TOOLS/tool_zipdump" long/sample.epub | grep -q 'cover.*\.png '; then
  n=$("$TOOLS/tool_zipdump" long/sample.epub | sed -n 's/^\([^ ]*cover[^ ]*\.png\) .*/\1/p' | head -1)
  "$TOOLS/tool_zipdump" -p "$n" long/sample.epub | head -c 8 | od -An -c | grep -q 'P   N   G' && ok ||
    bad "the PNG cover is not a PNG"
else
  skipped "no PNG cover in this build (the generated cover is SVG)"
fi

# ------------------------------------------------------------ file names
promise "a file name with a newline converts, and messages about it stay on one line"
nl=$(printf 'new\nline')
cp "$sample" "$nl.txt"; : > "$(printf 'bad\nname').txt"
s=$(st "$BIN" -t md -o names/ "$nl.txt")
[ "$s" = 0 ] && [ -s "names/$nl.md" ] && ok || bad "exit $s: $(cat err)"
s=$(st "$BIN" -t md -o names/ "$(printf 'bad\nname').txt")
[ "$s" = 1 ] && [ "$(lines err)" = 1 ] && grep -qF 'bad\nname.txt: empty file' err && ok || bad "exit $s: $(cat err)"

promise "terminal escapes and RTL overrides in a name are shown escaped"
evil=$(printf 'esc\033[2J\342\200\256txt.gpj')
: > "$evil.txt"
s=$(st "$BIN" -t md -o names/ "$evil.txt")
[ "$s" = 1 ] && ! grep -q "$(printf '\033')" err && ! grep -q "$(printf '\342\200\256')" err &&
  grep -qF 'esc\x1b[2J\u202etxt.gpj.txt' err && ok || bad "exit $s: $(od -c err | head -3)"

promise "a name with a leading '-' is a file after -- (or ./), never an option"
cp "$sample" ./-t.txt; cp "$sample" ./--force.txt
s=$(st "$BIN" -t md -o dash/ -- -t.txt --force.txt)
[ "$s" = 0 ] && [ -s dash/-t.md ] && [ -s dash/--force.md ] && ok || bad "exit $s: $(cat err)"
s=$(st "$BIN" -t md -o dash2/ ./-t.txt)
[ "$s" = 0 ] && [ -s dash2/-t.md ] && ok || bad "./-t.txt: exit $s: $(cat err)"

# ------------------------------------------------------------ outputs that cannot be written
# A file in outdir: either absent or exactly the reference conversion.
complete_or_absent() {
  dir=$1 ref=$2 broken=""
  for f in $(cd "$ref" && find . -type f); do
    [ -e "$dir/$f" ] || continue
    cmp -s "$dir/$f" "$ref/$f" || broken="$broken $f"
  done
  [ -z "$broken" ] && ok || bad "partial outputs:$broken"
  no_temp "$dir" && ok || bad "temporary files left: $(find "$dir" -name '.*')"
}
mkdir -p batch
i=0; while [ $i -lt 40 ]; do cp "$sample" "batch/a$i.txt"; i=$((i + 1)); done
"$BIN" -q -j 2 -t txt,md,json,epub,docx -o ref/ batch
"$BIN" -q -t epub,docx -o ref1/ "$sample"

promise "a full disk: status 3, the reason, no partial file (/dev/full)"
s=$(st "$BIN" -t epub -o /dev/full "$sample")
[ "$s" = 3 ] && grep -q 'No space left on device' err && [ "$(lines err)" = 1 ] && ok || bad "exit $s: $(cat err)"

promise "a full file system (1 MB tmpfs): status 3, every output complete or absent, no temporary file"
mkdir full
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m tmpfs full 2>/dev/null; then
  mounts="$mounts $tmp/full"
  s=$(st "$BIN" -j 2 -t txt,md,json,epub,docx -o full/ batch)
  [ "$s" = 3 ] && grep -q 'No space left on device' err && ok || bad "exit $s: $(tail -2 err)"
  complete_or_absent full ref
  # Exactly full: no room for even one more output.
  s=$(st "$BIN" -t epub,docx -o full/one/ "$sample")
  [ "$s" = 3 ] && ok || bad "second run: exit $s"
  complete_or_absent full/one ref1
else
  skipped "cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)"
fi

promise "a read-only folder: status 3, one line, no file, no temporary file"
mkdir rofs
if [ "$(id -u)" = 0 ]; then
  if mount -t tmpfs -o ro,size=1m tmpfs rofs 2>/dev/null; then
    mounts="$mounts $tmp/rofs"
    s=$(st "$BIN" -t txt -o rofs/x.txt "$sample")
    [ "$s" = 3 ] && grep -q 'Read-only file system' err && [ "$(lines err)" = 1 ] &&
      [ -z "$(ls -A rofs)" ] && ok || bad "exit $s: $(cat err)"
  else
    skipped "root ignores folder permissions and a read-only tmpfs cannot be mounted here"
  fi
else
  chmod 555 rofs
  s=$(st "$BIN" -t txt -o rofs/x.txt "$sample")
  [ "$s" = 3 ] && grep -q 'Permission denied' err && [ "$(lines err)" = 1 ] &&
    [ -z "$(ls -A rofs)" ] && ok || bad "exit $s: $(cat err)"
fi

# ------------------------------------------------------------ signals, concurrency
for sig in INT TERM HUP; do
  promise "SIG$sig during a batch: no temporary file left, no truncated output"
  "$BIN" -q -j 2 -t txt,md,json,epub,docx -o "sig$sig/" batch & pid=$!
  sleep 0.3; kill -s $sig $pid 2>/dev/null; wait $pid 2>/dev/null; s=$?
  [ $s -ge 128 ] || [ $s = 0 ] && ok || bad "exit $s"
  complete_or_absent "sig$sig" ref
done

promise "two runs into one folder at once: each output written once and whole, the other run told it exists"
"$BIN" -q -j 2 -t txt,md,json,epub,docx -o both/ batch 2>err1 & p1=$!
"$BIN" -q -j 2 -t txt,md,json,epub,docx -o both/ batch 2>err2 & p2=$!
wait $p1; s1=$?; wait $p2; s2=$?
diff -r ref both >/dev/null && ok || bad "outputs differ from a single run"
complete_or_absent both ref
others=$(cat err1 err2 | grep -v 'exists; use --force' | grep -v '^  failed: ' | grep -v 'converted, ' || true)
[ -z "$others" ] && [ $((s1 + s2)) -le 6 ] && ok || bad "exits $s1 $s2: $others"
"$BIN" -q -j 2 --force -t txt,md,json,epub,docx -o both/ batch & p1=$!
"$BIN" -q -j 2 --force -t txt,md,json,epub,docx -o both/ batch & p2=$!
wait $p1; s1=$?; wait $p2; s2=$?
[ $s1 = 0 ] && [ $s2 = 0 ] && diff -r ref both >/dev/null && ok || bad "with --force: exits $s1 $s2, or outputs differ"
no_temp both && ok || bad "temporary files left"

# ------------------------------------------------------------ hostile reference documents
# A reference DOCX rebuilt from artconv's own with hostile parts.
"$BIN" -q -t docx -o base.docx "$sample"
mkdir base.d; "$TOOLS/tool_zipdump" -x base.d base.docx
parts=$("$TOOLS/tool_zipdump" base.docx | cut -d' ' -f1)
# mkref OUT [NAME=FILE ...]: base's parts, some replaced or added.
mkref() {
  out=$1; shift
  args=""
  for p in $parts; do
    case " $* " in *" $p="*) continue ;; esac
    args="$args $p=base.d/$p"
  done
  set -f	# "[Content_Types].xml" is a glob pattern
  # shellcheck disable=SC2086
  "$TOOLS/tool_mkzip" "$out" $args "$@" || bad "tool_mkzip $out failed"
  set +f
}
printf 'XXE-MARKER\n' > secret.txt
# Package parts must not hold a DTD (ECMA-376 Part 2, M1.18): a part with
# one is refused, whether its entities are general or parameter ones.
for v in general param; do
  if [ $v = general ]; then
    ent="<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM \"file://$tmp/secret.txt\">]>"
  else
    ent="<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM \"file://$tmp/secret.txt\"><!ENTITY % pe SYSTEM \"file://$tmp/secret.txt\"> %pe;]>"
  fi
  # In element content: in an attribute an external entity is not even well-formed.
  sed "s|<w:styles |$ent<w:styles |; s|<w:name w:val=\"Normal\"/>|<w:name w:val=\"Normal\"/>\&xxe;|" \
    base.d/word/styles.xml > xxe-styles.xml
  sed "s|<w:document |$(printf '%s' "$ent" | sed 's/w:styles/w:document/')<w:document |; s|<w:body>|<w:body><w:p><w:r><w:t>\&xxe;</w:t></w:r></w:p>|" \
    base.d/word/document.xml > xxe-document.xml
  mkref xxe-$v.docx word/styles.xml=xxe-styles.xml word/document.xml=xxe-document.xml
  mkref xxe-doc-$v.docx word/document.xml=xxe-document.xml

  promise "a reference DOCX with external entities ($v) is refused, the file they name never read"
  rm -f xxe-out.docx
  s=$(st limit 20 "$BIN" --force --reference-doc xxe-$v.docx -t docx -o xxe-out.docx "$sample")
  [ "$s" = 1 ] && grep -q 'holds a DTD' err && [ ! -e xxe-out.docx ] && ok || bad "exit $s: $(head -2 err)"
  grep -q XXE-MARKER err && bad "the external entity was read into a message"
  promise "... also when only the main document (page set-up) holds them"
  s=$(st limit 20 "$BIN" --force --reference-doc xxe-doc-$v.docx -t docx -o xxe-out.docx "$sample")
  [ "$s" -le 1 ] && ! grep -q XXE-MARKER err && ok || bad "exit $s: $(head -2 err)"
  [ -e xxe-out.docx ] && { in_zip xxe-out.docx XXE-MARKER && bad "the external entity was read" || ok; xml_ok xxe-out.docx; }
done

promise "entity expansion (a billion laughs) in a reference DOCX: bounded time and memory"
lol='<!DOCTYPE w:styles [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "\&a;\&a;\&a;\&a;\&a;\&a;\&a;\&a;\&a;\&a;"><!ENTITY c "\&b;\&b;\&b;\&b;\&b;\&b;\&b;\&b;\&b;\&b;"><!ENTITY d "\&c;\&c;\&c;\&c;\&c;\&c;\&c;\&c;\&c;\&c;"><!ENTITY e "\&d;\&d;\&d;\&d;\&d;\&d;\&d;\&d;\&d;\&d;"><!ENTITY f "\&e;\&e;\&e;\&e;\&e;\&e;\&e;\&e;\&e;\&e;"><!ENTITY g "\&f;\&f;\&f;\&f;\&f;\&f;\&f;\&f;\&f;\&f;"><!ENTITY h "\&g;\&g;\&g;\&g;\&g;\&g;\&g;\&g;\&g;\&g;">]>'
sed "s|<w:styles |$lol<w:styles |; s|<w:name w:val=\"Normal\"/>|<w:name w:val=\"Normal\"/><w:aliases w:val=\"\&h;\"/>|" \
  base.d/word/styles.xml > lol-styles.xml
mkref lol.docx word/styles.xml=lol-styles.xml
TIME=/usr/bin/time; [ -x $TIME ] || TIME=""
mem_ok() { # mem_ok MB command...: finishes within the limit
  mb=$(($1 * slower)); shift
  if [ -n "$TIME" ]; then
    limit 30 $TIME -f '%M' -o mem "$@" >out.log 2>err; s=$?
    kb=$(tail -1 mem | tr -dc 0-9)
    [ "${kb:-0}" -le $((mb * 1024)) ] && ok || bad "used $((kb / 1024)) MB (limit $mb)"
  else
    limit 30 "$@" >out.log 2>err; s=$?; no_tool "memory not measured (GNU time not installed, Debian: time)"
  fi
  [ $s -lt 124 ] && ok || bad "exit $s (killed or timed out)"
}
mem_ok 300 "$BIN" --force --reference-doc lol.docx -t docx -o lol-out.docx "$sample"
[ -e lol-out.docx ] && xml_ok lol-out.docx

promise "a zip bomb as reference DOCX (a 200 MB part in 200 KB): refused or bounded, never unpacked whole"
truncate -s 200M zeros.bin
mkref bomb.docx word/styles.xml=zeros.bin word/bomb.bin=zeros.bin
rm -f zeros.bin
[ "$(wc -c < bomb.docx)" -lt 2000000 ] && ok || bad "the bomb is not small: $(wc -c < bomb.docx) bytes"
mem_ok 400 "$BIN" --force --reference-doc bomb.docx -t docx -o bomb-out.docx "$sample"
[ -e bomb-out.docx ] && xml_ok bomb-out.docx

promise "'../' and absolute entry names in a reference DOCX create nothing and never reach the output"
printf 'EVIL\n' > evil.txt
mkdir -p deep/er
mkref dots.docx ../../evil-dots.txt=evil.txt "/$tmp/evil-abs.txt=evil.txt" word/../../evil-mid.txt=evil.txt \
  "word/media/../../../evil-media.txt=evil.txt"
(cd deep/er && "$BIN" --force --reference-doc ../../dots.docx -t docx -o out.docx "$sample" >/dev/null 2>../../err); s=$?
{ [ "$s" = 0 ] || [ "$s" = 2 ]; } && ok || bad "exit $s: $(head -2 err)"
[ -z "$(find "$tmp" -name 'evil-*' 2>/dev/null)" ] && ok || bad "created $(find "$tmp" -name 'evil-*')"
if [ -e deep/er/out.docx ]; then
  "$TOOLS/tool_zipdump" deep/er/out.docx | cut -d' ' -f1 | grep -E '(^|/)\.\.(/|$)|^/|evil' && bad "hostile names reached the output" || ok
  xml_ok deep/er/out.docx
fi

promise "a reference DOCX that is not a zip is refused in one line"
s=$(st "$BIN" --reference-doc "$sample" -t docx -o notzip.docx "$sample")
[ "$s" = 2 ] && grep -q 'Word file' err && [ ! -e notzip.docx ] && ok || bad "exit $s: $(cat err)"

echo "attack: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
