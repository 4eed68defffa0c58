#!/bin/sh
# golden.sh [--regen]: golden-file tests.
#
# Every input fixture fixtures/NAME.{txt,html,htm,md,docx} (not *.expected.*)
# is converted with the flags in fixtures/NAME.args (if present) for each
# format that has an expectation beside it:
#   fixtures/NAME.expected.FMT        text formats (txt, md, json)
#   fixtures/NAME.expected.FMT.d/     zip formats (artconv --list-formats=long
#                                     says which): the entries, plus
#                                     ZIP-ENTRIES (order, method, size)
# and compared byte for byte.  Every run has --svg-cover: the EPUB's PNG
# cover's bytes depend on the fonts installed (test_epub and engines.sh
# check it), and the other formats ignore it.  --regen shows each difference and, when
# confirmed (a terminal answer, or YES=1), replaces the expectation;
# REGEN_FORMATS="txt md" also creates missing expectations; ONLY="epub"
# limits a run to the listed formats.
# Environment: BIN (artconv), TOOLS (folder with tool_zipdump).
set -u
BIN=${BIN:-./artconv}
TOOLS=${TOOLS:-build/tests}
regen=0
[ "${1:-}" = --regen ] && regen=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
# The zip formats, from the writer registry.
zips=" $("$BIN" --list-formats=long | awk -F '\t' '$3 == "zip" { printf "%s ", $1 }')"

confirm() {
  [ "${YES:-}" = 1 ] && return 0
  [ -t 0 ] || { echo "  (not replaced: run with YES=1 or from a terminal)"; return 1; }
  printf '  replace %s? [y/N] ' "$1"; read -r ans; [ "$ans" = y ]
}

# Expands a zip into a folder with its entry listing.
unpack() {
  mkdir -p "$2"
  "$TOOLS/tool_zipdump" "$1" > "$2/ZIP-ENTRIES" &&
  "$TOOLS/tool_zipdump" -x "$2" "$1"
}

for input in fixtures/*.txt fixtures/*.html fixtures/*.htm fixtures/*.md fixtures/*.docx; do
  [ -f "$input" ] || continue
  case $input in *.expected.*) continue ;; esac
  name=${input%.*}
  args=""
  [ -f "$name.args" ] && args=$(cat "$name.args")
  formats=""
  for exp in "$name".expected.*; do
    [ -e "$exp" ] || continue
    f=${exp#"$name".expected.}; f=${f%.d}
    formats="$formats $f"
  done
  if [ $regen = 1 ]; then
    for f in ${REGEN_FORMATS:-}; do
      case " $formats " in *" $f "*) ;; *) formats="$formats $f" ;; esac
    done
  fi
  for f in $formats; do
    if [ -n "${ONLY:-}" ]; then
      case " $ONLY " in *" $f "*) ;; *) continue ;; esac
    fi
    out="$tmp/$(basename "$name").$f"
    fargs="$args --svg-cover"
    # shellcheck disable=SC2086
    if ! SOURCE_DATE_EPOCH= "$BIN" -q --force -t "$f" -o "$out" $fargs "$input" 2>"$tmp/err"; then
      echo "FAIL $input -> $f: artconv failed: $(tail -1 "$tmp/err")"
      fail=$((fail + 1)); continue
    fi
    case $zips in
      *" $f "*)
        exp="$name.expected.$f.d"; got="$tmp/$(basename "$name").$f.d"
        rm -rf "$got"; unpack "$out" "$got"
        if [ -d "$exp" ] && diff -r "$exp" "$got" >"$tmp/diff" 2>&1; then
          pass=$((pass + 1)); continue
        fi ;;
      *)
        exp="$name.expected.$f"; got="$out"
        if [ -f "$exp" ] && cmp -s "$exp" "$got"; then
          pass=$((pass + 1)); continue
        fi
        diff -u "$exp" "$got" >"$tmp/diff" 2>&1 ;;
    esac
    if [ $regen = 1 ]; then
      echo "changed: $exp"; head -60 "$tmp/diff"
      if confirm "$exp"; then
        rm -rf "$exp"; cp -R "$got" "$exp"; echo "  replaced"
      fi
      continue
    fi
    echo "FAIL $input -> $f (differs from $exp):"
    head -40 "$tmp/diff" | sed 's/^/  /'
    fail=$((fail + 1))
  done
done
[ $regen = 1 ] && exit 0
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
