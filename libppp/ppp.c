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
