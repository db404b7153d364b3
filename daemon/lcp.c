// SPDX-License-Identifier: GPL-2.0
/*
 * LCP on the RFC 1661 automaton: option negotiation comes from libppp/lcp.c;
 * this file adds what needs the session: loopback handling, Echo for
 * dead-peer detection, Protocol-Reject in both directions.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "libppp/ppp.h"

#include "log.h"
#include "session.h"

static struct nl_session *fsm_session(struct ppp_fsm *f)
{
	return f->priv;
}

static void check_loop(struct nl_session *s)
{
	if (s->lcpn.looped && s->lcp.state != PPP_FSM_CLOSING) {
		nl_err("Serial line is looped back.");
		nl_session_close(s, "Loopback detected", NL_EXIT_LOOPBACK);
	}
}

static void lcp_reset(struct ppp_fsm *f)
{
	ppp_lcp_reset(&fsm_session(f)->lcpn);
}

static size_t lcp_build_req(struct ppp_fsm *f, uint8_t *buf, size_t cap)
{
	return ppp_lcp_build_req(&fsm_session(f)->lcpn, buf, cap);
}

static int lcp_recv_ack(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	return ppp_lcp_recv_ack(&fsm_session(f)->lcpn, p, len);
}

static int lcp_recv_nak(struct ppp_fsm *f, const uint8_t *p, size_t len, bool last)
{
	struct nl_session *s = fsm_session(f);
	int ret = ppp_lcp_recv_nak(&s->lcpn, p, len, last);

	check_loop(s);
	return ret;
}

static int lcp_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	return ppp_lcp_recv_rej(&fsm_session(f)->lcpn, p, len);
}

static int lcp_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t len,
			uint8_t *out, size_t cap, size_t *outlen, bool no_nak)
{
	struct nl_session *s = fsm_session(f);
	int ret = ppp_lcp_recv_req(&s->lcpn, p, len, out, cap, outlen, no_nak);

	check_loop(s);
	return ret;
}

static void lcp_up(struct ppp_fsm *f)
{
	nl_session_lcp_up(fsm_session(f));
}

static void lcp_down(struct ppp_fsm *f)
{
	nl_session_lcp_down(fsm_session(f));
}

static void lcp_finished(struct ppp_fsm *f)
{
	struct nl_session *s = fsm_session(f);

	if (s->phase == NL_PHASE_ESTABLISH && s->exit_status < 0)
		nl_err("LCP: timeout sending Config-Requests");
	nl_session_set_status(s, NL_EXIT_NEGOTIATION_FAILED);
	nl_session_lcp_finished(s);
}

static uint32_t our_magic(struct nl_session *s)
{
	return s->lcpn.got.neg_magic ? s->lcpn.got.magic : 0;
}

static int lcp_recv_code(struct ppp_fsm *f, uint8_t code, uint8_t id,
			 const uint8_t *p, size_t len)
{
	struct nl_session *s = fsm_session(f);
	uint8_t reply[PPP_MRU_MAX];

	switch (code) {
	case PPP_PROTREJ:
		if (len < 2)
			return 0;
		if (f->state != PPP_FSM_OPENED)
			return 0;
		{
			uint16_t proto = ppp_get_be16(p);

			nl_warn("Protocol-Reject for %s (0x%04x) received",
				ppp_proto_name(proto) ? ppp_proto_name(proto) : "unknown",
				proto);
			if (proto == PPP_PROTO_LCP)
				nl_session_close(s, "LCP rejected", NL_EXIT_NEGOTIATION_FAILED);
			else
				nl_ncp_rejected(s, proto);
		}
		return 0;
	case PPP_ECHOREQ:
		/* RFC 1661 5.8: only answered in the Opened state. */
		if (f->state != PPP_FSM_OPENED || len < 4)
			return 0;
		if (s->lcpn.got.neg_magic && ppp_get_be32(p) == our_magic(s)) {
			nl_warn("appear to have received our own echo-request!");
			return 0;
		}
		if (len > sizeof(reply))
			len = sizeof(reply);
		ppp_put_be32(reply, our_magic(s));
		memcpy(reply + 4, p + 4, len - 4);
		ppp_fsm_send(f, PPP_ECHOREP, id, reply, len);
		return 0;
	case PPP_ECHOREP:
		if (f->state == PPP_FSM_OPENED && len >= 4)
			s->echo_pending = 0;
		return 0;
	case PPP_DISCREQ:
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static void lcp_peer_terminated(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	struct nl_session *s = fsm_session(f);
	char msg[128];
	size_t i, n = len < sizeof(msg) - 1 ? len : sizeof(msg) - 1;

	for (i = 0; i < n; i++)
		msg[i] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '.';
	msg[n] = 0;
	nl_notice("LCP terminated by peer%s%s", n ? ": " : "", msg);
	nl_session_set_status(s, NL_EXIT_OK);
}

static void lcp_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	nl_session_send(fsm_session(f), PPP_PROTO_LCP, pkt, len);
}

static void lcp_timer(struct ppp_fsm *f, uint32_t ms)
{
	struct nl_session *s = fsm_session(f);

	if (ms)
		nl_timer_arm(s->loop, &s->lcp_timer, ms);
	else
		nl_timer_cancel(s->loop, &s->lcp_timer);
}

static const struct ppp_fsm_ops lcp_ops = {
	.reset = lcp_reset,
	.build_req = lcp_build_req,
	.recv_ack = lcp_recv_ack,
	.recv_nak = lcp_recv_nak,
	.recv_rej = lcp_recv_rej,
	.recv_req = lcp_recv_req,
	.up = lcp_up,
	.down = lcp_down,
	.finished = lcp_finished,
	.recv_code = lcp_recv_code,
	.peer_terminated = lcp_peer_terminated,
	.send = lcp_send,
	.timer = lcp_timer,
};

static void echo_timeout(void *ctx);

static void lcp_timeout(void *ctx)
{
	struct nl_session *s = ctx;

	ppp_fsm_timeout(&s->lcp);
}

static uint32_t session_random32(void *ctx)
{
	uint32_t v = 0;

	while (!v) {
		if (getrandom(&v, sizeof(v), 0) != sizeof(v))
			v = (uint32_t)random() ^ (uint32_t)nl_now_ms() << 16;
	}
	return v;
}

void nl_lcp_init(struct nl_session *s)
{
	const struct nl_config *c = s->cfg;
	struct ppp_lcp_neg *n = &s->lcpn;

	ppp_fsm_init(&s->lcp, &lcp_ops, s, PPP_PROTO_LCP);
	s->lcp.restart_ms = c->lcp.restart * 1000;
	s->lcp.max_configure = c->lcp.max_configure;
	s->lcp.max_terminate = c->lcp.max_terminate;
	s->lcp.max_failure = c->lcp.max_failure;
	s->lcp.passive = c->passive || c->silent;
	nl_timer_init(&s->lcp_timer, lcp_timeout, s);
	nl_timer_init(&s->echo_timer, echo_timeout, s);

	memset(n, 0, sizeof(*n));
	n->want.neg_mru = c->mru != 0;
	n->want.mru = c->mru ? c->mru : PPP_MRU_DEFAULT;
	/* RFC 1662: the ACCM is for async links; a sync device escapes nothing. */
	n->want.neg_accm = !c->sync;
	n->want.accm = c->asyncmap;
	n->want.neg_magic = !c->nomagic;
	n->want.neg_pfc = !c->nopcomp;
	n->want.neg_acfc = !c->noaccomp;
	n->allow_pfc = !c->nopcomp;
	n->allow_acfc = !c->noaccomp;
	n->allow_magic = true;
	n->mru_min = PPP_MRU_MIN;
	if (c->require_chap)
		n->require_auth |= PPP_AUTH_CHAP_MD5;
	if (c->require_pap)
		n->require_auth |= PPP_AUTH_PAP;
	if (c->auth && !n->require_auth)
		n->require_auth = PPP_AUTH_CHAP_MD5 | PPP_AUTH_PAP;
	if (!c->refuse_chap)
		n->allow_auth |= PPP_AUTH_CHAP_MD5;
	if (!c->refuse_pap)
		n->allow_auth |= PPP_AUTH_PAP;
	n->random32 = session_random32;
	n->random_ctx = s;
}

void nl_lcp_input(struct nl_session *s, const uint8_t *p, size_t len)
{
	ppp_fsm_input(&s->lcp, p, len);
}

void nl_lcp_proto_reject(struct nl_session *s, uint16_t proto,
			 const uint8_t *info, size_t len)
{
	uint8_t data[PPP_MRU_DEFAULT];
	size_t max = s->peer_mru > PPP_CP_HDRLEN + 2 ? s->peer_mru - PPP_CP_HDRLEN - 2 : 0;

	if (s->lcp.state != PPP_FSM_OPENED)
		return;
	if (max > sizeof(data) - 2)
		max = sizeof(data) - 2;
	if (len > max)
		len = max;
	nl_dbg("Protocol-Reject for unsupported protocol 0x%04x", proto);
	ppp_put_be16(data, proto);
	memcpy(data + 2, info, len);
	ppp_fsm_send(&s->lcp, PPP_PROTREJ, ++s->lcp.id, data, len + 2);
}

static void echo_timeout(void *ctx)
{
	struct nl_session *s = ctx;
	const struct nl_config *c = s->cfg;
	uint8_t data[4];

	if (s->lcp.state != PPP_FSM_OPENED)
		return;
	if (c->lcp_echo_failure && s->echo_pending >= c->lcp_echo_failure) {
		nl_notice("No response to %u echo-requests", s->echo_pending);
		nl_notice("Serial link appears to be disconnected.");
		nl_session_close(s, "Peer not responding", NL_EXIT_PEER_DEAD);
		return;
	}
	ppp_put_be32(data, our_magic(s));
	ppp_fsm_send(&s->lcp, PPP_ECHOREQ, ++s->lcp.id, data, sizeof(data));
	s->echo_pending++;
	nl_timer_arm(s->loop, &s->echo_timer, (uint64_t)c->lcp_echo_interval * 1000);
}

void nl_lcp_echo_start(struct nl_session *s)
{
	s->echo_pending = 0;
	if (s->cfg->lcp_echo_interval)
		nl_timer_arm(s->loop, &s->echo_timer,
			     (uint64_t)s->cfg->lcp_echo_interval * 1000);
}

void nl_lcp_echo_stop(struct nl_session *s)
{
	nl_timer_cancel(s->loop, &s->echo_timer);
}
