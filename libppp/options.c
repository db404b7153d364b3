// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration-option lists shared by the LCP, IPCP and IPv6CP codecs
 * (RFC 1661 section 6). Only the list mechanics live here; what an option
 * means stays with its protocol.
 */
#include "libppp/options.h"
#include "libppp/ppp.h"

int ppp_opt_next(const uint8_t *p, size_t len, size_t *off,
		 const uint8_t **opt, uint8_t *olen)
{
	size_t left = len - *off;

	if (*off >= len)
		return 0;
	if (left < 2 || p[*off + 1] < 2 || p[*off + 1] > left)
		return -EINVAL;
	*opt = p + *off;
	*olen = p[*off + 1];
	*off += *olen;
	return 1;
}

size_t ppp_opt_put_void(uint8_t *b, uint8_t type)
{
	b[0] = type;
	b[1] = 2;
	return 2;
}

size_t ppp_opt_put16(uint8_t *b, uint8_t type, uint16_t v)
{
	b[0] = type;
	b[1] = 4;
	ppp_put_be16(b + 2, v);
	return 4;
}

size_t ppp_opt_put32(uint8_t *b, uint8_t type, uint32_t v)
{
	b[0] = type;
	b[1] = 6;
	ppp_put_be32(b + 2, v);
	return 6;
}

size_t ppp_opt_copy(uint8_t *buf, size_t cap, const uint8_t *list, size_t len)
{
	size_t off = 0, used = 0;
	const uint8_t *o;
	uint8_t olen;

	while (ppp_opt_next(list, len, &off, &o, &olen) > 0) {
		if (used + olen > cap)
			break;
		memcpy(buf + used, o, olen);
		used += olen;
	}
	return used;
}

int ppp_opt_check_ack(const uint8_t *p, size_t len, const uint8_t *req,
		      size_t rlen)
{
	if (len != rlen || (len && memcmp(p, req, len)))
		return -EINVAL;
	return 0;
}

int ppp_opt_check_rej(const uint8_t *p, size_t len, const uint8_t *req,
		      size_t rlen)
{
	size_t off = 0, roff = 0;
	const uint8_t *o, *q;
	uint8_t olen, qlen;
	int r;

	while ((r = ppp_opt_next(p, len, &off, &o, &olen)) > 0) {
		do {
			if (ppp_opt_next(req, rlen, &roff, &q, &qlen) <= 0)
				return -EINVAL;
		} while (qlen != olen || memcmp(q, o, olen));
	}
	return r;
}

void ppp_opt_reply_init(struct ppp_opt_reply *r, uint8_t *out, size_t cap)
{
	r->out = out;
	r->cap = cap;
	r->len = 0;
	r->code = PPP_CONFACK;
	r->err = 0;
}

void ppp_opt_reply_add(struct ppp_opt_reply *r, int code, const uint8_t *o,
		       size_t olen)
{
	if (code < r->code)
		return;
	if (code > r->code) {
		r->code = code;
		r->len = 0;
	}
	if (code == PPP_CONFACK)
		return;
	if (r->len + olen > r->cap) {
		r->err = -ENOSPC;
		return;
	}
	memcpy(r->out + r->len, o, olen);
	r->len += olen;
}

int ppp_opt_reply_end(struct ppp_opt_reply *r, const uint8_t *p, size_t len,
		      size_t *outlen)
{
	if (r->err || (r->code == PPP_CONFACK && len > r->cap))
		return -ENOSPC;
	if (r->code == PPP_CONFACK) {
		if (len)
			memcpy(r->out, p, len);
		r->len = len;
	}
	*outlen = r->len;
	return r->code;
}
