#!/bin/sh
# corpus.sh: structure scores on the real articles in $CORPUS (see
# ../shared/corpus/README.md): title, level-1/level-2 heading counts and
# point counts against EXPECTED.tsv, and, for the articles SPANS.tsv
# lists, the body kept whole from its first to its last sentence and the
# named line of site chrome dropped.  Every article must be exact: a miss
# fails the step.  CORPUS_HALF=even|odd scores every other article only
# (tool_corpus_score -h), for developing rules on one half and measuring
# them on the other.
# Skips, saying so, when the corpus is absent; with ARTCONV_REQUIRE_ALL=1
# (CI) a missing corpus is a failure.
set -u
TOOLS=${TOOLS:-build/tests}
if [ -z "${CORPUS:-}" ] || [ ! -f "$CORPUS/EXPECTED.tsv" ]; then
  echo "corpus: SKIPPED - no corpus (set CORPUS=path/to/corpus)"
  [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && exit 1
  exit 0
fi
if [ -n "${CORPUS_HALF:-}" ]; then
  exec "$TOOLS/tool_corpus_score" -h "$CORPUS_HALF" "$CORPUS"
fi
"$TOOLS/tool_corpus_score" -s "$CORPUS"
