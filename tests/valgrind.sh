#!/bin/sh
# valgrind.sh: the sample through every format, and the unit tests, under
# valgrind's memcheck; any error or leak fails.
set -u
BIN=${BIN:-./artconv}
TOOLS=${TOOLS:-build/tests}
command -v valgrind >/dev/null || { echo "valgrind: SKIPPED - valgrind not installed"; [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && exit 1; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-vg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fail=0
for fmt in $("$BIN" --list-formats); do
  for input in fixtures/*.txt fixtures/*.html fixtures/*.md fixtures/*.docx; do
    [ -f "$input" ] || continue
    case $input in *.expected.*) continue ;; esac
    if ! $vg "$BIN" -q --force -t "$fmt" -o "$tmp/out.$fmt" "$input" 2>"$tmp/log"; then
      echo "FAIL: valgrind $input -> $fmt"; head -30 "$tmp/log"; fail=1
    fi
  done
done
for t in "$TOOLS"/test_*; do
  case $t in *.log) continue ;; esac
  [ -x "$t" ] || continue
  if ! $vg "$t" >"$tmp/log" 2>&1; then
    echo "FAIL: valgrind $t"; grep -E '==[0-9]+==|FAILED' "$tmp/log" | head -30; fail=1
  fi
done
[ $fail = 0 ] && echo "valgrind: no errors, no leaks"
exit $fail
