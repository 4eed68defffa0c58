/*
 * libFuzzer target: the confined resource loader (--images).  Whatever
 * reference an article writes, only files inside the allowed folders are
 * ever read (see fuzz_resource.h).
 */
#include "fuzz_common.h"
#include "fuzz_resource.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;

	if (!ready) {
		fuzz_resource_setup();
		ready = 1;
	}
	fuzz_resource_one(data, size);
	return 0;
}
