// SPDX-License-Identifier: GPL-2.0
/* The debug decoder sees every control packet a peer sends: fuzz it. */
#include <stdint.h>
#include <string.h>

#include "dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t protos[] = { 0xc021, 0x8021, 0x8057, 0xc023, 0xc223, 0x80fd };
	char line[512];

	if (size < 1)
		return 0;
	nl_describe_packet(protos[data[0] % 6], data + 1, size - 1, line, sizeof(line));
	if (strlen(line) >= sizeof(line))
		__builtin_trap();
	/* A tiny buffer must truncate, never overflow. */
	nl_describe_packet(protos[data[0] % 6], data + 1, size - 1, line, 8);
	if (strlen(line) >= 8)
		__builtin_trap();
	return 0;
}
