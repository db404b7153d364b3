/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The user plane's compression pipeline, one direction at a time, on the
 * libppp codecs: MPPE with OpenSSL's RC4 and SHA-1, Predictor-1. A
 * direction is configured from what CCP agreed (struct nl_ccp_dir) and
 * turns a packet (PPP protocol field and payload) into what goes on the
 * wire after the 0x00fd protocol, or back.
 */
#ifndef NLPPPD_UCOMP_H
#define NLPPPD_UCOMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libppp/bsdcomp.h"
#include "libppp/ccp.h"
#include "libppp/deflate.h"
#include "libppp/mppe.h"
#include "libppp/pred1.h"

#include "dataplane/dataplane.h"

/* Methods the user plane runs. */
#define NL_UCOMP_METHODS (PPP_CCP_MPPE | PPP_CCP_PRED1 | PPP_CCP_DEFLATE | \
			  PPP_CCP_DEFLATE_DRAFT | PPP_CCP_BSD)

enum {
	NL_UCOMP_OVERHEAD = 8,	/* most a compressor adds to a packet */
};

struct nl_ucomp {
	unsigned int method;	/* PPP_CCP_*, 0: none */
	bool required;		/* no IPv4/IPv6 in the clear this way */
	bool tx;
	bool need_reset;	/* receive: lost step, discarding until a reset */
	struct ppp_mppe mppe;
	void *rc4;		/* EVP_CIPHER_CTX */
	struct ppp_pred1 pred1;
	struct ppp_deflate deflate;
	struct ppp_bsd bsd;
	uint8_t *table;		/* Predictor-1's, BSD-Compress's */
};

/* Replace what runs on @c by @d (method 0: none). 0 or -errno. */
int nl_ucomp_set(struct nl_ucomp *c, bool tx, const struct nl_ccp_dir *d);
void nl_ucomp_free(struct nl_ucomp *c);
/* CCP Reset: restart the compressor (the peer asked) or the decompressor. */
void nl_ucomp_reset(struct nl_ucomp *c, struct nl_dp_stats *st);

/*
 * Compress @len bytes at @in (protocol field first) into @out (@len +
 * NL_UCOMP_OVERHEAD bytes): returns the length of what follows the 0x00fd
 * protocol, or 0 to send @in as it is (it did not shrink, or might not
 * fit in @max bytes, the peer's MRU less the header: MPPE ignores @max,
 * the MTU leaves it room).
 */
size_t nl_ucomp_compress(struct nl_ucomp *c, const uint8_t *in, size_t len, uint8_t *out,
			 size_t max, struct nl_dp_stats *st);

/*
 * A packet arrived as it is (@p: 2-byte protocol field and payload) while
 * a decompressor runs: Deflate and BSD-Compress add it to their history.
 * -1: the history could not take it, ask for a reset.
 */
int nl_ucomp_incomp(struct nl_ucomp *c, const uint8_t *p, size_t len, struct nl_dp_stats *st);

static inline bool nl_ucomp_keeps_history(const struct nl_ucomp *c)
{
	return c->method == PPP_CCP_DEFLATE || c->method == PPP_CCP_DEFLATE_DRAFT ||
	       c->method == PPP_CCP_BSD;
}

/*
 * Decompress a 0x00fd frame's information field @in into @out (@cap):
 * the packet's length (protocol field first), 0 to drop it silently
 * (counted), or -1 to drop it and ask for a CCP reset (the caller tells
 * the bundle).
 */
int nl_ucomp_decompress(struct nl_ucomp *c, uint8_t *in, size_t len, uint8_t *out,
			size_t cap, struct nl_dp_stats *st);

#endif
