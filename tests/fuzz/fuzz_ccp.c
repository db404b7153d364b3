// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the CCP option codec (libppp/ccp.c) through optcheck.h's script of
 * steps (see there), after a 4-byte configuration:
 *
 *   [0] methods allowed; [1] bit 0-2 MPPE keys, bit 3 mppe-stateful,
 *   bit 4 require-mppe; [2] deflate windows rx/tx (nibbles, 9..15);
 *   [3] BSD code sizes rx/tx (nibbles, 9..15).
 *
 * On top of optcheck.h: our request asks for at most what is allowed
 * (only MPPE under require-mppe), MPPE with a key length we accept and
 * stateless unless stateful is allowed, windows and code sizes within
 * bounds; what we acked of the peer holds one method at most.
 */
#include "libppp/ccp.h"

/* optcheck.h's entry points, on the CCP codec's. */
struct ppp_ccpx_neg {
	struct ppp_ccp_neg n;
};

static void ppp_ccpx_reset(struct ppp_ccpx_neg *x)
{
	ppp_ccp_reset(&x->n);
}

static size_t ppp_ccpx_build_req(struct ppp_ccpx_neg *x, uint8_t *b, size_t cap)
{
	return ppp_ccp_build_req(&x->n, b, cap);
}

static int ppp_ccpx_recv_req(struct ppp_ccpx_neg *x, const uint8_t *p, size_t len,
			     uint8_t *out, size_t cap, size_t *ol, bool flag)
{
	return ppp_ccp_recv_req(&x->n, p, len, out, cap, ol, flag);
}

static int ppp_ccpx_recv_nak(struct ppp_ccpx_neg *x, const uint8_t *p, size_t len, bool last)
{
	return ppp_ccp_recv_nak(&x->n, p, len);
}

static int ppp_ccpx_recv_rej(struct ppp_ccpx_neg *x, const uint8_t *p, size_t len)
{
	return ppp_ccp_recv_rej(&x->n, p, len);
}

static int ppp_ccpx_recv_ack(struct ppp_ccpx_neg *x, const uint8_t *p, size_t len)
{
	return ppp_ccp_recv_ack(&x->n, p, len);
}

#define OPTCHECK_PROTO ccpx
#include "optcheck.h"

static void check_proto(struct ppp_ccpx_neg *x, const uint8_t *req, size_t len)
{
	const struct ppp_ccp_neg *n = &x->n;
	const struct ppp_ccp_opts *c = &n->cur;

	REQUIRE(len <= 19);
	REQUIRE(!(c->methods & ~n->allow));
	if (n->mppe_required)
		REQUIRE(!(c->methods & ~(unsigned int)PPP_CCP_MPPE));
	if (c->methods & PPP_CCP_MPPE) {
		REQUIRE(c->mppe & n->mppe_keys & PPP_MPPE_OPT_KEYS);
		REQUIRE(!(c->mppe & ~(uint32_t)(PPP_MPPE_OPT_KEYS | PPP_MPPE_OPT_H)));
		REQUIRE(n->mppe_stateful || (c->mppe & PPP_MPPE_OPT_H));
	}
	if (c->methods & (PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT))
		REQUIRE(c->deflate_window >= PPP_DEFLATE_MIN && c->deflate_window <= n->deflate_rx);
	if (c->methods & PPP_CCP_BSD)
		REQUIRE(c->bsd_bits >= PPP_BSD_MIN && c->bsd_bits <= n->bsd_rx);
	REQUIRE(!(n->his.methods & (n->his.methods - 1)));
}

/* What we suggest is something we would accept. */
static void check_nak(struct ppp_ccpx_neg *x, const uint8_t *nak, size_t len)
{
	const struct ppp_ccp_neg *n = &x->n;
	size_t off;

	for (off = 0; off < len; off += nak[off + 1]) {
		const uint8_t *o = nak + off;

		switch (o[0]) {
		case PPP_CCP_OPT_MPPE:
			REQUIRE(o[1] == 6 && ppp_mppe_key_bits(ppp_get_be32(o + 2)));
			break;
		case PPP_CCP_OPT_DEFLATE:
		case PPP_CCP_OPT_DEFLATE_DRAFT:
			REQUIRE(o[1] == 4 && (o[2] >> 4) + 8 >= PPP_DEFLATE_MIN &&
				(o[2] >> 4) + 8 <= n->deflate_tx);
			break;
		case PPP_CCP_OPT_BSD:
			REQUIRE(o[1] == 3 && (o[2] & 0x1f) <= n->bsd_tx);
			break;
		default:
			REQUIRE(0);
		}
	}
}

static uint8_t clamp(uint8_t v, uint8_t lo, uint8_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ppp_ccpx_neg x;
	struct ppp_ccp_neg *n = &x.n;

	if (size < 4)
		return 0;
	memset(&x, 0, sizeof(x));
	n->allow = data[0] & 0x1f;
	n->mppe_keys = (data[1] & 1 ? PPP_MPPE_OPT_S : 0) | (data[1] & 2 ? PPP_MPPE_OPT_M : 0) |
		       (data[1] & 4 ? PPP_MPPE_OPT_L : 0);
	n->mppe_stateful = data[1] & 8;
	n->mppe_required = data[1] & 16;
	n->deflate_rx = clamp(data[2] >> 4, 9, 15);
	n->deflate_tx = clamp(data[2] & 15, 9, 15);
	n->bsd_rx = clamp(data[3] >> 4, 9, 15);
	n->bsd_tx = clamp(data[3] & 15, 9, 15);
	optcheck_run(&x, data + 4, size - 4);
	return 0;
}
