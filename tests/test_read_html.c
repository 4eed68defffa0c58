/*
 * Unit tests: the web page reader (src/read/html/read_html.c and the html_*.c
 * modules): charsets, hidden and script text, title and metadata,
 * structure, and hostile pages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

/* Reads len bytes (NULs allowed) as a web page. */
static struct doc *
read_bytes(const char *s, size_t len, struct diag *d)
{
	struct pipeline_opts	 po;
	struct doc		*doc = NULL;

	memset(&po, 0, sizeof(po));
	po.read.max_depth = 128;
	po.reader = reader_find("html");
	if (pipeline_read(s, len, &po, &doc, d) != 0)
		return NULL;
	assert_int_equal(doc_check(doc), 0);
	return doc;
}

static struct doc *
read_html(const char *s)
{
	struct doc	*doc = tu_read(s, "html");

	assert_non_null(doc);
	assert_int_equal(doc_check(doc), 0);
	return doc;
}

static char *
text_of(const struct doc *doc)
{
	struct buf	 b = BUF_INIT;

	node_text(doc->root, &b);
	return buf_detach(&b, NULL);
}

static int
has_text(const struct doc *doc, const char *needle)
{
	char	*t = text_of(doc);
	int	 r = strstr(t, needle) != NULL;

	free(t);
	return r;
}

#define ARTICLE_BODY \
	"<div class=\"content\"><p>会议指出，今年以来全市经济运行总体平稳，" \
	"主要指标好于预期，发展质量稳步提升。</p><p>会议强调，要进一步加大" \
	"工作力度，确保完成全年目标任务，切实保障和改善民生。</p></div>"

static void
test_gbk_declared_utf8(void **state)
{
	/* GBK bytes under <meta charset="utf-8">. */
	static const char page[] =
	    "<html><head><meta charset=\x22utf-8\x22><title>\xCA\xD0\xD5\xFE"
	    "\xB8\xAE\xD5\xD9\xBF\xAA\xB9\xA4\xD7\xF7\xBB\xE1\xD2\xE9 - \xC4"
	    "\xB3\xCA\xD0\xD5\xFE\xB8\xAE\xCD\xF8</title></head><body><h1"
	    ">\xCA\xD0\xD5\xFE\xB8\xAE\xD5\xD9\xBF\xAA\xB9\xA4\xD7\xF7\xBB"
	    "\xE1\xD2\xE9</h1><div class=\x22" "content\x22><p>\xBB\xE1\xD2"
	    "\xE9\xD6\xB8\xB3\xF6\xA3\xAC\xBD\xF1\xC4\xEA\xD2\xD4\xC0\xB4"
	    "\xC8\xAB\xCA\xD0\xBE\xAD\xBC\xC3\xD4\xCB\xD0\xD0\xD7\xDC\xCC"
	    "\xE5\xC6\xBD\xCE\xC8\xA3\xAC\xD6\xF7\xD2\xAA\xD6\xB8\xB1\xEA"
	    "\xBA\xC3\xD3\xDA\xD4\xA4\xC6\xDA\xA1\xA3</p><p>\xBB\xE1\xD2\xE9"
	    "\xC7\xBF\xB5\xF7\xA3\xAC\xD2\xAA\xBD\xF8\xD2\xBB\xB2\xBD\xBC"
	    "\xD3\xB4\xF3\xB9\xA4\xD7\xF7\xC1\xA6\xB6\xC8\xA3\xAC\xC8\xB7"
	    "\xB1\xA3\xCD\xEA\xB3\xC9\xC8\xAB\xC4\xEA\xC4\xBF\xB1\xEA\xC8"
	    "\xCE\xCE\xF1\xA1\xA3</p></div></body></html>";
	struct doc	*doc = read_html(page);

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "市政府召开工作会议");
	assert_true(has_text(doc, "会议指出，今年以来全市经济运行总体平稳"));
	assert_false(has_text(doc, "\xEF\xBF\xBD"));	/* no U+FFFD */
	doc_free(doc);
}

static void
test_utf8_declared_gb2312(void **state)
{
	struct doc	*doc = read_html("<html><head><meta http-equiv="
	    "\"Content-Type\" content=\"text/html; charset=gb2312\">"
	    "<title>市政府召开工作会议_某市政府网</title></head><body>"
	    "<h1>市政府召开工作会议</h1>" ARTICLE_BODY "</body></html>");

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "市政府召开工作会议");
	assert_true(has_text(doc, "确保完成全年目标任务"));
	doc_free(doc);
}

static void
test_no_charset(void **state)
{
	struct doc	*doc = read_html("<title>市政府召开工作会议</title>"
	    ARTICLE_BODY);

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "市政府召开工作会议");
	assert_true(has_text(doc, "主要指标好于预期"));
	doc_free(doc);
}

static void
test_hidden_elements(void **state)
{
	struct doc	*doc = read_html("<html><head><title>标题</title>"
	    "<style>.seo{display:none} #x { visibility: hidden }"
	    "@media (max-width:600px){.wide{display:none}}</style></head>"
	    "<body><h1>标题</h1><div class=\"content\">"
	    "<p>第一段正文，讲清楚了事情的来龙去脉，内容很充实。</p>"
	    "<div style=\"display: none\">隐藏一</div>"
	    "<div style=\"height:0px; line-height:0px; font-size:0; "
	    "overflow:hidden;\">隐藏二 来源：搜索引擎</div>"
	    "<p hidden>隐藏三</p><p class=\"seo\">隐藏四</p>"
	    "<p id=\"x\">隐藏五</p><span class=\"hide\">隐藏六</span>"
	    "<div style=\"position:absolute;left:-9999px\">隐藏七</div>"
	    "<p class=\"wide\">宽屏可见的一段文字，也是正文的一部分。</p>"
	    "<ul style=\"font-size:0\"><li style=\"font-size:14px\">列表项可见"
	    "</li></ul>"
	    "<p>第二段正文，继续说明情况，并且给出了结论和建议。</p>"
	    "</div></body></html>");
	char		*t = text_of(doc);

	(void)state;
	assert_null(strstr(t, "隐藏"));
	assert_non_null(strstr(t, "第一段正文"));
	assert_non_null(strstr(t, "宽屏可见"));
	assert_non_null(strstr(t, "列表项可见"));
	assert_non_null(strstr(t, "第二段正文"));
	free(t);
	doc_free(doc);
}

/*
 * A saved WeChat page: the article is in #js_content, hidden until the
 * page's script runs.  It holds most of the page's text, so it is the
 * article; a small hidden element inside it still goes.
 */
static void
test_hidden_main_text(void **state)
{
	struct buf	 b = BUF_INIT;
	struct doc	*doc;
	char		*t;
	int		 i;

	buf_puts(&b, "<html><head><title>公众号文章</title></head><body>"
	    "<div id=\"page-content\"><h1 class=\"rich_media_title\">"
	    "公众号文章</h1><div class=\"rich_media_content\" "
	    "id=\"js_content\" style=\"visibility: hidden;\">");
	for (i = 0; i < 6; i++)
		buf_printf(&b, "<p>第%d段正文，讲清楚了事情的来龙去脉，内容很"
		    "充实，也给出了结论。</p>", i + 1);
	buf_puts(&b, "<p style=\"display:none\">隐藏的提示</p></div>"
	    "<div style=\"display:none\">隐藏的弹窗文字</div>"
	    "</div></body></html>");
	doc = read_html(b.ptr);
	t = text_of(doc);
	(void)state;
	assert_non_null(strstr(t, "第1段正文"));
	assert_non_null(strstr(t, "第6段正文"));
	assert_null(strstr(t, "隐藏"));
	free(t);
	doc_free(doc);
	buf_free(&b);
}

static void
test_script_style_comment(void **state)
{
	struct doc	*doc = read_html("<title>标题</title><body>"
	    "<script>var a = \"<p>脚本文字</p>\";</script>"
	    "<style>p { color: red } /* 样式文字 */</style>"
	    "<noscript>无脚本文字</noscript><template><p>模板文字</p>"
	    "</template><!-- 注释文字 --><div class=\"content\">"
	    "<p>正文内容在这里，这是一个完整的句子。</p><textarea>输入框文字"
	    "</textarea><button>按钮文字</button></div></body>");
	char		*t = text_of(doc);

	(void)state;
	assert_non_null(strstr(t, "正文内容在这里"));
	assert_null(strstr(t, "脚本"));
	assert_null(strstr(t, "样式"));
	assert_null(strstr(t, "无脚本"));
	assert_null(strstr(t, "模板"));
	assert_null(strstr(t, "注释"));
	assert_null(strstr(t, "输入框"));
	assert_null(strstr(t, "按钮"));
	free(t);
	doc_free(doc);
}

static void
test_title_choice(void **state)
{
	struct doc	*doc = read_html("<html><head>"
	    "<title>新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家 :: 痞客邦 ::</title>"
	    "</head><body><h1><a href=\"http://example.com/\">史蒂文的家</a>"
	    "</h1><p class=\"kicker\">市政府推行领导干部训诫预警</p>"
	    "<h2><a href=\"http://example.com/blog/post/1\">新竹尖石_美樹營地賞楓"
	    " (2)</a></h2><h3>副标题在这里</h3>" ARTICLE_BODY "</body></html>");

	(void)state;
	/* The site suffix goes, the headline's own "_" stays. */
	assert_string_equal(doc->meta[META_TITLE], "新竹尖石_美樹營地賞楓 (2)");
	assert_non_null(doc->meta[META_KICKER]);
	assert_string_equal(doc->meta[META_KICKER], "市政府推行领导干部训诫预警");
	assert_string_equal(doc->meta[META_SUBTITLE], "副标题在这里");
	assert_false(has_text(doc, "史蒂文的家"));
	doc_free(doc);

	/* No heading agrees: the page title without its suffix. */
	doc = read_html("<title>中华人民共和国监察法-纪检</title><body>"
	    "<table><tr><td><b>中华人民共和国监察法</b></td></tr></table>"
	    "<div><p>第一条　为了深化国家监察体制改革，加强监督，制定本法。</p>"
	    "<p>第二条　坚持中国共产党对国家监察工作的领导，构建监察体制。</p>"
	    "</div></body>");
	assert_string_equal(doc->meta[META_TITLE], "中华人民共和国监察法");
	doc_free(doc);

	/* og:title agrees with <h1>. */
	doc = read_html("<head><meta property=\"og:title\" content=\"国务院联防"
	    "联控机制:湖北要严格管控\"><title>x</title></head><body><h1>国务院"
	    "联防联控机制:湖北要严格管控</h1>" ARTICLE_BODY "</body>");
	assert_string_equal(doc->meta[META_TITLE],
	    "国务院联防联控机制：湖北要严格管控");
	doc_free(doc);
}

static void
test_metadata(void **state)
{
	struct doc	*doc = read_html("<html><head><title>标题_网站</title>"
	    "<meta property=\"article:published_time\" "
	    "content=\"2020-02-29T18:34:31+08:00\">"
	    "<meta name=\"author\" content=\"张三\">"
	    "<link rel=\"canonical\" href=\"https://example.com/a/1.html\">"
	    "</head><body><div class=\"nav\"><a href=\"/\">首页</a></div>"
	    "<h1>标题</h1><div class=\"info\">来源：新华社&nbsp;&nbsp;作者："
	    "李四<br>时间：2019年10月31日 23:00&nbsp;&nbsp;浏览：33</div>"
	    ARTICLE_BODY "</body></html>");

	(void)state;
	assert_string_equal(doc->meta[META_TITLE], "标题");
	assert_string_equal(doc->meta[META_DATE], "2019-10-31 23:00");
	assert_string_equal(doc->meta[META_SOURCE], "新华社");
	assert_string_equal(doc->meta[META_AUTHOR], "李四");
	assert_string_equal(doc->meta[META_URL], "https://example.com/a/1.html");
	assert_false(has_text(doc, "浏览"));
	assert_false(has_text(doc, "首页"));
	doc_free(doc);

	/* Only <meta> tags. */
	doc = read_html("<html><head><title>标题_网站</title>"
	    "<meta property=\"article:published_time\" "
	    "content=\"2020-02-29T18:34:31+08:00\">"
	    "<meta name=\"author\" content=\"张三\"></head><body><h1>标题</h1>"
	    ARTICLE_BODY "</body></html>");
	assert_string_equal(doc->meta[META_DATE], "2020-02-29");
	assert_string_equal(doc->meta[META_AUTHOR], "张三");
	doc_free(doc);
}

static void
test_tables(void **state)
{
	struct doc	*doc = read_html("<title>表格</title><body><div "
	    "class=\"content\"><p>下表列出了各医院的情况，请大家注意查看。</p>"
	    "<table><thead><tr><th>医院</th><th>情况</th></tr></thead>"
	    "<tbody><tr><td>威尔斯医院<br>肾科</td><td>1女病人</td></tr>"
	    "<tr><td>北区医院</td><td><p>1男病人</p><p>昨确诊</p></td></tr>"
	    "</tbody></table>"
	    "<table><tr><td><p>版面表格里的正文段落，应当作为段落读出，"
	    "而不是表格。</p><p>第二段也是正文，同样按段落处理。</p></td></tr>"
	    "</table></div></body>");
	const struct node *t, *row;

	(void)state;
	assert_int_equal(node_count(doc->root, NODE_TABLE), 1);
	t = tu_block(doc, 1);
	assert_int_equal(t->type, NODE_TABLE);
	row = t->first_child;
	assert_true(row->as.row.header);
	assert_int_equal(node_count(t, NODE_TABLE_ROW), 3);
	assert_int_equal(node_count(t, NODE_TABLE_CELL), 6);
	assert_int_equal(node_count(t, NODE_LINEBREAK), 2);
	assert_false(row->next->as.row.header);
	/* The layout table's paragraphs are paragraphs. */
	assert_int_equal(tu_block(doc, 2)->type, NODE_PARAGRAPH);
	assert_int_equal(tu_block(doc, 3)->type, NODE_PARAGRAPH);
	doc_free(doc);
}

static void
test_figures(void **state)
{
	struct doc	*doc = read_html("<title>图片</title><body><div "
	    "class=\"content\"><p>第一段正文，讲清楚了事情的来龙去脉。</p>"
	    "<div class=\"image\"><img src=\"a.jpg\" alt=\"甲\">"
	    "<p class=\"caption\">梁振英同时遭到议员质问。</p></div>"
	    "<p>第二段正文，继续说明情况，并且给出结论。</p>"
	    "<p align=\"center\"><img src=\"b.jpg\"></p>"
	    "<p>　　图注：测试表明传言是不正确的</p>"
	    "<figure><img src=\"c.jpg\" alt=\"\"><figcaption>丙的说明"
	    "</figcaption></figure>"
	    "<p><img src=\"logo.png\"><img src=\"x.gif\" width=\"1\">"
	    "<img src=\"data:image/png;base64,AAAA\">第三段正文，也有句号。</p>"
	    "</div></body>");
	const struct node *f;
	struct buf	 b = BUF_INIT;

	(void)state;
	assert_int_equal(node_count(doc->root, NODE_FIGURE), 3);
	f = tu_block(doc, 1);
	assert_int_equal(f->type, NODE_FIGURE);
	assert_string_equal(f->as.figure.src, "a.jpg");
	assert_string_equal(f->as.figure.alt, "甲");
	node_text(f, &b);
	assert_string_equal(b.ptr, "梁振英同时遭到议员质问。");
	buf_truncate(&b, 0);
	f = tu_block(doc, 3);
	assert_string_equal(f->as.figure.src, "b.jpg");
	assert_null(f->as.figure.alt);
	node_text(f, &b);
	assert_string_equal(b.ptr, "图注：测试表明传言是不正确的");
	buf_truncate(&b, 0);
	f = tu_block(doc, 4);
	assert_string_equal(f->as.figure.src, "c.jpg");
	node_text(f, &b);
	assert_string_equal(b.ptr, "丙的说明");
	buf_free(&b);
	doc_free(doc);
}

static void
test_structure(void **state)
{
	struct doc	*doc = read_html("<title>结构</title><body><article>"
	    "<p>引言段落，说明文章的背景和目的，内容充实。</p>"
	    "<h2>第一部分</h2><p>第一部分的正文，写得比较长，句子完整。</p>"
	    "<h3>小节</h3><p>小节的正文，也是一个完整的句子。</p>"
	    "<blockquote><p>引用的一段话，来自别处。</p></blockquote>"
	    "<ul><li>甲项<ul><li>甲一</li></ul></li><li>乙项</li></ul>"
	    "<p>一行文字<br>第二行文字<br><br>另一段开始了。</p>"
	    "<p>有<strong>加粗</strong>和<em>强调</em>以及"
	    "<a href=\"https://example.com/\">链接</a>的句子。</p>"
	    "<hr><p>不过议员普遍指责他&#0147;撒谎&#0148;，&#x93;要求&#x94;下台。"
	    "</p><hr></article></body>");
	char		*t = text_of(doc);
	struct iter	 it;
	int		 levels[3] = { 0 };

	(void)state;
	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_HEADING &&
		    it.node->as.heading.level <= 2)
			levels[it.node->as.heading.level]++;
	/* <h2> and <h3> rank as levels 1 and 2. */
	assert_int_equal(levels[1], 1);
	assert_int_equal(levels[2], 1);
	assert_int_equal(node_count(doc->root, NODE_QUOTE), 1);
	assert_int_equal(node_count(doc->root, NODE_LIST), 2);
	assert_int_equal(node_count(doc->root, NODE_LIST_ITEM), 3);
	assert_int_equal(node_count(doc->root, NODE_STRONG), 1);
	assert_int_equal(node_count(doc->root, NODE_EMPH), 1);
	assert_int_equal(node_count(doc->root, NODE_LINK), 1);
	assert_int_equal(node_count(doc->root, NODE_RULE), 1);
	assert_int_equal(node_count(doc->root, NODE_LINEBREAK), 1);
	assert_non_null(strstr(t, "“撒谎”"));
	assert_non_null(strstr(t, "“要求”"));
	assert_null(strstr(t, "\xC2\x93"));	/* no C1 control */
	free(t);
	doc_free(doc);
}

static void
test_layout_subheads(void **state)
{
	struct doc	*doc = read_html("<title>新年伊始</title><body><div "
	    "class=\"news_txt\">开头一段话，交代了文章的来由和背景。"
	    "<br><div></div><strong>坚定制度自信，从三方面论述</strong><br><div>"
	    "</div>文章从三个方面阐述了制度的优越性，内容很丰富。<br><div></div>"
	    "第一，制度具有深厚的历史底蕴。<br><div></div>文章说，中国在人类"
	    "发展史上曾经长期处于领先地位。<br><div></div>第二，制度具有显著"
	    "优势。<br><div></div>他强调，始终代表最广大人民根本利益。<br><div>"
	    "</div>第三，制度具有丰富的实践成果。<br><div></div>一是经济快速"
	    "发展奇迹。二是社会长期稳定奇迹。<br><div></div></div></body>");
	struct iter	 it;
	int		 levels[3] = { 0 };

	(void)state;
	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE)
		if (it.event == ITER_ENTER && it.node->type == NODE_HEADING &&
		    it.node->as.heading.level <= 2)
			levels[it.node->as.heading.level]++;
	assert_int_equal(levels[1], 1);		/* the bold line */
	assert_int_equal(levels[2], 3);		/* 第一， 第二， 第三， */
	assert_int_equal(node_count(doc->root, NODE_POINT), 2);
	doc_free(doc);
}

static void
test_footer_and_links(void **state)
{
	struct doc	*doc = read_html("<title>标题</title><body><div "
	    "class=\"content\"><p>第一段正文，讲清楚了事情的来龙去脉。</p>"
	    "<p>第二段正文，继续说明情况，并且给出结论。</p>"
	    "<p><a href=\"/1\">相关文章一</a></p><p><a href=\"/2\">相关文章二"
	    "</a></p><p><a href=\"/3\">相关文章三</a></p>"
	    "<div class=\"related\"><a href=\"/4\">推荐文章</a></div>"
	    "<div class=\"share\">分享到：微信 微博</div></div>"
	    "<div class=\"comment\"><p>网友的评论很长，说了很多话，也有标点符号，"
	    "甚至比正文还要长一些，但它不是文章。</p></div></body>");

	(void)state;
	assert_true(has_text(doc, "第二段正文"));
	assert_false(has_text(doc, "相关文章"));
	assert_false(has_text(doc, "推荐"));
	assert_false(has_text(doc, "分享"));
	assert_false(has_text(doc, "网友"));
	doc_free(doc);
}

/*
 * A highlighted code block is the author's text: its spans are named
 * "hljs-comment" and "hljs-keyword", words that mark chrome elsewhere.
 */
static void
test_code_spans_kept(void **state)
{
	struct doc	*doc = read_html("<title>标题</title><body><div "
	    "class=\"content\"><p>第一段正文，讲清楚了脚本的来龙去脉，"
	    "读者可以照着做。</p><pre><code class=\"hljs\"><span "
	    "class=\"hljs-comment\"># 参考链接：说明文字</span>\n<span "
	    "class=\"hljs-keyword\">if</span> which docker; <span "
	    "class=\"hljs-keyword\">then</span>\n<span class=\"hljs-"
	    "keyword\">fi</span></code></pre><p>第二段正文，继续说明情况，"
	    "并且给出结论。</p><div class=\"comment\"><p>网友评论。</p>"
	    "</div></div></body>");
	char		*t;

	(void)state;
	t = text_of(doc);
	assert_non_null(strstr(t, "# 参考链接：说明文字"));
	assert_non_null(strstr(t, "if which docker; then"));
	assert_non_null(strstr(t, "fi"));
	assert_null(strstr(t, "网友"));
	free(t);
	doc_free(doc);
}

/*
 * A note's embedded book card (title, rating and author line inside one
 * <a>, between two paragraphs) is the author's; three links to three
 * places in a row are still a list of related articles.
 */
static void
test_embedded_card_kept(void **state)
{
	struct doc	*doc = read_html("<title>标题</title><body><div "
	    "class=\"content\"><p>第一段正文，讲了一个关于月亮的故事，"
	    "很有意思。古时候，人们以为月亮是挂在树上的一盏灯，"
	    "四个人把它偷回了自己的村子，每周收取一块钱。</p><div class=\"subject-container\"><a href=\""
	    "https://book.example/1\"><div class=\"subject-title\">"
	    "月亮忘記了</div><div class=\"subject-rating\">8.6</div><div "
	    "class=\"subject-summary\">幾米 / 2000 / 格林</div></a></div>"
	    "<p>第二段正文，继续讲故事，四个人老了，各自带走了四分之一的"
	    "月亮，月光一点点暗了下去。</p><p>第三段正文，故事讲完了，"
	    "死者醒来，圣彼得把月亮挂回了天上，大家都很高兴。</p><p><a href=\"/1\">相关文章一</a>"
	    "</p><p><a href=\"/2\">相关文章二</a></p><p><a href=\"/3\">"
	    "相关文章三</a></p></div></body>");

	(void)state;
	assert_true(has_text(doc, "月亮忘記了"));
	assert_true(has_text(doc, "幾米 / 2000 / 格林"));
	assert_true(has_text(doc, "第三段正文"));
	assert_false(has_text(doc, "相关文章"));
	doc_free(doc);
}

/*
 * Lazy loaders keep the picture's address in an attribute of their own
 * and a placeholder in src: ifeng's data-lazyload under src="data:,",
 * a Discuz! forum's file under none.gif.
 */
static void
test_lazy_pictures(void **state)
{
	struct doc	*doc = read_html("<title>图片</title><body><div "
	    "class=\"content\"><p>第一段正文，讲清楚了事情的来龙去脉。</p>"
	    "<p><img class=\"empty_bg\" data-lazyload=\"http://e0.example."
	    "com/a.jpg\" src=\"data:,\"></p><p>故宫博物院供图</p>"
	    "<p>第二段正文，继续说明情况，并且给出结论。</p><p><img file=\""
	    "http://bbs.example.com/b.jpg\" src=\"static/image/common/"
	    "none.gif\"></p><p>第三段正文，也有句号。</p></div></body>");
	const struct node *f;
	struct buf	 b = BUF_INIT;

	(void)state;
	assert_int_equal(node_count(doc->root, NODE_FIGURE), 2);
	assert_int_equal(node_count(doc->root, NODE_HEADING), 0);
	f = tu_block(doc, 1);
	assert_int_equal(f->type, NODE_FIGURE);
	assert_string_equal(f->as.figure.src, "http://e0.example.com/a.jpg");
	node_text(f, &b);
	assert_string_equal(b.ptr, "故宫博物院供图");
	buf_free(&b);
	f = tu_block(doc, 3);
	assert_int_equal(f->type, NODE_FIGURE);
	assert_string_equal(f->as.figure.src, "http://bbs.example.com/b.jpg");
	doc_free(doc);
}

static void
test_deep_nesting(void **state)
{
	struct buf	 b = BUF_INIT;
	struct diag	 d;
	struct doc	*doc;
	struct iter	 it;
	size_t		 i, depth = 0, max = 0;

	(void)state;
	BUF_PUTSL(&b, "<html><body>");
	for (i = 0; i < 100000; i++)
		BUF_PUTSL(&b, "<div><b>");
	BUF_PUTSL(&b, "深处的文字，也是一个句子。");
	for (i = 0; i < 100000; i++)
		BUF_PUTSL(&b, "</b></div>");
	BUF_PUTSL(&b, "</body></html>");
	diag_init(&d, 0);
	doc = read_bytes(b.ptr, b.len, &d);
	assert_non_null(doc);
	assert_true(has_text(doc, "深处的文字"));
	assert_true(diag_count(&d, DIAG_WARN) >= 1);
	iter_init(&it, doc->root);
	while (iter_next(&it) != ITER_DONE) {
		if (it.event == ITER_ENTER && it.node->first_child != NULL)
			depth++;
		else if (it.event == ITER_EXIT)
			depth--;
		if (depth > max)
			max = depth;
	}
	assert_true(max <= 130);
	doc_free(doc);
	diag_free(&d);
	buf_free(&b);
}

static void
test_entities_never_expand(void **state)
{
	static const char page[] =
	    "<!DOCTYPE html [\n<!ENTITY lol \"lol\">\n"
	    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	    "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
	    "<!ENTITY % pe SYSTEM \"http://127.0.0.1:1/x.dtd\"> %pe;\n]>\n"
	    "<html><head><title>笑话</title></head><body><h1>笑话</h1>"
	    "<p>&lol3; &xxe; 正文内容在这里，这是一个句子。&amp;&nbsp;&copy;"
	    "</p><!ENTITY stray \"x\"></body></html>";
	struct diag	 d;
	struct doc	*doc;
	char		*t;

	(void)state;
	diag_init(&d, 0);
	doc = read_bytes(page, sizeof(page) - 1, &d);
	assert_non_null(doc);
	t = text_of(doc);
	assert_non_null(strstr(t, "正文内容在这里"));
	assert_null(strstr(t, "lollol"));
	assert_null(strstr(t, "root:"));
	assert_null(strstr(t, "ENTITY"));
	assert_null(strstr(t, "]>"));
	assert_non_null(strstr(t, "&"));
	assert_non_null(strstr(t, "\xC2\xA9"));	/* &copy; */
	free(t);
	doc_free(doc);
	diag_free(&d);
}

static void
test_nul_and_broken(void **state)
{
	static const char page[] =
	    "<html><body><h1>T\0itle</h1><p>\xE4\xB8\xAD\0\xE6\x96\x87 text. "
	    "<b <i>broken</p><div <<>> </x y=\"z>more text<p><table><td>"
	    "<tr></body";
	struct diag	 d;
	struct doc	*doc;

	(void)state;
	diag_init(&d, 0);
	doc = read_bytes(page, sizeof(page) - 1, &d);
	assert_non_null(doc);
	assert_string_equal(doc->meta[META_TITLE], "Title");
	assert_true(has_text(doc, "中文 text. broken"));
	assert_true(diag_count(&d, DIAG_WARN) >= 1);
	doc_free(doc);
	diag_free(&d);
	/* Nothing but markup: an error, not a crash. */
	diag_init(&d, 0);
	assert_null(read_bytes("<html><body></body></html>", 26, &d));
	assert_non_null(diag_last_error(&d));
	diag_free(&d);
}

/*
 * Text around a heading in one <div> stays in order, in two paragraphs;
 * text loose in a nested list (outside its <li>) becomes items of that
 * list.  Both once lost text, the second also used freed memory (found
 * by fuzz_read_html).
 */
/*
 * A labelled date in the text ("决赛时间：3月28日…") is the text's, not the
 * page's metadata, once running text has begun, even when the opening
 * paragraph ends announcing what follows ("…通知如下：").
 */
static void
test_date_line_in_text_kept(void **state)
{
	struct doc	*doc = read_html("<html><body><h1>关于举办决赛的通知</h1>"
	    "<p>发布者：颜曰越 发布时间：2026-03-26</p>"
	    "<div class=\"read\"><p>各学院：</p><p>校选拔赛初赛已于近期结束。"
	    "37支队伍进入决赛答辩环节。现将决赛有关事项通知如下：</p>"
	    "<p><strong>一、决赛安排</strong></p>"
	    "<p>决赛时间：2026年3月28日8:30-13:00。</p>"
	    "<p>决赛地点：第7教研楼北106。</p></div></body></html>");

	(void)state;
	assert_true(has_text(doc, "决赛时间：2026年3月28日8:30-13:00。"));
	assert_string_equal(doc->meta[META_DATE], "2026-03-26");
	doc_free(doc);
}

static void
test_loose_text_kept(void **state)
{
	struct doc		*doc;
	const struct node	*n;
	char			*t;

	(void)state;
	doc = read_html("<html><body><div>这是第一段文字内容。"
	    "<h2>二、标题</h2>这是第二段文字内容。</div></body></html>");
	n = tu_block(doc, 0);
	assert_int_equal(n->type, NODE_PARAGRAPH);
	assert_int_equal(tu_block(doc, 1)->type, NODE_HEADING);
	assert_int_equal(tu_block(doc, 2)->type, NODE_PARAGRAPH);
	t = text_of(doc);
	assert_non_null(strstr(t, "这是第一段文字内容。"));
	assert_true(strstr(t, "这是第一段文字内容。") < strstr(t, "标题"));
	assert_true(strstr(t, "标题") < strstr(t, "这是第二段文字内容。"));
	free(t);
	doc_free(doc);

	doc = read_html("<html><body><ul><li>项目一<ul>散落文字<h3>小标题</h3>"
	    "后面</ul></li></ul></body></html>");
	t = text_of(doc);
	assert_true(strstr(t, "项目一") < strstr(t, "散落文字"));
	assert_true(strstr(t, "散落文字") < strstr(t, "小标题"));
	assert_true(strstr(t, "小标题") < strstr(t, "后面"));
	assert_non_null(strstr(t, "后面"));
	free(t);
	doc_free(doc);
}

static void
test_detect(void **state)
{
	static const char page[] = "<!DOCTYPE html><html><body><p>x</p>";
	static const char md[] = "---\ntitle: x\n---\n# x\n\ntext\n";

	(void)state;
	/* Content that is surely a page beats the .txt extension. */
	assert_string_equal(reader_detect("a.txt", page, strlen(page))->name,
	    "html");
	assert_string_equal(reader_detect("a.htm", page, strlen(page))->name,
	    "html");
	assert_string_equal(reader_detect(NULL, page, strlen(page))->name,
	    "html");
	assert_string_equal(reader_detect("a.md", md, strlen(md))->name, "md");
	assert_string_equal(reader_detect(NULL, md, strlen(md))->name, "md");
	assert_string_equal(reader_detect("a.txt", "一、总则\n正文。\n",
	    strlen("一、总则\n正文。\n"))->name, "text");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gbk_declared_utf8),
		cmocka_unit_test(test_utf8_declared_gb2312),
		cmocka_unit_test(test_no_charset),
		cmocka_unit_test(test_hidden_elements),
		cmocka_unit_test(test_hidden_main_text),
		cmocka_unit_test(test_script_style_comment),
		cmocka_unit_test(test_title_choice),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_layout_subheads),
		cmocka_unit_test(test_footer_and_links),
		cmocka_unit_test(test_code_spans_kept),
		cmocka_unit_test(test_embedded_card_kept),
		cmocka_unit_test(test_lazy_pictures),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_entities_never_expand),
		cmocka_unit_test(test_nul_and_broken),
		cmocka_unit_test(test_loose_text_kept),
		cmocka_unit_test(test_date_line_in_text_kept),
		cmocka_unit_test(test_detect),
	};

	return cmocka_run_group_tests_name("read_html", tests, NULL,
	    NULL);
}
