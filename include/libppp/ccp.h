/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CCP option negotiation (RFC 1962): MPPE (RFC 3078), Deflate (RFC 1979,
 * type 26 and the draft's type 24 that pppd still speaks), BSD-Compress
 * (RFC 1977) and Predictor-1 (RFC 1978). Pure, like lcp.c.
 *
 * Each side's Configure-Request lists what it is willing to decompress, so
 * the peer's request decides what we transmit (his) and the peer's Ack of
 * ours what we receive (got). A Request is answered with at most one
 * method acked, the first acceptable one, as pppd does; MPPE, when
 * required, excludes every other method.
 */
#ifndef LIBPPP_CCP_H
#define LIBPPP_CCP_H

#include "compat.h"

enum ppp_ccp_opt {
	PPP_CCP_OPT_PRED1 = 1,
	PPP_CCP_OPT_MPPE = 18,
	PPP_CCP_OPT_BSD = 21,
	PPP_CCP_OPT_DEFLATE_DRAFT = 24,
	PPP_CCP_OPT_DEFLATE = 26,
};

enum {
	/* The MPPE option's 32 bits (RFC 3078 2). */
	PPP_MPPE_OPT_H = 0x01000000,	/* stateless ("history") */
	PPP_MPPE_OPT_M = 0x80,		/* 56-bit key */
	PPP_MPPE_OPT_S = 0x40,		/* 128-bit key */
	PPP_MPPE_OPT_L = 0x20,		/* 40-bit key */
	PPP_MPPE_OPT_D = 0x10,		/* obsolete */
	PPP_MPPE_OPT_C = 0x01,		/* MPPC compression (not offered) */
	PPP_MPPE_OPT_KEYS = PPP_MPPE_OPT_M | PPP_MPPE_OPT_S | PPP_MPPE_OPT_L,

	/* Methods, in our order of preference (lowest bit first). */
	PPP_CCP_MPPE = 1 << 0,
	PPP_CCP_DEFLATE = 1 << 1,
	PPP_CCP_DEFLATE_DRAFT = 1 << 2,
	PPP_CCP_BSD = 1 << 3,
	PPP_CCP_PRED1 = 1 << 4,

	PPP_DEFLATE_MIN = 9,		/* zlib misbehaves with 8 (256-byte window) */
	PPP_DEFLATE_MAX = 15,
	PPP_BSD_MIN = 9,
	PPP_BSD_MAX = 15,
};

/* Methods listed in one direction, with their parameters. */
struct ppp_ccp_opts {
	unsigned int methods;	/* PPP_CCP_* */
	uint32_t mppe;		/* option bits */
	uint8_t deflate_window;	/* log2 of the window, 9..15 */
	uint8_t bsd_bits;	/* code size, 9..15 */
};

struct ppp_ccp_neg {
	/* Configuration, set by the owner. */
	unsigned int allow;		/* PPP_CCP_* we run, either way */
	uint32_t mppe_keys;		/* PPP_MPPE_OPT_{S,M,L} we accept */
	bool mppe_stateful;		/* accept stateful MPPE (mppe-stateful) */
	bool mppe_required;		/* require-mppe: nothing else, nothing without it */
	uint8_t deflate_rx, deflate_tx;	/* largest windows: what we ask for, what we agree to */
	uint8_t bsd_rx, bsd_tx;

	/* Negotiation state. */
	struct ppp_ccp_opts cur;	/* our current Configure-Request */
	struct ppp_ccp_opts got;	/* ours, acked: what we decompress */
	struct ppp_ccp_opts his;	/* the peer's, acked: what we compress */
};

void ppp_ccp_reset(struct ppp_ccp_neg *n);
size_t ppp_ccp_build_req(const struct ppp_ccp_neg *n, uint8_t *buf, size_t cap);
int ppp_ccp_recv_ack(struct ppp_ccp_neg *n, const uint8_t *p, size_t len);
int ppp_ccp_recv_nak(struct ppp_ccp_neg *n, const uint8_t *p, size_t len);
int ppp_ccp_recv_rej(struct ppp_ccp_neg *n, const uint8_t *p, size_t len);
/*
 * PPP_CONFACK/NAK/REJ with the reply in @out, or -EINVAL / -ENOSPC.
 * @no_nak (max-failure reached): what would be Naked is Rejected.
 */
int ppp_ccp_recv_req(struct ppp_ccp_neg *n, const uint8_t *p, size_t len,
		     uint8_t *out, size_t cap, size_t *outlen, bool no_nak);

/* The one method in use in @o (the most preferred listed), 0 for none. */
unsigned int ppp_ccp_method(const struct ppp_ccp_opts *o);
/* 40, 56 or 128 for MPPE option bits with one key length, else 0. */
unsigned int ppp_mppe_key_bits(uint32_t mppe);

#endif
