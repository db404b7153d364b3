// SPDX-License-Identifier: GPL-2.0
/*
 * Secrets-file text into the lookup with a few typical queries, then the
 * address check on whatever entry won.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "secrets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const queries[][2] = {
		{ "alice", "gw" }, { NULL, NULL }, { "*", "*" }, { "", "" },
		{ NULL, "gw" }, { "John Smith", NULL },
	};
	static const uint32_t addrs[] = {
		0, 0x0a000001, 0xc0a80101, 0xffffffff, 0x7f000001,
	};
	struct nl_secret s;
	size_t q, a;
	int r;

	for (q = 0; q < sizeof(queries) / sizeof(queries[0]); q++) {
		r = nl_secrets_lookup_text((const char *)data, size, "fuzz",
					   queries[q][0], queries[q][1], &s);
		if (r)
			continue;
		if (s.naddrs > NL_SECRET_MAX_ADDRS || s.secret_len >= sizeof(s.secret) ||
		    strlen(s.secret) != s.secret_len ||
		    !memchr(s.client, 0, sizeof(s.client)) ||
		    !memchr(s.server, 0, sizeof(s.server)))
			abort();
		for (a = 0; a < sizeof(addrs) / sizeof(addrs[0]); a++) {
			struct in_addr in = { htonl(addrs[a]) };

			nl_secret_addr_allowed(&s, in);
		}
		nl_secret_wipe(&s);
	}
	return 0;
}
