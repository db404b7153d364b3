// SPDX-License-Identifier: GPL-2.0
/*
 * One generic netlink socket per process for the kernel data plane. It
 * carries every bundle's requests and the kernel's events: control frames
 * and decompression errors (unicast to us, the owner; the latter name the
 * bundle's link) and link-down notices (multicast), routed by link id
 * through a hash table. Requests that change something are sent
 * without waiting; their acks come back through the event loop and only an
 * error is logged. A request whose answer is needed (creating a bundle,
 * claiming a link, reading counters) waits for it: the kernel runs the
 * request inside our send, so the answer is already queued.
 *
 * Events read while waiting are queued and delivered from the event loop,
 * never from inside a request (which may itself run inside an automaton
 * callback). The loop watches a small epoll set holding the socket and an
 * eventfd that says "the queue is not empty".
 */
#include <errno.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "uapi/linux/nlppp.h"

#include "dataplane/genl.h"
#include "bundle.h"
#include "event.h"
#include "link.h"
#include "log.h"

enum {
	REPLY_TIMEOUT_MS = 5000,
	ROUTE_BUCKETS = 256,
	PENDING = 64,		/* requests whose ack we still expect, by seq */
	QUEUE_MAX = 4096,	/* events waiting for the loop; beyond, dropped and counted */
	READS_PER_TURN = 64,	/* socket reads per event-loop turn (the socket stays readable) */
	HELD_MAX = 8,		/* events a route without its link keeps; beyond, dropped */
};

struct kev {
	struct kev *next;
	int cmd;
	uint32_t link_id;
	uint16_t proto;
	size_t len;
	uint8_t data[];
};

struct route {
	struct route *next;
	uint32_t link_id;
	struct nl_link *link;	/* NULL: not yet; events wait in @held */
	struct kev *held;
	unsigned int nheld;
};

struct nl_genl {
	struct nl_sock *sk;
	/* Read-only requests (counters) go on a socket of their own, which
	 * gets nothing but their answers: on the main one a flood of control
	 * frames queues ahead of an answer, or makes the kernel drop it. */
	struct nl_sock *qsk;
	int family;
	int epfd, evfd;
	struct nl_loop *loop;
	struct nl_io io;
	struct kev *qhead, **qtail;
	unsigned int qlen;
	uint64_t dropped;
	/* Kernel errors can come once per frame: the log gets a few. */
	struct nl_ratelimit log_rl;
	struct route *routes[ROUTE_BUCKETS];
	struct {
		uint32_t seq;
		const char *what;
	} pending[PENDING];
	unsigned int pending_next;
};

/*
 * What the daemon reads from the kernel's messages, checked before it is
 * read: nla_get_u32() on a 2-byte attribute would read past it.
 */
static struct nla_policy nl_genl_policy[NLPPP_A_MAX + 1] = {
	[NLPPP_A_BUNDLE_ID] = { .type = NLA_U32 },
	[NLPPP_A_IFINDEX] = { .type = NLA_U32 },
	[NLPPP_A_IFNAME] = { .type = NLA_STRING },
	[NLPPP_A_UNIT] = { .type = NLA_U32 },
	[NLPPP_A_LINK_ID] = { .type = NLA_U32 },
	[NLPPP_A_PROTO] = { .type = NLA_U16 },
	[NLPPP_A_REASON] = { .type = NLA_U32 },
	[NLPPP_A_STATS] = { .type = NLA_NESTED },
};

/* The extended ack's text must be a terminated string. */
static struct nla_policy nlerr_policy[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
};

static void queue_event(struct nl_genl *g, int cmd, uint32_t link_id, uint16_t proto,
			const void *data, size_t len)
{
	struct kev *e;
	uint64_t one = 1;

	if (g->qlen >= QUEUE_MAX || !(e = malloc(sizeof(*e) + len))) {
		g->dropped++;
		return;
	}
	e->next = NULL;
	e->cmd = cmd;
	e->link_id = link_id;
	e->proto = proto;
	e->len = len;
	if (len)
		memcpy(e->data, data, len);
	*g->qtail = e;
	g->qtail = &e->next;
	g->qlen++;
	if (write(g->evfd, &one, sizeof(one)) < 0) {
		/* The counter cannot overflow in practice; nothing to do. */
	}
}

static void kev_free_all(struct kev *e)
{
	while (e) {
		struct kev *next = e->next;

		free(e);
		e = next;
	}
}

static struct route **route_slot(struct nl_genl *g, uint32_t link_id)
{
	struct route **pp = &g->routes[link_id % ROUTE_BUCKETS];

	while (*pp && (*pp)->link_id != link_id)
		pp = &(*pp)->next;
	return pp;
}

/* A message that is not the reply we wait for: keep the events that are ours. */
static void take_event(struct nl_genl *g, struct nlmsghdr *nlh)
{
	struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[NLPPP_A_MAX + 1];
	uint32_t id;

	if (nlh->nlmsg_type != g->family ||
	    genlmsg_parse(nlh, 0, tb, NLPPP_A_MAX, nl_genl_policy) < 0 ||
	    !tb[NLPPP_A_LINK_ID])
		return;
	id = nla_get_u32(tb[NLPPP_A_LINK_ID]);
	if (!*route_slot(g, id))
		return;		/* another process's link */
	if (gh->cmd == NLPPP_CMD_FRAME && tb[NLPPP_A_PROTO] && tb[NLPPP_A_PAYLOAD])
		queue_event(g, gh->cmd, id, nla_get_u16(tb[NLPPP_A_PROTO]),
			    nla_data(tb[NLPPP_A_PAYLOAD]), nla_len(tb[NLPPP_A_PAYLOAD]));
	else if (gh->cmd == NLPPP_CMD_LINK_DOWN || gh->cmd == NLPPP_CMD_CCP_ERROR)
		queue_event(g, gh->cmd, id, 0, NULL, 0);
}

/* The error (or ack) @nlh carries; NULL if it is too short to hold one. */
static struct nlmsgerr *nlerr_of(struct nlmsghdr *nlh)
{
	return nlmsg_datalen(nlh) >= (int)sizeof(struct nlmsgerr) ? nlmsg_data(nlh) : NULL;
}

/* The extended ack text after the error and the request it echoes, or NULL. */
static const char *extack_text(struct nlmsghdr *nlh, struct nlmsgerr *e)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e), len = nlmsg_datalen(nlh);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN || e->msg.nlmsg_len - NLMSG_HDRLEN > len - off)
			return NULL;
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	if (len <= off ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + off), len - off,
		      nlerr_policy) < 0 || !tb[NLMSGERR_ATTR_MSG])
		return NULL;
	return nla_get_string(tb[NLMSGERR_ATTR_MSG]);
}

/* The error as -errno: the kernel's, or -EPROTO for what no errno is. */
static int nlerr_errno(const struct nlmsgerr *e)
{
	return e && e->error <= 0 && e->error > -4096 ? e->error : -EPROTO;
}

static void log_nlerr(struct nl_genl *g, struct nlmsghdr *nlh, struct nlmsgerr *e,
		      const char *what)
{
	const char *msg = extack_text(nlh, e);

	nl_err_rl(&g->log_rl, "nlppp %s: %s%s%s", what, strerror(-nlerr_errno(e)),
		  msg ? ": " : "", msg ? msg : "");
}

/* The ack of a request sent without waiting. */
static void take_ack(struct nl_genl *g, struct nlmsghdr *nlh)
{
	struct nlmsgerr *e = nlerr_of(nlh);
	const char *what = "request";
	unsigned int i;

	if (!e)
		return;
	for (i = 0; i < PENDING; i++) {
		if (g->pending[i].what && g->pending[i].seq == nlh->nlmsg_seq) {
			what = g->pending[i].what;
			g->pending[i].what = NULL;
			break;
		}
	}
	if (e->error)
		log_nlerr(g, nlh, e, what);
}

int nl_genl_take(struct nl_genl *g, unsigned char *buf, int n, uint32_t seq,
		 const char *what, struct nlattr **tb, void **keep)
{
	struct nlmsghdr *nlh;
	int ret = 1;

	for (nlh = (struct nlmsghdr *)buf; nlmsg_ok(nlh, n); nlh = nlmsg_next(nlh, &n)) {
		if (seq && nlh->nlmsg_seq == seq) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = nlerr_of(nlh);

				if (e && e->error)
					log_nlerr(g, nlh, e, what);
				ret = nlerr_errno(e);
				break;
			}
			if (nlh->nlmsg_type == g->family && tb &&
			    genlmsg_parse(nlh, 0, tb, NLPPP_A_MAX, nl_genl_policy) == 0) {
				/* The reply; its ack follows (NLM_F_ACK). */
				*keep = buf;
				buf = NULL;
				tb = NULL;
			}
			continue;
		}
		if (nlh->nlmsg_type == NLMSG_ERROR)
			take_ack(g, nlh);
		else
			take_event(g, nlh);
	}
	free(buf);
	return ret;
}

/* Read one batch from the socket and take it (nl_genl_take). */
static int read_batch(struct nl_genl *g, struct nl_sock *sk, uint32_t seq, const char *what,
		      struct nlattr **tb, void **keep)
{
	struct sockaddr_nl from;
	unsigned char *buf = NULL;
	int n;

	n = nl_recv(sk, &from, &buf, NULL);
	if (n <= 0) {
		if (n == 0 || n == -NLE_AGAIN)
			return -EAGAIN;
		/* ENOBUFS: the socket overran, kernel events were lost. */
		nl_err_rl(&g->log_rl, "nlppp: netlink receive failed: %s", nl_geterror(n));
		return -EIO;
	}
	return nl_genl_take(g, buf, n, seq, what, tb, keep);
}

struct nl_msg *nl_genl_msg(struct nl_genl *g, uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0, NLM_F_ACK,
				cmd, NLPPP_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static int call_on(struct nl_genl *g, struct nl_sock *sk, struct nl_msg *msg,
		   const char *what, struct nlattr **tb, void **keep)
{
	uint32_t seq;
	uint64_t end = nl_now_ms() + REPLY_TIMEOUT_MS;
	int err = nl_send_auto(sk, msg);

	seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (keep)
		*keep = NULL;
	if (err < 0) {
		nl_err("nlppp %s: send failed: %s", what, nl_geterror(err));
		return -EIO;
	}
	for (;;) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
		uint64_t now = nl_now_ms();

		/* One deadline for the whole wait: events keep coming under a
		 * flood, and a reply lost to an overrun never does. */
		if (now >= end || poll(&pfd, 1, (int)(end - now)) <= 0) {
			nl_err("nlppp %s: no answer from the kernel", what);
			return -ETIMEDOUT;
		}
		err = read_batch(g, sk, seq, what, tb, keep);
		if (err < 0 && err != -EAGAIN && keep) {
			/* A reply then an error: the caller sees only the error. */
			free(*keep);
			*keep = NULL;
		}
		if (err != 1 && err != -EAGAIN)
			return err;
	}
}

int nl_genl_call(struct nl_genl *g, struct nl_msg *msg, const char *what,
		 struct nlattr **tb, void **keep)
{
	return call_on(g, g->sk, msg, what, tb, keep);
}

int nl_genl_query(struct nl_genl *g, struct nl_msg *msg, const char *what,
		  struct nlattr **tb, void **keep)
{
	return call_on(g, g->qsk ? g->qsk : g->sk, msg, what, tb, keep);
}

int nl_genl_send(struct nl_genl *g, struct nl_msg *msg, const char *what)
{
	int err = nl_send_auto(g->sk, msg);

	if (err >= 0) {
		g->pending[g->pending_next].seq = nlmsg_hdr(msg)->nlmsg_seq;
		g->pending[g->pending_next].what = what;
		g->pending_next = (g->pending_next + 1) % PENDING;
	} else {
		nl_err_rl(&g->log_rl, "nlppp %s: send failed: %s", what, nl_geterror(err));
	}
	nlmsg_free(msg);
	return err < 0 ? -EIO : 0;
}

int nl_genl_route(struct nl_genl *g, uint32_t link_id, struct nl_link *l)
{
	struct route **pp = route_slot(g, link_id), *r;
	uint64_t one = 1;

	if (*pp) {
		r = *pp;
		r->link = l;
		if (l && r->held) {
			/* What came before the link: first in the queue, next turn. */
			struct kev *last = r->held;

			while (last->next)
				last = last->next;
			last->next = g->qhead;
			if (!g->qhead)
				g->qtail = &last->next;
			g->qhead = r->held;
			g->qlen += r->nheld;
			r->held = NULL;
			r->nheld = 0;
			if (write(g->evfd, &one, sizeof(one)) < 0) {
				/* The counter cannot overflow in practice. */
			}
		}
		return 0;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->link_id = link_id;
	r->link = l;
	*pp = r;
	return 0;
}

void nl_genl_unroute(struct nl_genl *g, uint32_t link_id)
{
	struct route **pp = route_slot(g, link_id), *r = *pp;

	if (r) {
		*pp = r->next;
		kev_free_all(r->held);
		free(r);
	}
}

void nl_genl_deliver(struct nl_genl *g)
{
	/* Deliver in order; the route is looked up at delivery: the link may
	 * have gone meanwhile (a callback may end it). */
	while (g->qhead) {
		struct kev *e = g->qhead;
		struct route *r;

		g->qhead = e->next;
		if (!g->qhead)
			g->qtail = &g->qhead;
		g->qlen--;
		r = *route_slot(g, e->link_id);
		if (r && !r->link) {
			/* Its link is not made yet: keep a few, in order. */
			struct kev **tail = &r->held;

			if (r->nheld >= HELD_MAX) {
				free(e);
				continue;
			}
			while (*tail)
				tail = &(*tail)->next;
			e->next = NULL;
			*tail = e;
			r->nheld++;
			continue;
		}
		if (r && e->cmd == NLPPP_CMD_FRAME)
			nl_link_dp_frame(r->link, e->proto, e->data, e->len);
		else if (r && e->cmd == NLPPP_CMD_LINK_DOWN)
			nl_link_dp_down(r->link);
		else if (r && e->cmd == NLPPP_CMD_CCP_ERROR && r->link && r->link->bundle)
			nl_bundle_dp_ccp_error(r->link->bundle);
		free(e);
	}
}

static void genl_io(void *ctx, uint32_t events)
{
	struct nl_genl *g = ctx;
	uint64_t cnt;
	int i;

	if (read(g->evfd, &cnt, sizeof(cnt)) < 0) {
		/* EAGAIN: nothing queued. */
	}
	/* Bounded: a peer flooding control frames keeps the socket full, and
	 * reading it dry would starve the timers and the control socket. */
	for (i = 0; i < READS_PER_TURN; i++)
		if (read_batch(g, g->sk, 0, NULL, NULL, NULL) != 1)
			break;
	if (g->dropped) {
		nl_warn_rl(&g->log_rl, "nlppp: %llu kernel events dropped (the daemon fell behind)",
			(unsigned long long)g->dropped);
		g->dropped = 0;
	}
	nl_genl_deliver(g);
}

int nl_genl_new(struct nl_genl **gp, int family)
{
	struct nl_genl *g = calloc(1, sizeof(*g));

	*gp = NULL;
	if (!g)
		return -ENOMEM;
	g->family = family;
	g->epfd = g->evfd = -1;
	g->io.fd = -1;
	g->qtail = &g->qhead;
	*gp = g;
	return 0;
}

int nl_genl_open(struct nl_genl **gp, struct nl_loop *loop)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int one = 1, grp, err;
	struct nl_genl *g;

	err = nl_genl_new(gp, -1);
	if (err < 0)
		return err;
	g = *gp;
	*gp = NULL;
	err = -ENOMEM;
	g->loop = loop;
	g->sk = nl_socket_alloc();
	if (!g->sk || genl_connect(g->sk) < 0)
		goto err;
	nl_socket_disable_auto_ack(g->sk);
	nl_socket_disable_seq_check(g->sk);
	setsockopt(nl_socket_get_fd(g->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl_socket_set_buffer_size(g->sk, 4 << 20, 1 << 20);
	err = -ENOENT;
	g->family = genl_ctrl_resolve(g->sk, NLPPP_GENL_NAME);
	grp = genl_ctrl_resolve_grp(g->sk, NLPPP_GENL_NAME, NLPPP_MCGRP_EVENTS);
	if (g->family < 0 || grp < 0 || nl_socket_add_membership(g->sk, grp) < 0) {
		nl_err("nlppp: generic netlink family not found (is nlppp.ko loaded?)");
		goto err;
	}
	nl_socket_set_nonblocking(g->sk);
	err = -ENOMEM;
	g->qsk = nl_socket_alloc();
	if (!g->qsk || genl_connect(g->qsk) < 0)
		goto err;
	nl_socket_disable_auto_ack(g->qsk);
	nl_socket_disable_seq_check(g->qsk);
	setsockopt(nl_socket_get_fd(g->qsk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl_socket_set_nonblocking(g->qsk);
	g->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	g->epfd = epoll_create1(EPOLL_CLOEXEC);
	err = -errno;
	if (g->evfd < 0 || g->epfd < 0)
		goto err;
	ev.data.fd = g->evfd;
	epoll_ctl(g->epfd, EPOLL_CTL_ADD, g->evfd, &ev);
	ev.data.fd = nl_socket_get_fd(g->sk);
	epoll_ctl(g->epfd, EPOLL_CTL_ADD, ev.data.fd, &ev);
	err = nl_io_add(loop, &g->io, g->epfd, EPOLLIN, genl_io, g);
	if (err < 0)
		goto err;
	*gp = g;
	return 0;
err:
	nl_genl_close(g);
	return err;
}

void nl_genl_close(struct nl_genl *g)
{
	unsigned int i;

	if (!g)
		return;
	nl_ratelimit_flush(&g->log_rl);
	if (g->io.fd >= 0)
		nl_io_del(g->loop, &g->io);
	while (g->qhead) {
		struct kev *e = g->qhead;

		g->qhead = e->next;
		free(e);
	}
	for (i = 0; i < ROUTE_BUCKETS; i++) {
		while (g->routes[i]) {
			struct route *r = g->routes[i];

			g->routes[i] = r->next;
			kev_free_all(r->held);
			free(r);
		}
	}
	if (g->evfd >= 0)
		close(g->evfd);
	if (g->epfd >= 0)
		close(g->epfd);
	if (g->sk)
		nl_socket_free(g->sk);
	if (g->qsk)
		nl_socket_free(g->qsk);
	free(g);
}
