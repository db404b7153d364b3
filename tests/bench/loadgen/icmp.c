// SPDX-License-Identifier: GPL-2.0
/* ICMP echo (RFC 792) over IPv4 (RFC 791), checked before it is touched. */
#include <string.h>

#include "libppp/compat.h"

#include "icmp.h"

enum {
	IP_HDR_MIN = 20,
	IP_PROTO_ICMP = 1,
	ICMP_HDR = 8,
	ICMP_ECHO_REPLY = 0,
	ICMP_ECHO_REQUEST = 8,
	IP_TTL = 64,
};

uint16_t lg_inet_csum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * The IPv4 header length if @p is an unfragmented ICMP datagram whose
 * header and ICMP checksums hold, with its Total Length in *@tot; else 0.
 */
static size_t icmp_datagram(const uint8_t *p, size_t len, size_t *tot)
{
	size_t hl;

	if (len < IP_HDR_MIN || (p[0] >> 4) != 4)
		return 0;
	hl = (size_t)(p[0] & 0x0f) * 4;
	*tot = ppp_get_be16(p + 2);
	if (hl < IP_HDR_MIN || *tot < hl + ICMP_HDR || *tot > len)
		return 0;
	if (p[9] != IP_PROTO_ICMP || (ppp_get_be16(p + 6) & 0x3fff))
		return 0;	/* not ICMP, or a fragment (MF or an offset) */
	if (lg_inet_csum(p, hl) || lg_inet_csum(p + hl, *tot - hl))
		return 0;
	return hl;
}

static void ip_fill_csum(uint8_t *p, size_t hl)
{
	ppp_put_be16(p + 10, 0);
	ppp_put_be16(p + 10, lg_inet_csum(p, hl));
}

size_t lg_icmp_echo_reply(uint8_t *pkt, size_t len, uint32_t self)
{
	size_t tot, hl = icmp_datagram(pkt, len, &tot);
	uint8_t *icmp = pkt + hl;
	uint8_t src[4];

	if (!hl || ppp_get_be32(pkt + 16) != self || icmp[0] != ICMP_ECHO_REQUEST ||
	    icmp[1] != 0)
		return 0;
	memcpy(src, pkt + 12, 4);
	memcpy(pkt + 12, pkt + 16, 4);
	memcpy(pkt + 16, src, 4);
	pkt[8] = IP_TTL;
	ip_fill_csum(pkt, hl);
	icmp[0] = ICMP_ECHO_REPLY;
	ppp_put_be16(icmp + 2, 0);
	ppp_put_be16(icmp + 2, lg_inet_csum(icmp, tot - hl));
	return tot;
}

size_t lg_icmp_echo_build(uint8_t *buf, size_t cap, uint32_t src, uint32_t dst,
			  uint16_t id, uint16_t seq)
{
	uint8_t *icmp = buf + IP_HDR_MIN;
	size_t i;

	if (cap < LG_ICMP_ECHO_LEN)
		return 0;
	memset(buf, 0, LG_ICMP_ECHO_LEN);
	buf[0] = 0x45;
	ppp_put_be16(buf + 2, LG_ICMP_ECHO_LEN);
	ppp_put_be16(buf + 4, id);
	ppp_put_be16(buf + 6, 0x4000);	/* DF */
	buf[8] = IP_TTL;
	buf[9] = IP_PROTO_ICMP;
	ppp_put_be32(buf + 12, src);
	ppp_put_be32(buf + 16, dst);
	ip_fill_csum(buf, IP_HDR_MIN);
	icmp[0] = ICMP_ECHO_REQUEST;
	ppp_put_be16(icmp + 4, id);
	ppp_put_be16(icmp + 6, seq);
	for (i = ICMP_HDR; i < LG_ICMP_ECHO_LEN - IP_HDR_MIN; i++)
		icmp[i] = (uint8_t)i;
	ppp_put_be16(icmp + 2, lg_inet_csum(icmp, LG_ICMP_ECHO_LEN - IP_HDR_MIN));
	return LG_ICMP_ECHO_LEN;
}

int lg_icmp_is_reply(const uint8_t *pkt, size_t len, uint32_t self,
		     uint32_t peer, uint16_t id)
{
	size_t tot, hl = icmp_datagram(pkt, len, &tot);

	return hl && ppp_get_be32(pkt + 12) == peer &&
	       ppp_get_be32(pkt + 16) == self && pkt[hl] == ICMP_ECHO_REPLY &&
	       pkt[hl + 1] == 0 && ppp_get_be16(pkt + hl + 4) == id;
}
