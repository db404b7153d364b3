// SPDX-License-Identifier: GPL-2.0
/*
 * pppoe_inject IFACE KIND [COUNT]: write hostile PPPoE frames onto IFACE
 * (raw Ethernet, broadcast, from a made-up MAC per frame) for the host
 * test of the access concentrator. KIND:
 *   short      a discovery header cut short (4 bytes)
 *   length     a PADI whose header length runs past the frame
 *   tag        a PADI whose last tag runs past the payload
 *   duplicate  a PADI with two Host-Uniq tags
 *   huge       a PADI with a 1480-byte Service-Name (over 1484 bytes)
 *   code       a discovery packet with an unknown code (0x42)
 *   cookie     a PADR with a forged AC-Cookie
 *   flood      COUNT good PADIs, as fast as the socket takes them
 *   session    a session frame (LCP Echo-Request) for session 0x1234
 * Exit status 0 when every frame was sent. Only the interface named is
 * written to; the test runs it inside its own network namespace.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fd, ifindex;
static unsigned int serial;

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Ethernet header (broadcast, locally administered source), then @pl. */
static int send_frame(uint16_t type, const uint8_t *pl, size_t len)
{
	uint8_t f[1600];
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_ifindex = ifindex, .sll_halen = 6 };

	if (len > sizeof(f) - 14)
		return -1;
	memset(f, 0xff, 6);
	f[6] = 0x02;
	f[7] = 0x4e;
	f[8] = (uint8_t)(serial >> 24);
	f[9] = (uint8_t)(serial >> 16);
	f[10] = (uint8_t)(serial >> 8);
	f[11] = (uint8_t)serial;
	serial++;
	put16(f + 12, type);
	memcpy(f + 14, pl, len);
	memset(sll.sll_addr, 0xff, 6);
	/* Ethernet's minimum frame: pad (the PPPoE length says what counts). */
	if (len + 14 < 60) {
		memset(f + 14 + len, 0, 60 - 14 - len);
		len = 60 - 14;
	}
	return sendto(fd, f, len + 14, 0, (struct sockaddr *)&sll, sizeof(sll)) < 0 ? -1 : 0;
}

/* A discovery packet: header, then @tags (@tlen bytes); @plen: the length field. */
static int disc(uint8_t code, uint16_t sid, const uint8_t *tags, size_t tlen, size_t plen)
{
	uint8_t p[1600];

	p[0] = 0x11;
	p[1] = code;
	put16(p + 2, sid);
	put16(p + 4, (unsigned int)plen);
	memcpy(p + 6, tags, tlen);
	return send_frame(0x8863, p, 6 + tlen);
}

static size_t tag(uint8_t *p, uint16_t type, const void *v, size_t len)
{
	put16(p, type);
	put16(p + 2, (unsigned int)len);
	if (len)
		memcpy(p + 4, v, len);
	return 4 + len;
}

int main(int argc, char **argv)
{
	uint8_t t[1600];
	size_t n = 0;
	const char *kind;
	long count = 1, k;
	int bad = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: pppoe_inject IFACE KIND [COUNT]\n");
		return 2;
	}
	kind = argv[2];
	if (argc > 3)
		count = strtol(argv[3], NULL, 10);
	ifindex = (int)if_nametoindex(argv[1]);
	fd = socket(AF_PACKET, SOCK_RAW, htons(0x8863));
	if (!ifindex || fd < 0) {
		fprintf(stderr, "pppoe_inject: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (!strcmp(kind, "short")) {
		static const uint8_t p[4] = { 0x11, 0x09, 0, 0 };

		bad |= send_frame(0x8863, p, sizeof(p));
	} else if (!strcmp(kind, "length")) {
		n = tag(t, 0x0101, NULL, 0);
		bad |= disc(0x09, 0, t, n, 200);
	} else if (!strcmp(kind, "tag")) {
		n = tag(t, 0x0101, NULL, 0);
		put16(t + n, 0x0103);
		put16(t + n + 2, 40);		/* 40 bytes promised, 2 there */
		n += 6;
		bad |= disc(0x09, 0, t, n, n);
	} else if (!strcmp(kind, "duplicate")) {
		n = tag(t, 0x0101, NULL, 0);
		n += tag(t + n, 0x0103, "ab", 2);
		n += tag(t + n, 0x0103, "cd", 2);
		bad |= disc(0x09, 0, t, n, n);
	} else if (!strcmp(kind, "huge")) {
		static uint8_t svc[1480];

		memset(svc, 'x', sizeof(svc));
		n = tag(t, 0x0101, svc, sizeof(svc));
		bad |= disc(0x09, 0, t, n, n);
	} else if (!strcmp(kind, "code")) {
		n = tag(t, 0x0101, NULL, 0);
		bad |= disc(0x42, 0, t, n, n);
	} else if (!strcmp(kind, "cookie")) {
		uint8_t cookie[24];

		memset(cookie, 0x5a, sizeof(cookie));
		n = tag(t, 0x0101, NULL, 0);
		n += tag(t + n, 0x0104, cookie, sizeof(cookie));
		bad |= disc(0x19, 0, t, n, n);
	} else if (!strcmp(kind, "flood")) {
		n = tag(t, 0x0101, NULL, 0);
		for (k = 0; k < count; k++)
			bad |= disc(0x09, 0, t, n, n);
	} else if (!strcmp(kind, "session")) {
		static const uint8_t p[] = { 0x11, 0x00, 0x12, 0x34, 0x00, 0x0a,
					     0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 0, 0, 0, 0 };
		int sfd = socket(AF_PACKET, SOCK_RAW, htons(0x8864));

		if (sfd < 0)
			return 1;
		close(fd);
		fd = sfd;
		bad |= send_frame(0x8864, p, sizeof(p));
	} else {
		fprintf(stderr, "pppoe_inject: unknown kind '%s'\n", kind);
		return 2;
	}
	if (bad)
		fprintf(stderr, "pppoe_inject: %s: send failed: %s\n", kind, strerror(errno));
	return bad ? 1 : 0;
}
