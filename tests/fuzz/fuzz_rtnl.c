// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz what the daemon makes of rtnetlink's answers: one request through
 * the public rtnl.h call that makes it, on a socket whose kernel is the
 * input (libnl's send and receive overridden): acks, errors with extended
 * ack text (capped or echoing the request), the route lookup's reply, the
 * routing table dump of the default route's replacement, and whatever
 * else comes instead.
 *
 *   op[1] then { len (2 bytes, big endian), datagram[len] }...
 *
 * Each receive returns the next datagram; a message whose sequence number
 * is 0 gets the request's, so the seeds stay valid. Nothing reaches the
 * kernel (but for interface names looked up for error messages).
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/handlers.h>

#include "log.h"
#include "rtnl.h"

enum { IFINDEX = 0x7ffffff0, MAX_DGRAMS = 16 };

static const uint8_t *in;
static size_t in_left;
static uint32_t last_seq;
static unsigned int dgrams;

static int fake_send(struct nl_sock *sk, struct nl_msg *msg)
{
	last_seq = nlmsg_hdr(msg)->nlmsg_seq;
	return (int)nlmsg_hdr(msg)->nlmsg_len;
}

static int fake_recv(struct nl_sock *sk, struct sockaddr_nl *from,
		     unsigned char **buf, struct ucred **creds)
{
	struct nlmsghdr *h;
	size_t len;
	int n;

	if (in_left < 2 || dgrams++ == MAX_DGRAMS)
		return -NLE_AGAIN;
	len = (size_t)in[0] << 8 | in[1];
	in += 2;
	in_left -= 2;
	if (len > in_left)
		len = in_left;
	if (!len) {
		/* As nl_recv() on an empty read: no buffer, 0. */
		*buf = NULL;
		return 0;
	}
	*buf = malloc(len);
	if (!*buf)
		abort();
	memcpy(*buf, in, len);
	in += len;
	in_left -= len;
	n = (int)len;
	for (h = (struct nlmsghdr *)*buf; nlmsg_ok(h, n); h = nlmsg_next(h, &n))
		if (!h->nlmsg_seq)
			h->nlmsg_seq = last_seq;
	if (from)
		memset(from, 0, sizeof(*from));
	if (creds)
		*creds = NULL;
	return (int)len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in_addr local = { htonl(0x0a000001) }, peer = { htonl(0x0a000002) };
	struct nl_saved_route saved = {
		.valid = true, .ifindex = IFINDEX - 1, .gateway = { htonl(0xc0a80101) },
		.metric = 100, .protocol = 3,
	};
	struct nl_rtnl *r;
	struct nl_sock *sk;
	struct nl_cb *cb;

	if (size < 1)
		return 0;
	nl_log_set_stderr(getenv("FUZZ_VERBOSE") != NULL);
	in = data + 1;
	in_left = size - 1;
	dgrams = 0;
	sk = nl_socket_alloc();
	if (!sk)
		return 0;
	cb = nl_socket_get_cb(sk);
	nl_cb_overwrite_send(cb, fake_send);
	nl_cb_overwrite_recv(cb, fake_recv);
	nl_cb_put(cb);
	if (nl_rtnl_wrap(&r, sk) < 0)
		return 0;
	switch (data[0] % 9) {
	case 0:
		nl_rtnl_link_set(r, IFINDEX, true, 1500);
		break;
	case 1:
		nl_rtnl_addr4_is_local(r, peer);
		break;
	case 2:
	case 3:
		nl_rtnl_addr4(r, IFINDEX, local, peer, data[0] % 9 == 2);
		break;
	case 4:
	case 5:
		nl_rtnl_addr6_ll(r, IFINDEX, 0x1122334455667788ull, 0x99aabbccddeeff00ull,
				 data[0] % 9 == 4);
		break;
	case 6:
		nl_rtnl_default_route_add(r, IFINDEX, false, NULL);
		break;
	case 7:
		if (nl_rtnl_default_route_add(r, IFINDEX, true, &saved) == 0 && saved.valid)
			nl_rtnl_default_route_del(r, IFINDEX, &saved);
		break;
	case 8:
		nl_rtnl_default_route_del(r, IFINDEX, &saved);
		break;
	}
	nl_rtnl_close(r);
	return 0;
}
