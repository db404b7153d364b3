// SPDX-License-Identifier: GPL-2.0
/*
 * PPP over Ethernet (RFC 2516) for the load generator: every session is a
 * PPPoE host of its own, with its own MAC address, so that a concentrator
 * sees N distinct subscribers on one interface. Two raw AF_PACKET sockets
 * (discovery and session) serve every session of the run; the interface is
 * put in promiscuous mode so that frames to the made-up MACs arrive. A
 * session's MAC is 02:4c:47 followed by its index, so a received frame
 * finds its session by its destination address with no search.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libppp/pppoe.h"

#include "pppoe.h"

enum {
	MAC_PREFIX0 = 0x02, MAC_PREFIX1 = 0x4c, MAC_PREFIX2 = 0x47,
	MAX_SESSIONS = 1 << 24,		/* three bytes of the MAC */
	DISC_RETRY_MS = 2000,
	DISC_TRIES = 5,
	RX_BURST = 64,
	FRAME_MAX = ETH_HLEN + PPP_PPPOE_HDRLEN + PPP_PPPOE_PAYLOAD_MAX,
	COOKIE_MAX = 64,
	RELAY_MAX = 64,
};

enum pstate { P_PADI, P_PADR, P_SESSION, P_DEAD };

struct pppoe_link {
	enum pstate st;
	uint8_t mac[ETH_ALEN], ac[ETH_ALEN];
	uint16_t sid;
	unsigned int tries;
	uint8_t cookie[COOKIE_MAX], relay[RELAY_MAX];
	uint16_t cookie_len, relay_len;
	bool has_cookie, has_relay;
	struct nl_timer timer;
};

/* What the run's sessions share: the sockets and the index to session map. */
static struct {
	int disc_fd, ses_fd, ifindex;
	struct nl_io disc_io, ses_io;
	struct lg_session **by_idx;
	unsigned int nidx;
	int state;		/* 0 not tried, 1 open, -errno failed */
} P = { .disc_fd = -1, .ses_fd = -1, .disc_io.fd = -1, .ses_io.fd = -1 };

static struct pppoe_link *link_of(struct lg_session *s)
{
	return s->tr_priv;
}

static int raw_socket(uint16_t proto)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = P.ifindex,
	};
	struct packet_mreq mr = { .mr_ifindex = P.ifindex, .mr_type = PACKET_MR_PROMISC };
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(proto));
	int big = 4 << 20;

	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static struct lg_session *session_for(const uint8_t *dst)
{
	unsigned int idx;

	if (dst[0] != MAC_PREFIX0 || dst[1] != MAC_PREFIX1 || dst[2] != MAC_PREFIX2)
		return NULL;
	idx = (unsigned int)dst[3] << 16 | (unsigned int)dst[4] << 8 | dst[5];
	return idx < P.nidx ? P.by_idx[idx] : NULL;
}

static void put_eth(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(f, dst, ETH_ALEN);
	memcpy(f + ETH_ALEN, src, ETH_ALEN);
	f[12] = type >> 8;
	f[13] = type & 0xff;
}

static void send_disc(struct lg_session *s, uint8_t code)
{
	static const uint8_t bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct pppoe_link *l = link_of(s);
	struct ppp_pppoe_writer w;
	uint8_t f[FRAME_MAX];
	uint32_t uniq = htonl(s->idx);
	size_t n;

	ppp_pppoe_begin(&w, f + ETH_HLEN, sizeof(f) - ETH_HLEN, code,
			code == PPP_PADT ? l->sid : 0);
	if (code != PPP_PADT) {
		ppp_pppoe_put_tag(&w, PPP_TAG_SERVICE_NAME, NULL, 0);
		ppp_pppoe_put_tag(&w, PPP_TAG_HOST_UNIQ, &uniq, sizeof(uniq));
	}
	if (code == PPP_PADR && l->has_cookie)
		ppp_pppoe_put_tag(&w, PPP_TAG_AC_COOKIE, l->cookie, l->cookie_len);
	if (code == PPP_PADR && l->has_relay)
		ppp_pppoe_put_tag(&w, PPP_TAG_RELAY_ID, l->relay, l->relay_len);
	n = ppp_pppoe_end(&w);
	if (!n)
		return;
	put_eth(f, code == PPP_PADI ? bcast : l->ac, l->mac, PPP_ETH_P_DISC);
	if (send(P.disc_fd, f, ETH_HLEN + n, MSG_DONTWAIT) < 0 && !s->ctx->quiet)
		perror("loadgen: pppoe discovery send");
}

static void disc_timeout(void *ctx)
{
	struct lg_session *s = ctx;
	struct pppoe_link *l = link_of(s);

	if (l->st != P_PADI && l->st != P_PADR)
		return;
	if (++l->tries >= DISC_TRIES) {
		l->st = P_DEAD;
		lg_session_lower_down(s, -ETIMEDOUT);
		return;
	}
	send_disc(s, l->st == P_PADI ? PPP_PADI : PPP_PADR);
	nl_timer_arm(s->ctx->loop, &l->timer, DISC_RETRY_MS << (l->tries < 3 ? l->tries : 3));
}

static void keep_tag(const struct ppp_pppoe_tag *t, uint8_t *buf, size_t cap,
		     uint16_t *len, bool *has)
{
	*has = t->present && t->len <= cap;
	*len = *has ? t->len : 0;
	if (*has && t->len)
		memcpy(buf, t->val, t->len);
}

static void disc_input(const uint8_t *f, size_t len)
{
	struct ppp_pppoe_disc d;
	struct lg_session *s;
	struct pppoe_link *l;

	if (len < ETH_HLEN || !(s = session_for(f)) || !(l = link_of(s)))
		return;
	if (ppp_pppoe_parse(f + ETH_HLEN, len - ETH_HLEN, &d) != PPP_PPPOE_OK)
		return;
	if (d.code == PPP_PADO && l->st == P_PADI) {
		if (d.service_error.present || d.ac_error.present || d.generic_error.present)
			return;
		memcpy(l->ac, f + ETH_ALEN, ETH_ALEN);
		keep_tag(&d.cookie, l->cookie, sizeof(l->cookie), &l->cookie_len, &l->has_cookie);
		keep_tag(&d.relay_id, l->relay, sizeof(l->relay), &l->relay_len, &l->has_relay);
		l->st = P_PADR;
		l->tries = 0;
		send_disc(s, PPP_PADR);
		nl_timer_arm(s->ctx->loop, &l->timer, DISC_RETRY_MS);
	} else if (d.code == PPP_PADS && l->st == P_PADR && !memcmp(l->ac, f + ETH_ALEN, ETH_ALEN)) {
		nl_timer_cancel(s->ctx->loop, &l->timer);
		if (!d.session || d.service_error.present || d.ac_error.present ||
		    d.generic_error.present) {
			l->st = P_DEAD;
			lg_session_lower_down(s, -ECONNREFUSED);
			return;
		}
		l->sid = d.session;
		l->st = P_SESSION;
		lg_session_lower_up(s);
	} else if (d.code == PPP_PADT && l->st == P_SESSION && d.session == l->sid &&
		   !memcmp(l->ac, f + ETH_ALEN, ETH_ALEN)) {
		l->st = P_DEAD;
		lg_session_lower_down(s, 0);
	}
}

static void ses_input(uint8_t *f, size_t len)
{
	struct lg_session *s;
	struct pppoe_link *l;
	size_t plen;

	if (len < ETH_HLEN + PPP_PPPOE_HDRLEN || !(s = session_for(f)) || !(l = link_of(s)))
		return;
	if (l->st != P_SESSION || memcmp(l->ac, f + ETH_ALEN, ETH_ALEN))
		return;
	f += ETH_HLEN;
	plen = (size_t)f[4] << 8 | f[5];
	if (f[0] != PPP_PPPOE_VERTYPE || f[1] != PPP_PPPOE_SESSION ||
	    ((uint16_t)f[2] << 8 | f[3]) != l->sid || plen > len - ETH_HLEN - PPP_PPPOE_HDRLEN)
		return;
	lg_session_frame(s, f + PPP_PPPOE_HDRLEN, plen);
}

static void sock_event(void *ctx, uint32_t events)
{
	static uint8_t f[FRAME_MAX + 64];
	bool disc = ctx == &P.disc_io;
	int fd = disc ? P.disc_fd : P.ses_fd;
	int i;

	(void)events;
	for (i = 0; i < RX_BURST; i++) {
		ssize_t n = recv(fd, f, sizeof(f), MSG_DONTWAIT);

		if (n < 0)
			return;
		if (disc)
			disc_input(f, n);
		else
			ses_input(f, n);
	}
}

static int shared_try(const struct lg_ctx *c)
{
	P.ifindex = if_nametoindex(c->pppoe_if);
	if (!P.ifindex)
		return -errno;
	P.disc_fd = raw_socket(PPP_ETH_P_DISC);
	if (P.disc_fd < 0)
		return P.disc_fd;
	P.ses_fd = raw_socket(PPP_ETH_P_SES);
	if (P.ses_fd < 0)
		return P.ses_fd;
	if (nl_io_add(c->loop, &P.disc_io, P.disc_fd, EPOLLIN, sock_event, &P.disc_io) < 0 ||
	    nl_io_add(c->loop, &P.ses_io, P.ses_fd, EPOLLIN, sock_event, &P.ses_io) < 0)
		return -errno;
	return 1;
}

/* The sockets, at the first session; a failure fails every session alike. */
static int shared_open(const struct lg_ctx *c)
{
	if (!P.state) {
		P.state = shared_try(c);
		if (P.state < 0 && !c->quiet)
			fprintf(stderr, "loadgen: pppoe on %s: %s\n", c->pppoe_if,
				strerror(-P.state));
	}
	return P.state < 0 ? P.state : 0;
}

static int pppoe_open(struct lg_session *s)
{
	struct pppoe_link *l;
	int err;

	if (s->idx >= MAX_SESSIONS)
		return -ERANGE;
	err = shared_open(s->ctx);
	if (err < 0)
		return err;
	if (s->idx >= P.nidx) {
		unsigned int n = P.nidx ? P.nidx : 1024;
		struct lg_session **v;

		while (n <= s->idx)
			n *= 2;
		v = realloc(P.by_idx, n * sizeof(*v));
		if (!v)
			return -ENOMEM;
		memset(v + P.nidx, 0, (n - P.nidx) * sizeof(*v));
		P.by_idx = v;
		P.nidx = n;
	}
	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->mac[0] = MAC_PREFIX0;
	l->mac[1] = MAC_PREFIX1;
	l->mac[2] = MAC_PREFIX2;
	l->mac[3] = s->idx >> 16;
	l->mac[4] = s->idx >> 8;
	l->mac[5] = s->idx;
	nl_timer_init(&l->timer, disc_timeout, s);
	s->tr_priv = l;
	P.by_idx[s->idx] = s;
	send_disc(s, PPP_PADI);
	nl_timer_arm(s->ctx->loop, &l->timer, DISC_RETRY_MS);
	return 0;
}

static void pppoe_send(struct lg_session *s, const uint8_t *frame, size_t len)
{
	struct pppoe_link *l = link_of(s);
	uint8_t f[FRAME_MAX];

	if (!l || l->st != P_SESSION)
		return;
	/* RFC 2516 7: no address and control field in a session frame. */
	if (len >= 2 && frame[0] == 0xff && frame[1] == 0x03) {
		frame += 2;
		len -= 2;
	}
	if (len > PPP_PPPOE_PAYLOAD_MAX)
		return;
	put_eth(f, l->ac, l->mac, PPP_ETH_P_SES);
	f[ETH_HLEN] = PPP_PPPOE_VERTYPE;
	f[ETH_HLEN + 1] = PPP_PPPOE_SESSION;
	f[ETH_HLEN + 2] = l->sid >> 8;
	f[ETH_HLEN + 3] = l->sid & 0xff;
	f[ETH_HLEN + 4] = len >> 8;
	f[ETH_HLEN + 5] = len & 0xff;
	memcpy(f + ETH_HLEN + PPP_PPPOE_HDRLEN, frame, len);
	send(P.ses_fd, f, ETH_HLEN + PPP_PPPOE_HDRLEN + len, MSG_DONTWAIT);
}

static void pppoe_set_accm(struct lg_session *s, uint32_t tx, uint32_t rx)
{
	(void)s;
	(void)tx;
	(void)rx;	/* no octet stuffing on Ethernet */
}

static void pppoe_close(struct lg_session *s)
{
	struct pppoe_link *l = link_of(s);

	if (!l)
		return;
	if (l->st == P_SESSION)
		send_disc(s, PPP_PADT);
	nl_timer_cancel(s->ctx->loop, &l->timer);
	if (s->idx < P.nidx)
		P.by_idx[s->idx] = NULL;
	free(l);
	s->tr_priv = NULL;
}

void lg_pppoe_cleanup(struct nl_loop *loop)
{
	nl_io_del(loop, &P.disc_io);
	nl_io_del(loop, &P.ses_io);
	if (P.disc_fd >= 0)
		close(P.disc_fd);
	if (P.ses_fd >= 0)
		close(P.ses_fd);
	free(P.by_idx);
	memset(&P, 0, sizeof(P));
	P.disc_fd = P.ses_fd = P.disc_io.fd = P.ses_io.fd = -1;
}

const struct lg_transport_ops lg_pppoe_transport = {
	.open = pppoe_open,
	.send = pppoe_send,
	.set_accm = pppoe_set_accm,
	.close = pppoe_close,
	.packet = true,
};
