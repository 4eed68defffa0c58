#!/bin/sh
# tests/layers.sh - the library's layers only depend downwards.
#
# Every folder has a rank; a source file may include headers of its own
# folder and of folders ranked below it, never above or beside it, so
# that no two folders depend on each other.  Ranks, lowest first (the
# README's "Layout" section explains each):
#
#   include         0  the public header, artconv.h (includes nothing of ours)
#   src/tree        1  document tree, buffers, UTF-8, escaping, allocation
#   src/io          2  files, zip and PNG output, resources, dates
#   src/analyze     3  shaping, outline, typography, metadata, scripts
#   src/read        4  the reader interface, encodings, plain text
#   src/read/html   5  web pages
#   src/read/md     6  Markdown (raw HTML inside it goes through read/html)
#   src/read/docx   6  Word files
#   formats         5  the writer interface and the single-file writers
#   formats/epub    6  EPUB
#   formats/docx    6  DOCX (any formats/NAME/ folder ranks 6)
#   src             7  the public API and the pipeline over all of them
#   cli             8  the command line: a user of the library like any
#                      other, it includes include/ (artconv.h) and its own
#                      headers, nothing of src/ or formats/
#
# Readers (src/read*) and writers (formats*) never include each other.
# tests/ may include anything.  Run from the project's top folder.
set -u
rank() {
  case $1 in
    include) echo 0 ;; src/tree) echo 1 ;; src/io) echo 2 ;;
    src/analyze) echo 3 ;; src/read) echo 4 ;; src/read/html) echo 5 ;;
    src/read/md|src/read/docx) echo 6 ;; formats) echo 5 ;;
    formats/*) echo 6 ;; src) echo 7 ;; cli) echo 8 ;;
    *) echo "" ;;
  esac
}
bad=0 n=0
for f in $(find include src formats cli -name '*.[ch]' | sort); do
  dir=$(dirname "$f")
  r=$(rank "$dir")
  [ -n "$r" ] || { echo "layers: FAIL: $dir has no rank (add it to tests/layers.sh)"; bad=$((bad + 1)); continue; }
  for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
    n=$((n + 1))
    if [ -f "$dir/$inc" ]; then target=$dir/$inc
    elif [ -f "src/$inc" ]; then target=src/$inc
    elif [ -f "formats/$inc" ]; then target=formats/$inc
    elif [ -f "include/$inc" ]; then target=include/$inc
    else echo "layers: FAIL: $f includes \"$inc\", found nowhere on the include path"; bad=$((bad + 1)); continue
    fi
    case $inc in ../*) echo "layers: FAIL: $f includes \"$inc\" by a relative path"; bad=$((bad + 1)); continue ;; esac
    tdir=$(dirname "$target")
    [ "$tdir" = "$dir" ] && continue
    t=$(rank "$tdir")
    # Readers and writers are siblings: neither may include the other.
    case $dir:$tdir in src/read*:formats*|formats*:src/read*) t=$r ;; esac
    # The command line sees the public header alone.
    case $dir:$tdir in
      cli:include) ;;
      cli:*) echo "layers: FAIL: $f includes $target: cli/ may include only include/ and cli/"; bad=$((bad + 1)); continue ;;
    esac
    if [ -z "$t" ] || [ "$t" -ge "$r" ]; then
      echo "layers: FAIL: $f ($dir, rank $r) includes $target ($tdir, rank ${t:-none})"
      bad=$((bad + 1))
    fi
  done
done
echo "layers: $n includes checked, $bad pointing up or sideways"
[ "$bad" -eq 0 ]
