#!/bin/sh
# make-docx.sh: builds the DOCX fixtures fixtures/NAME.docx from their
# parts in tests/docx/NAME/ (plain XML, easy to review and edit).  The
# zips are reproducible: entries in a fixed order, every file dated
# 2000-01-01, no extra fields.  Needs Info-ZIP zip.  Run after editing a
# part, then `make regen` to review the golden outputs.
set -eu
cd "$(dirname "$0")/.."
command -v zip >/dev/null || { echo "make-docx: zip not installed" >&2; exit 1; }
for dir in tests/docx/*/; do
  name=$(basename "$dir")
  out="$PWD/fixtures/$name.docx"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-docx.XXXXXX")
  cp -R "$dir". "$tmp/"
  find "$tmp" -exec touch -d '2000-01-01 00:00:00 UTC' {} +
  rm -f "$out"
  # [Content_Types].xml first, as Word writes it; then the rest, sorted.
  (cd "$tmp" && { echo '[Content_Types].xml'; find . -type f ! -name '[[]Content_Types].xml' | sed 's|^\./||' | LC_ALL=C sort; } |
    TZ=UTC zip -X -D -q -9 "$out" -@)
  rm -rf "$tmp"
  echo "make-docx: fixtures/$name.docx"
done
