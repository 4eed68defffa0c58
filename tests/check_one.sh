#!/bin/sh
# check_one.sh FORMAT INPUT: converts INPUT to FORMAT and runs the check
# kit's validator on it; prints one line "PASS|FAIL|SKIP FORMAT INPUT
# [note]" followed, on failure, by the validator's last lines.  Called by
# checks.sh, several at a time.  Environment: BIN, CHECK_KIT, CORPUS,
# ACE (--no-ace or empty), CONSUMERS (--no-consumers or empty), LINT
# (--no-lint or empty), FAST (1: slow consumer checks on the sample only).
set -u
fmt=$1 input=$2
base=$(basename "$input")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-check1.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
out="$tmp/${base%.*}.$fmt"
slow=1
[ "${FAST:-0}" = 1 ] && case $base in sample.txt|000-seed.txt) ;; *) slow=0 ;; esac

say() { # verdict note logfile
  echo "$1 $fmt $input${2:+ ($2)}"
  [ "$1" = FAIL ] && [ -n "${3:-}" ] && tail -15 "$3" | sed 's/^/    /'
  return 0
}

# A fixture's own options (NAME.args: --vertical, --convert …) apply here
# too, so the validators see those outputs.
fixture_args=""
[ -f "${input%.*}.args" ] && fixture_args=$(cat "${input%.*}.args")

convert() { # extra options...
  # shellcheck disable=SC2086
  "$BIN" -q --force $fixture_args "$@" -t "$fmt" -o "$out" "$input" 2>"$tmp/err" && return 0
  echo "artconv failed: $(tail -1 "$tmp/err")" > "$tmp/log"
  return 1
}

# The check kit's verdict: 0 pass, 1 fail, 2 could not run.
kit() {
  "$@" >"$tmp/log" 2>&1
}

# check-docx compares the text LibreOffice prints with the document's
# paragraphs.  Two things in that comparison are pdftotext's, not the
# document's: an official document carries GB/T 9704 page numbers
# ("— 1 —") in its footers, which pdftotext puts inside any sentence that
# runs over a page; and its reading-order guess can take the ideographic
# spaces of "第一章　总　则" above "第一条　…" for columns.  When that
# comparison is the only failure, it is repeated on the same PDF without
# page-number lines, then in pdftotext's layout mode (lines as printed);
# the verdict then says so.
docx_check() { # style
  c=${CONSUMERS:-}; [ $slow = 1 ] || c=--no-consumers
  rm -rf "$tmp/keep"
  # shellcheck disable=SC2086
  "$CHECK_KIT/check-docx.sh" --keep "$tmp/keep" $c "$out" >"$tmp/log" 2>&1
  rc=$?
  [ $rc = 1 ] || return $rc
  reasons=$(grep 'check-docx: FAIL:' "$tmp/log" | grep -v 'FAIL: /' | sort -u)
  [ "$reasons" = "check-docx: FAIL: text missing from LibreOffice's rendering" ] || return 1
  [ -f "$tmp/keep/paragraphs.txt" ] || return 1
  # pdftotext may lose the dashes around a page number, so a line of a
  # lone number goes too; but a line of text can also end in a number that
  # wrapped alone (the 3 of "廁所蹲式X 3"), so layout mode is also tried
  # dropping only "— N —".
  nopage='^[[:space:]]*(—[[:space:]]*)?[0-9]+([[:space:]]*—)?[[:space:]]*$'
  dashed='^[[:space:]]*—[[:space:]]*[0-9]+[[:space:]]*—[[:space:]]*$'
  tr '\f' '\n' < "$tmp/keep/pdf.txt" | grep -Ev "$nopage" > "$tmp/keep/pdf-body.txt"
  pdf=$(ls "$tmp"/keep/lo/*.pdf 2>/dev/null | head -1)
  if [ -n "$pdf" ]; then
    pdftotext -layout -enc UTF-8 "$pdf" - | tr '\f' '\n' > "$tmp/keep/layout-all.txt"
    grep -Ev "$nopage" "$tmp/keep/layout-all.txt" > "$tmp/keep/pdf-layout.txt"
    grep -Ev "$dashed" "$tmp/keep/layout-all.txt" > "$tmp/keep/pdf-layout-dashed.txt"
  fi
  for t in pdf-body pdf-layout pdf-layout-dashed; do
    [ -s "$tmp/keep/$t.txt" ] || continue
    if python3 "$CHECK_KIT/text-preserved.py" "$tmp/keep/paragraphs.txt" \
        "$tmp/keep/$t.txt" >>"$tmp/log" 2>&1; then
      note="$note PDF text passed ${t#pdf-}"
      return 0
    fi
  done
  return 1
}

# pandoc must read the pandoc-json without a single message and give back
# the article's headings, points and text (tests/pandoc_check.py); the
# sample also goes on to ODT, LaTeX, RST and Org, again without a message.
pandoc_check() {
  # shellcheck disable=SC2086
  "$BIN" -q --force $fixture_args -t json -o "$tmp/tree.json" "$input" 2>>"$tmp/log" || return 1
  targets="json plain"
  [ $slow = 1 ] && case $base in sample.txt|000-seed.txt) targets="$targets odt latex rst org" ;; esac
  for to in $targets; do
    if ! pandoc -f json -t "$to" -o "$tmp/back.$to" "$out" 2>"$tmp/pandoc.err" ||
       [ -s "$tmp/pandoc.err" ]; then
      { echo "pandoc -f json -t $to:"; cat "$tmp/pandoc.err"; } >> "$tmp/log"
      return 1
    fi
  done
  python3 tests/pandoc_check.py "$tmp/tree.json" "$tmp/back.json" "$tmp/back.plain" \
    > "$tmp/pc" 2>&1
  rc=$?
  cat "$tmp/pc" >> "$tmp/log"
  note=$(tail -1 "$tmp/pc")
  return $rc
}

note=""
case $fmt in
  txt) convert && kit "$CHECK_KIT/check-txt.sh" "$out" ;;
  md) convert && kit "$CHECK_KIT/check-md.sh" ${LINT:-} "$out" ;;
  json) convert && kit python3 -m json.tool "$out" ;;
  pandoc-json) convert && pandoc_check ;;
  epub) a=${ACE:-}; [ $slow = 1 ] || a=--no-ace
        convert && kit "$CHECK_KIT/check-epub.sh" $a "$out" ;;
  docx) st=0
        for style in official plain; do
          convert --docx-style $style || { st=1; break; }
          docx_check; st=$?
          [ $st = 0 ] || { note="$note $style"; break; }
        done
        [ $st = 0 ] ;;
  *) echo "SKIP $fmt $input (no checker for this format)"; exit 0 ;;
esac
case $? in
  0) say PASS "$note" ;;
  2) say SKIP "checker could not run: $(grep -m1 -iE 'error|not found' "$tmp/log")" ;;
  *) say FAIL "$note" "$tmp/log" ;;
esac
