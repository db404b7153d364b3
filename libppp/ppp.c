// SPDX-License-Identifier: GPL-2.0
/* The PPP frame header: address/control and protocol fields (RFC 1661). */
#include "libppp/ppp.h"

int ppp_hdr_parse(const uint8_t *p, size_t len, uint16_t *proto)
{
	size_t off = 0;

	if (len >= 2 && p[0] == PPP_ALLSTATIONS && p[1] == PPP_UI)
		off = 2;
	if (off >= len)
		return -EINVAL;
	/* The protocol field ends at the first byte with its low bit set. */
	if (p[off] & 1) {
		*proto = p[off];
		return off + 1;
	}
	if (len - off < 2 || !(p[off + 1] & 1))
		return -EINVAL;
	*proto = ppp_get_be16(p + off);
	return off + 2;
}

size_t ppp_hdr_build(uint8_t *buf, uint16_t proto, bool acfc, bool pfc)
{
	size_t n = 0;

	/* RFC 1661 6.5, 6.6: LCP packets always carry the full header. */
	if (proto == PPP_PROTO_LCP)
		acfc = pfc = false;
	if (!acfc) {
		buf[n++] = PPP_ALLSTATIONS;
		buf[n++] = PPP_UI;
	}
	if (pfc && proto < 0x100) {
		buf[n++] = proto;
	} else {
		ppp_put_be16(buf + n, proto);
		n += 2;
	}
	return n;
}

/* Does @p (@len bytes, at least its header) hold a valid IPv4 header? */
static bool ipv4_header_ok(const uint8_t *p, size_t len)
{
	size_t ihl, i;
	uint32_t sum = 0;

	if (len < 20 || (p[0] >> 4) != 4)
		return false;
	ihl = (size_t)(p[0] & 0xf) * 4;
	if (ihl < 20 || len < ihl || ppp_get_be16(p + 2) < ihl)
		return false;
	for (i = 0; i < ihl; i += 2)
		sum += ppp_get_be16(p + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

int ppp_sync_peek(const uint8_t *p, size_t len, size_t *need, uint16_t *protop)
{
	uint16_t proto;
	int hl;
	size_t body, want, n;

	/* A lone 0xff, or 0xff 0x03, may be the start of the address/control. */
	if (len < 2 && (!len || p[0] == PPP_ALLSTATIONS))
		return -EAGAIN;
	hl = ppp_hdr_parse(p, len, &proto);
	if (hl < 0)
		return len < PPP_HDR_MAX ? -EAGAIN : -EBADMSG;
	if (protop)
		*protop = proto;
	body = len - hl;
	p += hl;
	if (proto == PPP_PROTO_IP)
		want = body ? (size_t)(p[0] & 0xf) * 4 : 20;
	else if (proto == PPP_PROTO_IPV6)
		want = 6;
	else if ((proto & 0x8000) && proto != PPP_PROTO_LQR)
		want = PPP_CP_HDRLEN;
	else
		return 0;	/* VJ, multilink, compressed, LQR, unknown... */
	if (body < want)
		return want >= 20 || proto != PPP_PROTO_IP ? -EAGAIN : -EBADMSG;
	if (proto == PPP_PROTO_IP) {
		/* Trust a Total Length only behind a header whose checksum holds. */
		if (!ipv4_header_ok(p, body))
			return -EBADMSG;
		n = ppp_get_be16(p + 2);
	} else if (proto == PPP_PROTO_IPV6) {
		if ((p[0] >> 4) != 6)
			return -EBADMSG;
		n = 40 + (size_t)ppp_get_be16(p + 4);
	} else {
		/*
		 * Code, Identifier, Length (RFC 1661 5): the Length covers all
		 * four; codes run 0 (RFC 2153) to 15 in LCP, the NCPs, CCP,
		 * PAP and CHAP.
		 */
		n = ppp_get_be16(p + 2);
		if (n < PPP_CP_HDRLEN || p[0] > 15)
			return -EBADMSG;
	}
	*need = hl + n;
	return 1;
}

const char *ppp_proto_name(uint16_t proto)
{
	switch (proto) {
	case PPP_PROTO_IP:
		return "IP";
	case PPP_PROTO_VJC:
		return "VJC";
	case PPP_PROTO_VJUC:
		return "VJUC";
	case PPP_PROTO_IPV6:
		return "IPv6";
	case PPP_PROTO_IPCP:
		return "IPCP";
	case PPP_PROTO_IPV6CP:
		return "IPv6CP";
	case PPP_PROTO_CCP:
		return "CCP";
	case PPP_PROTO_LCP:
		return "LCP";
	case PPP_PROTO_PAP:
		return "PAP";
	case PPP_PROTO_LQR:
		return "LQR";
	case PPP_PROTO_CHAP:
		return "CHAP";
	}
	return NULL;
}
