// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel data plane: nlppp.ko programmed over its generic netlink
 * family (include/uapi/linux/nlppp.h). The tty is handed to the nlppp line
 * discipline; its link is claimed with the cookie the discipline hands out,
 * attached to a bundle (the pppN device), and from then on data stays in
 * the kernel. Control frames come back as NLPPP_CMD_FRAME events unicast to
 * this socket, which owns the objects: if the daemon dies, they go too.
 *
 * One socket carries both our requests and the kernel's events. Events that
 * arrive while we wait for a reply are queued and delivered from the event
 * loop (never from inside a request, which may itself run inside an FSM
 * callback). The plane watches a small epoll set holding the socket and an
 * eventfd that says "the queue is not empty".
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "uapi/linux/nlppp.h"
#include "libppp/ppp.h"

#include "dataplane/dataplane.h"
#include "event.h"
#include "link.h"
#include "log.h"

enum { REPLY_TIMEOUT_MS = 5000 };

struct kev {
	struct kev *next;
	int cmd;
	uint16_t proto;
	uint32_t reason;
	size_t len;
	uint8_t data[];
};

struct kdp {
	struct nl_sock *sk;
	int epfd;		/* the socket and evfd, watched by the event loop */
	struct nl_io io;
	struct nl_link *link;	/* the attached link */
	int family;
	int evfd;		/* eventfd: queued events to deliver */
	uint32_t bundle_id, link_id;
	bool have_bundle, have_link;
	int tty_fd;		/* the tty we gave to the line discipline */
	int old_ldisc;
	struct kev *qhead, **qtail;
};

static int ldisc_number(void)
{
	FILE *f = fopen("/sys/module/nlppp/parameters/ldisc", "re");
	int n = NLPPP_LDISC_DEFAULT;

	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = NLPPP_LDISC_DEFAULT;
		fclose(f);
	}
	return n;
}

bool nl_dp_kernel_available(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	bool ok = false;

	if (!sk)
		return false;
	if (genl_connect(sk) == 0)
		ok = genl_ctrl_resolve(sk, NLPPP_GENL_NAME) >= 0;
	nl_socket_free(sk);
	return ok;
}

/* --- events ------------------------------------------------------------- */

static void queue_event(struct kdp *k, int cmd, uint16_t proto, uint32_t reason,
			const void *data, size_t len)
{
	struct kev *e = malloc(sizeof(*e) + len);
	uint64_t one = 1;

	if (!e)
		return;
	e->next = NULL;
	e->cmd = cmd;
	e->proto = proto;
	e->reason = reason;
	e->len = len;
	if (len)
		memcpy(e->data, data, len);
	*k->qtail = e;
	k->qtail = &e->next;
	if (write(k->evfd, &one, sizeof(one)) < 0) {
		/* The counter cannot overflow in practice; nothing to do. */
	}
}

/* A message that is not the reply we wait for: keep the events that are ours. */
static void take_event(struct kdp *k, struct nlmsghdr *nlh)
{
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nlattr *tb[NLPPP_A_MAX + 1];

	if (nlh->nlmsg_type != k->family ||
	    genlmsg_parse(nlh, 0, tb, NLPPP_A_MAX, NULL) < 0)
		return;
	if (!tb[NLPPP_A_LINK_ID] || !k->have_link ||
	    nla_get_u32(tb[NLPPP_A_LINK_ID]) != k->link_id)
		return;
	if (g->cmd == NLPPP_CMD_FRAME && tb[NLPPP_A_PROTO] && tb[NLPPP_A_PAYLOAD])
		queue_event(k, g->cmd, nla_get_u16(tb[NLPPP_A_PROTO]), 0,
			    nla_data(tb[NLPPP_A_PAYLOAD]), nla_len(tb[NLPPP_A_PAYLOAD]));
	else if (g->cmd == NLPPP_CMD_LINK_DOWN)
		queue_event(k, g->cmd, 0,
			    tb[NLPPP_A_REASON] ? nla_get_u32(tb[NLPPP_A_REASON]) : 0,
			    NULL, 0);
}

static void log_nlerr(struct nlmsghdr *nlh, const char *what)
{
	struct nlmsgerr *e = nlmsg_data(nlh);
	const char *msg = NULL;

	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		size_t off = sizeof(*e);
		struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += nlmsg_datalen(&e->msg);
		if (nlmsg_datalen(nlh) > (int)off &&
		    nla_parse(tb, NLMSGERR_ATTR_MAX,
			      (struct nlattr *)((char *)e + off),
			      nlmsg_datalen(nlh) - off, NULL) == 0 &&
		    tb[NLMSGERR_ATTR_MSG])
			msg = nla_get_string(tb[NLMSGERR_ATTR_MSG]);
	}
	nl_err("nlppp %s: %s%s%s", what, strerror(-e->error),
	       msg ? ": " : "", msg ? msg : "");
}

/*
 * Read one batch from the socket. With @seq non-zero, stop at the reply to
 * that request: its attributes go to @tb (if any) and its error is returned.
 * Returns 1 when the batch held no such reply.
 */
static int read_batch(struct kdp *k, uint32_t seq, const char *what,
		      struct nlattr **tb, void **keep)
{
	struct sockaddr_nl from;
	unsigned char *buf = NULL;
	struct nlmsghdr *nlh;
	int n, ret = 1;

	n = nl_recv(k->sk, &from, &buf, NULL);
	if (n <= 0)
		return n == 0 || n == -NLE_AGAIN ? -EAGAIN : -EIO;
	for (nlh = (struct nlmsghdr *)buf; nlmsg_ok(nlh, n); nlh = nlmsg_next(nlh, &n)) {
		if (seq && nlh->nlmsg_seq == seq) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = nlmsg_data(nlh);

				if (e->error)
					log_nlerr(nlh, what);
				ret = e->error;
				break;
			}
			if (nlh->nlmsg_type == k->family && tb &&
			    genlmsg_parse(nlh, 0, tb, NLPPP_A_MAX, NULL) == 0) {
				/* The reply; its ack follows (NLM_F_ACK). */
				*keep = buf;
				buf = NULL;
				tb = NULL;
			}
			continue;
		}
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			struct nlmsgerr *e = nlmsg_data(nlh);

			if (e->error)
				log_nlerr(nlh, "control frame");
			continue;
		}
		take_event(k, nlh);
	}
	free(buf);
	return ret;
}

/* Send @msg and wait for its ack; the reply's attributes go to @tb. */
static int request(struct kdp *k, struct nl_msg *msg, const char *what,
		   struct nlattr **tb, void **keep)
{
	uint32_t seq;
	int err = nl_send_auto(k->sk, msg);

	seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	if (err < 0) {
		nl_err("nlppp %s: send failed: %s", what, nl_geterror(err));
		return -EIO;
	}
	for (;;) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(k->sk), .events = POLLIN };

		if (poll(&pfd, 1, REPLY_TIMEOUT_MS) <= 0) {
			nl_err("nlppp %s: no answer from the kernel", what);
			return -ETIMEDOUT;
		}
		err = read_batch(k, seq, what, tb, keep);
		if (err != 1 && err != -EAGAIN)
			return err;
	}
}

static struct nl_msg *new_msg(struct kdp *k, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, k->family, 0,
				flags, cmd, NLPPP_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/* --- ops ------------------------------------------------------------------ */

static void kdp_free(struct kdp *k)
{
	while (k->qhead) {
		struct kev *e = k->qhead;

		k->qhead = e->next;
		free(e);
	}
	if (k->evfd >= 0)
		close(k->evfd);
	if (k->epfd >= 0)
		close(k->epfd);
	if (k->sk)
		nl_socket_free(k->sk);
	free(k);
}

static void kdp_io(void *ctx, uint32_t events);
static int simple(struct kdp *k, uint8_t cmd, const char *what, uint32_t attr,
		  uint32_t id);

static int kdp_create(struct nl_dataplane *dp, const char *ifname, int unit)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct kdp *k = calloc(1, sizeof(*k));
	struct epoll_event ev = { .events = EPOLLIN };
	struct nl_msg *msg;
	void *keep = NULL;
	int one = 1, grp, err = -ENOMEM;

	if (!k)
		return -ENOMEM;
	k->evfd = -1;
	k->epfd = -1;
	k->io.fd = -1;
	k->tty_fd = -1;
	k->qtail = &k->qhead;
	k->sk = nl_socket_alloc();
	if (!k->sk || genl_connect(k->sk) < 0)
		goto err;
	nl_socket_disable_auto_ack(k->sk);
	nl_socket_disable_seq_check(k->sk);
	setsockopt(nl_socket_get_fd(k->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl_socket_set_buffer_size(k->sk, 1 << 20, 1 << 20);
	err = -ENOENT;
	k->family = genl_ctrl_resolve(k->sk, NLPPP_GENL_NAME);
	grp = genl_ctrl_resolve_grp(k->sk, NLPPP_GENL_NAME, NLPPP_MCGRP_EVENTS);
	if (k->family < 0 || grp < 0 || nl_socket_add_membership(k->sk, grp) < 0) {
		nl_err("nlppp: generic netlink family not found (is nlppp.ko loaded?)");
		goto err;
	}
	nl_socket_set_nonblocking(k->sk);
	k->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	k->epfd = epoll_create1(EPOLL_CLOEXEC);
	err = -errno;
	if (k->evfd < 0 || k->epfd < 0)
		goto err;
	ev.data.fd = k->evfd;
	epoll_ctl(k->epfd, EPOLL_CTL_ADD, k->evfd, &ev);
	ev.data.fd = nl_socket_get_fd(k->sk);
	epoll_ctl(k->epfd, EPOLL_CTL_ADD, ev.data.fd, &ev);

	err = -ENOMEM;
	msg = new_msg(k, NLPPP_CMD_BUNDLE_NEW, NLM_F_ACK);
	if (!msg || (ifname && *ifname && nla_put_string(msg, NLPPP_A_IFNAME, ifname) < 0) ||
	    (unit >= 0 && nla_put_u32(msg, NLPPP_A_UNIT, unit) < 0))
		goto err_msg;
	err = request(k, msg, "create bundle", tb, &keep);
	if (err < 0)
		goto err;
	if (!tb[NLPPP_A_BUNDLE_ID] || !tb[NLPPP_A_IFINDEX] || !tb[NLPPP_A_IFNAME]) {
		nl_err("nlppp create bundle: the reply lacks the bundle's id or name");
		free(keep);
		err = -EPROTO;
		goto err;
	}
	k->bundle_id = nla_get_u32(tb[NLPPP_A_BUNDLE_ID]);
	k->have_bundle = true;
	dp->ifindex = nla_get_u32(tb[NLPPP_A_IFINDEX]);
	snprintf(dp->ifname, sizeof(dp->ifname), "%s", nla_get_string(tb[NLPPP_A_IFNAME]));
	dp->unit = tb[NLPPP_A_UNIT] ? (int)nla_get_u32(tb[NLPPP_A_UNIT]) : -1;
	free(keep);
	dp->priv = k;
	dp->fd = -1;
	err = nl_io_add(dp->loop, &k->io, k->epfd, EPOLLIN, kdp_io, dp);
	if (err < 0) {
		simple(k, NLPPP_CMD_BUNDLE_DEL, "delete bundle", NLPPP_A_BUNDLE_ID, k->bundle_id);
		dp->priv = NULL;
		kdp_free(k);
	}
	return err;

err_msg:
	nlmsg_free(msg);
err:
	kdp_free(k);
	return err;
}

static int simple(struct kdp *k, uint8_t cmd, const char *what, uint32_t attr,
		  uint32_t id)
{
	struct nl_msg *msg = new_msg(k, cmd, NLM_F_ACK);

	if (!msg || nla_put_u32(msg, attr, id) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return request(k, msg, what, NULL, NULL);
}

static void kdp_link_detach(struct nl_dataplane *dp, struct nl_link *l)
{
	struct kdp *k = dp->priv;
	int n_tty = N_TTY;

	if (!k || k->link != l)
		return;
	if (k->have_link)
		simple(k, NLPPP_CMD_LINK_DEL, "delete link", NLPPP_A_LINK_ID, k->link_id);
	k->have_link = false;
	/* Give the tty back to the ordinary discipline before it is closed. */
	if (k->tty_fd >= 0)
		ioctl(k->tty_fd, TIOCSETD, k->old_ldisc >= 0 ? &k->old_ldisc : &n_tty);
	k->tty_fd = -1;
	k->link = NULL;
	l->dp_priv = NULL;
}

static void kdp_destroy(struct nl_dataplane *dp)
{
	struct kdp *k = dp->priv;

	if (!k)
		return;
	if (k->link)
		kdp_link_detach(dp, k->link);
	if (k->have_bundle)
		simple(k, NLPPP_CMD_BUNDLE_DEL, "delete bundle", NLPPP_A_BUNDLE_ID,
		       k->bundle_id);
	nl_io_del(dp->loop, &k->io);
	kdp_free(k);
	dp->priv = NULL;
}

static int kdp_link_attach(struct nl_dataplane *dp, struct nl_link *l)
{
	struct kdp *k = dp->priv;
	int fd = l->tr.rfd;
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	int ldisc = ldisc_number();
	struct nl_msg *msg;
	void *keep = NULL;
	uint64_t cookie;
	int err;

	if (ioctl(fd, TIOCGETD, &k->old_ldisc) < 0)
		k->old_ldisc = -1;
	if (ioctl(fd, TIOCSETD, &ldisc) < 0) {
		err = -errno;
		nl_err("nlppp: cannot set line discipline %d on the tty: %s", ldisc,
		       strerror(errno));
		return err;
	}
	k->tty_fd = fd;
	k->link = l;
	l->dp_priv = k;
	if (ioctl(fd, NLPPP_IOC_LINK_COOKIE, &cookie) < 0) {
		err = -errno;
		nl_err("nlppp: the line discipline gave no link cookie: %s", strerror(errno));
		return err;
	}
	msg = new_msg(k, NLPPP_CMD_LINK_NEW, NLM_F_ACK);
	if (!msg || nla_put_u64(msg, NLPPP_A_LINK_COOKIE, cookie) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = request(k, msg, "claim link", tb, &keep);
	if (err < 0)
		return err;
	if (!tb[NLPPP_A_LINK_ID]) {
		free(keep);
		nl_err("nlppp claim link: the reply lacks the link id");
		return -EPROTO;
	}
	k->link_id = nla_get_u32(tb[NLPPP_A_LINK_ID]);
	k->have_link = true;
	free(keep);

	msg = new_msg(k, NLPPP_CMD_LINK_ATTACH, NLM_F_ACK);
	if (!msg || nla_put_u32(msg, NLPPP_A_LINK_ID, k->link_id) < 0 ||
	    nla_put_u32(msg, NLPPP_A_BUNDLE_ID, k->bundle_id) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return request(k, msg, "attach link", NULL, NULL);
}

static int kdp_send(struct nl_dataplane *dp, struct nl_link *l, uint16_t proto,
		    const uint8_t *p, size_t len)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg = new_msg(k, NLPPP_CMD_FRAME, 0);
	int err;

	if (!msg || nla_put_u32(msg, NLPPP_A_LINK_ID, k->link_id) < 0 ||
	    nla_put_u16(msg, NLPPP_A_PROTO, proto) < 0 ||
	    nla_put(msg, NLPPP_A_PAYLOAD, len, p) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	/* No ack: an error comes back on its own and is logged then. */
	err = nl_send_auto(k->sk, msg);
	nlmsg_free(msg);
	return err < 0 ? -EIO : 0;
}

static int kdp_set_link(struct nl_dataplane *dp, struct nl_link *l,
			const struct nl_link_params *lp)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg = new_msg(k, NLPPP_CMD_LINK_SET, NLM_F_ACK);
	uint8_t map[32];
	uint32_t flags = (lp->tx_acfc ? NLPPP_LF_TX_ACFC : 0) |
			 (lp->tx_pfc ? NLPPP_LF_TX_PFC : 0);
	int i;

	/* The map travels as eight little-endian 32-bit words. */
	for (i = 0; i < 8; i++) {
		map[4 * i] = lp->tx_map[i] & 0xff;
		map[4 * i + 1] = (lp->tx_map[i] >> 8) & 0xff;
		map[4 * i + 2] = (lp->tx_map[i] >> 16) & 0xff;
		map[4 * i + 3] = lp->tx_map[i] >> 24;
	}
	if (!msg || nla_put_u32(msg, NLPPP_A_LINK_ID, k->link_id) < 0 ||
	    nla_put(msg, NLPPP_A_TX_ACCM, sizeof(map), map) < 0 ||
	    nla_put_u8(msg, NLPPP_A_LINK_TYPE, lp->framing == NL_FRAMING_SYNC ?
						    NLPPP_LINK_SYNC : NLPPP_LINK_ASYNC) < 0 ||
	    nla_put_u32(msg, NLPPP_A_RX_ACCM, lp->rx_accm) < 0 ||
	    nla_put_u32(msg, NLPPP_A_LINK_FLAGS, flags) < 0 ||
	    nla_put_u16(msg, NLPPP_A_MRU, lp->mru) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return request(k, msg, "set link framing", NULL, NULL);
}

static int kdp_set_np(struct nl_dataplane *dp, uint16_t proto, bool pass)
{
	struct kdp *k = dp->priv;
	struct nl_msg *msg = new_msg(k, NLPPP_CMD_BUNDLE_SET, NLM_F_ACK);
	struct nlattr *nest;

	if (!msg || nla_put_u32(msg, NLPPP_A_BUNDLE_ID, k->bundle_id) < 0)
		goto nomem;
	nest = nla_nest_start(msg, NLPPP_A_NP_MODES);
	if (!nest || nla_put_u8(msg, proto == PPP_PROTO_IPV6 ? NLPPP_A_NP_IPV6 : NLPPP_A_NP_IPV4,
			       pass ? NLPPP_NP_PASS : NLPPP_NP_DROP) < 0)
		goto nomem;
	nla_nest_end(msg, nest);
	return request(k, msg, "set NP mode", NULL, NULL);
nomem:
	nlmsg_free(msg);
	return -ENOMEM;
}

static void kdp_io(void *ctx, uint32_t events)
{
	struct nl_dataplane *dp = ctx;
	struct kdp *k = dp->priv;
	uint64_t cnt;

	if (read(k->evfd, &cnt, sizeof(cnt)) < 0) {
		/* EAGAIN: nothing queued. */
	}
	while (read_batch(k, 0, NULL, NULL, NULL) == 1)
		;
	/* Deliver in order; a callback may destroy the plane, so re-check. */
	while (dp->priv == k && k->qhead) {
		struct kev *e = k->qhead;

		k->qhead = e->next;
		if (!k->qhead)
			k->qtail = &k->qhead;
		if (e->cmd == NLPPP_CMD_FRAME && k->link)
			nl_link_dp_frame(k->link, e->proto, e->data, e->len);
		else if (e->cmd == NLPPP_CMD_LINK_DOWN && k->link)
			nl_link_dp_down(k->link);
		free(e);
	}
}

static uint64_t stat_u64(struct nlattr **st, int a)
{
	return st[a] ? nla_get_u64(st[a]) : 0;
}

/* GET one object's counters: the link's (@cmd LINK_GET) or the bundle's. */
static int get_stats(struct kdp *k, uint8_t cmd, uint32_t attr, uint32_t id,
		     struct nlattr **st, void **keep)
{
	struct nlattr *tb[NLPPP_A_MAX + 1] = { 0 };
	struct nl_msg *msg = new_msg(k, cmd, NLM_F_ACK);
	int err;

	*keep = NULL;
	if (!msg || nla_put_u32(msg, attr, id) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = request(k, msg, "read counters", tb, keep);
	if (err < 0)
		return err;
	if (!tb[NLPPP_A_STATS] ||
	    nla_parse_nested(st, NLPPP_A_STATS_MAX, tb[NLPPP_A_STATS], NULL) < 0)
		return -EPROTO;
	return 0;
}

static int kdp_stats(struct nl_dataplane *dp, struct nl_link *l, struct nl_dp_stats *out)
{
	struct kdp *k = dp->priv;
	struct nlattr *st[NLPPP_A_STATS_MAX + 1];
	void *keep;
	int err;

	memset(out, 0, sizeof(*out));
	if (!k)
		return -ENODEV;
	if (l && k->link == l && k->have_link &&
	    get_stats(k, NLPPP_CMD_LINK_GET, NLPPP_A_LINK_ID, k->link_id, st, &keep) == 0) {
		out->rx_frames = stat_u64(st, NLPPP_A_STATS_RX_PACKETS);
		out->rx_frame_bytes = stat_u64(st, NLPPP_A_STATS_RX_BYTES);
		out->tx_frames = stat_u64(st, NLPPP_A_STATS_TX_PACKETS);
		out->tx_frame_bytes = stat_u64(st, NLPPP_A_STATS_TX_BYTES);
		out->rx_fcs_errors = stat_u64(st, NLPPP_A_STATS_RX_FCS_ERRORS);
		out->rx_frame_errors = stat_u64(st, NLPPP_A_STATS_RX_FRAME_ERRORS);
		out->rx_aborts = stat_u64(st, NLPPP_A_STATS_RX_ABORTS);
		out->rx_overruns = stat_u64(st, NLPPP_A_STATS_RX_OVERRUNS);
		out->rx_dropped = stat_u64(st, NLPPP_A_STATS_RX_DROPPED);
		out->tx_dropped = stat_u64(st, NLPPP_A_STATS_TX_DROPPED);
		free(keep);
	}
	err = get_stats(k, NLPPP_CMD_BUNDLE_GET, NLPPP_A_BUNDLE_ID, k->bundle_id, st, &keep);
	if (err < 0)
		return err;
	out->rx_packets = stat_u64(st, NLPPP_A_STATS_RX_PACKETS);
	out->rx_bytes = stat_u64(st, NLPPP_A_STATS_RX_BYTES);
	out->tx_packets = stat_u64(st, NLPPP_A_STATS_TX_PACKETS);
	out->tx_bytes = stat_u64(st, NLPPP_A_STATS_TX_BYTES);
	out->rx_dropped += stat_u64(st, NLPPP_A_STATS_RX_DROPPED);
	out->tx_dropped += stat_u64(st, NLPPP_A_STATS_TX_DROPPED);
	free(keep);
	return 0;
}

const struct nl_dataplane_ops nl_dp_kernel_ops = {
	.name = "kernel",
	.create = kdp_create,
	.destroy = kdp_destroy,
	.link_attach = kdp_link_attach,
	.link_detach = kdp_link_detach,
	.send = kdp_send,
	.set_link = kdp_set_link,
	.set_np = kdp_set_np,
	.stats = kdp_stats,
};
