// SPDX-License-Identifier: GPL-2.0
/*
 * PAP (RFC 1334 section 2.2) and CHAP (RFC 1994 section 4) packet codecs.
 *
 * Parsers see only the data after the header, already cut to the Length
 * field. Every length octet is checked against what is left before the
 * field it describes is touched. Octets after the last field (inside
 * Length) are tolerated and ignored, as pppd and most peers do.
 *
 * Builders refuse (return 0) rather than truncate: a cut password or name
 * fails authentication in a way nobody can diagnose.
 */
#include "libppp/auth.h"
#include "libppp/ppp.h"

enum {
	AUTH_FIELD_MAX = 255,		/* what a one-octet length can say */
	AUTH_PKT_MAX = 0xffff,		/* what the Length field can say */
};

static void put_hdr(uint8_t *buf, uint8_t code, uint8_t id, size_t len)
{
	buf[0] = code;
	buf[1] = id;
	ppp_put_be16(buf + 2, (uint16_t)len);
}

/* Copy @len bytes from @src unless there are none (src may then be NULL). */
static uint8_t *put_bytes(uint8_t *dst, const uint8_t *src, size_t len)
{
	if (len)
		memcpy(dst, src, len);
	return dst + len;
}

/*
 * Authenticate-Request: Peer-ID Length, Peer-ID, Passwd-Length, Password.
 * Either may be empty.
 */
int ppp_pap_parse_req(const uint8_t *p, size_t len, struct ppp_pap_req *r)
{
	size_t id_len, pw_len;

	if (len < 1)
		return -EINVAL;
	id_len = p[0];
	if (id_len + 2 > len)	/* the id and the Passwd-Length octet */
		return -EINVAL;
	pw_len = p[1 + id_len];
	if (id_len + 2 + pw_len > len)
		return -EINVAL;
	r->peer_id = p + 1;
	r->peer_id_len = id_len;
	r->passwd = p + 2 + id_len;
	r->passwd_len = pw_len;
	return 0;
}

size_t ppp_pap_build_req(uint8_t *buf, size_t cap, uint8_t id,
			 const uint8_t *peer_id, size_t peer_id_len,
			 const uint8_t *passwd, size_t passwd_len)
{
	size_t len;
	uint8_t *q;

	if (peer_id_len > AUTH_FIELD_MAX || passwd_len > AUTH_FIELD_MAX)
		return 0;
	len = PPP_CP_HDRLEN + 1 + peer_id_len + 1 + passwd_len;
	if (len > cap)
		return 0;
	put_hdr(buf, PPP_PAP_REQ, id, len);
	q = buf + PPP_CP_HDRLEN;
	*q++ = (uint8_t)peer_id_len;
	q = put_bytes(q, peer_id, peer_id_len);
	*q++ = (uint8_t)passwd_len;
	put_bytes(q, passwd, passwd_len);
	return len;
}

/*
 * Authenticate-Ack/Nak: Msg-Length, Message. A packet with no data at all
 * (some peers send a bare 4-byte Ack) reads as an empty message.
 */
int ppp_pap_parse_msg(const uint8_t *p, size_t len, const uint8_t **msg,
		      size_t *msg_len)
{
	size_t n;

	if (len == 0) {
		*msg = p;
		*msg_len = 0;
		return 0;
	}
	n = p[0];
	if (n + 1 > len)
		return -EINVAL;
	*msg = p + 1;
	*msg_len = n;
	return 0;
}

size_t ppp_pap_build_msg(uint8_t *buf, size_t cap, uint8_t code, uint8_t id,
			 const uint8_t *msg, size_t msg_len)
{
	size_t len;

	if (code != PPP_PAP_ACK && code != PPP_PAP_NAK)
		return 0;
	if (msg_len > AUTH_FIELD_MAX)
		return 0;
	len = PPP_CP_HDRLEN + 1 + msg_len;
	if (len > cap)
		return 0;
	put_hdr(buf, code, id, len);
	buf[PPP_CP_HDRLEN] = (uint8_t)msg_len;
	put_bytes(buf + PPP_CP_HDRLEN + 1, msg, msg_len);
	return len;
}

/*
 * Challenge/Response: Value-Size, Value, Name. RFC 1994 says the Value is
 * "one or more octets", so a Value-Size of zero is malformed; the Name is
 * whatever remains and may be empty.
 */
int ppp_chap_parse(const uint8_t *p, size_t len, struct ppp_chap_msg *m)
{
	size_t vlen;

	if (len < 1)
		return -EINVAL;
	vlen = p[0];
	if (vlen == 0 || vlen + 1 > len)
		return -EINVAL;
	m->value = p + 1;
	m->value_len = vlen;
	m->name = p + 1 + vlen;
	m->name_len = len - 1 - vlen;
	return 0;
}

size_t ppp_chap_build(uint8_t *buf, size_t cap, uint8_t code, uint8_t id,
		      const uint8_t *value, size_t value_len,
		      const uint8_t *name, size_t name_len)
{
	size_t len;
	uint8_t *q;

	if (code != PPP_CHAP_CHALLENGE && code != PPP_CHAP_RESPONSE)
		return 0;
	if (value_len == 0 || value_len > AUTH_FIELD_MAX ||
	    name_len > AUTH_FIELD_MAX)
		return 0;
	len = PPP_CP_HDRLEN + 1 + value_len + name_len;
	if (len > cap)
		return 0;
	put_hdr(buf, code, id, len);
	q = buf + PPP_CP_HDRLEN;
	*q++ = (uint8_t)value_len;
	q = put_bytes(q, value, value_len);
	put_bytes(q, name, name_len);
	return len;
}

/*
 * Success/Failure: the message is the whole data part and has no length
 * octet, so only the Length field bounds it.
 */
size_t ppp_chap_build_status(uint8_t *buf, size_t cap, uint8_t code,
			     uint8_t id, const uint8_t *msg, size_t msg_len)
{
	size_t len;

	if (code != PPP_CHAP_SUCCESS && code != PPP_CHAP_FAILURE)
		return 0;
	if (msg_len > AUTH_PKT_MAX - PPP_CP_HDRLEN)
		return 0;
	len = PPP_CP_HDRLEN + msg_len;
	if (len > cap)
		return 0;
	put_hdr(buf, code, id, len);
	put_bytes(buf + PPP_CP_HDRLEN, msg, msg_len);
	return len;
}
