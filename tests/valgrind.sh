#!/bin/sh
# valgrind.sh: every fixture through every format, pictures, a batch and
# a combined book, and the unit tests, under valgrind's memcheck; any
# error or leak fails.
set -u
BIN=${BIN:-./artconv}
TOOLS=${TOOLS:-build/tests}
command -v valgrind >/dev/null || { echo "valgrind: SKIPPED - valgrind not installed"; [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && exit 1; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-vg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions=tests/valgrind.supp"
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
# Pictures (the confined loader), a batch with workers, --combine.
for args in "--images --resource-path fixtures -t epub,docx -o $tmp/img/ fixtures/images/page.html" \
    "-j 2 -t txt,md,json,epub,docx -o $tmp/batch/ fixtures/sample.txt fixtures/table.md fixtures/hidden-seo.html" \
    "--combine -t epub,docx -o $tmp/book/ fixtures/sample.txt fixtures/table.md"; do
  # shellcheck disable=SC2086
  if ! $vg "$BIN" -q --force $args 2>"$tmp/log"; then
    echo "FAIL: valgrind artconv $args"; head -30 "$tmp/log"; fail=1
  fi
done
# The fixtures' own options (--convert, --vertical) and their formats.
for args in fixtures/*.args; do
  [ -f "$args" ] || continue
  input=$(ls "${args%.args}".* | grep -v -e '\.args$' -e '\.expected\.' | head -1)
  # shellcheck disable=SC2046
  if ! $vg "$BIN" -q --force $(cat "$args") -t "$("$BIN" --list-formats | tr '\n' ',' | sed 's/,$//')" \
      -o "$tmp/args/" "$input" 2>"$tmp/log"; then
    echo "FAIL: valgrind $input $(cat "$args")"; head -30 "$tmp/log"; fail=1
  fi
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
