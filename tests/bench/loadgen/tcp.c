// SPDX-License-Identifier: GPL-2.0
/*
 * PPP over a TCP connection, framed exactly as on a serial line (RFC 1662
 * async HDLC), which is what pppd's "socket" option and nlpppd's listener
 * speak. The per-session state is allocated at connect and freed at close,
 * so an idle or finished session costs nothing here.
 */
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libppp/hdlc.h"
#include "libppp/ppp.h"

#include "tcp.h"

enum {
	/* Largest frame we take: default MRU, 4-byte header, FCS-32 room. */
	TCP_RX_FRAME = PPP_MRU_DEFAULT + PPP_HDR_MAX + 4,
	TCP_TX_FRAME = PPP_MRU_DEFAULT + PPP_HDR_MAX,
	TCP_READ_CHUNK = 16384,
	TCP_OBUF_MAX = 256 * 1024,	/* a server that reads nothing is dead to us */
};

struct tcp_link {
	struct nl_io io;	/* io.fd is -1 once removed from the loop */
	int fd;
	bool connected;
	bool dead;		/* lower_down reported: ignore everything */
	struct ppp_hdlc_tx htx;
	struct ppp_hdlc_rx hrx;
	uint8_t *obuf;		/* encoded bytes the socket did not take yet */
	size_t olen, ooff, ocap;
	uint8_t rxframe[TCP_RX_FRAME];
};

static struct tcp_link *link_of(struct lg_session *s)
{
	return s->tr_priv;
}

static void tcp_failed(struct lg_session *s, int err)
{
	struct tcp_link *l = link_of(s);

	if (l->dead)
		return;
	l->dead = true;
	nl_io_del(s->ctx->loop, &l->io);
	lg_session_lower_down(s, err);
}

static void tcp_update_events(struct lg_session *s)
{
	struct tcp_link *l = link_of(s);
	uint32_t ev = EPOLLIN | (l->olen > l->ooff ? EPOLLOUT : 0);

	if (!l->dead && nl_io_mod(s->ctx->loop, &l->io, ev) < 0)
		tcp_failed(s, -errno);
}

/* Write what is queued; 0, or -errno once the connection is unusable. */
static int tcp_flush(struct lg_session *s)
{
	struct tcp_link *l = link_of(s);

	while (l->ooff < l->olen) {
		ssize_t n = send(l->fd, l->obuf + l->ooff, l->olen - l->ooff,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			return -errno;
		}
		l->ooff += n;
	}
	if (l->ooff == l->olen) {
		/* Idle sessions keep no output buffer. */
		free(l->obuf);
		l->obuf = NULL;
		l->olen = l->ooff = l->ocap = 0;
	}
	return 0;
}

static int obuf_reserve(struct tcp_link *l, size_t need)
{
	size_t cap;
	uint8_t *b;

	if (l->ooff && l->ooff == l->olen)
		l->ooff = l->olen = 0;
	if (l->olen + need <= l->ocap)
		return 0;
	if (l->ooff) {
		memmove(l->obuf, l->obuf + l->ooff, l->olen - l->ooff);
		l->olen -= l->ooff;
		l->ooff = 0;
		if (l->olen + need <= l->ocap)
			return 0;
	}
	if (l->olen + need > TCP_OBUF_MAX)
		return -ENOBUFS;
	cap = l->ocap ? l->ocap : 4096;
	while (cap < l->olen + need)
		cap *= 2;
	b = realloc(l->obuf, cap);
	if (!b)
		return -ENOMEM;
	l->obuf = b;
	l->ocap = cap;
	return 0;
}

static void tcp_send(struct lg_session *s, const uint8_t *frame, size_t len)
{
	struct tcp_link *l = link_of(s);
	int err;

	if (!l || l->dead || !l->connected || len > TCP_TX_FRAME)
		return;
	err = obuf_reserve(l, ppp_hdlc_encode_max(len));
	if (err < 0) {
		tcp_failed(s, err);
		return;
	}
	l->olen += ppp_hdlc_encode(&l->htx, frame, len, l->obuf + l->olen, true);
	err = tcp_flush(s);
	if (err < 0)
		tcp_failed(s, err);
	else
		tcp_update_events(s);
}

static void frame_received(void *ctx, uint8_t *frame, size_t len)
{
	struct lg_session *s = ctx;

	if (!link_of(s)->dead)
		lg_session_frame(s, frame, len);
}

static void tcp_readable(struct lg_session *s)
{
	struct tcp_link *l = link_of(s);
	static uint8_t buf[TCP_READ_CHUNK];	/* one loop, one thread */
	int i;

	for (i = 0; i < 4 && !l->dead; i++) {
		ssize_t n = recv(l->fd, buf, sizeof(buf), MSG_DONTWAIT);

		if (n == 0) {
			tcp_failed(s, 0);
			return;
		}
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				tcp_failed(s, -errno);
			return;
		}
		ppp_hdlc_decode(&l->hrx, buf, n, frame_received, s);
		if ((size_t)n < sizeof(buf))
			return;
	}
}

static void tcp_connected(struct lg_session *s)
{
	struct tcp_link *l = link_of(s);
	int err = 0;
	socklen_t elen = sizeof(err);

	if (getsockopt(l->fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
		err = errno;
	if (err) {
		tcp_failed(s, -err);
		return;
	}
	l->connected = true;
	tcp_update_events(s);
	if (!l->dead)
		lg_session_lower_up(s);
}

static void tcp_event(void *ctx, uint32_t events)
{
	struct lg_session *s = ctx;
	struct tcp_link *l = link_of(s);
	int err;

	if (!l->connected) {
		if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
			tcp_connected(s);
		return;
	}
	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
		tcp_readable(s);
	if (!l->dead && (events & EPOLLOUT)) {
		err = tcp_flush(s);
		if (err < 0)
			tcp_failed(s, err);
		else
			tcp_update_events(s);
	}
}

static int tcp_bind_source(struct lg_session *s, int fd)
{
	const struct lg_ctx *c = s->ctx;
	struct sockaddr_in src = { .sin_family = AF_INET };
	int one = 1;

	if (!c->source_base.s_addr)
		return 0;
	src.sin_addr.s_addr = htonl(ntohl(c->source_base.s_addr) +
				    s->idx % (c->sources ? c->sources : 1));
	/* Pick the port at connect time: 64k ports per (source, server) pair. */
	setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one));
	return bind(fd, (struct sockaddr *)&src, sizeof(src)) < 0 ? -errno : 0;
}

static int tcp_open(struct lg_session *s)
{
	struct tcp_link *l = calloc(1, sizeof(*l));
	int fd, one = 1, err;

	if (!l)
		return -ENOMEM;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		err = -errno;
		goto err_free;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	err = tcp_bind_source(s, fd);
	if (err < 0)
		goto err_close;
	if (connect(fd, (const struct sockaddr *)&s->ctx->server,
		    sizeof(s->ctx->server)) < 0 && errno != EINPROGRESS) {
		err = -errno;
		goto err_close;
	}
	/* Until LCP says otherwise: escape all controls, accept any ACCM. */
	ppp_hdlc_tx_init(&l->htx, 0xffffffff, false);
	ppp_hdlc_rx_init(&l->hrx, l->rxframe, sizeof(l->rxframe), 0xffffffff, false);
	l->fd = fd;
	err = nl_io_add(s->ctx->loop, &l->io, fd, EPOLLOUT, tcp_event, s);
	if (err < 0)
		goto err_close;
	s->tr_priv = l;
	return 0;

err_close:
	close(fd);
err_free:
	free(l);
	return err;
}

static void tcp_set_accm(struct lg_session *s, uint32_t tx, uint32_t rx)
{
	struct tcp_link *l = link_of(s);

	if (!l)
		return;
	ppp_hdlc_tx_init(&l->htx, tx, false);
	l->hrx.accm = rx;
}

static void tcp_close(struct lg_session *s)
{
	struct tcp_link *l = link_of(s);

	if (!l)
		return;
	if (!l->dead)
		tcp_flush(s);	/* a last Terminate-Ack, best effort */
	nl_io_del(s->ctx->loop, &l->io);
	close(l->fd);
	free(l->obuf);
	free(l);
	s->tr_priv = NULL;
}

const struct lg_transport_ops lg_tcp_transport = {
	.open = tcp_open,
	.send = tcp_send,
	.set_accm = tcp_set_accm,
	.close = tcp_close,
};
