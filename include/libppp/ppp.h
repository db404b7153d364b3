/* SPDX-License-Identifier: GPL-2.0 */
/* PPP protocol numbers, control codes and the frame header (RFC 1661). */
#ifndef LIBPPP_PPP_H
#define LIBPPP_PPP_H

#include "compat.h"

enum ppp_proto {
	PPP_PROTO_IP = 0x0021,
	PPP_PROTO_VJC = 0x002d,
	PPP_PROTO_VJUC = 0x002f,
	PPP_PROTO_IPV6 = 0x0057,
	PPP_PROTO_COMP = 0x00fd,	/* a compressed (or MPPE) datagram (RFC 1962) */
	PPP_PROTO_IPCP = 0x8021,
	PPP_PROTO_IPV6CP = 0x8057,
	PPP_PROTO_CCP = 0x80fd,
	PPP_PROTO_LCP = 0xc021,
	PPP_PROTO_PAP = 0xc023,
	PPP_PROTO_LQR = 0xc025,
	PPP_PROTO_CHAP = 0xc223,
};

/* Control protocol codes: 1-7 for every FSM protocol, 8-11 LCP only. */
enum ppp_code {
	PPP_CONFREQ = 1,
	PPP_CONFACK = 2,
	PPP_CONFNAK = 3,
	PPP_CONFREJ = 4,
	PPP_TERMREQ = 5,
	PPP_TERMACK = 6,
	PPP_CODEREJ = 7,
	PPP_PROTREJ = 8,
	PPP_ECHOREQ = 9,
	PPP_ECHOREP = 10,
	PPP_DISCREQ = 11,
};

enum {
	PPP_ALLSTATIONS = 0xff,
	PPP_UI = 0x03,
	PPP_HDR_MAX = 4,	/* address, control, 2-byte protocol */
	PPP_CP_HDRLEN = 4,	/* code, identifier, 2-byte length */
	PPP_MRU_DEFAULT = 1500,
	PPP_MRU_MIN = 128,
	PPP_MRU_MAX = 16384,
};

/*
 * Strip the address/control field (if present) and the protocol field
 * (compressed or not) from a received frame. Compressed forms are always
 * accepted, as RFC 1661 section 6.5/6.6 allow. Returns the header length
 * consumed, or -EINVAL for a frame too short or with an invalid protocol
 * (a two-byte protocol whose low byte is even).
 */
int ppp_hdr_parse(const uint8_t *p, size_t len, uint16_t *proto);

/*
 * Write the header for @proto into @buf (at least PPP_HDR_MAX bytes),
 * omitting address/control when @acfc and using one protocol byte when @pfc
 * and the protocol allows it. LCP frames always get the full header.
 * Returns the header length.
 */
size_t ppp_hdr_build(uint8_t *buf, uint16_t proto, bool acfc, bool pfc);

/* Bytes a delivery needs so that ppp_sync_peek can always tell. */
#define PPP_SYNC_PEEK (PPP_HDR_MAX + 60)

/*
 * Sync framing over a byte stream that merges and splits frames (a pty: one
 * read may return several writes, or part of one): what the frame starting
 * at @p says of its own length, header included. 1 and the length in
 * *@need (which may exceed @len: the rest is still to come) for IPv4 (Total
 * Length), IPv6 (Payload Length + 40), and LCP, the NCPs, PAP, CHAP and the
 * other control protocols of that packet format (Length); 0 when the
 * frame's protocol records none (VJ, multilink, compressed datagrams, LQR,
 * any we do not know below 0x8000); -EAGAIN when @len bytes are too few to
 * tell (fewer than PPP_SYNC_PEEK, and the frame may go on); -EBADMSG when
 * @p starts no frame: no valid header, an IPv4 header whose checksum fails,
 * an IPv6 header of another version, a control packet with a Length below
 * 4 or a Code above 15. The protocol goes to *@proto when given and known.
 */
int ppp_sync_peek(const uint8_t *p, size_t len, size_t *need, uint16_t *proto);

/* A readable name for a protocol number ("LCP", "IPCP", ...) or NULL. */
const char *ppp_proto_name(uint16_t proto);

#endif
