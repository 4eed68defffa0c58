#!/bin/sh
# convert.sh: --convert against the opencc command-line tool.  Every
# fixture and corpus article is converted with the four conversions from
# its script (s2t s2tw s2hk s2twp for Simplified articles, t2s tw2s hk2s
# tw2sp for Traditional ones); artconv's text (-t txt) must be what opencc
# makes of artconv's unconverted text, line for line, and the outline
# (-t json) must not change (tests/convert_check.py).  Needs opencc
# (Debian package opencc) and python3; without them it says so and skips,
# and with ARTCONV_REQUIRE_ALL=1 a skip fails.  VERBOSE=1 prints the
# figures of every run.
set -u
BIN=${BIN:-./artconv}
require=${ARTCONV_REQUIRE_ALL:-0}
have() { command -v "$1" >/dev/null 2>&1; }
for t in opencc python3; do
  if ! have $t; then
    echo "convert: SKIPPED - no $t (the comparison needs Debian's opencc and python3)"
    [ "$require" = 1 ] && exit 1
    exit 0
  fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-convert.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

inputs=$(ls fixtures/*.txt fixtures/*.html fixtures/*.htm fixtures/*.md 2>/dev/null | grep -v '\.expected\.')
if [ -n "${CORPUS:-}" ] && [ -f "$CORPUS/EXPECTED.tsv" ]; then
  inputs="$inputs $(ls "$CORPUS"/[0-9]*.txt "$CORPUS"/[0-9]*.html "$CORPUS"/[0-9]*.md 2>/dev/null)"
else
  echo "convert: corpus SKIPPED - no corpus (set CORPUS=path/to/corpus)"
  [ "$require" = 1 ] && exit 1
fi

pass=0 fail=0 same=0 allowed=0
for input in $inputs; do
  name=$(basename "$input")
  rm -rf "$tmp/plain"
  if ! "$BIN" -q --force -t txt,json -o "$tmp/plain/" "$input" 2>"$tmp/err"; then
    echo "FAIL $name: artconv: $(tail -1 "$tmp/err")"; fail=$((fail + 1)); continue
  fi
  stem=${name%.*}
  case $(grep -o '"lang":"[^"]*"' "$tmp/plain/$stem.json" | head -1) in
    *zh-TW*|*zh-HK*|*zh-MO*|*zh-Hant*) convs="t2s tw2s hk2s tw2sp" ;;
    *) convs="s2t s2tw s2hk s2twp" ;;
  esac
  for conv in $convs; do
    rm -rf "$tmp/conv"
    if ! "$BIN" -q --force --convert "$conv" -t txt,json -o "$tmp/conv/" "$input" \
        2>"$tmp/err" ||
       ! opencc -c "$conv.json" -i "$tmp/plain/$stem.txt" -o "$tmp/ref.txt" 2>"$tmp/err"; then
      echo "FAIL $name $conv: $(tail -1 "$tmp/err")"; fail=$((fail + 1)); continue
    fi
    if python3 tests/convert_check.py "$tmp/plain/$stem.json" "$tmp/conv/$stem.json" \
        "$tmp/ref.txt" "$tmp/conv/$stem.txt" > "$tmp/out" 2>&1; then
      pass=$((pass + 1))
    else
      echo "FAIL $name $conv: $(cat "$tmp/out")"; fail=$((fail + 1))
    fi
    set -- $(sed -n 's/^lines \([0-9]*\) same, \([0-9]*\) same but.*/\1 \2/p' "$tmp/out")
    same=$((same + ${1:-0})); allowed=$((allowed + ${2:-0}))
    [ -n "${VERBOSE:-}" ] && echo "  $name $conv: $(cat "$tmp/out")"
  done
done
echo "convert: $pass passed, $fail failed ($same lines identical to opencc, $allowed identical but for web addresses or metadata labels)"
[ "$fail" = 0 ]
