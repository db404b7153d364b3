// SPDX-License-Identifier: GPL-2.0
/*
 * The link: bytes from the transport are deframed and dispatched by
 * protocol; IP packets from the data plane are framed and queued for the
 * transport. Phases (RFC 1661 section 3.2) are driven from here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "libppp/ppp.h"

#include "log.h"
#include "session.h"
#include "dump.h"

enum {
	OBUF_INITIAL = 256 * 1024,
	OBUF_HIGH = 128 * 1024,	/* pause the data plane above this backlog */
	OBUF_LOW = 32 * 1024,	/* and resume below this */
	RX_CHUNK = 64 * 1024,
	TUN_BATCH = 64,
};

static const char *const phase_names[] = {
	[NL_PHASE_DEAD] = "dead",
	[NL_PHASE_ESTABLISH] = "establish",
	[NL_PHASE_AUTHENTICATE] = "authenticate",
	[NL_PHASE_NETWORK] = "network",
	[NL_PHASE_RUNNING] = "running",
	[NL_PHASE_TERMINATE] = "terminate",
};

const char *nl_phase_name(enum nl_phase p)
{
	return p < sizeof(phase_names) / sizeof(phase_names[0]) ? phase_names[p] : "?";
}

void nl_session_set_phase(struct nl_session *s, enum nl_phase p)
{
	if (s->phase != p)
		nl_dbg("%s: phase %s", s->dp.ifname[0] ? s->dp.ifname : "link",
		       nl_phase_name(p));
	s->phase = p;
}

/* --- transmit ------------------------------------------------------------ */

/* The kernel plane carries data itself; the daemon sees control frames only. */
static bool kernel_plane(const struct nl_session *s)
{
	return s->dp.ops && s->dp.ops->input;
}

static void tr_update_events(struct nl_session *s);
static void push_link_params(struct nl_session *s, unsigned int mru);

static int obuf_reserve(struct nl_session *s, size_t need)
{
	if (s->olen + need <= s->ocap)
		return 0;
	if (s->ooff) {
		memmove(s->obuf, s->obuf + s->ooff, s->olen - s->ooff);
		s->olen -= s->ooff;
		s->ooff = 0;
		if (s->olen + need <= s->ocap)
			return 0;
	}
	size_t cap = s->ocap ? s->ocap : OBUF_INITIAL;
	while (cap < s->olen + need)
		cap *= 2;
	uint8_t *n = realloc(s->obuf, cap);
	if (!n)
		return -ENOMEM;
	s->obuf = n;
	s->ocap = cap;
	return 0;
}

static void set_dp_paused(struct nl_session *s, bool pause)
{
	if (s->dp_paused == pause || s->dp_io.fd < 0)
		return;
	s->dp_paused = pause;
	nl_io_mod(s->loop, &s->dp_io, pause ? 0 : EPOLLIN);
}

/*
 * Sync framing keeps each frame behind a 2-byte length in obuf and writes it
 * with a write of its own: the device (or the program at the other end of a
 * pty) takes one write as one frame. Returns what write() returned, with a
 * short write counted as the whole frame: its tail cannot follow on its own.
 */
static ssize_t write_sync_frame(struct nl_session *s)
{
	size_t len = (size_t)s->obuf[s->ooff] << 8 | s->obuf[s->ooff + 1];
	ssize_t n = write(s->tr.wfd, s->obuf + s->ooff + 2, len);

	if (n >= 0 && (size_t)n < len)
		s->ctr.tx_dropped++;
	return n < 0 ? n : (ssize_t)len + 2;
}

static void flush_output(struct nl_session *s)
{
	while (s->ooff < s->olen) {
		ssize_t n = s->cfg->sync ? write_sync_frame(s) :
			    write(s->tr.wfd, s->obuf + s->ooff, s->olen - s->ooff);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN) {
				/* The far end is gone; reading will tell us. */
				s->ooff = s->olen = 0;
			}
			break;
		}
		s->ooff += n;
	}
	if (s->ooff == s->olen)
		s->ooff = s->olen = 0;
	if (s->olen - s->ooff < OBUF_LOW)
		set_dp_paused(s, false);
	tr_update_events(s);
}

/* Frame @frame (header already in place) and queue it. */
static void queue_frame(struct nl_session *s, const uint8_t *frame, size_t len)
{
	bool sync = s->cfg->sync;

	if (s->tr.wfd < 0 ||
	    obuf_reserve(s, sync ? len + 2 : ppp_hdlc_encode_max(len)) < 0) {
		s->ctr.tx_dropped++;
		return;
	}
	if (sync) {
		s->obuf[s->olen] = len >> 8;
		s->obuf[s->olen + 1] = len & 0xff;
		memcpy(s->obuf + s->olen + 2, frame, len);
		s->olen += len + 2;
	} else {
		s->olen += ppp_hdlc_encode(&s->htx, frame, len, s->obuf + s->olen,
					   s->olen == s->ooff);
	}
	s->ctr.tx_frames++;
	s->ctr.tx_bytes += len;
}

void nl_session_send(struct nl_session *s, uint16_t proto, const uint8_t *p,
		     size_t len)
{
	uint8_t frame[PPP_HDR_MAX + 4096];
	size_t hl;

	if (len > sizeof(frame) - PPP_HDR_MAX) {
		s->ctr.tx_dropped++;
		return;
	}
	if (nl_log_debug_enabled() && proto >= 0x8000)
		nl_dump_packet(s, "sent", proto, p, len);
	if (kernel_plane(s)) {
		if (s->dp.ops->send(&s->dp, proto, p, len) < 0)
			s->ctr.tx_dropped++;
		s->ctr.tx_frames++;
		s->ctr.tx_bytes += len;
		return;
	}
	hl = ppp_hdr_build(frame, proto, s->tx_acfc, s->tx_pfc);
	memcpy(frame + hl, p, len);
	queue_frame(s, frame, hl + len);
	flush_output(s);
}

/* --- the data plane ---------------------------------------------------- */

static void dp_readable(void *ctx, uint32_t events)
{
	struct nl_session *s = ctx;
	uint8_t buf[PPP_HDR_MAX + PPP_MRU_MAX];
	int i;

	for (i = 0; i < TUN_BATCH; i++) {
		uint8_t *pkt = buf + PPP_HDR_MAX;
		ssize_t n = read(s->dp.fd, pkt, sizeof(buf) - PPP_HDR_MAX);
		uint16_t proto;
		size_t hl;

		if (n <= 0)
			break;
		if ((pkt[0] >> 4) == 4 && s->ip_up)
			proto = PPP_PROTO_IP;
		else if ((pkt[0] >> 4) == 6 && s->ipv6_up)
			proto = PPP_PROTO_IPV6;
		else {
			s->ctr.tx_dropped++;
			continue;
		}
		if ((size_t)n > s->peer_mru) {
			s->ctr.tx_dropped++;
			continue;
		}
		hl = ppp_hdr_build(buf, proto, s->tx_acfc, s->tx_pfc);
		if (hl < PPP_HDR_MAX)
			memmove(buf + PPP_HDR_MAX - hl, buf, hl);
		queue_frame(s, buf + PPP_HDR_MAX - hl, hl + n);
		s->ctr.tx_ip++;
		s->ctr.tx_ip_bytes += n;
		s->last_data = nl_now_ms();
		if (s->olen - s->ooff > OBUF_HIGH)
			break;
	}
	flush_output(s);
	if (s->olen - s->ooff > OBUF_HIGH)
		set_dp_paused(s, true);
}

static void dp_kernel_io(void *ctx, uint32_t events)
{
	struct nl_session *s = ctx;

	s->dp.ops->input(&s->dp);
}

static void dp_kernel_frame(void *ctx, uint16_t proto, const uint8_t *p, size_t len)
{
	struct nl_session *s = ctx;

	s->ctr.rx_frames++;
	s->ctr.rx_bytes += len;
	nl_session_input(s, proto, p, len);
}

static void dp_kernel_down(void *ctx, int reason)
{
	nl_session_hangup(ctx);
}

static void deliver_ip(struct nl_session *s, const uint8_t *p, size_t len)
{
	if (s->dp.fd < 0 || write(s->dp.fd, p, len) < 0) {
		s->ctr.rx_dropped++;
		return;
	}
	s->ctr.rx_ip++;
	s->ctr.rx_ip_bytes += len;
	s->last_data = nl_now_ms();
}

/* --- receive ------------------------------------------------------------- */

void nl_session_input(struct nl_session *s, uint16_t proto, const uint8_t *p,
		      size_t n)
{
	if (nl_log_debug_enabled() && proto >= 0x8000)
		nl_dump_packet(s, "rcvd", proto, p, n);

	if (proto == PPP_PROTO_LCP) {
		nl_lcp_input(s, p, n);
		return;
	}
	/* RFC 1661 3.4: only LCP until LCP is Opened. */
	if (s->lcp.state != PPP_FSM_OPENED) {
		s->ctr.rx_dropped++;
		return;
	}
	switch (proto) {
	case PPP_PROTO_PAP:
	case PPP_PROTO_CHAP:
		nl_auth_input(s, proto, p, n);
		return;
	case PPP_PROTO_IPCP:
	case PPP_PROTO_IPV6CP:
		if (s->phase < NL_PHASE_NETWORK) {
			s->ctr.rx_dropped++;
			return;
		}
		nl_ncp_input(s, proto, p, n);
		return;
	case PPP_PROTO_IP:
		if (s->ip_up)
			deliver_ip(s, p, n);
		else
			s->ctr.rx_dropped++;
		return;
	case PPP_PROTO_IPV6:
		if (s->ipv6_up)
			deliver_ip(s, p, n);
		else
			s->ctr.rx_dropped++;
		return;
	default:
		s->ctr.rx_unknown_proto++;
		nl_lcp_proto_reject(s, proto, p, n);
		return;
	}
}

/* One deframed frame from the transport (user data plane). */
static void frame_received(void *ctx, uint8_t *frame, size_t len)
{
	struct nl_session *s = ctx;
	uint16_t proto;
	int hl = ppp_hdr_parse(frame, len, &proto);

	s->ctr.rx_frames++;
	s->ctr.rx_bytes += len;
	if (hl < 0) {
		s->ctr.rx_dropped++;
		return;
	}
	nl_session_input(s, proto, frame + hl, len - hl);
}

static void tr_io(void *ctx, uint32_t events)
{
	struct nl_session *s = ctx;

	if (events & EPOLLOUT)
		flush_output(s);
	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
		uint8_t buf[RX_CHUNK];

		for (;;) {
			ssize_t n = read(s->tr.rfd, buf, sizeof(buf));

			if (n > 0) {
				if (s->cfg->sync)
					ppp_sync_decode(&s->srx, buf, n, frame_received, s);
				else
					ppp_hdlc_decode(&s->hrx, buf, n, frame_received, s);
				if (s->tr.rfd < 0)
					return;	/* the link went down meanwhile */
				continue;
			}
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0 && errno == EAGAIN)
				break;
			/* EOF, or EIO from a pty whose other side closed. */
			nl_session_hangup(s);
			return;
		}
	}
}

static void tr_wio(void *ctx, uint32_t events)
{
	flush_output(ctx);
}

static void tr_update_events(struct nl_session *s)
{
	bool want_out = s->olen > s->ooff;

	if (s->tr.rfd < 0)
		return;
	if (s->tr.wfd == s->tr.rfd) {
		nl_io_mod(s->loop, &s->tr_io, EPOLLIN | (want_out ? EPOLLOUT : 0));
		return;
	}
	if (want_out && s->tr_wio.fd < 0)
		nl_io_add(s->loop, &s->tr_wio, s->tr.wfd, EPOLLOUT, tr_wio, s);
	else if (!want_out && s->tr_wio.fd >= 0)
		nl_io_del(s->loop, &s->tr_wio);
}

/* --- lifecycle ----------------------------------------------------------- */

static void reset_framing(struct nl_session *s)
{
	int i;

	/* RFC 1662 7.1: all control characters escaped until LCP says otherwise. */
	ppp_hdlc_tx_init(&s->htx, 0xffffffff, false);
	for (i = 0; i < 8; i++)
		s->htx.map[i] |= s->cfg->escape[i];
	/*
	 * Receive: drop only what we will ask the peer to escape. Until LCP
	 * opens the peer escapes every control character anyway, and the
	 * kernel plane learns of the opening a frame or two after the peer
	 * starts sending under the new map: a full map here would spoil those.
	 */
	s->hrx.accm = s->cfg->sync ? 0 : s->cfg->asyncmap;
	s->tx_acfc = s->tx_pfc = false;
	s->peer_mru = PPP_MRU_DEFAULT;
}

static void dead_timer_fn(void *ctx)
{
	struct nl_session *s = ctx;

	nl_session_stop(s);
	if (s->owner && s->owner->link_dead)
		s->owner->link_dead(s);
}

int nl_session_init(struct nl_session *s, struct nl_loop *loop,
		    const struct nl_config *cfg,
		    const struct nl_session_owner *owner, void *owner_ctx)
{
	memset(s, 0, sizeof(*s));
	s->loop = loop;
	s->cfg = cfg;
	s->owner = owner;
	s->owner_ctx = owner_ctx;
	s->tr.rfd = s->tr.wfd = -1;
	s->tr_io.fd = s->tr_wio.fd = s->dp_io.fd = -1;
	s->dp.fd = -1;
	s->phase = NL_PHASE_DEAD;
	nl_timer_init(&s->dead_timer, dead_timer_fn, s);
	if (cfg->name[0]) {
		snprintf(s->our_name, sizeof(s->our_name), "%s", cfg->name);
	} else if (gethostname(s->our_name, sizeof(s->our_name) - 1) < 0) {
		strcpy(s->our_name, "nlpppd");
	}
	nl_lcp_init(s);
	nl_ncp_init(s);
	return 0;
}

int nl_session_start(struct nl_session *s)
{
	int err;

	s->exit_status = -1;
	s->dying = false;
	memset(&s->ctr, 0, sizeof(s->ctr));
	err = nl_transport_open(&s->tr, s->cfg);
	if (err < 0) {
		s->exit_status = err == -EBUSY ? NL_EXIT_LOCK_FAILED :
				 s->cfg->pty_cmd[0] ? NL_EXIT_PTYCMD_FAILED :
				 NL_EXIT_OPEN_FAILED;
		return err;
	}
	ppp_hdlc_rx_init(&s->hrx, s->rxframe, sizeof(s->rxframe), 0xffffffff, false);
	ppp_sync_rx_init(&s->srx, s->rxframe, sizeof(s->rxframe));
	reset_framing(s);

	s->hung_up = false;
	s->dp.on_frame = dp_kernel_frame;
	s->dp.on_down = dp_kernel_down;
	s->dp.cb_ctx = s;
	err = nl_dataplane_open(&s->dp, s->cfg, s->tr.rfd);
	if (err < 0) {
		s->exit_status = NL_EXIT_NO_KERNEL_SUPPORT;
		goto err_close_transport;
	}
	if (kernel_plane(s)) {
		/* The tty belongs to the line discipline now. */
		err = nl_io_add(s->loop, &s->dp_io, s->dp.fd, EPOLLIN, dp_kernel_io, s);
		if (err < 0)
			goto err_destroy_dp;
		/* The link's framing (sync or async, maps) before LCP's first frame. */
		push_link_params(s, PPP_MRU_DEFAULT);
	} else {
		err = nl_io_add(s->loop, &s->tr_io, s->tr.rfd, EPOLLIN, tr_io, s);
		if (err < 0)
			goto err_destroy_dp;
		err = nl_io_add(s->loop, &s->dp_io, s->dp.fd, EPOLLIN, dp_readable, s);
		if (err < 0)
			goto err_del_tr;
	}
	s->link_start = nl_now_ms();
	nl_info("Using interface %s (%s data plane%s)", s->dp.ifname, s->dp.ops->name,
		s->cfg->sync ? ", sync framing" : "");
	nl_notice("Connect: %s <--> %s", s->dp.ifname, s->tr.devname);
	nl_session_set_phase(s, NL_PHASE_ESTABLISH);
	ppp_fsm_open(&s->lcp);
	ppp_fsm_lower_up(&s->lcp);
	return 0;

err_del_tr:
	nl_io_del(s->loop, &s->tr_io);
err_destroy_dp:
	s->dp.ops->destroy(&s->dp);
err_close_transport:
	nl_transport_close(&s->tr);
	nl_session_set_status(s, NL_EXIT_FATAL_ERROR);
	return err;
}

/* Let the event loop unwind before tearing down: we may be deep in the FSM. */
static void schedule_dead(struct nl_session *s)
{
	if (s->dying)
		return;
	s->dying = true;
	nl_timer_arm(s->loop, &s->dead_timer, 0);
}

void nl_session_set_status(struct nl_session *s, int status)
{
	if (s->exit_status < 0)
		s->exit_status = status;
}

void nl_session_close(struct nl_session *s, const char *reason, int status)
{
	nl_session_set_status(s, status);
	if (s->phase == NL_PHASE_DEAD) {
		schedule_dead(s);
		return;
	}
	nl_session_set_phase(s, NL_PHASE_TERMINATE);
	ppp_fsm_close(&s->lcp, reason);
	if (s->lcp.state == PPP_FSM_CLOSED || s->lcp.state == PPP_FSM_INITIAL ||
	    s->lcp.state == PPP_FSM_STOPPED)
		nl_session_lcp_finished(s);
}

void nl_session_hangup(struct nl_session *s)
{
	if (s->tr.rfd < 0 || s->hung_up)
		return;
	s->hung_up = true;
	nl_notice("Modem hangup");
	nl_session_set_status(s, NL_EXIT_HANGUP);
	nl_io_del(s->loop, &s->tr_io);
	nl_io_del(s->loop, &s->tr_wio);
	/* On the kernel plane the tty is closed after the line discipline is
	 * given back (nl_session_stop), never before. */
	if (!kernel_plane(s))
		nl_transport_close(&s->tr);
	s->olen = s->ooff = 0;
	ppp_fsm_lower_down(&s->lcp);
	nl_session_lcp_finished(s);
}

/* Kernel plane: the framing LCP settled on (or the defaults again). */
static void push_link_params(struct nl_session *s, unsigned int mru)
{
	struct nl_link_params lp;

	if (!kernel_plane(s) || s->hung_up)
		return;
	memset(&lp, 0, sizeof(lp));
	memcpy(lp.tx_map, s->htx.map, sizeof(lp.tx_map));
	lp.rx_accm = s->hrx.accm;
	lp.tx_acfc = s->tx_acfc;
	lp.tx_pfc = s->tx_pfc;
	lp.mru = mru;
	lp.sync = s->cfg->sync;
	s->dp.ops->set_link(&s->dp, &lp);
}

void nl_session_lcp_up(struct nl_session *s)
{
	const struct ppp_lcp_opts *his = &s->lcpn.his, *got = &s->lcpn.got;
	int i;

	ppp_hdlc_tx_init(&s->htx, his->neg_accm ? his->accm : 0xffffffff, false);
	for (i = 0; i < 8; i++)
		s->htx.map[i] |= s->cfg->escape[i];
	s->hrx.accm = got->neg_accm ? got->accm : 0xffffffff;
	s->tx_acfc = his->neg_acfc;
	s->tx_pfc = his->neg_pfc;
	s->peer_mru = his->neg_mru ? his->mru : PPP_MRU_DEFAULT;
	push_link_params(s, got->neg_mru ? got->mru : PPP_MRU_DEFAULT);
	nl_lcp_echo_start(s);
	nl_session_set_phase(s, NL_PHASE_AUTHENTICATE);
	nl_auth_start(s);
}

void nl_session_lcp_down(struct nl_session *s)
{
	nl_lcp_echo_stop(s);
	nl_auth_stop(s);
	nl_ncp_lower_down(s);
	reset_framing(s);
	push_link_params(s, PPP_MRU_DEFAULT);
	if (s->phase != NL_PHASE_DEAD && s->phase != NL_PHASE_TERMINATE)
		nl_session_set_phase(s, NL_PHASE_ESTABLISH);
}

void nl_session_lcp_finished(struct nl_session *s)
{
	if (s->phase == NL_PHASE_DEAD && s->dying)
		return;
	nl_session_set_phase(s, NL_PHASE_DEAD);
	schedule_dead(s);
}

void nl_session_auth_done(struct nl_session *s)
{
	if (s->phase != NL_PHASE_AUTHENTICATE)
		return;
	nl_session_set_phase(s, NL_PHASE_NETWORK);
	nl_ncp_start(s);
}

static void log_counters(struct nl_session *s)
{
	const struct ppp_hdlc_rx_stats *h = s->cfg->sync ? &s->srx.stats : &s->hrx.stats;
	struct nl_dp_stats k;

	if (kernel_plane(s) && s->dp.ops->stats(&s->dp, &k) == 0) {
		nl_info("link counters (kernel): tx %llu frames %llu bytes, rx %llu frames "
			"%llu bytes, %llu fcs errors, %llu frame errors, %llu aborts, "
			"%llu overruns, %llu rx dropped, %llu tx dropped",
			(unsigned long long)k.tx_packets, (unsigned long long)k.tx_bytes,
			(unsigned long long)k.rx_packets, (unsigned long long)k.rx_bytes,
			(unsigned long long)k.rx_fcs_errors,
			(unsigned long long)k.rx_frame_errors,
			(unsigned long long)k.rx_aborts, (unsigned long long)k.rx_overruns,
			(unsigned long long)k.rx_dropped, (unsigned long long)k.tx_dropped);
		return;
	}
	nl_info("link counters: tx %llu frames %llu bytes, rx %llu frames %llu bytes, "
		"%llu fcs errors, %llu runts, %llu oversize, %llu aborts, "
		"%llu rx dropped, %llu tx dropped, %llu unknown protocol",
		(unsigned long long)s->ctr.tx_frames,
		(unsigned long long)s->ctr.tx_bytes,
		(unsigned long long)s->ctr.rx_frames,
		(unsigned long long)s->ctr.rx_bytes,
		(unsigned long long)h->fcs_errors,
		(unsigned long long)h->runts,
		(unsigned long long)h->oversize,
		(unsigned long long)h->aborts,
		(unsigned long long)s->ctr.rx_dropped,
		(unsigned long long)s->ctr.tx_dropped,
		(unsigned long long)s->ctr.rx_unknown_proto);
}

void nl_session_stop(struct nl_session *s)
{
	nl_timer_cancel(s->loop, &s->dead_timer);
	nl_lcp_echo_stop(s);
	nl_auth_stop(s);
	nl_ncp_lower_down(s);
	nl_timer_cancel(s->loop, &s->lcp_timer);
	/* Quietly: the peer was told (or is gone). */
	s->lcp.state = PPP_FSM_INITIAL;
	/* Let the last Terminate-Ack reach the wire before we hang up. */
	if (s->tr.wfd >= 0 && s->olen > s->ooff)
		flush_output(s);
	nl_io_del(s->loop, &s->tr_io);
	nl_io_del(s->loop, &s->tr_wio);
	nl_io_del(s->loop, &s->dp_io);
	if (s->dp.ops) {
		nl_info("Connection terminated.");
		log_counters(s);
		/* First: the kernel plane gives the tty back to N_TTY. */
		s->dp.ops->destroy(&s->dp);
		s->dp.ops = NULL;
	}
	nl_transport_close(&s->tr);
	s->olen = s->ooff = 0;
	s->dp_paused = false;
	s->phase = NL_PHASE_DEAD;
}

void nl_session_fini(struct nl_session *s)
{
	nl_session_stop(s);
	if (s->rtnl) {
		nl_rtnl_close(s->rtnl);
		s->rtnl = NULL;
	}
	free(s->obuf);
	s->obuf = NULL;
	s->ocap = 0;
}
