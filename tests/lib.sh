#!/bin/sh
# lib.sh: libartconv as a user gets it.  Installs into a temporary DESTDIR
# with PREFIX=/usr, then:
#   - the installed files: binary, man page, header, libartconv.so.X.Y.Z
#     with its soname links, libartconv.a, artconv.pc; make uninstall
#     removes them all;
#   - the exports: only ac_ symbols in the shared library's dynamic table
#     and among the static archive's globals (a program of its own with a
#     buf_put links statically); no library object frees behind the
#     allocator's back (src/tree/alloc.h);
#   - examples/convert.c, compiled with pkg-config against the install,
#     writes the sample's DOCX and Markdown byte for byte as artconv does,
#     linked shared and static;
#   - tests/apiconv.c (the public API only) equals artconv on every
#     fixture in every format, with options (--vertical, --svg-cover,
#     --template, --outline, --levels, --convert, --images and
#     --resource-path among them), as a book, with SOURCE_DATE_EPOCH, and
#     in time zones with daylight saving;
#   - a program including artconv.h, <cmark.h> and <libxml/tree.h>
#     compiles with -Wall -Wextra -Werror.
set -u
BIN=${BIN:-./artconv}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
BUILD=${BUILD:-build}
CC=${CC:-cc}
MAKE=${MAKE:-make}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-lib.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# --- install ---------------------------------------------------------------
if ! $MAKE --no-print-directory -s BUILD="$BUILD" install DESTDIR="$root" PREFIX=/usr \
    >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"; echo "libtest: make install failed"; exit 1
fi
version=$(sed -n 's/^#define AC_VERSION_STRING[^"]*"\(.*\)"/\1/p' include/artconv.h)
major=${version%%.*}
lib=$root/usr/lib
for f in usr/bin/artconv usr/share/man/man1/artconv.1 usr/include/artconv.h \
    usr/lib/libartconv.so.$version usr/lib/libartconv.a usr/lib/pkgconfig/artconv.pc; do
  [ -f "$root/$f" ] && ok || bad "make install did not install /$f"
done
[ "$(readlink "$lib/libartconv.so.$major")" = "libartconv.so.$version" ] && ok ||
  bad "libartconv.so.$major does not link to libartconv.so.$version"
[ "$(readlink "$lib/libartconv.so")" = "libartconv.so.$major" ] && ok ||
  bad "libartconv.so does not link to libartconv.so.$major"
soname=$(readelf -d "$lib/libartconv.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libartconv.so.$major" ] && ok || bad "soname is '$soname', not libartconv.so.$major"
grep -q "^prefix=/usr$" "$lib/pkgconfig/artconv.pc" && ok || bad "artconv.pc lacks prefix=/usr"

# --- exports ---------------------------------------------------------------
nm -D --defined-only "$lib/libartconv.so.$version" | awk '{ print $NF }' > "$tmp/dynsym"
nexp=$(wc -l < "$tmp/dynsym")
if grep -v '^ac_' "$tmp/dynsym" > "$tmp/other"; then
  bad "libartconv.so exports non-ac_ symbols: $(head -5 "$tmp/other" | tr '\n' ' ')"
else ok; fi
nm -g --defined-only "$lib/libartconv.a" | awk 'NF == 3 { print $3 }' > "$tmp/stsym"
if grep -v '^ac_' "$tmp/stsym" > "$tmp/other"; then
  bad "libartconv.a has non-ac_ globals: $(head -5 "$tmp/other" | tr '\n' ' ')"
else ok; fi
sort "$tmp/dynsym" > "$tmp/dynsym.sorted"
sort "$tmp/stsym" > "$tmp/stsym.sorted"
cmp -s "$tmp/dynsym.sorted" "$tmp/stsym.sorted" && ok ||
  bad "the shared and static libraries export different symbols"
for h in $(sed -n 's/^AC_EXPORT [^(]*[ *]\(ac_[a-z_]*\)(.*/\1/p' include/artconv.h); do
  grep -qx "$h" "$tmp/dynsym" || bad "$h is declared in artconv.h but not exported"
done
# Freeing behind the allocator's back would let an abandoned call free a
# block twice: only alloc.o and recover.o may call free() or realloc().
direct=""
for o in $(find "$BUILD/src" "$BUILD/formats" -name "*.o"); do
  case $o in */alloc.o|*/recover.o|*/main.o) continue ;; esac
  nm -u "$o" | grep -Eq ' (free|realloc)$' && direct="$direct $o"
done
[ -z "$direct" ] && ok || bad "these call free() or realloc() directly:$direct"

# --- the example, through pkg-config ---------------------------------------
pc() {
  PKG_CONFIG_SYSROOT_DIR=$root PKG_CONFIG_PATH=$lib/pkgconfig \
    PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1 "$PKG_CONFIG" "$@"
}
cflags=$(pc --cflags artconv) && libs=$(pc --libs artconv) ||
  { echo "libtest: pkg-config does not find artconv"; exit 1; }
case "$cflags $libs" in
  *"-I$root/usr/include"*"-L$lib"*) ok ;;
  *) bad "pkg-config gives '$cflags $libs', not the DESTDIR's include and lib folders" ;;
esac
# shellcheck disable=SC2086
if $CC -std=c11 -Wall -Wextra -Werror examples/convert.c $cflags $libs -o "$tmp/convert" 2>"$tmp/cc.log"; then
  ok
else
  cat "$tmp/cc.log"; bad "examples/convert.c does not build against the install"
fi
# The library is not in the loader's path: point at it (a packaged
# install in /usr/lib needs neither this nor an rpath).
run() { LD_LIBRARY_PATH=$lib "$@"; }
run ldd "$tmp/convert" | grep -q "$lib/libartconv.so.$major" && ok ||
  bad "the example does not load the installed libartconv.so.$major"
mkdir -p "$tmp/cli"
"$BIN" -q -t docx,md -o "$tmp/cli/" fixtures/sample.txt || bad "artconv failed on the sample"
if run "$tmp/convert" fixtures/sample.txt "$tmp/example"; then
  for x in docx md; do
    cmp -s "$tmp/cli/sample.$x" "$tmp/example.$x" && ok ||
      bad "the example's $x differs from artconv's"
  done
  echo "libtest: example (shared): sample.docx $(wc -c < "$tmp/example.docx") bytes," \
    "sample.md $(wc -c < "$tmp/example.md") bytes, identical to artconv's"
else
  bad "the example failed on the sample"
fi
# Statically: the archive, the libraries it needs (the packages artconv.pc
# lists as Requires.private, linked as shared libraries: a fully static
# link would also need the static archives of libzip's own dependencies,
# bzip2 and OpenSSL, which a machine without them cannot provide), and
# names of the program's own that the library uses inside (buf_put,
# writers) - they must not clash.
deps=$(pc --print-requires-private artconv | awk '{print $1}' | tr '\n' ' ')
printf 'void buf_put(void);\nvoid buf_put(void) {}\nint writers = 1;\nint doc_free;\n' > "$tmp/mine.c"
# shellcheck disable=SC2086
if $CC -std=c11 -Wall -Werror examples/convert.c "$tmp/mine.c" $cflags "$lib/libartconv.a" \
    $(pc --libs $deps) -pthread -o "$tmp/convert-static" 2>"$tmp/cc.log"; then
  if "$tmp/convert-static" fixtures/sample.txt "$tmp/static"; then
    for x in docx md; do
      cmp -s "$tmp/cli/sample.$x" "$tmp/static.$x" && ok ||
        bad "the statically linked example's $x differs from artconv's"
    done
  else
    bad "the statically linked example failed"
  fi
else
  cat "$tmp/cc.log"; bad "the example does not link statically with its own buf_put, writers, doc_free"
fi

# --- the API against the command line, everywhere --------------------------
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L tests/apiconv.c $cflags $libs \
  -o "$tmp/apiconv" 2>"$tmp/cc.log" || { cat "$tmp/cc.log"; bad "tests/apiconv.c does not build"; }
formats=$("$BIN" --list-formats)
same=0
# compare NAME "artconv options" "apiconv options" format inputs...
compare() {
  name=$1 cliopts=$2 apiopts=$3 fmt=$4; shift 4
  rm -rf "$tmp/c"; mkdir -p "$tmp/c/api"
  # shellcheck disable=SC2086
  # A format's files end in its extension, not always its name
  # (pandoc-json writes NAME.pandoc.json): the library says which.
  ext=$(run "$tmp/apiconv" -e "$fmt") || { bad "apiconv -e $fmt failed"; return; }
  if [ $# -gt 1 ]; then
    "$BIN" -q --combine $cliopts -t "$fmt" -o "$tmp/c/book.$ext" "$@" 2>/dev/null
    cli=$tmp/c/book.$ext
  else
    "$BIN" -q $cliopts -t "$fmt" -o "$tmp/c/" "$1" 2>/dev/null
    cli=$tmp/c/$(basename "${1%.*}").$ext
  fi
  [ -f "$cli" ] || { bad "artconv $name $fmt wrote no $(basename "$cli")"; return; }
  # shellcheck disable=SC2086
  api=$tmp/c/api/$(basename "$cli")
  run "$tmp/apiconv" $apiopts "$fmt" "$api" "$@" 2>"$tmp/api.log" ||
    { bad "apiconv $name $fmt: $(head -1 "$tmp/api.log")"; return; }
  if cmp -s "$cli" "$api"; then same=$((same + 1)); ok; else bad "API $name $fmt differs from artconv"; fi
}
for input in fixtures/*.txt fixtures/*.html fixtures/*.md fixtures/*.docx; do
  case $input in *.expected.*) continue ;; esac
  for fmt in $formats; do
    compare "$input" "" "" "$fmt" "$input"
  done
done
for fmt in $formats; do
  compare "options" "--points split --leads plain --docx-style plain --toc --wrap 40 --keep-punctuation -M author=某某" \
    "-p split -l plain -s plain -c -w 40 -k -M author=某某" "$fmt" fixtures/sample.txt
  # artconv sorts its inputs by path; the API keeps the order given.
  compare "book" "" "" "$fmt" fixtures/list-tail.html fixtures/sample.txt fixtures/table.md
done
# The options of the merged branches, each against artconv's own.
printf '<!DOCTYPE html>\n<html lang="$lang$">\n<title>$title$</title>\n<nav>$toc$</nav>\n<main>$body$</main>\n' \
  > "$tmp/page.html"
compare "--vertical" "--vertical" "-V" epub fixtures/sample.txt
compare "--svg-cover" "--svg-cover" "-S" epub fixtures/sample.txt
compare "--vertical --svg-cover" "--vertical --svg-cover" "-V -S" epub fixtures/list-tail.html
compare "--template" "--template $tmp/page.html" "-P $tmp/page.html" html fixtures/sample.txt
for fmt in md json html docx; do
  compare "--outline none" "--outline none" "-O none" "$fmt" fixtures/sample.txt
  compare "--levels" "--levels （一）,一、" "-L （一）,一、" "$fmt" fixtures/sample.txt
  compare "--levels 第一章" "--levels 第一章" "-L 第一章" "$fmt" fixtures/sample.txt
  compare "--convert s2twp" "--convert s2twp" "-C s2twp" "$fmt" fixtures/sample.txt
done
# --images: the confined loader from the article's folder, then from a
# --resource-path folder for a copy of the page that lacks its picture.
mkdir -p "$tmp/elsewhere"
cp fixtures/images/page.html "$tmp/elsewhere/page.html"
for fmt in epub docx html; do
  compare "--images" "--images" "-i" "$fmt" fixtures/images/page.html
  grep -aq 'img001.png\|media/image1.png\|data:image/png' "$cli" && ok ||
    bad "--images: artconv's $fmt of the image page has no picture"
  compare "--images (not found)" "--images" "-i" "$fmt" "$tmp/elsewhere/page.html"
  compare "--resource-path" "--images --resource-path fixtures/images" \
    "-i -R fixtures/images" "$fmt" "$tmp/elsewhere/page.html"
  grep -aq 'img001.png\|media/image1.png\|data:image/png' "$cli" && ok ||
    bad "--resource-path: artconv's $fmt has no picture"
done
# A Word file's own pictures (the reader keeps them under --images).
for fmt in epub docx html; do
  compare "--images (Word)" "--images" "-i" "$fmt" fixtures/word-official.docx
  grep -aq 'img001.png\|media/image1.png\|data:image/png' "$cli" && ok ||
    bad "--images: artconv's $fmt of the Word file has no picture"
done
for fmt in epub docx; do
  SOURCE_DATE_EPOCH=1700000000 compare "SOURCE_DATE_EPOCH" "" "" "$fmt" fixtures/sample.txt
done
# An article dated in the hour New York skips, 2021-03-14 02:30 there
# (10:30 in Beijing): zip times must not move with the host's zone.
printf '夏令时测试\n\n2021-03-14 10:30　来源：测试\n\n正文。\n' > "$tmp/dst.txt"
mkdir -p "$tmp/utc"
for fmt in epub docx; do
  TZ=UTC run "$tmp/apiconv" "$fmt" "$tmp/utc/dst.$fmt" "$tmp/dst.txt" || bad "apiconv in UTC"
done
for tz in America/New_York Australia/Lord_Howe Asia/Shanghai; do
  for fmt in epub docx; do
    TZ=$tz compare "TZ=$tz" "" "" "$fmt" "$tmp/dst.txt"
    cmp -s "$tmp/utc/dst.$fmt" "$tmp/c/api/dst.$fmt" && ok ||
      bad "the API's $fmt under TZ=$tz differs from its $fmt in UTC"
  done
done
echo "libtest: API = artconv on $same outputs (every fixture in every format, options, books," \
  "vertical, SVG cover, template, outline, levels, convert, images, resource path, SOURCE_DATE_EPOCH, time zones)"

# --- headers side by side ---------------------------------------------------
cat > "$tmp/together.c" <<'EOF'
#include <artconv.h>
#include <cmark.h>
#include <libxml/tree.h>

int
main(void)
{
	cmark_node	*n = cmark_node_new(CMARK_NODE_DOCUMENT);
	xmlDocPtr	 x = xmlNewDoc((const xmlChar *)"1.0");
	int		 ok = n != NULL && x != NULL && ac_format_count() > 0 &&
			    ac_version() != NULL;

	cmark_node_free(n);
	xmlFreeDoc(x);
	return ok ? 0 : 1;
}
EOF
# shellcheck disable=SC2086
if $CC -std=c11 -Wall -Wextra -Werror "$tmp/together.c" $cflags \
    $($PKG_CONFIG --cflags libcmark libxml-2.0) $libs $($PKG_CONFIG --libs libcmark libxml-2.0) \
    -o "$tmp/together" 2>"$tmp/cc.log" && run "$tmp/together"; then
  ok
else
  cat "$tmp/cc.log"; bad "artconv.h with <cmark.h> and <libxml/tree.h> does not build"
fi

# --- uninstall ---------------------------------------------------------------
$MAKE --no-print-directory -s BUILD="$BUILD" uninstall DESTDIR="$root" PREFIX=/usr >/dev/null 2>&1 ||
  bad "make uninstall failed"
left=$(find "$root" ! -type d | sed "s|^$root||")
[ -z "$left" ] && ok || bad "make uninstall left: $left"

echo "libtest: libartconv.so exports $nexp symbols, all ac_; $pass passed, $fail failed"
[ "$fail" = 0 ]
