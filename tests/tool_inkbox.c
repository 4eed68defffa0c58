/*
 * tool_inkbox: is the cover's text inside its frame in a rendering?
 *
 *   tool_inkbox FILE.png
 *
 * Reads a PNG (artconv's cover, or a page a reading engine drew), finds
 * the box of the frame's red pixels and the box of dark text, prints both
 * and exits 0 when the text lies inside the frame, 1 when it does not (or
 * either is missing), 2 when the file cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tu_png.h"

int
main(int argc, char *argv[])
{
	struct tu_box	 frame, ink;
	unsigned char	*data, *rgb;
	size_t		 len = 0, cap = 1 << 20, n;
	FILE		*f;
	int		 w, h, inside;

	if (argc != 2) {
		fprintf(stderr, "usage: tool_inkbox FILE.png\n");
		return 2;
	}
	if ((f = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	data = malloc(cap);
	while (data != NULL && (n = fread(data + len, 1, cap - len, f)) > 0)
		if ((len += n) == cap)
			data = realloc(data, cap *= 2);
	fclose(f);
	if (data == NULL || (rgb = tu_png_read(data, len, &w, &h)) == NULL) {
		fprintf(stderr, "tool_inkbox: %s: not a PNG this reads\n",
		    argv[1]);
		free(data);
		return 2;
	}
	tu_cover_boxes(rgb, w, h, &frame, &ink);
	inside = frame.n > 0 && ink.n > 0 && ink.x0 > frame.x0 &&
	    ink.x1 < frame.x1 && ink.y0 > frame.y0 && ink.y1 < frame.y1;
	printf("%s: %dx%d, frame %d,%d-%d,%d, text %d,%d-%d,%d (%ld px): %s\n",
	    argv[1], w, h, frame.x0, frame.y0, frame.x1, frame.y1, ink.x0,
	    ink.y0, ink.x1, ink.y1, ink.n, inside ? "inside" :
	    frame.n == 0 ? "no frame" : ink.n == 0 ? "no text" : "OUTSIDE");
	free(rgb);
	free(data);
	return inside ? 0 : 1;
}
