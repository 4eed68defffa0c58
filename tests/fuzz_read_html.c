/* libFuzzer target: the html reader alone (see fuzz_reader.h). */
#include "fuzz_reader.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("html", data, size);
}
