#!/bin/sh
# roundtrip.sh: Word files made from every fixture and corpus article by
# artconv itself, by pandoc (from artconv's Markdown) and by LibreOffice
# (re-saving artconv's DOCX) must read back to the same title, the same
# number of headings at each level and every character of the body
# (tool_roundtrip); a Word file LibreOffice makes of artconv's plain text
# must read as that plain text does.  Prints the table;
# without pandoc or LibreOffice those columns are SKIPPED (a failure
# with ARTCONV_REQUIRE_ALL=1).
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TOOLS=$(cd "${TOOLS:-build/tests}" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-roundtrip.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0 skipped=""
inputs=$(ls fixtures/*.txt fixtures/*.html fixtures/*.md 2>/dev/null | grep -v '\.expected\.')
if [ -n "${CORPUS:-}" ] && [ -f "$CORPUS/EXPECTED.tsv" ]; then
  inputs="$inputs $(ls "$CORPUS"/[0-9]*.txt "$CORPUS"/[0-9]*.html "$CORPUS"/[0-9]*.md 2>/dev/null)"
else
  skipped="$skipped corpus"
fi
have_pandoc=0; command -v pandoc >/dev/null && have_pandoc=1 || skipped="$skipped pandoc"
soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || skipped="$skipped LibreOffice"

# artconv writes d/a.docx, d/a.md, d/a.txt (-o DIR/ names them by input).
i=0
for f in $inputs; do
  i=$((i + 1)); d="$tmp/$i"; mkdir -p "$d"
  "$BIN" -q --force -t docx,md,txt -o "$d/" "$f" >/dev/null 2>&1 || { echo "FAIL: $f: artconv"; fail=1; }
  b=$(basename "$f"); b=${b%.*}
  for e in docx md; do [ -f "$d/$b.$e" ] && mv "$d/$b.$e" "$d/a.$e"; done
  # -smart: pandoc would turn ‘ into ’.  Every picture becomes one small
  # local PNG, so that pandoc fetches nothing from the web and finds
  # every file (a missing one stops it).
  if [ $have_pandoc = 1 ]; then
    cp tests/docx/word-official/word/media/image1.png "$d/pic.png"
    sed 's/\(!\[[^]]*\]\)(<[^>]*>)/\1(<pic.png>)/g' "$d/a.md" > "$d/pandoc.md"
    (cd "$d" && pandoc -f markdown-smart -o pandoc.docx pandoc.md 2>/dev/null)
  fi
done
if [ -n "$soffice" ]; then
  # One LibreOffice start for all DOCX, one for all text (UTF-8 import).
  export HOME="$tmp/home"
  mkdir -p "$tmp/lo" "$tmp/lotxt"
  i=0
  for f in $inputs; do
    i=$((i + 1))
    cp "$tmp/$i/a.docx" "$tmp/lo/$i.docx"; b=$(basename "$f"); cp "$tmp/$i/${b%.*}.txt" "$tmp/lotxt/$i.txt"
  done
  (cd "$tmp/lo" && timeout 900 "$soffice" --headless --convert-to docx:"MS Word 2007 XML" --outdir out ./*.docx >/dev/null 2>&1)
  (cd "$tmp/lotxt" && timeout 900 "$soffice" --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to docx:"MS Word 2007 XML" --outdir out ./*.txt >/dev/null 2>&1)
fi
i=0
for f in $inputs; do
  i=$((i + 1)); d="$tmp/$i"
  set -- "artconv=$d/a.docx"
  [ -f "$d/pandoc.docx" ] && set -- "$@" "pandoc=$d/pandoc.docx"
  [ -f "$tmp/lo/out/$i.docx" ] && set -- "$@" "LO(docx)=$tmp/lo/out/$i.docx"
  [ $have_pandoc = 1 ] && [ ! -f "$d/pandoc.docx" ] && { echo "FAIL: $f: pandoc wrote nothing"; fail=1; }
  if [ -n "$soffice" ] && ! { [ -f "$tmp/lo/out/$i.docx" ] && [ -f "$tmp/lotxt/out/$i.docx" ]; }; then
    echo "FAIL: $f: LibreOffice wrote nothing"; fail=1
  fi
  "$TOOLS/tool_roundtrip" "$f" "$@" || fail=1
  # Plain text in a Word file reads as the plain text itself.
  b=$(basename "$f")
  if [ -f "$tmp/lotxt/out/$i.docx" ]; then
    "$TOOLS/tool_roundtrip" "$d/${b%.*}.txt" "LO(txt)=$tmp/lotxt/out/$i.docx" || fail=1
  fi
done > "$tmp/table" 2>&1
cat "$tmp/table"
n=$(grep -c ' ms$' "$tmp/table")
bad=$(grep ' ms$' "$tmp/table" | grep -v 'title same' | wc -l)
lost=$(grep ' ms$' "$tmp/table" | grep -vc ' 0 lost ')
spaced=$(grep -c 'title same but for spaces' "$tmp/table")
for s in $skipped; do
  echo "roundtrip: $s SKIPPED (not installed or not found)"
  [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && fail=1
done
echo "roundtrip: $n Word files read back, $bad with another title ($spaced the same but for a space that became the title's line break), $lost with characters lost"
[ $fail = 0 ]
