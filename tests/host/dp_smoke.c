// SPDX-License-Identifier: GPL-2.0
/*
 * A line-driven front end to the user data plane and the rtnetlink helpers
 * for dataplane_smoke.sh, which runs it inside a throwaway network
 * namespace and checks every step with ip(8). One command per line on
 * stdin, one answer per line on stdout: "ok ..." or "err -ERRNO".
 *
 *   create NAME|- UNIT            -> ok IFNAME IFINDEX UNIT
 *   link IFNAME up|down MTU
 *   addr4 IFNAME LOCAL PEER add|del
 *   addr6 IFNAME LOCAL_ID PEER_ID add|del    (ids in hex)
 *   defroute IFNAME add|replace|del
 *   rx IFNAME    send UDP to 10.99.0.2, read it from the TUN fd
 *   tx IFNAME    write a UDP packet from 10.99.0.2 into the TUN fd, receive it
 *   destroy IFNAME
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dataplane/dataplane.h"
#include "log.h"
#include "rtnl.h"

enum { MAX_DP = 8 };

static struct {
	struct nl_dataplane dp;
	struct nl_saved_route saved;
	bool used;
} planes[MAX_DP];

static struct nl_rtnl *rt;

static int find(const char *ifname)
{
	for (int i = 0; i < MAX_DP; i++)
		if (planes[i].used && !strcmp(planes[i].dp.ifname, ifname))
			return i;
	return -1;
}

static uint16_t ip_csum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t s = 0;

	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)b[i] << 8 | b[i + 1];
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static int wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, ms);

	return n > 0 ? 0 : n == 0 ? -ETIMEDOUT : -errno;
}

/* Our stack sends to the peer: one whole IPv4 packet per read, no header. */
static int do_rx(int fd)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9) };
	uint8_t pkt[2048];
	ssize_t n;
	int s, err;

	inet_pton(AF_INET, "10.99.0.2", &to.sin_addr);
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	/* Drain what the kernel sent on its own (e.g. IPv6 router solicits). */
	while (read(fd, pkt, sizeof(pkt)) > 0)
		;
	if (sendto(s, "ping", 4, 0, (struct sockaddr *)&to, sizeof(to)) != 4) {
		err = -errno;
		close(s);
		return err;
	}
	close(s);
	for (;;) {
		err = wait_readable(fd, 2000);
		if (err)
			return err;
		n = read(fd, pkt, sizeof(pkt));
		if (n < 0)
			return -errno;
		if (n >= 20 && (pkt[0] >> 4) == 6)
			continue;	/* not ours */
		if (n != 20 + 8 + 4 || pkt[0] != 0x45 || pkt[9] != IPPROTO_UDP ||
		    memcmp(pkt + 16, &to.sin_addr, 4) || memcmp(pkt + 28, "ping", 4))
			return -EPROTO;
		printf("ok v4 udp len %zd\n", n);
		return 0;
	}
}

/* The peer sends to us: one whole packet per write reaches a socket. */
static int do_tx(int fd)
{
	struct sockaddr_in me = { .sin_family = AF_INET, .sin_port = htons(5555) };
	uint8_t pkt[20 + 8 + 5];
	char buf[16];
	ssize_t n;
	int s, err;

	inet_pton(AF_INET, "10.99.0.1", &me.sin_addr);
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	if (bind(s, (struct sockaddr *)&me, sizeof(me)) < 0) {
		err = -errno;
		goto out;
	}
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = 0x45;
	pkt[3] = sizeof(pkt);
	pkt[8] = 64;
	pkt[9] = IPPROTO_UDP;
	inet_pton(AF_INET, "10.99.0.2", pkt + 12);
	memcpy(pkt + 16, &me.sin_addr, 4);
	{
		uint16_t c = ip_csum(pkt, 20);

		pkt[10] = c >> 8;
		pkt[11] = c & 0xff;
	}
	pkt[20] = 0x30, pkt[21] = 0x39;		/* source port 12345 */
	pkt[22] = 5555 >> 8, pkt[23] = 5555 & 0xff;
	pkt[25] = 8 + 5;			/* UDP checksum 0: none */
	memcpy(pkt + 28, "hello", 5);
	if (write(fd, pkt, sizeof(pkt)) != (ssize_t)sizeof(pkt)) {
		err = -errno;
		goto out;
	}
	err = wait_readable(s, 2000);
	if (err)
		goto out;
	n = recv(s, buf, sizeof(buf), 0);
	if (n != 5 || memcmp(buf, "hello", 5)) {
		err = n < 0 ? -errno : -EPROTO;
		goto out;
	}
	printf("ok hello\n");
	err = 0;
out:
	close(s);
	return err;
}

static int run(char *line)
{
	char *argv[8];
	int argc = 0, i;

	for (char *tok = strtok(line, " \t\n"); tok && argc < 8; tok = strtok(NULL, " \t\n"))
		argv[argc++] = tok;
	if (argc == 0)
		return 1;
	if (!strcmp(argv[0], "create") && argc == 3) {
		for (i = 0; i < MAX_DP && planes[i].used; i++)
			;
		if (i == MAX_DP)
			return -ENOSPC;
		int err = nl_dp_user_ops.create(&planes[i].dp,
						strcmp(argv[1], "-") ? argv[1] : "",
						atoi(argv[2]));
		if (err)
			return err;
		planes[i].used = true;
		printf("ok %s %d %d\n", planes[i].dp.ifname, planes[i].dp.ifindex,
		       planes[i].dp.unit);
		return 1;
	}
	if (argc < 2 || (i = find(argv[1])) < 0)
		return -ENODEV;
	struct nl_dataplane *dp = &planes[i].dp;

	if (!strcmp(argv[0], "link") && argc == 4)
		return nl_rtnl_link_set(rt, dp->ifindex, !strcmp(argv[2], "up"),
					(unsigned int)atoi(argv[3]));
	if (!strcmp(argv[0], "addr4") && argc == 5) {
		struct in_addr l, p;

		if (inet_pton(AF_INET, argv[2], &l) != 1 || inet_pton(AF_INET, argv[3], &p) != 1)
			return -EINVAL;
		return nl_rtnl_addr4(rt, dp->ifindex, l, p, !strcmp(argv[4], "add"));
	}
	if (!strcmp(argv[0], "addr6") && argc == 5)
		return nl_rtnl_addr6_ll(rt, dp->ifindex, strtoull(argv[2], NULL, 16),
					strtoull(argv[3], NULL, 16), !strcmp(argv[4], "add"));
	if (!strcmp(argv[0], "defroute") && argc == 3) {
		if (!strcmp(argv[2], "del")) {
			int err = nl_rtnl_default_route_del(rt, dp->ifindex, &planes[i].saved);

			planes[i].saved.valid = false;
			return err;
		}
		int err = nl_rtnl_default_route_add(rt, dp->ifindex,
						    !strcmp(argv[2], "replace"),
						    &planes[i].saved);
		if (err)
			return err;
		printf("ok saved %d\n", planes[i].saved.valid);
		return 1;
	}
	if (!strcmp(argv[0], "rx"))
		return do_rx(dp->fd) ?: 1;
	if (!strcmp(argv[0], "tx"))
		return do_tx(dp->fd) ?: 1;
	if (!strcmp(argv[0], "destroy")) {
		dp->ops->destroy(dp);
		planes[i].used = false;
		return 0;
	}
	return -EINVAL;
}

int main(void)
{
	char line[256];
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	nl_log_set_debug(getenv("DP_DEBUG") != NULL);
	err = nl_rtnl_open(&rt);
	if (err) {
		fprintf(stderr, "dp_smoke: rtnetlink: %s\n", strerror(-err));
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		err = run(line);
		if (err < 0)
			printf("err %d\n", err);
		else if (err == 0)
			printf("ok\n");
	}
	for (int i = 0; i < MAX_DP; i++)
		if (planes[i].used)
			planes[i].dp.ops->destroy(&planes[i].dp);
	nl_rtnl_close(rt);
	return 0;
}
