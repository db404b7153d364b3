// SPDX-License-Identifier: GPL-2.0
/*
 * The client side of one PPP link, glued to the libppp automaton the way
 * daemon/lcp.c and daemon/ncp.c do it, but with only what a load generator
 * needs: no interface, no scripts, no options file. Teardown always goes
 * through s->timer at 0 ms, so nothing is freed under a running callback
 * (the deframer, the FSM, or the event loop's batch of ready descriptors).
 */
#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "libppp/auth.h"
#include "libppp/ppp.h"
#include "libppp/pppoe.h"

#include "icmp.h"
#include "session.h"

enum {
	MD5_LEN = 16,
	AUTH_RESTART_MS = 3000,
	AUTH_MAX_TRIES = 10,
	PING_INTERVAL_MS = 1000,
	PING_MAX_TRIES = 5,
	TERM_RESTART_MS = 1000,	/* wait this long for a Terminate-Ack, twice */
	FRAME_MAX = PPP_HDR_MAX + PPP_MRU_DEFAULT,
};

static const char *const reason_names[LG_NREASONS] = {
	[LG_OK] = "ok",
	[LG_CONNECT_REFUSED] = "connect_refused",
	[LG_CONNECT_ERROR] = "connect_error",
	[LG_TIMEOUT] = "timeout",
	[LG_AUTH_FAILED] = "auth_failed",
	[LG_NEG_FAILED] = "negotiation_failed",
	[LG_PEER_CLOSED] = "closed_by_peer",
	[LG_ABORTED] = "aborted",
};

const char *lg_reason_name(enum lg_reason r)
{
	return r < LG_NREASONS ? reason_names[r] : "?";
}

uint64_t lg_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static struct lg_session *fsm_session(struct ppp_fsm *f)
{
	return f->priv;
}

static void sess_send(struct lg_session *s, uint16_t proto, const uint8_t *p,
		      size_t len)
{
	uint8_t frame[FRAME_MAX];
	size_t hl;

	if (len > sizeof(frame) - PPP_HDR_MAX || !s->tr_priv)
		return;
	hl = ppp_hdr_build(frame, proto, s->tx_acfc, s->tx_pfc);
	memcpy(frame + hl, p, len);
	s->ctx->tr->send(s, frame, hl + len);
}

/* --- teardown ------------------------------------------------------------ */

static void reap(void *ctx)
{
	struct lg_session *s = ctx;
	struct nl_loop *l = s->ctx->loop;

	nl_timer_cancel(l, &s->lcp_timer);
	nl_timer_cancel(l, &s->ipcp_timer);
	nl_timer_cancel(l, &s->aux_timer);
	nl_timer_cancel(l, &s->timer);
	s->ctx->tr->close(s);
	s->state = LG_DONE;
	if (s->ping_pending) {
		s->ping_pending = false;
		s->ctx->ping_done(s);
	}
	s->ctx->finished(s);
}

static void schedule_reap(struct lg_session *s)
{
	s->timer.fn = reap;
	nl_timer_arm(s->ctx->loop, &s->timer, 0);
}

/* Give up on a session that is not up yet, or note that an up one dropped. */
static void sess_fail(struct lg_session *s, enum lg_reason why, const char *detail)
{
	enum lg_state was = s->state;

	if (was == LG_DONE || s->timer.fn == reap)
		return;
	schedule_reap(s);
	if (was == LG_CLOSING)
		return;	/* we were leaving anyway */
	if (was == LG_UP) {
		s->dropped = true;
		s->state = LG_CLOSING;
		if (!s->ctx->quiet)
			fprintf(stderr, "loadgen: session %u dropped: %s\n", s->idx, detail);
		return;
	}
	if (!s->reason)
		s->reason = why;
	s->state = LG_CLOSING;
	if (!s->ctx->quiet)
		fprintf(stderr, "loadgen: session %u failed: %s (%s)\n", s->idx,
			lg_reason_name(s->reason), detail);
	s->ctx->settled(s);
}

/* --- LCP ------------------------------------------------------------------ */

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
	return ppp_lcp_recv_nak(&fsm_session(f)->lcpn, p, len, last);
}

static int lcp_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	return ppp_lcp_recv_rej(&fsm_session(f)->lcpn, p, len);
}

static int lcp_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t len,
			uint8_t *out, size_t cap, size_t *outlen, bool no_nak)
{
	struct lg_session *s = fsm_session(f);
	int ret = ppp_lcp_recv_req(&s->lcpn, p, len, out, cap, outlen, no_nak);

	if (s->lcpn.looped)
		sess_fail(s, LG_NEG_FAILED, "LCP loopback detected");
	return ret;
}

static void auth_start(struct lg_session *s);

static void lcp_up(struct ppp_fsm *f)
{
	struct lg_session *s = fsm_session(f);
	const struct ppp_lcp_opts *his = &s->lcpn.his, *got = &s->lcpn.got;

	s->ctx->tr->set_accm(s, his->neg_accm ? his->accm : 0xffffffff,
			     got->neg_accm ? got->accm : 0xffffffff);
	s->tx_acfc = his->neg_acfc;
	s->tx_pfc = his->neg_pfc;
	auth_start(s);
}

static void lcp_down(struct ppp_fsm *f)
{
	struct lg_session *s = fsm_session(f);

	nl_timer_cancel(s->ctx->loop, &s->aux_timer);
	if (s->ipcp.state != PPP_FSM_INITIAL)
		ppp_fsm_lower_down(&s->ipcp);
	ppp_fsm_close(&s->ipcp, NULL);
	s->tx_acfc = s->tx_pfc = false;
}

static void lcp_finished(struct ppp_fsm *f)
{
	struct lg_session *s = fsm_session(f);

	if (s->state == LG_CLOSING)
		schedule_reap(s);
	else
		sess_fail(s, LG_NEG_FAILED, "LCP finished");
}

static uint32_t our_magic(struct lg_session *s)
{
	return s->lcpn.got.neg_magic ? s->lcpn.got.magic : 0;
}

static int lcp_recv_code(struct ppp_fsm *f, uint8_t code, uint8_t id,
			 const uint8_t *p, size_t len)
{
	struct lg_session *s = fsm_session(f);
	uint8_t reply[PPP_MRU_DEFAULT];

	switch (code) {
	case PPP_ECHOREQ:
		/* RFC 1661 5.8: answered in the Opened state only. */
		if (f->state != PPP_FSM_OPENED || len < 4 || len > sizeof(reply))
			return 0;
		ppp_put_be32(reply, our_magic(s));
		memcpy(reply + 4, p + 4, len - 4);
		ppp_fsm_send(f, PPP_ECHOREP, id, reply, len);
		return 0;
	case PPP_PROTREJ:
		if (f->state == PPP_FSM_OPENED && len >= 2 &&
		    ppp_get_be16(p) == PPP_PROTO_IPCP)
			ppp_fsm_proto_rejected(&s->ipcp);
		return 0;
	case PPP_ECHOREP:
	case PPP_DISCREQ:
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* The Terminate-Ack goes out first: teardown waits for a timer. */
static void lcp_peer_terminated(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	struct lg_session *s = fsm_session(f);
	char msg[80] = "LCP terminated by the server: ";
	size_t i, at = strlen(msg);

	for (i = 0; i < len && at + 1 < sizeof(msg); i++)
		msg[at++] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '.';
	msg[at] = 0;
	sess_fail(s, LG_PEER_CLOSED, msg);
}

static void lcp_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	sess_send(fsm_session(f), PPP_PROTO_LCP, pkt, len);
}

static void lcp_timer(struct ppp_fsm *f, uint32_t ms)
{
	struct lg_session *s = fsm_session(f);

	if (ms)
		nl_timer_arm(s->ctx->loop, &s->lcp_timer, ms);
	else
		nl_timer_cancel(s->ctx->loop, &s->lcp_timer);
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

static void lcp_timeout(void *ctx)
{
	ppp_fsm_timeout(&((struct lg_session *)ctx)->lcp);
}

/* Magic numbers need only differ between the two ends: no syscall per session. */
static uint32_t magic32(void *ctx)
{
	static uint64_t x;

	if (!x && getrandom(&x, sizeof(x), 0) != sizeof(x))
		x = lg_now_us() | 1;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (uint32_t)(x >> 16);
}

static void lcp_setup(struct lg_session *s)
{
	struct ppp_lcp_neg *n = &s->lcpn;

	ppp_fsm_init(&s->lcp, &lcp_ops, s, PPP_PROTO_LCP);
	memset(n, 0, sizeof(*n));
	n->want.mru = PPP_MRU_DEFAULT;
	n->want.neg_accm = true;	/* asyncmap 0, as pppd asks by default */
	n->want.accm = 0;
	n->want.neg_magic = true;
	n->want.neg_pfc = true;
	n->want.neg_acfc = true;
	n->allow_pfc = n->allow_acfc = n->allow_magic = true;
	if (s->ctx->tr->packet) {
		/* RFC 2516 7: no ACCM, no ACFC; MRU at most 1492. */
		n->want.mru = PPP_PPPOE_PAYLOAD_MAX - 2;
		n->want.neg_accm = n->want.neg_acfc = n->allow_acfc = false;
	}
	if (s->ctx->user)
		n->allow_auth = PPP_AUTH_CHAP_MD5 | PPP_AUTH_PAP;
	n->mru_min = PPP_MRU_MIN;
	n->random32 = magic32;
}

/* --- IPCP ----------------------------------------------------------------- */

static void ping_send(void *ctx);

static void ipcp_reset(struct ppp_fsm *f)
{
	ppp_ipcp_reset(&fsm_session(f)->ipcpn);
}

static size_t ipcp_build_req(struct ppp_fsm *f, uint8_t *b, size_t c)
{
	return ppp_ipcp_build_req(&fsm_session(f)->ipcpn, b, c);
}

static int ipcp_recv_ack(struct ppp_fsm *f, const uint8_t *p, size_t l)
{
	return ppp_ipcp_recv_ack(&fsm_session(f)->ipcpn, p, l);
}

static int ipcp_recv_nak(struct ppp_fsm *f, const uint8_t *p, size_t l, bool last)
{
	return ppp_ipcp_recv_nak(&fsm_session(f)->ipcpn, p, l, last);
}

static int ipcp_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t l)
{
	return ppp_ipcp_recv_rej(&fsm_session(f)->ipcpn, p, l);
}

static int ipcp_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t l,
			 uint8_t *o, size_t c, size_t *ol, bool nn)
{
	return ppp_ipcp_recv_req(&fsm_session(f)->ipcpn, p, l, o, c, ol, nn);
}

static void ipcp_up(struct ppp_fsm *f)
{
	struct lg_session *s = fsm_session(f);

	s->local_ip = s->ipcpn.got.addr;
	s->remote_ip = s->ipcpn.his.addr;
	if (!s->local_ip) {
		sess_fail(s, LG_NEG_FAILED, "IPCP gave us no address");
		return;
	}
	if (s->state != LG_NEGOTIATING)
		return;		/* a renegotiation on a running link */
	s->t_up_us = lg_now_us();
	s->state = LG_UP;
	s->was_up = true;
	nl_timer_cancel(s->ctx->loop, &s->timer);
	s->ctx->settled(s);
	if (s->ctx->ping && s->state == LG_UP) {
		s->tries = 0;
		s->aux_timer.fn = ping_send;
		ping_send(s);
	}
}

static void ipcp_finished(struct ppp_fsm *f)
{
	struct lg_session *s = fsm_session(f);

	/* LCP going down takes IPCP with it; LCP's own callbacks decide then. */
	if (s->lcp.state != PPP_FSM_OPENED)
		return;
	if (s->state == LG_NEGOTIATING) {
		if (!s->reason)
			s->reason = LG_NEG_FAILED;
		if (!s->ctx->quiet)
			fprintf(stderr, "loadgen: session %u failed: %s (IPCP finished)\n",
				s->idx, lg_reason_name(s->reason));
	} else if (s->state == LG_UP) {
		s->dropped = true;
	} else {
		return;
	}
	lg_session_close(s);
}

static void ipcp_send(struct ppp_fsm *f, const uint8_t *pkt, size_t len)
{
	sess_send(fsm_session(f), PPP_PROTO_IPCP, pkt, len);
}

static void ipcp_timer(struct ppp_fsm *f, uint32_t ms)
{
	struct lg_session *s = fsm_session(f);

	if (ms)
		nl_timer_arm(s->ctx->loop, &s->ipcp_timer, ms);
	else
		nl_timer_cancel(s->ctx->loop, &s->ipcp_timer);
}

static const struct ppp_fsm_ops ipcp_ops = {
	.reset = ipcp_reset,
	.build_req = ipcp_build_req,
	.recv_ack = ipcp_recv_ack,
	.recv_nak = ipcp_recv_nak,
	.recv_rej = ipcp_recv_rej,
	.recv_req = ipcp_recv_req,
	.up = ipcp_up,
	.finished = ipcp_finished,
	.send = ipcp_send,
	.timer = ipcp_timer,
};

static void ipcp_timeout(void *ctx)
{
	ppp_fsm_timeout(&((struct lg_session *)ctx)->ipcp);
}

static void ipcp_setup(struct lg_session *s)
{
	struct ppp_ipcp_neg *n = &s->ipcpn;

	ppp_fsm_init(&s->ipcp, &ipcp_ops, s, PPP_PROTO_IPCP);
	memset(n, 0, sizeof(*n));
	n->accept_local = true;		/* ask for 0.0.0.0, take the server's Nak */
	n->accept_remote = true;
}

/* --- authentication (we are the authenticatee) ---------------------------- */

static void network_start(struct lg_session *s)
{
	s->auth_done = true;
	nl_timer_cancel(s->ctx->loop, &s->aux_timer);
	ppp_fsm_open(&s->ipcp);
	ppp_fsm_lower_up(&s->ipcp);
}

static void pap_send(void *ctx)
{
	struct lg_session *s = ctx;
	const struct lg_ctx *c = s->ctx;
	uint8_t pkt[600];
	size_t len;

	if (s->tries >= AUTH_MAX_TRIES) {
		sess_fail(s, LG_AUTH_FAILED, "no answer to PAP Authenticate-Request");
		return;
	}
	len = ppp_pap_build_req(pkt, sizeof(pkt), ++s->auth_id,
				(const uint8_t *)c->user, strlen(c->user),
				(const uint8_t *)c->password, strlen(c->password));
	if (!len) {
		sess_fail(s, LG_AUTH_FAILED, "user name or password longer than 255 bytes");
		return;
	}
	s->tries++;
	sess_send(s, PPP_PROTO_PAP, pkt, len);
	OPENSSL_cleanse(pkt, sizeof(pkt));
	nl_timer_arm(c->loop, &s->aux_timer, AUTH_RESTART_MS);
}

static void auth_start(struct lg_session *s)
{
	s->auth_proto = s->lcpn.his.auth;
	s->tries = 0;
	if (s->auth_proto == PPP_PROTO_PAP) {
		s->aux_timer.fn = pap_send;
		pap_send(s);
	} else if (s->auth_proto != PPP_PROTO_CHAP) {
		network_start(s);	/* the server asked for nothing */
	}
	/* CHAP: wait for the Challenge. */
}

static void pap_input(struct lg_session *s, const uint8_t *p, size_t len)
{
	if (s->auth_proto != PPP_PROTO_PAP || s->auth_done || p[1] != s->auth_id)
		return;
	if (p[0] == PPP_PAP_ACK)
		network_start(s);
	else if (p[0] == PPP_PAP_NAK)
		sess_fail(s, LG_AUTH_FAILED, "PAP Authenticate-Nak");
}

/* Response = MD5(Identifier || secret || Challenge), RFC 1994 section 4.1. */
static int chap_md5(uint8_t id, const char *secret, const uint8_t *chal,
		    size_t chal_len, uint8_t out[MD5_LEN])
{
	size_t slen = strlen(secret);
	uint8_t buf[1 + 255 + 255];
	unsigned int n = 0;
	int ok;

	if (slen > 255 || chal_len > 255)
		return -EINVAL;
	buf[0] = id;
	memcpy(buf + 1, secret, slen);
	memcpy(buf + 1 + slen, chal, chal_len);
	ok = EVP_Digest(buf, 1 + slen + chal_len, out, &n, EVP_md5(), NULL);
	OPENSSL_cleanse(buf, sizeof(buf));
	return ok && n == MD5_LEN ? 0 : -EIO;
}

void lg_session_warmup(void)
{
	uint8_t chal[1] = { 0 }, out[MD5_LEN];

	chap_md5(0, "", chal, sizeof(chal), out);
}

static void chap_challenge(struct lg_session *s, uint8_t id, const uint8_t *p,
			   size_t len)
{
	const struct lg_ctx *c = s->ctx;
	struct ppp_chap_msg m;
	uint8_t value[MD5_LEN], pkt[600];
	size_t n;

	if (ppp_chap_parse(p, len, &m) < 0)
		return;
	if (chap_md5(id, c->password, m.value, m.value_len, value) < 0) {
		sess_fail(s, LG_AUTH_FAILED, "cannot compute the CHAP response");
		return;
	}
	n = ppp_chap_build(pkt, sizeof(pkt), PPP_CHAP_RESPONSE, id, value,
			   sizeof(value), (const uint8_t *)c->user, strlen(c->user));
	OPENSSL_cleanse(value, sizeof(value));
	s->auth_id = id;
	if (n)
		sess_send(s, PPP_PROTO_CHAP, pkt, n);
}

static void chap_input(struct lg_session *s, const uint8_t *p, size_t len)
{
	if (s->auth_proto != PPP_PROTO_CHAP)
		return;
	switch (p[0]) {
	case PPP_CHAP_CHALLENGE:
		/* A rechallenge (chap-interval) on a running link is answered too. */
		chap_challenge(s, p[1], p + PPP_CP_HDRLEN, len - PPP_CP_HDRLEN);
		return;
	case PPP_CHAP_SUCCESS:
		if (p[1] == s->auth_id && !s->auth_done)
			network_start(s);
		return;
	case PPP_CHAP_FAILURE:
		if (p[1] == s->auth_id)
			sess_fail(s, LG_AUTH_FAILED, "CHAP Failure");
		return;
	}
}

static void auth_input(struct lg_session *s, uint16_t proto, const uint8_t *p,
		       size_t len)
{
	size_t plen;

	if (len < PPP_CP_HDRLEN)
		return;
	plen = ppp_get_be16(p + 2);
	if (plen < PPP_CP_HDRLEN || plen > len)
		return;
	if (proto == PPP_PROTO_PAP)
		pap_input(s, p, plen);
	else
		chap_input(s, p, plen);
}

/* --- IPv4: the echo responder and our one ping ----------------------------- */

static void ping_send(void *ctx)
{
	struct lg_session *s = ctx;
	uint8_t pkt[LG_ICMP_ECHO_LEN];
	size_t len;

	if (s->state != LG_UP)
		return;
	if (s->tries >= PING_MAX_TRIES) {
		s->ping_pending = false;
		s->ctx->ping_done(s);
		return;
	}
	s->ping_pending = true;
	s->tries++;
	len = lg_icmp_echo_build(pkt, sizeof(pkt), s->local_ip, s->remote_ip,
				 (uint16_t)s->idx, s->tries);
	sess_send(s, PPP_PROTO_IP, pkt, len);
	nl_timer_arm(s->ctx->loop, &s->aux_timer, PING_INTERVAL_MS);
}

static void ip_input(struct lg_session *s, uint8_t *p, size_t len)
{
	size_t n;

	if (s->ipcp.state != PPP_FSM_OPENED)
		return;
	n = lg_icmp_echo_reply(p, len, s->local_ip);
	if (n) {
		sess_send(s, PPP_PROTO_IP, p, n);
		return;
	}
	if (s->ping_pending &&
	    lg_icmp_is_reply(p, len, s->local_ip, s->remote_ip, (uint16_t)s->idx)) {
		s->ping_ok = true;
		s->ping_pending = false;
		nl_timer_cancel(s->ctx->loop, &s->aux_timer);
		s->ctx->ping_done(s);
	}
}

/* --- frames in ------------------------------------------------------------ */

/* RFC 1661 5.7: the rejected protocol, two bytes even if it came compressed. */
static void proto_reject(struct lg_session *s, uint16_t proto,
			 const uint8_t *info, size_t len)
{
	uint8_t data[PPP_MRU_DEFAULT - PPP_CP_HDRLEN];

	if (len > sizeof(data) - 2)
		len = sizeof(data) - 2;
	ppp_put_be16(data, proto);
	memcpy(data + 2, info, len);
	ppp_fsm_send(&s->lcp, PPP_PROTREJ, ++s->lcp.id, data, len + 2);
}

void lg_session_frame(struct lg_session *s, uint8_t *frame, size_t len)
{
	uint16_t proto;
	int hl = ppp_hdr_parse(frame, len, &proto);
	uint8_t *p = frame + hl;
	size_t plen = len - hl;

	if (hl < 0 || (s->state != LG_NEGOTIATING && s->state != LG_UP &&
		       s->state != LG_CLOSING))
		return;
	if (proto == PPP_PROTO_LCP) {
		ppp_fsm_input(&s->lcp, p, plen);
		return;
	}
	if (s->lcp.state != PPP_FSM_OPENED)
		return;		/* RFC 1661 5: nothing else before LCP is open */
	switch (proto) {
	case PPP_PROTO_PAP:
	case PPP_PROTO_CHAP:
		auth_input(s, proto, p, plen);
		return;
	case PPP_PROTO_IPCP:
		ppp_fsm_input(&s->ipcp, p, plen);
		return;
	case PPP_PROTO_IP:
		ip_input(s, p, plen);
		return;
	default:
		proto_reject(s, proto, p, plen);
	}
}

/* --- lifecycle ------------------------------------------------------------- */

static void deadline(void *ctx)
{
	sess_fail(ctx, LG_TIMEOUT, "no IPCP Opened before the timeout");
}

void lg_session_init(struct lg_session *s, struct lg_ctx *ctx, unsigned int idx)
{
	memset(s, 0, sizeof(*s));
	s->ctx = ctx;
	s->idx = idx;
	lcp_setup(s);
	ipcp_setup(s);
	nl_timer_init(&s->lcp_timer, lcp_timeout, s);
	nl_timer_init(&s->ipcp_timer, ipcp_timeout, s);
	nl_timer_init(&s->aux_timer, pap_send, s);
	nl_timer_init(&s->timer, deadline, s);
}

void lg_session_start(struct lg_session *s)
{
	int err;

	s->state = LG_CONNECTING;
	s->t_start_us = lg_now_us();
	nl_timer_arm(s->ctx->loop, &s->timer, s->ctx->timeout_ms);
	err = s->ctx->tr->open(s);
	if (err < 0)
		lg_session_lower_down(s, err);
}

void lg_session_lower_up(struct lg_session *s)
{
	if (s->state != LG_CONNECTING)
		return;
	s->state = LG_NEGOTIATING;
	ppp_fsm_open(&s->lcp);
	ppp_fsm_lower_up(&s->lcp);
}

void lg_session_lower_down(struct lg_session *s, int err)
{
	char msg[96];

	if (s->state == LG_CONNECTING) {
		snprintf(msg, sizeof(msg), "connect: %s", strerror(-err));
		sess_fail(s, err == -ECONNREFUSED ? LG_CONNECT_REFUSED :
			  LG_CONNECT_ERROR, msg);
		return;
	}
	snprintf(msg, sizeof(msg), "connection %s",
		 err ? strerror(-err) : "closed by the server");
	sess_fail(s, LG_PEER_CLOSED, msg);
}

static void close_session(struct lg_session *s, bool terminate)
{
	switch (s->state) {
	case LG_IDLE:
		s->state = LG_DONE;
		return;
	case LG_CONNECTING:
		sess_fail(s, LG_ABORTED, "interrupted");
		return;
	case LG_NEGOTIATING:
		if (!s->reason)
			s->reason = LG_ABORTED;
		s->ctx->settled(s);
		break;
	case LG_UP:
		break;
	default:
		return;
	}
	s->state = LG_CLOSING;
	nl_timer_cancel(s->ctx->loop, &s->aux_timer);
	nl_timer_cancel(s->ctx->loop, &s->timer);
	if (!terminate) {
		schedule_reap(s);
		return;
	}
	s->lcp.restart_ms = TERM_RESTART_MS;
	ppp_fsm_close(&s->lcp, "loadgen done");
	/* Nothing to wait for if LCP was not far enough to send a Terminate. */
	if (s->lcp.state != PPP_FSM_CLOSING && s->lcp.state != PPP_FSM_STOPPING)
		schedule_reap(s);
}

void lg_session_close(struct lg_session *s)
{
	close_session(s, true);
}

void lg_session_drop(struct lg_session *s)
{
	close_session(s, false);
}

void lg_session_abort(struct lg_session *s)
{
	if (s->state == LG_DONE || s->state == LG_IDLE)
		return;
	if (s->state != LG_CLOSING)
		lg_session_close(s);
	if (s->state != LG_DONE)
		schedule_reap(s);
}
