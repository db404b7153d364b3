// SPDX-License-Identifier: GPL-2.0
/*
 * LCP on the RFC 1661 automaton: option negotiation comes from libppp/lcp.c;
 * this file adds loopback handling, `silent`, Echo for dead-peer detection
 * and round-trip time, and Protocol-Reject in both directions.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "libppp/lcp.h"
#include "libppp/ppp.h"

#include "config.h"
#include "dump.h"
#include "mschap.h"
#include "proto/auth.h"
#include "link.h"
#include "log.h"
#include "proto/lcp.h"

struct lcp {
	struct nl_cp cp;		/* first: the shared glue */
	struct ppp_lcp_neg n;
	struct nl_timer echo_timer;
	unsigned int echo_pending;
	uint64_t echo_sent_ms;
	int64_t echo_rtt_ms;		/* -1 until the first reply */
	uint64_t echo_requests, echo_replies;
	bool silent_wait;		/* `silent`: nothing sent until the peer speaks */
	bool peer_ended;		/* a Terminate-Request since our last fresh request */
};

static struct lcp *lcp_of_fsm(struct ppp_fsm *f)
{
	return (struct lcp *)nl_cp_of(f);
}

static struct nl_link *link_of(struct ppp_fsm *f)
{
	return nl_cp_of(f)->pi->link;
}

static void check_loop(struct ppp_fsm *f)
{
	if (lcp_of_fsm(f)->n.looped && f->state != PPP_FSM_CLOSING) {
		nl_err("Serial line is looped back.");
		nl_link_close(link_of(f), "Loopback detected", NL_EXIT_LOOPBACK);
	}
}

static void fsm_reset(struct ppp_fsm *f)
{
	lcp_of_fsm(f)->peer_ended = false;
	ppp_lcp_reset(&lcp_of_fsm(f)->n);
}

static size_t fsm_build_req(struct ppp_fsm *f, uint8_t *buf, size_t cap)
{
	return ppp_lcp_build_req(&lcp_of_fsm(f)->n, buf, cap);
}

static int fsm_recv_ack(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	return ppp_lcp_recv_ack(&lcp_of_fsm(f)->n, p, len);
}

static int fsm_recv_nak(struct ppp_fsm *f, const uint8_t *p, size_t len, bool last)
{
	int ret = ppp_lcp_recv_nak(&lcp_of_fsm(f)->n, p, len, last);

	check_loop(f);
	return ret;
}

static int fsm_recv_rej(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	return ppp_lcp_recv_rej(&lcp_of_fsm(f)->n, p, len);
}

static int fsm_recv_req(struct ppp_fsm *f, const uint8_t *p, size_t len,
			uint8_t *out, size_t cap, size_t *outlen, bool no_nak)
{
	int ret = ppp_lcp_recv_req(&lcp_of_fsm(f)->n, p, len, out, cap, outlen, no_nak);

	check_loop(f);
	return ret;
}

static void echo_start(struct lcp *c, struct nl_link *l);
static void echo_stop(struct lcp *c, struct nl_link *l);

static void fsm_up(struct ppp_fsm *f)
{
	struct lcp *c = lcp_of_fsm(f);
	struct nl_link *l = link_of(f);
	const struct ppp_lcp_opts *his = &c->n.his, *got = &c->n.got;
	struct nl_lcp_result r;
	int i;

	memset(&r, 0, sizeof(r));
	/* What we send: the peer's map (RFC 1662 7.1) plus our `escape`s. */
	for (i = 0; i < 8; i++)
		r.lp.tx_map[i] = l->cfg->escape[i];
	r.lp.tx_map[0] |= his->neg_accm ? his->accm : 0xffffffff;
	r.lp.rx_accm = got->neg_accm ? got->accm : 0xffffffff;
	r.lp.tx_acfc = his->neg_acfc;
	r.lp.tx_pfc = his->neg_pfc;
	r.lp.rx_acfc = got->neg_acfc;
	r.lp.rx_pfc = got->neg_pfc;
	r.lp.peer_mru = his->neg_mru ? his->mru : PPP_MRU_DEFAULT;
	r.lp.mru = got->neg_mru ? got->mru : PPP_MRU_DEFAULT;
	r.lp.framing = l->lp.framing;
	r.auth_peer = got->auth;
	r.auth_ours = his->auth;
	r.chap_alg_peer = got->auth == PPP_PROTO_CHAP ? got->chap_alg : 0;
	r.chap_alg_ours = his->auth == PPP_PROTO_CHAP ? his->chap_alg : 0;
	r.auth_required = c->n.require_auth && !got->auth;
	echo_start(c, l);
	nl_link_lcp_up(l, &r);
}

static void fsm_down(struct ppp_fsm *f)
{
	echo_stop(lcp_of_fsm(f), link_of(f));
	nl_link_lcp_down(link_of(f));
}

static void fsm_finished(struct ppp_fsm *f)
{
	struct nl_link *l = link_of(f);

	/*
	 * The peer's Terminate-Request also ends here (Stopping, then the
	 * Restart timer), in the establish phase its link-down went back to.
	 */
	if (l->phase == NL_PHASE_ESTABLISH && f->rejected)
		nl_err("LCP: the peer Code-Rejected a basic LCP packet: it does not speak LCP");
	else if (l->phase == NL_PHASE_ESTABLISH && !lcp_of_fsm(f)->peer_ended)
		nl_err("LCP: timeout sending Config-Requests");
	nl_link_set_status(l, NL_EXIT_NEGOTIATION_FAILED);
	nl_link_lcp_finished(l);
}

static uint32_t our_magic(const struct lcp *c)
{
	return c->n.got.neg_magic ? c->n.got.magic : 0;
}

static void recv_protrej(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	uint16_t proto;

	if (len < 2 || f->state != PPP_FSM_OPENED)
		return;
	proto = ppp_get_be16(p);
	nl_warn_rl(&link_of(f)->log_rl, "Protocol-Reject for %s (0x%04x) received",
		ppp_proto_name(proto) ? ppp_proto_name(proto) : "unknown", proto);
	nl_link_proto_rejected(link_of(f), proto);
}

static int fsm_recv_code(struct ppp_fsm *f, uint8_t code, uint8_t id,
			 const uint8_t *p, size_t len)
{
	struct lcp *c = lcp_of_fsm(f);
	uint8_t reply[PPP_MRU_DEFAULT];

	switch (code) {
	case PPP_PROTREJ:
		recv_protrej(f, p, len);
		return 0;
	case PPP_ECHOREQ:
		/* RFC 1661 5.8: only answered in the Opened state. */
		if (f->state != PPP_FSM_OPENED || len < 4)
			return 0;
		if (c->n.got.neg_magic && ppp_get_be32(p) == our_magic(c)) {
			nl_warn_rl(&link_of(f)->log_rl,
				   "appear to have received our own echo-request!");
			return 0;
		}
		/* Never more than the peer's MRU allows, nor than we keep. */
		if (len > sizeof(reply) - PPP_CP_HDRLEN)
			len = sizeof(reply) - PPP_CP_HDRLEN;
		ppp_put_be32(reply, our_magic(c));
		memcpy(reply + 4, p + 4, len - 4);
		ppp_fsm_send(f, PPP_ECHOREP, id, reply, len);
		return 0;
	case PPP_ECHOREP:
		if (f->state == PPP_FSM_OPENED && len >= 4) {
			if (c->echo_pending)
				c->echo_rtt_ms = (int64_t)(nl_now_ms() - c->echo_sent_ms);
			c->echo_pending = 0;
			c->echo_replies++;
		}
		return 0;
	case PPP_DISCREQ:
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static void fsm_peer_terminated(struct ppp_fsm *f, const uint8_t *p, size_t len)
{
	char msg[128];
	size_t i, n = len < sizeof(msg) - 1 ? len : sizeof(msg) - 1;

	for (i = 0; i < n; i++)
		msg[i] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '.';
	msg[n] = 0;
	nl_notice("LCP terminated by peer%s%s", n ? ": " : "", msg);
	lcp_of_fsm(f)->peer_ended = true;
	nl_link_set_status(link_of(f), NL_EXIT_OK);
}

static const struct ppp_fsm_ops fsm_ops = {
	.reset = fsm_reset,
	.build_req = fsm_build_req,
	.recv_ack = fsm_recv_ack,
	.recv_nak = fsm_recv_nak,
	.recv_rej = fsm_recv_rej,
	.recv_req = fsm_recv_req,
	.up = fsm_up,
	.down = fsm_down,
	.finished = fsm_finished,
	.recv_code = fsm_recv_code,
	.peer_terminated = fsm_peer_terminated,
	.send = nl_cp_send,
	.timer = nl_cp_timer,
};

/* --- echo ------------------------------------------------------------------ */

static void echo_timeout(void *ctx)
{
	struct lcp *c = ctx;
	struct nl_link *l = c->cp.pi->link;
	const struct nl_config *cfg = l->cfg;
	uint8_t data[4];

	if (c->cp.fsm.state != PPP_FSM_OPENED)
		return;
	if (cfg->lcp_echo_failure && c->echo_pending >= cfg->lcp_echo_failure) {
		nl_notice("No response to %u echo-requests", c->echo_pending);
		nl_notice("Serial link appears to be disconnected.");
		nl_link_close(l, "Peer not responding", NL_EXIT_PEER_DEAD);
		return;
	}
	ppp_put_be32(data, our_magic(c));
	ppp_fsm_send(&c->cp.fsm, PPP_ECHOREQ, ++c->cp.fsm.id, data, sizeof(data));
	if (!c->echo_pending)
		c->echo_sent_ms = nl_now_ms();
	c->echo_pending++;
	c->echo_requests++;
	nl_timer_arm(l->loop, &c->echo_timer, (uint64_t)cfg->lcp_echo_interval * 1000);
}

static void echo_start(struct lcp *c, struct nl_link *l)
{
	c->echo_pending = 0;
	if (l->cfg->lcp_echo_interval)
		nl_timer_arm(l->loop, &c->echo_timer,
			     (uint64_t)l->cfg->lcp_echo_interval * 1000);
}

static void echo_stop(struct lcp *c, struct nl_link *l)
{
	nl_timer_cancel(l->loop, &c->echo_timer);
}

/* --- the table entry ------------------------------------------------------- */

static uint32_t link_random32(void *ctx)
{
	uint32_t v = 0;

	while (!v) {
		if (getrandom(&v, sizeof(v), 0) != sizeof(v))
			v = (uint32_t)random() ^ (uint32_t)nl_now_ms() << 16;
	}
	return v;
}

static void lcp_init(struct nl_proto_inst *pi)
{
	struct lcp *c = pi->state;
	const struct nl_config *cfg = pi->link->cfg;
	struct ppp_lcp_neg *n = &c->n;

	nl_cp_init(pi, &fsm_ops, cfg->lcp.restart, cfg->lcp.max_configure,
		   cfg->lcp.max_terminate, cfg->lcp.max_failure);
	c->cp.fsm.passive = cfg->passive;
	nl_timer_init(&c->echo_timer, echo_timeout, c);
	c->echo_rtt_ms = -1;

	n->want.neg_mru = cfg->mru != 0;
	n->want.mru = cfg->mru ? cfg->mru : PPP_MRU_DEFAULT;
	/* What the transport carries caps it (PPPoE: RFC 2516 7, RFC 4638). */
	if (pi->link->tr.mtu && n->want.mru > pi->link->tr.mtu) {
		n->want.mru = pi->link->tr.mtu;
		n->want.neg_mru = true;
	}
	/* RFC 1662: the ACCM is for async links; sync and packet links escape nothing. */
	n->want.neg_accm = pi->link->lp.framing == NL_FRAMING_ASYNC && !cfg->default_asyncmap;
	n->want.accm = cfg->asyncmap;
	n->want.neg_magic = !cfg->nomagic;
	n->want.neg_pfc = !cfg->nopcomp;
	n->want.neg_acfc = !cfg->noaccomp;
	n->allow_pfc = !cfg->nopcomp;
	n->allow_acfc = !cfg->noaccomp;
	/* RFC 2516 7: no ACFC on PPPoE, neither asked for nor accepted. */
	if (pi->link->lp.framing == NL_FRAMING_NONE)
		n->want.neg_acfc = n->allow_acfc = false;
	n->allow_magic = true;
	n->mru_min = PPP_MRU_MIN;
	if (cfg->require_chap)
		n->require_auth |= PPP_AUTH_CHAP_MD5;
	if (cfg->require_mschap)
		n->require_auth |= PPP_AUTH_MSCHAP;
	if (cfg->require_mschap_v2)
		n->require_auth |= PPP_AUTH_MSCHAP_V2;
	if (cfg->require_pap)
		n->require_auth |= PPP_AUTH_PAP;
	/* `auth` alone: every CHAP variant, strongest first, then PAP (pppd). */
	if (cfg->auth && !n->require_auth)
		n->require_auth = PPP_AUTH_CHAP_ANY | PPP_AUTH_PAP;
	if (!cfg->refuse_chap)
		n->allow_auth |= PPP_AUTH_CHAP_MD5;
	if (!cfg->refuse_mschap)
		n->allow_auth |= PPP_AUTH_MSCHAP;
	if (!cfg->refuse_mschap_v2)
		n->allow_auth |= PPP_AUTH_MSCHAP_V2;
	if (!cfg->refuse_pap)
		n->allow_auth |= PPP_AUTH_PAP;
	/* Without OpenSSL's legacy provider there is no MS-CHAP (one line said). */
	if (nl_mschap_crypto_init() < 0) {
		n->require_auth &= ~(unsigned int)(PPP_AUTH_MSCHAP | PPP_AUTH_MSCHAP_V2);
		n->allow_auth &= ~(unsigned int)(PPP_AUTH_MSCHAP | PPP_AUTH_MSCHAP_V2);
	}
	n->random32 = link_random32;
	n->random_ctx = c;
}

static void lcp_fini(struct nl_proto_inst *pi)
{
	struct lcp *c = pi->state;

	echo_stop(c, pi->link);
	nl_cp_fini(pi);
}

static void lcp_lower_up(struct nl_proto_inst *pi)
{
	struct lcp *c = pi->state;

	/* pppd's `silent`: no Configure-Request until the peer sends LCP. */
	if (pi->link->cfg->silent) {
		c->silent_wait = true;
		return;
	}
	nl_cp_open_up(pi);
}

static void lcp_input(struct nl_proto_inst *pi, const uint8_t *p, size_t len)
{
	struct lcp *c = pi->state;

	if (c->silent_wait) {
		c->silent_wait = false;
		nl_cp_open_up(pi);
	}
	nl_cp_input(pi, p, len);
}

static void lcp_lower_down(struct nl_proto_inst *pi)
{
	struct lcp *c = pi->state;

	c->silent_wait = false;
	echo_stop(c, pi->link);
	ppp_fsm_lower_down(&c->cp.fsm);
}

static void lcp_close(struct nl_proto_inst *pi, const char *reason)
{
	struct lcp *c = pi->state;

	c->silent_wait = false;
	ppp_fsm_close(&c->cp.fsm, reason);
}

static void lcp_rejected(struct nl_proto_inst *pi)
{
	nl_link_close(pi->link, "LCP rejected", NL_EXIT_NEGOTIATION_FAILED);
}

static struct json_object *opts_json(const struct ppp_lcp_opts *o, bool valid)
{
	struct json_object *j = json_object_new_object();
	char accm[16];

	snprintf(accm, sizeof(accm), "0x%08x", o->neg_accm ? o->accm : 0xffffffffu);
	json_object_object_add(j, "mru", json_object_new_int(valid && o->neg_mru ? o->mru :
							      PPP_MRU_DEFAULT));
	json_object_object_add(j, "accm", json_object_new_string(accm));
	json_object_object_add(j, "magic", json_object_new_int64(valid && o->neg_magic ?
								  o->magic : 0));
	json_object_object_add(j, "pfc", json_object_new_boolean(valid && o->neg_pfc));
	json_object_object_add(j, "acfc", json_object_new_boolean(valid && o->neg_acfc));
	json_object_object_add(j, "auth", valid && o->auth ?
			       json_object_new_string(nl_auth_method_name(o->auth, o->chap_alg)) :
			       NULL);
	return j;
}

static struct json_object *lcp_status(const struct nl_proto_inst *pi)
{
	const struct lcp *c = pi->state;
	const struct nl_config *cfg = pi->link->cfg;
	bool up = c->cp.fsm.state == PPP_FSM_OPENED;
	struct json_object *o = nl_cp_status(pi), *e = json_object_new_object();

	json_object_object_add(o, "ours", opts_json(&c->n.got, up));
	json_object_object_add(o, "peer", opts_json(&c->n.his, up));
	json_object_object_add(e, "interval_s", json_object_new_int(cfg->lcp_echo_interval));
	json_object_object_add(e, "failure_limit", json_object_new_int(cfg->lcp_echo_failure));
	json_object_object_add(e, "pending", json_object_new_int(c->echo_pending));
	json_object_object_add(e, "rtt_ms", c->echo_rtt_ms < 0 ? NULL :
			       json_object_new_int64(c->echo_rtt_ms));
	json_object_object_add(o, "echo", e);
	return o;
}

const struct nl_proto nl_proto_lcp = {
	.number = PPP_PROTO_LCP,
	.name = "lcp",
	.layer = NL_LAYER_LINK,
	.state_size = sizeof(struct lcp),
	.init = lcp_init,
	.fini = lcp_fini,
	.input = lcp_input,
	.lower_up = lcp_lower_up,
	.lower_down = lcp_lower_down,
	.close = lcp_close,
	.rejected = lcp_rejected,
	.active = nl_cp_active,
	.status = lcp_status,
	.describe = nl_describe_packet,
};

/* --- for the link ---------------------------------------------------------- */

int nl_lcp_opened(const struct nl_proto_inst *pi)
{
	const struct lcp *c = pi->state;

	return c && c->cp.fsm.state == PPP_FSM_OPENED;
}

void nl_lcp_protocol_reject(struct nl_proto_inst *pi, uint16_t proto,
			    const uint8_t *info, size_t len)
{
	struct lcp *c = pi->state;
	uint8_t data[PPP_MRU_DEFAULT];
	unsigned int peer_mru = pi->link->lp.peer_mru;
	size_t max = peer_mru > PPP_CP_HDRLEN + 2 ? peer_mru - PPP_CP_HDRLEN - 2 : 0;

	if (!nl_lcp_opened(pi))
		return;
	if (max > sizeof(data) - 2)
		max = sizeof(data) - 2;
	if (len > max)
		len = max;
	ppp_put_be16(data, proto);
	memcpy(data + 2, info, len);
	ppp_fsm_send(&c->cp.fsm, PPP_PROTREJ, ++c->cp.fsm.id, data, len + 2);
}

void nl_lcp_echo_stats(const struct nl_proto_inst *pi, uint64_t *requests,
		       uint64_t *replies, int64_t *rtt_ms)
{
	const struct lcp *c = pi->state;

	*requests = c ? c->echo_requests : 0;
	*replies = c ? c->echo_replies : 0;
	*rtt_ms = c ? c->echo_rtt_ms : -1;
}
