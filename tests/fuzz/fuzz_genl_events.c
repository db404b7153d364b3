// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz what the daemon makes of nlppp.ko's generic netlink messages: one
 * batch as recv() returns it, through nl_genl_take() as the channel's
 * reader does: FRAME and LINK_DOWN events (queued for the links routed
 * here: ids 1, 2 and 256), acks and errors with their extended ack text,
 * and the answer to a request. An answer goes on to the readers of
 * BUNDLE_NEW's reply and of the counters, as kernel.c would.
 *
 *   flags[1] then the batch
 *
 * flags bit 0: a request with sequence number 1 waits for its answer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>

#include "uapi/linux/nlppp.h"

#include "dataplane/dataplane.h"
#include "dataplane/genl.h"
#include "log.h"

enum { FAMILY = 0x1c };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct nl_dataplane dp;
	struct nl_dp_stats st;
	struct nl_genl *g;
	unsigned char *buf;
	void *keep = NULL;
	uint32_t bundle_id;
	int err;

	if (size < 1 || size > 65536)
		return 0;
	nl_log_set_stderr(false);
	if (nl_genl_new(&g, FAMILY) < 0)
		return 0;
	nl_genl_route(g, 1, NULL);
	nl_genl_route(g, 2, NULL);
	nl_genl_route(g, 256, NULL);
	/* As from recv(): a heap buffer of exactly what arrived. */
	buf = malloc(size - 1 ? size - 1 : 1);
	if (!buf)
		abort();
	memcpy(buf, data + 1, size - 1);
	err = nl_genl_take(g, buf, (int)(size - 1), data[0] & 1, "fuzz", tb, &keep);
	if (keep) {
		memset(&dp, 0, sizeof(dp));
		memset(&st, 0, sizeof(st));
		nl_kdp_bundle_reply(tb, &bundle_id, &dp);
		nl_kdp_stats_reply(tb, true, &st);
		nl_kdp_stats_reply(tb, false, &st);
		free(keep);
	}
	(void)err;
	nl_genl_close(g);
	return 0;
}
