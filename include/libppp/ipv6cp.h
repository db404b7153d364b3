/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv6CP option negotiation (RFC 5072): the 64-bit Interface-Identifier.
 * Identifiers are host-order integers; 0 = not chosen. Compression is rejected.
 */
#ifndef LIBPPP_IPV6CP_H
#define LIBPPP_IPV6CP_H

#include "compat.h"

enum ppp_ipv6cp_opt {
	PPP_IPV6CP_OPT_IFID = 1,
	PPP_IPV6CP_OPT_COMP = 2,
};

struct ppp_ipv6cp_neg {
	/* Configuration. */
	uint64_t local;		/* our identifier; 0 = pick one at random */
	uint64_t remote;	/* the peer's; 0 = the peer chooses */
	bool accept_local;	/* take the identifier the peer naks us with */
	uint64_t (*random64)(void *ctx);	/* never returns 0 */
	void *random_ctx;

	/* Negotiation state. */
	bool neg_ifid;		/* we still send the option */
	uint64_t cur;		/* identifier in our current request */
	uint64_t got;		/* ours, acked */
	uint64_t his;		/* the peer's, acked */
};

void ppp_ipv6cp_reset(struct ppp_ipv6cp_neg *n);
size_t ppp_ipv6cp_build_req(struct ppp_ipv6cp_neg *n, uint8_t *buf, size_t cap);
int ppp_ipv6cp_recv_ack(struct ppp_ipv6cp_neg *n, const uint8_t *p, size_t len);
int ppp_ipv6cp_recv_nak(struct ppp_ipv6cp_neg *n, const uint8_t *p, size_t len, bool last);
int ppp_ipv6cp_recv_rej(struct ppp_ipv6cp_neg *n, const uint8_t *p, size_t len);
int ppp_ipv6cp_recv_req(struct ppp_ipv6cp_neg *n, const uint8_t *p, size_t len,
			uint8_t *out, size_t cap, size_t *outlen, bool no_nak);

#endif
