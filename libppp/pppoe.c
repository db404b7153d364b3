// SPDX-License-Identifier: GPL-2.0
/* PPPoE discovery packets (RFC 2516): see pppoe.h. */
#include "libppp/pppoe.h"

const char *ppp_pppoe_err_name(enum ppp_pppoe_err e)
{
	static const char *const names[PPP_PPPOE_ERR_MAX] = {
		[PPP_PPPOE_OK] = "ok",
		[PPP_PPPOE_ERR_SHORT] = "truncated",
		[PPP_PPPOE_ERR_VERSION] = "bad version/type",
		[PPP_PPPOE_ERR_CODE] = "unknown code",
		[PPP_PPPOE_ERR_TAG] = "tag past the end",
		[PPP_PPPOE_ERR_DUPLICATE] = "duplicate tag",
		[PPP_PPPOE_ERR_MISSING] = "mandatory tag missing",
		[PPP_PPPOE_ERR_SESSION] = "bad session id",
		[PPP_PPPOE_ERR_SIZE] = "bad size",
	};

	return (unsigned int)e < PPP_PPPOE_ERR_MAX ? names[e] : "?";
}

const char *ppp_pppoe_code_name(uint8_t code)
{
	switch (code) {
	case PPP_PADI:
		return "PADI";
	case PPP_PADO:
		return "PADO";
	case PPP_PADR:
		return "PADR";
	case PPP_PADS:
		return "PADS";
	case PPP_PADT:
		return "PADT";
	case PPP_PPPOE_SESSION:
		return "session";
	}
	return "?";
}

/* Keep a tag that may appear once; false if it already did. */
static bool once(struct ppp_pppoe_tag *t, const uint8_t *val, uint16_t len)
{
	if (t->present)
		return false;
	t->val = val;
	t->len = len;
	t->present = true;
	return true;
}

static enum ppp_pppoe_err check_code(const struct ppp_pppoe_disc *d, size_t len)
{
	switch (d->code) {
	case PPP_PADI:
		if (len > PPP_PPPOE_PADI_MAX)
			return PPP_PPPOE_ERR_SIZE;
		/* fall through */
	case PPP_PADR:
		if (d->session)
			return PPP_PPPOE_ERR_SESSION;
		return d->services == 1 ? PPP_PPPOE_OK :
		       d->services ? PPP_PPPOE_ERR_DUPLICATE : PPP_PPPOE_ERR_MISSING;
	case PPP_PADO:
		if (d->session)
			return PPP_PPPOE_ERR_SESSION;
		return d->ac_name.present && d->services ? PPP_PPPOE_OK : PPP_PPPOE_ERR_MISSING;
	case PPP_PADS:
		/* A refusal carries an error tag and session 0. */
		if (d->service_error.present || d->ac_error.present || d->generic_error.present)
			return d->session ? PPP_PPPOE_ERR_SESSION : PPP_PPPOE_OK;
		if (!d->session)
			return PPP_PPPOE_ERR_SESSION;
		return d->services == 1 ? PPP_PPPOE_OK :
		       d->services ? PPP_PPPOE_ERR_DUPLICATE : PPP_PPPOE_ERR_MISSING;
	case PPP_PADT:
		return d->session ? PPP_PPPOE_OK : PPP_PPPOE_ERR_SESSION;
	}
	return PPP_PPPOE_ERR_CODE;
}

enum ppp_pppoe_err ppp_pppoe_parse(const uint8_t *p, size_t len, struct ppp_pppoe_disc *d)
{
	size_t plen, off;

	memset(d, 0, sizeof(*d));
	if (len < PPP_PPPOE_HDRLEN)
		return PPP_PPPOE_ERR_SHORT;
	if (p[0] != PPP_PPPOE_VERTYPE)
		return PPP_PPPOE_ERR_VERSION;
	d->code = p[1];
	d->session = ppp_get_be16(p + 2);
	plen = ppp_get_be16(p + 4);
	if (PPP_PPPOE_HDRLEN + plen > len)
		return PPP_PPPOE_ERR_SHORT;
	if (d->code == PPP_PPPOE_SESSION)
		return PPP_PPPOE_ERR_CODE;
	p += PPP_PPPOE_HDRLEN;
	for (off = 0; off < plen;) {
		uint16_t type, tlen;
		const uint8_t *val;
		bool ok = true;

		if (plen - off < 4)
			return PPP_PPPOE_ERR_TAG;
		type = ppp_get_be16(p + off);
		tlen = ppp_get_be16(p + off + 2);
		val = p + off + 4;
		if (tlen > plen - off - 4)
			return PPP_PPPOE_ERR_TAG;
		off += 4 + (size_t)tlen;
		switch (type) {
		case PPP_TAG_END:
			if (tlen)
				return PPP_PPPOE_ERR_SIZE;
			off = plen;
			break;
		case PPP_TAG_SERVICE_NAME:
			if (d->services < PPP_PPPOE_SERVICES_MAX)
				once(&d->service[d->services], val, tlen);
			d->services++;
			break;
		case PPP_TAG_AC_NAME:
			ok = once(&d->ac_name, val, tlen);
			break;
		case PPP_TAG_HOST_UNIQ:
			ok = once(&d->host_uniq, val, tlen);
			break;
		case PPP_TAG_AC_COOKIE:
			ok = once(&d->cookie, val, tlen);
			break;
		case PPP_TAG_RELAY_ID:
			ok = once(&d->relay_id, val, tlen);
			break;
		case PPP_TAG_SERVICE_ERROR:
			ok = once(&d->service_error, val, tlen);
			break;
		case PPP_TAG_AC_ERROR:
			ok = once(&d->ac_error, val, tlen);
			break;
		case PPP_TAG_GENERIC_ERROR:
			ok = once(&d->generic_error, val, tlen);
			break;
		case PPP_TAG_VENDOR:
			if (tlen < 4)
				return PPP_PPPOE_ERR_SIZE;
			if (d->vendors < PPP_PPPOE_VENDOR_MAX)
				once(&d->vendor[d->vendors], val, tlen);
			d->vendors++;
			break;
		case PPP_TAG_MAX_PAYLOAD:
			if (tlen != 2)
				return PPP_PPPOE_ERR_SIZE;
			if (d->has_max_payload)
				return PPP_PPPOE_ERR_DUPLICATE;
			d->has_max_payload = true;
			d->max_payload = ppp_get_be16(val);
			break;
		default:
			d->unknown++;
		}
		if (!ok)
			return PPP_PPPOE_ERR_DUPLICATE;
	}
	return check_code(d, PPP_PPPOE_HDRLEN + plen);
}

void ppp_pppoe_begin(struct ppp_pppoe_writer *w, uint8_t *buf, size_t cap, uint8_t code,
		     uint16_t session)
{
	w->buf = buf;
	w->cap = cap;
	w->len = PPP_PPPOE_HDRLEN;
	w->overflow = cap < PPP_PPPOE_HDRLEN;
	if (w->overflow)
		return;
	buf[0] = PPP_PPPOE_VERTYPE;
	buf[1] = code;
	ppp_put_be16(buf + 2, session);
	ppp_put_be16(buf + 4, 0);
}

void ppp_pppoe_put_tag(struct ppp_pppoe_writer *w, uint16_t type, const void *val, size_t len)
{
	if (w->overflow || len > 0xffff || w->len + 4 + len > w->cap ||
	    w->len + 4 + len - PPP_PPPOE_HDRLEN > 0xffff) {
		w->overflow = true;
		return;
	}
	ppp_put_be16(w->buf + w->len, type);
	ppp_put_be16(w->buf + w->len + 2, (uint16_t)len);
	if (len)
		memcpy(w->buf + w->len + 4, val, len);
	w->len += 4 + len;
}

size_t ppp_pppoe_end(struct ppp_pppoe_writer *w)
{
	if (w->overflow)
		return 0;
	ppp_put_be16(w->buf + 4, (uint16_t)(w->len - PPP_PPPOE_HDRLEN));
	return w->len;
}
