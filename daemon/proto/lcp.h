/* SPDX-License-Identifier: GPL-2.0 */
/* What the link (and only the link) asks of LCP beyond the table hooks. */
#ifndef NLPPPD_PROTO_LCP_H
#define NLPPPD_PROTO_LCP_H

#include <stddef.h>
#include <stdint.h>

struct nl_proto_inst;

/* Send a Protocol-Reject for @proto carrying @info (the frame after its protocol field). */
void nl_lcp_protocol_reject(struct nl_proto_inst *pi, uint16_t proto,
			    const uint8_t *info, size_t len);
/* LCP is Opened (other protocols may run). */
int nl_lcp_opened(const struct nl_proto_inst *pi);
/* Echo counters for the link's statistics. */
void nl_lcp_echo_stats(const struct nl_proto_inst *pi, uint64_t *requests,
		       uint64_t *replies, int64_t *rtt_ms);

#endif
