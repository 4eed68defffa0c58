#!/bin/sh
# checks_local.sh: the external checks `make test` can still run on a
# machine without the check kit, with whatever validators are installed
# (Debian: epubcheck, cmark, pandoc, libxml2-utils, libreoffice-writer,
# poppler-utils, python3-docx).  Each fixture input is converted to every
# format and checked:
#   xmllint   every XML part of each EPUB and DOCX is well-formed
#   epubcheck each EPUB, warnings fail
#   cmark     each Markdown file parses; the title is an <h1>, and no
#             literal ** is left (bold that does not render)
#   pandoc    reads each DOCX; the sample has its 5 level-1 headings
#   python3 -m docx (python-docx) opens each DOCX
#   soffice   converts the sample's DOCX to PDF with its text (pdftotext)
#   pandoc    reads each pandoc-json without a message and gives back its
#             headings, points and text (tests/pandoc_check.py)
#   vnu       the Nu Html Checker on every HTML page (tests/check_html.sh)
# A tool that is missing is named as skipped.  The full checks, with the
# ECMA-376 schemas, DAISY Ace and markdownlint, need $CHECK_KIT.
set -u
BIN=${BIN:-./artconv}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-localchecks.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skipped=""
have() { command -v "$1" >/dev/null 2>&1; }
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
for t in xmllint cmark pandoc soffice pdftotext unzip; do
  have "$t" || skipped="$skipped $t"
done
# Debian's epubcheck is a jar; elsewhere it may be a launcher script.
jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
if [ -f "$jar" ] && have java; then epubcheck="java -jar $jar"
elif have epubcheck && epubcheck --version >/dev/null 2>&1; then epubcheck=epubcheck
else epubcheck=""; skipped="$skipped epubcheck"; fi
pydocx=0
python3 -c 'import docx' 2>/dev/null && pydocx=1 || skipped="$skipped python-docx"

for input in fixtures/*.txt fixtures/*.html fixtures/*.md fixtures/*.docx; do
  case $input in *.expected.*) continue ;; esac
  name=$(basename "$input")
  out="$tmp/$name"
  mkdir -p "$out"
  "$BIN" -q --force -t txt,md,epub,docx -o "$out/" "$input" || { bad "$name: conversion"; continue; }
  for pkg in "$out"/*.epub "$out"/*.docx; do
    if have xmllint && have unzip; then
      rm -rf "$tmp/x" && mkdir "$tmp/x" && unzip -q "$pkg" -d "$tmp/x"
      n=0
      for part in $(cd "$tmp/x" && find . -type f \( -name '*.xml' -o -name '*.xhtml' \
          -o -name '*.opf' -o -name '*.ncx' -o -name '*.rels' -o -name '*.svg' \)); do
        n=$((n + 1))
        xmllint --noout --nonet "$tmp/x/$part" 2>"$tmp/err" || bad "$name: $(basename "$pkg") $part: $(head -1 "$tmp/err")"
      done
      [ "$n" -gt 0 ] && ok || bad "$name: $(basename "$pkg") has no XML parts"
    fi
  done
  if [ -n "$epubcheck" ]; then
    $epubcheck --failonwarnings "$out"/*.epub > "$tmp/ec" 2>&1 && ok ||
      { bad "$name: epubcheck"; grep -E 'ERROR|WARNING|FATAL' "$tmp/ec" | head -5; }
  fi
  if have cmark; then
    cmark "$out"/*.md > "$tmp/md.html" 2>/dev/null || bad "$name: cmark"
    grep -q '<h1>' "$tmp/md.html" || bad "$name: cmark: no <h1> title"
    grep -q '\*\*' "$tmp/md.html" && bad "$name: cmark: literal ** left (bold not rendered)"
    ok
  fi
  if have pandoc; then
    if pandoc -f docx -t markdown "$out"/*.docx -o "$tmp/docx.md" 2>"$tmp/err"; then
      ok
      if [ "$name" = sample.txt ]; then
        h1=$(grep -c '^# ' "$tmp/docx.md")
        [ "$h1" = 5 ] || bad "$name: pandoc reads $h1 level-1 headings in the DOCX, not 5"
      fi
    else
      bad "$name: pandoc cannot read the DOCX: $(head -1 "$tmp/err")"
    fi
  fi
  if have pandoc; then
    "$BIN" -q --force -t json,pandoc-json -o "$out/" "$input" &&
    pandoc -f json -t json -o "$tmp/back.json" "$out"/*.pandoc.json 2>"$tmp/err" &&
    [ ! -s "$tmp/err" ] &&
    pandoc -f json -t plain -o "$tmp/back.txt" "$out"/*.pandoc.json 2>"$tmp/err" &&
    [ ! -s "$tmp/err" ] &&
    python3 tests/pandoc_check.py "$out/${name%.*}.json" "$tmp/back.json" "$tmp/back.txt" \
      > "$tmp/pc" 2>&1 && ok ||
      bad "$name: pandoc-json: $(cat "$tmp/err" "$tmp/pc" 2>/dev/null | tail -1)"
  fi
  if [ "$pydocx" = 1 ]; then
    python3 -c 'import docx, sys; d = docx.Document(sys.argv[1]); assert d.paragraphs' \
      "$out"/*.docx 2>"$tmp/err" && ok || bad "$name: python-docx: $(tail -1 "$tmp/err")"
  fi
done

# LibreOffice is slow to start: the sample only.
if have soffice && have pdftotext; then
  d="$tmp/sample.txt"
  if (cd "$d" && HOME="$tmp" soffice --headless --convert-to pdf sample.docx >/dev/null 2>&1) &&
      pdftotext "$d/sample.pdf" - 2>/dev/null | grep -q '党建引领'; then
    ok
  else
    bad "sample.txt: LibreOffice PDF lacks the text"
  fi
fi

# HTML pages, --template pages and fragments: the Nu Html Checker.
inputs=$(ls fixtures/*.txt fixtures/*.html fixtures/*.md fixtures/*.docx 2>/dev/null | grep -v '\.expected\.')
# shellcheck disable=SC2086
BIN=$BIN tests/check_html.sh $inputs > "$tmp/html" 2>&1
case $? in
  0) ok ;;
  2) skipped="$skipped vnu.jar(npm:vnu-jar)" ;;
  *) bad "HTML pages: $(tail -3 "$tmp/html" | tr '\n' ' ')" ;;
esac

[ -n "$skipped" ] && echo "checks (local): SKIPPED - not installed:$skipped"
echo "checks (local): $pass passed, $fail failed"
[ "$fail" = 0 ]
