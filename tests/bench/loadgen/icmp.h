/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMP echo over IPv4, the two halves a PPP client needs to be pinged and
 * to ping: turn a request into its reply in place, build a request, and
 * recognise a reply. Pure; addresses in host byte order.
 */
#ifndef LOADGEN_ICMP_H
#define LOADGEN_ICMP_H

#include <stddef.h>
#include <stdint.h>

enum {
	LG_ICMP_ECHO_LEN = 20 + 8 + 32,	/* what lg_icmp_echo_build writes */
};

/* The Internet checksum (RFC 1071) of @len bytes. */
uint16_t lg_inet_csum(const uint8_t *p, size_t len);

/*
 * If @pkt is a well-formed, unfragmented ICMP echo request to @self, turn
 * it into the echo reply in place and return its length (the datagram's
 * Total Length, which may be less than @len). 0 if it is anything else.
 */
size_t lg_icmp_echo_reply(uint8_t *pkt, size_t len, uint32_t self);

/* Write an echo request @src -> @dst into @buf; LG_ICMP_ECHO_LEN, or 0 if @cap is short. */
size_t lg_icmp_echo_build(uint8_t *buf, size_t cap, uint32_t src, uint32_t dst,
			  uint16_t id, uint16_t seq);

/* True if @pkt is a valid echo reply from @peer to @self with identifier @id. */
int lg_icmp_is_reply(const uint8_t *pkt, size_t len, uint32_t self,
		     uint32_t peer, uint16_t id);

#endif
