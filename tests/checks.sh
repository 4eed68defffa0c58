#!/bin/sh
# checks.sh: validates artconv's outputs with tools nobody here wrote, from
# the check kit in $CHECK_KIT (EPUBCheck + DAISY Ace, ECMA-376 schemas +
# LibreOffice + pandoc + python-docx, cmark + markdownlint, the text
# checker, text-preserved.py).  Every input fixture and every article in
# $CORPUS is converted to every format (DOCX in both layouts) and checked,
# CHECK_JOBS at a time (default: the CPU count); tests/check_one.sh does
# one.
#
# Without the kit, tests/checks_local.sh runs what validators are
# installed; without a tool the kit needs, that check is skipped and the
# skip is named; with ARTCONV_REQUIRE_ALL=1 (CI) any skip is a failure.
# CHECKS_FAST=1 limits the slow consumer checks (Ace, LibreOffice) to the
# sample.
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
require=${ARTCONV_REQUIRE_ALL:-0}
skips=""
skip() { echo "checks: SKIPPED - $*"; skips="$skips x"; }

if [ -z "${CHECK_KIT:-}" ] || [ ! -x "$CHECK_KIT/check-txt.sh" ]; then
  skip "no check kit (set CHECK_KIT=path/to/shared/check): ECMA-376 schemas, DAISY Ace, markdownlint and the corpus checks"
  [ "$require" = 1 ] && exit 1
  echo "checks: running the validators installed here instead (tests/checks_local.sh)"
  BIN=$BIN exec tests/checks_local.sh
fi
CHECK_KIT=$(cd "$CHECK_KIT" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-checks.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

have() { command -v "$1" >/dev/null 2>&1; }
node_tools=${CHECK_NODE_DIR:-/usr/local/lib/check-node}
LINT=--no-lint
if [ -x "$CHECK_KIT/node_modules/.bin/markdownlint-cli2" ] ||
   [ -x "$node_tools/node_modules/.bin/markdownlint-cli2" ] || have markdownlint-cli2; then
  LINT=""
else
  skip "markdownlint-cli2 (Markdown is checked with cmark only)"
fi
ACE=""
if [ -x "$CHECK_KIT/node_modules/.bin/ace-cli" ] || [ -x "$node_tools/node_modules/.bin/ace-cli" ] || have ace-cli; then
  have chromium || { ACE=--no-ace; skip "DAISY Ace (no chromium)"; }
else
  ACE=--no-ace; skip "DAISY Ace (not installed)"
fi
CONSUMERS=""
if ! have soffice || ! have pandoc || ! have pdftotext || ! /usr/bin/python3 -c "import docx" 2>/dev/null; then
  CONSUMERS=--no-consumers; skip "LibreOffice/pandoc/python-docx DOCX consumers"
fi
FAST=${CHECKS_FAST:-0}
export BIN CHECK_KIT LINT ACE CONSUMERS FAST

tools_for() { # format -> commands its checker needs
  case $1 in
    txt) echo iconv python3 ;;
    md) echo cmark python3 ;;
    epub) echo java python3 ;;
    docx) echo xmllint python3 ;;
    json) echo python3 ;;
    pandoc-json) echo pandoc python3 ;;
  esac
}

inputs=$(ls fixtures/*.txt fixtures/*.html fixtures/*.htm fixtures/*.md fixtures/*.docx 2>/dev/null | grep -v '\.expected\.')
if [ -n "${CORPUS:-}" ] && [ -f "$CORPUS/EXPECTED.tsv" ]; then
  inputs="$inputs $(ls "$CORPUS"/[0-9]*.txt "$CORPUS"/[0-9]*.html "$CORPUS"/[0-9]*.md 2>/dev/null)"
else
  skip "corpus articles (set CORPUS=path/to/corpus)"
fi

# The task list: one line "FORMAT INPUT" per check.
for fmt in $("$BIN" --list-formats); do
  # HTML pages are validated together below (one JVM for all).
  case $fmt in html|html-fragment) continue ;; esac
  missing=""
  for t in $(tools_for "$fmt"); do have "$t" || missing="$missing $t"; done
  if [ -n "$missing" ]; then skip "$fmt checks (missing:$missing)"; continue; fi
  for input in $inputs; do echo "$fmt $(cd "$(dirname "$input")" && pwd)/$(basename "$input")"; done
done > "$tmp/tasks"
jobs=${CHECK_JOBS:-$(nproc 2>/dev/null || echo 2)}
echo "checks: $(wc -l < "$tmp/tasks") checks, $jobs at a time"
xargs -P "$jobs" -L 1 tests/check_one.sh < "$tmp/tasks" > "$tmp/results" 2>&1

# HTML: every input as a page, a page from a --template and a fragment,
# validated by the Nu Html Checker in one run.
# shellcheck disable=SC2086
BIN=$BIN tests/check_html.sh $inputs > "$tmp/html" 2>&1
case $? in
  0) echo "PASS html (Nu Html Checker) $(tail -1 "$tmp/html")" >> "$tmp/results" ;;
  2) skip "Nu Html Checker (vnu.jar: npm vnu-jar, installed by .ci/install-deps ci)" ;;
  *) { echo "FAIL html (Nu Html Checker)"; tail -22 "$tmp/html" | sed 's/^/    /'; } >> "$tmp/results" ;;
esac

# The sample's body text, sentence by sentence, in every format.
if [ -n "${CORPUS:-}" ] && [ -f "$CORPUS/000-seed.body.txt" ]; then
  for fmt in $("$BIN" --list-formats); do
    # JSON is no text; a fragment is the body without its title.
    case $fmt in json|html-fragment) continue ;; esac
    "$BIN" -q --force -t "$fmt" -o "$tmp/seed.$fmt" "$CORPUS/000-seed.txt"
    seed="$tmp/seed.$fmt"
    if [ "$fmt" = pandoc-json ]; then
      # What pandoc makes of it, as plain text.
      if ! have pandoc; then
        echo "SKIP text-preserved $fmt sample (pandoc not installed)" >> "$tmp/results"
        continue
      fi
      seed="$tmp/seed-pandoc.txt"
      pandoc -f json -t plain -s -o "$seed" "$tmp/seed.$fmt"
    fi
    if python3 "$CHECK_KIT/text-preserved.py" "$CORPUS/000-seed.body.txt" "$seed" \
        > "$tmp/tp" 2>&1; then
      echo "PASS text-preserved $fmt sample" >> "$tmp/results"
    else
      { echo "FAIL text-preserved $fmt sample"; tail -10 "$tmp/tp" | sed 's/^/    /'; } >> "$tmp/results"
    fi
  done
fi

grep -v '^PASS' "$tmp/results"
pass=$(grep -c '^PASS' "$tmp/results")
fail=$(grep -c '^FAIL' "$tmp/results")
nskip=$(grep -c '^SKIP' "$tmp/results")
fixed=$(grep '^PASS' "$tmp/results" | grep -c 'PDF text passed')
for fmt in $("$BIN" --list-formats); do
  case $fmt in
    html-fragment) continue ;;
    html) printf 'checks: html  %s\n' "$(grep -m1 '^PASS html ' "$tmp/results" | sed 's/^PASS html (Nu Html Checker) //')" ;;
    *) printf 'checks: %-5s %s passed\n' "$fmt" "$(grep -c "^PASS $fmt " "$tmp/results")" ;;
  esac
done
[ "$fixed" -gt 0 ] && echo "checks: docx: $fixed passed only with the PDF text taken without page numbers or in layout mode (see tests/check_one.sh)"
echo "checks: $pass passed, $fail failed, $nskip checks and $(echo $skips | wc -w) tools skipped"
[ "$fail" = 0 ] || exit 1
if [ "$require" = 1 ] && { [ -n "$skips" ] || [ "$nskip" != 0 ]; }; then
  echo "checks: skips are failures here (ARTCONV_REQUIRE_ALL=1)"; exit 1
fi
exit 0
