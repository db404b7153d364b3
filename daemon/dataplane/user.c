// SPDX-License-Identifier: GPL-2.0
/*
 * The user-space data plane: a TUN device in IFF_TUN|IFF_NO_PI mode, so
 * each read() returns exactly one IPv4 or IPv6 packet and each write()
 * sends one, with no packet-information header in front: the kernel tells
 * the two apart by the version nibble. libppp does the PPP framing.
 *
 * The packet path lives here too: each attached link's transport is read
 * and deframed with libppp, data goes to the TUN device, everything else
 * up to the link; packets read from the TUN device are framed and queued
 * for the link's transport, in an output queue with a hard cap.
 *
 * The device is not persistent: closing the fd removes the interface, so
 * a crashed daemon leaves nothing behind. Its link type is set to
 * ARPHRD_PPP so `ip link` shows link/ppp and tools treat it like a kernel
 * ppp interface (which, like this one, gets no automatic IPv6 link-local
 * address: IPV6CP decides it).
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>	/* before the linux/ headers: they clash otherwise */
#include <net/if_arp.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <sys/epoll.h>

#include "libppp/hdlc.h"
#include "libppp/ppp.h"
#include "libppp/vj.h"

#include "bundle.h"
#include "config.h"
#include "dataplane/dataplane.h"
#include "dataplane/ucomp.h"
#include "event.h"
#include "link.h"
#include "log.h"

/* -1 unless @name is "ppp" followed by a plain decimal number. */
static int unit_of(const char *name)
{
	char *end;
	long n;

	if (strncmp(name, "ppp", 3) || name[3] < '0' || name[3] > '9')
		return -1;
	if (name[3] == '0' && name[4])
		return -1;	/* "ppp01" is not unit 1 */
	errno = 0;
	n = strtol(name + 3, &end, 10);
	if (errno || *end || n > 0x7fffffff)
		return -1;
	return (int)n;
}

/*
 * The pppN units this process's TUN interfaces hold, one bit each. The
 * lowest free one is found here (a word at a time) instead of by the
 * kernel's "ppp%d", which reads the name of every interface in the netns
 * for each new one (and gives up past 32768).
 */
static uint64_t *unit_map;
static size_t unit_words;

static void unit_set(int u, bool used)
{
	size_t w;

	if (u < 0 || ((size_t)u / 64 >= unit_words && !used))
		return;
	w = (size_t)u / 64;
	if (w >= unit_words) {
		size_t n = w + 1 > unit_words * 2 ? w + 1 : unit_words * 2;
		uint64_t *m = realloc(unit_map, n * sizeof(*m));

		if (!m)
			return;	/* only a hint: the kernel still refuses a taken name */
		memset(m + unit_words, 0, (n - unit_words) * sizeof(*m));
		unit_map = m;
		unit_words = n;
	}
	if (used)
		unit_map[w] |= 1ull << (u % 64);
	else
		unit_map[w] &= ~(1ull << (u % 64));
}

/* The lowest unit at or above @from that this process does not hold. */
static unsigned int unit_free_from(unsigned int from)
{
	size_t w = from / 64;
	uint64_t busy;

	if (w >= unit_words)
		return from;
	/* Units below @from count as held. */
	busy = unit_map[w] | ((1ull << (from % 64)) - 1);
	while (busy == ~0ull) {
		if (++w >= unit_words)
			return (unsigned int)(w * 64);
		busy = unit_map[w];
	}
	return (unsigned int)(w * 64) + (unsigned int)__builtin_ctzll(~busy);
}

/*
 * Create the TUN device @name on @fd. IFF_TUN_EXCL makes the kernel refuse
 * an existing device instead of attaching us to it: -EBUSY.
 */
static int tun_create(int fd, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	/* IFF_TUN_EXCL is bit 15: the field is a short. */
	ifr.ifr_flags = (short)(IFF_TUN | IFF_NO_PI | IFF_TUN_EXCL);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0)
		return -errno;
	return 0;
}

static int user_create(struct nl_dataplane *dp, const char *ifname, int unit)
{
	struct nl_loop *loop = dp->loop;
	struct nl_registry *reg = dp->reg;
	bool noqueue = dp->noqueue;
	char name[IFNAMSIZ];
	int fd, err;

	memset(dp, 0, sizeof(*dp));
	dp->loop = loop;
	dp->reg = reg;
	dp->noqueue = noqueue;
	dp->ops = &nl_dp_user_ops;
	dp->fd = -1;
	dp->ifname[0] = '\0';
	dp->ifindex = 0;
	dp->unit = -1;

	if (ifname && *ifname) {
		if (strlen(ifname) >= IFNAMSIZ) {
			nl_err("interface name %s is too long (at most %d characters)",
			       ifname, IFNAMSIZ - 1);
			return -EINVAL;
		}
		snprintf(name, sizeof(name), "%s", ifname);
	} else if (unit >= 0) {
		snprintf(name, sizeof(name), "ppp%d", unit);
	} else {
		name[0] = '\0';
	}

	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		nl_err("tun: cannot open /dev/net/tun: %s%s", strerror(errno),
		       errno == ENOENT ? " (is the tun module loaded?)" : "");
		return err;
	}

	if (name[0]) {
		err = if_nametoindex(name) ? -EEXIST : tun_create(fd, name);
		if (err == -EBUSY)
			err = -EEXIST;
		if (err) {
			nl_err("tun: cannot create interface %s: %s", name,
			       err == -EEXIST ? "an interface of that name exists" :
			       strerror(-err));
			goto err_close;
		}
	} else {
		struct ifreq ifr;

		unsigned int u = 0, tries;

		/*
		 * The lowest pppN this process does not hold; one held by
		 * someone else (-EBUSY) is stepped over. After many of those,
		 * the kernel's own search.
		 */
		for (tries = 0; tries < 64; tries++) {
			u = unit_free_from(u);
			snprintf(name, sizeof(name), "ppp%u", u);
			err = tun_create(fd, name);
			if (err != -EBUSY)
				break;
			u++;
		}
		if (err == -EBUSY)
			err = tun_create(fd, "ppp%d");
		memset(&ifr, 0, sizeof(ifr));
		if (!err && ioctl(fd, TUNGETIFF, &ifr) < 0)
			err = -errno;
		if (err) {
			nl_err("tun: cannot create a pppN interface: %s", strerror(-err));
			goto err_close;
		}
		snprintf(name, sizeof(name), "%s", ifr.ifr_name);
	}

	/* Only possible while the interface is down, i.e. now. */
	if (ioctl(fd, TUNSETLINK, (unsigned long)ARPHRD_PPP) < 0)
		nl_dbg("tun %s: cannot set link type ppp: %s", name, strerror(errno));

	dp->ifindex = if_nametoindex(name);
	if (!dp->ifindex) {
		err = -errno;
		nl_err("tun %s: interface vanished after creation: %s", name, strerror(errno));
		goto err_close;
	}
	snprintf(dp->ifname, sizeof(dp->ifname), "%s", name);
	dp->unit = unit_of(name);
	unit_set(dp->unit, true);
	dp->fd = fd;
	nl_dbg("tun %s: created, ifindex %d", dp->ifname, dp->ifindex);
	return 0;

err_close:
	close(fd);
	return err;
}

/* --- the packet path --------------------------------------------------------- */

enum {
	OBUF_INITIAL = 4096,
	OBUF_MAX = 256 * 1024,	/* hard cap: what does not fit is dropped, counted */
	OBUF_HIGH = 128 * 1024,	/* pause TUN reads above this backlog */
	OBUF_LOW = 32 * 1024,	/* and resume below this */
	RX_CHUNK = 64 * 1024,
	RX_READS = 16,		/* transport reads per event-loop turn */
	TUN_BATCH = 64,
	SYNC_DRAIN_MS = 2,	/* sync on a tty: longest wait for the reader */
};

struct ulink {
	struct nl_link *l;
	struct nl_dataplane *dp;
	struct nl_io rio, wio;
	int rfd, wfd;
	bool hup;
	struct nl_link_params lp;
	struct ppp_hdlc_tx htx;
	struct ppp_hdlc_rx hrx;
	struct ppp_sync_rx srx;
	uint8_t *rxbuf;
	size_t rxcap;
	uint8_t *obuf;		/* encoded bytes (sync: 2-byte length + frame) */
	size_t olen, ooff, ocap;
	/*
	 * Sync framing on a tty: a frame is written only once the reader has
	 * taken the last one (see flush_output). depfd, an epoll set of its
	 * own, watches wfd edge-triggered for EPOLLOUT: the tty signals its
	 * writer when the reader at the far end has read (and when we write).
	 */
	bool drain_wait;	/* a frame written, not known read yet */
	int depfd;
	struct nl_io dio;
	struct nl_timer drain_timer;
	struct nl_dp_stats st;	/* the link part */
	uint64_t rx_damaged;	/* deframer errors already told to VJ */
};

struct ubundle {
	struct nl_io tun_io;
	bool np_ip, np_ipv6, paused;
	struct ulink *link;	/* data goes out on this one */
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes, rx_dropped, tx_dropped;
	struct nl_ucomp ctx, crx;	/* compression each way (CCP) */
	struct nl_dp_stats cst;		/* its counters (the comp_* fields) */
	unsigned int drop_every, drop_count;	/* NLPPPD_TEST_DROP_COMP */
	/* VJ (RFC 1144) each way; slots: tx then rx, NULL when off. */
	struct ppp_vj vj;
	struct ppp_vj_slot *vj_slots;
	struct ppp_vj_stats vj_base;	/* counts of earlier VJ sessions */
	unsigned int vj_drop_every, vj_drop_count;	/* NLPPPD_TEST_DROP_VJ */
};

static bool packet_framing(const struct ulink *u)
{
	return u->lp.framing != NL_FRAMING_ASYNC;
}

static void set_paused(struct nl_dataplane *dp, bool pause)
{
	struct ubundle *ub = dp->priv;

	if (ub->paused == pause || ub->tun_io.fd < 0)
		return;
	ub->paused = pause;
	nl_io_mod(dp->loop, &ub->tun_io, pause ? 0 : EPOLLIN);
}

static void wio_fn(void *ctx, uint32_t events);

static void update_events(struct ulink *u)
{
	bool want_out = u->olen > u->ooff && !u->drain_wait;

	if (u->rfd < 0 || u->hup)
		return;
	if (u->wfd == u->rfd) {
		nl_io_mod(u->dp->loop, &u->rio, EPOLLIN | (want_out ? EPOLLOUT : 0));
		return;
	}
	if (want_out && u->wio.fd < 0)
		nl_io_add(u->dp->loop, &u->wio, u->wfd, EPOLLOUT, wio_fn, u);
	else if (!want_out && u->wio.fd >= 0)
		nl_io_del(u->dp->loop, &u->wio);
}

/*
 * Packet framings keep each frame behind a 2-byte length and write it on its
 * own: the device (or the program at the other end of a pty) takes one write
 * as one frame. A short write counts as the whole frame: its tail cannot
 * follow on its own.
 */
static ssize_t write_packet(struct ulink *u)
{
	size_t len = (size_t)u->obuf[u->ooff] << 8 | u->obuf[u->ooff + 1];
	ssize_t n = write(u->wfd, u->obuf + u->ooff + 2, len);

	if (n >= 0 && (size_t)n < len)
		u->st.tx_dropped++;
	return n < 0 ? n : (ssize_t)len + 2;
}

/*
 * A pty hands its reader everything written since the last read in one
 * piece, and pppd's sync line discipline (N_SYNC_PPP) takes each piece as
 * one frame: two frames written back to back are lost together. So on a
 * tty, a sync frame waits until the reader has taken the one before: the
 * tty's write wakeup (an EPOLLOUT edge on depfd) or, failing that,
 * SYNC_DRAIN_MS; and an empty output queue (TIOCOUTQ, a real port's driver
 * buffer) in either case. Our own write() signals the same wakeup on its
 * way out: that edge is taken off depfd right after it.
 */
static bool one_at_a_time(const struct ulink *u)
{
	return u->depfd >= 0;
}

/* Take the pending edges off depfd; were there any? */
static bool drain_edges(struct ulink *u)
{
	struct epoll_event ev;
	int n = epoll_wait(u->depfd, &ev, 1, 0);

	return n > 0;
}

static void flush_output(struct ulink *u);

static void drain_check(struct ulink *u)
{
	int outq = 0;

	if (!u->drain_wait)
		return;
	if (ioctl(u->wfd, TIOCOUTQ, &outq) == 0 && outq > 0) {
		nl_timer_arm(u->dp->loop, &u->drain_timer, SYNC_DRAIN_MS);
		return;
	}
	u->drain_wait = false;
	nl_timer_cancel(u->dp->loop, &u->drain_timer);
	flush_output(u);
}

static void drain_timer_fn(void *ctx)
{
	drain_check(ctx);
}

static void dio_fn(void *ctx, uint32_t events)
{
	struct ulink *u = ctx;

	if (drain_edges(u))
		drain_check(u);
}

static void drain_stop(struct ulink *u)
{
	nl_io_del(u->dp->loop, &u->dio);
	if (u->depfd >= 0)
		close(u->depfd);
	u->depfd = -1;
	u->drain_wait = false;
	nl_timer_cancel(u->dp->loop, &u->drain_timer);
}

static void flush_output(struct ulink *u)
{
	while (u->ooff < u->olen && u->wfd >= 0 && !u->drain_wait) {
		ssize_t n = packet_framing(u) ? write_packet(u) :
			    write(u->wfd, u->obuf + u->ooff, u->olen - u->ooff);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)	/* the far end is gone; reading will tell */
				u->ooff = u->olen = 0;
			break;
		}
		u->ooff += n;
		if (one_at_a_time(u)) {
			drain_edges(u);
			u->drain_wait = true;
			nl_timer_arm(u->dp->loop, &u->drain_timer, SYNC_DRAIN_MS);
		}
	}
	if (u->ooff == u->olen)
		u->ooff = u->olen = 0;
	if (u->olen - u->ooff < OBUF_LOW && u->dp->priv &&
	    ((struct ubundle *)u->dp->priv)->link == u)
		set_paused(u->dp, false);
	update_events(u);
}

static int obuf_reserve(struct ulink *u, size_t need)
{
	size_t cap;
	uint8_t *n;

	if (u->olen + need <= u->ocap)
		return 0;
	if (u->ooff) {
		memmove(u->obuf, u->obuf + u->ooff, u->olen - u->ooff);
		u->olen -= u->ooff;
		u->ooff = 0;
		if (u->olen + need <= u->ocap)
			return 0;
	}
	if (u->olen + need > OBUF_MAX)
		return -ENOBUFS;
	cap = u->ocap ? u->ocap : OBUF_INITIAL;
	while (cap < u->olen + need)
		cap *= 2;
	if (cap > OBUF_MAX)
		cap = OBUF_MAX;
	n = realloc(u->obuf, cap);
	if (!n)
		return -ENOMEM;
	u->obuf = n;
	u->ocap = cap;
	return 0;
}

/* Frame @frame (header already in place) and queue it. */
static void queue_frame(struct ulink *u, const uint8_t *frame, size_t len)
{
	bool pkt = packet_framing(u);

	if (u->wfd < 0 || u->hup) {
		u->st.tx_dropped++;
		return;
	}
	if (obuf_reserve(u, pkt ? len + 2 : ppp_hdlc_encode_max(len)) < 0) {
		u->st.tx_queue_drops++;
		return;
	}
	if (pkt) {
		u->obuf[u->olen] = len >> 8;
		u->obuf[u->olen + 1] = len & 0xff;
		memcpy(u->obuf + u->olen + 2, frame, len);
		u->olen += len + 2;
	} else {
		u->olen += ppp_hdlc_encode(&u->htx, frame, len, u->obuf + u->olen,
					   u->olen == u->ooff);
	}
	u->st.tx_frames++;
	u->st.tx_frame_bytes += len;
}

static void wio_fn(void *ctx, uint32_t events)
{
	flush_output(ctx);
}

static void deliver_ip(struct ulink *u, const uint8_t *p, size_t len)
{
	struct ubundle *ub = u->dp->priv;

	if (u->dp->fd < 0 || write(u->dp->fd, p, len) < 0) {
		ub->rx_dropped++;
		return;
	}
	ub->rx_packets++;
	ub->rx_bytes += len;
}

/*
 * A VJ frame rebuilt into the IPv4 packet it stands for and delivered. VJ
 * that was not agreed, or IP that is not up, counts as an error; so does
 * a frame the test hook loses, as a bad FCS would.
 */
static void vj_received(struct ulink *u, uint16_t proto, uint8_t *p, size_t len)
{
	struct ubundle *ub = u->dp->priv;
	uint8_t buf[PPP_VJ_HDR_MAX + PPP_MRU_MAX];
	size_t start;
	int n;

	if (!ub->vj.rx_slots || !ub->np_ip) {
		ub->vj_base.rx_errors++;
		return;
	}
	if (ub->vj_drop_every && ++ub->vj_drop_count % ub->vj_drop_every == 0) {
		ppp_vj_rx_error(&ub->vj);
		return;
	}
	if (proto == PPP_PROTO_VJUC) {
		if (ppp_vj_uncompressed(&ub->vj, p, len) >= 0)
			deliver_ip(u, p, len);
		return;
	}
	if (len > PPP_MRU_MAX) {
		ppp_vj_rx_error(&ub->vj);
		return;
	}
	/* The rebuilt header needs room in front of the compressed one. */
	memcpy(buf + PPP_VJ_HDR_MAX, p, len);
	n = ppp_vj_decompress(&ub->vj, buf, PPP_VJ_HDR_MAX, len, &start);
	if (n > 0)
		deliver_ip(u, buf + start, (size_t)n);
}

/* A packet (header removed), decompressed or not: to TUN or up to the link. */
static void data_received(struct ulink *u, uint16_t proto, uint8_t *p, size_t len)
{
	struct ubundle *ub = u->dp->priv;

	if (proto == PPP_PROTO_VJC || proto == PPP_PROTO_VJUC) {
		vj_received(u, proto, p, len);
		return;
	}
	if ((proto == PPP_PROTO_IP && ub->np_ip) || (proto == PPP_PROTO_IPV6 && ub->np_ipv6)) {
		deliver_ip(u, p, len);
		return;
	}
	nl_link_dp_frame(u->l, proto, p, len);
}

static void decompress(struct ulink *u, uint8_t *p, size_t len)
{
	struct ubundle *ub = u->dp->priv;
	uint8_t out[PPP_MRU_MAX + 2];
	uint16_t proto;
	int n = nl_ucomp_decompress(&ub->crx, p, len, out, sizeof(out), &ub->cst);

	if (n < 0) {
		/* What was lost may have been VJ: its deltas cannot be trusted. */
		if (ub->vj.rx_slots)
			ppp_vj_rx_error(&ub->vj);
		nl_bundle_dp_ccp_error(u->l->bundle);
		return;
	}
	if (n == 0)
		return;
	/* The protocol field, one byte if the compressor dropped its 0x00. */
	if (out[0] & 1) {
		proto = out[0];
		data_received(u, proto, out + 1, (size_t)n - 1);
		return;
	}
	if (n < 3 || !(out[1] & 1)) {
		ub->cst.comp_rx_errors++;
		return;
	}
	proto = (uint16_t)(out[0] << 8 | out[1]);
	data_received(u, proto, out + 2, (size_t)n - 2);
}

/* A frame that came as it is joins the decompressor's history. */
static void incomp(struct ulink *u, uint16_t proto, uint8_t *frame, size_t hl, size_t len)
{
	struct ubundle *ub = u->dp->priv;
	uint8_t save[2], *p;
	int r;

	if (hl < 2) {	/* a one-byte protocol field and no room in front */
		uint8_t tmp[PPP_MRU_MAX + 2];

		if (len - hl > PPP_MRU_MAX)
			return;
		ppp_put_be16(tmp, proto);
		memcpy(tmp + 2, frame + hl, len - hl);
		r = nl_ucomp_incomp(&ub->crx, tmp, len - hl + 2, &ub->cst);
	} else {
		p = frame + hl - 2;
		memcpy(save, p, 2);
		ppp_put_be16(p, proto);
		r = nl_ucomp_incomp(&ub->crx, p, len - hl + 2, &ub->cst);
		memcpy(p, save, 2);
	}
	if (r < 0)
		nl_bundle_dp_ccp_error(u->l->bundle);
}

/*
 * RFC 1144 4.3: after a damaged frame (bad FCS, abort, overrun, a header
 * that does not parse) VJ tosses compressed packets until one names its
 * connection, since the lost one may have moved the deltas' base.
 */
static void note_damage(struct ulink *u, struct ubundle *ub)
{
	const struct ppp_hdlc_rx_stats *h = packet_framing(u) ? &u->srx.stats : &u->hrx.stats;
	uint64_t d = h->fcs_errors + h->aborts + h->oversize + h->runts + u->st.rx_frame_errors;

	if (d != u->rx_damaged && ub->vj.rx_slots)
		ppp_vj_rx_error(&ub->vj);
	u->rx_damaged = d;
}

/* One deframed frame from the transport. */
static void frame_received(void *ctx, uint8_t *frame, size_t len)
{
	struct ulink *u = ctx;
	struct ubundle *ub = u->dp->priv;
	uint16_t proto;
	int hl = ppp_hdr_parse(frame, len, &proto);

	if (u->hup)
		return;
	u->st.rx_frames++;
	u->st.rx_frame_bytes += len;
	if (hl < 0) {
		u->st.rx_frame_errors++;
		return;
	}
	note_damage(u, ub);
	if (proto == PPP_PROTO_COMP && ub->crx.method) {
		/* Tests: lose compressed frames on purpose (resynchronisation). */
		if (ub->drop_every && ++ub->drop_count % ub->drop_every == 0)
			return;
		decompress(u, frame + hl, len - hl);
		return;
	}
	/* MPPE required: no data in the clear, VJ's included. */
	if ((proto == PPP_PROTO_IP || proto == PPP_PROTO_IPV6 || proto == PPP_PROTO_VJC ||
	     proto == PPP_PROTO_VJUC) && ub->crx.required) {
		ub->cst.comp_required_drops++;
		return;
	}
	/* Deflate and BSD-Compress keep what came as it is in their history:
	 * the protocol field in full in front of the payload. */
	if (nl_ucomp_keeps_history(&ub->crx) && proto < 0x8000)
		incomp(u, proto, frame, (size_t)hl, len);
	data_received(u, proto, frame + hl, len - hl);
}

static void hangup(struct ulink *u)
{
	u->hup = true;
	nl_io_del(u->dp->loop, &u->rio);
	nl_io_del(u->dp->loop, &u->wio);
	drain_stop(u);
	u->olen = u->ooff = 0;
	nl_link_dp_down(u->l);
}

static void rio_fn(void *ctx, uint32_t events)
{
	struct ulink *u = ctx;
	uint8_t buf[RX_CHUNK];
	int i;

	if (events & EPOLLOUT)
		flush_output(u);
	if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
		return;
	/* Bounded per turn, so one fast peer cannot starve timers and others. */
	for (i = 0; i < RX_READS && !u->hup; i++) {
		ssize_t n = read(u->rfd, buf, sizeof(buf));

		if (n > 0) {
			/* A packet transport (PPPoE) hands over one frame a read. */
			if (u->lp.framing == NL_FRAMING_NONE)
				frame_received(u, buf, n);
			else if (packet_framing(u))
				ppp_sync_decode(&u->srx, buf, n, frame_received, u);
			else
				ppp_hdlc_decode(&u->hrx, buf, n, frame_received, u);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		/* EOF, or EIO from a pty whose other side closed. */
		hangup(u);
		return;
	}
}

/*
 * Through the compressor: 1 queued as 0x00fd, 0 to send as it is, -1
 * dropped. @pkt has PPP_HDR_MAX bytes of room in front.
 */
static int send_compressed(struct ubundle *ub, struct ulink *u, uint8_t *pkt, size_t n,
			   uint16_t proto)
{
	uint8_t out[PPP_HDR_MAX + PPP_MRU_MAX + 2 + NL_UCOMP_OVERHEAD];
	size_t cn, hl;

	if (!ub->ctx.method) {
		ub->cst.comp_required_drops++;
		return -1;
	}
	pkt[-2] = proto >> 8;
	pkt[-1] = proto & 0xff;
	cn = nl_ucomp_compress(&ub->ctx, pkt - 2, n + 2, out + PPP_HDR_MAX, u->lp.peer_mru,
			       &ub->cst);
	if (!cn)
		return 0;
	if (cn > u->lp.peer_mru) {
		ub->tx_dropped++;
		return -1;
	}
	hl = ppp_hdr_build(out, PPP_PROTO_COMP, u->lp.tx_acfc, u->lp.tx_pfc);
	if (hl < PPP_HDR_MAX)
		memmove(out + PPP_HDR_MAX - hl, out, hl);
	queue_frame(u, out + PPP_HDR_MAX - hl, hl + cn);
	return 1;
}

static void tun_readable(void *ctx, uint32_t events)
{
	struct nl_dataplane *dp = ctx;
	struct ubundle *ub = dp->priv;
	struct ulink *u = ub->link;
	uint8_t buf[PPP_HDR_MAX + PPP_MRU_MAX], hdr[PPP_HDR_MAX];
	int i;

	for (i = 0; i < TUN_BATCH; i++) {
		uint8_t *pkt = buf + PPP_HDR_MAX;
		ssize_t n = read(dp->fd, pkt, sizeof(buf) - PPP_HDR_MAX);
		size_t hl, ip_len = n > 0 ? (size_t)n : 0, start;
		uint16_t proto;

		if (n <= 0)
			break;
		if ((pkt[0] >> 4) == 4 && ub->np_ip)
			proto = PPP_PROTO_IP;
		else if ((pkt[0] >> 4) == 6 && ub->np_ipv6)
			proto = PPP_PROTO_IPV6;
		else
			proto = 0;
		if (!proto || !u || (size_t)n > u->lp.peer_mru) {
			ub->tx_dropped++;
			continue;
		}
		/* NP mode, then VJ, then the compressor (and MPPE), then the link. */
		if (proto == PPP_PROTO_IP && ub->vj.tx_slots) {
			proto = ppp_vj_compress(&ub->vj, pkt, (size_t)n, &start);
			pkt += start;
			n -= (ssize_t)start;
		}
		if (ub->ctx.method || ub->ctx.required) {
			int r = send_compressed(ub, u, pkt, (size_t)n, proto);

			if (r < 0)
				continue;
			if (r > 0)
				goto sent;
		}
		hl = ppp_hdr_build(hdr, proto, u->lp.tx_acfc, u->lp.tx_pfc);
		memcpy(pkt - hl, hdr, hl);
		queue_frame(u, pkt - hl, hl + (size_t)n);
sent:
		ub->tx_packets++;
		ub->tx_bytes += ip_len;
		if (u->olen - u->ooff > OBUF_HIGH)
			break;
	}
	if (!u)
		return;
	flush_output(u);
	if (u->olen - u->ooff > OBUF_HIGH)
		set_paused(dp, true);
}

/* --- ops ----------------------------------------------------------------------- */

static int user_init(struct nl_dataplane *dp, const char *ifname, int unit)
{
	struct ubundle *ub;
	int err = user_create(dp, ifname, unit);

	if (err < 0)
		return err;
	ub = calloc(1, sizeof(*ub));
	if (!ub) {
		close(dp->fd);
		dp->fd = -1;
		return -ENOMEM;
	}
	ub->tun_io.fd = -1;
	/* A test hook: drop every Nth compressed frame received (1..10000). */
	{
		const char *e = secure_getenv("NLPPPD_TEST_DROP_COMP");
		unsigned long v = e ? strtoul(e, NULL, 10) : 0;

		ub->drop_every = v <= 10000 ? (unsigned int)v : 0;
		/* And every Nth VJ frame, as if its FCS were bad (the toss rule). */
		e = secure_getenv("NLPPPD_TEST_DROP_VJ");
		v = e ? strtoul(e, NULL, 10) : 0;
		ub->vj_drop_every = v <= 10000 ? (unsigned int)v : 0;
	}
	dp->priv = ub;
	if (dp->loop) {
		err = nl_io_add(dp->loop, &ub->tun_io, dp->fd, EPOLLIN, tun_readable, dp);
		if (err < 0) {
			free(ub);
			dp->priv = NULL;
			close(dp->fd);
			dp->fd = -1;
			return err;
		}
	}
	return 0;
}

static void user_destroy(struct nl_dataplane *dp)
{
	struct ubundle *ub = dp->priv;

	if (ub) {
		if (dp->loop)
			nl_io_del(dp->loop, &ub->tun_io);
		nl_ucomp_free(&ub->ctx);
		nl_ucomp_free(&ub->crx);
		free(ub->vj_slots);
		free(ub);
		dp->priv = NULL;
	}
	if (dp->fd >= 0) {
		nl_dbg("tun %s: destroyed", dp->ifname);
		close(dp->fd);
	}
	dp->fd = -1;
	dp->ifname[0] = '\0';
	dp->ifindex = 0;
	unit_set(dp->unit, false);
	dp->unit = -1;
}

static void apply_params(struct ulink *u, const struct nl_link_params *lp)
{
	int i;

	u->lp = *lp;
	ppp_hdlc_tx_init(&u->htx, lp->tx_map[0], false);
	for (i = 0; i < 8; i++)
		u->htx.map[i] |= lp->tx_map[i];
	u->hrx.accm = lp->rx_accm;
}

static int user_link_attach(struct nl_dataplane *dp, struct nl_link *l)
{
	struct ubundle *ub = dp->priv;
	struct ulink *u = calloc(1, sizeof(*u));
	int err;

	if (!u)
		return -ENOMEM;
	/* The largest frame we accept: our MRU (never under 1500, RFC 1661
	 * 6.1), header, FCS. Larger ones are counted as oversize. */
	u->rxcap = (l->cfg->mru > PPP_MRU_DEFAULT ? l->cfg->mru : PPP_MRU_DEFAULT) +
		   PPP_HDR_MAX + 8;
	u->rxbuf = malloc(u->rxcap);
	if (!u->rxbuf) {
		free(u);
		return -ENOMEM;
	}
	u->l = l;
	u->dp = dp;
	u->rfd = l->tr.rfd;
	u->wfd = l->tr.wfd;
	u->rio.fd = u->wio.fd = u->dio.fd = u->depfd = -1;
	nl_timer_init(&u->drain_timer, drain_timer_fn, u);
	ppp_hdlc_rx_init(&u->hrx, u->rxbuf, u->rxcap, 0xffffffff, false);
	ppp_sync_rx_init(&u->srx, u->rxbuf, u->rxcap);
	apply_params(u, &l->lp);
	err = nl_io_add(dp->loop, &u->rio, u->rfd, EPOLLIN, rio_fn, u);
	if (err < 0) {
		free(u->rxbuf);
		free(u);
		return err;
	}
	/* Sync on a tty: watch for the reader taking each frame. The first
	 * edge (the tty is writable) comes at once and finds nothing to do. */
	if (l->lp.framing == NL_FRAMING_SYNC && isatty(u->wfd)) {
		struct epoll_event ev = { .events = EPOLLOUT | EPOLLET };
		int epfd = epoll_create1(EPOLL_CLOEXEC);

		err = epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, u->wfd, &ev) < 0 ? -errno :
		      nl_io_add(dp->loop, &u->dio, epfd, EPOLLIN, dio_fn, u);
		if (err < 0) {
			if (epfd >= 0)
				close(epfd);
			nl_warn("sync framing: cannot watch the tty's writes (%s); frames may merge",
				strerror(-err));
		} else {
			u->depfd = epfd;
		}
	}
	l->dp_priv = u;
	if (!ub->link)
		ub->link = u;
	return 0;
}

static void user_link_detach(struct nl_dataplane *dp, struct nl_link *l)
{
	struct ubundle *ub = dp->priv;
	struct ulink *u = l->dp_priv;

	if (!u)
		return;
	/* Let the last Terminate-Ack reach the wire before we hang up (all
	 * that is queued, at once: there is no waiting for the reader now). */
	drain_stop(u);
	if (!u->hup && u->olen > u->ooff)
		flush_output(u);
	nl_io_del(dp->loop, &u->rio);
	nl_io_del(dp->loop, &u->wio);
	if (ub && ub->link == u)
		ub->link = NULL;
	free(u->rxbuf);
	free(u->obuf);
	free(u);
	l->dp_priv = NULL;
}

static int user_send(struct nl_dataplane *dp, struct nl_link *l, uint16_t proto,
		     const uint8_t *p, size_t len)
{
	struct ulink *u = l->dp_priv;
	uint8_t frame[PPP_HDR_MAX + PPP_MRU_DEFAULT + 64];
	size_t hl;

	if (!u)
		return -ENOTCONN;
	if (len > sizeof(frame) - PPP_HDR_MAX) {
		u->st.tx_dropped++;
		return -EMSGSIZE;
	}
	/* RFC 1661 6.6: LCP goes out with full headers whatever was agreed. */
	hl = ppp_hdr_build(frame, proto, u->lp.tx_acfc && proto != PPP_PROTO_LCP,
			   u->lp.tx_pfc);
	memcpy(frame + hl, p, len);
	queue_frame(u, frame, hl + len);
	flush_output(u);
	return 0;
}

static int user_set_link(struct nl_dataplane *dp, struct nl_link *l,
			 const struct nl_link_params *lp)
{
	struct ulink *u = l->dp_priv;

	if (u)
		apply_params(u, lp);
	return 0;
}

static int user_set_np(struct nl_dataplane *dp, uint16_t proto, bool pass)
{
	struct ubundle *ub = dp->priv;

	if (proto == PPP_PROTO_IP)
		ub->np_ip = pass;
	else if (proto == PPP_PROTO_IPV6)
		ub->np_ipv6 = pass;
	else
		return -EPROTONOSUPPORT;
	return 0;
}

static int user_set_ccp(struct nl_dataplane *dp, bool tx, const struct nl_ccp_dir *c)
{
	struct ubundle *ub = dp->priv;

	return nl_ucomp_set(tx ? &ub->ctx : &ub->crx, tx, c);
}

static int user_ccp_reset(struct nl_dataplane *dp, bool tx)
{
	struct ubundle *ub = dp->priv;

	nl_ucomp_reset(tx ? &ub->ctx : &ub->crx, &ub->cst);
	return 0;
}

/*
 * New slots each way (RFC 1144: a new IPCP negotiation starts empty); 0
 * slots turn that direction off. The counters carry on across.
 */
static int user_set_vj(struct nl_dataplane *dp, const struct nl_vj_params *p)
{
	struct ubundle *ub = dp->priv;
	struct ppp_vj_slot *slots = NULL;
	const struct ppp_vj_stats *o = &ub->vj.stats;
	struct ppp_vj_stats *b = &ub->vj_base;

	if (p->tx_slots > PPP_VJ_SLOTS_MAX || p->rx_slots > PPP_VJ_SLOTS_MAX)
		return -EINVAL;
	if (p->tx_slots + p->rx_slots) {
		slots = calloc(p->tx_slots + p->rx_slots, sizeof(*slots));
		if (!slots)
			return -ENOMEM;
	}
	b->compressed += o->compressed;
	b->uncompressed += o->uncompressed;
	b->rx_compressed += o->rx_compressed;
	b->rx_uncompressed += o->rx_uncompressed;
	b->rx_errors += o->rx_errors;
	b->rx_tossed += o->rx_tossed;
	free(ub->vj_slots);
	ub->vj_slots = slots;
	if (slots)
		ppp_vj_init(&ub->vj, slots, p->tx_slots, p->tx_cid_comp,
			    slots + p->tx_slots, p->rx_slots);
	else
		memset(&ub->vj, 0, sizeof(ub->vj));
	return 0;
}

/* The VJ counters, this session's and the earlier ones'. */
static void add_vj_stats(struct nl_dp_stats *to, const struct ubundle *ub)
{
	const struct ppp_vj_stats *o = &ub->vj.stats, *b = &ub->vj_base;

	to->vj_tx_compressed = b->compressed + o->compressed;
	to->vj_tx_uncompressed = b->uncompressed + o->uncompressed;
	to->vj_rx_compressed = b->rx_compressed + o->rx_compressed;
	to->vj_rx_uncompressed = b->rx_uncompressed + o->rx_uncompressed;
	to->vj_rx_errors = b->rx_errors + o->rx_errors;
	to->vj_rx_tossed = b->rx_tossed + o->rx_tossed;
}

/* The comp_* counters of @from into @to. */
static void add_comp_stats(struct nl_dp_stats *to, const struct nl_dp_stats *from)
{
	to->comp_tx_in = from->comp_tx_in;
	to->comp_tx_out = from->comp_tx_out;
	to->comp_tx_incompressible = from->comp_tx_incompressible;
	to->comp_rx_in = from->comp_rx_in;
	to->comp_rx_out = from->comp_rx_out;
	to->comp_tx_resets = from->comp_tx_resets;
	to->comp_rx_resets = from->comp_rx_resets;
	to->comp_rx_errors = from->comp_rx_errors;
	to->mppe_discards = from->mppe_discards;
	to->comp_required_drops = from->comp_required_drops;
}

static int user_stats(struct nl_dataplane *dp, struct nl_link *l, struct nl_dp_stats *st)
{
	struct ubundle *ub = dp->priv;
	struct ulink *u = l ? l->dp_priv : NULL;

	memset(st, 0, sizeof(*st));
	if (u) {
		const struct ppp_hdlc_rx_stats *h =
			packet_framing(u) ? &u->srx.stats : &u->hrx.stats;

		*st = u->st;
		st->rx_fcs_errors = h->fcs_errors;
		st->rx_frame_errors += h->runts;
		st->rx_aborts = h->aborts;
		st->rx_overruns = h->oversize;
		st->tx_queue_bytes = u->olen - u->ooff;
	}
	if (ub) {
		st->rx_packets = ub->rx_packets;
		st->rx_bytes = ub->rx_bytes;
		st->tx_packets = ub->tx_packets;
		st->tx_bytes = ub->tx_bytes;
		st->rx_dropped += ub->rx_dropped;
		st->tx_dropped += ub->tx_dropped;
		add_comp_stats(st, &ub->cst);
		add_vj_stats(st, ub);
		st->rx_dropped += ub->cst.comp_required_drops;
	}
	return 0;
}

const struct nl_dataplane_ops nl_dp_user_ops = {
	.name = "user",
	.ccp_methods = NL_UCOMP_METHODS,
	.create = user_init,
	.destroy = user_destroy,
	.link_attach = user_link_attach,
	.link_detach = user_link_detach,
	.send = user_send,
	.set_link = user_set_link,
	.set_np = user_set_np,
	.stats = user_stats,
	.set_ccp = user_set_ccp,
	.ccp_reset = user_ccp_reset,
	.set_vj = user_set_vj,
};
