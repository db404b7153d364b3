// SPDX-License-Identifier: GPL-2.0
/*
 * Whatever bytes sit in an existing UUCP lock file (the lock directory is
 * often world-writable) into the pid parser: a pid in range or 0, never a
 * read past @size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "transport/transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so ASan sees any read beyond it. */
	char *buf = malloc(size ? size : 1);
	int pid;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	pid = nl_lock_parse_pid(buf, size);
	if (pid < 0 || (size != sizeof(int) && pid > 0x3fffffff))
		abort();
	free(buf);
	return 0;
}
