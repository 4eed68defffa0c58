/*
 * What every libFuzzer target here shares: the entry points' prototypes
 * and a quiet libxml2 (its parse errors on fuzzed bytes are expected).
 */
#ifndef ARTCONV_FUZZ_COMMON_H
#define ARTCONV_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/parser.h>

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int	 LLVMFuzzerInitialize(int *argc, char ***argv);

static void
fuzz_xml_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, fuzz_xml_silent);
	return 0;
}

#endif
