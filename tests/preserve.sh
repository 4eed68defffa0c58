#!/bin/sh
# preserve.sh: "nothing lost" over every fixture and corpus article and
# every registered format (tool_preserve: text extracted back from each
# output, including unzipped EPUB/DOCX, must hold every character of the
# article in order).  The sample is also checked against its body text
# with the site chrome named explicitly.
set -u
TOOLS=${TOOLS:-build/tests}
fail=0
inputs=$(ls fixtures/*.txt fixtures/*.html fixtures/*.htm fixtures/*.md fixtures/*.docx 2>/dev/null | grep -v '\.expected\.')
# shellcheck disable=SC2086
"$TOOLS/tool_preserve" $inputs > /tmp/artconv-preserve.$$ 2>&1 || fail=1
if [ -n "${CORPUS:-}" ] && [ -f "$CORPUS/EXPECTED.tsv" ]; then
  "$TOOLS/tool_preserve" "$CORPUS"/[0-9]*.txt "$CORPUS"/[0-9]*.html "$CORPUS"/[0-9]*.md \
    >> /tmp/artconv-preserve.$$ 2>&1 || fail=1
  "$TOOLS/tool_preserve" -b "$CORPUS/000-seed.body.txt" \
    -x 设为首页 -x 找回密码 -x 最新评论 -x 回顶部 -x "注册 | 登录" \
    -x 我们的二十大——离退休干部对党的心声表白 -x 查看内容 \
    "$CORPUS/000-seed.txt" >> /tmp/artconv-preserve.$$ 2>&1 || fail=1
else
  echo "preserve: corpus SKIPPED - no corpus (set CORPUS=path/to/corpus)"
  [ "${ARTCONV_REQUIRE_ALL:-0}" = 1 ] && fail=1
fi
checked=$(grep -c ' lost$' /tmp/artconv-preserve.$$)
lost=$(grep ' lost$' /tmp/artconv-preserve.$$ | grep -vc ' 0 lost$')
grep -v ' 0 lost$' /tmp/artconv-preserve.$$
echo "preserve: $checked file/format pairs checked, $lost with characters lost"
rm -f /tmp/artconv-preserve.$$
[ $fail = 0 ]
