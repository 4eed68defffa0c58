#!/bin/sh
# corpus.sh: structure scores on the real articles in $CORPUS (see
# ../shared/corpus/README.md): title, level-1/level-2 heading counts and
# point counts against EXPECTED.tsv.  The project's sample must be exact;
# other misses are reported (and explained in the project notes).
# Skips, saying so, when the corpus is absent; with ARTCONV_REQUIRE_ALL=1
# (CI) a missing corpus is a failure.
set -u
TOOLS=${TOOLS:-build/tests}
if [ -z "${CORPUS:-}" ] || [ ! -f "$CORPUS/EXPECTED.tsv" ]; then
  echo "corpus: SKIPPED - no corpus (set CORPUS=path/to/corpus)"
  [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && exit 1
  exit 0
fi
"$TOOLS/tool_corpus_score" "$CORPUS"
