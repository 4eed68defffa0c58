#!/bin/sh
# engines.sh: the e-book as reading engines draw it.  EPUBCheck and Ace
# read the files; a reader sees them through an engine, and engines
# differ.  The sample becomes an EPUB (the generated PNG cover, and again
# with --svg-cover), and each engine that is installed renders it:
#   MuPDF     mutool draw: the first page to PNG, every page to text
#   calibre   ebook-convert to PDF, then pdftoppm and pdftotext
#   Chromium  headless: the cover page as a screenshot, the contents and
#             every chapter printed to PDF, then pdftotext
# and must show
#   - the cover's title inside its frame (tool_inkbox on the picture:
#     the box of dark text lies within the box of the frame's red);
#   - no landmarks list ("导览"), which is for the reading system only;
#   - every chapter, with its text (the first characters of each spine
#     document's first paragraph or heading appear in the engine's text).
# An engine that is not installed is named as skipped; with
# ARTCONV_REQUIRE_ALL=1 (CI) a skip is a failure.  ENGINES_KEEP=DIR keeps
# the renderings there to look at.
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TOOLS=$(cd "${TOOLS:-build/tests}" && pwd)
top=$(pwd)
require=${ARTCONV_REQUIRE_ALL:-0}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-engines.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skips=0
have() { command -v "$1" >/dev/null 2>&1; }
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
skip() { echo "engines: SKIPPED - $*"; skips=$((skips + 1)); }
cd "$tmp" || exit 1

"$BIN" -q -t epub -o book.epub "$top/fixtures/sample.txt" || { bad "artconv failed"; exit 1; }
"$BIN" -q --svg-cover -t epub -o book-svg.epub "$top/fixtures/sample.txt" || { bad "artconv --svg-cover failed"; exit 1; }
mkdir book && "$TOOLS/tool_zipdump" -x book book.epub
mkdir book-svg && "$TOOLS/tool_zipdump" -x book-svg book-svg.epub
cover=$(cd book/OEBPS && ls cover.png cover.svg 2>/dev/null | head -1)
echo "engines: the sample's book, generated cover $cover"

# The spine documents after the contents, and a few characters of each:
# the first paragraph's or heading's text, white space removed.
docs=$(sed -n 's/.*<itemref idref="\([^"]*\)".*/\1/p' book/OEBPS/content.opf |
  grep -v -e '^cover$' -e '^nav$')
: > snippets
# href_of ID: the manifest's file name for a spine id.
href_of() {
  sed -n "s/.*<item id=\"$1\" href=\"\([^\"]*\)\".*/\1/p" book/OEBPS/content.opf
}
for id in $docs; do
  f=book/OEBPS/$(href_of "$id")
  s=$(tr -d '\n' < "$f" | sed 's/.*<body[^>]*>//; s/<[^>]*>/ /g' | tr -d ' \t' | cut -c1-24)
  [ -n "$s" ] && echo "$id $s" >> snippets
done
[ -s snippets ] || bad "no spine documents with text"

# check_text ENGINE TEXTFILE: no landmarks, every document's snippet.
check_text() {
  tr -d ' \t\n\f' < "$2" > "$2.flat"
  if grep -q '导览' "$2.flat"; then bad "$1 shows the landmarks list (导览)"; else ok; fi
  missing=""
  while read -r id s; do
    grep -qF -- "$s" "$2.flat" || missing="$missing $id"
  done < snippets
  if [ -n "$missing" ]; then bad "$1 shows no text of:$missing"; else ok; fi
}

# check_cover ENGINE PNG: the title inside the frame.
check_cover() {
  if "$TOOLS/tool_inkbox" "$2" > inkbox.out 2>&1; then ok; else bad "$1: $(cat inkbox.out)"; fi
  sed 's/^/  /' inkbox.out
  [ -n "${ENGINES_KEEP:-}" ] && mkdir -p "$ENGINES_KEEP" && cp "$2" "$ENGINES_KEEP/"
  return 0
}

# The cover image itself (a PNG only when artconv draws one).
if [ "$cover" = cover.png ]; then check_cover artconv book/OEBPS/cover.png; fi

# MuPDF.
if have mutool; then
  for b in book book-svg; do
    if mutool draw -q -r 72 -o "mupdf-$b.png" "$b.epub" 1 2>mupdf.err; then
      check_cover "MuPDF ($b)" "mupdf-$b.png"
    else
      bad "mutool draw $b.epub: $(head -1 mupdf.err)"
    fi
  done
  mutool draw -q -F txt -o mupdf.txt book.epub 2>mupdf.err || bad "mutool draw -F txt: $(head -1 mupdf.err)"
  check_text MuPDF mupdf.txt
else
  skip "MuPDF (mutool not installed; Debian: mupdf-tools)"
fi

# calibre (its PDF output runs QtWebEngine, which refuses to run as root
# inside its sandbox).
if have ebook-convert && have pdftoppm && have pdftotext; then
  QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox" QT_QPA_PLATFORM=offscreen HOME="$tmp" \
    timeout 600 ebook-convert book.epub calibre.pdf >calibre.log 2>&1
  if [ -s calibre.pdf ]; then
    pdftoppm -q -f 1 -singlefile -r 72 -png calibre.pdf calibre-book
    check_cover calibre calibre-book.png
    pdftotext -q -enc UTF-8 calibre.pdf calibre.txt
    check_text calibre calibre.txt
  else
    bad "ebook-convert book.epub calibre.pdf: $(tail -3 calibre.log)"
  fi
else
  skip "calibre (ebook-convert, or poppler's pdftoppm/pdftotext, not installed; Debian: calibre poppler-utils)"
fi

# Chromium, one document at a time (it does not open EPUB files).
chromium=""
for c in chromium chromium-browser google-chrome; do have "$c" && { chromium=$c; break; }; done
if [ -n "$chromium" ] && have pdftotext; then
  run_chromium() {
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
      --no-first-run --no-default-browser-check --disable-extensions \
      --disable-background-networking --disable-sync --hide-scrollbars \
      --user-data-dir="$tmp/chromium-profile" "$@" >chromium.log 2>&1
  }
  for b in book book-svg; do
    run_chromium --window-size=600,900 --screenshot="$tmp/chromium-$b.png" \
      "file://$tmp/$b/OEBPS/cover.xhtml"
    if [ -s "chromium-$b.png" ]; then
      check_cover "Chromium ($b)" "chromium-$b.png"
    else
      bad "Chromium screenshot of $b/cover.xhtml: $(tail -2 chromium.log)"
    fi
  done
  : > chromium.txt
  for id in nav $docs; do
    f=$(href_of "$id")
    run_chromium --print-to-pdf="$tmp/chromium-$id.pdf" --no-pdf-header-footer \
      "file://$tmp/book/OEBPS/$f"
    if [ -s "chromium-$id.pdf" ]; then
      pdftotext -q -enc UTF-8 "chromium-$id.pdf" - >> chromium.txt
    else
      bad "Chromium could not print $f: $(tail -2 chromium.log)"
    fi
  done
  check_text Chromium chromium.txt
else
  skip "Chromium (chromium, or poppler's pdftotext, not installed; Debian: chromium poppler-utils)"
fi

echo "engines: $pass passed, $fail failed, $skips engines skipped"
[ "$fail" = 0 ] || exit 1
if [ "$require" = 1 ] && [ "$skips" != 0 ]; then
  echo "engines: skips are failures here (ARTCONV_REQUIRE_ALL=1)"; exit 1
fi
exit 0
