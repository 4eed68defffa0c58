#!/bin/sh
# checks.sh: validates artconv's outputs with tools nobody here wrote, from
# the check kit in $CHECK_KIT (EPUBCheck + DAISY Ace, ECMA-376 schemas +
# LibreOffice + pandoc + python-docx, cmark + markdownlint, the text
# checker, text-preserved.py).  Every input fixture and every article in
# $CORPUS is converted to every format and checked.
#
# Without the kit, or a tool it needs, the check is skipped and the skip
# is named; with ARTCONV_REQUIRE_ALL=1 (CI) any skip is a failure.
# CHECKS_FAST=1 limits the slow consumer checks (Ace, LibreOffice) to the
# sample.
set -u
BIN=${BIN:-./artconv}
require=${ARTCONV_REQUIRE_ALL:-0}
skipped=0 pass=0 fail=0
skip() { echo "checks: SKIPPED - $*"; skipped=$((skipped + 1)); }

if [ -z "${CHECK_KIT:-}" ] || [ ! -x "$CHECK_KIT/check-txt.sh" ]; then
  skip "no check kit (set CHECK_KIT=path/to/shared/check)"
  [ "$require" = 1 ] && exit 1
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-checks.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

have() { command -v "$1" >/dev/null 2>&1; }
node_tools=${CHECK_NODE_DIR:-/usr/local/lib/check-node}
lint=--no-lint
if [ -x "$CHECK_KIT/node_modules/.bin/markdownlint-cli2" ] ||
   [ -x "$node_tools/node_modules/.bin/markdownlint-cli2" ] || have markdownlint-cli2; then
  lint=""
else
  skip "markdownlint-cli2 (Markdown is checked with cmark only)"
fi
ace=""
if [ -x "$CHECK_KIT/node_modules/.bin/ace-cli" ] || [ -x "$node_tools/node_modules/.bin/ace-cli" ] || have ace-cli; then
  have chromium || { ace=--no-ace; skip "DAISY Ace (no chromium)"; }
else
  ace=--no-ace; skip "DAISY Ace (not installed)"
fi
consumers=""
if ! have soffice || ! have pandoc || ! /usr/bin/python3 -c "import docx" 2>/dev/null; then
  consumers=--no-consumers; skip "LibreOffice/pandoc/python-docx DOCX consumers"
fi
formats=$("$BIN" --list-formats)
tools_for() { # format -> required commands
  case $1 in
    txt) echo iconv python3 ;;
    md) echo cmark python3 ;;
    epub) echo java python3 ;;
    docx) echo xmllint python3 ;;
    json) echo python3 ;;
  esac
}

inputs=$(ls fixtures/*.txt fixtures/*.html fixtures/*.htm fixtures/*.md 2>/dev/null | grep -v '\.expected\.')
if [ -n "${CORPUS:-}" ] && [ -f "$CORPUS/EXPECTED.tsv" ]; then
  inputs="$inputs $(ls "$CORPUS"/[0-9]*.txt "$CORPUS"/[0-9]*.html "$CORPUS"/[0-9]*.md 2>/dev/null)"
else
  skip "corpus articles (set CORPUS=path/to/corpus)"
fi

run() { # name logfile command...
  name=$1 log=$2; shift 2
  if "$@" >"$log" 2>&1; then
    pass=$((pass + 1))
  else
    st=$?
    if [ $st = 2 ]; then
      skip "$name: checker could not run: $(grep -m1 -i 'error' "$log")"
    else
      fail=$((fail + 1)); echo "FAIL: $name"; tail -15 "$log" | sed 's/^/    /'
    fi
  fi
}

# check-docx compares the text LibreOffice prints with the document's
# paragraphs.  Two things in that comparison are pdftotext's, not the
# document's: an official document carries GB/T 9704 page numbers
# ("— 1 —") in its footers, which pdftotext puts inside any sentence that
# runs over a page; and its reading-order guess can take the ideographic
# spaces of "第一章　总　则" above "第一条　…" for columns.  When that
# comparison is the only failure, it is repeated on the same PDF without
# page-number lines, then in pdftotext's layout mode (lines as printed),
# and the run says how many needed it.
pagenum_fixups=0
check_docx() { # name [--no-consumers] file
  name=$1; shift
  rm -rf "$tmp/keep"
  if "$CHECK_KIT/check-docx.sh" --keep "$tmp/keep" "$@" >"$tmp/log" 2>&1; then
    pass=$((pass + 1)); return
  fi
  reasons=$(grep 'check-docx: FAIL:' "$tmp/log" | grep -v 'FAIL: /' | sort -u)
  if [ "$reasons" = "check-docx: FAIL: text missing from LibreOffice's rendering" ] &&
     [ -f "$tmp/keep/pdf.txt" ] && [ -f "$tmp/keep/paragraphs.txt" ]; then
    nopage='^[[:space:]]*(—[[:space:]]*)?[0-9]+([[:space:]]*—)?[[:space:]]*$'
    tr '\f' '\n' < "$tmp/keep/pdf.txt" | grep -Ev "$nopage" > "$tmp/keep/pdf-body.txt"
    pdf=$(ls "$tmp"/keep/lo/*.pdf 2>/dev/null | head -1)
    [ -n "$pdf" ] && pdftotext -layout -enc UTF-8 "$pdf" - | tr '\f' '\n' |
      grep -Ev "$nopage" > "$tmp/keep/pdf-layout.txt"
    for t in pdf-body pdf-layout; do
      [ -s "$tmp/keep/$t.txt" ] || continue
      if python3 "$CHECK_KIT/text-preserved.py" "$tmp/keep/paragraphs.txt" "$tmp/keep/$t.txt" \
          >"$tmp/log2" 2>&1; then
        pass=$((pass + 1)); pagenum_fixups=$((pagenum_fixups + 1)); return
      fi
      cat "$tmp/log2" >> "$tmp/log"
    done
  fi
  fail=$((fail + 1)); echo "FAIL: $name"; tail -15 "$tmp/log" | sed 's/^/    /'
}

for fmt in $formats; do
  missing=""
  for t in $(tools_for "$fmt"); do have "$t" || missing="$missing $t"; done
  if [ -n "$missing" ]; then skip "$fmt checks (missing:$missing)"; continue; fi
  n=0
  for input in $inputs; do
    base=$(basename "$input"); out="$tmp/${base%.*}.$fmt"
    if ! "$BIN" -q --force -t "$fmt" -o "$out" "$input" 2>"$tmp/err"; then
      fail=$((fail + 1)); echo "FAIL: $input -> $fmt: $(tail -1 "$tmp/err")"; continue
    fi
    slow=1
    [ "${CHECKS_FAST:-0}" = 1 ] && case $base in sample.txt|000-seed.txt) ;; *) slow=0 ;; esac
    case $fmt in
      txt) run "check-txt $base" "$tmp/log" "$CHECK_KIT/check-txt.sh" "$out" ;;
      md) run "check-md $base" "$tmp/log" "$CHECK_KIT/check-md.sh" $lint "$out" ;;
      epub) a=$ace; [ $slow = 1 ] || a=--no-ace
            run "check-epub $base" "$tmp/log" "$CHECK_KIT/check-epub.sh" $a "$out" ;;
      docx) c=$consumers; [ $slow = 1 ] || c=--no-consumers
            for style in official plain; do
              "$BIN" -q --force --docx-style $style -t docx -o "$out" "$input" 2>/dev/null
              check_docx "check-docx $style $base" $c "$out"
            done ;;
      json) run "json $base" "$tmp/log" python3 -m json.tool "$out" ;;
    esac
    n=$((n + 1))
  done
  echo "checks: $fmt: $n outputs checked"
  # The sample's body text, sentence by sentence, in every format.
  if [ -n "${CORPUS:-}" ] && [ -f "$CORPUS/000-seed.body.txt" ] && [ "$fmt" != json ]; then
    "$BIN" -q --force -t "$fmt" -o "$tmp/seed.$fmt" "$CORPUS/000-seed.txt"
    run "text-preserved $fmt" "$tmp/log" python3 "$CHECK_KIT/text-preserved.py" \
      "$CORPUS/000-seed.body.txt" "$tmp/seed.$fmt"
  fi
done
[ $pagenum_fixups -gt 0 ] && echo "checks: docx: $pagenum_fixups PDF text comparisons passed only without page-number lines or in pdftotext -layout mode"
echo "checks: $pass passed, $fail failed, $skipped skipped"
[ $fail = 0 ] || exit 1
[ "$require" = 1 ] && [ $skipped != 0 ] && { echo "checks: skips are failures here (ARTCONV_REQUIRE_ALL=1)"; exit 1; }
exit 0
