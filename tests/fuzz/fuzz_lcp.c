// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the LCP option codec. The input is a configuration followed by a
 * script of steps (see optcheck.h for the script and what is checked):
 *
 *   cfg[8]  then  { op, len, data[len] }...
 *
 * On top of optcheck.h: our request and state stay within what we may ask
 * (required authentication only, a non-zero magic, loopback flagged).
 */
#include "libppp/lcp.h"
#define OPTCHECK_PROTO lcp
#include "optcheck.h"

struct rnd {
	uint32_t state;
	uint8_t zero_every;	/* return 0 every n-th call, to test the guard */
	unsigned int calls;
};

static uint32_t rnd32(void *ctx)
{
	struct rnd *r = ctx;

	r->calls++;
	if (r->zero_every && r->calls % r->zero_every == 0)
		return 0;
	r->state = r->state * 1664525u + 1013904223u;
	return r->state;
}

static void check_proto(struct ppp_lcp_neg *n, const uint8_t *req, size_t len)
{
	REQUIRE(len <= 25);
	if (n->cur.neg_magic)
		REQUIRE(n->cur.magic != 0);
	REQUIRE(n->cur.auth == 0 || n->cur.auth == PPP_PROTO_PAP ||
		n->cur.auth == PPP_PROTO_CHAP);
	if (n->cur.auth == PPP_PROTO_PAP)
		REQUIRE(n->require_auth & PPP_AUTH_PAP);
	if (n->cur.auth == PPP_PROTO_CHAP)
		REQUIRE(n->require_auth & PPP_AUTH_CHAP_MD5);
	if (n->loop_count >= PPP_LCP_LOOPBACK_LIMIT)
		REQUIRE(n->looped);
}

/* We only ever suggest an MRU, an authentication protocol or a magic. */
static void check_nak(struct ppp_lcp_neg *n, const uint8_t *nak, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += nak[off + 1])
		REQUIRE(nak[off] == PPP_LCP_OPT_MRU ||
			nak[off] == PPP_LCP_OPT_AUTH ||
			nak[off] == PPP_LCP_OPT_MAGIC);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppp_lcp_neg n;
	struct rnd r;

	if (size < 8)
		return 0;
	memset(&n, 0, sizeof(n));
	memset(&r, 0, sizeof(r));
	r.state = ppp_get_be32(data);
	r.zero_every = data[4] & 3;
	n.want.neg_mru = data[5] & 1;
	n.want.neg_accm = data[5] & 2;
	n.want.neg_magic = data[5] & 4;
	n.want.neg_pfc = data[5] & 8;
	n.want.neg_acfc = data[5] & 16;
	n.allow_pfc = data[5] & 32;
	n.allow_acfc = data[5] & 64;
	n.allow_magic = data[5] & 128;
	n.require_auth = data[6] & 3;
	n.allow_auth = (data[6] >> 2) & 3;
	n.want.mru = data[6] & 0x80 ? (uint16_t)(data[7] << 4) : PPP_MRU_DEFAULT;
	n.mru_min = data[6] & 0x40 ? (uint16_t)(data[7] << 3) : 0;
	n.want.accm = (uint32_t)data[7] << 8;
	n.random32 = (data[4] & 4) ? NULL : rnd32;
	n.random_ctx = &r;
	optcheck_run(&n, data + 8, size - 8);
	return 0;
}
