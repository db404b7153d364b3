// SPDX-License-Identifier: GPL-2.0
/*
 * LCP option codec (RFC 1661 section 6, RFC 1662 section 7.1, RFC 1994).
 *
 * Behaviour follows pppd 2.4.9 where the RFC leaves a choice, because that is
 * the peer we most often meet: MRU is only sent when it differs from 1500,
 * a naked Magic-Number always counts towards loopback detection, and a Nak of
 * our authentication protocol walks down our preference list (CHAP-MD5, then
 * PAP, then nothing, at which point the owner sees got.auth == 0 and fails
 * the link) instead of insisting until Max-Failure.
 *
 * Every function that can fail validates the whole packet (working on a
 * copy, or in a first pass) before it commits any state, so a dropped packet
 * changes nothing.
 */
#include "libppp/lcp.h"
#include "libppp/options.h"
#include "libppp/ppp.h"

enum {
	LCP_LEN_MRU = 4,
	LCP_LEN_ACCM = 6,
	LCP_LEN_PAP = 4,
	LCP_LEN_CHAP = 5,
	LCP_LEN_MAGIC = 6,
	LCP_LEN_VOID = 2,
	LCP_REQ_MAX = LCP_LEN_MRU + LCP_LEN_ACCM + LCP_LEN_CHAP +
		      LCP_LEN_MAGIC + 2 * LCP_LEN_VOID,
	LCP_NAK_MAX = 8,	/* largest option we write into a Nak */
};

/*
 * A fresh magic number, never 0 and never @avoid. random32 is required by
 * the header, but a missing or stuck generator must not hang or crash us, so
 * after a few tries fall back to something derived from @avoid.
 */
static uint32_t lcp_new_magic(struct ppp_lcp_neg *n, uint32_t avoid)
{
	uint32_t m;
	int i;

	for (i = 0; n->random32 && i < 8; i++) {
		m = n->random32(n->random_ctx);
		if (m && m != avoid)
			return m;
	}
	m = avoid ^ 0x5a5a5a5a;
	return m ? m : 1;
}

/* The strongest method of @mask (its highest bit), or 0. */
static unsigned int lcp_best(unsigned int mask)
{
	mask &= PPP_AUTH_PAP | PPP_AUTH_CHAP_ANY;
	return mask ? 1u << (31 - __builtin_clz(mask)) : 0;
}

static const struct {
	unsigned int bit;
	uint16_t proto;
	uint8_t alg;
} lcp_methods[] = {
	{ PPP_AUTH_PAP, PPP_PROTO_PAP, 0 },
	{ PPP_AUTH_CHAP_MD5, PPP_PROTO_CHAP, PPP_CHAP_MD5 },
	{ PPP_AUTH_MSCHAP, PPP_PROTO_CHAP, PPP_CHAP_MSCHAP },
	{ PPP_AUTH_MSCHAP_V2, PPP_PROTO_CHAP, PPP_CHAP_MSCHAP_V2 },
};

static unsigned int lcp_method_of(uint16_t proto, uint8_t alg)
{
	size_t i;

	for (i = 0; i < sizeof(lcp_methods) / sizeof(lcp_methods[0]); i++)
		if (lcp_methods[i].proto == proto && lcp_methods[i].alg == alg)
			return lcp_methods[i].bit;
	return 0;
}

unsigned int ppp_lcp_auth_method(const struct ppp_lcp_opts *o)
{
	return o->auth ? lcp_method_of(o->auth, o->auth == PPP_PROTO_CHAP ? o->chap_alg : 0) : 0;
}

/* Make @o ask for the method @bit (0: none). */
static void lcp_set_method(struct ppp_lcp_opts *o, unsigned int bit)
{
	size_t i;

	o->auth = 0;
	o->chap_alg = 0;
	for (i = 0; i < sizeof(lcp_methods) / sizeof(lcp_methods[0]); i++)
		if (lcp_methods[i].bit == bit) {
			o->auth = lcp_methods[i].proto;
			o->chap_alg = lcp_methods[i].alg;
		}
}

/* Write an Authentication-Protocol option for method @bit (not 0). */
static size_t lcp_put_auth(uint8_t *b, unsigned int bit)
{
	struct ppp_lcp_opts o;

	lcp_set_method(&o, bit);
	b[0] = PPP_LCP_OPT_AUTH;
	ppp_put_be16(b + 2, o.auth);
	if (o.auth == PPP_PROTO_CHAP) {
		b[1] = LCP_LEN_CHAP;
		b[4] = o.chap_alg;
		return LCP_LEN_CHAP;
	}
	b[1] = LCP_LEN_PAP;
	return LCP_LEN_PAP;
}

/* Decode an Authentication-Protocol option into a PPP_AUTH_* bit, 0 if unknown. */
static unsigned int lcp_get_auth(const uint8_t *o, uint8_t olen)
{
	uint16_t proto = ppp_get_be16(o + 2);

	if (proto == PPP_PROTO_PAP && olen == LCP_LEN_PAP)
		return PPP_AUTH_PAP;
	if (proto == PPP_PROTO_CHAP && olen == LCP_LEN_CHAP)
		return lcp_method_of(proto, o[4]);
	return 0;
}

static bool lcp_sends_mru(const struct ppp_lcp_opts *o)
{
	return o->neg_mru && o->mru != PPP_MRU_DEFAULT;
}

/* Our Configure-Request for @o into @b (at least LCP_REQ_MAX bytes). */
static size_t lcp_put_req(const struct ppp_lcp_opts *o, uint8_t *b)
{
	size_t l = 0;

	if (lcp_sends_mru(o))
		l += ppp_opt_put16(b + l, PPP_LCP_OPT_MRU, o->mru);
	if (o->neg_accm)
		l += ppp_opt_put32(b + l, PPP_LCP_OPT_ACCM, o->accm);
	if (o->auth)
		l += lcp_put_auth(b + l, ppp_lcp_auth_method(o));
	if (o->neg_magic)
		l += ppp_opt_put32(b + l, PPP_LCP_OPT_MAGIC, o->magic);
	if (o->neg_pfc)
		l += ppp_opt_put_void(b + l, PPP_LCP_OPT_PFC);
	if (o->neg_acfc)
		l += ppp_opt_put_void(b + l, PPP_LCP_OPT_ACFC);
	return l;
}

void ppp_lcp_reset(struct ppp_lcp_neg *n)
{
	n->cur = n->want;
	lcp_set_method(&n->cur, lcp_best(n->require_auth));
	if (n->want.neg_magic)
		n->cur.magic = lcp_new_magic(n, 0);
	memset(&n->got, 0, sizeof(n->got));
	memset(&n->his, 0, sizeof(n->his));
	n->loop_count = 0;
	n->looped = false;
}

/*
 * Only whole options are written: with a buffer too small for the full
 * request (callers pass the MRU, so this does not happen) the request is
 * still a well-formed list.
 */
size_t ppp_lcp_build_req(struct ppp_lcp_neg *n, uint8_t *buf, size_t cap)
{
	uint8_t req[LCP_REQ_MAX];
	size_t len = lcp_put_req(&n->cur, req);

	return ppp_opt_copy(buf, cap, req, len);
}

int ppp_lcp_recv_ack(struct ppp_lcp_neg *n, const uint8_t *p, size_t len)
{
	uint8_t req[LCP_REQ_MAX];
	size_t rlen = lcp_put_req(&n->cur, req);

	if (ppp_opt_check_ack(p, len, req, rlen))
		return -EINVAL;
	n->got = n->cur;
	return 0;
}

int ppp_lcp_recv_nak(struct ppp_lcp_neg *n, const uint8_t *p, size_t len,
		     bool last)
{
	struct ppp_lcp_opts try = n->cur;
	uint16_t limit = n->want.mru > PPP_MRU_DEFAULT ? n->want.mru :
			 PPP_MRU_DEFAULT;
	bool magic_naked = false;
	uint32_t seen = 0;
	const uint8_t *o;
	size_t off = 0;
	uint8_t olen;
	int r;

	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		uint8_t type = o[0];
		uint16_t v16;
		unsigned int sug, cur;

		/* A peer that naks the same option twice is confused. */
		if (type < 32) {
			if (seen & (1u << type))
				return -EINVAL;
			seen |= 1u << type;
		}
		switch (type) {
		case PPP_LCP_OPT_MRU:
			if (olen != LCP_LEN_MRU)
				return -EINVAL;
			v16 = ppp_get_be16(o + 2);
			if (lcp_sends_mru(&n->cur)) {
				/*
				 * Anything up to 1500 is fine: RFC 1661 makes
				 * us able to receive 1500 whatever we ask.
				 * Otherwise fall back to not asking at all.
				 */
				if (!last && v16 >= PPP_MRU_MIN && v16 <= limit)
					try.mru = v16;
				else
					try.neg_mru = false;
			} else if (!last && n->cur.neg_mru &&
				   v16 >= PPP_MRU_MIN && v16 < PPP_MRU_DEFAULT) {
				/* We were silent at 1500; the peer wants less. */
				try.mru = v16;
			}
			break;
		case PPP_LCP_OPT_ACCM:
			if (olen != LCP_LEN_ACCM)
				return -EINVAL;
			if (!n->cur.neg_accm)
				break;
			if (last)
				try.neg_accm = false;
			else
				try.accm |= ppp_get_be32(o + 2);
			break;
		case PPP_LCP_OPT_AUTH:
			if (olen < LCP_LEN_PAP)
				return -EINVAL;
			if (!n->cur.auth)
				break;
			cur = ppp_lcp_auth_method(&n->cur);
			sug = lcp_get_auth(o, olen);
			if (sug == cur)
				return -EINVAL;	/* naked ours with ours */
			if (last)
				lcp_set_method(&try, 0);
			else if (sug & n->require_auth)
				lcp_set_method(&try, sug);
			else	/* the next weaker method we accept, if any */
				lcp_set_method(&try, lcp_best(n->require_auth & (cur - 1)));
			break;
		case PPP_LCP_OPT_MAGIC:
			if (olen != LCP_LEN_MAGIC)
				return -EINVAL;
			if (!n->cur.neg_magic)
				break;
			if (last) {
				try.neg_magic = false;
			} else {
				try.magic = lcp_new_magic(n, n->cur.magic);
				magic_naked = true;
			}
			break;
		case PPP_LCP_OPT_PFC:
		case PPP_LCP_OPT_ACFC:
			if (olen != LCP_LEN_VOID)
				return -EINVAL;
			/* A boolean can only be refused: treat it as a Reject. */
			if (type == PPP_LCP_OPT_PFC)
				try.neg_pfc = false;
			else
				try.neg_acfc = false;
			break;
		default:
			/* A suggestion of something we did not ask for. */
			break;
		}
	}
	if (r < 0)
		return r;

	n->cur = try;
	if (magic_naked && ++n->loop_count >= PPP_LCP_LOOPBACK_LIMIT)
		n->looped = true;
	return 0;
}

/*
 * RFC 1661 6.4: the rejected options must not be reordered or modified, so
 * each one must appear byte-identical in our request, in the same order.
 * Once that holds, every option is one we sent and can be dropped.
 */
int ppp_lcp_recv_rej(struct ppp_lcp_neg *n, const uint8_t *p, size_t len)
{
	uint8_t req[LCP_REQ_MAX];
	size_t rlen = lcp_put_req(&n->cur, req), off = 0;
	const uint8_t *o;
	uint8_t olen;

	if (ppp_opt_check_rej(p, len, req, rlen))
		return -EINVAL;
	while (ppp_opt_next(p, len, &off, &o, &olen) > 0) {
		switch (o[0]) {
		case PPP_LCP_OPT_MRU:
			n->cur.neg_mru = false;
			break;
		case PPP_LCP_OPT_ACCM:
			n->cur.neg_accm = false;
			break;
		case PPP_LCP_OPT_AUTH:
			lcp_set_method(&n->cur, 0);
			break;
		case PPP_LCP_OPT_MAGIC:
			n->cur.neg_magic = false;
			break;
		case PPP_LCP_OPT_PFC:
			n->cur.neg_pfc = false;
			break;
		case PPP_LCP_OPT_ACFC:
			n->cur.neg_acfc = false;
			break;
		}
	}
	return 0;
}

int ppp_lcp_recv_req(struct ppp_lcp_neg *n, const uint8_t *p, size_t len,
		     uint8_t *out, size_t cap, size_t *outlen, bool no_nak)
{
	struct ppp_opt_reply rep;
	struct ppp_lcp_opts his = {
		.mru = PPP_MRU_DEFAULT,
		.accm = 0xffffffff,
	};
	uint16_t mru_min = n->mru_min ? n->mru_min : PPP_MRU_MIN;
	bool own_magic = false, other_magic = false;
	uint32_t seen = 0;
	const uint8_t *o;
	size_t off = 0;
	uint8_t olen;
	int r;

	*outlen = 0;
	ppp_opt_reply_init(&rep, out, cap);
	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		uint8_t nak[LCP_NAK_MAX];
		int code = PPP_CONFREJ;
		size_t naklen = 0;
		uint32_t v32;
		uint16_t v16;
		unsigned int method;

		/* A second copy of an option is refused, not reinterpreted. */
		if (o[0] < 32 && (seen & (1u << o[0]))) {
			ppp_opt_reply_add(&rep, PPP_CONFREJ, o, olen);
			continue;
		}
		if (o[0] < 32)
			seen |= 1u << o[0];

		switch (o[0]) {
		case PPP_LCP_OPT_MRU:
			if (olen != LCP_LEN_MRU)
				break;
			v16 = ppp_get_be16(o + 2);
			if (v16 < mru_min) {
				code = PPP_CONFNAK;
				naklen = ppp_opt_put16(nak, PPP_LCP_OPT_MRU,
						       mru_min);
				break;
			}
			code = PPP_CONFACK;
			his.neg_mru = true;
			his.mru = v16;
			break;
		case PPP_LCP_OPT_ACCM:
			if (olen != LCP_LEN_ACCM)
				break;
			code = PPP_CONFACK;
			his.neg_accm = true;
			his.accm = ppp_get_be32(o + 2);
			break;
		case PPP_LCP_OPT_AUTH:
			if (olen < LCP_LEN_PAP || !n->allow_auth)
				break;
			v16 = ppp_get_be16(o + 2);
			/* A known protocol with a malformed body is refused. */
			if ((v16 == PPP_PROTO_PAP && olen != LCP_LEN_PAP) ||
			    (v16 == PPP_PROTO_CHAP && olen != LCP_LEN_CHAP))
				break;
			method = lcp_get_auth(o, olen);
			if (method & n->allow_auth) {
				code = PPP_CONFACK;
				lcp_set_method(&his, method);
				break;
			}
			method = lcp_best(n->allow_auth);
			if (!method)
				break;	/* only unknown bits in allow_auth */
			code = PPP_CONFNAK;
			naklen = lcp_put_auth(nak, method);
			break;
		case PPP_LCP_OPT_MAGIC:
			if (olen != LCP_LEN_MAGIC || !n->allow_magic)
				break;
			v32 = ppp_get_be32(o + 2);
			if (v32 && !(n->cur.neg_magic && v32 == n->cur.magic)) {
				code = PPP_CONFACK;
				other_magic = true;
				his.neg_magic = true;
				his.magic = v32;
				break;
			}
			/* Zero, or our own number: perhaps a looped line. */
			if (v32)
				own_magic = true;
			code = PPP_CONFNAK;
			naklen = ppp_opt_put32(nak, PPP_LCP_OPT_MAGIC,
					       lcp_new_magic(n, n->cur.magic));
			break;
		case PPP_LCP_OPT_PFC:
			if (olen != LCP_LEN_VOID || !n->allow_pfc)
				break;
			code = PPP_CONFACK;
			his.neg_pfc = true;
			break;
		case PPP_LCP_OPT_ACFC:
			if (olen != LCP_LEN_VOID || !n->allow_acfc)
				break;
			code = PPP_CONFACK;
			his.neg_acfc = true;
			break;
		default:
			/* Quality-Protocol and everything else. */
			break;
		}
		if (code == PPP_CONFNAK && no_nak)
			code = PPP_CONFREJ;
		if (code == PPP_CONFNAK)
			ppp_opt_reply_add(&rep, code, nak, naklen);
		else
			ppp_opt_reply_add(&rep, code, o, olen);
	}
	if (r < 0)
		return r;
	r = ppp_opt_reply_end(&rep, p, len, outlen);
	if (r < 0)
		return r;

	if (own_magic) {
		if (++n->loop_count >= PPP_LCP_LOOPBACK_LIMIT)
			n->looped = true;
	} else if (other_magic) {
		n->loop_count = 0;
	}
	memset(&n->his, 0, sizeof(n->his));
	if (r == PPP_CONFACK)
		n->his = his;
	return r;
}
