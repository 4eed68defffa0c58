#!/bin/sh
# check_html.sh INPUT...: converts each input to -t html, to -t html with
# a --template, and to -t html-fragment (framed by a minimal page) and
# validates all of them in one run of the Nu Html Checker (vnu.jar: one
# JVM start for every file).  Any error or warning fails; vnu's info
# messages are shown, not counted.  Prints "check_html: N pages, vnu: …".
# Exit 0 pass, 1 fail, 2 vnu or java not found (the caller says SKIPPED).
# vnu is looked for in $VNU_JAR, the npm package vnu-jar under
# /usr/local/lib/artconv-node (.ci/install-deps ci) or $CHECK_NODE_DIR,
# and a `vnu` command.
set -u
BIN=${BIN:-./artconv}
vnu=""
for j in "${VNU_JAR:-}" /usr/local/lib/artconv-node/node_modules/vnu-jar/build/dist/vnu.jar \
    "${CHECK_NODE_DIR:-/usr/local/lib/check-node}/node_modules/vnu-jar/build/dist/vnu.jar"; do
  [ -n "$j" ] && [ -f "$j" ] && command -v java >/dev/null 2>&1 && { vnu="java -jar $j"; break; }
done
[ -z "$vnu" ] && command -v vnu >/dev/null 2>&1 && vnu=vnu
[ -n "$vnu" ] || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/artconv-html.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/site.tpl" <<'TPL'
<!DOCTYPE html>
<html lang="$lang$">
<head>
<meta charset="utf-8">
<title>$title$ - 网站</title>
<style>$css$</style>
</head>
<body>
<header><p>网站的页眉</p></header>
<main>
$header$
$if(toc)$$toc$$else$<p>（无目录）</p>$endif$
$body$
</main>
</body>
</html>
TPL
# The frame a site puts a fragment in; the site knows its page's language
# (here: the one artconv gives the whole page).
frame() { # lang
  printf '<!DOCTYPE html>\n<html lang="%s">\n<head><meta charset="utf-8"><title>片段</title></head>\n<body><main><h1>页面</h1>\n' "$1"
}
i=0 fail=0
for input in "$@"; do
  i=$((i + 1))
  "$BIN" -q --force -t html -o "$tmp/$i.html" "$input" || { echo "FAIL html $input: artconv"; fail=1; }
  "$BIN" -q --force -t html --template "$tmp/site.tpl" -o "$tmp/$i.tpl.html" "$input" ||
    { echo "FAIL html --template $input: artconv"; fail=1; }
  lang=$(sed -n 's/.*<html[^>]* lang="\([^"]*\)".*/\1/p' "$tmp/$i.html" | head -1)
  { frame "${lang:-zh-CN}"; "$BIN" -q -t html-fragment "$input"; echo '</main></body></html>'; } > "$tmp/$i.frag.html" ||
    { echo "FAIL html-fragment $input: artconv"; fail=1; }
done
$vnu --stdout --format gnu "$tmp"/*.html > "$tmp/vnu.log" 2>&1
errors=$(grep -Ec ': (error|fatal|warning|info warning):' "$tmp/vnu.log")
infos=$(grep -c ': info:' "$tmp/vnu.log")
grep -E ': (error|fatal|warning|info warning):' "$tmp/vnu.log" | head -20
echo "check_html: $(ls "$tmp"/*.html | wc -l) pages of $i inputs, vnu: $errors errors or warnings, $infos info messages"
[ "$errors" = 0 ] && [ $fail = 0 ]
