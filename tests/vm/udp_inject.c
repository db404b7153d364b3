// SPDX-License-Identifier: GPL-2.0
/*
 * udp_inject [--bypass] IFNAME SRC DST LEN SECONDS [DSTMAC]
 *
 * Sends IPv4/UDP packets of LEN bytes (IP header included) from SRC to DST
 * into IFNAME for SECONDS (to DSTMAC on an Ethernet device, for a
 * bare-veth reference), as fast as one thread can: an AF_PACKET datagram
 * socket, 64 packets per sendmmsg(), through the device's qdisc as any
 * packet routed there goes (--bypass: PACKET_QDISC_BYPASS, straight to
 * the driver). The packets are built once, so what a run costs per packet is the packet
 * socket, the device's transmit and whatever carries them on, not a UDP
 * socket or an application (bench_pppoe.sh: a point-to-point data plane's
 * own cost). Prints "sent N failed M".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static uint16_t ip_sum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		s += (uint32_t)b[i] << 8 | b[i + 1];
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons((uint16_t)~s);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP) };
	static uint8_t pkt[BATCH][2048];
	struct mmsghdr msg[BATCH];
	struct iovec iov[BATCH];
	unsigned long long sent = 0, failed = 0;
	struct in_addr src, dst;
	int fd, one = 1, len, secs;
	bool bypass = false;
	double end;

	if (argc > 1 && !strcmp(argv[1], "--bypass")) {
		bypass = true;
		argc--;
		argv++;
	}
	if ((argc != 6 && argc != 7) || inet_pton(AF_INET, argv[2], &src) != 1 ||
	    inet_pton(AF_INET, argv[3], &dst) != 1) {
		fprintf(stderr, "usage: udp_inject [--bypass] IFNAME SRC DST LEN SECONDS [DSTMAC]\n");
		return 2;
	}
	if (argc == 7) {
		unsigned int m[6];

		if (sscanf(argv[6], "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4],
			   &m[5]) != 6) {
			fprintf(stderr, "udp_inject: %s: not a MAC address\n", argv[6]);
			return 2;
		}
		for (int i = 0; i < 6; i++)
			sll.sll_addr[i] = (unsigned char)m[i];
		sll.sll_halen = 6;
	}
	len = atoi(argv[4]);
	secs = atoi(argv[5]);
	if (len < 28 || len > (int)sizeof(pkt[0]) || secs < 1) {
		fprintf(stderr, "udp_inject: LEN 28..%zu, SECONDS >= 1\n", sizeof(pkt[0]));
		return 2;
	}
	sll.sll_ifindex = (int)if_nametoindex(argv[1]);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "udp_inject: %s: no such interface\n", argv[1]);
		return 1;
	}
	fd = socket(AF_PACKET, SOCK_DGRAM, 0);
	if (fd < 0 || (bypass && setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
					    sizeof(one)))) {
		perror("udp_inject: packet socket");
		return 1;
	}

	memset(msg, 0, sizeof(msg));
	for (int i = 0; i < BATCH; i++) {
		struct iphdr *ip = (struct iphdr *)pkt[i];
		struct udphdr *udp = (struct udphdr *)(ip + 1);

		ip->version = 4;
		ip->ihl = 5;
		ip->tot_len = htons((uint16_t)len);
		ip->id = htons((uint16_t)i);
		ip->ttl = 64;
		ip->protocol = IPPROTO_UDP;
		ip->saddr = src.s_addr;
		ip->daddr = dst.s_addr;
		ip->check = ip_sum(ip, sizeof(*ip));
		udp->source = htons(40000);
		udp->dest = htons(9);	/* discard */
		udp->len = htons((uint16_t)(len - sizeof(*ip)));
		udp->check = 0;
		iov[i].iov_base = pkt[i];
		iov[i].iov_len = (size_t)len;
		msg[i].msg_hdr.msg_iov = &iov[i];
		msg[i].msg_hdr.msg_iovlen = 1;
		msg[i].msg_hdr.msg_name = &sll;
		msg[i].msg_hdr.msg_namelen = sizeof(sll);
	}

	end = now() + secs;
	while (now() < end) {
		int n = sendmmsg(fd, msg, BATCH, 0);

		if (n > 0) {
			sent += (unsigned)n;
			if (n < BATCH)
				failed++;
		} else if (errno == ENOBUFS || errno == EAGAIN) {
			failed++;
		} else if (errno != EINTR) {
			perror("udp_inject: sendmmsg");
			return 1;
		}
	}
	printf("sent %llu failed %llu\n", sent, failed);
	return 0;
}
