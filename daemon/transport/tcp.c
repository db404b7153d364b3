// SPDX-License-Identifier: GPL-2.0
/*
 * PPP over a TCP byte stream, framed as on a serial line: pppd's
 * `socket HOST:PORT` as the connecting side, and the connections a
 * `listen` server accepts (server.c).
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "transport/internal.h"

/* "host:port", "[v6addr]:port"; a bare ":port" means the loopback. */
int nl_split_hostport(const char *s, char *host, size_t hostsz, char *port, size_t portsz)
{
	const char *colon;
	size_t hl;

	if (s[0] == '[') {
		const char *end = strchr(s, ']');

		if (!end || end[1] != ':')
			return -EINVAL;
		hl = end - s - 1;
		s++;
		colon = end + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return -EINVAL;
		hl = colon - s;
	}
	if (hl >= hostsz || !colon[1] || strlen(colon + 1) >= portsz)
		return -EINVAL;
	memcpy(host, s, hl);
	host[hl] = 0;
	snprintf(port, portsz, "%s", colon + 1);
	return 0;
}

static void tune(int fd)
{
	int one = 1;

	/* Frames are small and interactive: no Nagle delay. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

void nl_transport_from_socket(struct nl_transport *t, int fd, const char *devname)
{
	memset(t, 0, sizeof(*t));
	t->kind = NL_TRANSPORT_TCP;
	t->rfd = t->wfd = fd;
	tune(fd);
	nl_fd_set_nonblock(fd, true);
	snprintf(t->devname, sizeof(t->devname), "%s", devname);
}

int nl_tcp_connect(struct nl_transport *t, const struct nl_config *c)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	char host[256], port[32];
	int fd = -1, err;

	if (nl_split_hostport(c->socket, host, sizeof(host), port, sizeof(port)) < 0) {
		nl_err("socket %s: give HOST:PORT", c->socket);
		return -EINVAL;
	}
	err = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
	if (err) {
		nl_err("socket %s: %s", c->socket, gai_strerror(err));
		return -EHOSTUNREACH;
	}
	err = -ECONNREFUSED;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			err = -errno;
			continue;
		}
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		err = -errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		nl_err("socket %s: cannot connect: %s", c->socket, strerror(-err));
		return err;
	}
	nl_transport_from_socket(t, fd, c->socket);
	return 0;
}
