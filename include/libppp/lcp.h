/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LCP option negotiation (RFC 1661 section 6, RFC 1662 ACCM, RFC 1994 CHAP):
 * MRU, ACCM, Authentication-Protocol, Magic-Number (with loopback
 * detection), PFC and ACFC. Pure: the daemon's LCP glue calls these from its
 * ppp_fsm_ops callbacks. Any other option the peer requests is rejected.
 */
#ifndef LIBPPP_LCP_H
#define LIBPPP_LCP_H

#include "compat.h"

enum ppp_lcp_opt {
	PPP_LCP_OPT_MRU = 1,
	PPP_LCP_OPT_ACCM = 2,
	PPP_LCP_OPT_AUTH = 3,
	PPP_LCP_OPT_QUALITY = 4,
	PPP_LCP_OPT_MAGIC = 5,
	PPP_LCP_OPT_PFC = 7,
	PPP_LCP_OPT_ACFC = 8,
};

enum {
	PPP_CHAP_MD5 = 5,		/* CHAP algorithm bytes: MD5 (RFC 1994), */
	PPP_CHAP_MSCHAP = 0x80,		/* MS-CHAPv1 (RFC 2433), */
	PPP_CHAP_MSCHAP_V2 = 0x81,	/* MS-CHAPv2 (RFC 2759) */
	/*
	 * Masks of authentication methods. A higher bit is a stronger
	 * method, preferred when several are allowed: MS-CHAPv2, MS-CHAPv1,
	 * CHAP-MD5, PAP (pppd's order).
	 */
	PPP_AUTH_PAP = 1 << 0,
	PPP_AUTH_CHAP_MD5 = 1 << 1,
	PPP_AUTH_MSCHAP = 1 << 2,
	PPP_AUTH_MSCHAP_V2 = 1 << 3,
	PPP_AUTH_CHAP_ANY = PPP_AUTH_CHAP_MD5 | PPP_AUTH_MSCHAP | PPP_AUTH_MSCHAP_V2,
	PPP_LCP_LOOPBACK_LIMIT = 5,	/* consecutive own-magic sightings = loop */
};

/*
 * One direction's option values. @auth is 0, PPP_PROTO_PAP or
 * PPP_PROTO_CHAP; for CHAP, @chap_alg is its algorithm (PPP_CHAP_*).
 */
struct ppp_lcp_opts {
	bool neg_mru, neg_accm, neg_magic, neg_pfc, neg_acfc;
	uint16_t mru;
	uint32_t accm;
	uint32_t magic;
	uint16_t auth;
	uint8_t chap_alg;
};

/* The PPP_AUTH_* bit of @o's authentication method, 0 for none. */
unsigned int ppp_lcp_auth_method(const struct ppp_lcp_opts *o);

struct ppp_lcp_neg {
	/* Configuration, set by the owner before the FSM opens. */
	struct ppp_lcp_opts want;	/* what we request; want.auth is ignored */
	unsigned int require_auth;	/* PPP_AUTH_* the peer may authenticate with; 0 = none (strongest asked first) */
	unsigned int allow_auth;	/* PPP_AUTH_* we agree to authenticate ourselves with */
	bool allow_pfc, allow_acfc;	/* accept the peer's PFC/ACFC requests */
	bool allow_magic;		/* accept the peer's Magic-Number */
	uint16_t mru_min;		/* smallest peer MRU we accept unnaked (default 128) */
	uint32_t (*random32)(void *ctx);	/* for magic numbers */
	void *random_ctx;

	/* Negotiation state. */
	struct ppp_lcp_opts cur;	/* what our current Configure-Request asks */
	struct ppp_lcp_opts got;	/* ours, acknowledged by the peer */
	struct ppp_lcp_opts his;	/* the peer's, acknowledged by us */
	unsigned int loop_count;	/* consecutive sightings of our own magic */
	bool looped;			/* loopback detected: the owner should close */
};

/* Start a new negotiation: cur = want (+ required auth, fresh magic). */
void ppp_lcp_reset(struct ppp_lcp_neg *n);
size_t ppp_lcp_build_req(struct ppp_lcp_neg *n, uint8_t *buf, size_t cap);
/* 0, or -EINVAL if the list does not match what we asked. Ack sets got. */
int ppp_lcp_recv_ack(struct ppp_lcp_neg *n, const uint8_t *p, size_t len);
int ppp_lcp_recv_nak(struct ppp_lcp_neg *n, const uint8_t *p, size_t len, bool last);
int ppp_lcp_recv_rej(struct ppp_lcp_neg *n, const uint8_t *p, size_t len);
/* Returns PPP_CONFACK/NAK/REJ with the reply options in @out, or -EINVAL. */
int ppp_lcp_recv_req(struct ppp_lcp_neg *n, const uint8_t *p, size_t len,
		     uint8_t *out, size_t cap, size_t *outlen, bool no_nak);

#endif
