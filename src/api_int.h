/*
 * What the public API's files (api.c, api_options.c) share: the options
 * objects, which carry the internal read and render options.
 */
#ifndef ARTCONV_API_INT_H
#define ARTCONV_API_INT_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/convert_script.h"
#include "analyze/outline.h"
#include "read/reader.h"
#include "tree/doc.h"
#include "artconv.h"
#include "writer.h"

/* The command line's nesting limit, the default. */
#define API_MAX_DEPTH	128

struct ac_read_options {
	const struct reader	*reader;	/* NULL: detect */
	char			*encoding;	/* owned copies, or NULL */
	char			*filename;
	char			*fallback_title;
	char			*meta[META__COUNT];
	int			 keep_punctuation;
	size_t			 max_depth;
	enum outline_mode	 outline;	/* AC_OUTLINE_* */
	char			*levels;	/* checked, or NULL */
	struct script_conv	*convert;	/* opened, or NULL */
	int			 media;		/* DOCX: keep pictures */
};

struct ac_render_options {
	struct render_opts	 ro;		/* its strings point below;
						   its writers' options are
						   its own (render_opts_free) */
	char			*lang;		/* owned copies, or NULL */
	char			*book_title;
	char			*resource_base;	/* the article's path */
	char			*resource_paths; /* folders, ':' between */
	ac_load_fn		 load;		/* the caller's loader */
	void			*load_ctx;
	ac_time_policy		 time;
	int64_t			 seconds;	/* for AC_TIME_FIXED */
};

#endif
