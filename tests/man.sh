#!/bin/sh
# man.sh [--update]: the man page's section on the output formats' options
# is generated from the writers' option tables (artconv --help-man) and
# sits between the GENERATED markers of artconv.1.  Without --update,
# fails if artconv.1 is out of date; with it (make man), rewrites it.
# Environment: BIN (artconv).
set -u
BIN=${BIN:-./artconv}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$BIN" --help-man > "$tmp/section" || { echo "man: FAIL: artconv --help-man"; exit 1; }
awk -v section="$tmp/section" '
  /^\.\\" BEGIN GENERATED/ { print; while ((getline l < section) > 0) print l; skip = 1; next }
  /^\.\\" END GENERATED/ { skip = 0 }
  !skip { print }' artconv.1 > "$tmp/artconv.1"
if [ "${1:-}" = --update ]; then
  cmp -s artconv.1 "$tmp/artconv.1" || cp "$tmp/artconv.1" artconv.1
  exit 0
fi
if ! cmp -s artconv.1 "$tmp/artconv.1"; then
  echo "man: FAIL: artconv.1 is out of date with the writers' option tables (run make man):"
  diff -u artconv.1 "$tmp/artconv.1" | head -30
  exit 1
fi
echo "man: the formats' options section is up to date"
