// SPDX-License-Identifier: GPL-2.0
/* CCP option negotiation: see ccp.h. */
#include "libppp/ccp.h"
#include "libppp/options.h"
#include "libppp/ppp.h"

enum { CCP_REQ_MAX = 6 + 4 + 4 + 3 + 2 };

unsigned int ppp_ccp_method(const struct ppp_ccp_opts *o)
{
	return o->methods ? o->methods & -o->methods : 0;
}

unsigned int ppp_mppe_key_bits(uint32_t mppe)
{
	switch (mppe & PPP_MPPE_OPT_KEYS) {
	case PPP_MPPE_OPT_S:
		return 128;
	case PPP_MPPE_OPT_M:
		return 56;
	case PPP_MPPE_OPT_L:
		return 40;
	}
	return 0;
}

/* The strongest key length of @keys, as a single bit (0 if none). */
static uint32_t strongest_key(uint32_t keys)
{
	if (keys & PPP_MPPE_OPT_S)
		return PPP_MPPE_OPT_S;
	if (keys & PPP_MPPE_OPT_M)
		return PPP_MPPE_OPT_M;
	return keys & PPP_MPPE_OPT_L;
}

void ppp_ccp_reset(struct ppp_ccp_neg *n)
{
	memset(&n->cur, 0, sizeof(n->cur));
	memset(&n->got, 0, sizeof(n->got));
	memset(&n->his, 0, sizeof(n->his));
	n->cur.methods = n->allow;
	if (n->mppe_required)
		n->cur.methods &= PPP_CCP_MPPE;
	if (n->cur.methods & PPP_CCP_MPPE) {
		/* Every key length we accept; stateless unless stateful is fine. */
		n->cur.mppe = n->mppe_keys & PPP_MPPE_OPT_KEYS;
		if (!n->cur.mppe)
			n->cur.methods &= ~(unsigned int)PPP_CCP_MPPE;
		else if (!n->mppe_stateful)
			n->cur.mppe |= PPP_MPPE_OPT_H;
	}
	n->cur.deflate_window = n->deflate_rx;
	n->cur.bsd_bits = n->bsd_rx;
	/* A size of 0 (deflate 0,15): not asked for in that direction. */
	if (!n->deflate_rx)
		n->cur.methods &= ~(unsigned int)(PPP_CCP_DEFLATE | PPP_CCP_DEFLATE_DRAFT);
	if (!n->bsd_rx)
		n->cur.methods &= ~(unsigned int)PPP_CCP_BSD;
}

static size_t put_deflate(uint8_t *b, uint8_t type, uint8_t window)
{
	b[0] = type;
	b[1] = 4;
	b[2] = (uint8_t)((window - 8) << 4 | 8);	/* method 8: deflate */
	b[3] = 0;					/* check method: sequence */
	return 4;
}

static size_t put_req(const struct ppp_ccp_opts *o, uint8_t *b)
{
	size_t l = 0;

	if (o->methods & PPP_CCP_MPPE)
		l += ppp_opt_put32(b + l, PPP_CCP_OPT_MPPE, o->mppe);
	if (o->methods & PPP_CCP_DEFLATE)
		l += put_deflate(b + l, PPP_CCP_OPT_DEFLATE, o->deflate_window);
	if (o->methods & PPP_CCP_DEFLATE_DRAFT)
		l += put_deflate(b + l, PPP_CCP_OPT_DEFLATE_DRAFT, o->deflate_window);
	if (o->methods & PPP_CCP_BSD) {
		b[l] = PPP_CCP_OPT_BSD;
		b[l + 1] = 3;
		b[l + 2] = (uint8_t)(1 << 5 | o->bsd_bits);	/* version 1 */
		l += 3;
	}
	if (o->methods & PPP_CCP_PRED1)
		l += ppp_opt_put_void(b + l, PPP_CCP_OPT_PRED1);
	return l;
}

size_t ppp_ccp_build_req(const struct ppp_ccp_neg *n, uint8_t *buf, size_t cap)
{
	uint8_t req[CCP_REQ_MAX];
	size_t len = put_req(&n->cur, req);

	return ppp_opt_copy(buf, cap, req, len);
}

int ppp_ccp_recv_ack(struct ppp_ccp_neg *n, const uint8_t *p, size_t len)
{
	uint8_t req[CCP_REQ_MAX];
	size_t rlen = put_req(&n->cur, req);

	if (ppp_opt_check_ack(p, len, req, rlen))
		return -EINVAL;
	n->got = n->cur;
	return 0;
}

static unsigned int method_of_type(uint8_t type)
{
	switch (type) {
	case PPP_CCP_OPT_MPPE:
		return PPP_CCP_MPPE;
	case PPP_CCP_OPT_DEFLATE:
		return PPP_CCP_DEFLATE;
	case PPP_CCP_OPT_DEFLATE_DRAFT:
		return PPP_CCP_DEFLATE_DRAFT;
	case PPP_CCP_OPT_BSD:
		return PPP_CCP_BSD;
	case PPP_CCP_OPT_PRED1:
		return PPP_CCP_PRED1;
	}
	return 0;
}

int ppp_ccp_recv_rej(struct ppp_ccp_neg *n, const uint8_t *p, size_t len)
{
	uint8_t req[CCP_REQ_MAX];
	size_t rlen = put_req(&n->cur, req), off = 0;
	const uint8_t *o;
	uint8_t olen;

	if (ppp_opt_check_rej(p, len, req, rlen))
		return -EINVAL;
	while (ppp_opt_next(p, len, &off, &o, &olen) > 0)
		n->cur.methods &= ~method_of_type(o[0]);
	return 0;
}

/* Deflate's window from a well-formed option, or 0 if its method is not ours. */
static uint8_t deflate_window(const uint8_t *o)
{
	if ((o[2] & 0x0f) != 8 || o[3] != 0)
		return 0;
	return (uint8_t)((o[2] >> 4) + 8);
}

int ppp_ccp_recv_nak(struct ppp_ccp_neg *n, const uint8_t *p, size_t len)
{
	struct ppp_ccp_opts try = n->cur;
	const uint8_t *o;
	size_t off = 0;
	uint8_t olen;
	int r;

	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		unsigned int m = method_of_type(o[0]);
		uint32_t bits;
		uint8_t v;

		if (!(try.methods & m))
			continue;	/* a suggestion of something we did not ask for */
		switch (o[0]) {
		case PPP_CCP_OPT_MPPE:
			if (olen != 6)
				return -EINVAL;
			bits = ppp_get_be32(o + 2);
			/* One key length we accept; stateful only if we allow it. */
			if (ppp_mppe_key_bits(bits) && (bits & n->mppe_keys) &&
			    !(bits & ~(PPP_MPPE_OPT_KEYS | PPP_MPPE_OPT_H)) &&
			    ((bits & PPP_MPPE_OPT_H) || n->mppe_stateful))
				try.mppe = bits;
			else
				try.methods &= ~(unsigned int)m;
			break;
		case PPP_CCP_OPT_DEFLATE:
		case PPP_CCP_OPT_DEFLATE_DRAFT:
			if (olen != 4)
				return -EINVAL;
			v = deflate_window(o);
			if (v >= PPP_DEFLATE_MIN && v <= try.deflate_window)
				try.deflate_window = v;
			else
				try.methods &= ~(unsigned int)m;
			break;
		case PPP_CCP_OPT_BSD:
			if (olen != 3)
				return -EINVAL;
			v = o[2] & 0x1f;
			if (o[2] >> 5 == 1 && v >= PPP_BSD_MIN && v <= try.bsd_bits)
				try.bsd_bits = v;
			else
				try.methods &= ~(unsigned int)m;
			break;
		default:
			try.methods &= ~(unsigned int)m;
		}
	}
	if (r < 0)
		return r;
	n->cur = try;
	return 0;
}

int ppp_ccp_recv_req(struct ppp_ccp_neg *n, const uint8_t *p, size_t len,
		     uint8_t *out, size_t cap, size_t *outlen, bool no_nak)
{
	struct ppp_opt_reply rep;
	struct ppp_ccp_opts his = { 0 };
	const uint8_t *o;
	size_t off = 0;
	uint8_t olen;
	int r;

	*outlen = 0;
	ppp_opt_reply_init(&rep, out, cap);
	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		unsigned int m = method_of_type(o[0]);
		int code = PPP_CONFREJ;
		uint8_t nak[6];
		size_t naklen = 0;
		uint32_t bits, want;
		uint8_t v;

		/* One method at most; under require-mppe, MPPE only. */
		if (!(n->allow & m) || his.methods ||
		    (n->mppe_required && m != PPP_CCP_MPPE)) {
			ppp_opt_reply_add(&rep, PPP_CONFREJ, o, olen);
			continue;
		}
		switch (o[0]) {
		case PPP_CCP_OPT_MPPE:
			if (olen != 6)
				break;
			bits = ppp_get_be32(o + 2);
			want = strongest_key(bits & n->mppe_keys);
			if (!want)
				want = strongest_key(n->mppe_keys);
			if (!want)
				break;
			/* Stateless if the peer offers it or we must. */
			if ((bits & PPP_MPPE_OPT_H) || !n->mppe_stateful)
				want |= PPP_MPPE_OPT_H;
			if (want == bits) {
				code = PPP_CONFACK;
				his.methods = m;
				his.mppe = bits;
			} else {
				code = PPP_CONFNAK;
				naklen = ppp_opt_put32(nak, PPP_CCP_OPT_MPPE, want);
			}
			break;
		case PPP_CCP_OPT_DEFLATE:
		case PPP_CCP_OPT_DEFLATE_DRAFT:
			if (olen != 4 || !n->deflate_tx)
				break;
			v = deflate_window(o);
			if (v >= PPP_DEFLATE_MIN && v <= n->deflate_tx) {
				code = PPP_CONFACK;
				his.methods = m;
				his.deflate_window = v;
			} else {
				code = PPP_CONFNAK;
				/* Too large or not deflate: our largest; too small: 9. */
				naklen = put_deflate(nak, o[0], v && v < PPP_DEFLATE_MIN ?
						     PPP_DEFLATE_MIN : n->deflate_tx);
			}
			break;
		case PPP_CCP_OPT_BSD:
			if (olen != 3 || o[2] >> 5 != 1 || !n->bsd_tx)
				break;
			v = o[2] & 0x1f;
			if (v < PPP_BSD_MIN)
				break;
			if (v <= n->bsd_tx) {
				code = PPP_CONFACK;
				his.methods = m;
				his.bsd_bits = v;
			} else {
				code = PPP_CONFNAK;
				nak[0] = PPP_CCP_OPT_BSD;
				nak[1] = 3;
				nak[2] = (uint8_t)(1 << 5 | n->bsd_tx);
				naklen = 3;
			}
			break;
		case PPP_CCP_OPT_PRED1:
			if (olen != 2)
				break;
			code = PPP_CONFACK;
			his.methods = m;
			break;
		}
		if (code == PPP_CONFNAK && no_nak)
			code = PPP_CONFREJ;
		ppp_opt_reply_add(&rep, code, code == PPP_CONFNAK ? nak : o,
				  code == PPP_CONFNAK ? naklen : olen);
	}
	if (r < 0)
		return r;
	r = ppp_opt_reply_end(&rep, p, len, outlen);
	if (r == PPP_CONFACK)
		n->his = his;
	return r;
}
