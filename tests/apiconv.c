/*
 * apiconv: the command line's conversion through the public API only, for
 * tests/lib.sh, which builds it against an installed libartconv and
 * checks that its outputs equal artconv's byte for byte.
 *
 *   apiconv -e FORMAT       prints the format's file name extension
 *   apiconv [-k] [-M KEY=VALUE] [-p inline|split] [-l bold|plain]
 *           [-s official|plain] [-c] [-w N] [-T now|SECONDS]
 *           [-O auto|none] [-L LEVELS] [-C CONV] [-V] [-S] [-P TEMPLATE]
 *           [-i] [-R DIR[:DIR...]]
 *           FORMAT OUTPUT INPUT...
 *
 * The options are artconv's --keep-punctuation, -M, --points, --leads,
 * --docx-style, --toc, --wrap, --now, --outline, --levels, --convert,
 * --vertical, --svg-cover, --template, --images (the confined loader,
 * based at each input's path) and --resource-path.  Several inputs make one book
 * (artconv --combine) titled -M title=, else OUTPUT's file name.  The host
 * program's locale is the environment's (setlocale), which the library
 * must not let change the output.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <artconv.h>

static int
fail(const char *what, ac_status st, const ac_diags *d)
{
	size_t	 i;

	for (i = 0; i < ac_diags_count(d); i++)
		if (ac_diags_level(d, i) == AC_ERROR)
			fprintf(stderr, "apiconv: %s\n", ac_diags_text(d, i));
	fprintf(stderr, "apiconv: %s: %s\n", what, ac_strerror(st));
	return 1;
}

int
main(int argc, char *argv[])
{
	ac_read_options		*ro = ac_read_options_new();
	ac_render_options	*wo = ac_render_options_new();
	ac_diags		*d = ac_diags_new();
	ac_buffer		*out = ac_buffer_new();
	ac_doc			**docs;
	const char		*title = NULL, *format, *output;
	char			*key, *eq, *book;
	FILE			*f;
	ac_status		 st = AC_OK;
	static char		 page[4 << 20];
	size_t			 page_len;
	int			 c, i, n, rc = 1, images = 0;

	setlocale(LC_ALL, "");
	if (ro == NULL || wo == NULL || d == NULL || out == NULL)
		return 1;
	while ((c = getopt(argc, argv, "e:kM:p:l:s:cw:T:O:L:C:VSP:iR:")) != -1) {
		switch (c) {
		case 'e':
			if (ac_format_find(optarg) == NULL)
				return 2;
			printf("%s\n", ac_format_extension(
			    ac_format_find(optarg)));
			return 0;
		case 'k':
			st = ac_read_options_set_typography(ro, 0);
			break;
		case 'M':
			key = strdup(optarg);
			if (key == NULL || (eq = strchr(key, '=')) == NULL)
				return 2;
			*eq = '\0';
			st = ac_read_options_set_meta(ro, key, eq + 1);
			if (strcmp(key, "title") == 0 && eq[1] != '\0')
				title = optarg + (eq + 1 - key);
			free(key);
			break;
		case 'p':
			st = ac_render_options_set_points(wo,
			    strcmp(optarg, "split") == 0 ? AC_POINTS_SPLIT :
			    AC_POINTS_INLINE);
			break;
		case 'l':
			st = ac_render_options_set_bold_leads(wo,
			    strcmp(optarg, "plain") != 0);
			break;
		case 's':
			st = ac_render_options_set_docx_style(wo,
			    strcmp(optarg, "plain") == 0 ? AC_DOCX_PLAIN :
			    AC_DOCX_OFFICIAL);
			break;
		case 'c':
			st = ac_render_options_set_toc(wo, 1);
			break;
		case 'w':
			st = ac_render_options_set_wrap(wo,
			    (size_t)strtoul(optarg, NULL, 10));
			break;
		case 'T':
			st = strcmp(optarg, "now") == 0 ?
			    ac_render_options_set_time(wo, AC_TIME_NOW, 0) :
			    ac_render_options_set_time(wo, AC_TIME_FIXED,
			    strtoll(optarg, NULL, 10));
			break;
		case 'O':
			st = ac_read_options_set_outline(ro,
			    strcmp(optarg, "none") == 0 ? AC_OUTLINE_NONE :
			    AC_OUTLINE_AUTO);
			break;
		case 'L':
			st = ac_read_options_set_levels(ro, optarg);
			break;
		case 'C':
			st = ac_read_options_set_convert(ro, optarg, d);
			break;
		case 'V':
			st = ac_render_options_set_vertical(wo, 1);
			break;
		case 'S':
			st = ac_render_options_set_svg_cover(wo, 1);
			break;
		case 'P':
			if ((f = fopen(optarg, "rb")) == NULL) {
				perror(optarg);
				return 1;
			}
			page_len = fread(page, 1, sizeof(page), f);
			fclose(f);
			st = ac_render_options_set_html_template(wo, page,
			    page_len);
			break;
		case 'i':
			images = 1;
			if ((st = ac_read_options_set_images(ro, 1)) == AC_OK)
				st = ac_render_options_set_images(wo, 1);
			break;
		case 'R':
			st = ac_render_options_add_resource_path(wo, optarg);
			break;
		default:
			return 2;
		}
		if (st != AC_OK)
			return fail("option", st, d);
	}
	if (argc - optind < 3)
		return 2;
	format = argv[optind];
	output = argv[optind + 1];
	n = argc - optind - 2;
	if ((docs = calloc((size_t)n, sizeof(*docs))) == NULL)
		return 1;
	for (i = 0; i < n; i++)
		if ((st = ac_read_file(argv[optind + 2 + i], ro, &docs[i],
		    d)) != AC_OK) {
			rc = fail(argv[optind + 2 + i], st, d);
			goto out;
		}
	/* artconv reads an article's pictures from beside it. */
	if (n == 1 && images && (st = ac_render_options_set_resource_base(wo,
	    argv[optind + 2])) != AC_OK) {
		rc = fail("resource base", st, d);
		goto out;
	}
	if (n == 1)
		st = ac_render(docs[0], format, wo, out, d);
	else {
		/* The book's title: -M title=, else OUTPUT's name. */
		const char *base = strrchr(output, '/');

		book = strdup(title != NULL ? title : base != NULL ? base + 1 :
		    output);
		if (book == NULL)
			goto out;
		if (title == NULL && strrchr(book, '.') != NULL &&
		    strrchr(book, '.') > book)
			*strrchr(book, '.') = '\0';
		st = ac_render_options_set_book_title(wo, book);
		free(book);
		if (st == AC_OK)
			st = ac_render_book((const ac_doc *const *)docs,
			    (size_t)n, format, wo, out, d);
	}
	if (st != AC_OK) {
		rc = fail(format, st, d);
		goto out;
	}
	if ((f = fopen(output, "wb")) == NULL ||
	    fwrite(ac_buffer_data(out), 1, ac_buffer_len(out), f) !=
	    ac_buffer_len(out) || fclose(f) != 0) {
		perror(output);
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		ac_doc_free(docs[i]);
	free(docs);
	ac_buffer_free(out);
	ac_diags_free(d);
	ac_read_options_free(ro);
	ac_render_options_free(wo);
	return rc;
}
