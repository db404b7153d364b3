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
 *   replay     PADI, then the PADO's cookie in one PADR sent twice: both
 *              PADS must name the same session (exit 1 if not)
 *   permac     COUNT full discoveries from one MAC, each with its own
 *              Host-Uniq; prints "sessions ID..." (0: refused), exit 0
 * Exit status 0 when every frame was sent. Only the interface named is
 * written to; the test runs it inside its own network namespace.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fd, ifindex;
static unsigned int serial;
static uint8_t dst_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static bool same_src;		/* keep the last source MAC */

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
	memcpy(f, dst_mac, 6);
	if (same_src && serial)
		serial--;
	f[6] = 0x02;
	f[7] = 0x4e;
	f[8] = (uint8_t)(serial >> 24);
	f[9] = (uint8_t)(serial >> 16);
	f[10] = (uint8_t)(serial >> 8);
	f[11] = (uint8_t)serial;
	serial++;
	put16(f + 12, type);
	memcpy(f + 14, pl, len);
	memcpy(sll.sll_addr, dst_mac, 6);
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

/*
 * Wait up to 3 s for a discovery packet of @code to our last source MAC;
 * its sender in @from, the packet (from the PPPoE header) in @p.
 */
static ssize_t await(uint8_t code, uint8_t *p, size_t cap, uint8_t from[6])
{
	uint8_t f[1600];
	struct timeval tv = { .tv_sec = 3 };
	unsigned int me = serial - 1;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	for (;;) {
		ssize_t n = recv(fd, f, sizeof(f), 0);

		if (n < 0)
			return -1;
		if (n < 20 || f[0] != 0x02 || f[1] != 0x4e || f[2] != (uint8_t)(me >> 24) ||
		    f[3] != (uint8_t)(me >> 16) || f[4] != (uint8_t)(me >> 8) ||
		    f[5] != (uint8_t)me || f[15] != code || (size_t)n - 14 > cap)
			continue;
		memcpy(from, f + 6, 6);
		memcpy(p, f + 14, n - 14);
		return n - 14;
	}
}

/* The value of the first tag @type in the discovery packet @p. */
static const uint8_t *find_tag(const uint8_t *p, size_t n, uint16_t type, size_t *len)
{
	size_t off = 6, end = 6 + ((size_t)p[4] << 8 | p[5]);

	if (end > n)
		return NULL;
	while (off + 4 <= end) {
		uint16_t t = (uint16_t)(p[off] << 8 | p[off + 1]);
		size_t l = (size_t)p[off + 2] << 8 | p[off + 3];

		if (off + 4 + l > end)
			return NULL;
		if (t == type) {
			*len = l;
			return p + off + 4;
		}
		off += 4 + l;
	}
	return NULL;
}

static int replay(void)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(0x8863),
				   .sll_ifindex = ifindex };
	uint8_t t[200], p[1600], ac[6];
	const uint8_t *cookie;
	size_t clen, n;
	uint16_t sid[2];
	int k;

	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return 1;
	n = tag(t, 0x0101, NULL, 0);
	if (disc(0x09, 0, t, n, n) || await(0x07, p, sizeof(p), ac) < 0) {
		fprintf(stderr, "pppoe_inject: replay: no PADO\n");
		return 1;
	}
	cookie = find_tag(p, sizeof(p), 0x0104, &clen);
	if (!cookie || clen > 64) {
		fprintf(stderr, "pppoe_inject: replay: PADO without a cookie\n");
		return 1;
	}
	n = tag(t, 0x0101, NULL, 0);
	n += tag(t + n, 0x0104, cookie, clen);
	memcpy(dst_mac, ac, 6);
	same_src = true;
	for (k = 0; k < 2; k++) {
		if (disc(0x19, 0, t, n, n) || await(0x65, p, sizeof(p), ac) < 0) {
			fprintf(stderr, "pppoe_inject: replay: no PADS for PADR %d\n", k + 1);
			return 1;
		}
		sid[k] = (uint16_t)(p[2] << 8 | p[3]);
	}
	printf("sessions %u %u\n", sid[0], sid[1]);
	return sid[0] && sid[0] == sid[1] ? 0 : 1;
}

static int permac(long count)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(0x8863),
				   .sll_ifindex = ifindex };
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t t[200], p[1600], ac[6], uniq[2];
	const uint8_t *cookie;
	size_t clen, n;
	long k;

	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return 1;
	serial = 0x10000;	/* a MAC no other kind uses */
	printf("sessions");
	for (k = 0; k < count; k++) {
		uniq[0] = 0x55;
		uniq[1] = (uint8_t)k;
		memcpy(dst_mac, bcast, 6);
		same_src = k > 0;
		n = tag(t, 0x0101, NULL, 0);
		n += tag(t + n, 0x0103, uniq, 2);
		if (disc(0x09, 0, t, n, n) || await(0x07, p, sizeof(p), ac) < 0)
			return 1;
		cookie = find_tag(p, sizeof(p), 0x0104, &clen);
		if (!cookie || clen > 64)
			return 1;
		n = tag(t, 0x0101, NULL, 0);
		n += tag(t + n, 0x0103, uniq, 2);
		n += tag(t + n, 0x0104, cookie, clen);
		memcpy(dst_mac, ac, 6);
		same_src = true;
		if (disc(0x19, 0, t, n, n) || await(0x65, p, sizeof(p), ac) < 0)
			return 1;
		printf(" %u", (unsigned int)(p[2] << 8 | p[3]));
		fflush(stdout);
		usleep(100 * 1000);	/* the session starts after its PADS */
	}
	printf("\n");
	return 0;
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
	} else if (!strcmp(kind, "replay")) {
		return replay();
	} else if (!strcmp(kind, "permac")) {
		return permac(count);
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
