// SPDX-License-Identifier: GPL-2.0
/*
 * PPPoE on one Ethernet interface: the two AF_PACKET sockets, the session
 * table and the bridge between the Ethernet and each session's link. See
 * iface.h. Every read loop is bounded per event-loop turn; a frame costs
 * one hash lookup whatever the number of sessions.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libppp/ppp.h"
#include "libppp/pppoe.h"

#include "dataplane/genl.h"
#include "log.h"
#include "pppoe/iface.h"
#include "transport/transport.h"

enum {
	RX_BATCH = 64,		/* frames read per socket per turn */
	LINK_BATCH = 16,	/* frames taken from one link per turn */
	FRAME_MAX = PPP_PPPOE_HDRLEN + 9000,	/* room for jumbo frames (RFC 4638) */
	SOCK_BUF = 256 * 1024,	/* a session's socketpair buffers: a burst, bounded */
	NL_PPPOE_RCVBUF = 4 << 20,	/* each interface socket's receive queue */
};

int nl_pppoe_parse_mac(const char *s, uint8_t mac[6])
{
	unsigned int b[6];
	char tail;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
		   &tail) != 6)
		return -EINVAL;
	for (int k = 0; k < 6; k++)
		mac[k] = (uint8_t)b[k];
	return 0;
}

static uint32_t hash(const uint8_t peer[6], uint16_t sid)
{
	uint32_t h = 2166136261u;
	int k;

	for (k = 0; k < 6; k++)
		h = (h ^ peer[k]) * 16777619u;
	h = (h ^ (sid >> 8)) * 16777619u;
	h = (h ^ (sid & 0xff)) * 16777619u;
	return h;
}

struct nl_pppoe_sess *nl_pppoe_sess_find(struct nl_pppoe_if *i, const uint8_t peer[6],
					 uint16_t sid)
{
	struct nl_pppoe_sess *s;

	for (s = i->table[hash(peer, sid) & i->mask]; s; s = s->hnext)
		if (s->sid == sid && !memcmp(s->peer, peer, 6))
			return s;
	return NULL;
}

static int packet_socket(const struct nl_pppoe_if *i, uint16_t proto)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = i->ifindex,
	};
	int fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(proto));
	int rcvbuf = NL_PPPOE_RCVBUF;

	if (fd < 0)
		return -errno;
	/*
	 * One socket serves every session on the interface: the default queue
	 * (about 200 KB) overflows when hundreds of subscribers send at once,
	 * e.g. their PADTs as a BRAS upstream reboots. Root may exceed rmem_max.
	 */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* ifindex, MAC and MTU of i->name; the interface must be Ethernet. */
static int query_iface(struct nl_pppoe_if *i)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err = 0;

	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", i->name);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) {
		err = -errno;
		goto out;
	}
	i->ifindex = ifr.ifr_ifindex;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
		err = -errno;
		goto out;
	}
	if (ifr.ifr_hwaddr.sa_family != 1 /* ARPHRD_ETHER */) {
		err = -EPFNOSUPPORT;
		goto out;
	}
	memcpy(i->mac, ifr.ifr_hwaddr.sa_data, 6);
	i->mtu = 1500;
	if (ioctl(fd, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0)
		i->mtu = (unsigned int)ifr.ifr_mtu;
out:
	close(fd);
	return err;
}

static ssize_t send_eth(struct nl_pppoe_if *i, int fd, uint16_t proto, const uint8_t dst[6],
			const uint8_t *pkt, size_t len)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = i->ifindex,
		.sll_halen = 6,
	};
	ssize_t n;

	memcpy(sll.sll_addr, dst, 6);
	n = sendto(fd, pkt, len, MSG_DONTWAIT, (struct sockaddr *)&sll, sizeof(sll));
	if (n < 0)
		i->stats.tx_errors++;
	return n;
}

int nl_pppoe_if_send_disc(struct nl_pppoe_if *i, const uint8_t dst[6], const uint8_t *pkt,
			  size_t len)
{
	if (send_eth(i, i->disc_fd, PPP_ETH_P_DISC, dst, pkt, len) < 0)
		return -errno;
	i->stats.tx_disc++;
	return 0;
}

/* Read up to RX_BATCH frames from @fd: their source and length; 0 when dry. */
static ssize_t recv_eth(int fd, uint8_t *buf, size_t cap, uint8_t src[6])
{
	struct sockaddr_ll sll;
	socklen_t sl = sizeof(sll);
	ssize_t n;

	for (;;) {
		n = recvfrom(fd, buf, cap, MSG_TRUNC, (struct sockaddr *)&sll, &sl);
		if (n < 0)
			return errno == EINTR ? 0 : -1;
		/* Our own frames (a tap on the way out) and frames to other hosts. */
		if (sll.sll_pkttype == PACKET_OUTGOING || sll.sll_pkttype == PACKET_OTHERHOST ||
		    sll.sll_halen != 6)
			continue;
		memcpy(src, sll.sll_addr, 6);
		return n;
	}
}

static void disc_readable(void *ctx, uint32_t events)
{
	struct nl_pppoe_if *i = ctx;
	uint8_t buf[FRAME_MAX], src[6];
	int k;

	for (k = 0; k < RX_BATCH; k++) {
		ssize_t n = recv_eth(i->disc_fd, buf, sizeof(buf), src);


		if (n < 0)
			return;
		i->stats.rx_disc++;
		/* A truncated read is a frame bigger than any discovery packet. */
		i->ops->disc(i->ctx, i, src, buf, (size_t)n < sizeof(buf) ? (size_t)n : 0);
	}
}

void nl_pppoe_if_ses_input(struct nl_pppoe_if *i, const uint8_t src[6], const uint8_t *buf,
			   size_t n)
{
	struct nl_pppoe_sess *s;
	size_t plen;

	i->stats.rx_ses++;
	if (n < PPP_PPPOE_HDRLEN || n > FRAME_MAX || buf[0] != PPP_PPPOE_VERTYPE ||
	    buf[1] != PPP_PPPOE_SESSION) {
		i->stats.rx_ses_bad++;
		return;
	}
	/* Ethernet pads short frames: the header's length says what counts. */
	plen = ppp_get_be16(buf + 4);
	if (!plen || plen > n - PPP_PPPOE_HDRLEN) {
		i->stats.rx_ses_bad++;
		return;
	}
	s = nl_pppoe_sess_find(i, src, ppp_get_be16(buf + 2));
	if (!s) {
		i->stats.rx_ses_unknown++;
		return;
	}
	if (send(s->fd, buf + PPP_PPPOE_HDRLEN, plen, MSG_DONTWAIT) < 0)
		i->stats.rx_ses_full++;
}

/* Ethernet to link: check the PPPoE header, find the session, hand the PPP frame on. */
static void ses_readable(void *ctx, uint32_t events)
{
	struct nl_pppoe_if *i = ctx;
	uint8_t buf[FRAME_MAX + 1], src[6];
	int k;

	for (k = 0; k < RX_BATCH; k++) {
		ssize_t n = recv_eth(i->ses_fd, buf, sizeof(buf), src);

		if (n < 0)
			return;
		nl_pppoe_if_ses_input(i, src, buf, (size_t)n);
	}
}

/* Link to Ethernet: each frame the link wrote gets a PPPoE header. */
static void sess_readable(void *ctx, uint32_t events)
{
	struct nl_pppoe_sess *s = ctx;
	struct nl_pppoe_if *i = s->iface;
	uint8_t buf[FRAME_MAX];
	int k;

	for (k = 0; k < LINK_BATCH; k++) {
		uint8_t *p = buf + PPP_PPPOE_HDRLEN;
		ssize_t n = recv(s->fd, p, sizeof(buf) - PPP_PPPOE_HDRLEN, MSG_DONTWAIT);

		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			/* The link closed its end: the session is over. */
			i->ops->closed(i->ctx, s);
			return;
		}
		if (n < 0)
			return;
		/* RFC 2516 7: no Address and Control fields. */
		if (n >= 2 && p[0] == 0xff && p[1] == 0x03) {
			p += 2;
			n -= 2;
		}
		if (n <= 0 || (size_t)n + PPP_PPPOE_HDRLEN > i->mtu) {
			i->stats.tx_too_big++;
			continue;
		}
		p -= PPP_PPPOE_HDRLEN;
		p[0] = PPP_PPPOE_VERTYPE;
		p[1] = PPP_PPPOE_SESSION;
		ppp_put_be16(p + 2, s->sid);
		ppp_put_be16(p + 4, (uint16_t)n);
		if (send_eth(i, i->ses_fd, PPP_ETH_P_SES, s->peer, p, n + PPP_PPPOE_HDRLEN) >= 0)
			i->stats.tx_ses++;
	}
}

uint16_t nl_pppoe_if_free_sid(struct nl_pppoe_if *i)
{
	uint16_t r;
	unsigned int k;

	if (getrandom(&r, sizeof(r), 0) != sizeof(r))
		r = (uint16_t)rand();
	/* From a random start, the next free one: O(1) while the space is sparse. */
	for (k = 0; k < 0xfffe; k++) {
		uint16_t sid = (uint16_t)(1 + (r + k) % 0xfffe);

		if (!(i->sid_used[sid / 64] & (1ull << (sid % 64))))
			return sid;
	}
	return 0;
}

/* --- the kernel plane's tie between a session and its link ------------------- */

static void tie_free(struct nl_pppoe_tie *t)
{
	nl_timer_cancel(t->loop, &t->timer);
	free(t);
}

/* One side let go on an earlier turn: tell the other. Touches nothing after. */
static void tie_fire(void *ctx)
{
	struct nl_pppoe_tie *t = ctx;
	struct nl_pppoe_sess *s = t->sess;

	if (s && !t->held)
		s->iface->ops->closed(s->iface->ctx, s);	/* frees s, then t */
	else if (!s && t->held && t->gone)
		t->gone(t->ctx);	/* the link goes down: its transport lets go of t */
}

void nl_pppoe_tie_watch(struct nl_pppoe_tie *t, void (*gone)(void *ctx), void *ctx)
{
	t->gone = gone;
	t->ctx = ctx;
	if (gone && !t->sess)
		nl_timer_arm(t->loop, &t->timer, 0);
}

uint32_t nl_pppoe_tie_take_link(struct nl_pppoe_tie *t)
{
	uint32_t id = t->early_link;

	t->early_link = 0;
	return id;
}

void nl_pppoe_tie_release(struct nl_pppoe_tie *t)
{
	/* No link took the early kernel link over: it goes. */
	if (t->early_link)
		nl_kdp_pppoe_early_drop(t->genl, t->early_link);
	t->early_link = 0;
	t->held = false;
	t->gone = NULL;
	if (!t->sess)
		tie_free(t);
	else
		nl_timer_arm(t->loop, &t->timer, 0);
}

/* The session ends: its link, if it still holds the tie, is told. */
static void tie_sess_gone(struct nl_pppoe_tie *t)
{
	t->sess = NULL;
	if (!t->held)
		tie_free(t);
	else
		nl_timer_arm(t->loop, &t->timer, 0);
}

/* The session's end for its link: a socketpair (user plane) or a tie. */
static int sess_link_end(struct nl_pppoe_sess *s, struct nl_transport *tr)
{
	struct nl_pppoe_if *i = s->iface;
	int sv[2], bufsz = SOCK_BUF, err;

	if (i->kernel) {
		s->tie = calloc(1, sizeof(*s->tie));
		if (!s->tie)
			return -ENOMEM;
		s->tie->loop = i->loop;
		s->tie->sess = s;
		s->tie->held = true;
		nl_timer_init(&s->tie->timer, tie_fire, s->tie);
		s->tie->genl = i->genl;
		err = i->genl ? nl_kdp_pppoe_early(i->genl, i->ifindex, s->peer, s->sid,
						   &s->tie->early_link) : 0;
		if (err < 0) {
			/* The link makes it as it attaches, as without @genl. */
			nl_dbg("pppoe %s: session %u: early kernel link: %s", i->name, s->sid,
			       strerror(-err));
			s->tie->early_link = 0;
		}
		tr->rfd = tr->wfd = -1;
		tr->pppoe_tie = s->tie;
		return 0;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) < 0)
		return -errno;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &bufsz, sizeof(bufsz));
	setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &bufsz, sizeof(bufsz));
	err = nl_io_add(i->loop, &s->io, sv[0], EPOLLIN, sess_readable, s);
	if (err < 0) {
		close(sv[0]);
		close(sv[1]);
		return err;
	}
	s->fd = sv[0];
	tr->rfd = tr->wfd = sv[1];
	return 0;
}

int nl_pppoe_sess_new(struct nl_pppoe_sess **sp, struct nl_pppoe_if *i, const uint8_t peer[6],
		      uint16_t sid, uint16_t max_payload, void *owner, struct nl_transport *tr)
{
	struct nl_pppoe_sess *s;
	uint32_t h = hash(peer, sid) & i->mask;
	int err;

	*sp = NULL;
	if (!sid || sid == 0xffff)
		return -EINVAL;
	if (nl_pppoe_sess_find(i, peer, sid))
		return -EEXIST;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->iface = i;
	memcpy(s->peer, peer, 6);
	s->sid = sid;
	s->fd = -1;
	s->owner = owner;
	memset(tr, 0, sizeof(*tr));
	err = sess_link_end(s, tr);
	if (err < 0) {
		free(s);
		return err;
	}
	s->hnext = i->table[h];
	i->table[h] = s;
	i->sid_used[sid / 64] |= 1ull << (sid % 64);
	i->nsess++;

	tr->kind = NL_TRANSPORT_PPPOE;
	tr->packet = true;
	/* RFC 2516 7: Ethernet's 1500 less the PPPoE header and the PPP protocol field. */
	tr->mtu = max_payload > 1492 ? max_payload : 1492;
	tr->pppoe_ifindex = i->ifindex;
	memcpy(tr->pppoe_peer, peer, 6);
	tr->pppoe_sid = sid;
	snprintf(tr->devname, sizeof(tr->devname), "%s", i->name);
	snprintf(tr->peer, sizeof(tr->peer), "%02x:%02x:%02x:%02x:%02x:%02x session %u", peer[0],
		 peer[1], peer[2], peer[3], peer[4], peer[5], sid);
	*sp = s;
	return 0;
}

void nl_pppoe_sess_free(struct nl_pppoe_sess *s)
{
	struct nl_pppoe_if *i;
	struct nl_pppoe_sess **pp;

	if (!s)
		return;
	i = s->iface;
	for (pp = &i->table[hash(s->peer, s->sid) & i->mask]; *pp; pp = &(*pp)->hnext)
		if (*pp == s) {
			*pp = s->hnext;
			break;
		}
	i->sid_used[s->sid / 64] &= ~(1ull << (s->sid % 64));
	i->nsess--;
	if (s->fd >= 0) {
		nl_io_del(i->loop, &s->io);
		close(s->fd);
	}
	if (s->tie)
		tie_sess_gone(s->tie);
	free(s);
}

int nl_pppoe_if_new(struct nl_pppoe_if **ip, struct nl_loop *loop, const char *name,
		    unsigned int buckets, const struct nl_pppoe_if_ops *ops, void *ctx)
{
	struct nl_pppoe_if *i;
	uint32_t n = 16;

	*ip = NULL;
	if (!*name || strlen(name) >= IF_NAMESIZE) {
		nl_err("pppoe: '%s' is not an interface name", name);
		return -EINVAL;
	}
	i = calloc(1, sizeof(*i));
	if (!i)
		return -ENOMEM;
	while (n < buckets && n < (1u << 20))
		n <<= 1;
	i->table = calloc(n, sizeof(*i->table));
	if (!i->table) {
		free(i);
		return -ENOMEM;
	}
	i->mask = n - 1;
	snprintf(i->name, sizeof(i->name), "%s", name);
	i->loop = loop;
	i->ops = ops;
	i->ctx = ctx;
	i->disc_fd = i->ses_fd = -1;
	i->disc_io.fd = i->ses_io.fd = -1;
	i->mtu = 1500;
	*ip = i;
	return 0;
}

int nl_pppoe_if_open(struct nl_pppoe_if **ip, struct nl_loop *loop, const char *name,
		     unsigned int buckets, const struct nl_pppoe_if_ops *ops, void *ctx)
{
	struct nl_pppoe_if *i;
	int err = nl_pppoe_if_new(&i, loop, name, buckets, ops, ctx);

	*ip = NULL;
	if (err < 0)
		return err;
	err = query_iface(i);
	if (err < 0) {
		nl_err("pppoe: interface %s: %s", name, err == -EPFNOSUPPORT ?
		       "not an Ethernet interface" : strerror(-err));
		goto err;
	}
	i->disc_fd = packet_socket(i, PPP_ETH_P_DISC);
	i->ses_fd = i->disc_fd < 0 ? i->disc_fd : packet_socket(i, PPP_ETH_P_SES);
	if (i->ses_fd < 0) {
		err = i->ses_fd;
		nl_err("pppoe: interface %s: packet socket: %s (needs CAP_NET_RAW)", name,
		       strerror(-err));
		goto err;
	}
	err = nl_io_add(loop, &i->disc_io, i->disc_fd, EPOLLIN, disc_readable, i);
	if (err < 0)
		goto err;
	err = nl_io_add(loop, &i->ses_io, i->ses_fd, EPOLLIN, ses_readable, i);
	if (err < 0)
		goto err;
	*ip = i;
	return 0;

err:
	nl_pppoe_if_close(i);
	return err;
}

void nl_pppoe_if_kernel_sessions(struct nl_pppoe_if *i, struct nl_genl *g)
{
	i->kernel = true;
	i->genl = g;
	if (i->ses_io.fd >= 0)
		nl_io_del(i->loop, &i->ses_io);
	i->ses_io.fd = -1;
	if (i->ses_fd >= 0)
		close(i->ses_fd);
	i->ses_fd = -1;
}

void nl_pppoe_if_close(struct nl_pppoe_if *i)
{
	uint32_t b;

	if (!i)
		return;
	for (b = 0; b <= i->mask; b++)
		while (i->table[b])
			nl_pppoe_sess_free(i->table[b]);
	if (i->disc_io.fd >= 0)
		nl_io_del(i->loop, &i->disc_io);
	if (i->ses_io.fd >= 0)
		nl_io_del(i->loop, &i->ses_io);
	if (i->disc_fd >= 0)
		close(i->disc_fd);
	if (i->ses_fd >= 0)
		close(i->ses_fd);
	free(i->table);
	free(i);
}
